"""Web-archive benchmark: `python -m bench.warc [--files 10 --pages 1000 --relevant 0.2]`.

Writes gzipped WARC files (one gzip member a record, as Common Crawl does) holding news pages
about the region, made of the development texts' paragraphs (`../shared/dev/texts`, else the
seeds in raw/), among pages about other things, made of the paragraphs of the Python standard
library's documentation; builds them through the command line and prints the input pages per
second after start-up, how many relevant pages were published, and how many unrelated ones
got through the relevance gate.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import pydoc
import random
import re
import tempfile
import uuid
from pathlib import Path

from bench.__main__ import ROOT, run_build

DEV_TEXTS = ROOT.parent / "shared" / "dev" / "texts"
STDLIB = ["argparse", "asyncio", "collections", "csv", "datetime", "decimal", "email",
          "functools", "http.client", "itertools", "json", "logging", "pathlib", "re",
          "sqlite3", "statistics", "string", "subprocess", "threading", "unittest", "urllib",
          "xml.etree.ElementTree", "zipfile", "tarfile", "shutil", "socket", "ssl", "typing"]


def _paragraphs(texts: list[str]) -> list[str]:
    return [p.strip() for t in texts for p in re.split(r"\n\s*\n", t) if len(p.strip()) > 80]


def relevant_paragraphs() -> list[str]:
    folder = DEV_TEXTS if DEV_TEXTS.is_dir() else ROOT / "raw"
    return _paragraphs([p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))])


def unrelated_paragraphs() -> list[str]:
    texts = []
    for name in STDLIB:
        try:
            texts.append(pydoc.render_doc(name, renderer=pydoc.plaintext))
        except ImportError:
            continue
    return [p.replace("\n", " ") for p in _paragraphs(texts) if p[:1].isalpha()]


def response_record(url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
                    status: str = "200 OK") -> bytes:
    """One WARC response record (uncompressed) of an HTTP response with this body."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    record = WarcRecord()
    record.init_headers(record_type=WarcRecordType.response,
                        record_urn=uuid.uuid5(uuid.NAMESPACE_URL, url).urn[4:].encode())
    record.headers["WARC-Target-URI"] = url
    record.headers["WARC-Date"] = "2025-03-15T08:00:00Z"
    record.headers["Content-Type"] = "application/http; msgtype=response"
    record.set_bytes_content(
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    out = io.BytesIO()
    record.write(out)
    return out.getvalue()


def page(title: str, paragraphs: list[str]) -> bytes:
    """A news page: a menu, the article, a footer."""
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article><footer>(c) 2025</footer></body></html>").encode()


def _record(url: str, title: str, body: str) -> bytes:
    """A page as Common Crawl stores it: its record in a gzip member of its own."""
    return gzip.compress(response_record(url, page(title, body.split("\n\n"))),
                         compresslevel=6, mtime=0)


def write_archives(folder: Path, files: int, pages: int, share: float) -> set[str]:
    """The archives, and the urls of their relevant pages."""
    rng = random.Random(files * pages)
    about, other = relevant_paragraphs(), unrelated_paragraphs()
    relevant_urls = set()
    for f in range(files):
        with open(folder / f"crawl-{f:02d}.warc.gz", "wb") as fh:
            for p in range(pages):
                is_relevant = rng.random() < share
                source = about if is_relevant else other
                body = "\n\n".join(rng.sample(source, rng.randint(3, min(8, len(source)))))
                url = f"https://{'news' if is_relevant else 'docs'}.example.org/{f}/{p}"
                relevant_urls |= {url} if is_relevant else set()
                fh.write(_record(url, body.split(".")[0][:80], body))
    return relevant_urls


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.warc", description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--pages", type=int, default=1000, help="pages a file")
    ap.add_argument("--relevant", type=float, default=0.2, help="share of relevant pages")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        relevant_urls = write_archives(raw, a.files, a.pages, a.relevant)
        total = a.files * a.pages
        wall, stages, parts, summary = run_build(raw, Path(tmp) / "out", Path(tmp) / "cache", [])
        work = sum(stages.values())
        dp = json.loads((Path(tmp) / "out" / "datapackage.json").read_text())
        import pyarrow.parquet as pq

        urls = set(pq.read_table(Path(tmp) / "out" / "documents.parquet",
                                 columns=["url"]).column("url").to_pylist())
    unrelated = total - len(relevant_urls)
    print(f"{a.files} archives, {total} pages ({len(relevant_urls)} about the region)")
    print(f"work after start-up: {work:.1f}s = {total / work:.0f} input pages/s; wall {wall:.1f}s")
    print("  " + ", ".join(f"{k} {v:.1f}s" for k, v in parts.items()) + " (summed over batches)")
    print(f"published: {len(urls & relevant_urls)} of {len(relevant_urls)} relevant pages, "
          f"{len(urls - relevant_urls)} of {unrelated} unrelated "
          f"({100 * len(urls - relevant_urls) / max(unrelated, 1):.2f}%)")
    print(f"descriptor screened: {dp['screened']}")
    print(f"build: {summary}")


if __name__ == "__main__":
    main()
