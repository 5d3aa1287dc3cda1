"""/login and /logout. Login is rate-limited per client; both need the CSRF token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pactwatch.errors import AuthError
from pactwatch.web.auth import (
    LoginLimiter,
    authenticate,
    check_csrf,
    end_session,
    start_session,
)
from pactwatch.web.deps import render, store_of

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    # only paths on this site: no open redirect to another host
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", {"next": _safe_next(next), "error": None})


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form(max_length=80)],
    password: Annotated[str, Form(max_length=1000)],
    csrf_token: Annotated[str | None, Form()] = None,
    next: Annotated[str | None, Form()] = None,
) -> Response:
    try:
        check_csrf(request.session, csrf_token)
    except AuthError as exc:
        raise HTTPException(403, str(exc)) from exc
    limiter: LoginLimiter = request.app.state.limiter
    client = request.client.host if request.client else "unknown"
    if limiter.blocked(client):
        raise HTTPException(429, "too many failed logins; wait a minute", {"Retry-After": "60"})
    user = authenticate(store_of(request), name, password)
    if user is None:
        limiter.failed(client)
        context = {"next": _safe_next(next), "error": "Wrong name or password."}
        return render(request, "login.html", context, status_code=401)
    limiter.succeeded(client)
    start_session(request.session, user)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str | None, Form()] = None) -> Response:
    try:
        check_csrf(request.session, csrf_token)
    except AuthError as exc:
        raise HTTPException(403, str(exc)) from exc
    end_session(store_of(request), request.session)  # this session id writes nothing more
    return RedirectResponse("/", status_code=303)
