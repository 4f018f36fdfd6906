"""Every column of every table, declared once.

A field's name means the same thing in every table that uses it; a table may only narrow the
description (see `resources.py`). Types are Table Schema types plus `list` (a list of strings:
Arrow list<string> in Parquet, joined with ";" in CSV).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PLOVER_EVENT_TYPES = [
    "CONSULT", "AGREE", "COOPERATE", "AID", "SUPPORT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "CONCEDE", "RETREAT",
    # not PLOVER, which codes a statement by what it says: the codebook's "official statement,
    # press conference, declaration ... by one state" when what it says has no PLOVER type
    "STATEMENT",
]
# "report": the text gives no date, the act is news of its dated report and takes its day
DATE_PRECISIONS = ["day", "week", "month", "quarter", "half", "year", "report", "unknown"]
FIGURE_UNITS = [
    "USD", "EUR", "RUB", "CNY", "TJS", "KZT", "UZS", "KGS", "GBP", "JPY", "INR", "SAR", "AED",
    "TMT", "TRY", "PKR", "IRR", "AFN", "QAR", "KWD", "KRW", "CHF", "BYN", "AZN", "XDR",
    "km2", "ha", "km", "m", "persons", "units", "percent", "times", "tonnes", "MW", "kWh", "m3",
]
ACTOR_KINDS = ["person", "state", "organisation"]
ISO3_PATTERN = r"^[A-Z]{3}$"
PERIOD_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2]|H[12]|Q[1-4]))?(/\d{4}(-(0[1-9]|1[0-2]|H[12]|Q[1-4]))?)?$"


@dataclass(frozen=True)
class Field:
    """One column: its Table Schema type, meaning and constraints."""

    name: str
    type: str  # string | integer | number | boolean | date | list
    description: str
    required: bool = False
    unique: bool = False
    enum: list[str] | None = None
    pattern: str | None = None  # for strings, and for each item of a list
    minimum: float | None = None
    maximum: float | None = None
    example: str | None = None
    constraints_extra: dict = field(default_factory=dict)


def _fields(*items: Field) -> dict[str, Field]:
    return {f.name: f for f in items}


FIELDS: dict[str, Field] = _fields(
    # --- identifiers
    Field("doc_id", "string",
          "Stable id of a document, derived from its raw bytes and its path in the raw folder.",
          required=True, pattern=r"^doc_[0-9a-f]{16}$", example="doc_3f2a9c0b1d4e5f60"),
    Field("event_id", "string",
          "Stable id of a real-world event: a hash of its type, occasion (visit, phone call, "
          "gathering, meeting), states, plan status and dates; an event the text does not date "
          "(undated, or dated by its report) hashes its first report (document id and offset, "
          "duplicates aside) instead of dates, and an act alike "
          "in all these to another adds its first report. Documents that do not report the event "
          "never change its id.",
          required=True, pattern=r"^evt_[0-9a-f]{16}$"),
    Field("mention_id", "string", "Stable id of one report of an event in one document: a "
          "hash of its event id, document id, offset and trigger.",
          required=True, pattern=r"^men_[0-9a-f]{16}$"),
    Field("figure_id", "string", "Stable id of a numeric fact read from a document: a hash "
          "of its document id, value_start, value_end and the figure as written.",
          required=True, pattern=r"^fig_[0-9a-f]{16}$"),
    Field("actor_id", "string",
          "Stable id of an actor: state:ISO3, org:ACRONYM, or person:name-slug.",
          required=True, pattern=r"^(state|org|person):[\w.-]+$"),
    # --- documents
    Field("source_path", "string", "Path of the file relative to the raw folder (POSIX).",
          required=True),
    Field("content_sha256", "string", "SHA-256 of the raw bytes of the file.", required=True,
          pattern=r"^[0-9a-f]{64}$"),
    Field("url", "string", "Address the document was taken from, when its source gives one."),
    Field("encoding", "string", "Character encoding the raw bytes were decoded from.",
          required=True),
    Field("title", "string", "Headline of the document, when one is found."),
    Field("published_date", "date", "Publication date, when the text or its source states one."),
    Field("language", "string", "ISO 639-1 code of the document's language.", required=True,
          pattern=r"^[a-z]{2}$"),
    Field("language_supported", "boolean",
          "Whether the project has rules for the document's language (English, Russian, "
          "Tajik). A document in another language is kept and deduplicated but yields no "
          "events or figures, rather than being read with another language's rules.",
          required=True),
    Field("genre", "string", "news, or reference (an encyclopedia-like text, read for dated "
          "events only).", required=True, enum=["news", "reference"]),
    Field("publisher", "string", "Publisher or site named by the text or the raw folder's "
          "provenance file."),
    Field("license", "string", "Licence of the source text, from the provenance file."),
    Field("source_id", "string", "The source the document comes from, as described once in "
          "the raw folder's provenance file and in the data package's `sources`."),
    Field("text_redistributable", "boolean", "Whether the source's licence lets this release "
          "republish the text (declared per source; the default is no).", required=True),
    Field("duplicate_of", "string",
          "doc_id of the earlier document this one duplicates (same or near-identical "
          "normalised text); empty when it is an original. A duplicate is still a report: "
          "its mentions join the events of the document it repeats.",
          pattern=r"^doc_[0-9a-f]{16}$"),
    Field("chars_raw", "integer", "Characters in the decoded text before cleaning.",
          required=True, minimum=0),
    Field("chars_removed", "integer",
          "Characters removed by cleaning: page furniture, repeated paragraphs, whitespace "
          "(net of Unicode normalisation, which writes a ligature such as ﬁ as two letters).",
          required=True, minimum=0),
    Field("furniture_lines_removed", "integer",
          "Lines dropped as page furniture (credits, related-news lists, references...).",
          required=True, minimum=0),
    Field("paragraphs_repeated", "integer",
          "Paragraphs dropped because they repeat an earlier paragraph of the same document.",
          required=True, minimum=0),
    Field("text", "string", "The cleaned text, where text_redistributable (else empty: the "
          "rights remain with the publisher, and url, title, content_sha256, the offsets and "
          "the evidence sentences stand for it). Every char_start/char_end points into it."),
    # --- events
    Field("event_type", "string",
          "PLOVER event type; STATEMENT (not PLOVER) for a statement or press conference by "
          "one state.", required=True,
          enum=PLOVER_EVENT_TYPES),
    Field("event_mode", "string",
          "PLOVER mode refining the type (visit, multilateral, phone, treaty, "
          "military_exercise, ...); empty when none applies."),
    Field("date_start", "date", "First day of the span the stated date covers."),
    Field("date_end", "date", "Last day of the span the stated date covers."),
    Field("date_precision", "string", "How precise the stated date is; `report` where the text "
          "gives none and the act, news of a dated report, takes the report's publication date "
          "(as ACLED's time precision does); `unknown` for history and plans left undated.",
          required=True,
          enum=DATE_PRECISIONS),
    Field("countries", "list", "ISO 3166-1 alpha-3 codes of the states concerned.",
          pattern=ISO3_PATTERN),
    Field("location", "string",
          "Where the event happened, in English: GeoNames' name of the city, or the state's "
          "name where the text names no city; empty when the text does not say."),
    Field("location_country", "string", "ISO 3166-1 alpha-3 code of the location's country.",
          pattern=ISO3_PATTERN),
    Field("location_geonames_id", "integer",
          "GeoNames id of the location (https://www.geonames.org/<id>): the city's, or the "
          "state's for a state-level place."),
    Field("location_precision", "string",
          "What the location names: a city, or a state where the text names no city (its point "
          "is then near the state's middle, as GDELT places country-level events).",
          enum=["city", "state"]),
    Field("latitude", "number", "Latitude of the location (WGS 84): the city's, or a point "
          "near the middle of the state.", minimum=-90, maximum=90),
    Field("longitude", "number", "Longitude of the location (WGS 84): the city's, or a point "
          "near the middle of the state.", minimum=-180, maximum=180),
    Field("topics", "list",
          "PLOVER contexts the event concerns (economic, military, diplomatic, territory, ...)."),
    Field("is_planned", "boolean",
          "True when the text announces or plans the event rather than reports it as done.",
          required=True),
    Field("mentions", "integer", "Number of reports (event_mentions rows) of the event.",
          required=True, minimum=1),
    Field("sources", "integer", "Number of distinct original documents reporting the event: "
          "a duplicate document (documents.duplicate_of) is a report of the same source, not "
          "another source; its mentions are still listed.",
          required=True, minimum=1),
    # --- mentions and evidence
    Field("sentence_index", "integer", "0-based index of the evidence sentence in the document.",
          required=True, minimum=0),
    Field("char_start", "integer", "Offset of the first character of the evidence sentence "
          "in the document's cleaned text: documents.text[char_start:char_end] is evidence.",
          required=True, minimum=0),
    Field("char_end", "integer", "Offset one past the last character of the evidence sentence.",
          required=True, minimum=0),
    Field("evidence", "string", "The sentence the fact was read from.", required=True),
    Field("trigger", "string", "The words that signalled the event, as written.",
          required=True),
    # --- figures
    Field("value", "number", "The normalised value: \"$670 million\" is 670000000.",
          required=True),
    Field("value_max", "number", "Upper end when the text gives a range; else empty."),
    Field("qualifier", "string",
          "Qualifier of the value as written: over, under, nearly, about, up to, at least."),
    Field("unit", "string", "ISO 4217 code for money, else a physical or counting unit.",
          required=True, enum=FIGURE_UNITS),
    Field("measure", "string",
          "What the figure measures: trade_turnover, exports, imports, investment, aid, "
          "grant, loan, troops, area, population, energy, other.", required=True),
    Field("period", "string", "The period the figure refers to: YYYY, YYYY-MM, YYYY-H1, "
          "YYYY-Q3, or a range START/END.", pattern=PERIOD_PATTERN),
    Field("is_target", "boolean",
          "True for a goal, plan or projection rather than an achieved figure.", required=True),
    Field("text_as_written", "string", "The figure as the text writes it.", required=True),
    Field("value_start", "integer", "Offset of the first character of the figure as written "
          "in the document's cleaned text: documents.text[value_start:value_end] is "
          "text_as_written.", required=True, minimum=0),
    Field("value_end", "integer", "Offset one past the last character of the figure as written.",
          required=True, minimum=0),
    # --- actors and participants
    Field("name", "string", "Name as written in the evidence.", required=True),
    Field("canonical_name", "string", "The actor's name in its usual English form.",
          required=True),
    Field("kind", "string", "What sort of actor it is.", required=True, enum=ACTOR_KINDS),
    Field("country", "string", "ISO 3166-1 alpha-3 code of the state the actor belongs to "
          "or represents.", pattern=ISO3_PATTERN),
    Field("role", "string", "Office or title the actor held, as of the event's date."),
    Field("aliases", "list", "Other names and transliterations of the actor."),
    Field("wikidata_id", "string", "Wikidata item id, recorded only where certain.",
          pattern=r"^Q\d+$"),
    # --- rejects
    Field("reason", "string", "Machine-readable reason code.", required=True,
          enum=["empty", "whitespace_only", "binary", "too_large", "undecodable",
                "outside_raw", "unreadable", "unsupported_format", "invalid_record",
                "not_a_regular_file"]),
    Field("detail", "string", "Human-readable explanation of the refusal.", required=True),
)
