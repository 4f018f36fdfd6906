"""Consolidate: mentions into events (one row per real-world event, within and across
documents), and the actors and participants of those events.

Within a document, a mention joins the latest event of the same type with compatible states,
dates and plans; a mention that only points back ("following the meeting") joins the latest
event whatever its type. Across documents, events of the same type, states and plan status
merge when their dates overlap (an undated event stands at its document's publication date,
give or take `UNDATED_WINDOW_DAYS`), when one document repeats the other, or, with no date
on either side, when the same two or more people take part.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from flows.extract.entities import Actor, load_gazetteer
from flows.ids import stable_id
from flows.records import Document, Mention

UNDATED_WINDOW_DAYS = 3
PLANNED_WINDOW_DAYS = 31  # an announced act with no date of its own: within the next month
MERGE_SPAN_DAYS = 62  # dates this precise (a month or better) can tell one act from another
MAX_ACT_DAYS = 14  # the longest span of days one visit or summit is taken to last
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 4, "year": 5,
                  "unknown": 6}


class DocumentDates(NamedTuple):
    """What consolidation needs of a document (a Document has it too)."""

    doc_id: str
    published_date: dt.date | None
    duplicate_of: str | None


@dataclass
class Event:
    event_type: str
    event_mode: str | None
    countries: set[str]
    is_planned: bool
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str = "unknown"
    location: str | None = None
    location_country: str | None = None
    topics: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    anchor: tuple[dt.date, dt.date] | None = None  # the span used to match across documents
    docs: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)  # actor ids of the people taking part

    def absorb(self, m: Mention, add_countries: bool = True) -> None:
        self.mentions.append(m)
        self.docs.add(m.doc_id)
        self.persons |= {p.actor_id for p in m.participants if p.kind == "person"}
        if add_countries:
            self.countries |= set(m.countries)
        self.topics |= set(m.topics)
        if m.date_start and (PRECISION_RANK[m.date_precision] < PRECISION_RANK[self.date_precision]
                             or self._covered_by(m)):
            self.date_start, self.date_end, self.date_precision = (
                m.date_start, m.date_end, m.date_precision)
        if self.location is None and m.location:
            self.location, self.location_country = m.location, m.location_country
        if self.event_mode is None and m.event_mode:
            self.event_mode = m.event_mode


    def _covered_by(self, m: Mention) -> bool:
        """Whether a mention gives the event's days as part of a longer span of days ("the
        summit from Thursday to Friday" after "the summit held on Friday"): the act lasted
        the whole span."""
        return (m.date_precision == self.date_precision == "day" and self.date_start is not None
                and m.date_start <= self.date_start and self.date_end <= m.date_end
                and (m.date_end - m.date_start).days <= MAX_ACT_DAYS
                and (m.date_end - m.date_start) > (self.date_end - self.date_start))


# Codebook: "one event per distinct act. A state visit during which the presidents held talks
# and signed documents is three events: the visit, the talks, the signing." Consultations are
# told apart by their occasion; every other type has one.
OCCASIONS = {"visit": "visit", "phone": "phone", "multilateral": "multilateral"}


def occasion(event_type: str, mode: str | None) -> str:
    """The kind of act an event of this type and mode is: visit, phone, multilateral or
    meeting for consultations (talks and meetings are one), the type for the others."""
    if event_type == "CONSULT":
        return OCCASIONS.get(mode or "", "meeting")
    return event_type


def _dates_compatible(a0, a1, b0, b1) -> bool:
    if a0 is None or b0 is None:
        return True
    return a0 <= b1 and b0 <= a1


def _countries_compatible(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return True
    if a <= b or b <= a:
        return True
    return len(a & b) / len(a | b) >= 0.5


def _new_event(m: Mention) -> Event:
    e = Event(m.event_type, m.event_mode, set(), m.is_planned)
    e.absorb(m)
    return e


def events_of_document(mentions: list[Mention]) -> list[Event]:
    """Merge one document's mentions (in reading order) into its events."""
    events: list[Event] = []
    for m in sorted(mentions, key=lambda x: (x.sentence_index, x.char_start)):
        kind = occasion(m.event_type, m.event_mode)
        if m.attach_only:  # "the visit", "following the talks": the latest such act
            compatible = [e for e in events if _countries_compatible(e.countries, set(m.countries))]
            target = next((e for e in reversed(compatible)
                           if occasion(e.event_type, e.event_mode) == kind), None) \
                or (compatible[-1] if compatible else None)
            if target is not None:
                target.absorb(m, add_countries=False)
            continue
        target = None if m.distinct and _new_person(events, m) else next((e for e in reversed(events)
                       if occasion(e.event_type, e.event_mode) == kind
                       and e.is_planned == m.is_planned
                       and _dates_compatible(e.date_start, e.date_end, m.date_start, m.date_end)
                       and (kind == "multilateral" and _same_gathering(e, m)
                            or _countries_compatible(e.countries, set(m.countries))
                            and _same_counterparts(e, m) and _same_people(e, m))), None)
        if target is None:
            events.append(_new_event(m))
        else:
            target.absorb(m)
    return events


