"""The collect stage against a news site on 127.0.0.1: feeds and sitemaps read, new articles
snapshotted with their provenance, nothing fetched twice, every fault reported, not fatal."""

import json
from pathlib import Path

import pytest

from flows.collect.run import collect
from flows.collect.sources import parse_source
from flows.ingest import PROVENANCE_SUFFIX, read_batch, survey

from .news_server import NewsSite, Route, article, rss, sitemap

TOKAYEV = article("Rahmon and Tokayev discuss trade", "2025-03-12T09:00:00+05:00", [
    "DUSHANBE, March 12, 2025 - President of Tajikistan Emomali Rahmon met President of "
    "Kazakhstan Kassym-Jomart Tokayev in Dushanbe on 12 March 2025.",
    "Trade turnover between Tajikistan and Kazakhstan reached $1.2 billion in 2024, the "
    "presidents said."])
MIRZIYOYEV = article("Rahmon and Mirziyoyev meet in Khujand", "2025-06-20T10:00:00+05:00", [
    "KHUJAND, June 20, 2025 - President of Tajikistan Emomali Rahmon met President of "
    "Uzbekistan Shavkat Mirziyoyev in Khujand on 20 June 2025.",
    "The two leaders signed an agreement on the joint use of water resources."])
XI = article("Rahmon meets Xi in Beijing", "2025-09-02T12:00:00+08:00", [
    "BEIJING, September 2, 2025 - President of Tajikistan Emomali Rahmon met President of China "
    "Xi Jinping in Beijing on 2 September 2025."])
OLD = article("An old story", "2019-01-10T10:00:00+05:00", [
    "DUSHANBE, January 10, 2019 - The Foreign Minister of Tajikistan received the Ambassador of "
    "Japan in Dushanbe on 10 January 2019."])
PUTIN = article("Rahmon and Putin talk by phone", "2025-10-10T15:00:00+03:00", [
    "MOSCOW, October 10, 2025 - President of Tajikistan Emomali Rahmon held a telephone "
    "conversation with President of Russia Vladimir Putin on 10 October 2025.",
    "The presidents discussed the security situation on the Tajik-Afghan border."])

FEED_ITEMS = [
    ("/news/rahmon-tokayev", "Rahmon and Tokayev discuss trade", "Wed, 12 Mar 2025 09:00:00 +0500"),
    ("/news/an-old-story", "An old story", "Thu, 10 Jan 2019 10:00:00 +0500"),
    ("/news/missing", "A page since removed", "Fri, 14 Mar 2025 10:00:00 +0500"),
    ("/news/slow", "A page that answers slowly", "Sat, 15 Mar 2025 10:00:00 +0500"),
    ("/news/cut", "A page cut short", "Sat, 15 Mar 2025 11:00:00 +0500"),
    ("/news/moved", "Rahmon and Mirziyoyev meet", "Fri, 20 Jun 2025 10:00:00 +0500"),
    ("/news/offsite", "A page moved to another site", "Sat, 21 Jun 2025 10:00:00 +0500"),
    ("/news/private/draft", "A page robots.txt keeps out", "Sun, 22 Jun 2025 10:00:00 +0500"),
]
COLLECTED = ["/news/rahmon-tokayev", "/news/rahmon-mirziyoyev", "/news/xi-visit"]


def wire_source(site: str, **extra) -> str:
    lines = [f"name: {extra.pop('name', 'wire')}", "publisher: Wire Agency", "language: en",
             "licence: Rights reserved by Wire Agency; quoted for research",
             f"feeds: [{site}/rss.xml, {site}/broken.xml]", f"sitemaps: [{site}/sitemap.xml]",
             "articles: /news/", "since: 2025-01-01", "delay: 0", "timeout: 0.5", "retries: 1",
             "backoff: 0.05", *(f"{k}: {v}" for k, v in extra.items())]
    return "\n".join(lines) + "\n"


def serve_wire(site: NewsSite) -> None:
    u = site.url
    site.routes.update({
        "/robots.txt": Route(b"User-agent: *\nDisallow: /news/private/\n",
                             content_type="text/plain"),
        "/rss.xml": Route(rss(u, FEED_ITEMS), content_type="application/rss+xml"),
        "/broken.xml": Route(b"<html><body>Service temporarily unavailable</body></html>",
                             content_type="application/rss+xml"),
        "/sitemap.xml": Route(sitemap(u, [("/news/rahmon-tokayev?utm_source=sitemap",
                                           "2025-03-12"), ("/news/xi-visit", "2025-09-02")]),
                              content_type="application/xml"),
        "/news/rahmon-tokayev": Route(TOKAYEV),
        "/news/rahmon-tokayev?utm_source=sitemap": Route(TOKAYEV),
        "/news/an-old-story": Route(OLD),
        "/news/slow": Route(TOKAYEV + b" ", delay=1.5),
        "/news/cut": Route(XI + b"  ", cut=True),
        "/news/moved": Route(status=301, location="/news/rahmon-mirziyoyev"),
        "/news/rahmon-mirziyoyev": Route(MIRZIYOYEV),
        "/news/offsite": Route(status=302, location="http://198.51.100.7/news/elsewhere"),
        "/news/private/draft": Route(XI),
        "/news/xi-visit": Route(XI),
        "/news/rahmon-putin": Route(PUTIN),
    })


