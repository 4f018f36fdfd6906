"""The release's CHANGELOG.md: per table, rows added, removed and changed against the
previous release, newest release first."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from schemas.resources import RESOURCES

_UNIT, _RECORD, _MISSING = "\x1f", "\x1e", "\x00"  # ASCII's separators: no text has them

HEADER = ("# Changelog\n\nEach release that changed a table, against the one before it, per "
          "table: rows added, removed, and changed (same key, other content).\n")


def _as_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A column's values as text, a missing value as a text no value has."""
    if pa.types.is_list(column.type):
        column = pc.binary_join(column, _UNIT)
    return pc.fill_null(pc.cast(column, pa.string()), _MISSING)


def _row_digests(table: pa.Table, key: list[str]) -> dict[tuple, bytes]:
    """Key -> hash of the row's values, a slice of rows at a time (a table's rows as Python
    objects all at once would cost several times its size). The row is joined as text by
    Arrow: made into Python dicts and hashed by their `repr`, it took 2.6 s of a
    10,000-document release's publishing."""
    digests = {}
    for batch in table.to_batches(max_chunksize=2000):
        part = pa.Table.from_batches([batch])
        keys = zip(*(part.column(k).to_pylist() for k in key), strict=True)
        rows = pc.binary_join_element_wise(*(_as_text(c) for c in part.columns), _RECORD)
        for k, row in zip(keys, rows.to_pylist(), strict=True):
            digests[k] = hashlib.sha256(row.encode()).digest()
    return digests


def diff_counts(old: pa.Table | None, new: pa.Table, key: list[str]) -> tuple[int, int, int, int]:
    """(rows, added, removed, changed) of the new table against the old one."""
    new_rows = _row_digests(new, key)
    if old is None:
        return len(new_rows), len(new_rows), 0, 0
    common = [c for c in old.column_names if c in new.column_names]
    old_rows = _row_digests(old.select(common), key)
    new_common = _row_digests(new.select(common), key)
    added = len(new_rows.keys() - old_rows.keys())
    removed = len(old_rows.keys() - new_rows.keys())
    changed = sum(1 for k in new_rows.keys() & old_rows.keys() if new_common[k] != old_rows[k])
    return len(new_rows), added, removed, changed


def section(version: str, created: str, previous: str | None, tables: dict[str, pa.Table],
            old_tables: dict[str, pa.Table]) -> str | None:
    """The release's entry against the previous one; None when no table changed (the same
    rows and columns): a release that changes no data is no news to its readers."""
    against = f"against {previous}" if previous else "first release"
    lines = [f"## {version} ({created[:10]}, {against})", "",
             "| table | rows | added | removed | changed |", "|---|---:|---:|---:|---:|"]
    news = previous is None
    columns = []
    for r in RESOURCES:
        old = old_tables.get(r.name)
        rows, added, removed, changed = diff_counts(old, tables[r.name], r.primary_key)
        news = news or bool(added or removed or changed) or old is None \
            or old.schema != tables[r.name].schema
        lines.append(f"| {r.name} | {rows} | {added} | {removed} | {changed} |")
        if old is not None and previous is not None:
            columns += _column_changes(r.name, old.column_names, tables[r.name].column_names)
    if columns:
        lines += ["", *columns]
    return "\n".join(lines) + "\n" if news else None


def _column_changes(table: str, old: list[str], new: list[str]) -> list[str]:
    """A line per table whose columns were added or removed."""
    gained = [c for c in new if c not in old]
    lost = [c for c in old if c not in new]
    if not gained and not lost:
        return []
    parts = ([f"added {', '.join(gained)}"] if gained else []) + \
        ([f"removed {', '.join(lost)}"] if lost else [])
    return [f"- {table} columns: {'; '.join(parts)}"]


def updated_changelog(existing: str | None, new_section: str | None, version: str) -> str:
    """The changelog with the new section on top (unchanged when that version is there, or
    when no table changed)."""
    body = (existing or HEADER)
    if new_section is None or f"## {version} " in body:
        return body
    head, sep, rest = body.partition("\n## ")
    return f"{head.rstrip()}\n\n{new_section}" + (f"\n## {rest}" if sep else "")


def read_previous(folder: Path) -> tuple[str | None, dict[str, pa.Table]]:
    """The previous release's version and tables, where there is a readable one."""
    import json

    import pyarrow.parquet as pq

    try:
        version = json.loads((folder / "datapackage.json").read_text())["version"]
        return version, {r.name: pq.read_table(folder / f"{r.name}.parquet")
                         for r in RESOURCES if (folder / f"{r.name}.parquet").exists()}
    except (OSError, ValueError, KeyError, pa.ArrowException):
        return None, {}
