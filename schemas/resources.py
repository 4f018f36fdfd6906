"""The tables of a release: which fields each holds, its keys and what one row means."""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas.fields import FIELDS, Field


@dataclass(frozen=True)
class ForeignKey:
    fields: list[str]
    resource: str
    reference_fields: list[str]


@dataclass(frozen=True)
class Resource:
    """One published table."""

    name: str
    title: str
    description: str
    field_names: list[str]
    primary_key: list[str]
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    # a table may narrow a shared field's description, never its type
    descriptions: dict[str, str] = field(default_factory=dict)
    # a release with fewer rows than this fails validation (a silently empty table)
    min_rows: int = 0
    # ... and one with more rows than this many per row of another table (an extraction run
    # wild: a hundred events read from one article)
    max_rows_per: tuple[str, float] | None = None
    # in the SQLite database: columns indexed (what people filter by), columns searched in
    # full text, and list columns also given as a link table (list column -> table name)
    indexes: list[str] = field(default_factory=list)
    search: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    # in Datasette: how a table opens (sort or sort_desc), its facets, and the column a row
    # of it is labelled by where another table points to it
    browse: dict = field(default_factory=dict)

    @property
    def fields(self) -> list[Field]:
        out = []
        for n in self.field_names:
            f = FIELDS[n]
            if n in self.descriptions:
                f = Field(**{**f.__dict__, "description": self.descriptions[n]})
            if n in self.primary_key and len(self.primary_key) == 1:
                f = Field(**{**f.__dict__, "required": True, "unique": True})
            out.append(f)
        return out


RESOURCES: list[Resource] = [
    Resource(
        "documents", "Documents",
        "One row per input file read from the raw folder, with its cleaned text where its "
        "licence allows republishing it.",
        ["doc_id", "source_path", "url", "content_sha256", "encoding", "title", "published_date",
         "language", "language_supported", "genre", "publisher", "license", "source_id",
         "duplicate_of", "chars_raw", "chars_removed", "furniture_lines_removed",
         "paragraphs_repeated", "text_redistributable", "text"],
        ["doc_id"],
        min_rows=1,
        indexes=["published_date", "language", "source_id", "duplicate_of"],
        search=["title"],
        browse={"sort_desc": "published_date", "label_column": "label",
                "facets": ["language", "genre", "publisher"]},
    ),
    Resource(
        "events", "Events",
        "One row per real-world event, however many documents report it.",
        ["event_id", "event_type", "event_mode", "date_start", "date_end", "date_precision",
         "countries", "location", "location_country", "location_geonames_id",
         "location_precision", "latitude", "longitude", "topics", "is_planned", "mentions", "sources"],
        ["event_id"],
        descriptions={"countries": "ISO 3166-1 alpha-3 codes of the states taking part."},
        max_rows_per=("documents", 50),
        indexes=["date_start", "date_end", "event_type", "event_mode", "location_country"],
        links={"countries": "event_countries"},
        browse={"sort_desc": "date_start",
                "facets": ["event_type", "event_mode", {"array": "countries"},
                           "location_country", "date_precision"]},
    ),
    Resource(
        "event_mentions", "Event mentions",
        "One row per report of an event in a document, with its evidence sentence.",
        ["mention_id", "event_id", "doc_id", "sentence_index", "char_start", "char_end",
         "evidence", "trigger"],
        ["mention_id"],
        [ForeignKey(["event_id"], "events", ["event_id"]),
         ForeignKey(["doc_id"], "documents", ["doc_id"])],
        max_rows_per=("documents", 200),
        indexes=["event_id", "doc_id"],
        search=["evidence"],
    ),
    Resource(
        "figures", "Figures",
        "One row per numeric fact (money, areas, people, shares...) read from a document; a "
        "fact a duplicate document repeats from the one it duplicates is not repeated here.",
        ["figure_id", "doc_id", "value", "value_max", "qualifier", "unit", "measure", "period",
         "is_target", "countries", "text_as_written", "value_start", "value_end",
         "sentence_index", "char_start", "char_end", "evidence"],
        ["figure_id"],
        [ForeignKey(["doc_id"], "documents", ["doc_id"])],
        descriptions={"countries": "ISO 3166-1 alpha-3 codes of the states the figure concerns."},
        max_rows_per=("documents", 200),
        indexes=["doc_id", "measure", "unit", "period"],
        search=["evidence"],
        links={"countries": "figure_countries"},
        browse={"sort_desc": "period", "facets": ["measure", "unit", {"array": "countries"}]},
    ),
    Resource(
        "actors", "Actors",
        "One row per person, state or organisation that takes part in an event.",
        ["actor_id", "canonical_name", "kind", "country", "aliases", "wikidata_id"],
        ["actor_id"],
        max_rows_per=("participants", 1),
        indexes=["kind", "country"],
        search=["canonical_name"],
        browse={"label_column": "canonical_name", "facets": ["kind", "country"]},
    ),
    Resource(
        "participants", "Participants",
        "One row per actor taking part in an event, with the name and office as written "
        "(a state by its English name).",
        ["event_id", "actor_id", "name", "country", "role"],
        ["event_id", "actor_id"],
        [ForeignKey(["event_id"], "events", ["event_id"]),
         ForeignKey(["actor_id"], "actors", ["actor_id"])],
        descriptions={"name": "A person's or organisation's name as first written in a report "
                              "of the event; a state's English name, however the text names "
                              "it (an adjective, an inflected form, its capital).",
                      "country": "ISO 3166-1 alpha-3 code of the state the participant "
                                 "represents."},
        max_rows_per=("events", 60),
        indexes=["actor_id", "country"],
    ),
    Resource(
        "rejects", "Rejected inputs",
        "One row per file under the raw folder that could not be read as a document, and why.",
        ["source_path", "reason", "detail"],
        ["source_path"],
    ),
]

RESOURCE_BY_NAME: dict[str, Resource] = {r.name: r for r in RESOURCES}
