"""Within a document: a mention joins the latest event of the same occasion with compatible
states, dates, plans and people; a mention that only points back ("following the meeting")
joins the latest event it can."""

from __future__ import annotations

from flows.consolidate.event import Event, occasion
from flows.records import Mention


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
            alike = next((e for e in reversed(compatible)
                          if occasion(e.event_type, e.event_mode) == kind), None)
            target = alike or (compatible[-1] if compatible else None)
            if target is not None:  # a sentence about another act reports, not describes, it
                target.absorb(m, add_countries=False, describes=alike is not None)
            continue
        target = None if m.distinct and _new_person(events, m) else next((e for e in reversed(events)
                       if occasion(e.event_type, e.event_mode) == kind
                       and (e.is_planned == m.is_planned or _same_days(e, m)
                            or _undated_report(e, m, kind))
                       and _dates_compatible(e.date_start, e.date_end, m.date_start, m.date_end)
                       and (kind == "multilateral" and _same_gathering(e, m)
                            or _countries_compatible(e.countries, set(m.countries))
                            and _same_counterparts(e, m) and _same_people(e, m)
                            and not (kind == "meeting" and _other_envoy(e, m)))), None)
        if target is None:
            events.append(_new_event(m))
        else:
            target.absorb(m)
            target.is_planned = target.is_planned and m.is_planned  # announced, then done
    return events


def _same_days(e: Event, m: Mention) -> bool:
    """An act announced and then told as done ("chosen to host the summit", "the summit held
    on Friday") is one when both reports give it the same days."""
    return e.date_precision == m.date_precision == "day" \
        and (e.date_start, e.date_end) == (m.date_start, m.date_end)


def _undated_report(e: Event, m: Mention, kind: str) -> bool:
    """An agreement, aid or gathering the text announces and reports, one of the two undated,
    is one act: nothing tells them apart. Visits and meetings recur ("will meet again"), so
    an undated announcement of one is not taken for the one reported."""
    return (e.date_start is None or m.date_start is None) and kind not in ("visit", "meeting")


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


def _other_envoy(e: Event, m: Mention) -> bool:
    """Codebook: "bilateral meetings ... are one meeting each". A meeting with someone else of
    a state the event has met through another person ("will meet the Emperor", then "is to
    meet the Prime Minister") is another meeting."""
    def people_by_state(participants) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for p in participants:
            if p.kind == "person" and p.country:
                out.setdefault(p.country, set()).add(p.actor_id)
        return out
    before = people_by_state(p for x in e.mentions for p in x.participants)
    now = people_by_state(m.participants)
    return any(state in before and not (people & before[state])
               for state, people in now.items())


def _same_people(e: Event, m: Mention) -> bool:
    """Codebook: "bilateral meetings ... are one meeting each". Two meetings each naming two
    or more people, neither group within the other (the president with his guest, then the
    guest with the prime minister), are two acts."""
    people = {p.actor_id for p in m.participants if p.kind == "person"}
    if len(people) < 2 or len(e.persons) < 2:
        return True
    return people <= e.persons or e.persons <= people
