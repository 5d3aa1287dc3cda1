"""Findings kept in the store: first and last seen, and an analyst's confirm or dismiss.

`check()` calls `remember()` once per charter it checks, so every command that
computes findings (check, compare, scorecard, demo, report, the dashboard)
records them in one place. A finding's id is stable (a hash of charter, rule,
incident or decision, and member), so a recomputation finds its row: `first_seen`
stays, `last_seen` moves, the stored JSON is rewritten only when it changed, and
the state an analyst gave it comes back onto the finding. Findings seen for the
first time are queued for the configured webhooks in the same transaction
(`pactwatch.notify`), so none is queued twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite

from pactwatch.check.findings import STATES, Finding
from pactwatch.errors import NotFound, StoreError, UsageError
from pactwatch.notify.queue import enqueue
from pactwatch.store import audit, schema
from pactwatch.store.audit import iso

log = logging.getLogger(__name__)

_BATCH = 500
MAX_NOTE = 2000
# what an analyst does to a finding -> the state it leaves
ACTIONS = {"confirm": "confirmed", "dismiss": "dismissed", "reopen": "open"}


def _digest(data: dict[str, Any]) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _insert(conn: Connection) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(schema.findings)


@contextmanager
def _writing(store: Any) -> Iterator[Connection]:
    if hasattr(store, "write"):
        with store.write() as conn:
            yield conn
        return
    engine: Engine = store
    with engine.begin() as conn:
        yield conn


@dataclass(frozen=True, slots=True)
class Seen:
    """What the store says of a finding: an analyst's state and note, first and last seen."""

    state: str
    note: str | None
    first_seen: datetime
    last_seen: datetime


def record(
    conn: Connection, charter: str, findings: Sequence[Finding], now: datetime
) -> tuple[list[str], dict[str, Seen]]:
    """Store these findings of `charter` as seen `now`: (the ids seen for the first time,
    what the store now says of each)."""
    t = schema.findings
    rows = {f.id: (f, f.computed()) for f in findings}
    ids = list(rows)
    stored: dict[str, str] = {}
    seen_as: dict[str, Seen] = {}
    for i in range(0, len(ids), _BATCH):
        query = select(t.c.id, t.c.digest, t.c.state, t.c.note, t.c.first_seen).where(
            t.c.id.in_(ids[i : i + _BATCH])
        )
        for row in conn.execute(query):
            stored[row.id] = row.digest
            seen_as[row.id] = Seen(row.state, row.note, row.first_seen, now)
    fresh = [
        {
            "id": fid, "charter": charter, "rule": f.rule, "member": f.member,
            "incident": f.incident, "first_seen": now, "last_seen": now, "state": "open",
            "digest": _digest(data), "data": data,
        }
        for fid, (f, data) in rows.items() if fid not in stored
    ]  # fmt: skip
    new: list[str] = []
    if fresh:
        # another process may store the same finding meanwhile: the row that wins is the one
        # first seen, and only the process that inserted it queues its webhooks. Executemany
        # (SQLAlchemy batches it as multi-row INSERTs with RETURNING): one compiled statement,
        # where .values(rows) compiled a bind parameter per value (5 s for 11,000 findings)
        stmt = _insert(conn).on_conflict_do_nothing(index_elements=["id"]).returning(t.c.id)
        new = [row[0] for row in conn.execute(stmt, fresh)]
    digests = {fid: _digest(data) for fid, (_f, data) in rows.items() if fid in stored}
    changed = [
        {"fid": fid, "digest": digest, "data": rows[fid][1]}
        for fid, digest in digests.items()
        if stored[fid] != digest
    ]
    if changed:
        conn.execute(
            update(t)
            .where(t.c.id == bindparam("fid"))
            .values(digest=bindparam("digest"), data=bindparam("data")),
            changed,
        )
    seen = [fid for fid in ids if fid in stored]
    for i in range(0, len(seen), _BATCH):
        conn.execute(update(t).where(t.c.id.in_(seen[i : i + _BATCH])).values(last_seen=now))
    if new:
        enqueue(conn, charter, new, now)
    seen_as.update((fid, Seen("open", None, now, now)) for fid in new)
    raced = [fid for fid in ids if fid not in seen_as]  # stored by another process meanwhile
    for fid, row in _states(conn, raced).items():
        seen_as[fid] = Seen(row.state, row.note, row.first_seen, row.last_seen)
    return new, seen_as


def _states(conn: Connection, ids: Sequence[str]) -> dict[str, Any]:
    t = schema.findings
    out: dict[str, Any] = {}
    for i in range(0, len(ids), _BATCH):
        query = select(t.c.id, t.c.state, t.c.note, t.c.first_seen, t.c.last_seen).where(
            t.c.id.in_(list(ids[i : i + _BATCH]))
        )
        out.update({row.id: row for row in conn.execute(query)})
    return out


