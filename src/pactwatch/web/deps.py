"""What every view needs: the store, the user, templates, and the write guard."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from pactwatch.errors import AuthError
from pactwatch.store import Store
from pactwatch.web import marking
from pactwatch.web.auth import User, check_csrf, csrf_token, session_user
from pactwatch.web.checking import FindingsCache
from pactwatch.web.filters import install as install_filters

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
install_filters(templates.env)


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def findings_cache(request: Request) -> FindingsCache:
    cache: FindingsCache = request.app.state.findings
    return cache


def current_user(request: Request) -> User | None:
    name = request.session.get("user")
    role = request.session.get("role")
    if isinstance(name, str) and isinstance(role, str):
        return User(name, role)
    return None


def require_writer(request: Request, token: str | None) -> User:
    """The logged-in user, after checking the session server-side and the CSRF token;
    401 or 403 otherwise."""
    if current_user(request) is None:
        raise HTTPException(401, "log in to make changes")
    user = session_user(store_of(request), request.session)
    if user is None:
        # logged out, password changed or user removed since: this cookie writes nothing
        request.session.clear()
        raise HTTPException(401, "this session has ended; log in again to make changes")
    try:
        check_csrf(request.session, token)
    except AuthError as exc:
        raise HTTPException(403, str(exc)) from exc
    return user


def highlight(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """The text escaped, with each (start, end, event id) span wrapped in <mark>.

    Escaping happens piece by piece before any markup is added, so nothing in the
    text can become markup. Overlapping spans are merged into one mark.
    """
    merged: list[list[Any]] = []
    for start, end, ident in sorted(spans):
        start, end = max(0, start), min(len(text), end)
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(ident)
        else:
            merged.append([start, end, [ident]])
    out: list[str] = []
    pos = 0
    for start, end, idents in merged:
        out.append(str(escape(text[pos:start])))
        out.append(
            f'<mark class="evidence" data-events="{escape(" ".join(idents))}">'
            f"{escape(text[start:end])}</mark>"
        )
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def marked_sentence(
    sentence: str, trigger: str, squash: bool = True, found: re.Pattern[str] | None = None
) -> Markup:
    """The evidence sentence escaped, its trigger words in <mark class="trigger"> (where they
    first occur, in any case); the trigger alone, marked, when the sentence is unknown.
    `squash` joins the sentence's lines and spaces (tables); without it they stay (pages
    that show the text as written). `found` (`marking.pattern` of a search) marks the
    searched words too, in <mark class="hit">."""
    if squash:
        sentence = " ".join(sentence.split())
    trigger = " ".join(trigger.split())
    if not sentence.strip():
        sentence = trigger
    at = sentence.lower().find(trigger.lower()) if trigger else -1
    spans = [(at, at + len(trigger), "trigger")] if at >= 0 else []
    spans += [(s, e, "hit") for s, e in marking.hits(sentence, found)]
    return marking.render(sentence, spans)


def query_link(path: str, params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    clean = {k: v for k, v in merged.items() if v not in (None, "")}
    return f"{path}?{urlencode(clean)}" if clean else path


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A page with the layout's context: user, CSRF token, current path."""
    base = {
        "user": current_user(request),
        "csrf": csrf_token(request.session),
        "path": request.url.path,
        "query_link": query_link,
    }
    return templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )
