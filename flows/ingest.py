"""Ingest: find the files under the raw folder, read their bytes, hash and decode them, and
hand them to the reader of their format (text, HTML, JSON, JSON Lines, web archives).

Every file is either a `Document` or a `Reject` with its reason: nothing is dropped silently.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from flows.formats import READERS, parse_iso_day
from flows.records import Document, Reject
from flows.warc import Screened, is_warc, read_warc
from flows.yaml_files import read_yaml

log = logging.getLogger(__name__)

PROVENANCE_FILE = "PROVENANCE.yaml"  # the raw folder's manifest, not a document
# beside a collected page `x.html`, its provenance `x.provenance.json` (see flows.collect)
PROVENANCE_SUFFIX = ".provenance.json"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def discover(raw_dir: Path) -> list[str]:
    """Every file below raw_dir (POSIX paths relative to it, sorted), but the manifest."""
    found = []
    for dirpath, dirnames, filenames in os.walk(raw_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            rel = (Path(dirpath) / name).relative_to(raw_dir).as_posix()
            if rel != PROVENANCE_FILE and not name.endswith(PROVENANCE_SUFFIX):
                found.append(rel)
    return sorted(found)


def sidecar_of(rel: str) -> str:
    """Where a file's own provenance would be: `a/b.html` -> `a/b.provenance.json`."""
    return Path(rel).with_suffix(PROVENANCE_SUFFIX).as_posix()


_SPECIAL_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                  (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                  (stat.S_ISDIR, "a directory"))


def not_a_regular_file(path: Path) -> str | None:
    """What the path (or the file a link points to) is when it is no regular file: a named
    pipe or a device would make a read wait forever, so such a path is never opened."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # the read says why
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _SPECIAL_KINDS if test(mode)), "no regular file")


def raw_fingerprint(raw_dir: Path, rels: list[str], max_bytes: int) -> str:
    """SHA-256 of everything a build reads: each file's path and bytes (a link's target too),
    the manifest, and the size limit. Equal fingerprints mean equal input."""
    h = hashlib.sha256(f"max_bytes={max_bytes}\n".encode())
    sidecars = [s for s in map(sidecar_of, rels) if (raw_dir / s).is_file()]
    for rel in [PROVENANCE_FILE, *rels, *sidecars]:
        path = raw_dir / rel
        h.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        try:
            if path.is_symlink():
                h.update(b"link:" + os.fsencode(os.readlink(path)) + b"\0")
            special = not_a_regular_file(path)
            if special:
                h.update(f"special:{special}".encode())
                continue
            with open(path, "rb") as fh:
                h.update(hashlib.file_digest(fh, "sha256").digest())
        except OSError as err:
            h.update(f"unreadable:{err.errno}".encode())
    return h.hexdigest()


def _manifest(raw_dir: Path) -> dict:
    path = raw_dir / PROVENANCE_FILE
    if not path.exists():
        return {}
    special = not_a_regular_file(path)
    if special:
        log.warning("%s is %s, not a regular file: read as no provenance", path, special)
        return {}
    return read_yaml(path) or {}


def load_sources(manifest: dict) -> list[dict]:
    """The sources the raw folder's manifest describes, each once (publisher, url, language,
    licence, whether its text may be republished, when it was retrieved)."""
    return [{**s, "redistributable": s.get("redistributable") is True}
            for s in manifest.get("sources", [])]


# what a file the manifest does not list is taken to be: of no known source, not republished
NO_PROVENANCE = {"source_id": None, "publisher": None, "license": None,
                 "text_redistributable": False}


def _sidecar(raw_dir: Path, rel: str) -> dict | None:
    """A collected page's provenance record (None when the file has none or it is unreadable)."""
    path = raw_dir / sidecar_of(rel)
    if not path.is_file():
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        log.warning("%s cannot be read (%s): %s is read as of no known source", path, err, rel)
        return None
    return record if isinstance(record, dict) else None


def _from_sidecar(record: dict) -> dict:
    """What a page's provenance record says of the document: its source, publisher, licence,
    url (as finally fetched), and the title and date its listing gave."""
    source = record.get("source") or {}
    out = {"source_id": source.get("id"), "publisher": source.get("publisher"),
           "license": record.get("licence") or source.get("license"),
           "text_redistributable": source.get("redistributable") is True,
           "url": record.get("final_url") or record.get("url")}
    if record.get("title"):
        out["title"] = str(record["title"])
    if (day := parse_iso_day(record.get("published"))) is not None:
        out["published_date"] = day
    return out


def page_records(raw_dir: Path, files: Iterable[str]) -> dict[str, dict]:
    """The provenance records of the collected pages among `files`."""
    return {rel: record for rel in files if (record := _sidecar(raw_dir, rel)) is not None}


