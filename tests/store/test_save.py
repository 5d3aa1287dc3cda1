"""save_document: one transaction, idempotent by content, derived columns right."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from pactwatch.errors import InputRejected, NotFound
from pactwatch.records import Attribution, Document, Entity, Event, Location, TextInfo
from pactwatch.store import (
    Store,
    date_bounds,
    document_state,
    get_document,
    get_event,
    iter_events,
    save_document,
    status,
)
from pactwatch.store.schema import documents, entities, events


def _event(doc_id: str, n: int, **fields: object) -> Event:
    base: dict[str, object] = {
        "id": f"{doc_id}:{n}",
        "event": "ASSAULT",
        "text_info": TextInfo(doc_id, n, 0, 10),
        "event_text": "fired",
        "actor": [Entity("KGZ", "MIL", "Kyrgyz forces", "Q813")],
        "recipient": [Entity("TJK", "MIL", "Tajik posts", "Q863")],
    }
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def _count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_same_text_twice_is_stored_once(store: Store) -> None:
    doc = Document.from_text("Kyrgyz forces shelled Tajik posts.", report_date="2022-09-16")
    evs = [_event(doc.id, 0)]
    assert save_document(store, doc, evs) == "new"
    assert save_document(store, doc, evs) == "unchanged"
    # the same text under another id is the same document
    twin = Document(id="another-id", text=doc.text + "\n")
    assert document_state(store, twin) == "unchanged"
    assert save_document(store, twin, []) == "unchanged"
    assert (_count(store, documents), _count(store, events), _count(store, entities)) == (1, 1, 2)


def test_other_text_under_a_stored_id_is_rejected_and_changes_nothing(store: Store) -> None:
    save_document(store, Document(id="seed", text="first text"), [_event("seed", 0)])
    changed = Document(id="seed", text="second text", origin="feed.jsonl:3")
    with pytest.raises(InputRejected) as caught:
        save_document(store, changed, [])
    assert "feed.jsonl:3" in str(caught.value) and "'seed'" in str(caught.value)
    assert caught.value.fix and "new id" in caught.value.fix
    with pytest.raises(InputRejected):
        document_state(store, changed)
    assert get_document(store, "seed").text == "first text"
    assert _count(store, events) == 1


def test_a_failing_record_leaves_no_trace_of_its_document(store: Store) -> None:
    doc = Document(id="d1", text="one")
    # two records with the same id: the second insert fails inside the transaction
    with pytest.raises(Exception, match=r"(?i)unique|duplicate|constraint"):
        save_document(store, doc, [_event("d1", 0), _event("d1", 0)])
    assert (_count(store, documents), _count(store, events), _count(store, entities)) == (0, 0, 0)
    assert save_document(store, doc, [_event("d1", 0)]) == "new"


def test_records_must_cite_their_document(store: Store) -> None:
    with pytest.raises(ValueError, match="cites document"):
        save_document(store, Document(id="d1", text="one"), [_event("other", 0)])


def test_derived_columns(store: Store) -> None:
    doc = Document(id="d", text="t")
    evs = [
        _event(
            "d",
            0,
            aux=["historical"],
            date="2022-09",
            enddate="2022",
            event_loc=Location("Batken", "KGZ", "KG-B", 40.06, 70.82, 2),
            attribution=Attribution([Entity("TJK", "GOV", "Dushanbe")], hedged=True),
        ),
        _event("d", 1, aux=["future", "negation"], date="2022-02-28"),
        _event("d", 2, date=None, enddate=None, actor=[], recipient=[]),
    ]
    save_document(store, doc, evs)
    with store.engine.connect() as conn:
        rows = conn.execute(select(events).order_by(events.c.n)).mappings().all()
        roles = conn.execute(
            select(entities.c.event_id, entities.c.role, entities.c.code).order_by(entities.c.id)
        ).all()
    assert [r["factual"] for r in rows] == [True, False, True]
    assert [r["hedged"] for r in rows] == [True, False, False]
    assert [r["loc_country"] for r in rows] == ["KGZ", None, None]
    assert (rows[0]["date_first"], rows[0]["date_last"]) == (date(2022, 9, 1), date(2022, 12, 31))
    assert (rows[1]["date_first"], rows[1]["date_last"]) == (date(2022, 2, 28), date(2022, 2, 28))
    assert (rows[2]["date_first"], rows[2]["date_last"]) == (None, None)
    assert rows[2]["event_loc"] is None
    assert [tuple(r) for r in roles] == [
        ("d:0", "actor", "KGZ"),
        ("d:0", "recipient", "TJK"),
        ("d:0", "speaker", "TJK"),
        ("d:1", "actor", "KGZ"),
        ("d:1", "recipient", "TJK"),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022", (date(2022, 1, 1), date(2022, 12, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023-02", (date(2023, 2, 1), date(2023, 2, 28))),
        ("2022-10-10", (date(2022, 10, 10), date(2022, 10, 10))),
        (None, (None, None)),
        ("2022-13", (None, None)),
        ("22-1-1", (None, None)),
    ],
)
def test_date_bounds_follow_precision(
    value: str | None, expected: tuple[date | None, date | None]
) -> None:
    assert date_bounds(value) == expected


def test_filters_and_lookups(store: Store) -> None:
    save_document(store, Document(id="a", text="a"), [_event("a", 0, date="2021-04-29")])
    save_document(
        store,
        Document(id="b", text="b"),
        [_event("b", 0, event="REJECT", kind="military_exercise", aux=["future", "negation"])],
    )
    assert [e.id for e in iter_events(store)] == ["a:0", "b:0"]
    assert [e.id for e in iter_events(store, event="REJECT")] == ["b:0"]
    assert [e.id for e in iter_events(store, kind="military_exercise")] == ["b:0"]
    assert [e.id for e in iter_events(store, factual=True)] == ["a:0"]
    assert [e.id for e in iter_events(store, code="TJK", role="recipient")] == ["a:0", "b:0"]
    assert [e.id for e in iter_events(store, code="USA")] == []
    assert [e.id for e in iter_events(store, since=date(2022, 1, 1))] == ["b:0"]  # b has no date
    assert [e.id for e in iter_events(store, until=date(2021, 4, 28))] == ["b:0"]
    with pytest.raises(NotFound):
        get_event(store, "nope:0")
    with pytest.raises(NotFound):
        get_document(store, "nope")
    info = status(store)
    assert (info["documents"], info["events"], info["factual_events"]) == (2, 2, 1)
