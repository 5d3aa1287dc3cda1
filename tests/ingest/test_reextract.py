"""reextract(): records replaced per document, reviews kept on records that still exist."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, update

from pactwatch.cli import main
from pactwatch.ingest.reextract import reextract
from pactwatch.ingest.run import ingest
from pactwatch.review import review_event
from pactwatch.store import Store, iter_events, open_store
from pactwatch.store.schema import events as events_table
from pactwatch.store.schema import reviews

TEXT = (
    "Tajik troops shelled the Kyrgyz village of Ak-Sai on 14 September 2022. "
    "Kyrgyzstan and Tajikistan agreed on a ceasefire on 16 September 2022."
)


def _ingest(store: Store, tmp_path: Path) -> list[str]:
    path = tmp_path / "clash.txt"
    path.write_text(TEXT, encoding="utf-8")
    ingest([path], store, report_date="2022-09-19")
    return sorted(e.id for e in iter_events(store))


def test_reextract_keeps_reviews_on_records_that_still_exist(store: Store, tmp_path: Path) -> None:
    ids = _ingest(store, tmp_path)
    assert len(ids) >= 2
    review_event(store, ids[0], "confirm", "ana", note="checked")
    review_event(store, ids[1], "correct", "ana", fields={"date": "2022-09-15"})
    summary = reextract(store)
    assert summary.documents == 1
    assert summary.old_records == summary.new_records == len(ids)
    assert summary.reviews_kept == 2 and summary.reviews_detached == 0
    after = {e.id: e for e in iter_events(store)}
    with store.engine.connect() as conn:
        states = dict(conn.execute(select(events_table.c.id, events_table.c.review)).all())
        attached = conn.execute(select(reviews.c.event_id)).scalars().all()
    assert states[ids[0]] == "confirmed"
    assert after[ids[1]].date == "2022-09-15"  # the correction is re-applied
    assert sorted(attached) == ids[:2]


def test_a_review_whose_record_is_gone_stays_on_the_document(store: Store, tmp_path: Path) -> None:
    ids = _ingest(store, tmp_path)
    review_event(store, ids[0], "confirm", "ana")
    with store.write() as conn:  # as if an older extractor had typed it otherwise
        conn.execute(update(events_table).where(events_table.c.id == ids[0]).values(event="AID"))
    summary = reextract(store)
    assert summary.reviews_kept == 0 and summary.reviews_detached == 1
    with store.engine.connect() as conn:
        row = conn.execute(select(reviews.c.event_id, reviews.c.doc_id)).one()
    assert row.event_id is None and row.doc_id == ids[0].split(":")[0]


def test_reextract_since_filters_by_report_date(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path)
    assert reextract(store, since="2023-01-01").documents == 0
    assert reextract(store, since="2022-09-01").documents == 1


def test_cli_reextract(tmp_path: Path, capsys: object) -> None:
    db = f"sqlite:///{tmp_path / 'p.db'}"
    with open_store(db) as store:
        _ingest(store, tmp_path)
    assert main(["reextract", "--db", db]) == 0
    assert main(["reextract", "--db", db, "--since", "soon"]) == 2
