"""PostgreSQL's bulk run: keys, indexes and foreign keys dropped while every key and link
is written, then made again and checked, all in the run's transaction (corroborate/bulk.py).

The runs here are made bulk by lowering BULK_AT (the generated store has 1,800 records);
what is tested is that nothing but the speed changes: the same incidents and links, the
same constraints afterwards (cascading as before), and nothing changed on an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from pactwatch.corroborate import bulk, corroborate, forget, persist
from pactwatch.store import Store, open_store, save_document
from tests.corroborate.test_generated import GOLDEN, _digest, _generated

pytestmark = pytest.mark.postgres

_TABLES = "('incidents'::regclass, 'incident_keys'::regclass, 'incident_events'::regclass)"
_CONSTRAINTS = text(
    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated "
    f"FROM pg_constraint WHERE conrelid IN {_TABLES} UNION ALL "
    "SELECT indrelid::regclass::text, indexrelid::regclass::text, pg_get_indexdef(indexrelid), "
    f"indisvalid FROM pg_index WHERE indrelid IN {_TABLES} ORDER BY 1, 2, 3"
)


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    with open_store(pg_url) as opened:
        for doc in _generated():
            save_document(opened, doc.document(), doc.events)
        yield opened


def _constraints(store: Store) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(_CONSTRAINTS)]


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Bulk from one record up; counts the runs that dropped the foreign keys."""
    monkeypatch.setattr(bulk, "BULK_AT", 1)
    dropped: list[int] = []
    real = bulk.drop_constraints

    def spy(conn: Any) -> list[str]:
        statements = real(conn)
        dropped.append(len(statements))
        return statements

    monkeypatch.setattr(bulk, "drop_constraints", spy)
    return dropped


def test_a_bulk_run_links_exactly_as_a_plain_one(pg_store: Store, spied: list[int]) -> None:
    before = _constraints(pg_store)
    assert sum(1 for row in before if "FOREIGN KEY" in row[2]) == 3
    assert sum(1 for row in before if "INDEX" in row[2]) == 6
    corroborate(pg_store, rebuild=True)
    # three foreign keys, three primary keys and three other indexes went, on the rebuild
    assert spied == [9]
    assert _digest(pg_store)[0] == GOLDEN
    assert _constraints(pg_store) == before  # back, checked (convalidated), same definitions
    forget(pg_store)
    corroborate(pg_store)  # a first run (nothing stored) is bulk too
    assert spied == [9, 9]
    assert _digest(pg_store)[0] == GOLDEN
    corroborate(pg_store)  # keys stored: an incremental run keeps its foreign keys
    assert spied == [9, 9]


def test_the_foreign_keys_cascade_and_hold_after_a_bulk_run(
    pg_store: Store, spied: list[int]
) -> None:
    corroborate(pg_store, rebuild=True)
    assert spied == [9]
    with pg_store.engine.begin() as conn:
        linked = conn.execute(text("SELECT event_id FROM incident_events LIMIT 1")).scalar_one()
        conn.execute(text("DELETE FROM events WHERE id = :e"), {"e": linked})
        for table in ("incident_keys", "incident_events"):
            left = conn.execute(
                text(f"SELECT count(*) FROM {table} WHERE event_id = :e"), {"e": linked}
            )
            assert left.scalar_one() == 0, table
    with pytest.raises(IntegrityError), pg_store.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO incident_events (incident_id, event_id, relation) "
                 "VALUES (1, 'no-such-record', 'reports')")
        )  # fmt: skip


def test_an_error_in_a_bulk_run_changes_nothing(
    pg_store: Store, spied: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    corroborate(pg_store, rebuild=True)
    digest, before = _digest(pg_store)[0], _constraints(pg_store)
    calls = 0
    real = persist.write

    def failing(conn: Any, incidents: Any) -> tuple[int, int]:
        nonlocal calls
        calls += 1
        real(conn, incidents)  # written, then the run fails before it ends
        raise RuntimeError("disk full")

    monkeypatch.setattr(persist, "write", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        corroborate(pg_store, rebuild=True)
    assert calls == 1 and spied == [9, 9]
    assert _digest(pg_store)[0] == digest
    assert _constraints(pg_store) == before
