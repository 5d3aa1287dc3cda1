"""A local web site for fetch, feed and watch tests: no network, only 127.0.0.1.

`Site` runs `http.server` in a thread and serves what a test puts in it: pages and
feeds (with an ETag and Last-Modified, answering 304 to conditional requests),
404/500s, slow answers, redirect loops, huge bodies. It records every request it
sees (path, headers, time, bytes sent), so tests can assert what a client did.
"""

from __future__ import annotations

import email.utils
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LAST_MODIFIED = email.utils.formatdate(1_665_000_000, usegmt=True)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when the request arrived
    status: int = 0
    sent: int = 0  # body bytes written before the client went away


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    conditional: bool = True  # ETag / Last-Modified, 304 when they match
    stream_bytes: int = 0  # instead of `body`: this many bytes, no Content-Length
    declared_length: int | None = None  # a Content-Length to claim (with stream_bytes)
    # called for each request instead of the fields above: returns (status, body)
    dynamic: Callable[[Seen], tuple[int, bytes]] | None = None


class Site:
    """The server; `url(path)` gives an address on it. Unknown paths answer 404."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                site._answer(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def requests(self, path: str) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.path == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        seen = Seen(
            handler.path, {k.lower(): v for k, v in handler.headers.items()}, time.monotonic()
        )
        with self.lock:
            self.seen.append(seen)
        route = self.routes.get(handler.path.split("?")[0])
        if route is None:
            route = Route(b"not here", 404, "text/plain")
        if route.delay:
            time.sleep(route.delay)
        status, body = route.dynamic(seen) if route.dynamic else (route.status, route.body)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        try:
            # RFC 9110: If-None-Match, when sent, decides alone
            match = (
                seen.headers["if-none-match"] == etag
                if "if-none-match" in seen.headers
                else seen.headers.get("if-modified-since") == LAST_MODIFIED
            )
            if route.conditional and status == 200 and match:
                seen.status = 304
                handler.send_response(304)
                handler.send_header("ETag", etag)
                handler.end_headers()
                return
            seen.status = status
            handler.send_response(status)
            handler.send_header("Content-Type", route.content_type)
            for name, value in route.headers.items():
                handler.send_header(name, value)
            if route.conditional and status == 200:
                handler.send_header("ETag", etag)
                handler.send_header("Last-Modified", LAST_MODIFIED)
            if route.stream_bytes:
                if route.declared_length is not None:
                    handler.send_header("Content-Length", str(route.declared_length))
                handler.end_headers()
                chunk = b"<p>" + b"x" * 65_530 + b"</p>"
                while seen.sent < route.stream_bytes:
                    handler.wfile.write(chunk)
                    seen.sent += len(chunk)
                return
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            seen.sent = len(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should for a huge body


def article(n: int, day: str = "2022-09-16") -> bytes:
    """An English news page with its own date in the metadata; `n` makes its text unique."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Border report {n}</title>
<meta property="article:published_time" content="{day}T08:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Border report {n}</h1>
<p>Kyrgyz border guards fired at a Tajik post number {n} near Batken on Friday,
and the government in Dushanbe protested to Bishkek about the shooting at the post.</p>
<p>The CSTO called both of its members to restraint in statement {n}, and said that
it would send observers to the border if the two governments asked for them.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>""".encode()


def rss(items: list[tuple[str, str, str]], title: str = "Border desk") -> bytes:
    """An RSS 2.0 feed of (guid, link, RFC 822 date) items."""
    entries = "".join(
        f"<item><title>Item {guid}</title><guid>{guid}</guid><link>{link}</link>"
        f"<pubDate>{date}</pubDate></item>"
        for guid, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.org/</link><description>x</description>"
        f"{entries}</channel></rss>"
    ).encode()
