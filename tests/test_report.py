"""report.html: the release at a glance in one self-contained page, made from the published
tables, listed in the descriptor, and the same bytes for the same tables."""

import json
import re

import pyarrow as pa
import pytest

from flows.release import report_data
from flows.release.publish import read_back
from flows.release.report import REPORT_FILE, report_html
from flows.release.tables import to_arrow
from schemas.resources import RESOURCES

from .conftest import write_raw

# short wire stories of our own: two meetings with Kazakhstan, one with China, in three months
WIRE = {
    "01_dushanbe.txt": "Rahmon and Tokayev discuss trade in Dushanbe\n\nDUSHANBE, March 12, 2025 - "
    "President of Tajikistan Emomali Rahmon met President of Kazakhstan Kassym-Jomart Tokayev in "
    "Dushanbe on 12 March 2025.\n\nTrade turnover between Tajikistan and Kazakhstan reached "
    "$1.2 billion in 2024, the presidents said.\n",
    "02_astana.txt": "Foreign ministers hold talks in Astana\n\nASTANA, June 5, 2025 - Foreign "
    "Minister of Tajikistan Sirojiddin Muhriddin held talks with Foreign Minister of Kazakhstan "
    "Murat Nurtleu in Astana on 5 June 2025.\n\nTrade between Tajikistan and Kazakhstan amounted "
    "to $640 million in the first half of 2025.\n",
    "03_beijing.txt": "Rahmon meets Xi in Beijing\n\nBEIJING, September 2, 2025 - President of "
    "Tajikistan Emomali Rahmon met President of China Xi Jinping in Beijing on 2 September 2025."
    "\n\nChinese investment in Tajikistan reached $3 billion in 2024, Xi Jinping said.\n",
}


@pytest.fixture(scope="module")
def wire_release(prefect_harness, tmp_path_factory):
    from flows.pipeline import build

    folder = tmp_path_factory.mktemp("wire")
    build(raw=write_raw(folder / "raw", WIRE), output=folder / "output")
    return folder / "output"


def chart_links(html: str) -> list[str]:
    return re.findall(r'<a xlink:href="#([^"]+)"', html)


def test_the_release_describes_its_report(built_release):
    dp = json.loads((built_release / "datapackage.json").read_text(encoding="utf-8"))
    (report,) = [r for r in dp["resources"] if r["path"] == REPORT_FILE]
    assert report["mediatype"] == "text/html" and report["name"] == "report"
    html = (built_release / REPORT_FILE).read_text(encoding="utf-8")
    assert f'<strong id="version">{dp["version"]}</strong>' in html
    for r in RESOURCES:  # every table with its row count
        rows = read_back(built_release)[r.name].num_rows
        assert re.search(rf"<code>{r.name}</code></td><td>[^<]*</td><td class=\"num\">"
                         rf"{rows:,}</td>", html), r.name


def test_the_report_needs_no_script_and_no_network(built_release):
    html = (built_release / REPORT_FILE).read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "url(" not in html
    assert not re.search(r"\ssrc=", html)
    assert html.count("<svg") == 4  # the charts (with the places) are drawn in the page


def test_a_wire_corpus_is_counted_per_month_with_its_partners(wire_release):
    tables = read_back(wire_release)
    counts, grain, left_out = report_data.events_over_time(tables["events"])
    assert grain == "month" and left_out == 0
    assert sorted(set(counts.when)) == ["2025-03-01", "2025-06-01", "2025-09-01"]
    partners = report_data.partners(tables["events"])
    assert list(partners.name[:2]) == ["Kazakhstan", "China"]
    html = (wire_release / REPORT_FILE).read_text(encoding="utf-8")
    assert "Events per month, by type" in html


def test_every_plotted_figure_links_to_its_evidence_in_the_page(wire_release):
    html = (wire_release / REPORT_FILE).read_text(encoding="utf-8")
    tables = read_back(wire_release)
    plotted = report_data.headline_figures(tables["figures"], tables["documents"])
    # the trade of both halves with Kazakhstan and China's investment, each on its period
    assert sorted(zip(plotted.name, plotted.measure, plotted.when, strict=True)) == [
        ("China", "investment", "2024-01-01"), ("Kazakhstan", "trade_turnover", "2024-01-01"),
        ("Kazakhstan", "trade_turnover", "2025-01-01")]
    links = chart_links(html)
    assert sorted(set(links)) == sorted(plotted.figure_id)
    for f in plotted.itertuples():
        row = re.search(rf'<tr id="{f.figure_id}">(.*?)</tr>', html, re.S).group(1)
        assert f.text_as_written in row and f.name in row


def test_periods_are_placed_at_their_start():
    assert [str(report_data.period_start(p).date()) for p in
            ("2024", "2024-07", "2024-H2", "2024-Q3", "1992/1993")] == [
        "2024-01-01", "2024-07-01", "2024-07-01", "2024-07-01", "1992-01-01"]
    assert report_data.period_start(None) is None


