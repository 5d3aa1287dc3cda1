"""Queueing webhook deliveries: one row per new finding and webhook that wants its charter."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from pactwatch import settings
from pactwatch.store import schema


def enqueue(conn: Connection, charter: str, finding_ids: Sequence[str], now: datetime) -> int:
    """Queue the new findings of `charter` for every webhook configured for it; how many rows.

    Runs in the caller's transaction (the one that stored the findings), so a finding is
    queued exactly when it is first stored. (finding, webhook) is unique: never queued twice.
    """
    hooks = [h for h in settings.get("webhooks") if h.wants(charter)]
    if not hooks or not finding_ids:
        return 0
    rows = [
        {"finding_id": fid, "webhook": h.key, "status": "pending", "attempts": 0,
         "created_at": now, "due_at": now}
        for fid in finding_ids for h in hooks
    ]  # fmt: skip
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(schema.deliveries).on_conflict_do_nothing(
        index_elements=["finding_id", "webhook"]
    )
    conn.execute(stmt, rows)  # executemany: one compiled statement for every row
    return len(rows)
