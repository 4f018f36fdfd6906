"""The whole flow through Prefect, and the published release it makes."""

import hashlib
import json
import re
import shutil
import subprocess
import sys

import frictionless
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.release.changelog import section
from flows.release.publish import _file_holds, current_release, publish, read_back
from flows.release.validate import ValidationFailed

from .conftest import ROOT

TABLES = ["documents", "events", "event_mentions", "figures", "actors", "participants", "rejects"]


def test_flow_publishes_every_table(built_release):
    for t in TABLES:
        assert (built_release / f"{t}.parquet").exists() and (built_release / f"{t}.csv").exists()
    events = pd.read_parquet(built_release / "events.parquet", dtype_backend="pyarrow")
    assert len(events) >= 10 and events["event_id"].is_unique
    docs = pd.read_parquet(built_release / "documents.parquet", dtype_backend="pyarrow")
    assert len(docs) == 5


def test_committed_output_is_the_fresh_build(built_release):
    """output/ is byte-for-byte what the code builds from raw/ (rebuild: `make build`); only
    the changelog, which is the history of releases, differs from a build into a new folder."""
    committed = ROOT / "output"
    for f in sorted(p.name for p in built_release.iterdir() if p.name != "CHANGELOG.md"):
        assert (committed / f).read_bytes() == (built_release / f).read_bytes(), \
            f"output/{f} is stale: run `make build` and commit output/"


