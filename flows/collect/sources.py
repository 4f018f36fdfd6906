"""The outlets the collect stage reads: one YAML file per source in `sources/`, data not code.

A file needs only `name`, `publisher`, `language`, `licence` and `feeds` (or `sitemaps`); every
other key has a default here. A file that cannot be read or lacks a key is reported with its
reason, and the other sources are collected all the same.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from flows.yaml_files import read_yaml

REQUIRED = ("name", "publisher", "language", "licence")
USER_AGENT = ("tajik-diplomacy-events-collector/0.1 "
              "(open research dataset; one request a second at most; honours robots.txt)")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class SourceError(ValueError):
    """A source file that cannot be used, with the reason."""


@dataclass(frozen=True)
class Source:
    """One outlet: where its article links are listed and how politely to fetch them."""

    name: str  # also the folder its pages are snapshotted into: raw/<name>/
    publisher: str
    language: str
    licence: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    home: str | None = None
    # redistributable: whether the licence lets the release republish the text (default: no)
    redistributable: bool = False
    # which links are articles: a regular expression searched in the url (default: every link)
    articles: str | None = None
    # hosts the collector may fetch from and follow redirects to (default: those of the feeds,
    # sitemaps and home page)
    domains: tuple[str, ...] = ()
    delay: float = 1.0  # seconds between two requests to the source (robots.txt may ask more)
    timeout: float = 20.0  # seconds for one response, connection to last byte
    retries: int = 2  # further tries after a failed request (errors, 429, 5xx), with back-off
    backoff: float = 2.0  # seconds before the first retry; doubled for each next
    max_bytes: int = 5 * 1024 * 1024  # a larger page is refused
    max_pages: int = 200  # new pages fetched from the source in one run at most
    since: dt.date | None = None  # the date window: items published before are old
    until: dt.date | None = None
    user_agent: str = USER_AGENT
    extra: dict = field(default_factory=dict)  # keys this version does not know, kept

    def allowed(self, url: str) -> bool:
        """Whether the collector may fetch `url`: http(s) on one of the source's hosts."""
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and (parts.hostname or "") in self.domains

    def is_article(self, url: str) -> bool:
        return self.allowed(url) and (not self.articles or re.search(self.articles, url) is not None)

    def in_window(self, day: dt.date | None) -> bool:
        """Whether an item of this date is wanted (an undated item always is)."""
        return day is None or ((self.since is None or day >= self.since)
                               and (self.until is None or day <= self.until))

    def provenance(self) -> dict:
        """The source as the raw folder records it beside each page it gave."""
        return {"id": self.name, "publisher": self.publisher, "url": self.home,
                "language": self.language, "license": self.licence,
                "redistributable": self.redistributable}


def _date(value: object, key: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as err:
        raise SourceError(f"`{key}` is not a date (YYYY-MM-DD): {value!r}") from err


def _urls(value: object, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(u, str) for u in items):
        raise SourceError(f"`{key}` must be a url or a list of urls")
    bad = [u for u in items if urlsplit(u).scheme not in ("http", "https")]
    if bad:
        raise SourceError(f"`{key}` holds urls that are not http(s): {bad}")
    return tuple(items)


def parse_source(data: object) -> Source:
    """A source from the mapping its file holds; SourceError says what is wrong."""
    if not isinstance(data, dict):
        raise SourceError("the file does not hold a mapping of keys")
    data = dict(data)
    if "license" in data and "licence" not in data:
        data["licence"] = data.pop("license")
    missing = [k for k in REQUIRED if not data.get(k)]
    if missing:
        raise SourceError(f"missing key(s): {', '.join(missing)}")
    name = str(data["name"])
    if not _NAME.match(name):
        raise SourceError(f"`name` {name!r} must be lower-case letters, digits, - or _ "
                          "(it names the source's folder in raw/)")
    feeds, sitemaps = _urls(data.get("feeds"), "feeds"), _urls(data.get("sitemaps"), "sitemaps")
    if not feeds and not sitemaps:
        raise SourceError("no `feeds` and no `sitemaps`: nothing says where articles are listed")
    home = data.get("home")
    hosts = {urlsplit(u).hostname for u in (*feeds, *sitemaps, *([home] if home else []))}
    domains = tuple(sorted({*(data.get("domains") or []), *filter(None, hosts)}))
    if data.get("articles"):
        try:
            re.compile(str(data["articles"]))
        except re.error as err:
            raise SourceError(f"`articles` is not a regular expression: {err}") from err
    known = {f.name for f in Source.__dataclass_fields__.values()} | {"license"}
    numbers = {}
    for key, kind in (("delay", float), ("timeout", float), ("retries", int), ("backoff", float),
                      ("max_bytes", int), ("max_pages", int)):
        if data.get(key) is not None:
            try:
                numbers[key] = kind(data[key])
            except (TypeError, ValueError) as err:
                raise SourceError(f"`{key}` must be a number: {data[key]!r}") from err
            if numbers[key] < 0:
                raise SourceError(f"`{key}` must not be negative")
    return Source(
        name=name, publisher=str(data["publisher"]), language=str(data["language"]),
        licence=str(data["licence"]), feeds=feeds, sitemaps=sitemaps, home=home,
        redistributable=data.get("redistributable") is True,
        articles=str(data["articles"]) if data.get("articles") else None, domains=domains,
        since=_date(data.get("since"), "since"), until=_date(data.get("until"), "until"),
        user_agent=str(data.get("user_agent") or USER_AGENT),
        extra={k: v for k, v in data.items() if k not in known}, **numbers)


def load_sources(folder: Path) -> tuple[list[Source], list[tuple[str, str]]]:
    """The sources described in `folder` (`*.yaml`, by file name), and (file, reason) for each
    file that cannot be used."""
    sources, problems = [], []
    names: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        try:
            source = parse_source(read_yaml(path))
        except SourceError as err:
            problems.append((path.name, str(err)))
            continue
        except Exception as err:  # unreadable YAML: the file's problem, not the run's
            problems.append((path.name, f"cannot read the file: {type(err).__name__}: {err}"))
            continue
        if source.name in names:
            problems.append((path.name, f"another file already names the source {source.name!r}"))
            continue
        names.add(source.name)
        sources.append(source)
    return sources, problems
