"""/: totals, the member × rule matrix of the charter in force, a monthly trend, the latest events."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pactwatch.errors import NotFound, PactwatchError
from pactwatch.web import checking, trend
from pactwatch.web.deps import findings_cache, render, store_of
from pactwatch.web.queries import recent_events

router = APIRouter(include_in_schema=False)


def default_charter(ids: list[str]) -> str | None:
    """The `default_charter` setting (csto-treaty, the charter in force), else the first."""
    wanted = str(checking.setting("default_charter") or "")
    return (
        wanted
        if wanted in ids
        else ("csto-treaty" if "csto-treaty" in ids else None) or (ids[0] if ids else None)
    )


def chosen_charter(charter: str | None, ids: list[str]) -> str | None:
    """The charter a page asked for (404 naming it when there is none), else the default."""
    if charter:
        if charter not in ids:
            raise NotFound(f"no charter {charter!r}", fix=f"pick one of: {', '.join(ids)}")
        return charter
    return default_charter(ids)


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request, charter: Annotated[str | None, Query(max_length=200)] = None
) -> Response:
    store = store_of(request)
    ids = checking.charter_ids()
    chosen = chosen_charter(charter, ids)
    grid = None
    described = None
    problem = None
    seen: dict[str, Any] = {"n_findings": 0, "members_found": 0, "by_month": {}}
    if chosen:
        # a broken charter file must not take the recent events down with it
        try:
            described = checking.describe(chosen)
            rules = [str(r.get("id")) for r in described["rules"]]
            members = checking.member_codes(described)
            seen = checking.overview_of(store, chosen, findings_cache(request), members, rules)
            grid = seen["grid"]
        except PactwatchError as exc:
            problem = str(exc)
    records = trend.records_by_month(store)
    by_month: dict[str, int] = seen["by_month"]
    return render(
        request,
        "overview.html",
        {
            "charter_ids": ids,
            "chosen": chosen,
            "charter": described,
            "grid": grid,
            "problem": problem,
            "checker": checking.available(),
            "recent": recent_events(store),
            "totals": trend.totals(store),
            "n_findings": seen["n_findings"],
            "members_found": seen["members_found"],
            "spec": trend.trend_spec(records, by_month, chosen or "")
            if records or by_month
            else None,
        },
    )
