"""/events sorted by a column that can be blank (kind, report date, oldest first): blanks last,
read in order from an index, not by sorting every match (issue 12; 200 ms at 1,000,000
records before, under 1 ms after). On SQLite and (where set) PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from pactwatch.records import Document
from pactwatch.store import Store, open_store, save_document
from pactwatch.store.schema import events
from pactwatch.web.queries import EventFilter, event_page, filtered_events

from .conftest import fill, make_event

BLANKABLE = ("kind", "-kind", "report", "-report", "date")


@pytest.fixture
def filled(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as store:
        fill(store)
        doc = Document(id="blank", text="Kyrgyzstan shelled a post.", title="Undated")
        save_document(store, doc, [make_event(doc, 0, "shelled", kind=None, report_date=None)])
        yield store


def _plan(store: Store, query: Any) -> str:
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
            return "\n".join(str(r[-1]) for r in rows)
        # a tiny table is cheaper to sort; forbid it, so that only an index can give the order
        conn.execute(text("SET LOCAL enable_sort = off"))
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        return "\n".join(str(r[0]) for r in conn.exec_driver_sql(f"EXPLAIN {sql}"))


@pytest.mark.parametrize("sort", BLANKABLE)
def test_a_blankable_sort_reads_an_index_in_order(filled: Store, sort: str) -> None:
    for f, walk in (
        (EventFilter(sort=sort), False),
        (EventFilter(sort=sort, type="ASSAULT"), True),
    ):
        plan = _plan(filled, filtered_events(f, filled.dialect, by_date=walk).limit(51))
        assert "ix_events_sort_" in plan, plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan and "Sort Key" not in plan, plan


@pytest.mark.parametrize("sort", BLANKABLE)
def test_blanks_come_last_either_way(filled: Store, sort: str) -> None:
    rows = event_page(filled, EventFilter(sort=sort), 1, 50).rows
    column = {"kind": "kind", "report": "report_date", "date": "date"}[sort.lstrip("-")]
    values = [r[column] for r in rows]
    filled_in = [v for v in values if v is not None]
    assert values == filled_in + [None] * (len(values) - len(filled_in)), values
    assert None in values  # the undated, kindless record is there, last
    assert filled_in == sorted(filled_in, reverse=sort.startswith("-"))


@pytest.mark.parametrize("f", [EventFilter(type="ASSAULT", factuality="factual"),
                               EventFilter(kind="armed_clash", since=date(2020, 1, 1))])  # fmt: skip
def test_the_facet_sample_reads_index_entries_only(sqlite_url: str, f: EventFilter) -> None:
    """/events' facets sample the newest 500 matches: thousands of candidate rows at 1,000,000
    records, which the (type|kind, first day) indexes answer without the wide table rows."""
    with open_store(sqlite_url) as store:
        fill(store)
        sample = filtered_events(f, store.dialect).with_only_columns(
            events.c.id, events.c.event, events.c.kind, events.c.doc_id
        )
        plan = _plan(store, sample.limit(501))
    assert "USING COVERING INDEX ix_events_" in plan, plan


def _full_sort(plan: str) -> bool:
    """Whether the plan sorts every match (a partial sort of ties is fine)."""
    return (
        "TEMP B-TREE FOR ORDER BY" in plan
        or re.search(r"(^|->)\s*Sort\s+\(", plan, re.M) is not None
    )


@pytest.mark.parametrize(
    "f", [EventFilter(), EventFilter(type="ASSAULT"), EventFilter(kind="armed_clash")]
)
def test_newest_first_reads_an_index_in_order(filled: Store, f: EventFilter) -> None:
    """Newest first with the undated last: PostgreSQL reads an ascending index backwards with
    the undated first, so it needs indexes in this order (SQLite reads its own backwards)."""
    plan = _plan(filled, filtered_events(f, filled.dialect).limit(51))
    assert not _full_sort(plan), plan


def test_the_map_reads_located_records_newest_first(filled: Store) -> None:
    from pactwatch.web.views.map import MAP_ROWS

    query = filtered_events(EventFilter(), filled.dialect).where(events.c.event_loc.is_not(None))
    if filled.dialect == "postgresql":
        query = query.where(text("(events.event_loc ->> 'lat') IS NOT NULL"))
        plan = _plan(filled, query.limit(MAP_ROWS + 1))
        assert "ix_events_located" in plan and not _full_sort(plan), plan


def test_a_rare_search_on_postgresql_sorts_its_matches() -> None:
    """A search whose words are rare (or nowhere): its matches are found, then sorted. Ordered
    by the bare column, PostgreSQL walked ix_events_newest testing every record against the
    search (6 s at 1,000,000 records for a word that occurs nowhere; 14 ms sorted)."""
    from sqlalchemy.dialects import postgresql

    rare = EventFilter(q="nowhere", q_common=False)
    common = EventFilter(q="border", q_common=True)
    shown = {
        f.q: str(filtered_events(f, "postgresql").compile(dialect=postgresql.dialect()))
        for f in (rare, common)
    }
    assert "ORDER BY coalesce(events.date_first" in shown["nowhere"]
    assert "ORDER BY events.date_first DESC NULLS LAST" in shown["border"]  # walks the index
