"""/charters and /charters/{id}: each rule with its source, status and template."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from pactwatch.web import charter_words, checking
from pactwatch.web.deps import render

router = APIRouter(include_in_schema=False)


@router.get("/charters", response_class=HTMLResponse)
def charter_list(request: Request) -> Response:
    items = [checking.describe(cid) for cid in checking.charter_ids()]
    return render(request, "charters.html", {"charters": items})


@router.get("/charters/{charter_id}", response_class=HTMLResponse)
def charter_page(request: Request, charter_id: str) -> Response:
    charter = checking.describe(charter_id)
    return render(
        request,
        "charter.html",
        {
            "charter": charter,
            "members": checking.member_codes(charter),
            "words": {r["id"]: charter_words.rule_in_words(r) for r in charter["rules"]},
            "membership": charter_words.membership(charter["alliance"]),
            "adversaries": charter_words.adversaries(charter),
            "alliance": charter_words.name_of(charter["alliance"] or ""),
        },
    )
