"""Event → store → Event is the identity, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.records import Document
from pactwatch.store import Store, get_document, get_event, iter_events, save_document
from tests.strategies import documents, event_lists

_ids = itertools.count()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_events_and_documents_come_back_equal(store: Store, data: st.DataObject) -> None:
    drawn = data.draw(documents())
    # a fresh id per example: examples share the store
    doc = Document(
        id=f"{drawn.id}-{next(_ids)}",
        text=f"{drawn.text} #{next(_ids)}",
        report_date=drawn.report_date,
        url=drawn.url,
        title=drawn.title,
        source=drawn.source,
        origin="test",
    )
    events = data.draw(event_lists(doc_id=doc.id))

    assert save_document(store, doc, events) == "new"

    assert get_document(store, doc.id) == doc
    assert list(iter_events(store, doc_id=doc.id)) == events
    for ev in events:
        assert get_event(store, ev.id) == ev
        assert get_event(store, ev.id).to_dict() == ev.to_dict()