def _same_gathering(e: Event, m: Mention) -> bool:
    """Two reports of a conference in one text are one when they share a state or its days
    ("the summit held on Friday", "the summit from Thursday to Friday was attended by ...")."""
    return bool(e.countries & set(m.countries)) or (
        e.date_start is not None and m.date_start is not None)


def _same_counterparts(e: Event, m: Mention) -> bool:
    """A mention naming states none of which is new to the event, or the event's own."""
    new = set(m.countries) - e.countries
    return not new or not (e.countries - set(m.countries))


def _new_person(events: list[Event], m: Mention) -> bool:
    """Whether the mention names someone no event of the document has yet ("also met with X")."""
    seen = set().union(*(e.persons for e in events)) if events else set()
    return any(p.kind == "person" and p.actor_id not in seen for p in m.participants)


def _same_people(e: Event, m: Mention) -> bool:
    """Codebook: "bilateral meetings ... are one meeting each". Two meetings each naming two
    or more people, neither group within the other (the president with his guest, then the
    guest with the prime minister), are two acts."""
    people = {p.actor_id for p in m.participants if p.kind == "person"}
    if len(people) < 2 or len(e.persons) < 2:
        return True
    return people <= e.persons or e.persons <= people


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
    if _precise(t.anchor) and _precise(e.anchor):
        return t.anchor[0] <= e.anchor[1] and e.anchor[0] <= t.anchor[1]
    if t.anchor and e.anchor:  # a year or more says too little to tell two acts apart
        return len(t.persons & e.persons) >= 2 and t.anchor[0] <= e.anchor[1] \
            and e.anchor[0] <= t.anchor[1]
    # a report with no date at all (its document has none): the same person taking part,
    # or the same three or more states
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
        key = (e.event_type, occasion(e.event_type, e.event_mode), tuple(sorted(e.countries)))
        groups.setdefault(key, []).append(e)
    out: list[Event] = []
    for key in sorted(groups):
        out += _merge_group(sorted(groups[key], key=_event_sort_key), story)
    # a conference is reported with more or fewer of its states ("the leaders of 27 states",
    # "Putin and Xi"): its reports merge when one list holds the other
    multilateral = [e for e in out if occasion(e.event_type, e.event_mode) == "multilateral"]
    rest = [e for e in out if occasion(e.event_type, e.event_mode) != "multilateral"]
    return rest + _merge_group(sorted(multilateral, key=_event_sort_key), story, loose=True)


def _merge_group(events: list[Event], story: dict[str, str], loose: bool = False) -> list[Event]:
    """Each event joins the first earlier one it is the same as, or starts its own. The
    events of a group share their type, occasion and states; `loose`, only type and occasion,
    and states one set of which holds the other."""
    index = _MergeIndex()
    for e in events:
        stories = {story.get(d, d) for d in e.docs}
        target = next((i for i in index.candidates(e, stories)
                       if (not loose or index.events[i].event_type == e.event_type
                           and _nested(index.events[i].countries, e.countries))
                       and _same_event(index.events[i], e, index.stories[i], stories)), None)
        if target is None:
            index.add(e, stories)
            continue
        t = index.events[target]
        for m in e.mentions:
            t.absorb(m)
        t.is_planned = t.is_planned and e.is_planned  # announced, then reported as done
        if t.anchor and e.anchor:
            t.anchor = (min(t.anchor[0], e.anchor[0]), max(t.anchor[1], e.anchor[1]))
        else:
            t.anchor = t.anchor or e.anchor
        index.extend(target, e, stories)
    return index.events


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