def test_package_passes_frictionless(built_release):
    report = frictionless.validate(str(built_release / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:10]


def test_descriptor_hashes_and_sizes_match_the_files(built_release):
    dp = json.loads((built_release / "datapackage.json").read_text())
    assert dp["version"].startswith("0.") and dp["licenses"] and dp["sources"]
    assert "created" in dp
    assert sorted(r["path"] for r in dp["resources"]) == sorted(
        [f"{t}.{fmt}" for t in TABLES for fmt in ("csv", "parquet")]
        + ["metadata.json", "report.html", "tajikistan-foreign-relations-events.sqlite"])
    for res in dp["resources"]:
        data = (built_release / res["path"]).read_bytes()
        assert res["bytes"] == len(data)
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    keys = {r["name"]: r["schema"].get("foreignKeys") for r in dp["resources"] if "schema" in r}
    assert keys["event_mentions"] and keys["participants"]


def test_a_release_that_fails_validation_leaves_the_previous_one(built_release, tmp_path):
    out = tmp_path / "output"
    shutil.copytree(built_release, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    tables = read_back(out)
    ev = tables["events"]
    bad = ev.set_column(ev.schema.get_field_index("event_type"), "event_type",
                        pa.array(["NOT_A_TYPE"] * ev.num_rows))
    with pytest.raises(ValidationFailed) as err:
        publish({**tables, "events": bad}, out, "0" * 64, [])
    assert "events.event_type" in str(err.value) and "NOT_A_TYPE" in str(err.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not list(tmp_path.glob(".output.*"))


def test_publish_replaces_a_release_whole(built_release, tmp_path):
    out = tmp_path / "output"
    shutil.copytree(built_release, out)
    (out / "README.md").write_text("kept")
    tables = read_back(built_release)
    log_before = (out / "CHANGELOG.md").read_text()
    publish(tables, out, "f" * 64, [])  # other input, the same tables: no news to log
    dp = json.loads((out / "datapackage.json").read_text())
    assert dp["version"] != json.loads((built_release / "datapackage.json").read_text())["version"]
    assert (out / "README.md").read_text() == "kept"
    assert (out / "CHANGELOG.md").read_text() == log_before
    publish({**tables, "figures": tables["figures"].slice(0, 3)}, out, "e" * 64, [])
    dp = json.loads((out / "datapackage.json").read_text())
    log = (out / "CHANGELOG.md").read_text()
    assert log.index(dp["version"]) < log.index("first release")
    assert f"| figures | 3 | 0 | {tables['figures'].num_rows - 3} | 0 |" in log


def test_the_changelog_names_columns_added_and_removed(built_release):
    old = read_back(built_release)
    figures = old["figures"].drop_columns(["value_start", "value_end"]).append_column(
        "page", pa.array([1] * old["figures"].num_rows))
    entry = section("2.0.0", "2026-01-01T00:00:00Z", "1.0.0", old, {**old, "figures": figures})
    assert "- figures columns: added value_start, value_end; removed page" in entry
    assert "documents columns" not in entry


def test_cli_refuses_a_missing_raw_folder(tmp_path):
    res = subprocess.run([sys.executable, "-m", "flows", "build", "--raw", str(tmp_path / "nope"),
                          "--output", str(tmp_path / "out")], capture_output=True, text=True,
                         cwd=ROOT)
    assert res.returncode == 2 and "does not exist" in res.stderr
    assert not (tmp_path / "out").exists()


def test_the_written_files_are_read_back_and_compared_slice_by_slice(built_release, tmp_path):
    events = read_back(built_release)["events"]
    pq.write_table(events, tmp_path / "events.parquet")
    assert _file_holds(tmp_path / "events.parquet", events, rows=7)
    changed = events.set_column(events.schema.get_field_index("event_type"), "event_type",
                                pa.array(["CONSULT"] * (events.num_rows - 1) + ["AID"]))
    assert not _file_holds(tmp_path / "events.parquet", changed, rows=7)
    assert not _file_holds(tmp_path / "events.parquet", events.slice(1), rows=7)


def test_a_release_is_current_only_when_whole(built_release, tmp_path):
    out = tmp_path / "output"
    shutil.copytree(built_release, out)
    fingerprint = json.loads((out / "datapackage.json").read_text())["fingerprint"][7:]
    assert current_release(out, fingerprint)["fingerprint"] == f"sha256:{fingerprint}"
    assert current_release(out, "0" * 64) is None
    data = (out / "figures.csv").read_bytes()
    (out / "figures.csv").write_bytes(data.replace(b",", b";", 1))  # same size, other bytes
    assert current_release(out, fingerprint) is None


def test_the_committed_release_holds_no_text_it_may_not_redistribute():
    """A document's text is published only where its source's licence allows it: of the
    seeds, the Wikipedia article; the four news items keep their url, title, hash and
    evidence sentences, and no file of the release holds their text."""
    out = ROOT / "output"
    docs = pd.read_parquet(out / "documents.parquet", dtype_backend="pyarrow")
    published = dict(zip(docs["source_path"], docs["text"].notna(), strict=True))
    assert published == {"000_b4de8f04bb285288.txt": False, "001_21f78ad6a55b217b.txt": False,
                         "002_812bcc7ee726e003.txt": False, "003_23851ab61b612867.txt": False,
                         "004_c0e2f00e085f68d6.txt": True}
    assert (docs["text_redistributable"] == docs["text"].notna()).all()
    release = b"".join(p.read_bytes() for p in sorted(out.iterdir()))
    for path, shown in published.items():
        # two sentences running on: more than any one evidence sentence quotes
        raw = (ROOT / "raw" / path).read_text(encoding="utf-8")
        pairs = [m.group().encode() for m in re.finditer(r"[^.!?\n]{40,}[.!?][ \n][^.!?\n]{40,}[.!?]",
                                                         raw)]
        assert pairs, path
        assert shown == any(pair in release for pair in pairs), path
    dp = json.loads((out / "datapackage.json").read_text())
    assert {s["id"]: s["redistributable"] for s in dp["sources"]} == {
        "caspian-post": False, "gov-kz": False, "news-sample": False, "wikipedia-en": True}
    assert "only where its source's licence allows" in dp["description"]


def test_every_published_offset_slices_its_evidence(built_release):
    """Where the text is published, char_start/char_end slice the evidence sentence in both
    tables that have them, and a figure's value_start/value_end the figure as written."""
    docs = pd.read_parquet(built_release / "documents.parquet", dtype_backend="pyarrow")
    texts = {d: t for d, t in zip(docs["doc_id"], docs["text"], strict=True) if not pd.isna(t)}
    for table in ("event_mentions", "figures"):
        rows = pd.read_parquet(built_release / f"{table}.parquet", dtype_backend="pyarrow")
        shown = rows[rows["doc_id"].isin(texts)]
        assert len(shown) > 0
        for m in shown.itertuples():
            assert texts[m.doc_id][m.char_start:m.char_end] == m.evidence
            if table == "figures":
                assert texts[m.doc_id][m.value_start:m.value_end] == m.text_as_written
                assert m.char_start <= m.value_start < m.value_end <= m.char_end
