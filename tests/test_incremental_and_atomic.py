"""Re-runs do no work twice, and a build killed at any moment leaves the last release whole."""

import json
import random
import signal
import subprocess
import sys
import time

import frictionless
import pandas as pd
import pyarrow.parquet as pq

import flows.batch as batch
import flows.pipeline as pipeline
from flows.release.publish import read_back

from .conftest import ROOT, copy_seeds, write_raw

NEW_STORY = ("Tajik President Emomali Rahmon met Uzbek President Shavkat Mirziyoyev in Khujand on "
             "12 June 2025. The two leaders signed an agreement on water use.")


def files_of(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_reruns_reuse_work_and_only_new_files_cost_work(prefect_harness, tmp_path, monkeypatch):
    raw, out, cache = copy_seeds(tmp_path / "raw"), tmp_path / "output", tmp_path / "cache"
    pipeline.build(raw=raw, output=out, cache_dir=cache)
    first = files_of(out)
    events_before = set(pd.read_parquet(out / "events.parquet")["event_id"])

    real_extract, real_clean = batch.extract_document, batch.clean_batch
    extracted, cleaned = [], []
    monkeypatch.setattr(batch, "extract_document",
                        lambda d: extracted.append(d.source_path) or real_extract(d))
    monkeypatch.setattr(batch, "clean_batch",
                        lambda docs: cleaned.extend(d.source_path for d in docs) or real_clean(docs))
    real_process, processed = batch.process_batch, []
    monkeypatch.setattr(batch, "process_batch",
                        lambda docs, *a: processed.extend(docs) or real_process(docs, *a))
    pipeline.build(raw=raw, output=out, cache_dir=cache)
    assert processed == []  # unchanged input and code, a whole release: nothing to redo
    assert files_of(out) == first

    (out / "events.csv").write_bytes(first["events.csv"][:-40])  # a damaged release is rebuilt,
    pipeline.build(raw=raw, output=out, cache_dir=cache)  # from the cache
    assert len(processed) == 5 and extracted == [] and cleaned == []
    assert files_of(out) == first

    write_raw(raw, {"new.txt": NEW_STORY})
    pipeline.build(raw=raw, output=out, cache_dir=cache)
    assert extracted == ["new.txt"] and cleaned == ["new.txt"]
    events_after = set(pd.read_parquet(out / "events.parquet")["event_id"])
    assert events_before < events_after
    log = (out / "CHANGELOG.md").read_text()
    assert "| documents | 6 | 1 | 0 | 0 |" in log


KILLER = """
import sys, itertools
from pathlib import Path
from flows.release.publish import publish, read_back
a = read_back(Path(sys.argv[1]))
b = dict(a, figures=a["figures"].slice(0, 3))  # another release that validates
for i in itertools.count():
    publish(a if i % 2 else b, Path(sys.argv[2]), f"{i:064x}", [])
    print(i, flush=True)
"""


def test_sigkill_at_any_moment_leaves_a_valid_release(built_release, tmp_path):
    out = tmp_path / "output"
    subprocess.run([sys.executable, "-c", KILLER.replace("itertools.count()", "range(1)"),
                    str(built_release), str(out)], check=True, cwd=ROOT, capture_output=True)
    rng = random.Random(7)
    for _ in range(6):
        child = subprocess.Popen([sys.executable, "-c", KILLER, str(built_release), str(out)],
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
        for _ in range(rng.randint(1, 3)):  # let it finish some releases, whatever its speed
            assert child.stdout.readline(), child.stderr.read()
        time.sleep(rng.uniform(0, 0.4))  # then kill it somewhere inside the next ones
        child.send_signal(signal.SIGKILL)
        child.wait()
        report = frictionless.validate(str(out / "datapackage.json"))
        assert report.valid, report.flatten(["resourceName", "type", "note"])[:5]
        dp = json.loads((out / "datapackage.json").read_text())
        rows = {r["name"]: pq.read_metadata(out / r["path"]).num_rows
                for r in dp["resources"] if r["format"] == "parquet"}
        assert rows["figures-parquet"] in (3, read_back(built_release)["figures"].num_rows)


def test_a_changed_column_description_makes_a_new_release(prefect_harness, tmp_path,
                                                          monkeypatch):
    """The release fingerprint sees the tables' declarations, not only the input and the
    pipeline's code: a rebuild after a description changed publishes the new descriptor."""
    from schemas.fields import FIELDS, Field

    raw, out, cache = copy_seeds(tmp_path / "raw"), tmp_path / "output", tmp_path / "cache"
    pipeline.build(raw=raw, output=out, cache_dir=cache)
    before = json.loads((out / "datapackage.json").read_text())
    old = FIELDS["evidence"]
    monkeypatch.setitem(FIELDS, "evidence", Field(**{**old.__dict__,
                                                      "description": "The sentence, as written."}))
    pipeline.build(raw=raw, output=out, cache_dir=cache)
    after = json.loads((out / "datapackage.json").read_text())
    assert after["version"] != before["version"]
    described = {f["name"]: f["description"] for r in after["resources"] if "schema" in r
                 for f in r["schema"]["fields"]}
    assert described["evidence"] == "The sentence, as written."
