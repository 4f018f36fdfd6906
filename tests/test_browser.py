"""The release as a person sees it, in a real headless browser (Debian's Chromium, driven by
Playwright): the report opens from disk with no error and no request off the machine, its
charts have drawn marks, a point links to its evidence; Datasette shows the tables and finds
text. Screenshots are written to $SCREENSHOTS (else pytest's temporary folder).

Skipped, saying why, only where no Chromium is installed (`.ci/run` installs it with apt)."""

import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows.release.report import REPORT_FILE

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, BROWSERS)), None)


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if not path:
        pytest.skip("no Chromium on this machine: `apt-get install chromium` (as .ci/run does) "
                    "or set CHROMIUM to a Chromium binary to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, chromium_sandbox=False)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Watched:
    """A page with what it logged as errors and every url it asked for."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1100, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))


def marks_drawn(page) -> list[int]:
    """For each chart, how many of its data marks have an area on screen."""
    return page.eval_on_selector_all("div.chart svg", """charts => charts.map(svg =>
        [...svg.querySelectorAll('g.role-mark:not(.mark-group) path')]
          .filter(m => { const b = m.getBBox(); return b.width > 0 || b.height > 0; }).length)""")


def test_the_report_opens_from_disk_and_draws_every_chart(browser, built_release, screenshots):
    watched = Watched(browser)
    page = watched.page
    page.goto((built_release / REPORT_FILE).as_uri(), wait_until="load")
    assert watched.errors == []
    assert all(url.startswith(("file:", "data:")) for url in watched.requests), watched.requests
    drawn = marks_drawn(page)
    assert len(drawn) == 4 and all(n > 0 for n in drawn), drawn
    shot = screenshots / "report.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
    print(f"screenshot: {shot}")


def test_a_chart_point_leads_to_its_evidence(browser, built_release, screenshots):
    page = Watched(browser).page
    page.goto((built_release / REPORT_FILE).as_uri(), wait_until="load")
    point = page.locator("#figures svg a").first
    target = point.get_attribute("xlink:href") or point.get_attribute("href")
    point.click(force=True)  # a hollow target triangle is clicked on its outline
    page.wait_for_function("h => location.hash === h", arg=target)
    row = page.locator("tr:target")
    assert row.count() == 1 and row.is_visible()
    figure_id = target.removeprefix("#")
    figures = pq.read_table(built_release / "figures.parquet").to_pylist()
    (figure,) = [f for f in figures if f["figure_id"] == figure_id]
    assert figure["text_as_written"] in row.inner_text()
    page.screenshot(path=screenshots / "report-evidence.png")


def test_datasette_shows_the_tables_and_finds_text(browser, built_release, datasette,
                                                   screenshots):
    watched = Watched(browser)
    page = watched.page
    page.goto(f"{datasette}/events", wait_until="load")
    rows = pq.read_metadata(built_release / "events.parquet").num_rows
    assert page.locator("table.rows-and-columns tbody tr").count() == rows
    assert "One row per real-world event" in page.inner_text("body")
    page.screenshot(path=screenshots / "datasette-events.png")
    page.goto(f"{datasette}/event_mentions?_search=Treaty", wait_until="load")
    found = page.locator("table.rows-and-columns tbody tr")
    assert found.count() > 0 and all("Treaty" in t for t in found.all_inner_texts())
    assert watched.errors == []
    assert all(url.startswith("http://127.0.0.1:") for url in watched.requests), watched.requests
