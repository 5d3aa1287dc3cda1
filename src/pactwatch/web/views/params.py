"""Query parameters shared by pages and API: event filters and pagination."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query

from pactwatch.records import EVENT_TYPES, KINDS
from pactwatch.web import search
from pactwatch.web.queries import FACTUALITY, REVIEW_STATES, SORTS, EventFilter


def _date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise HTTPException(400, f"{name} {value!r} is not a date (YYYY-MM-DD)") from exc


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    """The value as `allowed` spells it (codes are case-insensitive); 400 if none is it."""
    if not value or not value.strip():
        return None
    value = next((a for a in allowed if a.lower() == value.strip().lower()), value)
    if value not in allowed:
        raise HTTPException(400, f"{name} {value!r} is not one of {', '.join(allowed)}")
    return value


def event_filter(
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")] = None,
    kind: Annotated[str | None, Query(description="pactwatch kind, e.g. armed_clash")] = None,
    actor: Annotated[str | None, Query(max_length=12, description="actor code, e.g. KGZ")] = None,
    recipient: Annotated[str | None, Query(max_length=12, description="recipient code")] = None,
    since: Annotated[
        str | None, Query(description="events ending on or after (YYYY-MM-DD)")
    ] = None,
    until: Annotated[str | None, Query(description="events starting on or before")] = None,
    factuality: Annotated[str | None, Query(description="factual | not_factual | hedged")] = None,
    source: Annotated[str | None, Query(max_length=300, description="document source")] = None,
    doc: Annotated[str | None, Query(max_length=200, description="document id")] = None,
    review: Annotated[
        str | None, Query(description="unreviewed | confirmed | rejected | corrected")
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=200, description='words or "a phrase" in the evidence sentence'),
    ] = None,
    sort: Annotated[
        str | None, Query(description="date, type, kind, report, confidence; '-' descending")
    ] = None,
) -> EventFilter:
    """The filters from the query string; 400 for a value that cannot be one."""
    return EventFilter(
        type=_choice("type", type, EVENT_TYPES),
        kind=_choice("kind", kind, KINDS),
        actor=(actor or "").strip().upper() or None,
        recipient=(recipient or "").strip().upper() or None,
        since=_date("since", since),
        until=_date("until", until),
        factuality=_choice("factuality", factuality, FACTUALITY),
        source=source or None,
        doc=doc or None,
        review=_choice("review", review, REVIEW_STATES),
        q=search_query(q),
        sort=_choice("sort", sort, SORTS),
    )


def search_query(q: str | None) -> str | None:
    """The search as typed, or None for an empty one; 400 when it holds no word to look for."""
    if not q or not q.strip():
        return None
    if not search.terms(q):
        raise HTTPException(400, f"q {q!r} has no word to search for (letters or digits)")
    return q.strip()


PageNo = Annotated[int, Query(ge=1, le=100_000, description="page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=500, description="rows per page")]
