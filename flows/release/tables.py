"""Stage records into the published tables, typed by the Arrow schemas generated in schemas/."""

from __future__ import annotations

from dataclasses import asdict

import pyarrow as pa

from flows.ids import stable_id
from flows.records import Document, Figure, Reject
from schemas.generate import arrow_schema
from schemas.resources import RESOURCE_BY_NAME


def to_arrow(name: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts) as an Arrow table with exactly the declared columns, types and order."""
    schema = arrow_schema(RESOURCE_BY_NAME[name])
    columns = {f.name: [r.get(f.name) for r in rows] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)


def document_rows(docs: list[Document]) -> list[dict]:
    """Rows in the order of the documents (the order they were read in); a text is carried
    only where its licence lets the release republish it."""
    return [{**asdict(d), "text": d.text if d.text_redistributable else None} for d in docs]


def figure_rows(figures: list[Figure]) -> list[dict]:
    """Rows in the order of their documents (as given), then of the text."""
    rows = []
    seen: set[str] = set()
    doc_order: dict[str, int] = {}
    for f in figures:
        doc_order.setdefault(f.doc_id, len(doc_order))
    for f in sorted(figures, key=lambda x: (doc_order[x.doc_id], x.value_start, x.value_end)):
        row = asdict(f)
        fid = stable_id("fig", f.doc_id, f.value_start, f.value_end, f.text_as_written)
        while fid in seen:
            fid = stable_id("fig", fid)
        seen.add(fid)
        row["figure_id"] = fid
        rows.append(row)
    return rows


def reject_rows(rejects: list[Reject]) -> list[dict]:
    return sorted((asdict(r) for r in rejects), key=lambda r: r["source_path"])


def release_tables(documents: pa.Table, figures: pa.Table, rejects: list[Reject],
                   rows: dict[str, list[dict]]) -> dict[str, pa.Table]:
    """Every table of the release: the corpus's documents and figures, its rejects, and the
    consolidated rows (events, mentions, participants, actors), typed by their schemas."""
    return {"documents": documents, "figures": figures,
            "rejects": to_arrow("rejects", reject_rows(rejects)),
            **{name: to_arrow(name, table_rows) for name, table_rows in rows.items()}}
