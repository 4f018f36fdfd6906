"""The records that pass between stages (plain dataclasses, so any runner can ship them;
slotted, since a corpus holds millions of them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class Document:
    """A document as it moves through ingest, clean, deduplicate and extract."""

    doc_id: str
    source_path: str
    content_sha256: str
    encoding: str
    text: str  # decoded at ingest; cleaned by the clean stage
    chars_raw: int
    title: str | None = None
    published_date: dt.date | None = None
    url: str | None = None
    language: str = "en"
    language_supported: bool = True  # the project has rules to read this language
    publisher: str | None = None
    license: str | None = None
    source_id: str | None = None  # the source of the raw folder's manifest it comes from
    text_redistributable: bool = False  # its licence lets the release carry its text
    genre: str = "news"  # news | reference: reference texts need a date for an event
    duplicate_of: str | None = None
    chars_removed: int = 0
    furniture_lines_removed: int = 0
    paragraphs_repeated: int = 0


@dataclass(slots=True)
class Reject:
    source_path: str
    reason: str
    detail: str


@dataclass(slots=True)
class Participant:
    actor_id: str
    name: str  # as written
    kind: str  # person | state | organisation
    country: str | None
    role: str | None = None
    # the days the office the text gives them was held ("President Berdimuhamedov": 2007-2022),
    # which bound the date of an act a text does not date
    term: tuple[dt.date | None, dt.date | None] | None = None


PLACE_FIELDS = ("location", "location_country", "location_geonames_id", "location_precision",
                "latitude", "longitude")


def location_of(record) -> dict:
    """The place columns of a mention or event, by name."""
    return {name: getattr(record, name) for name in PLACE_FIELDS}


def set_location(record, fields: dict) -> None:
    """Give a mention or event the place columns `fields` holds (`location_of`, `place_fields`)."""
    for name, value in fields.items():
        setattr(record, name, value)


@dataclass(slots=True)
class Mention:
    """One report of an event in one sentence of a document."""

    doc_id: str
    sentence_index: int
    char_start: int
    char_end: int
    evidence: str
    trigger: str
    event_type: str
    event_mode: str | None
    countries: list[str]
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str = "unknown"
    location: str | None = None  # in English (GeoNames' name, or the state's)
    location_country: str | None = None
    location_geonames_id: int | None = None
    location_precision: str | None = None  # city | state
    latitude: float | None = None  # the city's; for a state, a point near its middle
    longitude: float | None = None
    topics: list[str] = field(default_factory=list)
    is_planned: bool = False
    participants: list[Participant] = field(default_factory=list)
    # a mention that only points back to an event already reported ("following the
    # meeting"); it joins that event or is dropped, never starts an event of its own
    attach_only: bool = False
    # "also met with", "later held talks": another act of the same kind, never the one before
    distinct: bool = False


@dataclass(slots=True)
class Figure:
    doc_id: str
    value: float
    unit: str
    measure: str
    text_as_written: str
    sentence_index: int
    char_start: int  # the evidence sentence in the document's cleaned text
    char_end: int
    value_start: int  # the figure as written, in the same text
    value_end: int
    evidence: str
    value_max: float | None = None
    qualifier: str | None = None
    period: str | None = None
    is_target: bool = False
    countries: list[str] = field(default_factory=list)
