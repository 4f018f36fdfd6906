"""A content-addressed cache of per-document work (cleaning and extraction), so that a re-run
on unchanged input does no cleaning or extraction again and a changed or added file costs only
its own work.

Keys hash the document's raw content and metadata together with a fingerprint of the code and
reference data: any change to either misses the cache. Entries live in one SQLite file.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from flows.records import Document

FLOWS_DIR = Path(__file__).resolve().parent
CODE_DIRS = (FLOWS_DIR, FLOWS_DIR.parent / "schemas")  # the pipeline, the tables' declarations


@cache
def code_fingerprint() -> str:
    """SHA-256 over the pipeline's code and reference data and the tables' declarations."""
    h = hashlib.sha256()
    for folder in CODE_DIRS:
        files = sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".yaml", ".json", ".j2")
                       and "__pycache__" not in p.parts)
        for p in files:
            h.update(p.relative_to(folder.parent).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def document_key(doc: Document) -> str:
    """What the cleaned text and extraction of a raw document depend on."""
    h = hashlib.sha256(code_fingerprint().encode())
    for part in (doc.doc_id, doc.content_sha256, doc.text, doc.title, doc.published_date,
                 doc.url, doc.publisher, doc.license):
        h.update(b"\x1f" + str(part).encode("utf-8"))
    return h.hexdigest()


class WorkCache:
    """key -> pickled value, in the table of one kind of work (a batch keeps "document": all
    the per-document stages made of one raw document)."""

    def __init__(self, folder: Path | None, kind: str):
        self.kind = kind
        self.path = None if folder is None else Path(folder) / "work.sqlite"
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.execute(f"CREATE TABLE IF NOT EXISTS {kind} (key TEXT PRIMARY KEY, value BLOB)")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=120)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def get_many(self, keys: list[str]) -> dict[str, object]:
        if self.path is None or not keys:
            return {}
        out = {}
        with self._connect() as db:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                rows = db.execute(f"SELECT key, value FROM {self.kind} WHERE key IN "
                                  f"({','.join('?' * len(chunk))})", chunk)
                out.update((k, pickle.loads(v)) for k, v in rows)
        return out

    def put_many(self, items: Iterable[tuple[str, object]]) -> None:
        if self.path is None:
            return
        rows = [(k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in items]
        if rows:
            with self._connect() as db:
                db.executemany(f"INSERT OR REPLACE INTO {self.kind} VALUES (?, ?)", rows)
