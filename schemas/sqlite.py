"""The SQLite and Datasette descriptions of the tables, derived from the declarations like the
Arrow, Pandera and Table Schema ones: column types, keys, indexes, full-text search, link
tables for list columns, the views that answer the usual questions, and Datasette metadata."""

from __future__ import annotations

from schemas.resources import RESOURCES, Resource

# Table Schema type -> SQLite column type; a list is a JSON array in a TEXT column (SQLite's
# json_each reads it), a date ISO 8601 text, a boolean 0/1
SQLITE_TYPES: dict[str, type] = {"string": str, "integer": int, "number": float,
                                 "boolean": int, "date": str, "list": str}

# views: name -> (description, SQL)
VIEWS: dict[str, tuple[str, str]] = {
    "events_with_evidence": (
        "Each event with its participants (names as written, with offices) and the evidence "
        "sentence, title, date and url of its first report.",
        """
select e.event_id, e.event_type, e.event_mode, e.date_start, e.date_end, e.date_precision,
       e.countries, e.location, e.location_country, e.latitude, e.longitude, e.is_planned,
       e.mentions, e.sources,
       (select group_concat(p.name || coalesce(' (' || p.role || ')', ''), '; ')
          from (select * from participants where event_id = e.event_id order by actor_id) p)
         as participants,
       m.evidence, m.doc_id, d.title, d.published_date, d.url
  from events e
  join event_mentions m on m.mention_id = (
       select mention_id from event_mentions where event_id = e.event_id
        order by doc_id, char_start limit 1)
  join documents d on d.doc_id = m.doc_id
""".strip()),
    "figures_with_documents": (
        "Each figure with the title, publication date, url and publisher of its document.",
        """
select f.figure_id, f.measure, f.value, f.value_max, f.qualifier, f.unit, f.period,
       f.is_target, f.countries, f.text_as_written, f.evidence,
       d.doc_id, d.title, d.published_date, d.url, d.publisher
  from figures f join documents d on d.doc_id = f.doc_id
""".strip()),
}

# columns the database computes for display only: table -> (column, SQL expression, meaning)
LABELS: dict[str, tuple[str, str, str]] = {
    "documents": ("label", "coalesce(title, url, source_path)",
                  "What a document is shown as where a row points to it: its title, else its "
                  "url, else its file path (computed in the database; not in the Parquet and "
                  "CSV tables)."),
}

# canned queries: name -> (title, description, SQL); the first is the README's showcase
QUERIES: dict[str, tuple[str, str, str]] = {
    "events_with_a_partner_by_year": (
        "Events with a partner, by year",
        "How many events of each type a state took part in, per year (give its ISO 3166-1 "
        "alpha-3 code, e.g. KAZ).",
        """
select substr(e.date_start, 1, 4) as year, e.event_type, count(*) as events
  from events e join event_countries c on c.event_id = e.event_id
 where c.country = :country and e.date_start is not null
 group by year, e.event_type
 order by year desc, events desc, e.event_type
""".strip()),
    "figures_of_a_measure_over_time": (
        "Figures of one measure over time",
        "Every figure of a measure (e.g. trade_turnover, aid, investment), oldest period "
        "first, with its states and the document it was read from.",
        """
select f.period, f.value, f.value_max, f.unit, f.is_target, f.countries, f.text_as_written,
       d.title, d.published_date, d.url
  from figures f join documents d on d.doc_id = f.doc_id
 where f.measure = :measure
 order by f.period is null, f.period, f.value
""".strip()),
    "events_of_a_document": (
        "A document's events, with their evidence",
        "The events a document reports (give its doc_id), in the order the text tells them, "
        "each with its evidence sentence.",
        """
select m.sentence_index, m.evidence, m.trigger, e.event_type, e.event_mode, e.date_start,
       e.date_precision, e.countries, e.location, e.event_id
  from event_mentions m join events e on e.event_id = m.event_id
 where m.doc_id = :doc_id
 order by m.char_start, m.trigger
""".strip()),
}

LINK_DESCRIPTION = ("One row per {parent} and state in its `{column}` list, to join on: "
                    "the same codes as the list, unnested.")


def sqlite_columns(resource: Resource) -> dict[str, type]:
    return {f.name: SQLITE_TYPES[f.type] for f in resource.fields}


def singular(table: str) -> str:
    return table[:-1] if table.endswith("s") else table


def datasette_metadata(title: str, description: str, license_: dict, database: str,
                       source: str | None = None, source_url: str | None = None) -> dict:
    """Datasette's metadata.json: the dataset's title, description, licence and source, and
    every table's, view's and column's description, as declared in `schemas/`."""
    tables: dict[str, dict] = {}
    for r in RESOURCES:
        tables[r.name] = {
            "title": r.title, "description": r.description,
            "columns": {f.name: f.description + (" (a JSON array)" if f.type == "list" else "")
                        for f in r.fields},
            **({"sort": r.primary_key[0]} if not r.browse.get("sort_desc") else {}),
            **r.browse,
        }
        if r.search:
            tables[r.name]["fts_table"] = f"{r.name}_fts"
        for column, link in r.links.items():
            key = r.primary_key[0]
            tables[link] = {"description": LINK_DESCRIPTION.format(parent=singular(r.name),
                                                                   column=column),
                            "columns": {key: f"The {singular(r.name)}.",
                                        "country": "ISO 3166-1 alpha-3 code of a state."}}
    for name, (view_description, _) in VIEWS.items():
        tables[name] = {"description": view_description}
    for name, (column, _, meaning) in LABELS.items():
        tables[name]["columns"][column] = meaning
    meta = {"title": title, "description": description, "license": license_["name"],
            "license_url": license_["path"]}
    if source:
        meta.update(source=source, source_url=source_url)
    queries = {name: {"title": q_title, "description": q_description, "sql": sql}
               for name, (q_title, q_description, sql) in QUERIES.items()}
    meta["databases"] = {database: {"title": title, "description_html": _start_here(database),
                                    "tables": tables, "queries": queries}}
    return meta


def _start_here(database: str) -> str:
    """The database page opens with the views and queries that answer the usual questions
    (Datasette lists them after the tables)."""
    def link(name: str, text: str) -> str:
        return f'<a href="/{database}/{name}">{text}</a>'
    views = "".join(f"<li>{link(name, name)}: {d}</li>" for name, (d, _) in VIEWS.items())
    asked = "".join(f"<li>{link(name, t)}: {d}</li>" for name, (t, d, _) in QUERIES.items())
    return (f"<p>Start here.</p><p>Views:</p><ul>{views}</ul><p>Questions:</p><ul>{asked}</ul>"
            "<p>Then the tables below: events (newest first), event_mentions, figures, "
            "documents, participants, actors, rejects.</p>")
