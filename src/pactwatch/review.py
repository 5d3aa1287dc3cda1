"""Analysts' review of event records: confirm, reject, correct, and flags on documents.

Reviewed values override extracted ones: a correction writes the new fields into
the `events` row (and its `entities` rows) and keeps the original values in the
`reviews` row. Every change also goes to `audit_log` with who and when. Charter
checks read the store, so findings follow a review without any extra step.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, select, update

from pactwatch.corroborate import corroborate, unlink
from pactwatch.errors import NotFound, UsageError
from pactwatch.records import EVENT_TYPES, KINDS
from pactwatch.store import Store, date_bounds
from pactwatch.store.schema import audit_log, documents, entities, events, reviews

ACTIONS = ("confirm", "reject", "correct")
FLAGS = ("flag_error", "flag_missed")
CORRECTABLE = ("event", "kind", "actor", "recipient", "date", "enddate")
# corrections that change a record's blocking key or days: it is linked again
RELINKING = frozenset(CORRECTABLE)
_STATE = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}
_CODE = re.compile(r"^[A-Z]{2,6}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_QUOTE = 2000


def _audit(conn: Connection, user: str, action: str, target: str, detail: dict[str, Any]) -> None:
    conn.execute(
        audit_log.insert().values(
            at=datetime.now(UTC), user=user, action=action, target=target, detail=detail
        )
    )


def _codes(value: Any, field: str) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise UsageError(f"{field} must be a list of codes", fix='e.g. "KGZ, TJK"')
    codes = [str(c).strip().upper() for c in items if str(c).strip()]
    bad = [c for c in codes if not _CODE.match(c)]
    if bad:
        raise UsageError(
            f"{field}: {', '.join(bad)} is not an actor code",
            fix="use ISO 3166-1 alpha-3 codes (KGZ) or organisation acronyms (CSTO)",
        )
    return codes


def validate_correction(fields: dict[str, Any]) -> dict[str, Any]:
    """The correction with values normalised; UsageError naming every bad field."""
    unknown = sorted(set(fields) - set(CORRECTABLE))
    if unknown:
        raise UsageError(
            f"cannot correct {', '.join(unknown)}", fix=f"correct one of {', '.join(CORRECTABLE)}"
        )
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "event":
            if value not in EVENT_TYPES:
                raise UsageError(f"event {value!r} is not a PLOVER type", fix="e.g. ASSAULT")
            out[key] = value
        elif key == "kind":
            if value in ("", None):
                out[key] = None
            elif value not in KINDS:
                raise UsageError(f"kind {value!r} is not known", fix=f"one of {', '.join(KINDS)}")
            else:
                out[key] = value
        elif key in ("actor", "recipient"):
            out[key] = _codes(value, key)
        else:
            if value in ("", None):
                out[key] = None
            elif (
                not isinstance(value, str)
                or not _DATE.match(value)
                or date_bounds(value)[0] is None
            ):
                raise UsageError(
                    f"{key} {value!r} is not a date", fix="YYYY, YYYY-MM or YYYY-MM-DD"
                )
            else:
                out[key] = value
    if not out:
        raise UsageError("nothing to correct", fix=f"give one of {', '.join(CORRECTABLE)}")
    return out


def _entities_for(codes: list[str], existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep what extraction knew about a code (sector, words, qid); new codes get bare entities."""
    known = {e.get("code"): e for e in existing}
    return [known.get(c) or {"code": c, "sector": None, "text": c, "qid": None} for c in codes]


