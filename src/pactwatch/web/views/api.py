"""The JSON API under /api, its CSV and JSON Lines exports, and the two writes.

Reading needs no login. Writes (flags and reviews) need a session and its CSRF
token in the `X-CSRF-Token` header.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from pactwatch import review as reviewing
from pactwatch.export import flatcsv
from pactwatch.web import checking
from pactwatch.web.deps import findings_cache, require_writer, store_of
from pactwatch.web.queries import (
    EventFilter,
    document_page,
    event_page,
    get_document_detail,
    get_event_detail,
    iter_records,
)
from pactwatch.web.views.params import PageNo, PerPage, event_filter, search_query

router = APIRouter(prefix="/api", tags=["api"])

CharterId = Annotated[str, Query(max_length=200, description="charter id, e.g. csto-reform")]
CsrfHeader = Annotated[str | None, Header(alias="X-CSRF-Token")]

EVENT_COLUMNS = (
    "id", "event", "mode", "context", "kind", "aux", "actor", "recipient", "date", "enddate",
    "report_date", "event_loc", "attribution", "confidence", "doc_id", "sentence", "start",
    "end", "event_text", "review",
)  # fmt: skip
FINDING_COLUMNS = (
    "rule", "status", "member", "counterparts", "events", "evidence", "first_date",
    "last_date", "sources", "grade", "explanation",
)  # fmt: skip


def _csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[str]:
    # pactwatch's one CSV shape (export/flatcsv.py, docs/csv.md): no JSON in any cell
    if columns == EVENT_COLUMNS:
        cells = (flatcsv.event_cells(r) for r in rows)
        return flatcsv.write_csv(cells, (*flatcsv.EVENT_COLUMNS, "review"))
    return flatcsv.write_csv((flatcsv.finding_cells(f) for f in rows), flatcsv.FINDING_COLUMNS)


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, **{k: record["text_info"][k] for k in ("doc_id", "sentence", "start", "end")}}


def _jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _download(body: Iterator[str], media: str, name: str) -> StreamingResponse:
    return StreamingResponse(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/events", summary="Event records, filtered and paginated")
def api_events(
    request: Request,
    f: Annotated[EventFilter, Depends(event_filter)],
    page: PageNo = 1,
    per_page: PerPage = 50,
) -> dict[str, Any]:
    result = event_page(store_of(request), f, page, per_page, count=True)
    return {
        "events": result.rows,
        "page": result.page,
        "per_page": result.per_page,
        "has_next": result.has_next,
        # capped: 10,001 means "more than 10,000"
        "total": result.total,
    }


@router.get("/events.csv", summary="Matching event records as CSV")
def api_events_csv(
    request: Request, f: Annotated[EventFilter, Depends(event_filter)]
) -> StreamingResponse:
    rows = (_flat(r) for r in iter_records(store_of(request), f))
    return _download(_csv(rows, EVENT_COLUMNS), "text/csv; charset=utf-8", "events.csv")


@router.get("/events.jsonl", summary="Matching event records as JSON Lines")
def api_events_jsonl(
    request: Request, f: Annotated[EventFilter, Depends(event_filter)]
) -> StreamingResponse:
    rows = iter_records(store_of(request), f)
    return _download(_jsonl(rows), "application/x-ndjson", "events.jsonl")


@router.get("/events/{event_id:path}", summary="One event record with its review history")
def api_event(request: Request, event_id: str) -> dict[str, Any]:
    detail = get_event_detail(store_of(request), event_id)
    history = [
        {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in h.items()}
        for h in detail["history"]
    ]
    return {**detail["record"], "history": history}


@router.get("/documents", summary="Documents, newest first")
def api_documents(
    request: Request,
    page: PageNo = 1,
    per_page: PerPage = 50,
    q: Annotated[
        str | None, Query(max_length=200, description='words or "a phrase" in title or text')
    ] = None,
) -> dict[str, Any]:
    result = document_page(store_of(request), page, per_page, search_query(q))
    return {
        "documents": result.rows,
        "page": page,
        "per_page": per_page,
        "has_next": result.has_next,
        "total": result.total,
    }


@router.get("/documents/{doc_id:path}", summary="One document with its text and records")
def api_document(request: Request, doc_id: str) -> dict[str, Any]:
    detail = get_document_detail(store_of(request), doc_id)
    doc = {
        k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in detail["document"].items()
    }
    return {**doc, "events": detail["events"]}


@router.get("/charters", summary="The charters that can be checked")
def api_charters() -> dict[str, Any]:
    return {"charters": [checking.describe(c) for c in checking.charter_ids()]}


@dataclass(frozen=True, slots=True)
class FindingsQuery:
    """Which findings: one charter's, kept to a member, rule and grade (as on /findings)."""

    charter: str
    member: str | None
    rule: str | None
    grade: str | None


