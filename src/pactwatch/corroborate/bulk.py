"""PostgreSQL: a run that writes every key and link afresh builds their indexes and checks
their foreign keys once, at the end, not once per row.

A foreign key is checked by a trigger per inserted row (a lookup in `events` that also
locks the row), and each row goes into two b-trees per table: for a rebuild of 1,000,000
records, 2.7 million checks (EXPLAIN ANALYZE: 6.7 s staging the keys, 11.8 s writing the
links), and inserting keys, incidents and links took 16.2 s with their indexes against
1.7 s without them and 3.6 s to build the indexes after (psql, same rows, loaded machine).
So when a run has nothing stored to keep (`corroborate --rebuild`, a first run) and at
least BULK_AT records, the foreign keys, primary keys and indexes of the three incident
tables are dropped at its start and made again before it ends, each key checking every
row: in the same transaction, so an error (a duplicate, a missing record) rolls them back
with everything else. The price: until the run commits, `events` and the incident tables
are locked (readers wait), as a rebuild's TRUNCATE locks the incident tables anyway.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select, text

from pactwatch.store import schema

BULK_AT = 100_000
# sorts and hashes of a bulk run in memory, for its transaction only (SET LOCAL): with the
# default 4 MB, grouping 1,900,000 parties spilled to disk in 81 batches (EXPLAIN ANALYZE)
_WORK_MEM = "256MB"
_TABLES = ("incident_keys", "incident_events", "incidents")


def is_bulk(conn: Connection) -> bool:
    """A PostgreSQL store with no key stored and at least BULK_AT records to key."""
    if conn.dialect.name != "postgresql":
        return False
    if conn.execute(select(schema.incident_keys.c.event_id).limit(1)).first() is not None:
        return False
    some = select(schema.events.c.id).limit(BULK_AT).subquery()
    return int(conn.execute(select(func.count()).select_from(some)).scalar_one()) >= BULK_AT


_IN_TABLES = "(" + ", ".join(f"'{t}'::regclass" for t in _TABLES) + ")"
# (drop, add) statements, made by the server from the catalog as it is (`format` quotes the
# names), so whatever the migrations named them, they come back the same
_FOREIGN = (
    "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname), "
    "format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, "
    "pg_get_constraintdef(oid)) FROM pg_constraint WHERE contype = 'f' "
    f"AND (conrelid IN {_IN_TABLES} OR confrelid IN {_IN_TABLES}) ORDER BY conname"
)
_UNIQUE = (  # primary keys and unique constraints, with their indexes
    "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname), "
    "format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, "
    "pg_get_constraintdef(oid)) FROM pg_constraint WHERE contype IN ('p', 'u') "
    f"AND conrelid IN {_IN_TABLES} ORDER BY conname"
)
_INDEXES = (  # the other indexes
    "SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid) "
    f"FROM pg_index i WHERE i.indrelid IN {_IN_TABLES} AND NOT EXISTS "
    "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
    "ORDER BY i.indexrelid::regclass::text"
)


def drop_constraints(conn: Connection) -> list[str]:
    """Drop the foreign keys, keys and indexes of the incident tables (and give the
    transaction more memory to sort in); the statements that make them again, in order."""
    adds: list[str] = []
    for query in (_FOREIGN, _UNIQUE, _INDEXES):
        found = conn.execute(text(query)).all()
        for drop, _add in found:
            conn.execute(text(drop))
        adds = [str(add) for _drop, add in found] + adds  # foreign keys last
    conn.execute(text(f"SET LOCAL work_mem = '{_WORK_MEM}'"))
    conn.execute(text(f"SET LOCAL maintenance_work_mem = '{_WORK_MEM}'"))
    return adds


def add_back(conn: Connection, statements: list[str]) -> None:
    """Make the keys and indexes again, then the foreign keys, each checking every row (a
    duplicate or a missing record rolls the run back)."""
    for add in statements:
        conn.execute(text(add))
