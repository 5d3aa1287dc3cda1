"""PostgreSQL: a run that keys every record checks its foreign keys once, not once per row.

A foreign key is checked by a trigger per inserted row (a lookup in `events` that also
locks the row): for a rebuild of 1,000,000 records, 2.7 million of them, a third of the
run (EXPLAIN ANALYZE: 6.7 s staging the keys, 11.8 s writing the links). When a run
writes every key and link afresh, the foreign keys of `incident_keys` and
`incident_events` are dropped at its start and added back, each checked by one join over
the whole table, before it ends: in the same transaction, so an error (or a missing row)
rolls the constraints back with everything else. The price: dropping them locks `events`
and `incidents` until the run commits (readers wait), so it is done only for runs of at
least BULK_AT records with nothing stored to keep (`corroborate --rebuild`, a first run).
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select, text

from pactwatch.store import schema

BULK_AT = 100_000
# sorts and hashes of a bulk run in memory, for its transaction only (SET LOCAL): with the
# default 4 MB, grouping 1,900,000 parties spilled to disk in 81 batches (EXPLAIN ANALYZE)
_WORK_MEM = "256MB"
_TABLES = ("incident_keys", "incident_events")


def is_bulk(conn: Connection) -> bool:
    """A PostgreSQL store with no key stored and at least BULK_AT records to key."""
    if conn.dialect.name != "postgresql":
        return False
    if conn.execute(select(schema.incident_keys.c.event_id).limit(1)).first() is not None:
        return False
    some = select(schema.events.c.id).limit(BULK_AT).subquery()
    return int(conn.execute(select(func.count()).select_from(some)).scalar_one()) >= BULK_AT


def drop_foreign_keys(conn: Connection) -> list[str]:
    """Drop the foreign keys of the incident tables (and give the transaction more memory
    to sort in); the statements that add them back.

    The statements are made by the server (`format` quotes the names) from the constraints
    as they are, so whatever the migrations named them, they come back the same.
    """
    found = conn.execute(
        text(
            "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname), "
            "format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, "
            "pg_get_constraintdef(oid)) FROM pg_constraint WHERE contype = 'f' "
            "AND conrelid IN (" + ", ".join(f"'{t}'::regclass" for t in _TABLES) + ") "
            "ORDER BY conname"
        )
    ).all()
    for drop, _add in found:
        conn.execute(text(drop))
    conn.execute(text(f"SET LOCAL work_mem = '{_WORK_MEM}'"))
    return [str(add) for _drop, add in found]


def add_back(conn: Connection, statements: list[str]) -> None:
    """Add the dropped foreign keys back; each checks every row (an error rolls the run back)."""
    for add in statements:
        conn.execute(text(add))
