"""/map: the records that carry coordinates, on the world's borders, with /events' filters.

The borders are world-atlas's countries (Natural Earth, vendored under static/vendor);
each point opens its record, and the page links to the same filters as a list.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import literal_column

from pactwatch.records import EVENT_TYPES, KINDS
from pactwatch.store import Store
from pactwatch.store.schema import events
from pactwatch.web.deps import render, store_of
from pactwatch.web.queries import FACTUALITY, REVIEW_STATES, EventFilter, filtered_events
from pactwatch.web.views.params import event_filter

router = APIRouter(include_in_schema=False)

MAP_ROWS = 5_000  # the newest located matches; more points than this is a blot, not a map
WIDTH, HEIGHT = 1040, 560
ATLAS = "/static/vendor/world-atlas-countries-50m.json"
COLOURS = {"armed clash": "#c0392b", "military exercise": "#2471a3", "other": "#7f8c8d"}

# migration 0008's partial index ix_events_located is on exactly these expressions
_LAT = {
    "sqlite": "json_extract(events.event_loc, '$.lat')",
    "postgresql": "(events.event_loc ->> 'lat')",
}
_LON = {
    "sqlite": "json_extract(events.event_loc, '$.lon')",
    "postgresql": "(events.event_loc ->> 'lon')",
}


def located(store: Store, f: EventFilter) -> tuple[list[dict[str, Any]], bool]:
    """The newest matching records with coordinates (at most MAP_ROWS), and whether there
    were more."""
    lat: Any = literal_column(_LAT.get(store.dialect, _LAT["sqlite"]))
    lon: Any = literal_column(_LON.get(store.dialect, _LON["sqlite"]))
    query = (
        filtered_events(f, store.dialect)
        .with_only_columns(
            events.c.id,
            events.c.event,
            events.c.kind,
            events.c.date,
            events.c.actor,
            events.c.recipient,
            events.c.event_loc,
            events.c.event_text,
        )
        .where(lat.is_not(None), lon.is_not(None))
        .limit(MAP_ROWS + 1)
    )
    points: list[dict[str, Any]] = []
    with store.engine.connect() as conn:
        for row in conn.execute(query).mappings():
            loc = row["event_loc"] or {}
            try:
                la, lo = float(loc["lat"]), float(loc["lon"])
            except (KeyError, TypeError, ValueError):
                continue
            if not (-90 <= la <= 90 and -180 <= lo <= 180):
                continue
            kind = (row["kind"] or "").replace("_", " ")
            points.append({
                "id": row["id"], "href": f"/events/{row['id']}", "lat": la, "lon": lo,
                "event": row["event"], "kind": kind or "—",
                "category": kind if kind in COLOURS else "other",
                "date": row["date"] or "undated", "place": str(loc.get("text") or ""),
                "actor": " ".join(e["code"] for e in row["actor"] or []) or "—",
                "recipient": " ".join(e["code"] for e in row["recipient"] or []) or "—",
                "trigger": row["event_text"],
            })  # fmt: skip
    return points[:MAP_ROWS], len(points) > MAP_ROWS


def view(points: list[dict[str, Any]]) -> dict[str, Any]:
    """A Mercator projection around the points (the whole world when there are none)."""
    if not points:
        return {"type": "equalEarth"}
    lons = [p["lon"] for p in points]
    lats = [p["lat"] for p in points]
    # at least 24 degrees across, so one point shows its neighbours
    span_lon = max(max(lons) - min(lons), 24.0) * 1.3
    ys = [math.log(math.tan(math.pi / 4 + math.radians(max(min(a, 85), -85)) / 2)) for a in lats]
    span_y = max(max(ys) - min(ys), math.radians(14)) * 1.3
    scale = min(WIDTH / math.radians(span_lon), HEIGHT / span_y)
    mid_y = (max(ys) + min(ys)) / 2
    mid_lat = math.degrees(2 * math.atan(math.exp(mid_y)) - math.pi / 2)
    return {
        "type": "mercator",
        "center": [round((max(lons) + min(lons)) / 2, 3), round(mid_lat, 3)],
        "scale": round(scale, 1),
    }


def map_spec(points: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": WIDTH, "height": HEIGHT,
        "projection": view(points),
        "layer": [
            {"data": {"url": ATLAS, "format": {"type": "topojson", "feature": "countries"}},
             "mark": {"type": "geoshape", "fill": "#eef1ec", "stroke": "#a9b4ad",
                      "strokeWidth": 0.6, "clip": True}},
            {"data": {"values": points},
             "mark": {"type": "circle", "opacity": 0.75, "stroke": "#fff",
                      "strokeWidth": 1, "cursor": "pointer", "clip": True},
             "encoding": {
                 "longitude": {"field": "lon", "type": "quantitative"},
                 "latitude": {"field": "lat", "type": "quantitative"},
                 "color": {"field": "category", "type": "nominal", "title": "event",
                           "scale": {"domain": list(COLOURS), "range": list(COLOURS.values())},
                           "legend": {"orient": "top-left", "fillColor": "#ffffffd9",
                                      "padding": 6}},
                 "size": {"field": "records", "type": "quantitative", "title": "records",
                          "scale": {"range": [90, 900]}, "legend": None},
                 "href": {"field": "href"},
                 "tooltip": [
                     {"field": "place"}, {"field": "records", "title": "records here"},
                     {"field": "types", "title": "events"},
                     {"field": "date", "title": "newest"}, {"field": "actor"},
                     {"field": "trigger", "title": "words (newest)"},
                 ],
             }},
        ],
        "config": {"view": {"stroke": "#ccd"}, "font": "system-ui, sans-serif"},
    }  # fmt: skip


def by_place(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One mark per spot: records at the same coordinates share a circle sized by their count,
    which opens the newest of them (points come newest first)."""
    spots: dict[tuple[float, float], dict[str, Any]] = {}
    for p in points:
        spot = spots.setdefault(
            (p["lat"], p["lon"]),
            {**p, "records": 0, "types": [], "ids": []},
        )
        spot["records"] += 1
        spot["ids"].append(p["id"])
        if p["event"] not in spot["types"]:
            spot["types"].append(p["event"])
        if p["category"] != "other":
            spot["category"] = p["category"]
    for spot in spots.values():
        spot["types"] = ", ".join(spot["types"])
        spot["ids"] = spot["ids"][:5]
    return list(spots.values())


def places(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Places by how many records name them ("BISHKEK" and "Bishkek" are one), with records."""
    found: dict[str, dict[str, Any]] = {}
    for p in points:
        name = p["place"] or "?"
        if name.isupper():
            name = name.title()  # a dateline's "BISHKEK" is the place "Bishkek"
        entry = found.setdefault(name.casefold(), {"name": name, "n": 0, "ids": []})
        entry["n"] += 1
        entry["ids"].append(p["id"])
    return sorted(found.values(), key=lambda e: (-e["n"], e["name"]))[:20]


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, f: Annotated[EventFilter, Depends(event_filter)]) -> Response:
    points, more = located(store_of(request), f)
    return render(
        request,
        "map.html",
        {
            "filter": f,
            "params": f.params(),
            "points": points,
            "more": more,
            "cap": MAP_ROWS,
            "places": places(points),
            "spec": map_spec(by_place(points)),
            "event_types": EVENT_TYPES,
            "kinds": KINDS,
            "factuality": FACTUALITY,
            "review_states": REVIEW_STATES,
        },
    )