def review_event(
    store: Store,
    event_id: str,
    action: str,
    user: str,
    *,
    fields: dict[str, Any] | None = None,
    note: str | None = None,
) -> str:
    """Confirm, reject or correct a record; returns its new review state."""
    if action not in ACTIONS:
        raise UsageError(f"unknown review action {action!r}", fix=f"one of {', '.join(ACTIONS)}")
    correction = validate_correction(fields or {}) if action == "correct" else None
    now = datetime.now(UTC)
    with store.write() as conn:
        row = conn.execute(select(events).where(events.c.id == event_id)).mappings().first()
        if row is None:
            raise NotFound(f"no event record {event_id!r}", fix="check the id in /events")
        changes: dict[str, Any] = {"review": _STATE[action]}
        kept: dict[str, Any] | None = None
        if correction is not None:
            kept = {k: row[k] for k in correction}
            reasons = dict(row["reasons"] or {})
            for key, value in correction.items():
                if key in ("actor", "recipient"):
                    value = _entities_for(value, list(row[key] or []))
                changes[key] = value
                reasons[key] = f"corrected by {user} on {now.date().isoformat()}"
            changes["reasons"] = reasons
            date_ = changes.get("date", row["date"])
            enddate = changes.get("enddate", row["enddate"])
            changes["date_first"] = date_bounds(date_)[0]
            changes["date_last"] = date_bounds(enddate or date_)[1]
            for role in ("actor", "recipient"):
                if role in changes:
                    conn.execute(
                        delete(entities).where(
                            and_(entities.c.event_id == event_id, entities.c.role == role)
                        )
                    )
                    rows = [{"event_id": event_id, "role": role, **e} for e in changes[role]]
                    if rows:
                        conn.execute(entities.insert(), rows)
        conn.execute(update(events).where(events.c.id == event_id).values(**changes))
        conn.execute(
            reviews.insert().values(
                event_id=event_id,
                doc_id=row["doc_id"],
                action=action,
                fields={"original": kept, "corrected": correction} if correction else None,
                note=note,
                status="done",
                user=user,
                created_at=now,
            )
        )
        _audit(conn, user, action, event_id, {"fields": correction, "original": kept, "note": note})
        relink = correction is not None and bool(set(correction) & RELINKING)
        if relink:
            unlink(conn, event_id)
    if relink:
        corroborate(store)  # the record joins the incident its corrected key fits (incremental)
    return _STATE[action]


def flag(
    store: Store,
    doc_id: str,
    user: str,
    quote: str,
    *,
    kind: str = "flag_error",
    event_id: str | None = None,
    note: str | None = None,
) -> int:
    """Flag an extraction error or a missed event with the quoted text; returns the flag's id."""
    if kind not in FLAGS:
        raise UsageError(f"unknown flag {kind!r}", fix=f"one of {', '.join(FLAGS)}")
    quote = quote.strip()
    if not quote:
        raise UsageError("the flag has no quote", fix="select the words in the document first")
    if len(quote) > MAX_QUOTE:
        raise UsageError(f"the quote is longer than {MAX_QUOTE} characters", fix="select less")
    with store.write() as conn:
        if conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is None:
            raise NotFound(f"no document {doc_id!r}", fix="check the id in /api/documents")
        if event_id is not None and (
            conn.execute(
                select(events.c.id).where(and_(events.c.id == event_id, events.c.doc_id == doc_id))
            ).first()
            is None
        ):
            raise NotFound(f"no event record {event_id!r} in document {doc_id!r}")
        flag_id = conn.execute(
            reviews.insert().values(
                event_id=event_id,
                doc_id=doc_id,
                action=kind,
                quote=quote,
                note=note,
                status="open",
                user=user,
                created_at=datetime.now(UTC),
            )
        ).inserted_primary_key
        new_id = int(flag_id[0]) if flag_id else 0
        _audit(conn, user, kind, doc_id, {"flag": new_id, "quote": quote, "note": note})
    return new_id


def close_flag(store: Store, flag_id: int, user: str) -> None:
    """Mark a flag as handled."""
    with store.write() as conn:
        result = conn.execute(
            update(reviews)
            .where(and_(reviews.c.id == flag_id, reviews.c.action.in_(FLAGS)))
            .values(status="done")
        )
        if result.rowcount == 0:
            raise NotFound(f"no flag {flag_id}", fix="see the queue at /review")
        _audit(conn, user, "close_flag", str(flag_id), {})


def flags(store: Store, status: str = "open", limit: int = 200) -> list[dict[str, Any]]:
    """The flag queue, oldest first."""
    query = (
        select(reviews, documents.c.title)
        .join(documents, documents.c.id == reviews.c.doc_id, isouter=True)
        .where(and_(reviews.c.action.in_(FLAGS), reviews.c.status == status))
        .order_by(reviews.c.id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def audit_entries(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
        return [dict(r) for r in conn.execute(query).mappings()]
