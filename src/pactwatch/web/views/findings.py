"""/findings?charter=ID and /compare?a=ID&b=ID: findings with their evidence and scorecards."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pactwatch.web import checking
from pactwatch.web.deps import findings_cache, render, store_of
from pactwatch.web.views.overview import chosen_charter

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
    chosen = chosen_charter(charter, ids)
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
    filtered = bool(member or rule or grade)
    facets = (
        checking.finding_facets(shown)
        if filtered or not chosen
        else findings_cache(request).derived(
            store_of(request), chosen, "facets", checking.finding_facets
        )
    )
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
            "facets": facets,
        },
    )


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    a: Annotated[str | None, Query(max_length=200)] = None,
    b: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    ids = checking.charter_ids()
    # an unknown id is a 404 naming it, never a silent switch to another charter
    a = chosen_charter(a, ids) if a else ("csto-treaty" if "csto-treaty" in ids else None)
    b = chosen_charter(b, ids) if b else ("csto-reform" if "csto-reform" in ids else None)
    a, b = a or (ids[0] if ids else None), b or (ids[-1] if ids else None)
    cache, store = findings_cache(request), store_of(request)
    found: dict[str, list[dict[str, Any]]] = {
        "a": cache.get(store, a) if a else [],
        "b": cache.get(store, b) if b else [],
    }
    sides = {
        key: {"id": cid, "charter": checking.describe(cid) if cid else None, "findings": found[key]}
        for key, cid in (("a", a), ("b", b))
    }
    rows = aligned(found["a"], found["b"])
    return render(
        request,
        "compare.html",
        {"charter_ids": ids, "sides": sides, "rows": rows, "checker": checking.available()},
    )


def _incident_key(f: dict[str, Any]) -> tuple[str, str]:
    """What a finding rests on: its incident, else (a decision) the records it cites."""
    if f.get("incident") is not None:
        return (str(f.get("member")), f"incident {f['incident']}")
    return (str(f.get("member")), " ".join(sorted(str(e) for e in f.get("events") or [])))


def _dates(f: dict[str, Any]) -> str:
    """The finding's dates as written at their precision ("2023-01", never "2023-01-01")."""
    if f.get("dates") and f["dates"] != "undated":
        return str(f["dates"])
    first, last = f.get("first_date"), f.get("last_date")
    if not first:
        return "undated"
    return f"{first} – {last}" if last and last != first else str(first)


def aligned(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per member and incident: what each charter finds in it, side by side.

    Rows are by member, then newest incident first; the dates are the findings' own,
    at the precision the reports give ("2023-01" for "in January")."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for side, found in (("a", a), ("b", b)):
        for f in found:
            row = rows.setdefault(
                _incident_key(f),
                {"member": str(f.get("member")), "incident": f.get("incident"), "a": [], "b": [],
                 "dates": _dates(f), "first": str(f.get("first_date") or "")},
            )  # fmt: skip
            row[side].append(f)
    ordered = sorted(rows.values(), key=lambda r: r["first"], reverse=True)
    return sorted(ordered, key=lambda r: r["member"])