def _event_sort_key(e: Event) -> tuple:
    first = min((m.doc_id, m.char_start) for m in e.mentions)
    return (e.date_start or dt.date.max, first)


def event_id(e: Event) -> str:
    """Stable id: the event's type, occasion, states and date, and (undated) its first report."""
    first = min(e.mentions, key=lambda m: (m.doc_id, m.char_start))
    anchor = (e.date_start, e.date_end) if e.date_start else (first.doc_id, first.char_start)
    return stable_id("evt", e.event_type, occasion(e.event_type, e.event_mode),
                     ",".join(sorted(e.countries)), e.is_planned, *anchor)


def consolidate(mentions_by_doc: dict[str, list[Mention]],
                docs: list[Document] | list[DocumentDates]) -> dict[str, list[dict]]:
    """Rows of the events, event_mentions, participants and actors tables."""
    g = load_gazetteer()
    per_doc = [e for doc_id in sorted(mentions_by_doc)
               for e in events_of_document(mentions_by_doc[doc_id])]
    published = {d.doc_id: d.published_date for d in docs}
    story = {d.doc_id: d.duplicate_of for d in docs if d.duplicate_of}
    events = merge_across_documents(per_doc, published, story)
    event_rows, mention_rows, participant_rows = [], [], []
    actors: dict[str, Actor | dict] = {}
    used_ids: dict[str, int] = {}  # id -> how many events alike have taken it
    for e in sorted(events, key=_event_sort_key):
        eid = event_id(e)
        if eid in used_ids:  # events alike in type, states and date: keep each, numbered
            used_ids[eid] += 1
            eid = stable_id("evt", eid, used_ids[eid])
        else:
            used_ids[eid] = 0
        docs_of = {m.doc_id for m in e.mentions}
        reports = {(m.doc_id, m.char_start, m.trigger) for m in e.mentions}
        event_rows.append({
            "event_id": eid, "event_type": e.event_type, "event_mode": e.event_mode,
            "date_start": e.date_start, "date_end": e.date_end,
            "date_precision": e.date_precision, "countries": sorted(e.countries),
            "location": e.location, "location_country": e.location_country,
            "topics": sorted(e.topics), "is_planned": e.is_planned,
            "mentions": len(reports), "sources": len(docs_of),
        })
        seen_participants: set[str] = set()
        for m in sorted(e.mentions, key=lambda x: (x.doc_id, x.char_start, x.trigger)):
            mention_rows.append({
                "mention_id": stable_id("men", eid, m.doc_id, m.char_start, m.trigger),
                "event_id": eid, "doc_id": m.doc_id, "sentence_index": m.sentence_index,
                "char_start": m.char_start, "char_end": m.char_end, "evidence": m.evidence,
                "trigger": m.trigger,
            })
            for p in m.participants:
                if p.actor_id in seen_participants:
                    continue
                if p.kind == "state" and p.country not in e.countries:
                    continue
                seen_participants.add(p.actor_id)
                participant_rows.append({"event_id": eid, "actor_id": p.actor_id,
                                         "name": p.name, "country": p.country, "role": p.role})
                if p.actor_id not in actors:
                    actors[p.actor_id] = g.actors.get(p.actor_id) or {
                        "actor_id": p.actor_id, "canonical_name": p.name, "kind": p.kind,
                        "country": p.country, "aliases": [], "wikidata_id": None}
    actor_rows = []
    for a in actors.values():
        if isinstance(a, Actor):
            actor_rows.append({"actor_id": a.actor_id, "canonical_name": a.canonical_name,
                               "kind": a.kind, "country": a.country,
                               "aliases": list(a.aliases), "wikidata_id": a.wikidata_id})
        else:
            actor_rows.append(a)
    # one mention row per (event, document, place): a sentence with two triggers of one
    # event counts once
    unique_mentions = {r["mention_id"]: r for r in mention_rows}
    return {
        "events": sorted(event_rows, key=lambda r: r["event_id"]),
        "event_mentions": sorted(unique_mentions.values(), key=lambda r: r["mention_id"]),
        "participants": sorted(participant_rows, key=lambda r: (r["event_id"], r["actor_id"])),
        "actors": sorted(actor_rows, key=lambda r: r["actor_id"]),
    }
