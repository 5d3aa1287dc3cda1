"""The overview's totals and its monthly trend of records and findings.

Counted in SQL (records per first day from the date index, grouped into months
here, the same on both stores) and kept per data version: a page view after the
first costs a version check, as the findings cache does.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from sqlalchemy import func, select

from pactwatch.store import Store
from pactwatch.store.schema import documents, events, incidents
from pactwatch.web import precomputed
from pactwatch.web.queries import data_version

_cache: dict[tuple[str, str], tuple[tuple[int, int, int], Any]] = {}
_lock = threading.Lock()


def _cached(store: Store, name: str, compute: Any) -> Any:
    """`compute()` for the data as it is: from memory, else from the store (`refresh` or
    another server computed it for this data), else computed and stored."""
    version = data_version(store)
    # by URL: an id() can be reused by the next Store, and two stores can share a version
    key = (str(store.url), name)
    hit = _cache.get(key)
    if hit and hit[0] == version:
        return hit[1]
    with _lock:
        value = precomputed.kept(store, name, ".".join(map(str, version)), compute)
        _cache[key] = (version, value)
    return value


def totals(store: Store) -> dict[str, int]:
    """How many documents, records, dated records, sources and incidents the store holds."""

    def compute() -> dict[str, int]:
        with store.engine.connect() as conn:
            row = conn.execute(
                select(
                    select(func.count()).select_from(documents).scalar_subquery(),
                    select(func.count()).select_from(events).scalar_subquery(),
                    select(func.count(func.distinct(documents.c.source))).scalar_subquery(),
                    select(func.count()).select_from(incidents).scalar_subquery(),
                )
            ).one()
        return {"documents": row[0], "records": row[1], "sources": row[2], "incidents": row[3]}

    result: dict[str, int] = _cached(store, "totals", compute)
    return result


def records_by_month(store: Store) -> dict[str, int]:
    """Records per month of their first day (undated ones are not in it)."""

    def compute() -> dict[str, int]:
        months: dict[str, int] = {}
        query = (
            select(events.c.date_first, func.count())
            .where(events.c.date_first.is_not(None))
            .group_by(events.c.date_first)
        )
        with store.engine.connect() as conn:
            for first, n in conn.execute(query):
                day = first if isinstance(first, date) else date.fromisoformat(str(first))
                month = day.strftime("%Y-%m")
                months[month] = months.get(month, 0) + int(n)
        return months

    result: dict[str, int] = _cached(store, "records_by_month", compute)
    return result


def findings_by_month(findings: list[dict[str, Any]]) -> dict[str, int]:
    """Findings per month of their first date (undated ones are not in it)."""
    months: dict[str, int] = {}
    for f in findings:
        first = str(f.get("first_date") or "")
        if len(first) >= 7:
            months[first[:7]] = months.get(first[:7], 0) + 1
    return months


def trend_spec(records: dict[str, int], found: dict[str, int], charter: str) -> dict[str, Any]:
    """Two bar charts over the same months: records, and findings under `charter`."""
    rows = [{"month": f"{m}-01", "series": "records", "n": n} for m, n in sorted(records.items())]
    label = f"findings ({charter})"
    rows += [{"month": f"{m}-01", "series": label, "n": n} for m, n in sorted(found.items())]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": rows},
        "facet": {"row": {"field": "series", "type": "nominal", "title": None,
                          "sort": ["records", label],
                          "header": {"labelAngle": 0, "labelAlign": "left",
                                     "labelAnchor": "start", "labelFontSize": 13,
                                     "labelFontWeight": "bold", "labelOrient": "top"}}},
        "spec": {
            "width": 560, "height": 110,
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth",
                      "title": None, "axis": {"format": "%b %Y", "labelAngle": 0,
                                              "grid": False}},
                "y": {"field": "n", "type": "quantitative", "title": None,
                      "axis": {"format": "d", "tickMinStep": 1, "tickCount": 3}},
                "color": {"field": "series", "type": "nominal", "legend": None,
                          "scale": {"domain": ["records", label],
                                    "range": ["#1f5f8b", "#b03a2e"]}},
            },
        },
        "resolve": {"scale": {"y": "independent"}},
        "config": {"view": {"stroke": "#ddd"}, "font": "system-ui, sans-serif"},
    }  # fmt: skip