@pytest.fixture
def site():
    with NewsSite() as s:
        serve_wire(s)
        yield s


def sources_dir(folder: Path, *texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"source{i}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_first_run_collects_the_new_articles_and_reports_every_fault(site, tmp_path):
    sources, raw = sources_dir(tmp_path / "sources", wire_source(site.url)), tmp_path / "raw"
    (report,) = collect(sources, raw)
    assert report.status == "partial" and report.collected == 3
    assert report.outside_window == 1 and report.same_as_held == 1
    assert report.listings_read == 2 and report.listings_failed == 1  # the broken feed
    assert report.pages_failed == 5
    problems = "\n".join(report.problems)
    for expected in ("/broken.xml", "/news/missing: HTTP 404", "/news/slow: no answer within",
                     "/news/cut: the answer was cut short", "redirected off the source's hosts",
                     "robots.txt disallows"):
        assert expected in problems, expected
    assert site.fetched("/news/an-old-story") == 0 and site.fetched("/news/private/draft") == 0
    assert not any(p.startswith("/news/elsewhere") for p in site.log)

    pages = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*.html"))
    assert pages == ["wire/2025/03/news-rahmon-tokayev.html",
                     "wire/2025/06/news-rahmon-mirziyoyev.html",
                     "wire/2025/09/news-xi-visit.html"]
    record = json.loads((raw / "wire/2025/06/news-rahmon-mirziyoyev.provenance.json").read_text())
    assert record["url"] == f"{site.url}/news/moved"
    assert record["final_url"] == f"{site.url}/news/rahmon-mirziyoyev"
    assert record["status"] == 200 and record["licence"].startswith("Rights reserved")
    assert record["sha256"] and record["retrieved"].endswith("Z")
    held = json.loads((raw / "wire/2025/03/news-rahmon-tokayev.provenance.json").read_text())
    assert held["aliases"] == [f"{site.url}/news/rahmon-tokayev?utm_source=sitemap"]


def test_a_second_run_fetches_nothing_it_has_and_a_third_only_the_new_item(site, tmp_path):
    sources, raw = sources_dir(tmp_path / "sources", wire_source(site.url)), tmp_path / "raw"
    collect(sources, raw)
    (again,) = collect(sources, raw)
    assert again.collected == 0 and again.listings_unchanged == 1  # the sitemap: 304
    assert all(site.fetched(p) == 1 for p in COLLECTED)
    assert site.fetched("/news/rahmon-tokayev?utm_source=sitemap") == 1

    site.routes["/rss.xml"] = Route(rss(site.url, FEED_ITEMS + [
        ("/news/rahmon-putin", "Rahmon and Putin talk by phone", "Fri, 10 Oct 2025 15:00:00 +0300")]))
    (third,) = collect(sources, raw)
    assert third.collected == 1 and site.fetched("/news/rahmon-putin") == 1
    assert all(site.fetched(p) == 1 for p in COLLECTED)
    assert (raw / "wire/2025/10/news-rahmon-putin.html").read_bytes() == PUTIN


def test_collected_pages_are_read_with_their_provenance(site, tmp_path):
    sources, raw = sources_dir(tmp_path / "sources", wire_source(site.url)), tmp_path / "raw"
    collect(sources, raw)
    found = survey(raw)
    assert all(not f.endswith(PROVENANCE_SUFFIX) for f in found.files)
    assert [s["id"] for s in found.sources] == ["wire"]
    docs, rejects, _ = read_batch(raw, found.files, found.provenance)
    assert not rejects and len(docs) == 3
    moved = next(d for d in docs if "mirziyoyev" in d.source_path)
    assert moved.url == f"{site.url}/news/rahmon-mirziyoyev"
    assert moved.publisher == "Wire Agency" and moved.source_id == "wire"
    assert not moved.text_redistributable and "Copyright" not in moved.text
    assert str(moved.published_date) == "2025-06-20"


def test_a_source_that_is_down_is_a_row_of_the_report(tmp_path, caplog):
    with NewsSite() as closed:
        down = closed.url
    sources = sources_dir(tmp_path / "sources", wire_source(down, name="down"),
                          "name: incomplete\npublisher: Nobody\n")
    reports = {r.source: r for r in collect(sources, tmp_path / "raw")}
    assert reports["down"].status == "failed" and reports["down"].listings_failed == 3
    assert reports["source1.yaml"].status == "invalid"
    assert "missing key(s): language, licence" in reports["source1.yaml"].problems[0]
    assert any("collect down" in r.message for r in caplog.records)


def test_a_source_file_needs_only_five_keys():
    source = parse_source({"name": "khovar", "publisher": "Khovar", "language": "tg",
                           "licence": "All rights reserved", "feeds": ["https://khovar.tj/feed/"]})
    assert source.domains == ("khovar.tj",) and source.delay == 1.0 and not source.redistributable
    assert source.allowed("https://khovar.tj/2025/03/x/") and not source.allowed("https://x.org/")
    with pytest.raises(ValueError, match="not http"):
        parse_source({"name": "x", "publisher": "X", "language": "en", "licence": "L",
                      "feeds": ["ftp://x.org/feed"]})


def test_no_test_reaches_beyond_the_machine():
    import socket

    with pytest.raises(ConnectionRefusedError, match="only 127.0.0.1"), socket.socket() as s:
        s.connect(("198.51.100.7", 80))


def test_scheduled_runs_collect_then_publish_and_a_source_down_does_not_stop_them(
        prefect_harness, site, tmp_path):
    import pandas as pd

    from flows.pipeline import collect_and_build

    with NewsSite() as closed:
        down = closed.url
    sources = sources_dir(tmp_path / "sources", wire_source(site.url),
                          wire_source(down, name="down"))
    raw, out, cache = tmp_path / "raw", tmp_path / "output", tmp_path / "cache"
    first = collect_and_build(sources=sources, raw=raw, output=out, cache_dir=cache)
    report = {r["source"]: r for r in json.loads((out / "collect_report.json").read_text())}
    assert report["down"]["status"] == "failed" and report["wire"]["collected"] == 3
    assert first["rows"]["documents"] == 3
    dp = json.loads((out / "datapackage.json").read_text())
    assert [s["id"] for s in dp["sources"]] == ["wire"]

    site.routes["/rss.xml"] = Route(rss(site.url, FEED_ITEMS + [
        ("/news/rahmon-putin", "Rahmon and Putin talk by phone", "Fri, 10 Oct 2025 15:00:00 +0300")]))
    asked_before = len(site.log)
    second = collect_and_build(sources=sources, raw=raw, output=out, cache_dir=cache)
    asked = site.log[asked_before:]
    assert asked.count("/news/rahmon-putin") == 1 and not set(COLLECTED) & set(asked)
    assert second["rows"]["documents"] == 4 and second["version"] != first["version"]
    events = pd.read_parquet(out / "events.parquet", dtype_backend="pyarrow")
    with_russia = events[events.countries.map(lambda c: "RUS" in list(c) and "TJK" in list(c))]
    assert len(with_russia) >= 1 and str(with_russia.date_start.iloc[0]) == "2025-10-10"


def test_the_listed_outlets_are_valid_source_files():
    from flows.collect.sources import load_sources

    from .conftest import ROOT

    sources, problems = load_sources(ROOT / "sources")
    assert problems == [] and len(sources) >= 6
    assert {s.language for s in sources} >= {"en", "tg"}
    assert all(s.delay >= 1.0 and not s.redistributable for s in sources)  # polite, not republished


def test_the_command_refuses_a_missing_sources_folder(tmp_path, capsys):
    from flows.__main__ import main

    assert main(["collect", "--sources", str(tmp_path / "none"), "--raw", str(tmp_path)]) == 2
    assert "sources folder" in capsys.readouterr().err


def test_a_busy_page_is_tried_again_and_a_huge_one_refused(tmp_path):
    with NewsSite() as site:
        site.routes.update({
            "/rss.xml": Route(rss(site.url, [("/news/busy", "Busy", "Wed, 12 Mar 2025 09:00:00 +0500"),
                                             ("/news/huge", "Huge", "Wed, 12 Mar 2025 10:00:00 +0500")])),
            "/news/busy": Route(TOKAYEV, fail_first=1),
            "/news/huge": Route(TOKAYEV + b"<p>" + b"x" * 20_000 + b"</p>")})
        text = "\n".join(["name: wire", "publisher: Wire", "language: en", "licence: L",
                          f"feeds: [{site.url}/rss.xml]", "delay: 0", "backoff: 0.01",
                          "max_bytes: 10000"])
        (report,) = collect(sources_dir(tmp_path / "sources", text), tmp_path / "raw")
        assert report.collected == 1 and site.fetched("/news/busy") == 2
        assert report.pages_failed == 1 and "over the cap of 10000" in report.problems[0]
        assert site.fetched("/news/huge") == 1  # refused, not retried


def test_a_site_whose_robots_txt_fails_is_not_crawled(tmp_path):
    with NewsSite() as site:
        site.routes.update({"/robots.txt": Route(fail_first=99),
                            "/rss.xml": Route(rss(site.url, FEED_ITEMS[:1]))})
        text = "\n".join(["name: wire", "publisher: Wire", "language: en", "licence: L",
                          f"feeds: [{site.url}/rss.xml]", "delay: 0", "backoff: 0.01",
                          "retries: 1"])
        (report,) = collect(sources_dir(tmp_path / "sources", text), tmp_path / "raw")
        assert report.status == "failed" and "robots.txt unreachable (HTTP 503)" in report.problems[0]
        assert set(site.log) == {"/robots.txt"}  # RFC 9309: unreachable means disallowed
