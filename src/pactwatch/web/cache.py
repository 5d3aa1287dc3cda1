"""Answers to GET requests kept while the data has not changed: a page view repeated by
any client costs a version check, not its queries and its template.

Pure ASGI, inside the session middleware. The key is the path and query, the
logged-in user and role, today's date and the store's data version
(`queries.data_version`: it moves with every ingest, review, removal and user
change, made by this process or another). A page holds its session's CSRF token;
it is kept with a placeholder in its place and each client gets its own token
back. Only complete 200 answers of HTML or JSON are kept (no downloads, nothing
over `MAX_BODY`), at most `MAX_ENTRIES` and `MAX_TOTAL` bytes in all, the least
recently used going first.
The version check runs in the thread pool, as the database work of the pages
does, so that the event loop never waits on the database.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pactwatch.web.auth import csrf_token
from pactwatch.web.queries import end_request_scope, request_scope

MAX_ENTRIES = 512
MAX_BODY = 2_000_000
MAX_TOTAL = 64_000_000  # bytes of kept bodies in all: URLs made unique cannot grow the server
PLACEHOLDER = b"\x00pactwatch-csrf\x00"  # never in a page: NUL is stripped from stored text
# pages whose answer depends on more than the URL, the user and the data
_NEVER = ("/login", "/logout", "/static/")
_KEPT_TYPES = (b"text/html", b"application/json")

Key = tuple[str, bytes, Any, Any, str, Any]


class PageCache:
    def __init__(self, app: ASGIApp, version: Callable[[], Any]) -> None:
        self.app = app
        self.version = version  # the store's data version; called in the thread pool
        self._entries: OrderedDict[Key, tuple[list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self._total = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or path.startswith(_NEVER)
            or path == "/openapi.json"
        ):
            await self.app(scope, receive, send)
            return
        session: dict[str, Any] = scope.get("session", {})
        token = request_scope()
        try:
            await self._get(scope, receive, send, session)
        finally:
            end_request_scope(token)

    async def _get(
        self, scope: Scope, receive: Receive, send: Send, session: dict[str, Any]
    ) -> None:
        path = scope.get("path", "")
        version = await run_in_threadpool(self.version)
        key: Key = (
            path, scope.get("query_string", b""), session.get("user"), session.get("role"),
            date.today().isoformat(), version,
        )  # fmt: skip
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None:
                self._entries.move_to_end(key)
        if hit is not None:
            headers, body = hit
            if PLACEHOLDER in body:
                body = body.replace(PLACEHOLDER, csrf_token(session).encode())
            headers = [(k, v) for k, v in headers if k != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return

        start: Message = {}
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                headers = dict(message.get("headers", []))
                kind = headers.get(b"content-type", b"")
                keep = (
                    message["status"] == 200
                    and kind.startswith(_KEPT_TYPES)
                    and b"content-disposition" not in headers
                )
            elif message["type"] == "http.response.body" and keep:
                size += len(message.get("body", b""))
                keep = size <= MAX_BODY
                if keep:
                    chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if not keep or not start:
            return
        body = b"".join(chunks)
        token = session.get("csrf")
        if isinstance(token, str) and token:
            body = body.replace(token.encode(), PLACEHOLDER)
        with self._lock:
            old = self._entries.pop(key, None)
            self._total -= len(old[1]) if old else 0
            self._entries[key] = (list(start.get("headers", [])), body)
            self._total += len(body)
            while len(self._entries) > MAX_ENTRIES or self._total > MAX_TOTAL:
                self._total -= len(self._entries.popitem(last=False)[1][1])