def findings_query(
    charter: CharterId,
    member: Annotated[str | None, Query(max_length=12, description="member code, e.g. KGZ")] = None,
    rule: Annotated[str | None, Query(max_length=200, description="rule id")] = None,
    grade: Annotated[str | None, Query(max_length=20, description="e.g. corroborated")] = None,
) -> FindingsQuery:
    return FindingsQuery(charter, member, rule, grade)


Findings = Annotated[FindingsQuery, Depends(findings_query)]


def _findings(request: Request, which: FindingsQuery) -> list[dict[str, Any]]:
    checking.load_charter(which.charter)  # NotFound → 404
    found = findings_cache(request).get(store_of(request), which.charter)
    code = (which.member or "").strip().upper()
    grade = (which.grade or "").strip().lower()
    return [
        f
        for f in found
        if (not code or f.get("member") == code)
        and (not which.rule or f.get("rule") == which.rule)
        and (not grade or f.get("grade") == grade)
    ]


@router.get("/findings", summary="Findings of one charter (as `pactwatch check --format json`)")
def api_findings(request: Request, which: Findings) -> dict[str, Any]:
    """The findings, kept to a member, rule and grade when given (as /findings filters)."""
    return {"charter": which.charter, "findings": _findings(request, which)}


@router.get("/findings.csv", summary="Findings of one charter as CSV")
def api_findings_csv(request: Request, which: Findings) -> StreamingResponse:
    found = _findings(request, which)
    return _download(
        _csv(found, FINDING_COLUMNS), "text/csv; charset=utf-8", f"{which.charter}.csv"
    )


@router.get("/findings.jsonl", summary="Findings of one charter as JSON Lines")
def api_findings_jsonl(request: Request, which: Findings) -> StreamingResponse:
    found = _findings(request, which)
    return _download(_jsonl(found), "application/x-ndjson", f"{which.charter}.jsonl")


class FlagIn(BaseModel):
    doc_id: str = Field(max_length=200)
    quote: str = Field(min_length=1, max_length=reviewing.MAX_QUOTE)
    kind: Literal["flag_error", "flag_missed"] = "flag_error"
    event_id: str | None = Field(default=None, max_length=220)
    note: str | None = Field(default=None, max_length=2000)


class ReviewIn(BaseModel):
    action: Literal["confirm", "reject", "correct"]
    fields: dict[str, Any] | None = None
    note: str | None = Field(default=None, max_length=2000)


@router.post("/flags", status_code=201, summary="Flag an extraction error or a missed event")
def api_flag(request: Request, body: FlagIn, x_csrf_token: CsrfHeader = None) -> dict[str, Any]:
    user = require_writer(request, x_csrf_token)
    flag_id = reviewing.flag(
        store_of(request), body.doc_id, user.name, body.quote,
        kind=body.kind, event_id=body.event_id, note=body.note,
    )  # fmt: skip
    return {"id": flag_id, "message": "Thank you! Now the editors are aware."}


@router.post("/events/{event_id:path}/review", summary="Confirm, reject or correct a record")
def api_review(
    request: Request, event_id: str, body: ReviewIn, x_csrf_token: CsrfHeader = None
) -> dict[str, Any]:
    user = require_writer(request, x_csrf_token)
    state = reviewing.review_event(
        store_of(request), event_id, body.action, user.name, fields=body.fields, note=body.note
    )
    return {"id": event_id, "review": state}
