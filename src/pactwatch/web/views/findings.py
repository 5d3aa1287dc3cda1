"""/findings?charter=ID and /compare?a=ID&b=ID: findings with their evidence and scorecards."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pactwatch.web import checking
from pactwatch.web.deps import findings_cache, render, store_of
from pactwatch.web.views.overview import default_charter

router = APIRouter(include_in_schema=False)

PER_PAGE = 100

Member = Annotated[str | None, Query(max_length=12)]


@router.get("/findings", response_class=HTMLResponse)
def findings_page(
    request: Request,
    charter: Annotated[str | None, Query(max_length=200)] = None,
    member: Member = None,
    rule: Annotated[str | None, Query(max_length=200)] = None,
    grade: Annotated[str | None, Query(max_length=20)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    ids = checking.charter_ids()
    chosen = charter or default_charter(ids)
    described = checking.describe(chosen) if chosen else None
    checked = findings_cache(request).checked(store_of(request), chosen) if chosen else None
    found: list[dict[str, Any]] = checked.findings if checked else []
    shown = [
        f
        for f in found
        if (not member or f.get("member") == member.upper())
        and (not rule or f.get("rule") == rule)
        and (not grade or f.get("grade") == grade)
    ]
    return render(
        request,
        "findings.html",
        {
            "charter_ids": ids,
            "chosen": chosen,
            "charter": described,
            # a page of findings: thousands of rows are unreadable and slow to render
            "findings": shown[(page - 1) * PER_PAGE : page * PER_PAGE],
            "shown": len(shown),
            "page": page,
            "has_next": page * PER_PAGE < len(shown),
            "total": len(found),
            "cards": findings_cache(request).derived(
                store_of(request), chosen, "scorecards", checking.scorecards
            )
            if chosen
            else checking.scorecards([]),
            "grades": checking.GRADES,
            "checker": checking.available(),
            "consequences": [
                c
                for c in (checked.consequences if checked else [])
                if not member or c["member"] == member.upper()
            ],
            "has_ladder": described is not None
            and (
                described["consequences"] is not None
                or any(r["consequences"] for r in described["rules"])
            ),
            "params": {"charter": chosen, "member": member, "rule": rule, "grade": grade},
        },
    )


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    a: Annotated[str | None, Query(max_length=200)] = None,
    b: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    ids = checking.charter_ids()
    a = a if a in ids else ("csto-treaty" if "csto-treaty" in ids else (ids[0] if ids else None))
    b = b if b in ids else ("csto-reform" if "csto-reform" in ids else (ids[-1] if ids else None))
    cache, store = findings_cache(request), store_of(request)
    found: dict[str, list[dict[str, Any]]] = {
        "a": cache.get(store, a) if a else [],
        "b": cache.get(store, b) if b else [],
    }
    sides = {
        key: {"id": cid, "charter": checking.describe(cid) if cid else None, "findings": found[key]}
        for key, cid in (("a", a), ("b", b))
    }
    members = sorted({str(f.get("member")) for side in found.values() for f in side})
    rows = [
        {
            "member": m,
            "a": [f for f in found["a"] if f.get("member") == m],
            "b": [f for f in found["b"] if f.get("member") == m],
        }
        for m in members
    ]
    return render(
        request,
        "compare.html",
        {"charter_ids": ids, "sides": sides, "rows": rows, "checker": checking.available()},
    )
