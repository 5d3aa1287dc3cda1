"""/review: the queue of flags analysts raised, and the latest changes in the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pactwatch import review as reviewing
from pactwatch.web.deps import render, require_writer, store_of

router = APIRouter(include_in_schema=False)


@router.get("/review", response_class=HTMLResponse)
def review_queue(request: Request) -> Response:
    store = store_of(request)
    return render(
        request,
        "review.html",
        {"flags": reviewing.flags(store), "audit": reviewing.audit_entries(store)},
    )


@router.post("/review/{flag_id}/close")
def close_flag(
    request: Request, flag_id: int, csrf_token: Annotated[str | None, Form()] = None
) -> Response:
    user = require_writer(request, csrf_token)
    reviewing.close_flag(store_of(request), flag_id, user.name)
    return RedirectResponse("/review", status_code=303)
