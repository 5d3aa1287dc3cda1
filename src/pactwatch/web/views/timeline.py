"""/timeline: events per month for each member, armed clashes and exercises marked."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from pactwatch.web import checking
from pactwatch.web.deps import render, store_of
from pactwatch.web.queries import timeline
from pactwatch.web.views.overview import chosen_charter
from pactwatch.web.views.params import _date

router = APIRouter(include_in_schema=False)

COLOURS = {"clash": "#c0392b", "exercise": "#2471a3", "other": "#aab7b8"}


def timeline_spec(rows: list[dict[str, Any]], members: list[str]) -> dict[str, Any]:
    """A Vega-Lite spec: one small bar chart per member, bars stacked by category.

    The members share one y scale, so their bars compare at a glance."""
    stacks: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (r["member"], r["month"])
        stacks[key] = stacks.get(key, 0) + r["events"]
    top = max(stacks.values(), default=1)
    # few events: name every whole number, or Vega would label 0.5 as "1" with format "d"
    y_axis: dict[str, Any] = {"tickMinStep": 1, "format": "d", "tickCount": 3}
    if top <= 4:
        y_axis["values"] = list(range(top + 1))
    order = [m for m in members if any(r["member"] == m for r in rows)] or sorted(
        {r["member"] for r in rows}
    )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": rows},
        "transform": [
            {"calculate": "{'clash': 0, 'exercise': 1, 'other': 2}[datum.category]", "as": "o"}
        ],
        "facet": {
            "row": {
                "field": "member",
                "type": "nominal",
                "sort": order,
                "title": None,
                "header": {"labelAngle": 0, "labelAlign": "left", "labelFontSize": 13,
                           "labelFontWeight": "bold"},
            }
        },
        "spec": {
            "width": 1040,
            "height": 70,
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth",
                      "title": None, "axis": {"format": "%b %Y", "labelAngle": 0, "grid": False}},
                "y": {"aggregate": "sum", "field": "events", "type": "quantitative",
                      "title": "events", "axis": y_axis},
                "color": {"field": "category", "type": "nominal", "title": "event",
                          "scale": {"domain": list(COLOURS), "range": list(COLOURS.values())},
                          "legend": {"orient": "top"}},
                "order": {"field": "o"},
            },
        },
        "config": {"view": {"stroke": "#ddd"}, "font": "system-ui, sans-serif"},
    }  # fmt: skip


def members_for(charter_id: str | None, rows: list[dict[str, Any]]) -> list[str]:
    if charter_id:
        return checking.member_codes(checking.describe(charter_id))
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["member"]] = totals.get(r["member"], 0) + r["events"]
    return sorted(totals, key=lambda m: -totals[m])[:10]


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    charter: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    ids = checking.charter_ids()
    chosen = chosen_charter(charter, ids)
    members = members_for(chosen, []) if chosen else []
    rows = timeline(
        store_of(request), members or None, _date("since", since), _date("until", until)
    )
    if not members:
        members = members_for(None, rows)
        rows = [r for r in rows if r["member"] in members]
    return render(
        request,
        "timeline.html",
        {
            "charter_ids": ids,
            "chosen": chosen,
            "spec": timeline_spec(rows, members) if rows else None,
            "since": since or "",
            "until": until or "",
        },
    )
