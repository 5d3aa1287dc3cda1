"""The FastAPI application: pages, API, static files, sessions and security headers."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from pactwatch import __version__, settings
from pactwatch.errors import AuthError, NotFound, PactwatchError, UsageError
from pactwatch.store import Store, open_store
from pactwatch.web import checking
from pactwatch.web.asgi import HeadAsGet, SecurityHeaders
from pactwatch.web.auth import LoginLimiter
from pactwatch.web.cache import PageCache
from pactwatch.web.checking import FindingsCache
from pactwatch.web.deps import render, templates
from pactwatch.web.openapi import install as install_openapi
from pactwatch.web.queries import data_version
from pactwatch.web.views import (
    api,
    charters,
    documents,
    events,
    finding,
    findings,
    login,
    map,
    overview,
    review,
    timeline,
)

HERE = Path(__file__).parent

# Vega compiles its expressions with Function(): 'unsafe-eval' for scripts, but no inline
# scripts at all, which is what stops injected markup from running
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

_STATUS = {NotFound: 404, AuthError: 403, UsageError: 400}


def _problem(error: Any) -> str:
    """One validation problem for a person: the parameter, what was wrong, and (for a query
    parameter, cut short) the value given; the page escapes it."""
    loc = [str(p) for p in error.get("loc", ())]
    name = loc[-1] if loc and loc[0] == "query" else ".".join(loc)
    given = error.get("input")
    shown = ""
    if loc and loc[0] == "query" and isinstance(given, str):
        shown = f" (given {given[:40] + ('…' if len(given) > 40 else '')!r})"
    return f"{name}: {error.get('msg', '')}{shown}"


def create_app(
    store_url: str | None = None, *, store: Store | None = None, secret_key: str | None = None
) -> FastAPI:
    """The dashboard over the store at `store_url` (or an open `store`).

    Sessions are signed with `secret_key`, else PACTWATCH_SECRET_KEY, else a random
    key (sessions then end when the server stops).
    """
    store = store if store is not None else open_store(store_url)
    key = secret_key or str(settings.get("secret_key")) or secrets.token_urlsafe(32)
    app = FastAPI(
        title="pactwatch",
        version=__version__,
        description="Sourced political events checked against alliance charters.",
        docs_url=None,
        redoc_url=None,
        # refused with 413 before parsing: by Content-Length unread, or as soon as a
        # streamed body passes it; an anonymous client cannot make the server hold 200 MB
        max_body_size=int(settings.get("max_request_bytes")),
    )
    app.state.store = store
    app.state.findings = FindingsCache()
    app.state.limiter = LoginLimiter(int(settings.get("login_rate")))
    # inside the session middleware (added before it): a kept page gets its session's token
    app.add_middleware(PageCache, version=lambda: (data_version(store), checking.files_stamp()))
    app.add_middleware(
        SessionMiddleware,
        secret_key=key,
        session_cookie="pactwatch_session",
        max_age=12 * 3600,
        same_site="lax",
        https_only=bool(settings.get("secure_cookies")),
    )

    app.add_middleware(SecurityHeaders, headers=SECURITY_HEADERS)

    async def error_page(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return render(request, "error.html", {"status": status, "message": message}, status)

    @app.exception_handler(PactwatchError)
    async def pactwatch_error(request: Request, exc: PactwatchError) -> Response:
        status = next((s for cls, s in _STATUS.items() if isinstance(exc, cls)), 500)
        return await error_page(request, status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        # each problem as field and message, never the value sent (it may be huge or hostile)
        problems = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type")}
            for e in exc.errors()
        ]
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": problems}, status_code=422)
        message = "; ".join(_problem(e) for e in exc.errors())
        return render(request, "error.html", {"status": 422, "message": message}, 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = await error_page(request, exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    for module in (
        overview, finding, findings, events, documents, map, charters, timeline, review, login,
        api,
    ):  # fmt: skip
        app.include_router(module.router)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install_openapi(app)  # the document lists the error answers and export types too
    app.add_middleware(HeadAsGet)  # outermost: HEAD runs every layer as GET
    return app


__all__ = ["create_app", "templates"]
