"""The release as a SQLite database for Datasette and SQL, written with sqlite-utils from the
same validated tables as the Parquet and CSV files, and the Datasette metadata that documents
it. Both are byte-identical for the same tables: no time is written, rows and indexes are
written in one fixed order, and the file is vacuumed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import sqlite_utils

from flows.release import metadata
from schemas.resources import RESOURCES, Resource
from schemas.sqlite import LABELS, VIEWS, datasette_metadata, sqlite_columns

ROWS_A_BATCH = 5000
DATABASE_FILE = f"{metadata.NAME}.sqlite"
METADATA_FILE = "metadata.json"


def _sql_value(value):
    """A value as SQLite holds it: lists as JSON arrays, dates as ISO text, booleans 0/1."""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _rows(table: pa.Table) -> Iterator[dict]:
    for batch in table.to_batches(max_chunksize=ROWS_A_BATCH):
        for row in batch.to_pylist():
            yield {k: _sql_value(v) for k, v in row.items()}


def _create(db: sqlite_utils.Database, r: Resource) -> None:
    key = r.primary_key[0] if len(r.primary_key) == 1 else tuple(r.primary_key)
    db.table(r.name).create(
        sqlite_columns(r), pk=key,
        not_null={f.name for f in r.fields if f.required or f.name in r.primary_key},
        foreign_keys=[(fk.fields[0], fk.resource, fk.reference_fields[0])
                      for fk in r.foreign_keys])


def _link(db: sqlite_utils.Database, r: Resource, column: str, name: str,
          table: pa.Table) -> None:
    """A link table: one row per row of `r` and item of its list `column`."""
    key = r.primary_key[0]
    db.table(name).create({key: str, "country": str}, pk=(key, "country"),
                          foreign_keys=[(key, r.name, key)])
    keys, lists = table.column(key).to_pylist(), table.column(column).to_pylist()
    db.table(name).insert_all(
        ({key: k, "country": c} for k, items in zip(keys, lists, strict=True)
         for c in sorted(set(items or []))), batch_size=ROWS_A_BATCH)
    db.table(name).create_index(["country"])


def write_database(tables: dict[str, pa.Table], path: Path) -> None:
    """Every table with its keys, indexes and full-text search, the link tables, the views."""
    path.unlink(missing_ok=True)
    db = sqlite_utils.Database(path)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        for r in RESOURCES:
            _create(db, r)
            db.table(r.name).insert_all(_rows(tables[r.name]), batch_size=ROWS_A_BATCH)
            if r.name in LABELS:
                column, expression, _ = LABELS[r.name]
                db.execute(f"alter table [{r.name}] add column [{column}] text "
                           f"generated always as ({expression}) virtual")
            for column in r.indexes:
                db.table(r.name).create_index([column])
            if r.search:
                db.table(r.name).enable_fts(r.search, fts_version="FTS5", create_triggers=False)
            for column, link in r.links.items():
                _link(db, r, column, link, tables[r.name])
        for name, (_, sql) in VIEWS.items():
            db.create_view(name, sql)
        db.vacuum()
    finally:
        db.close()


def write_metadata(path: Path, database: str = DATABASE_FILE) -> None:
    """Datasette's metadata.json for the database (`datasette DB -m metadata.json`)."""
    meta = datasette_metadata(metadata.TITLE, metadata.DESCRIPTION, metadata.LICENSES[0],
                              Path(database).stem)
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