def _read_only(exc: StoreError) -> bool:
    text = str(exc).lower()
    # a read-only file or server, or a role that may only read (PostgreSQL: permission denied)
    return any(w in text for w in ("readonly", "read-only", "read only", "permission denied"))


def remember(store: Any, charter: str, findings: Sequence[Finding]) -> list[str]:
    """Record the findings and put their stored state and first/last seen onto them.

    Returns the ids seen for the first time. On a store that takes no writes (a
    read-only file or server) nothing is recorded and what is stored is still read.
    """
    new: list[str] = []
    states: dict[str, Any]
    try:
        with _writing(store) as conn:
            new, states = record(conn, charter, findings, datetime.now(UTC))
    except StoreError as exc:
        if not _read_only(exc):
            raise
        log.warning("findings of %s not recorded: %s", charter, exc)
        with getattr(store, "engine", store).connect() as conn:
            states = _states(conn, [f.id for f in findings])
    for f in findings:
        row = states.get(f.id)
        if row is not None:
            f.state, f.note = row.state, row.note
            f.first_seen, f.last_seen = iso(row.first_seen), iso(row.last_seen)
    return new


def _row(row: Any) -> dict[str, Any]:
    return {
        "id": row.id, "charter": row.charter, "rule": row.rule, "member": row.member,
        "incident": row.incident, "state": row.state, "note": row.note,
        "state_by": row.state_by, "state_at": iso(row.state_at),
        "first_seen": iso(row.first_seen), "last_seen": iso(row.last_seen), "finding": row.data,
    }  # fmt: skip


def get(store: Any, finding_id: str) -> dict[str, Any]:
    """One stored finding: its state, note, first and last seen, and its latest JSON."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(schema.findings).where(schema.findings.c.id == finding_id)
        ).first()
    if row is None:
        raise NotFound(
            f"no finding {finding_id!r} in the store",
            fix="`pactwatch findings list` or `pactwatch check --format json` shows the ids",
        )
    return _row(row)


def listing(
    store: Any, charter: str | None = None, state: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Stored findings, newest first seen first; of one charter and one state if given."""
    if state is not None and state not in STATES:
        raise UsageError(f"--state must be one of {', '.join(STATES)}, not {state!r}")
    t = schema.findings
    query = select(t).order_by(t.c.first_seen.desc(), t.c.id)
    if charter is not None:
        query = query.where(t.c.charter == charter)
    if state is not None:
        query = query.where(t.c.state == state)
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        return [_row(row) for row in conn.execute(query)]


def set_state(
    store: Any, finding_id: str, action: str, user: str, note: str | None = None
) -> dict[str, Any]:
    """Confirm, dismiss or reopen a stored finding, with a note; written to the audit log.

    The state is kept by id, so it survives every recomputation. Dismissing needs a
    note (why the finding is wrong is what the next analyst needs to know).
    """
    if action not in ACTIONS:
        raise UsageError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    note = (note or "").strip() or None
    if note is not None and len(note) > MAX_NOTE:
        raise UsageError(f"--note is {len(note)} characters; at most {MAX_NOTE}")
    if action == "dismiss" and note is None:
        raise UsageError(
            "dismissing a finding needs a note saying why",
            fix=f'pactwatch findings dismiss {finding_id} --note "what is wrong with it"',
        )
    t = schema.findings
    state = ACTIONS[action]
    with store.write() as conn:
        row = conn.execute(select(t).where(t.c.id == finding_id)).first()
        if row is None:
            get(store, finding_id)  # raises NotFound with its fix
        now = datetime.now(UTC)
        conn.execute(
            update(t)
            .where(t.c.id == finding_id)
            .values(state=state, note=note, state_by=user[:80], state_at=now)
        )
        audit.record(
            conn, user, f"finding_{action}", finding_id,
            {"charter": row.charter, "rule": row.rule, "member": row.member,
             "from": row.state, "note": note},
        )  # fmt: skip
    return get(store, finding_id)


def history(store: Any, finding_id: str) -> list[dict[str, Any]]:
    """Who confirmed, dismissed or reopened this finding, when, and why (from the audit log)."""
    log_ = schema.audit_log
    query = (
        select(log_.c.at, log_.c.user, log_.c.action, log_.c.detail)
        .where(log_.c.target == finding_id, log_.c.action.like("finding_%"))
        .order_by(log_.c.id.desc())
    )
    with store.engine.connect() as conn:
        return [
            {"at": iso(r.at), "user": r.user, "action": r.action.removeprefix("finding_"),
             "note": (r.detail or {}).get("note")}
            for r in conn.execute(query)
        ]  # fmt: skip
