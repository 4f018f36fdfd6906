"""Small and odd corpora publish (issue 22): a quiet news day, one outlet, one sentence, a
language without rules; what cannot be built is refused in one line with its exit code; and
one build at a time writes a release folder."""

from __future__ import annotations

import json
import subprocess
import sys

import frictionless
import pyarrow.parquet as pq
import pytest

from flows.console import INVALID, LOCKED, NOT_WRITABLE, NOTHING_TO_BUILD, report_failure
from flows.release.lock import OutputNotWritable, ReleaseLocked, lock_path, release_lock
from flows.release.validate import ValidationFailed, check_release
from flows.stages import BuildRefused, build_release, build_tables

from .conftest import ROOT, write_raw
from .news_server import NewsSite, Route, article, rss

ONE_FILE_CORPORA = {
    "no people": "Tajikistan and Uzbekistan signed an agreement on the joint use of water.",
    "no date": "The foreign ministers of Kazakhstan and Tajikistan met in Astana.",
    "a figure alone": "Trade between the two countries reached 45 million US dollars.",
    "a language without rules": "Le ministre tadjik des Affaires étrangères a rencontré son "
                                "homologue kirghiz à Bichkek pour parler de la frontière.",
    "nothing to extract": "Heavy snow closed the mountain pass for two days this week.",
}


STORIES = {f"{case.replace(' ', '-')}.txt": text for case, text in ONE_FILE_CORPORA.items()}


def published(out) -> dict[str, int]:
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "type", "note"])[:5]
    return {p.stem: pq.read_metadata(p).num_rows for p in out.glob("*.parquet")}


@pytest.mark.parametrize("case", sorted(ONE_FILE_CORPORA))
def test_a_one_file_corpus_publishes_a_valid_release(case, tmp_path):
    raw = write_raw(tmp_path / "raw", {"story.txt": ONE_FILE_CORPORA[case]})
    build_release(raw, tmp_path / "out")
    rows = published(tmp_path / "out")
    assert rows["documents"] == 1
    if case == "no people":
        assert rows["events"] == 1 and rows["participants"] == 2  # the two states
    if case == "a figure alone":
        assert rows["figures"] == 1 and rows["events"] == 0
    if case in ("a language without rules", "nothing to extract"):
        assert rows["events"] == rows["figures"] == rows["actors"] == 0
    # empty tables keep their declared types: no column inferred as null or double
    events = pq.read_schema(tmp_path / "out" / "events.parquet")
    assert str(events.field("countries").type) == "list<element: string>"
    assert str(events.field("date_start").type) == "date32[day]"


PAGES = {  # a quiet week on a wire: states and a bloc, no person named
    "/news/water": ("Water protocol signed", "2025-04-01T09:00:00+05:00",
                    "DUSHANBE, April 1, 2025 - Tajikistan and Uzbekistan signed a protocol on "
                    "the joint management of border rivers, the Foreign Ministry said."),
    "/news/astana": ("Ministers meet in Astana", "2025-04-02T09:00:00+05:00",
                     "ASTANA, April 2, 2025 - The foreign ministers of Kazakhstan and "
                     "Tajikistan met in Astana to discuss transit and energy."),
    "/news/border": ("Border talks", "2025-04-03T09:00:00+05:00",
                     "BISHKEK, April 3, 2025 - Delegations of Tajikistan and Kyrgyzstan held "
                     "consultations on the state border in Bishkek."),
    "/news/grant": ("EU grant for water supply", "2025-04-04T09:00:00+05:00",
                    "DUSHANBE, April 4, 2025 - The European Union will provide Tajikistan with "
                    "a grant of 12 million euros for water supply projects."),
}


def test_collected_pages_naming_no_one_are_published(prefect_harness, tmp_path):
    """The regression: four pages in which no event names a person crashed the data
    assertions, and the scheduled run published nothing."""
    from flows.pipeline import collect_and_build

    with NewsSite() as site:
        items = [(path, title, "Tue, 01 Apr 2025 09:00:00 +0500")
                 for path, (title, _, _) in PAGES.items()]
        site.routes["/rss.xml"] = Route(rss(site.url, items), content_type="application/rss+xml")
        for path, (title, day, text) in PAGES.items():
            site.routes[path] = Route(article(title, day, [text]))
        sources = tmp_path / "sources"
        sources.mkdir()
        (sources / "wire.yaml").write_text("\n".join([
            "name: wire", "publisher: Wire", "language: en", "licence: L",
            f"feeds: [{site.url}/rss.xml]", "delay: 0"]) + "\n", encoding="utf-8")
        result = collect_and_build(sources=sources, raw=tmp_path / "raw",
                                   output=tmp_path / "out")
    rows = published(tmp_path / "out")
    assert result["rows"]["documents"] == rows["documents"] == 4
    assert rows["events"] >= 4 and rows["figures"] >= 1
    assert not any(a.startswith("person:") for a in pq.read_table(
        tmp_path / "out" / "actors.parquet").column("actor_id").to_pylist())


