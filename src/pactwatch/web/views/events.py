"""/events (filtered, paginated), /events/{id} (every field, its reason, the evidence)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from pactwatch.records import EVENT_TYPES, KINDS
from pactwatch.review import review_event
from pactwatch.store import Store
from pactwatch.web import marking, search
from pactwatch.web.deps import highlight, marked_sentence, render, require_writer, store_of
from pactwatch.web.facets import event_facets
from pactwatch.web.queries import (
    FACTUALITY,
    REVIEW_STATES,
    EventFilter,
    event_page,
    get_event_detail,
    sentences,
)
from pactwatch.web.views.params import PageNo, PerPage, event_filter

router = APIRouter(include_in_schema=False)

# the record's fields in event-record.md order, as the event page lists them
FIELDS = (
    "event", "mode", "context", "kind", "aux", "actor", "recipient", "date", "enddate",
    "report_date", "event_loc", "attribution", "confidence", "text_info", "event_text",
)  # fmt: skip


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    f: Annotated[EventFilter, Depends(event_filter)],
    page: PageNo = 1,
    per_page: PerPage = 50,
) -> Response:
    store = store_of(request)
    facets = event_facets(store, f)
    # the facets' sample is the page's count: every match, or "more than" the cap
    known = facets.counted + (1 if facets.sampled else 0)
    result = event_page(store, f, page, per_page, count=True, known_total=known)
    return render(
        request,
        "events.html",
        {
            "page": result,
            "filter": f,
            "params": f.params(),
            "facets": facets,
            "evidence": evidence_of(store, result.rows, f.q),
            "event_types": EVENT_TYPES,
            "kinds": KINDS,
            "factuality": FACTUALITY,
            "review_states": REVIEW_STATES,
        },
    )


def evidence_of(
    store: Store, rows: list[dict[str, Any]], q: str | None = None
) -> dict[str, Markup]:
    """Each row's evidence sentence with its trigger words marked (and the words searched
    for, given `q`), by record id."""
    found = sentences(store, rows)
    searched = marking.pattern(search.terms(q))
    return {
        r["id"]: marked_sentence(found.get(r["id"], ""), r["event_text"], found=searched)
        for r in rows
    }


@router.get("/events/{event_id:path}", response_class=HTMLResponse)
def event_detail(request: Request, event_id: str) -> Response:
    detail = get_event_detail(store_of(request), event_id)
    record = detail["record"]
    text = str(detail["document"].get("text") or "")
    ti = record["text_info"]
    # the evidence sentence with some context either side, not the whole article
    lo, hi = max(0, ti["start"] - 600), min(len(text), ti["end"] + 600)
    # the sentence marked as evidence, and inside it the trigger words
    start, end = max(lo, min(ti["start"], hi)), max(lo, min(ti["end"], hi))
    sentence = marked_sentence(text[start:end], record["event_text"], squash=False)
    excerpt = Markup(
        f"{highlight(text[lo:start], [])}"
        f'<mark class="evidence" data-events="{escape(record["id"])}">{sentence}</mark>'
        f"{highlight(text[end:hi], [])}"
    )
    return render(
        request,
        "event.html",
        {
            "r": record,
            "doc": detail["document"],
            "history": detail["history"],
            "fields": FIELDS,
            "excerpt": excerpt,
            "clipped": (lo > 0, hi < len(text)),
            "event_types": EVENT_TYPES,
            "kinds": KINDS,
        },
    )


@router.post("/events/{event_id:path}/review")
def review_form(
    request: Request,
    event_id: str,
    action: Annotated[str, Form()],
    csrf_token: Annotated[str | None, Form()] = None,
    event: Annotated[str | None, Form()] = None,
    kind: Annotated[str | None, Form()] = None,
    actor: Annotated[str | None, Form()] = None,
    recipient: Annotated[str | None, Form()] = None,
    date: Annotated[str | None, Form()] = None,
    enddate: Annotated[str | None, Form()] = None,
    note: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    user = require_writer(request, csrf_token)
    fields = None
    if action == "correct":
        given = {
            "event": event, "kind": kind, "actor": actor, "recipient": recipient,
            "date": date, "enddate": enddate,
        }  # fmt: skip
        current = get_event_detail(store_of(request), event_id)["record"]
        fields = {k: v for k, v in given.items() if v is not None and _changed(current, k, v)}
    review_event(store_of(request), event_id, action, user.name, fields=fields, note=note or None)
    return RedirectResponse(f"/events/{quote(event_id)}?reviewed={action}", status_code=303)


def _changed(record: dict[str, object], key: str, value: str) -> bool:
    """Whether a form field differs from the record (the form shows every current value)."""
    current = record.get(key)
    if key in ("actor", "recipient"):
        codes = [e["code"] for e in current] if isinstance(current, list) else []
        given = [c.strip().upper() for c in value.split(",") if c.strip()]
        return codes != given
    return (current or "") != value
