"""One collect run: for each source, read its feeds and sitemaps, fetch the article pages the
raw folder does not hold yet, snapshot them, and report what happened. A fault (a source down,
a malformed feed, a 404, a slow or cut answer) is a warning and a line of the report, never
the end of the run."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

from flows.collect import snapshot
from flows.collect.fetch import FetchFailed, PoliteClient
from flows.collect.listings import Item, ListingFailed, feed_items, sitemap_items
from flows.collect.sources import Source, load_sources

log = logging.getLogger(__name__)
NESTED_SITEMAPS = 50  # sitemaps of a sitemap index read in one run at most


@dataclass
class SourceReport:
    """What one run did with one source."""

    source: str
    status: str = "ok"  # ok | partial (some faults) | failed (no listing read) | invalid (file)
    listings_read: int = 0
    listings_unchanged: int = 0  # answered "not modified"
    listings_failed: int = 0
    articles_listed: int = 0
    collected: int = 0
    already_held: int = 0
    outside_window: int = 0
    same_as_held: int = 0  # the same bytes as a page held, at another url
    pages_failed: int = 0
    requests: int = 0
    problems: list[str] = field(default_factory=list)

    def fault(self, message: str) -> None:
        log.warning("collect %s: %s", self.source, message)
        self.problems.append(message)


def _listings(client: PoliteClient, source: Source, state: dict, report: SourceReport
              ) -> dict[str, tuple[list[Item], dict[str, str]]]:
    """The article items of each feed and sitemap that changed since the last run, with the
    validators of its answer (`state`: those of the last run's, sent to be told "not
    modified")."""
    found: dict[str, tuple[list[Item], dict[str, str]]] = {}
    queue = [(url, "feed") for url in source.feeds] + [(url, "sitemap") for url in source.sitemaps]
    nested = 0
    while queue:
        url, kind = queue.pop(0)
        try:
            got = client.get(url, state.get(url))
        except FetchFailed as err:
            report.listings_failed += 1
            report.fault(f"{kind} {err}")
            continue
        if got.status == 304:
            report.listings_unchanged += 1
            continue
        try:
            if kind == "feed":
                items = feed_items(got.content, got.final_url)
            else:
                items, more = sitemap_items(got.content, got.final_url)
                more = [u for u in more if source.allowed(u)][:NESTED_SITEMAPS - nested]
                nested += len(more)
                queue += [(u, "sitemap") for u in more]
        except ListingFailed as err:
            report.listings_failed += 1
            report.fault(f"{kind} {url}: {err}")
            continue
        report.listings_read += 1
        found[url] = ([i for i in items if source.is_article(i.url)], got.validators)
    return found


def _fetch_new(client: PoliteClient, raw: Path, source: Source, item: Item,
               held: snapshot.Holdings, report: SourceReport, now: dt.datetime) -> bool:
    """Fetch and keep one listed article unless held; False when it should be tried again."""
    if item.url in held.urls:
        report.already_held += 1
        return True
    if not source.in_window(item.published):
        report.outside_window += 1
        return True
    try:
        page = client.get(item.url)
    except FetchFailed as err:
        report.pages_failed += 1
        report.fault(f"page {err}")
        return not err.retryable
    if page.final_url in held.urls:  # a second url of an article held (a redirect)
        report.already_held += 1
        return True
    if not snapshot.save(raw, source, item, page, now, held):
        report.same_as_held += 1
        return True
    report.collected += 1
    return True


def collect_source(source: Source, raw: Path, transport: httpx.BaseTransport | None = None,
                   clock: Callable[[], dt.datetime] | None = None) -> SourceReport:
    """Collect what is new from one source into `raw/<source.name>/`."""
    clock = clock or (lambda: dt.datetime.now(dt.UTC))
    report = SourceReport(source.name)
    held = snapshot.holdings(raw, source.name)
    state = snapshot.read_state(raw, source.name)
    with PoliteClient(source, transport) as client:
        listings = _listings(client, source, state, report)
        seen: set[str] = set()
        capped = 0
        for listing, (items, validators) in listings.items():
            complete = True
            for item in items:
                if item.url in seen:
                    continue
                seen.add(item.url)
                report.articles_listed += 1
                if report.collected >= source.max_pages and item.url not in held.urls:
                    capped += 1
                    complete = False
                    continue
                complete &= _fetch_new(client, raw, source, item, held, report, clock())
            # a listing is marked read only when every item of it was dealt with, so that
            # "not modified" next time never hides an article that could not be fetched
            state.pop(listing, None)
            if complete and validators:
                state[listing] = validators
        report.requests = client.requests
    if capped:
        report.fault(f"stopped at max_pages={source.max_pages}: {capped} article(s) left for "
                     "the next run")
    snapshot.write_state(raw, source.name, state)
    if report.listings_failed and not (report.listings_read or report.listings_unchanged):
        report.status = "failed"
    elif report.problems:
        report.status = "partial"
    return report


def collect(sources_dir: Path, raw: Path, transport: httpx.BaseTransport | None = None
            ) -> list[SourceReport]:
    """Collect from every source described in `sources_dir`; one report per source file."""
    sources, problems = load_sources(sources_dir)
    reports = []
    for file, reason in problems:
        report = SourceReport(file, status="invalid")
        report.fault(f"source file not used: {reason}")
        reports.append(report)
    for source in sources:
        try:
            reports.append(collect_source(source, raw, transport))
        except Exception as err:  # a defect met on one source must not stop the others
            log.exception("collect %s failed", source.name)
            report = SourceReport(source.name, status="failed")
            report.fault(f"{type(err).__name__}: {err}")
            reports.append(report)
    return reports


REPORT_FILE = "collect_report.json"


def report_rows(reports: list[SourceReport]) -> list[dict]:
    return [asdict(r) for r in reports]


def write_collect_report(output: Path, rows: list[dict]) -> Path:
    """The run's collect report beside the release it builds (kept by the next publish)."""
    output.mkdir(parents=True, exist_ok=True)
    path = output / REPORT_FILE
    path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
