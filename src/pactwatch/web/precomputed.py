"""What the dashboard's pages need, computed when the data changes and kept in the store.

    refresh(store)          # after an ingest or corroboration: `pactwatch refresh`
    value = kept(store, name, stamp, compute)   # a page: the stored value, else computed

A charter's findings over 1,000,000 records take seconds to compute; a page must
not. So they are computed once per data version (`refresh`, run after the data
changes, or by the first page that finds them stale) and stored in the
`precomputed` table with the stamp of the data they came from. Any server
process reading the same store then serves them after one read, the first
request after a start included. A stale row is never served: its stamp differs
and the page computes (and stores) the value again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from pactwatch.errors import PactwatchError, StoreError
from pactwatch.store import Store
from pactwatch.store.schema import precomputed

log = logging.getLogger(__name__)


def read(store: Store, name: str, stamp: str) -> Any | None:
    """The value stored under `name` if it was computed from the data `stamp` names."""
    t = precomputed
    with store.engine.connect() as conn:
        row = conn.execute(select(t.c.stamp, t.c.value).where(t.c.name == name)).first()
    if row is None or row.stamp != stamp:
        return None
    return row.value


def write(store: Store, name: str, stamp: str, value: Any, seconds: float) -> None:
    """Store `value` under `name` as computed from `stamp` (a read-only store keeps nothing)."""
    t = precomputed
    dialect = postgresql if store.dialect == "postgresql" else sqlite
    row = {
        "name": name, "stamp": stamp, "computed_at": datetime.now(UTC),
        "seconds": round(seconds, 3), "value": value,
    }  # fmt: skip
    insert = dialect.insert(t).values(row)
    upsert = insert.on_conflict_do_update(
        index_elements=["name"],
        set_={k: insert.excluded[k] for k in ("stamp", "computed_at", "seconds", "value")},
    )
    try:
        with store.write() as conn:
            conn.execute(upsert)
    except StoreError as exc:
        # a read-only store still serves pages: they compute what they need each time
        log.warning("%s not kept in the store: %s", name, exc)


def kept(store: Store, name: str, stamp: str, compute: Callable[[], Any]) -> Any:
    """The value of `name` for the data `stamp` names: read if stored, else computed and
    stored. `compute` must return plain JSON data."""
    value = read(store, name, stamp)
    if value is not None:
        return value
    t0 = time.perf_counter()
    value = compute()
    write(store, name, stamp, value, time.perf_counter() - t0)
    return value


@dataclass(frozen=True, slots=True)
class Refreshed:
    """One thing `refresh` computed and stored, and what it took."""

    name: str
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "seconds": round(self.seconds, 3)}


def refresh(
    store: Store,
    charters: list[str] | None = None,
    *,
    on_error: Callable[[str, PactwatchError], None] | None = None,
) -> list[Refreshed]:
    """Compute and store what the pages need for the data as it is now: the overview's
    counts and each charter's findings (every charter the dashboard offers, or `charters`).
    What is already current is read, not computed again. A charter that cannot be checked
    raises, or with `on_error` is passed to it and left out (a store error always raises)."""
    # late: the web package imports this module, and checking imports the check package
    from pactwatch.web import checking, trend

    done: list[Refreshed] = []
    t0 = time.perf_counter()
    trend.totals(store)
    done.append(Refreshed("totals", time.perf_counter() - t0))
    t0 = time.perf_counter()
    trend.records_by_month(store)
    done.append(Refreshed("records_by_month", time.perf_counter() - t0))
    cache = checking.FindingsCache()
    for charter_id in charters if charters is not None else checking.charter_ids():
        try:
            done += _charter(store, charter_id, cache)
        except StoreError:
            raise
        except PactwatchError as exc:
            if on_error is None:
                raise
            on_error(charter_id, exc)
    return done


def _charter(store: Store, charter_id: str, cache: Any) -> list[Refreshed]:
    from pactwatch.web import checking

    t0 = time.perf_counter()
    checking.stored_check(store, charter_id)
    done = [Refreshed(f"findings:{charter_id}", time.perf_counter() - t0)]
    t0 = time.perf_counter()
    described = checking.describe(charter_id)
    rules = [str(r.get("id")) for r in described["rules"]]
    checking.overview_of(store, charter_id, cache, checking.member_codes(described), rules)
    done.append(Refreshed(f"overview:{charter_id}", time.perf_counter() - t0))
    return done


__all__ = ["Refreshed", "kept", "read", "refresh", "write"]
