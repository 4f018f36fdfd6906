"""An event being built from its mentions, and the occasion that tells acts of one type apart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flows.records import Mention, location_of, set_location

MAX_ACT_DAYS = 14  # the longest span of days one visit or summit is taken to last
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 4, "year": 5,
                  "report": 6, "unknown": 7}


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
    location_geonames_id: int | None = None
    location_precision: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    topics: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    anchor: tuple[dt.date, dt.date] | None = None  # the span used to match across documents
    docs: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)  # actor ids of the people taking part
    # the terms of the offices the texts title its people with: the act took place in them
    terms: list[tuple[dt.date | None, dt.date | None]] = field(default_factory=list)

    def absorb(self, m: Mention, add_countries: bool = True, describes: bool = True) -> None:
        """Take a mention as a report of the event; one that `describes` it (tells this act,
        not another it is attached to) lends its people, dates, place and topics too."""
        self.mentions.append(m)
        self.docs.add(m.doc_id)
        if not describes:
            return
        self.persons |= {p.actor_id for p in m.participants if p.kind == "person"}
        self.terms += [p.term for p in m.participants if p.term]
        if add_countries:
            self.countries |= set(m.countries)
        self.topics |= set(m.topics)
        if m.date_start and (PRECISION_RANK[m.date_precision] < PRECISION_RANK[self.date_precision]
                             or self._covered_by(m)):
            self.date_start, self.date_end, self.date_precision = (
                m.date_start, m.date_end, m.date_precision)
        # a city names a place better than its state does ("in Tajikistan", then "in Dushanbe");
        # a report told of other states places this act only in one of its own
        ours = m.location_country in self.countries or set(m.countries) <= self.countries
        if m.location and ours and (self.location is None or self.location_precision == "state"
                                    and m.location_precision == "city"):
            set_location(self, location_of(m))
        if self.event_mode is None and m.event_mode:
            self.event_mode = m.event_mode


    def fits_terms(self, span: tuple[dt.date, dt.date] | None) -> bool:
        """Whether a span of days falls in the terms of office of the event's people
        ("President Gurbanguly Berdimuhamedov" talks are not those of 2024, when he chaired
        the Halk Maslahaty)."""
        return span is None or all((start is None or start <= span[1]) and
                                   (end is None or span[0] < end) for start, end in self.terms)

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
