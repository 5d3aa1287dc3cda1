"""Facet counts beside the filters of /events: how many matches each value would keep.

Counted over the newest FACET_ROWS matches only, so a facet costs the same on a
store of 1,000 or 1,000,000 records; the page says when the counts are of a sample.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, select

from pactwatch.store import Store
from pactwatch.store.schema import documents, entities, events
from pactwatch.web.queries import EventFilter, _scan_by_date, filtered_events

FACET_ROWS = 2_000
TOP = 10  # values shown per facet, most frequent first


@dataclass(slots=True)
class Facets:
    counted: int  # how many matches the counts are of
    sampled: bool  # True when there were more matches than FACET_ROWS
    values: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def event_facets(store: Store, f: EventFilter) -> Facets:
    """Counts of type, kind, actor, recipient and source among the newest matches."""
    with store.engine.connect() as conn:
        newest = filtered_events(f, store.dialect, by_date=_scan_by_date(conn, f))
        sample = (
            newest.with_only_columns(events.c.id, events.c.event, events.c.kind, events.c.doc_id)
            .limit(FACET_ROWS + 1)
            .subquery("sample")
        )
        n = int(conn.execute(select(func.count()).select_from(sample)).scalar_one())
        # the one row past the cap only says there are more: keep it out of the counts
        kept = (
            newest.with_only_columns(events.c.id, events.c.event, events.c.kind, events.c.doc_id)
            .limit(FACET_ROWS)
            .cte("kept")
        )
        out = Facets(counted=min(n, FACET_ROWS), sampled=n > FACET_ROWS)
        if n == 0:
            return out

        def top(column: Any, *joins: tuple[Any, Any]) -> list[tuple[str, int]]:
            query = select(column, func.count().label("n")).select_from(kept)
            for target, on in joins:
                query = query.join(target, on)
            query = query.where(column.is_not(None)).group_by(column)
            rows = conn.execute(query.order_by(func.count().desc(), column).limit(TOP))
            return [(str(v), int(c)) for v, c in rows]

        def role(name: str) -> list[tuple[str, int]]:
            on = and_(entities.c.event_id == kept.c.id, entities.c.role == name)
            query = (
                select(entities.c.code, func.count(func.distinct(entities.c.event_id)))
                .select_from(kept)
                .join(entities, on)
                .group_by(entities.c.code)
                .order_by(func.count(func.distinct(entities.c.event_id)).desc(), entities.c.code)
                .limit(TOP)
            )
            return [(str(v), int(c)) for v, c in conn.execute(query)]

        out.values["type"] = top(kept.c.event)
        out.values["kind"] = top(kept.c.kind)
        out.values["actor"] = role("actor")
        out.values["recipient"] = role("recipient")
        out.values["source"] = top(documents.c.source, (documents, documents.c.id == kept.c.doc_id))
    return out
