"""Across documents: events of the same type, occasion, states and plan status merge when their
dates overlap (an undated event stands at its document's publication date, give or take
`UNDATED_WINDOW_DAYS`), when one document repeats the other, or, with no date on either side,
when the same people take part (in the offices the texts give them, held then)."""

from __future__ import annotations

import datetime as dt

from flows.consolidate.event import Event, occasion

UNDATED_WINDOW_DAYS = 3
PLANNED_WINDOW_DAYS = 31  # an announced act with no date of its own: within the next month
MERGE_SPAN_DAYS = 62  # dates this precise (a month or better) can tell one act from another


def _anchor(e: Event, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The span in which another report of the same act would fall."""
    w = dt.timedelta(days=UNDATED_WINDOW_DAYS)
    if e.date_start is not None:
        start, end = e.date_start, e.date_end or e.date_start
        if occasion(e.event_type, e.event_mode) == "visit":  # one outlet dates its start,
            start, end = start - w, end + w  # another a day of talks during it
        return start, end
    if published is not None:  # an announcement looks ahead; a report, a day or two back
        return published - w, published + (dt.timedelta(days=PLANNED_WINDOW_DAYS)
                                           if e.is_planned else w)
    return None


def _same_event(t: Event, e: Event, t_stories: set[str], e_stories: set[str]) -> bool:
    """Whether two events of the same type, states and plan status, read from different
    documents, are one: their dates overlap; or one document repeats the other (they share a
    story); or, with no date to tell, the same two or more people take part."""
    if not t.docs.isdisjoint(e.docs):
        return False
    if not t_stories.isdisjoint(e_stories):
        return True
    if not _terms_agree(t, e):
        return False
    if _precise(t.anchor) and _precise(e.anchor):
        return _spans_agree(t.anchor, e.anchor)
    if t.anchor and e.anchor:  # a year or more says too little to tell two acts apart
        return len(t.persons & e.persons) >= 2 and _spans_agree(t.anchor, e.anchor)
    # a report with no date at all (its document has none): the same person taking part,
    # or the same three or more states; a gathering told with other states, two people
    # ... and an act of one state alone (a president's trip), two: he takes part in most
    if t.countries != e.countries or len(t.countries) < 2:
        return len(t.persons & e.persons) >= 2 or len(t.countries & e.countries) >= 3
    return bool(t.persons & e.persons) or len(t.countries) >= 3


def _nested(a: set[str], b: set[str]) -> bool:
    return a <= b or b <= a


def _precise(anchor: tuple[dt.date, dt.date] | None) -> bool:
    return anchor is not None and (anchor[1] - anchor[0]).days <= MERGE_SPAN_DAYS


def merge_across_documents(events: list[Event], published: dict[str, dt.date | None],
                           story: dict[str, str] | None = None) -> list[Event]:
    """Merge events of different documents that report the same real-world event.

    `story` maps a duplicate document to the document it repeats."""
    story = story or {}
    groups: dict[tuple, list[Event]] = {}
    for e in events:
        e.anchor = _anchor(e, published.get(e.mentions[0].doc_id))
        groups.setdefault(_group_key(e), []).append(e)
    out: list[Event] = []
    for key in sorted(groups):
        out += _merge_group(sorted(groups[key], key=event_sort_key), story)
    # a conference is reported with more or fewer of its states ("the leaders of 27 states",
    # "Putin and Xi"): its reports merge when one list holds the other
    multilateral = [e for e in out if occasion(e.event_type, e.event_mode) == "multilateral"]
    rest = [e for e in out if occasion(e.event_type, e.event_mode) != "multilateral"]
    return _merge_alike(_merge_told_together(
        rest + _merge_group(sorted(multilateral, key=event_sort_key), story, loose=True)))


def _merge_alike(events: list[Event]) -> list[Event]:
    """Codebook: "the same act told twice in one text is one event", and its reports in other
    documents share it. Events dated to a month or better and alike in type, occasion, states,
    plan status, days and people are one act, even where a document reporting both kept them
    apart."""
    kept: dict[tuple, Event] = {}
    out: list[Event] = []
    for e in sorted(events, key=event_sort_key):
        key = _act_key(e)
        if key is not None and key in kept:
            _join(kept[key], e)
            continue
        if key is not None:
            kept[key] = e
        out.append(e)
    return out


def _act_key(e: Event) -> tuple | None:
    """What tells one precisely dated act from another; None for a vaguer date."""
    if not _precise((e.date_start, e.date_end) if e.date_start and e.date_end else None):
        return None
    people = frozenset(p.actor_id for m in e.mentions for p in m.participants
                       if p.kind == "person")
    return (*_group_key(e), e.is_planned, e.date_start, e.date_end, people)


def _merge_told_together(events: list[Event]) -> list[Event]:
    """Two documents that share one event tell one story: their other acts alike in type,
    occasion and states are the same acts too, unless their dates disagree (one outlet names
    the negotiators and the date of the talks, the other only "the parties signed")."""
    # each document is tagged with the events it shares with others; two events are told
    # together when their documents share a tag (a few tags a document: linear, where a
    # table of linked documents grows with the square of a widely reported story)
    tags: dict[str, set[int]] = {}
    for n, e in enumerate(events):
        if len(e.docs) > 1:
            for d in e.docs:
                tags.setdefault(d, set()).add(n)
    if not tags:
        return events
    kept: list[Event] = []
    told: dict[tuple, dict[int, Event]] = {}  # (type, occasion, states, tag) -> events kept
    for e in sorted(events, key=event_sort_key):
        key = _group_key(e)
        own = set().union(*(tags.get(d, set()) for d in e.docs))
        target = next((t for tag in sorted(own) for t in told.get((*key, tag), {}).values()
                       if t.docs.isdisjoint(e.docs) and _spans_agree(t.anchor, e.anchor)
                       and _terms_agree(t, e)), None)
        if target is None:
            kept.append(e)
            target = e
        else:
            _join(target, e)
        for tag in own:
            told.setdefault((*key, tag), {})[id(target)] = target
    return kept


def _group_key(e: Event) -> tuple:
    """What events must share to be one act: type, occasion and states."""
    return e.event_type, occasion(e.event_type, e.event_mode), tuple(sorted(e.countries))


def _spans_agree(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> bool:
    """Two spans overlap, or one is missing."""
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def _terms_agree(a: Event, b: Event) -> bool:
    """Each event's date falls in the terms of office the other's people were titled with.
    Titles that do not fit an event's own date (a text calling a past act's minister by his
    office of today) say nothing of when it was, and bound nothing."""
    return (not a.fits_terms(a.anchor) or a.fits_terms(b.anchor)) \
        and (not b.fits_terms(b.anchor) or b.fits_terms(a.anchor))


def _join(t: Event, e: Event) -> None:
    """Event t takes in e, reported elsewhere."""
    for m in e.mentions:  # a mention that only pointed back lends no states (as within)
        t.absorb(m, add_countries=not m.attach_only)
    t.is_planned = t.is_planned and e.is_planned  # announced, then reported as done
    if t.anchor and e.anchor:
        t.anchor = (min(t.anchor[0], e.anchor[0]), max(t.anchor[1], e.anchor[1]))
    else:
        t.anchor = t.anchor or e.anchor


def _merge_group(events: list[Event], story: dict[str, str], loose: bool = False) -> list[Event]:
    """Each event joins the earlier one it is the same as (of several, the one sharing the most
    people with it, else the first), or starts its own. The
    events of a group share their type, occasion and states; `loose`, only type and occasion,
    and states one set of which holds the other."""
    index = _MergeIndex()
    for e in events:
        stories = {story.get(d, d) for d in e.docs}
        matches = [i for i in index.candidates(e, stories)
                   if (not loose or index.events[i].event_type == e.event_type
                       and _nested(index.events[i].countries, e.countries))
                   and _same_event(index.events[i], e, index.stories[i], stories)]
        # of several, the one the most of its people took part in (an undated report of the
        # C5+1 talks Blinken hosted is not the first C5+1 meeting, years before)
        target = max(matches, key=lambda i: (len(index.events[i].persons & e.persons), -i),
                     default=None)
        if target is not None and e.anchor is None and _ambiguous(
                [index.events[i] for i in matches], index.events[target], e):
            target = None
        if target is None:
            index.add(e, stories)
            continue
        _join(index.events[target], e)
        index.extend(target, e, stories)
    return index.events


def _ambiguous(candidates: list[Event], best: Event, e: Event) -> bool:
    """Whether an undated report fits as well two events dated apart (the same two presidents
    met in 2021 and in 2024): it is then left on its own, to be joined by what its document
    shares with another (`_merge_told_together`), not to the first."""
    shared = len(best.persons & e.persons)
    return any(c is not best and len(c.persons & e.persons) == shared and c.anchor and best.anchor
               and not _spans_agree(c.anchor, best.anchor) for c in candidates)


class _MergeIndex:
    """The events of a group so far, indexed by what can make a later event the same one: a
    story (a document, or the one it repeats), a month of the date span, a person. Scanning
    every earlier event instead costs the square of the corpus size."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.stories: list[set[str]] = []
        self.by_story: dict[str, set[int]] = {}
        self.by_month: dict[int, set[int]] = {}
        self.by_person: dict[str, set[int]] = {}
        self.undated: set[int] = set()  # no anchor: matched by people or by its states
        self.by_states: dict[tuple[str, ...], set[int]] = {}  # three or more states

    def add(self, e: Event, stories: set[str]) -> None:
        self.events.append(e)
        self.stories.append(set())
        self.extend(len(self.events) - 1, e, stories)

    def extend(self, i: int, e: Event, stories: set[str]) -> None:
        """Event i has taken in e (its stories and people, and a span grown to cover it)."""
        self.stories[i] |= stories
        for key in stories:
            self.by_story.setdefault(key, set()).add(i)
        # only a precise date finds its match by month; a vague one needs shared people
        for month in _months(self.events[i].anchor if _precise(self.events[i].anchor) else None):
            self.by_month.setdefault(month, set()).add(i)
        if self.events[i].anchor is None:
            self.undated.add(i)
        else:
            self.undated.discard(i)
        if len(e.countries) >= 3:
            self.by_states.setdefault(tuple(sorted(e.countries)), set()).add(i)
        for person in e.persons:
            self.by_person.setdefault(person, set()).add(i)

    def candidates(self, e: Event, stories: set[str]) -> list[int]:
        """Earlier events that may be the same as e, in the order they were added."""
        found: set[int] = set()
        for key in stories:
            found |= self.by_story.get(key, set())
        for month in _months(e.anchor if _precise(e.anchor) else None):
            found |= self.by_month.get(month, set())
        shared: dict[int, int] = {}
        for person in e.persons:
            for i in self.by_person.get(person, ()):
                shared[i] = shared.get(i, 0) + 1
        # with no date on one side, one shared person will do, or the same three or more states
        found |= {i for i, n in shared.items() if n >= 2 or e.anchor is None or i in self.undated}
        if len(e.countries) >= 3:
            same_states = self.by_states.get(tuple(sorted(e.countries)), set())
            found |= same_states if e.anchor is None else same_states & self.undated
        return sorted(found)


def _months(anchor: tuple[dt.date, dt.date] | None) -> range:
    if anchor is None:
        return range(0)
    return range(anchor[0].year * 12 + anchor[0].month, anchor[1].year * 12 + anchor[1].month + 1)


def event_sort_key(e: Event) -> tuple:
    first = min((m.doc_id, m.char_start) for m in e.mentions)
    return (e.date_start or dt.date.max, first)
