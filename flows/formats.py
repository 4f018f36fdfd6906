"""Readers of the input formats: plain text, HTML pages and JSON / JSON Lines article exports.

Each reader turns one file's bytes into Documents and Rejects; a bad record in an export
rejects that record, not the file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from flows.ids import sha256_hex, stable_id
from flows.records import Document, Reject
from flows.yaml_files import read_yaml

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
HTML_DATE_SEARCH = {"extensive_search": False, "original_date": True}
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@cache
def _format_data() -> dict:
    path = Path(__file__).resolve().parent / "reference" / "formats.yaml"
    return read_yaml(path)


def parse_iso_day(value: object) -> dt.date | None:
    """The day of an ISO-8601 date or timestamp ("2025-03-04T10:00:00Z"), else None."""
    m = _ISO_DAY.search(str(value or ""))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _document(rel: str, data: bytes, encoding: str, text: str, **meta) -> Document:
    content_hash = sha256_hex(data)
    return Document(doc_id=stable_id("doc", content_hash, rel), source_path=rel,
                    content_sha256=content_hash, encoding=encoding, text=text,
                    chars_raw=len(text), **meta)


def read_text(rel: str, data: bytes, text: str, encoding: str, meta: dict) -> list[Document | Reject]:
    return [_document(rel, data, encoding, text, **meta)]


def read_html(rel: str, data: bytes, text: str, encoding: str, meta: dict) -> list[Document | Reject]:
    """Main text, title and date of a web page (trafilatura); menus, scripts, footers dropped."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    # the page's date from its markup only (meta tags, structured data, time elements): the
    # date search through the page's text cost 35 ms a page, five times the rest of reading
    # it, and the extraction reads the dates the text gives itself
    extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                            include_tables=False, fast=True,
                                            date_extraction_params=HTML_DATE_SEARCH)
    body = (extracted.text if extracted else "") or ""
    if not body.strip():
        return [Reject(rel, "empty", "the HTML page has no main text to extract")]
    # a collected page's provenance (its listing's title and date, the url it was fetched
    # from) goes before what the page's own markup is read to say
    meta = {**meta, "title": meta.get("title") or extracted.title,
            "published_date": meta.get("published_date") or parse_iso_day(extracted.date),
            "url": meta.get("url") or extracted.url}
    if extracted.sitename and not meta.get("publisher"):
        meta["publisher"] = extracted.sitename
    return [_document(rel, data, encoding, body, **meta)]


def _field(record: dict, name: str) -> object:
    for key in _format_data()["json_fields"][name]:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def _record_document(rel: str, record: object, encoding: str, meta: dict) -> Document | Reject:
    if not isinstance(record, dict):
        return Reject(rel, "invalid_record", f"expected an object, found {type(record).__name__}")
    text = _field(record, "text")
    if not isinstance(text, str) or not text.strip():
        names = ", ".join(_format_data()["json_fields"]["text"])
        return Reject(rel, "invalid_record", f"the record has no text (looked for: {names})")
    raw = json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")
    title, url, publisher = (_field(record, k) for k in ("title", "url", "publisher"))
    return _document(rel, raw, encoding, text, **{
        **meta, "title": str(title) if title else None, "url": str(url) if url else None,
        "published_date": parse_iso_day(_field(record, "date")),
        "publisher": str(publisher) if publisher else meta.get("publisher")})


def _records(value: object) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in _format_data()["json_collections"]:
            if isinstance(value.get(key), list):
                return value[key]
        return [value]
    return [value]


def read_json(rel: str, data: bytes, text: str, encoding: str, meta: dict) -> list[Document | Reject]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        return [Reject(rel, "invalid_record", f"not valid JSON: {err}")]
    return [_record_document(f"{rel}#{i}", rec, encoding, meta)
            for i, rec in enumerate(_records(value), start=1)]


def read_jsonl(rel: str, data: bytes, text: str, encoding: str, meta: dict) -> list[Document | Reject]:
    out: list[Document | Reject] = []
    for n, line in _numbered_lines(text):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            out.append(Reject(f"{rel}#L{n}", "invalid_record", f"line {n} is not valid JSON: {err}"))
            continue
        out.append(_record_document(f"{rel}#L{n}", rec, encoding, meta))
    return out


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    # JSON Lines end a record at "\n" alone: str.splitlines would also split on the U+2028,
    # U+0085 and form feeds that a JSON string may hold unescaped
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield n, line


READERS = {**{s: read_text for s in TEXT_SUFFIXES}, **{s: read_html for s in HTML_SUFFIXES},
           **{s: read_json for s in JSON_SUFFIXES}, **{s: read_jsonl for s in JSONL_SUFFIXES}}
