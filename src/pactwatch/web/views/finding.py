"""/findings/{id}: one stored finding, its state and history, confirm or dismiss it;
/findings.atom?charter=ID: the charter's findings as an Atom feed, by first seen."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pactwatch.check import stored
from pactwatch.errors import UsageError
from pactwatch.notify import atom
from pactwatch.store.audit import iso
from pactwatch.web import checking
from pactwatch.web.deps import findings_cache, render, require_writer, store_of

router = APIRouter(include_in_schema=False)

FindingId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$")]
FEED_SIZE = 100


@router.get("/findings.atom")
def findings_feed(
    request: Request, charter: Annotated[str, Query(min_length=1, max_length=200)]
) -> Response:
    checking.load_charter(charter)  # an unknown charter is a 404 naming the known ones
    store = store_of(request)
    # computing (cached per data version) records what is new since the last computation
    findings_cache(request).checked(store, charter)
    rows = stored.listing(store, charter, limit=FEED_SIZE)
    base = str(request.base_url).rstrip("/")
    body = atom.feed(
        charter, rows,
        self_url=f"{base}/findings.atom?charter={quote(charter)}",
        page_url=f"{base}/findings?charter={quote(charter)}",
        entry_url=lambda fid: f"{base}/findings/{fid}",
        updated=iso(datetime.now(UTC)) or "",
    )  # fmt: skip
    return Response(body, media_type=atom.MEDIA_TYPE)


@router.get("/findings/{finding_id}", response_class=HTMLResponse)
def finding_page(request: Request, finding_id: FindingId) -> Response:
    store = store_of(request)
    row = stored.get(store, finding_id)  # NotFound: a 404 page
    return render(
        request,
        "finding.html",
        {"row": row, "f": row["finding"], "history": stored.history(store, finding_id)},
    )


@router.post("/findings/{finding_id}/state")
def finding_state(
    request: Request,
    finding_id: FindingId,
    action: Annotated[str, Form(max_length=10)],
    csrf_token: Annotated[str | None, Form()] = None,
    note: Annotated[str | None, Form(max_length=stored.MAX_NOTE)] = None,
) -> Response:
    user = require_writer(request, csrf_token)
    if action not in stored.ACTIONS:
        raise UsageError(f"action must be one of {', '.join(stored.ACTIONS)}, not {action!r}")
    stored.set_state(store_of(request), finding_id, action, user.name, note)
    return RedirectResponse(f"/findings/{finding_id}", status_code=303)
