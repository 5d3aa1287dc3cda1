"""Replacing a stored document's records after the extractor changed (`pactwatch reextract`).

One transaction per document: the old records go, the new ones come, and every
review of an old record is re-attached to the new record that still says the same
(same sentence, type, actor and recipient codes), its correction re-applied; a
review whose record no longer exists is kept, attached to the document only, so
nothing an analyst did is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from pactwatch.records import Event
from pactwatch.store.engine import Store
from pactwatch.store.events import date_bounds, insert_events
from pactwatch.store.schema import entities, reviews
from pactwatch.store.schema import events as events_table


@dataclass(slots=True)
class Replaced:
    """What replacing one document's records did."""

    old: int = 0
    new: int = 0
    reviews_kept: int = 0  # re-attached to a record that still exists
    reviews_detached: int = 0  # kept on the document: their record is gone


Key = tuple[int, str, tuple[str, ...], tuple[str, ...]]


def _key(sentence: int, event: str, actor: list[Any], recipient: list[Any]) -> Key:
    def code(e: Any) -> str:
        if isinstance(e, str):
            return e
        return str(e["code"] if isinstance(e, dict) else e.code)

    def codes(items: list[Any]) -> tuple[str, ...]:
        return tuple(sorted({code(e) for e in items}))

    return (sentence, event, codes(actor), codes(recipient))


def replace_records(store: Store, doc_id: str, new_events: list[Event]) -> Replaced:
    """Swap the records of one stored document for `new_events`, keeping its reviews."""
    result = Replaced(new=len(new_events))
    with store.write() as conn:
        old_rows = (
            conn.execute(select(events_table).where(events_table.c.doc_id == doc_id))
            .mappings()
            .all()
        )
        result.old = len(old_rows)
        kept = (
            conn.execute(
                select(reviews.c.id, reviews.c.event_id, reviews.c.action, reviews.c.fields)
                .where(reviews.c.event_id.in_([r["id"] for r in old_rows]))
                .order_by(reviews.c.id)
            ).all()
            if old_rows
            else []
        )
        # a corrected record is matched by what the extractor had said, before the correction
        original: dict[str, dict[str, Any]] = {}
        for review in kept:
            if review.action == "correct":
                for field, value in ((review.fields or {}).get("original") or {}).items():
                    original.setdefault(review.event_id, {}).setdefault(field, value)
        old_key = {}
        for r in old_rows:
            was = {**dict(r), **original.get(r["id"], {})}
            old_key[r["id"]] = _key(
                r["sentence"], was["event"], list(was["actor"] or []), list(was["recipient"] or [])
            )
        review_state = {r["id"]: r["review"] for r in old_rows if r["review"]}
        # detach first: deleting the records would cascade to their reviews
        if kept:
            conn.execute(
                update(reviews).where(reviews.c.id.in_([k.id for k in kept])).values(event_id=None)
            )
        conn.execute(events_table.delete().where(events_table.c.doc_id == doc_id))
        insert_events(conn, new_events)
        new_by_key: dict[Key, Event] = {}
        for ev in new_events:
            new_by_key.setdefault(_key(ev.text_info.sentence, ev.event, ev.actor, ev.recipient), ev)
        for review in kept:
            match = new_by_key.get(old_key[review.event_id])
            if match is None:
                result.reviews_detached += 1
                continue
            result.reviews_kept += 1
            conn.execute(update(reviews).where(reviews.c.id == review.id).values(event_id=match.id))
            changes: dict[str, Any] = {"review": review_state.get(review.event_id)}
            corrected = (
                (review.fields or {}).get("corrected") if review.action == "correct" else None
            )
            for field, value in (corrected or {}).items():
                if field in ("actor", "recipient"):
                    value = [{"code": c, "sector": None, "text": c, "qid": None} for c in value]
                    conn.execute(
                        entities.delete().where(
                            (entities.c.event_id == match.id) & (entities.c.role == field)
                        )
                    )
                    if value:
                        conn.execute(
                            entities.insert(),
                            [{"event_id": match.id, "role": field, **e} for e in value],
                        )
                changes[field] = value
            if corrected and ("date" in corrected or "enddate" in corrected):
                date_ = corrected.get("date", match.date)
                changes["date_first"] = date_bounds(date_)[0]
                changes["date_last"] = date_bounds(
                    corrected.get("enddate", match.enddate) or date_
                )[1]
            conn.execute(
                update(events_table).where(events_table.c.id == match.id).values(**changes)
            )
    return result
