"""Property-based tests of the whole build (issue 22): any raw folder, drawn from news-wire
pieces in English, Russian and Tajik, texts in languages without rules, odd Unicode,
duplicates, empty and binary files, gives tables that pass every schema and data assertion,
or a clean refusal; and the same corpus written in another order, read in other batches,
gives the same ids and the same bytes.

The stage functions run without Prefect. `CORPUS_EXAMPLES=2000 make test` runs the larger
profile (random, not the fixed examples CI draws)."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import frictionless
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings

from flows.release.database import DATABASE_FILE
from flows.stages import BuildRefused, build_release, build_tables
from schemas.generate import arrow_schema
from schemas.resources import RESOURCES

from .corpora import corpus

EXAMPLES = int(os.environ.get("CORPUS_EXAMPLES", "0"))
TABLES = settings(max_examples=EXAMPLES or 60, deadline=None, derandomize=not EXAMPLES,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                  database=None)
RELEASES = settings(TABLES, max_examples=max(EXAMPLES // 10, 12))
pytestmark = pytest.mark.timeout(0 if EXAMPLES else 300)  # the large profile runs long


def write(folder: Path, files: dict[str, bytes], order: list[str]) -> Path:
    for name in order:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[name])
    return folder


def in_two_orders(tmp: Path, files: dict[str, bytes]) -> tuple[Path, Path]:
    """The corpus written twice: in name order under `a`, in reverse order under `b`."""
    names = sorted(files)
    return write(tmp / "a", files, names), write(tmp / "b", files, names[::-1])


def tables_or_refusal(raw: Path, batch_size: int = 500) -> dict[str, pa.Table] | str:
    try:
        return build_tables(raw, batch_size=batch_size)[1]
    except BuildRefused as err:
        return str(err)


@TABLES
@given(drawn=corpus())
def test_any_corpus_gives_valid_tables_or_a_clear_refusal(drawn):
    files, readable = drawn
    with tempfile.TemporaryDirectory() as tmp:
        a, b = in_two_orders(Path(tmp), files)
        first, again = tables_or_refusal(a), tables_or_refusal(b, batch_size=1)
    if isinstance(first, str):
        assert not readable, f"refused a corpus with {readable} readable text(s): {first}"
        assert "\n" not in first and ("holds no file" in first or "none of the" in first)
        assert again == first.replace(f"{tmp}/a", f"{tmp}/b")
        return
    # valid: build_tables has checked every schema, key and data assertion; and more
    for resource in RESOURCES:
        assert first[resource.name].schema.equals(arrow_schema(resource)), resource.name
    read = [p.split("#")[0] for t in ("documents", "rejects")
            for p in first[t].column("source_path").to_pylist()]
    assert set(read) == set(files), "every file is a document or a reject"
    unsupported = {d for d, ok in zip(first["documents"].column("doc_id").to_pylist(),
                                      first["documents"].column("language_supported").to_pylist(),
                                      strict=True) if not ok}
    told = set(first["event_mentions"].column("doc_id").to_pylist()
               + first["figures"].column("doc_id").to_pylist())
    assert not told & unsupported, "a text in a language without rules yields nothing"
    assert not isinstance(again, str)
    for name, table in first.items():
        assert table.equals(again[name]), f"{name} differs in another order and batching"


@RELEASES
@given(drawn=corpus())
def test_any_corpus_publishes_the_same_valid_release_in_any_order(drawn):
    files, readable = drawn
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        a, b = in_two_orders(tmp, files)
        try:
            build_release(a, tmp / "out-a")
        except BuildRefused:
            assert not readable
            assert not (tmp / "out-a").exists(), "a refused build publishes nothing"
            return
        build_release(b, tmp / "out-b", batch_size=1)
        report = frictionless.validate(tmp / "out-a" / "datapackage.json")
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
        published = sorted(p.name for p in (tmp / "out-a").iterdir())
        assert published == sorted(p.name for p in (tmp / "out-b").iterdir())
        for name in published:
            assert (tmp / "out-a" / name).read_bytes() == (tmp / "out-b" / name).read_bytes(), name
        assert not list(tmp.glob(".out-*")), "no lock or staging folder is left behind"
        with sqlite3.connect(tmp / "out-a" / DATABASE_FILE) as db:
            for resource in RESOURCES:
                columns = [row[1] for row in db.execute(f"PRAGMA table_info({resource.name})")]
                assert columns == [f.name for f in resource.fields], resource.name
