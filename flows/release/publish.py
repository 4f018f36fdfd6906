"""Publish: Parquet and CSV per table plus a Data Package descriptor, written aside, checked,
then swapped in atomically so that a failed or killed run leaves the last release whole.

Builds are byte-for-byte reproducible: no wall-clock time is written; the version and date
come from the build fingerprint and the documents (see `version`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import filecmp
import hashlib
import json
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from flows.release.changelog import read_previous, section, updated_changelog
from flows.release.database import DATABASE_FILE, METADATA_FILE, write_database, write_metadata
from flows.release.descriptor import citation, descriptor
from flows.release.report import REPORT_FILE, write_report
from flows.release.validate import ValidationFailed, check_release
from flows.release.version import created, version
from schemas.generate import LIST_DELIMITER
from schemas.resources import RESOURCES

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


PARQUET_ROW_GROUP = 10_000  # the writer holds a row group encoded in memory until it is full


def write_parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, compression="zstd", compression_level=9,
                   row_group_size=PARQUET_ROW_GROUP)


def write_csv(table: pa.Table, path: Path) -> None:
    """UTF-8 CSV with a header; list columns joined with ";", booleans as true/false."""
    cols = []
    for _name, col in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_list(col.type):
            col = pc.binary_join(col, LIST_DELIMITER)
        cols.append(col)
    flat = pa.Table.from_arrays(cols, names=table.column_names)
    pacsv.write_csv(flat, path, pacsv.WriteOptions(include_header=True, quoting_style="needed"))


def file_facts(path: Path) -> tuple[int, str]:
    """(bytes, SHA-256) of a file, read in chunks."""
    with open(path, "rb") as fh:
        return path.stat().st_size, hashlib.file_digest(fh, "sha256").hexdigest()


def render(tables: dict[str, pa.Table], folder: Path, fingerprint: str, sources: list[dict],
           previous: Path | None = None, screened: dict[str, int] | None = None) -> dict:
    """Write every file of the release into `folder`, one table at a time (never all of them
    in memory), and return its descriptor; the changelog continues the one of the release in
    `previous`, if any."""
    facts: dict[str, tuple[int, str]] = {}
    for r in RESOURCES:
        for fmt, write in (("parquet", write_parquet), ("csv", write_csv)):
            path = folder / f"{r.name}.{fmt}"
            write(tables[r.name], path)
            facts[path.name] = file_facts(path)
    write_database(tables, folder / DATABASE_FILE)
    write_metadata(folder / METADATA_FILE)
    write_report(tables, folder / REPORT_FILE, version(fingerprint, tables["documents"]),
                 created(tables["documents"]), sources)
    for name in (DATABASE_FILE, METADATA_FILE, REPORT_FILE):
        facts[name] = file_facts(folder / name)
    dp = descriptor(facts, fingerprint, tables["documents"], sources, screened)
    (folder / "datapackage.json").write_text(json.dumps(dp, indent=2, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    (folder / "CITATION.cff").write_text(citation(dp), encoding="utf-8")
    old_version, old_tables = read_previous(previous) if previous else (None, {})
    old_log = previous / "CHANGELOG.md" if previous else None
    existing = old_log.read_text(encoding="utf-8") if old_log and old_log.exists() else None
    new = section(dp["version"], dp["created"], old_version, tables, old_tables)
    (folder / "CHANGELOG.md").write_text(updated_changelog(existing, new, dp["version"]),
                                         encoding="utf-8")
    return dp


def _file_holds(path: Path, table: pa.Table, rows: int = 5000) -> bool:
    """Whether a Parquet file holds exactly the table, read back a slice of rows at a time
    (reading a whole table back costs nearly three times its size)."""
    parquet = pq.ParquetFile(path)
    if parquet.metadata.num_rows != table.num_rows or not parquet.schema_arrow.equals(table.schema):
        return False
    offset = 0
    for batch in parquet.iter_batches(batch_size=rows):
        if not pa.Table.from_batches([batch]).equals(table.slice(offset, batch.num_rows)):
            return False
        offset += batch.num_rows
    return offset == table.num_rows


def _same_files(new: Path, old: Path) -> bool:
    """Whether every file in `new` is in `old` with the same bytes."""
    return all((old / p.name).is_file() and filecmp.cmp(p, old / p.name, shallow=False)
               for p in new.iterdir())


def read_back(folder: Path) -> dict[str, pa.Table]:
    return {r.name: pq.read_table(folder / f"{r.name}.parquet") for r in RESOURCES}


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def current_release(output: Path, fingerprint: str) -> dict | None:
    """The descriptor of the release in `output` if the same things made it (same build
    fingerprint) and it is whole: every file it describes has the bytes and hash it says.
    None otherwise."""
    try:
        dp = json.loads((output / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if dp.get("fingerprint") != f"sha256:{fingerprint}" or not (output / "CITATION.cff").is_file():
        return None
    for res in dp.get("resources", []):
        try:
            size, digest = file_facts(output / res["path"])
        except (OSError, KeyError, TypeError):
            return None
        if size != res.get("bytes") or f"sha256:{digest}" != res.get("hash"):
            return None
    return dp


def row_counts(output: Path) -> dict[str, int]:
    return {r.name: pq.read_metadata(output / f"{r.name}.parquet").num_rows for r in RESOURCES}


def publish(tables: dict[str, pa.Table], output: Path, fingerprint: str,
            sources: list[dict], validated: bool = False,
            screened: dict[str, int] | None = None) -> dict:
    """Write the release aside, check it, then swap it into `output`.

    The check re-reads the written Parquet files: they must equal the tables, and the tables
    must validate (skipped when the caller has just `validated` them). Returns the descriptor.
    Raises ValidationFailed (and leaves `output` untouched) when the check fails.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.parent / f".{output.name}.staging"
    if staging.exists():
        shutil.rmtree(staging)  # left by a run that was killed before it could swap
    staging.mkdir()
    try:
        dp = render(tables, staging, fingerprint, sources, output if output.exists() else None,
                    screened)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if output.exists() and _same_files(staging, output):
        shutil.rmtree(staging)
        return dp  # the release is already this one
    for path in staging.iterdir():
        with open(path, "rb+") as fh:
            os.fsync(fh.fileno())
    # keep anything else the output folder holds (a README for browsers of the repository)
    if output.exists():
        for extra in output.iterdir():
            if extra.is_file() and not (staging / extra.name).exists():
                shutil.copy2(extra, staging / extra.name)
    _fsync_dir(staging)
    try:
        if not validated:
            check_release(read_back(staging))
        unequal = [name for name, table in tables.items()
                   if not _file_holds(staging / f"{name}.parquet", table)]
        if unequal:
            raise ValidationFailed(f"the written Parquet files differ from the tables: {unequal}")
    except Exception:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if output.exists():
        if not _exchange(staging, output):
            # no atomic exchange here: two renames, with the old release kept until the end
            old = output.parent / f".{output.name}.previous"
            shutil.rmtree(old, ignore_errors=True)
            os.rename(output, old)
            os.rename(staging, output)
            staging = old
        shutil.rmtree(staging, ignore_errors=True)
    else:
        os.rename(staging, output)
    _fsync_dir(output.parent)
    return dp
