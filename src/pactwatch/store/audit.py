"""The audit log: who changed what, when. Reviews, ingests, users and logouts write to it."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from pactwatch.records import clean_field
from pactwatch.store.schema import audit_log

_USER_LENGTH = 80  # audit_log.user is String(80)
_TARGET_LENGTH = 240  # audit_log.target is String(240)


def cli_actor() -> str:
    """Who runs a command: `cli:` and the operating-system user, as far as it can be told."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        name = "unknown"
    return f"cli:{name}"[:_USER_LENGTH]


def record(
    conn: Connection, user: str, action: str, target: str | None, detail: dict[str, Any]
) -> None:
    """One audit entry, written in the caller's transaction (so it stands or falls with it).

    User and target are cleaned like any one-line field: a file name with undecodable
    bytes or a control character must not stop the write on PostgreSQL."""
    conn.execute(
        audit_log.insert().values(
            at=datetime.now(UTC),
            user=clean_field(user)[:_USER_LENGTH],
            action=action,
            target=clean_field(target)[:_TARGET_LENGTH] if target is not None else None,
            detail=detail,
        )
    )


def as_utc(value: datetime) -> datetime:
    """A stored time as UTC (SQLite gives it back without its zone)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def iso(value: datetime | None) -> str | None:
    """A stored time as ISO 8601 in UTC, to the second: `2026-12-06T17:00:00Z`."""
    if value is None:
        return None
    return as_utc(value).isoformat(timespec="seconds").replace("+00:00", "Z")
