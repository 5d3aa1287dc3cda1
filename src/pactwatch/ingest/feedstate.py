"""What `watch` keeps in the store: each feed's validators, and a queue of its items.

An item goes pending -> fetched (its page read; the document id noted) -> stored or
rejected. New items are queued in the same transaction that saves the feed's new
validators, so a watch killed at any point finds on restart either the old validators
(and reads the feed again) or the queue (and works through it): never a 304 hiding
items that were not stored. An item noted as fetched whose document is in the store
is marked stored without being fetched again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError

from pactwatch.ingest.feeds import FeedConfig, FeedItem
from pactwatch.store import Store
from pactwatch.store.schema import documents, feed_items, feeds

# an item whose page failed this many times for passing reasons (timeouts, 5xx) is given up
MAX_ATTEMPTS = 5
_CHUNK = 500  # keys per IN (...) query


@dataclass(frozen=True, slots=True)
class FeedRow:
    id: int
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class QueuedItem:
    feed_id: int
    key: str
    link: str
    report_date: str | None
    state: str
    doc_id: str | None
    attempts: int


def _now() -> datetime:
    return datetime.now(UTC)


def feed_row(store: Store, feed: FeedConfig) -> FeedRow:
    """The feed's row, created on first sight (its name kept up to date)."""
    query = select(feeds.c.id, feeds.c.etag, feeds.c.last_modified, feeds.c.name).where(
        feeds.c.url == feed.url
    )
    for _ in range(2):
        with store.write() as conn:
            row = conn.execute(query).first()
            if row is not None:
                if row.name != feed.name:
                    conn.execute(update(feeds).where(feeds.c.id == row.id).values(name=feed.name))
                return FeedRow(row.id, row.etag, row.last_modified)
            try:
                conn.execute(feeds.insert().values(url=feed.url, name=feed.name))
            except IntegrityError:
                continue  # another watch added it meanwhile: read it
        with store.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is not None:
            return FeedRow(row.id, row.etag, row.last_modified)
    raise RuntimeError(f"feed {feed.url} could not be recorded")


def queue_items(
    store: Store,
    feed_id: int,
    items: Iterable[FeedItem],
    *,
    status: int,
    etag: str | None,
    last_modified: str | None,
    keep_validators: bool = True,
) -> int:
    """Queue the items never seen before and record the poll, in one transaction; how many
    were new. With `keep_validators` False (a malformed feed) the old ones are cleared, so
    the next round reads the whole feed again."""
    unique = {item.key: item for item in items}
    now = _now()
    with store.write() as conn:
        # two watches polling one feed take turns here (SQLite: the write lock already)
        conn.execute(select(feeds.c.id).where(feeds.c.id == feed_id).with_for_update())
        known = _known_keys(conn, feed_id, list(unique))
        new = [item for key, item in unique.items() if key not in known]
        if new:
            conn.execute(
                feed_items.insert(),
                [
                    {
                        "feed_id": feed_id,
                        "key": item.key,
                        "link": item.link,
                        "title": item.title,
                        "report_date": item.report_date,
                        "state": "pending",
                        "attempts": 0,
                        "seen_at": now,
                    }
                    for item in new
                ],
            )
        values = {"polled_at": now, "status": status, "error": None}
        values.update(
            {"etag": etag, "last_modified": last_modified}
            if keep_validators
            else {"etag": None, "last_modified": None}
        )
        conn.execute(update(feeds).where(feeds.c.id == feed_id).values(**values))
    return len(new)


def _known_keys(conn: Connection, feed_id: int, keys: list[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        rows = conn.execute(
            select(feed_items.c.key).where(
                feed_items.c.feed_id == feed_id, feed_items.c.key.in_(chunk)
            )
        )
        known.update(row.key for row in rows)
    return known


def record_poll(store: Store, feed_id: int, status: int | None, error: str | None) -> None:
    """A poll that queued nothing: not modified (304), or failed (`error` says why)."""
    with store.write() as conn:
        conn.execute(
            update(feeds)
            .where(feeds.c.id == feed_id)
            .values(polled_at=_now(), status=status, error=error)
        )


def pending_items(store: Store, feed_id: int) -> list[QueuedItem]:
    """The feed's items not yet stored or rejected, oldest first; an item whose document
    is already stored (the watch stopped before noting it) is marked stored here."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(feed_items)
            .where(feed_items.c.feed_id == feed_id, feed_items.c.state.in_(["pending", "fetched"]))
            .order_by(feed_items.c.seen_at, feed_items.c.key)
        ).all()
        fetched = [row.doc_id for row in rows if row.state == "fetched" and row.doc_id]
        stored: set[str] = set()
        for start in range(0, len(fetched), _CHUNK):
            chunk = fetched[start : start + _CHUNK]
            stored.update(
                r.id for r in conn.execute(select(documents.c.id).where(documents.c.id.in_(chunk)))
            )
    out = []
    for row in rows:
        item = QueuedItem(
            row.feed_id, row.key, row.link, row.report_date, row.state, row.doc_id, row.attempts
        )
        if row.doc_id in stored:
            mark_done(store, item, "stored", row.doc_id)
        else:
            out.append(item)
    return out


def mark_fetched(store: Store, item: QueuedItem, doc_id: str) -> None:
    """Note the document an item's page became, before it is stored."""
    with store.write() as conn:
        conn.execute(_where(item).values(state="fetched", doc_id=doc_id))


def mark_done(
    store: Store, item: QueuedItem, state: str, doc_id: str | None, reason: str | None = None
) -> None:
    """An item stored (its document, new or already there) or rejected for good."""
    with store.write() as conn:
        conn.execute(_where(item).values(state=state, doc_id=doc_id, reason=reason, done_at=_now()))


def mark_retry(store: Store, item: QueuedItem, reason: str) -> bool:
    """An item whose page failed for a passing reason: tried again next round, unless it has
    failed MAX_ATTEMPTS times (then rejected); whether it will be tried again."""
    again = item.attempts + 1 < MAX_ATTEMPTS
    with store.write() as conn:
        values: dict[str, object] = {"attempts": item.attempts + 1, "reason": reason}
        if not again:
            values.update(state="rejected", done_at=_now())
        conn.execute(_where(item).values(**values))
    return again


def _where(item: QueuedItem) -> Any:
    return update(feed_items).where(
        feed_items.c.feed_id == item.feed_id, feed_items.c.key == item.key
    )