def test_nothing_to_build_is_refused(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BuildRefused, match="holds no file to read"):
        build_tables(empty)
    junk = write_raw(tmp_path / "junk", {"a.txt": b"", "b.bin": b"\x00\x01", "c.txt": " \n"})
    with pytest.raises(BuildRefused, match=r"none of the 3 file\(s\).*a.txt: empty"):
        build_release(junk, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows", "build", "--no-cache", *args],
                          capture_output=True, text=True, cwd=ROOT, **kw)


def test_a_corpus_of_unreadable_files_exits_with_one_line(tmp_path):
    raw = write_raw(tmp_path / "raw", {"empty.txt": b"", "noise.txt": bytes(range(256)) * 4,
                                       "picture.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64})
    res = _cli("--raw", str(raw), "--output", str(tmp_path / "out"))
    assert res.returncode == NOTHING_TO_BUILD
    (line,) = res.stderr.splitlines()
    assert line.startswith("error: none of the 3 file(s)") and "empty.txt: empty" in line
    assert "Traceback" in (tmp_path / "out.log").read_text()  # the whole story is in the log
    assert not (tmp_path / "out").exists()


def test_expected_failures_read_as_one_line(tmp_path, capsys):
    raw = write_raw(tmp_path / "raw", STORIES)
    _, tables = build_tables(raw)
    broken = dict(tables, events=tables["events"].slice(0, 0))  # mentions of no event
    with pytest.raises(ValidationFailed) as failed:
        check_release(broken)
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(OutputNotWritable) as unwritable:
        build_release(raw, tmp_path / "a-file" / "out")
    with release_lock(tmp_path / "out"), pytest.raises(ReleaseLocked) as locked:
        build_release(raw, tmp_path / "out")
    for err, code in ((failed.value, INVALID), (unwritable.value, NOT_WRITABLE),
                      (locked.value, LOCKED)):
        assert report_failure(err, tmp_path / "x.log") == code
        err_lines = capsys.readouterr().err.splitlines()
        assert len(err_lines) == 1 and err_lines[0].startswith("error: "), err_lines
        assert "Traceback" not in err_lines[0]
    assert "event_mentions.event_id" in str(failed.value)


HOLDER = """
import sys, time
from pathlib import Path
from flows.release.lock import release_lock
with release_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(120)
"""


def test_a_killed_build_leaves_no_lock_behind(tmp_path):
    raw = write_raw(tmp_path / "raw", STORIES)
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(out)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(ReleaseLocked, match=f"build {holder.pid} since"):
        build_release(raw, out)
    holder.kill()
    holder.wait()
    build_release(raw, out)  # at once: the kernel let go of the lock with the process
    assert published(out)["documents"] == len(ONE_FILE_CORPORA)
    assert not lock_path(out).exists()


def test_two_builds_at_once_leave_one_whole_release(tmp_path):
    """Two command-line builds started together into one folder: one writes, the other
    waits for it (--wait), and the folder holds one whole, valid release; without --wait the
    second is refused in one line while the first holds the folder."""
    raw = write_raw(tmp_path / "raw", STORIES)
    out = tmp_path / "out"
    args = [sys.executable, "-m", "flows", "build", "--no-cache", "--raw", str(raw),
            "--output", str(out), "--wait", "300"]
    builds = [subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True) for _ in range(2)]
    results = [(b.wait(timeout=600), *b.communicate()) for b in builds]
    assert [code for code, _, _ in results] == [0, 0], [err[-500:] for _, _, err in results]
    assert published(out)["documents"] == len(ONE_FILE_CORPORA)
    assert not lock_path(out).exists() and not list(tmp_path.glob(".out.*"))
    versions = {json.loads((out / "datapackage.json").read_text())["version"]}
    assert len(versions) == 1
    with release_lock(out):
        res = _cli("--raw", str(raw), "--output", str(out), timeout=300)
    assert res.returncode == LOCKED, res.stderr
    (line,) = res.stderr.splitlines()
    assert line.startswith("error: build ") and "is writing the release folder" in line