def test_the_same_tables_in_another_order_give_the_same_page(built_release):
    tables = read_back(built_release)
    page = report_html(tables, "v", "2025-01-01T00:00:00Z", [])
    shuffled = {name: t.take(pa.array(range(t.num_rows - 1, -1, -1), pa.int64()))
                for name, t in tables.items()}
    assert report_html(shuffled, "v", "2025-01-01T00:00:00Z", []) == page


def test_the_report_shows_where_events_happened(wire_release):
    tables = read_back(wire_release)
    places = report_data.places(tables["events"])
    assert set(places.location) == {"Dushanbe", "Astana", "Beijing"}
    assert places.latitude.notna().all() and places.location_geonames_id.notna().all()
    html = (wire_release / REPORT_FILE).read_text(encoding="utf-8")
    assert "Where events happened" in html
    for geonames_id in places.location_geonames_id:
        assert f"https://www.geonames.org/{int(geonames_id)}" in html


def test_an_empty_release_says_so_instead_of_drawing(tmp_path):
    empty = {r.name: to_arrow(r.name, []) for r in RESOURCES}
    html = report_html(empty, "0.1.0-20261122+00000000", "2026-11-22T00:00:00Z", [])
    assert "<svg" not in html
    assert "No event in this release is dated" in html
    assert "No dated event in this release." in html
    assert "No event in this release says where it happened." in html


def test_a_figure_many_articles_report_is_one_point_and_the_page_stays_a_page(built_release):
    tables = read_back(built_release)
    row = next(f for f in tables["figures"].to_pylist() if f["measure"] == "trade_turnover"
               and f["unit"] == "USD" and sorted(f["countries"]) == ["KAZ", "TJK"])
    # the same turnover reported by 40 articles, and 1000 monthly figures with Uzbekistan
    repeats = [{**row, "figure_id": f"fig_{i:04d}", "value_start": i} for i in range(40)]
    many = [{**row, "figure_id": f"fig_u{i:04d}", "countries": ["TJK", "UZB"],
             "period": f"{1950 + i // 12}-{i % 12 + 1:02d}", "value": 1e6 + i}
            for i in range(1000)]
    figures = to_arrow("figures", repeats + many)
    plotted = report_data.headline_figures(figures, tables["documents"])
    assert len(plotted) == report_data.FIGURE_POINTS_SHOWN
    assert list(plotted.name).count("Kazakhstan") == 1  # reported 40 times, plotted once
    uzbek = plotted[plotted.name == "Uzbekistan"]
    assert len(uzbek) == report_data.FIGURE_POINTS_SHOWN - 1
    assert min(uzbek.when) == "2008-06-01" and max(uzbek.when) == "2033-04-01"  # the latest


def test_the_report_says_how_events_are_dated(built_release):
    events = read_back(built_release)["events"].to_pandas()
    html = (built_release / REPORT_FILE).read_text(encoding="utf-8")
    by_report = int((events.date_precision == "report").sum())
    assert by_report > 0  # the seeds' dated news story tells acts without dates
    assert f'<span id="dated-by-report">{by_report:,}</span>' in html
    assert f'<span id="undated">{int(events.date_start.isna().sum()):,}</span>' in html
    assert f'<span id="newest-event">{events.date_start.max().isoformat()}</span>' in html


def test_every_type_and_mode_the_rules_can_give_has_a_meaning():
    import yaml

    from flows.extract.language import LANG_DIR
    from schemas.fields import PLOVER_EVENT_TYPES

    glossary = report_data._glossary()
    assert set(PLOVER_EVENT_TYPES) <= set(glossary["types"])
    modes = {t.get("mode") for f in LANG_DIR.glob("*.yaml")
             for t in (yaml.safe_load(f.read_text(encoding="utf-8")).get("triggers") or [])}
    assert modes - {None} <= set(glossary["modes"])
    assert all(glossary["types"].values()) and all(glossary["modes"].values())


def test_the_report_lists_the_glossary_languages_undated_events_and_rejects(built_release):
    tables = dict(read_back(built_release))
    tables["rejects"] = to_arrow("rejects", [
        {"source_path": "broken.pdf", "reason": "unsupported_format", "detail": "a PDF file"}])
    html = report_html(tables, "v", "2025-01-01T00:00:00Z", [])
    events = tables["events"].to_pandas()
    for event_type in set(events.event_type):
        assert f"<code>{event_type}</code>" in html
    docs = tables["documents"].to_pandas()
    for language, count in docs.language.value_counts().items():
        assert f'<tr><td>{language}</td><td class="num">{count:,}</td>' in html
    assert "<code>broken.pdf</code></td><td>unsupported_format</td>" in html
    undated = events[events.date_start.isna()]
    assert len(undated) and all(f'<tr id="{e}">' in html for e in undated.event_id)
