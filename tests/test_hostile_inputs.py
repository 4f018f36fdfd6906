"""A raw folder of what people actually have: the build goes through, every file is a document
or a reject with its reason, and nothing keeps mojibake."""

import codecs
import json
import os

import pandas as pd
import pytest

from flows.ingest import discover, read_batch

from .conftest import copy_seeds, write_raw

RUSSIAN = ("Президент Таджикистана Эмомали Рахмон провёл переговоры с президентом Казахстана "
           "Касым-Жомартом Токаевым в Душанбе.")
NEWS = ("Tajikistan and Kyrgyzstan agree on border\n\nTajik Prime Minister Qohir Rasulzoda and "
        "Kyrgyz officials signed a protocol on the state border in Bishkek on 12 March 2025.")
HTML = """<html><head><title>Rahmon meets Tokayev | Asia News</title>
<meta property="article:published_time" content="2025-03-04T10:00:00Z"></head>
<body><nav>Home | World | Sport | Login</nav><article><h1>Rahmon meets Tokayev</h1>
<p>DUSHANBE - President Emomali Rahmon met Kazakh President Kassym-Jomart Tokayev on Tuesday in
Dushanbe. The two leaders discussed trade and water issues, and agreed to raise trade turnover
to 2 billion US dollars.</p><p>They also signed a treaty on allied relations.</p></article>
<script>var tracking = "President Putin met Rahmon";</script>
<footer>Copyright 2025 Asia News. All rights reserved.</footer></body></html>"""


def hostile_folder(root):
    raw = copy_seeds(root / "raw")
    write_raw(raw, {
        "empty.txt": b"",
        "blank.txt": " \n\t \r\n",
        "noise.txt": os.urandom(2048).replace(b"\x00", b"\x01") + b"\x00\x00",
        "picture.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100,
        "russian-1251.txt": RUSSIAN.encode("cp1251"),
        "utf16.txt": codecs.BOM_UTF16_LE + NEWS.encode("utf-16-le"),
        "mojibake.txt": ("Tajikistanâ€™s foreign minister met his Afghan counterpart\n\n"
                         "Tajikistanâ€™s foreign minister held talks with Afghanistanâ€™s acting "
                         "foreign minister in Dushanbe on 3 May 2024.").encode(),
        "crlf.txt": NEWS.replace("\n", "\r\n").replace(" and ", "\tand\t").encode("utf-8"),
        "nested/Réunion notes/talks in Dushanbe.txt": NEWS,
        "truncated.txt": NEWS.encode("utf-8") + "Душ".encode()[:-1],
        "page.html": HTML,
        "export.jsonl": "\n".join([
            json.dumps({"title": "Uzbek and Tajik leaders meet", "text": NEWS.split("\n\n")[1],
                        "url": "https://news.example/1", "date": "2025-03-12"}),
            "{this is not json",
            json.dumps({"title": "no text here"}),
        ]),
    })
    outside = root / "outside.txt"
    outside.write_text("Outside the raw folder.", encoding="utf-8")
    os.symlink(outside, raw / "link-outside.txt")
    # a named pipe no one writes to: opening it to read would wait forever
    os.mkfifo(raw / "feed.txt")
    os.symlink(raw / "feed.txt", raw / "link-to-feed.txt")
    return raw


def test_stage_level_every_file_is_a_document_or_a_reject(tmp_path):
    raw = hostile_folder(tmp_path)
    docs, rejects, _ = read_batch(raw, discover(raw), {})
    reasons = {r.source_path: r.reason for r in rejects}
    assert reasons == {
        "empty.txt": "empty", "blank.txt": "whitespace_only", "noise.txt": "binary",
        "picture.png": "unsupported_format", "link-outside.txt": "outside_raw",
        "feed.txt": "not_a_regular_file", "link-to-feed.txt": "not_a_regular_file",
        "export.jsonl#L2": "invalid_record", "export.jsonl#L3": "invalid_record",
    }
    paths = {d.source_path for d in docs}
    assert {"russian-1251.txt", "utf16.txt", "mojibake.txt", "crlf.txt", "truncated.txt",
            "nested/Réunion notes/talks in Dushanbe.txt", "page.html", "export.jsonl#L1"} <= paths
    by_path = {d.source_path: d for d in docs}
    assert by_path["russian-1251.txt"].text == RUSSIAN
    assert by_path["page.html"].title == "Rahmon meets Tokayev"
    assert "tracking" not in by_path["page.html"].text and "Login" not in by_path["page.html"].text
    assert str(by_path["export.jsonl#L1"].published_date) == "2025-03-12"


@pytest.fixture(scope="module")
def hostile_release(prefect_harness, tmp_path_factory):
    from flows.pipeline import build

    root = tmp_path_factory.mktemp("hostile")
    build(raw=hostile_folder(root), output=root / "output")
    return root / "output"


def test_flow_builds_a_valid_release_from_hostile_inputs(hostile_release):
    import frictionless

    report = frictionless.validate(str(hostile_release / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:10]
    docs = pd.read_parquet(hostile_release / "documents.parquet", dtype_backend="pyarrow")
    rejects = pd.read_parquet(hostile_release / "rejects.parquet", dtype_backend="pyarrow")
    assert len(docs) == 5 + 8 and len(rejects) == 9
    assert set(rejects[rejects["reason"] == "not_a_regular_file"]["source_path"]) == {
        "feed.txt", "link-to-feed.txt"}
    assert rejects["detail"].str.len().min() > 10
    titles = docs["title"].dropna().tolist()
    assert not any("â€" in t or "Ã" in t for t in titles)
    assert "Tajikistan’s foreign minister met his Afghan counterpart" in titles
    langs = dict(zip(docs["source_path"], docs["language"], strict=True))
    assert langs["russian-1251.txt"] == "ru"


def test_html_events_come_from_the_article_not_the_scripts(hostile_release):
    docs = pd.read_parquet(hostile_release / "documents.parquet", dtype_backend="pyarrow")
    doc_id = docs.loc[docs["source_path"] == "page.html", "doc_id"].item()
    mentions = pd.read_parquet(hostile_release / "event_mentions.parquet", dtype_backend="pyarrow")
    evidence = " ".join(mentions.loc[mentions["doc_id"] == doc_id, "evidence"])
    assert "Tokayev" in evidence and "Putin" not in evidence
    figures = pd.read_parquet(hostile_release / "figures.parquet", dtype_backend="pyarrow")
    assert 2e9 in figures.loc[figures["doc_id"] == doc_id, "value"].tolist()
