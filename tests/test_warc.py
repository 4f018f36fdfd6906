"""Web archives in (issue 26): `.warc` and `.warc.gz` files under the raw folder, written here
with FastWARC, each HTTP response with an HTML or text page a document with its url and date;
a malformed record a reject with its reason while the rest is read; pages about other things
screened out by the relevance gate, counted in the descriptor, never published."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from bench.warc import page, response_record
from flows.ingest import read_batch
from flows.screen import relevant
from flows.stages import BuildRefused, build_tables

from .conftest import write_raw

RELEVANT = [
    ("https://news.example.org/2025/03/rahmon-tokayev",
     "Rahmon and Tokayev meet in Dushanbe",
     "President of Tajikistan Emomali Rahmon met President of Kazakhstan Kassym-Jomart Tokayev "
     "in Dushanbe on 12 March 2025. The two leaders discussed trade and water cooperation."),
    ("https://news.example.org/2025/03/mirziyoyev-visit",
     "Mirziyoyev to visit Kyrgyzstan",
     "Uzbek President Shavkat Mirziyoyev held talks with Kyrgyz President Sadyr Japarov in "
     "Bishkek on 14 March 2025 and signed an agreement on the border."),
]
UNRELATED = [
    ("https://sport.example.com/derby", "Derby ends in a draw",
     "The city derby ended in a goalless draw on Sunday as both teams missed penalties."),
    ("https://tech.example.com/phone", "New phone announced",
     "A new phone with a larger battery and a brighter screen goes on sale next month."),
]


def _page(title: str, text: str) -> bytes:
    return page(title, [f"{s.strip()}." for s in text.split(".") if s.strip()])


def _archive(pages, gz: bool) -> bytes:
    records = [response_record(url, _page(title, text)) for url, title, text in pages]
    if gz:  # one gzip member a record, as Common Crawl writes them
        return b"".join(gzip.compress(r, mtime=0) for r in records)
    return b"".join(records)


@pytest.mark.parametrize("gz", [False, True])
def test_an_archive_s_relevant_pages_are_documents_with_their_url(tmp_path, gz):
    name = "crawl.warc.gz" if gz else "crawl.warc"
    raw = write_raw(tmp_path / "raw", {name: _archive(RELEVANT + UNRELATED, gz)})
    docs, rejects, screened = read_batch(raw, [name], {})
    assert rejects == []
    assert sorted(d.url for d in docs) == sorted(url for url, _, _ in RELEVANT)
    assert all("Home | World" not in d.text for d in docs)  # the page's main text only
    assert {d.published_date for d in docs} <= {dt.date(2025, 3, 15), dt.date(2025, 3, 12),
                                                 dt.date(2025, 3, 14)}
    assert [s.reason for s in screened] == ["not_relevant"] * len(UNRELATED)


def test_a_malformed_record_is_a_reject_and_the_rest_is_read(tmp_path):
    good = [response_record(url, _page(t, x)) for url, t, x in RELEVANT]
    broken = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: not-a-number\r\n\r\nxx\r\n\r\n"
    raw = write_raw(tmp_path / "raw", {"mixed.warc": good[0] + broken + good[1]})
    docs, rejects, _ = read_batch(raw, ["mixed.warc"], {})
    assert sorted(d.url for d in docs) == sorted(url for url, _, _ in RELEVANT)
    assert [r.reason for r in rejects] == ["malformed_record"]
    assert rejects[0].source_path.startswith("mixed.warc#")


def test_a_response_that_is_no_page_is_counted_not_read(tmp_path):
    image = response_record("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64),
                      content_type="image/png")
    moved = response_record("https://news.example.org/old", b"", status="301 Moved Permanently")
    raw = write_raw(tmp_path / "raw", {"a.warc": image + moved})
    docs, rejects, screened = read_batch(raw, ["a.warc"], {})
    assert docs == [] and rejects == []
    assert [s.reason for s in screened] == ["not_a_page", "not_a_page"]


def test_a_truncated_archive_keeps_what_was_read(tmp_path):
    data = _archive(RELEVANT, gz=True)
    raw = write_raw(tmp_path / "raw", {"cut.warc.gz": data[:len(data) - 40]})
    docs, rejects, _ = read_batch(raw, ["cut.warc.gz"], {})
    assert [d.url for d in docs] == [RELEVANT[0][0]]
    assert [r.reason for r in rejects] == ["malformed_archive"]


def test_an_archive_builds_and_the_descriptor_counts_what_was_screened(tmp_path):
    raw = write_raw(tmp_path / "raw", {"crawl.warc.gz": _archive(RELEVANT + UNRELATED, True)})
    plan, tables = build_tables(raw)
    assert sorted(tables["documents"].column("url").to_pylist()) == sorted(
        url for url, _, _ in RELEVANT)
    assert tables["events"].num_rows >= 2 and tables["rejects"].num_rows == 0
    assert plan.screened == {"not_relevant": len(UNRELATED)}


def test_the_gate_reads_every_supported_language():
    for text in ("The Tajik foreign minister arrived.", "Министр иностранных дел Узбекистана",
                 "Вазири корҳои хориҷии Тоҷикистон", "leaders of the Central Asian states",
                 "the SCO summit", "Ашхабаде прошла встреча"):
        assert relevant(text), text
    for text in ("The derby ended in a draw.", "Тоҷи шоҳона", "Pakistani cricket",
                 "Kazakhstanis"):  # no whole name of the region
        assert not relevant(text), text


def test_a_folder_marked_unsorted_screens_its_texts(tmp_path):
    raw = write_raw(tmp_path / "raw", {
        "PROVENANCE.yaml": "screen: true\n",
        "a.txt": RELEVANT[0][1] + "\n\n" + RELEVANT[0][2] + "\n",
        "b.txt": UNRELATED[0][1] + "\n\n" + UNRELATED[0][2] + "\n"})
    plan, tables = build_tables(raw)
    assert tables["documents"].column("source_path").to_pylist() == ["a.txt"]
    assert plan.screened == {"not_relevant": 1}
    only_unrelated = write_raw(tmp_path / "raw2", {"PROVENANCE.yaml": "screen: true\n",
                                                   "b.txt": UNRELATED[1][2] + "\n"})
    with pytest.raises(BuildRefused, match="screened out"):
        build_tables(only_unrelated)


def test_the_published_descriptor_says_what_was_screened(prefect_harness, tmp_path):
    from flows.pipeline import build

    raw = write_raw(tmp_path / "raw", {"crawl.warc": _archive(RELEVANT + UNRELATED, False)})
    build(raw=raw, output=tmp_path / "out")
    dp = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert dp["screened"]["not_relevant"] == len(UNRELATED)
    assert "relevance gate" in dp["screened"]["description"]
