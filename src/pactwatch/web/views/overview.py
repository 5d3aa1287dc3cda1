"""/: a charter picker, the member × rule matrix of findings, the latest events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pactwatch.errors import PactwatchError
from pactwatch.web import checking
from pactwatch.web.deps import findings_cache, render, store_of
from pactwatch.web.queries import recent_events

router = APIRouter(include_in_schema=False)

# the charter shown first: the one the seed column proposes, beside the one in force
PREFERRED = ("csto-reform", "csto-treaty")


def default_charter(ids: list[str]) -> str | None:
    return next((c for c in PREFERRED if c in ids), ids[0] if ids else None)


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request, charter: Annotated[str | None, Query(max_length=200)] = None
) -> Response:
    store = store_of(request)
    ids = checking.charter_ids()
    chosen = charter if charter in ids else default_charter(ids)
    grid = None
    described = None
    problem = None
    if chosen:
        # a broken charter file must not take the recent events down with it
        try:
            described = checking.describe(chosen)
            rules = [str(r.get("id")) for r in described["rules"]]
            members = checking.member_codes(described)
            grid = findings_cache(request).derived(
                store, chosen, "matrix", lambda found: checking.matrix(found, members, rules)
            )
        except PactwatchError as exc:
            problem = str(exc)
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
        },
    )
