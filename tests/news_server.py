"""A small news site on 127.0.0.1 for the collect tests: routes the test writes (feeds,
sitemaps, article pages), answered with ETags, redirects, errors, slow or cut answers, and a
log of every request."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None  # for a redirect
    delay: float = 0.0  # seconds before answering
    cut: bool = False  # announce more bytes than are sent, then hang up
    etag: bool = True  # answer If-None-Match with 304 when the body is unchanged
    fail_first: int = 0  # answer 503 to this many requests first


class NewsSite:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.log: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                # the collector may give up waiting (a slow page), as a real site sees it
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.answer()

            def answer(self):
                site.log.append(self.path)
                route = site.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "9")
                    self.end_headers()
                    self.wfile.write(b"not found")
                    return
                time.sleep(route.delay)
                if route.fail_first > 0:
                    route.fail_first -= 1
                    self.send_response(503)
                    self.send_header("Retry-After", "0")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                tag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                if route.etag and route.status == 200 and self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                if route.location:
                    self.send_header("Location", route.location)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", tag)
                self.send_header("Content-Length", str(len(route.body) + (500 if route.cut else 0)))
                self.end_headers()
                self.wfile.write(route.body)
                if route.cut:
                    self.wfile.flush()
                    self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> NewsSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fetched(self, path: str) -> int:
        """How many times a path was asked for."""
        return self.log.count(path)


def rss(site: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (path, title, RFC 822 date) items."""
    entries = "".join(f"<item><title>{title}</title><link>{site}{path}</link>"
                      f"<pubDate>{date}</pubDate></item>" for path, title, date in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Wire</title><link>{site}/</link><description>News</description>"
            f"{entries}</channel></rss>").encode()


def sitemap(site: str, items: list[tuple[str, str]]) -> bytes:
    """A sitemap of (path, ISO date) pages."""
    urls = "".join(f"<url><loc>{site}{path}</loc><lastmod>{day}</lastmod></url>"
                   for path, day in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>').encode()


def article(title: str, published: str, paragraphs: list[str]) -> bytes:
    """An article page with the furniture of a news site around its text."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="article:published_time" content="{published}"></head><body>'
            f'<nav><a href="/">Home</a> | <a href="/politics">Politics</a></nav>'
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright Wire Agency. All rights reserved.</footer></body></html>").encode()
