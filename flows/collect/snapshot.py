"""Snapshots: each collected page is kept in the raw folder as it arrived, at
`raw/<source>/<yyyy>/<mm>/<slug>.html`, beside its provenance (`<slug>.provenance.json`: url,
final url, when retrieved, HTTP status, SHA-256, licence, its source). A build reads the raw
folder alone, so every release stays reproducible from it; a collect run reads the
provenance files to know what it already has.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from slugify import slugify

from flows.collect.fetch import Response
from flows.collect.listings import Item
from flows.collect.sources import Source
from flows.ingest import PROVENANCE_SUFFIX

STATE_FILE = ".collect-state.json"  # a dot file: the build never reads it
SLUG_LENGTH = 80


@dataclass
class Holdings:
    """What the raw folder already holds of a source: urls (as listed and as fetched), the
    hashes of their bytes, and the slugs taken."""

    urls: set[str] = field(default_factory=set)
    records: dict[str, Path] = field(default_factory=dict)  # SHA-256 -> its provenance file
    paths: set[str] = field(default_factory=set)


def holdings(raw: Path, source: str) -> Holdings:
    held = Holdings()
    for sidecar in sorted((raw / source).rglob(f"*{PROVENANCE_SUFFIX}")):
        try:
            record = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a damaged record: its page is fetched again and the record rewritten
        held.urls.update(u for u in (record.get("url"), record.get("final_url"),
                                     *record.get("aliases", [])) if u)
        if record.get("sha256"):
            held.records[record["sha256"]] = sidecar
        held.paths.add(sidecar.name.removesuffix(PROVENANCE_SUFFIX))
    return held


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.part")
    with open(temporary, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temporary, path)


def _slug(url: str, taken: set[str]) -> str:
    parts = urlsplit(url)
    base = slugify(f"{parts.path} {parts.query}", max_length=SLUG_LENGTH) or "index"
    if base not in taken:
        return base
    return f"{base[:SLUG_LENGTH - 9]}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def _write_record(path: Path, record: dict) -> None:
    _write_atomically(path, (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode())


def _add_aliases(sidecar: Path, urls: list[str]) -> None:
    """Record other urls of a page held, so that they are not fetched again."""
    record = json.loads(sidecar.read_text(encoding="utf-8"))
    aliases = record.get("aliases", [])
    record["aliases"] = aliases + [u for u in dict.fromkeys(urls)
                                   if u not in aliases and u not in (record.get("url"),
                                                                     record.get("final_url"))]
    _write_record(sidecar, record)


def save(raw: Path, source: Source, item: Item, page: Response, retrieved: dt.datetime,
         held: Holdings) -> Path | None:
    """Keep a fetched page and its provenance, and return the page's path; None when the
    raw folder holds the same bytes from another url (recorded as an alias of it). The page
    is written before its provenance, each atomically: no page is recorded unwritten."""
    digest = hashlib.sha256(page.content).hexdigest()
    if digest in held.records:
        _add_aliases(held.records[digest], [item.url, page.final_url])
        held.urls.update((item.url, page.final_url))
        return None
    day = item.published or retrieved.date()
    folder = raw / source.name / f"{day:%Y}" / f"{day:%m}"
    folder.mkdir(parents=True, exist_ok=True)
    slug = _slug(page.final_url, held.paths)
    path = folder / f"{slug}.html"
    _write_atomically(path, page.content)
    record = {"url": item.url, "final_url": page.final_url,
              "retrieved": retrieved.strftime("%Y-%m-%dT%H:%M:%SZ"), "status": page.status,
              "sha256": digest, "bytes": len(page.content),
              "content_type": page.headers.get("content-type"), "licence": source.licence,
              "title": item.title,
              "published": item.published.isoformat() if item.published else None,
              "listed_in": item.listed_in, "source": source.provenance()}
    sidecar = folder / f"{slug}{PROVENANCE_SUFFIX}"
    _write_record(sidecar, record)
    held.urls.update((item.url, page.final_url))
    held.records[digest] = sidecar
    held.paths.add(slug)
    return path


def read_state(raw: Path, source: str) -> dict[str, dict[str, str]]:
    """Per listing url, the validators of its last answer (for conditional requests)."""
    try:
        return json.loads((raw / source / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_state(raw: Path, source: str, state: dict[str, dict[str, str]]) -> None:
    (raw / source).mkdir(parents=True, exist_ok=True)
    _write_atomically(raw / source / STATE_FILE,
                      (json.dumps(state, indent=2, sort_keys=True) + "\n").encode())
