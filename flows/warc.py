"""Web archives: `.warc` and `.warc.gz` files (a crawl of one's own, Common Crawl's CC-NEWS)
read record by record with FastWARC.

Each HTTP response holding an HTML or text page is a document, with the record's url as its
url and the record's date as its date where the page gives none; a page naming nothing of the
region is screened out before its text is extracted (see `flows.screen`), and any other
response (an image, a redirect, an error page) is counted, not read. A malformed record is a
reject with its reason, and reading goes on at the next record: a gzip member is one record
(as Common Crawl writes them), and in an uncompressed archive the next record starts at the
next `WARC/1.` line.
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from flows.formats import read_html, read_text
from flows.records import Document, Reject
from flows.screen import relevant

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
_MAGIC = b"WARC/1."
_BLOCK = 1 << 16


@dataclass(frozen=True)
class Screened:
    """A record read and set aside, not a document: `not_relevant` (names nothing of the
    region) or `not_a_page` (no HTML or text page: an image, a redirect, an error)."""

    source_path: str
    reason: str


def is_warc(rel: str) -> bool:
    return rel.lower().endswith(WARC_SUFFIXES)


def _members(path: Path) -> Iterator[bytes]:
    """The archive's uncompressed bytes: each gzip member of a `.gz` file in turn (read in
    small blocks, so that a member's leftover input is never much copied), else the file."""
    with open(path, "rb") as fh:
        if not path.name.lower().endswith(".gz"):
            yield fh.read()
            return
        rest = b""
        while True:
            data = rest or fh.read(_BLOCK)
            if not data:
                return
            d = zlib.decompressobj(31)
            parts = []
            while True:
                parts.append(d.decompress(data))
                if d.eof:
                    rest = d.unused_data
                    break
                data = fh.read(_BLOCK)
                if not data:
                    raise zlib.error("the archive ends inside a gzip member")
            yield b"".join(parts)


def _records(chunk: bytes) -> Iterator[object]:
    """The response records of uncompressed WARC bytes. Where FastWARC cannot read on, it
    yields the OSError it raised (once for a run of failures) and resumes at the next
    `WARC/1.` line after the last record it read (or after the one it could not)."""
    start, failing = 0, False
    while start < len(chunk):
        last = -1
        try:
            for record in ArchiveIterator(io.BytesIO(chunk[start:]),
                                          record_types=WarcRecordType.response, parse_http=True):
                last, failing = record.stream_pos, False
                yield record
            return
        except OSError as err:
            if not failing:
                yield err
            failing = True
            start = chunk.find(_MAGIC, start + (last if last >= 0 else 0) + 1)
            if start < 0:
                return


def read_warc(raw_dir: Path, rel: str, meta: dict, max_bytes: int
              ) -> list[Document | Reject | Screened]:
    """Every response record of an archive as a Document, a Reject or a Screened record; a
    page's raw text goes through the relevance gate before its main text is extracted."""
    out: list[Document | Reject | Screened] = []
    n = 0
    try:
        for chunk in _members(raw_dir / rel):
            for record in _records(chunk):
                n += 1
                if isinstance(record, OSError):
                    out.append(Reject(f"{rel}#{n}", "malformed_record",
                                      f"record {n} of the archive cannot be read: {record}"))
                    continue
                out.append(_page(rel, n, record, meta, max_bytes))
    except (OSError, zlib.error, EOFError) as err:
        out.append(Reject(f"{rel}#{n + 1}", "malformed_archive",
                          f"the archive cannot be read past record {n}: {err}"))
    if n == 0 and not out:
        out.append(Reject(rel, "empty", "the archive holds no HTTP response record"))
    return out


def _page(rel: str, n: int, record, meta: dict, max_bytes: int) -> Document | Reject | Screened:
    where = f"{rel}#{n}"
    content_type = (record.http_content_type or "").lower()
    status = record.http_headers.status_code if record.http_headers else None
    if status != 200 or not content_type.startswith(HTML_TYPES + TEXT_TYPES):
        return Screened(where, "not_a_page")
    body = record.reader.read()
    if len(body) > max_bytes:
        return Reject(where, "too_large", f"{len(body)} bytes is over the limit of {max_bytes}")
    from flows.ingest import decode  # the same decoding as a file's

    charset = record.http_charset
    try:
        text, encoding = (body.decode(charset), charset) if charset else decode(body)
    except (UnicodeDecodeError, LookupError):
        try:
            text, encoding = decode(body)
        except (UnicodeDecodeError, LookupError) as err:
            return Reject(where, "undecodable", f"no text encoding fits the page: {err}")
    if not relevant(text):
        return Screened(where, "not_relevant")
    crawled: dt.datetime | None = record.record_date
    page_meta = {**meta, "url": record.headers.get("WARC-Target-URI") or meta.get("url")}
    read = read_html if content_type.startswith(HTML_TYPES) else read_text
    (item,) = read(where, body, text, encoding, page_meta)
    if isinstance(item, Document) and item.published_date is None and crawled is not None:
        item.published_date = crawled.date()
    return item
