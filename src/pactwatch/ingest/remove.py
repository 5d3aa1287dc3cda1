"""`remove`: a retracted or wrong document goes from the store with everything built on it.

All the named documents go in one transaction, or none: an unknown id stops the
command before anything is removed. With each document go its records, their
participants and reviews (the database's cascades); the incidents those records
reported are marked for a recount and rewritten by the corroborate stage that
follows (an incident left with no report goes; a dispute link from a removed
record goes and the incident is disputed only if another record still disputes
it). Findings are computed from the store, so they follow. Each document leaves
one audit entry naming who removed it, its title, source and counts, and its
reviews as they were (so an analyst's work stays on record).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, exists, func, select, update

from pactwatch.corroborate import corroborate, unlink
from pactwatch.errors import NotFound
from pactwatch.store import Store, audit
from pactwatch.store.schema import documents, events, incident_events, incidents, reviews

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RemoveSummary:
    """What one removal did."""

    documents: list[str] = field(default_factory=list)
    records: int = 0
    reviews: int = 0
    incidents_touched: int = 0  # incidents that had a removed record, recounted
    incidents_left: int = 0  # how many incidents the store holds afterwards

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _missing(conn: Connection, doc_ids: list[str]) -> list[str]:
    found = {
        str(row[0])
        for row in conn.execute(select(documents.c.id).where(documents.c.id.in_(doc_ids)))
    }
    return [d for d in doc_ids if d not in found]


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _remove_one(conn: Connection, doc_id: str, by: str, summary: RemoveSummary) -> set[int]:
    """Remove one document inside the caller's transaction; the incidents it touched."""
    doc = conn.execute(
        select(documents.c.title, documents.c.source, documents.c.url, documents.c.report_date)
        .where(documents.c.id == doc_id)
    ).one()  # fmt: skip
    event_ids = [
        str(r[0]) for r in conn.execute(select(events.c.id).where(events.c.doc_id == doc_id))
    ]
    touched = {
        int(r[0])
        for r in conn.execute(
            select(incident_events.c.incident_id).where(incident_events.c.event_id.in_(event_ids))
        )
    }
    kept = [
        {k: _json_value(v) for k, v in row.items() if k != "id"}
        for row in conn.execute(
            select(reviews)
            .where((reviews.c.doc_id == doc_id) | reviews.c.event_id.in_(event_ids))
            .order_by(reviews.c.id)
        ).mappings()
    ]
    for event_id in event_ids:
        unlink(conn, event_id)  # its incidents are recounted by the corroborate run that follows
    # cascades take the records, their participants, reviews and incident keys
    conn.execute(delete(documents).where(documents.c.id == doc_id))
    audit.record(
        conn,
        by,
        "remove",
        doc_id,
        {
            "title": doc.title,
            "source": doc.source,
            "url": doc.url,
            "report_date": doc.report_date,
            "records": len(event_ids),
            "incidents": sorted(touched),
            "reviews": kept,
        },
    )
    summary.documents.append(doc_id)
    summary.records += len(event_ids)
    summary.reviews += len(kept)
    return touched


def remove_documents(store: Store, doc_ids: list[str], by: str | None = None) -> RemoveSummary:
    """Remove the documents `doc_ids` (all or none) and recount the incidents they fed.

    NotFound (exit 2) naming every unknown id, before anything is removed.
    """
    wanted = list(dict.fromkeys(doc_ids))  # each once, in the order given
    summary = RemoveSummary()
    who = by or audit.cli_actor()
    with store.write() as conn:
        missing = _missing(conn, wanted)
        if missing:
            raise NotFound(
                f"no document {', '.join(repr(m) for m in missing)} in {store.display_url}",
                fix="give stored document ids (`pactwatch status`, or the dashboard's /documents); "
                "nothing was removed",
            )
        touched: set[int] = set()
        for doc_id in wanted:
            touched |= _remove_one(conn, doc_id, who, summary)
        if touched:
            # a dispute from a removed record no longer disputes the incident
            still = exists().where(
                (incident_events.c.incident_id == incidents.c.id)
                & (incident_events.c.relation == "disputes")
            )
            conn.execute(
                update(incidents).where(incidents.c.id.in_(sorted(touched))).values(disputed=still)
            )
    summary.incidents_touched = len(touched)
    if touched:
        corroborate(store)  # rewrites the marked incidents from the records they still have
    with store.engine.connect() as conn:
        summary.incidents_left = int(
            conn.execute(select(func.count()).select_from(incidents)).scalar_one()
        )
    log.info(
        "removed %d document(s), %d record(s), %d review(s) from %s; %d incident(s) recounted",
        len(summary.documents), summary.records, summary.reviews, store.display_url,
        summary.incidents_touched,
    )  # fmt: skip
    return summary
