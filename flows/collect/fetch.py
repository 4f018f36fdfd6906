"""Polite HTTP for one source (httpx): its robots.txt honoured, a pause between requests,
timeouts, retries with back-off, a size cap, redirects followed only within its hosts, and
conditional requests for what was fetched before.

Every failure is a `FetchFailed` with a reason a maintainer can act on; nothing here raises
anything else for a bad answer from the network.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx
from protego import Protego

from flows.collect.sources import Source

REDIRECTS = 5
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_PAUSE = 60.0  # the longest Retry-After or Crawl-delay obeyed, in seconds


class FetchFailed(Exception):
    """A url that could not be fetched, and why."""

    def __init__(self, url: str, reason: str, status: int | None = None,
                 retryable: bool = False):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status, self.retryable = url, reason, status, retryable


@dataclass(frozen=True)
class Response:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int  # 200, or 304 when not modified since the validators sent
    content: bytes
    headers: dict[str, str]

    @property
    def validators(self) -> dict[str, str]:
        """What to send next time to be told "not modified" (ETag, Last-Modified)."""
        return {k: self.headers[k] for k in ("etag", "last-modified") if k in self.headers}


class PoliteClient:
    """The only way the collector reaches a source."""

    def __init__(self, source: Source, transport: httpx.BaseTransport | None = None):
        self.source = source
        self.client = httpx.Client(
            headers={"User-Agent": source.user_agent}, follow_redirects=False,
            timeout=httpx.Timeout(source.timeout), transport=transport)
        self._last_request = 0.0
        self._robots: dict[str, Protego | str | None] = {}
        self.requests = 0

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()

    def _pause(self, host_delay: float) -> None:
        wait = self._last_request + max(self.source.delay, host_delay) - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_request = time.monotonic()

    def _robots_for(self, url: str) -> Protego | str | None:
        """The robots.txt rules of the url's site, fetched once: None when the site has none
        (a 4xx answer: nothing is disallowed), a reason to fetch nothing when robots.txt
        cannot be reached (RFC 9309: an unreachable robots.txt means complete disallow)."""
        root = urljoin(url, "/")
        if root not in self._robots:
            try:
                got = self._get(urljoin(root, "robots.txt"), {}, check_robots=False)
                rules = Protego.parse(got.content.decode("utf-8", "replace"))
            except FetchFailed as err:
                unreachable = err.status is None or err.status >= 500
                rules = f"robots.txt unreachable ({err.reason})" if unreachable else None
            self._robots[root] = rules
        return self._robots[root]

    def get(self, url: str, validators: dict[str, str] | None = None) -> Response:
        """The url's answer, following redirects within the source's hosts; a 304 when the
        `validators` of an earlier answer still hold. Raises FetchFailed."""
        return self._get(url, validators or {}, check_robots=True)

    def _get(self, url: str, validators: dict[str, str], check_robots: bool) -> Response:
        asked, current = url, url
        for _ in range(REDIRECTS + 1):
            if not self.source.allowed(current):
                raise FetchFailed(asked, f"redirected off the source's hosts to {current}")
            robots = self._robots_for(current) if check_robots else None
            agent = self.source.user_agent
            if isinstance(robots, str):
                raise FetchFailed(asked, robots)
            if robots is not None and not robots.can_fetch(current, agent):
                raise FetchFailed(asked, f"robots.txt disallows {current}")
            delay = min(robots.crawl_delay(agent) or 0.0, MAX_PAUSE) if robots else 0.0
            answer = self._with_retries(current, validators, delay)
            if answer.status in (301, 302, 303, 307, 308) and "location" in answer.headers:
                current = urljoin(current, answer.headers["location"])
                continue
            if answer.status == 304 and validators:
                return Response(asked, current, 304, b"", answer.headers)
            if answer.status != 200:
                raise FetchFailed(asked, f"HTTP {answer.status}", answer.status)
            return Response(asked, current, 200, answer.content, answer.headers)
        raise FetchFailed(asked, f"more than {REDIRECTS} redirects")

    def _with_retries(self, url: str, validators: dict[str, str], delay: float) -> Response:
        wait = self.source.backoff
        for attempt in range(self.source.retries + 1):
            self._pause(delay)
            try:
                answer = self._once(url, validators)
            except FetchFailed as err:
                if not err.retryable or attempt == self.source.retries:
                    raise
            else:
                if answer.status not in RETRY_STATUSES or attempt == self.source.retries:
                    return answer
                wait = max(wait, _retry_after(answer.headers))
            time.sleep(min(wait, MAX_PAUSE))
            wait *= 2
        raise AssertionError("unreachable")

    def _once(self, url: str, validators: dict[str, str]) -> Response:
        """One request, read up to the size cap."""
        headers = {}
        if "etag" in validators:
            headers["If-None-Match"] = validators["etag"]
        if "last-modified" in validators:
            headers["If-Modified-Since"] = validators["last-modified"]
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as answer:
                declared = int(answer.headers.get("content-length") or 0)
                if declared > self.source.max_bytes:
                    raise FetchFailed(url, f"{declared} bytes is over the cap of "
                                           f"{self.source.max_bytes}", answer.status_code)
                body = bytearray()
                for chunk in answer.iter_bytes():
                    body += chunk
                    if len(body) > self.source.max_bytes:
                        raise FetchFailed(url, f"over the cap of {self.source.max_bytes} bytes",
                                          answer.status_code)
                return Response(url, url, answer.status_code, bytes(body),
                                {k.lower(): v for k, v in answer.headers.items()})
        except httpx.TimeoutException as err:
            raise FetchFailed(url, f"no answer within {self.source.timeout:g} s "
                                   f"({type(err).__name__})", retryable=True) from err
        except httpx.RemoteProtocolError as err:
            raise FetchFailed(url, f"the answer was cut short: {err}", retryable=True) from err
        except httpx.HTTPError as err:
            raise FetchFailed(url, f"{type(err).__name__}: {err}", retryable=True) from err


def _retry_after(headers: dict[str, str]) -> float:
    try:
        return float(headers.get("retry-after", 0))
    except ValueError:
        return 0.0
