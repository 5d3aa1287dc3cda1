"""Facet counts beside the filters of /events: how many matches each value would keep.

Counted over the newest FACET_ROWS matches only, so a facet costs the same on a
store of 1,000 or 1,000,000 records; the page says when the counts are of a sample.
One scan reads the sample (id, type, kind, document); participants and sources are
then looked up by those ids, through their indexes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from pactwatch.store import Store
from pactwatch.store.schema import documents, entities, events
from pactwatch.web.queries import EVENT_COUNT_CAP, EventFilter, _scan_by_date, filtered_events

# the same bound as the page's total: a sample that saw every match has counted them
FACET_ROWS = EVENT_COUNT_CAP
TOP = 10  # values shown per facet, most frequent first
_CHUNK = 500  # ids per IN (...) lookup


@dataclass(slots=True)
class Facets:
    counted: int  # how many matches the counts are of
    sampled: bool  # True when there were more matches than FACET_ROWS
    values: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def _top(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]


def event_facets(store: Store, f: EventFilter) -> Facets:
    """Counts of type, kind, actor, recipient and source among the newest matches."""
    with store.engine.connect() as conn:
        newest = filtered_events(f, store.dialect, by_date=_scan_by_date(conn, f))
        sample = newest.with_only_columns(
            events.c.id, events.c.event, events.c.kind, events.c.doc_id
        ).limit(FACET_ROWS + 1)
        rows = conn.execute(sample).all()
        sampled = len(rows) > FACET_ROWS
        rows = rows[:FACET_ROWS]
        out = Facets(counted=len(rows), sampled=sampled)
        if not rows:
            return out
        out.values["type"] = _top(Counter(str(r.event) for r in rows))
        out.values["kind"] = _top(Counter(str(r.kind) for r in rows if r.kind))
        ids = [r.id for r in rows]
        roles: dict[str, Counter[str]] = {"actor": Counter(), "recipient": Counter()}
        for i in range(0, len(ids), _CHUNK):
            query = (
                select(entities.c.role, entities.c.code, entities.c.event_id)
                .where(entities.c.event_id.in_(ids[i : i + _CHUNK]))
                .where(entities.c.role.in_(list(roles)))
                .distinct()
            )
            for role, code, _ in conn.execute(query):
                roles[role][code] += 1
        out.values["actor"] = _top(roles["actor"])
        out.values["recipient"] = _top(roles["recipient"])
        per_doc = Counter(str(r.doc_id) for r in rows)
        sources: Counter[str] = Counter()
        docs = list(per_doc)
        for i in range(0, len(docs), _CHUNK):
            query = select(documents.c.id, documents.c.source).where(
                documents.c.id.in_(docs[i : i + _CHUNK]), documents.c.source.is_not(None)
            )
            for row in conn.execute(query):
                sources[str(row.source)] += per_doc[str(row.id)]
        out.values["source"] = _top(sources)
    return out
