"""Where a source lists its articles: RSS/Atom feeds (feedparser) and XML sitemaps (read with
defusedxml, which refuses entity bombs). Both give `Item`s: an article's url, with its title
and date where the listing has them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from flows.formats import parse_iso_day


class ListingFailed(Exception):
    """A feed or sitemap that cannot be read, and why."""


@dataclass(frozen=True)
class Item:
    url: str
    title: str | None
    published: dt.date | None
    listed_in: str  # the feed or sitemap that lists it


def _entry_day(entry) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(key)
        if stamp:
            return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    return None


def feed_items(content: bytes, feed_url: str) -> list[Item]:
    """The items of an RSS or Atom feed (given as bytes: feedparser is never let fetch)."""
    parsed = feedparser.parse(content)
    if parsed.get("bozo") and not parsed.entries:
        raise ListingFailed(f"not a readable feed: {parsed.get('bozo_exception')}")
    if not parsed.get("version") and not parsed.entries:
        raise ListingFailed("not an RSS or Atom feed")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or next((ln.get("href") for ln in entry.get("links", [])
                                          if ln.get("href")), None)
        if link:
            items.append(Item(urljoin(feed_url, link.strip()), entry.get("title"),
                              _entry_day(entry), feed_url))
    return items


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sitemap_items(content: bytes, sitemap_url: str) -> tuple[list[Item], list[str]]:
    """The pages a sitemap lists, and the sitemaps a sitemap index lists."""
    try:
        root = ElementTree.fromstring(content)
    except (ElementTree.ParseError, DefusedXmlException) as err:
        raise ListingFailed(f"not a readable sitemap: {err}") from err
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise ListingFailed(f"not a sitemap: the root element is <{kind}>")
    pages, nested = [], []
    for node in root:
        fields = {_local(child.tag): (child.text or "").strip() for child in node}
        if not fields.get("loc"):
            continue
        url = urljoin(sitemap_url, fields["loc"])
        if _local(node.tag) == "sitemap":
            nested.append(url)
        else:
            pages.append(Item(url, None, parse_iso_day(fields.get("lastmod")), sitemap_url))
    return pages, nested