def load_provenance(raw_dir: Path, manifest: dict | None = None,
                    records: dict[str, dict] | None = None) -> dict[str, dict]:
    """Per-file provenance: from a collected page's own record (`*.provenance.json`), then
    from the raw folder's manifest, which has the last word: the file's source, its publisher
    and licence (the file's own where it names them, else its source's), and whether its
    text may be republished (only where declared so: the default is not)."""
    data = _manifest(raw_dir) if manifest is None else manifest
    sources = {str(s["id"]): s for s in data.get("sources", [])}
    out = {rel: _from_sidecar(record) for rel, record in (records or {}).items()}
    for item in data.get("files", []):
        source = sources.get(str(item.get("source")), {})
        out[str(item["file"])] = {
            "source_id": source.get("id"),
            "publisher": item.get("publisher") or source.get("publisher"),
            "license": item.get("license") or source.get("license"),
            "text_redistributable": (item.get("redistributable", source.get("redistributable"))
                                     is True)}
    return out


def collected_sources(records: dict[str, dict], declared: list[dict]) -> list[dict]:
    """The sources named by the provenance records of collected pages, each once, but those
    the manifest already declares."""
    found: dict[str, dict] = {str(s["id"]): s for s in declared}
    for record in records.values():
        source = record.get("source") or {}
        if source.get("id") and source["id"] not in found:
            found[source["id"]] = {**source, "redistributable": source.get("redistributable") is True,
                                   "retrieved": None}
    return list(found.values())


@dataclass(frozen=True)
class RawInput:
    """What a build reads, surveyed once: the files, each file's provenance, the sources,
    and the fingerprint of it all."""

    folder: Path
    files: list[str]
    provenance: dict[str, dict]
    sources: list[dict]
    max_bytes: int
    fingerprint: str
    # the manifest's `screen: true`: a folder of unsorted pages, every document of which goes
    # through the relevance gate (a web archive's pages always do)
    screen: bool = False


def survey(raw_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawInput:
    """The raw folder's files and manifest (read once), and the input's fingerprint."""
    files = discover(raw_dir)
    manifest = _manifest(raw_dir)
    records = page_records(raw_dir, files)
    return RawInput(raw_dir, files, load_provenance(raw_dir, manifest, records),
                    collected_sources(records, load_sources(manifest)), max_bytes,
                    raw_fingerprint(raw_dir, files, max_bytes),
                    screen=bool(isinstance(manifest, dict) and manifest.get("screen")))


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding). Raises UnicodeDecodeError if hopeless."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                     (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        # a download cut inside a multi-byte character: repair by dropping the broken tail
        if err.start >= len(data) - 3 and err.reason in ("unexpected end of data",
                                                         "invalid continuation byte"):
            return data[: err.start].decode("utf-8"), "utf-8 (truncated tail repaired)"
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UnicodeDecodeError("unknown", data[:1], 0, 1, "no encoding fits these bytes")
    return str(best), best.encoding


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters (after any UTF-16/32 BOM) mean binary."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)


def read_one(raw_dir: Path, rel: str, provenance: dict[str, dict],
             max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document | Reject | Screened]:
    """One file as Documents (an export or an archive may hold many) or a Reject with its
    reason; an archive's pages that are no document are Screened."""
    path = raw_dir / rel
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(raw_dir.resolve()):
            return [Reject(rel, "outside_raw", f"link points outside the raw folder: {target}")]
    special = not_a_regular_file(path)
    if special:
        return [Reject(rel, "not_a_regular_file",
                       f"{special}, not a regular file: refused without opening it")]
    if is_warc(rel):  # an archive of many pages, read record by record; no file size limit
        return read_warc(raw_dir, rel, {**NO_PROVENANCE, **provenance.get(rel, {})}, max_bytes)
    suffix = Path(rel).suffix.lower()
    if suffix not in READERS:
        return [Reject(rel, "unsupported_format",
                       f"'{suffix or '(none)'}' files are not read; readable: "
                       f"{', '.join(sorted(READERS))}")]
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return [Reject(rel, "too_large", f"{size} bytes is over the limit of {max_bytes}")]
        data = path.read_bytes()
    except OSError as err:
        return [Reject(rel, "unreadable", f"cannot read the file: {err}")]
    if not data:
        return [Reject(rel, "empty", "the file has no bytes")]
    if looks_binary(data):
        return [Reject(rel, "binary", "the file holds binary data, not text")]
    try:
        text, encoding = decode(data)
    except (UnicodeDecodeError, LookupError) as err:
        return [Reject(rel, "undecodable", f"no text encoding fits the bytes: {err}")]
    if not text.strip():
        return [Reject(rel, "whitespace_only", "the file holds only white space")]
    return READERS[suffix](rel, data, text, encoding, {**NO_PROVENANCE, **provenance.get(rel, {})})


def read_batch(raw_dir: Path, rels: Iterable[str], provenance: dict[str, dict],
               max_bytes: int = DEFAULT_MAX_BYTES
               ) -> tuple[list[Document], list[Reject], list[Screened]]:
    """Read a batch of files; each becomes Documents or a Reject (and an archive's other
    records Screened)."""
    docs, rejects, screened = [], [], []
    for rel in rels:
        for item in read_one(raw_dir, rel, provenance, max_bytes):
            if isinstance(item, Document):
                docs.append(item)
            else:
                (screened if isinstance(item, Screened) else rejects).append(item)
    return docs, rejects, screened
