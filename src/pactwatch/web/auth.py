"""Dashboard users, sessions, CSRF tokens and the login rate limit.

Passwords are argon2id hashes (argon2-cffi). Sessions live in a cookie signed
with itsdangerous (Starlette's SessionMiddleware); the session holds the user's
name, a random session id, when it began, and a random CSRF token that every
form and every write must echo back. The server checks the session on every
write (`session_user`): a session that logged out, or whose user's password was
changed or who was removed since, writes nothing, even with a valid cookie.
User changes and logouts go to the audit log.
"""

from __future__ import annotations

import hmac
import re
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from pactwatch.errors import AuthError, NotFound, UsageError
from pactwatch.store import Store, audit
from pactwatch.store.schema import audit_log, users

ROLES = ("analyst", "admin")
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,80}$")
_hasher = PasswordHasher()
# verified against when the user does not exist, so a miss costs as long as a wrong password
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str


# audit actions after which a user's older sessions may no longer write
_ENDS_SESSIONS = ("user_passwd", "user_remove")


def _check_password(password: str) -> None:
    if len(password) < 8:
        raise UsageError("the password is shorter than 8 characters", fix="choose a longer one")


def add_user(store: Store, name: str, role: str, password: str, *, by: str | None = None) -> User:
    """Create a user; UsageError for a bad name, role or password, or a name already taken.

    `by` (default: the operating-system user) is who the audit log names."""
    if not _NAME.match(name):
        raise UsageError(
            f"user name {name!r} is not allowed",
            fix="use 1-80 letters, digits or . _ @ -",
        )
    if role not in ROLES:
        raise UsageError(f"role {role!r} is not one of {', '.join(ROLES)}", fix="--role analyst")
    _check_password(password)
    row = {
        "name": name,
        "role": role,
        "password_hash": _hasher.hash(password),
        "created_at": datetime.now(UTC),
    }
    try:
        with store.write() as conn:
            conn.execute(users.insert().values(**row))
            audit.record(conn, by or audit.cli_actor(), "user_add", name, {"role": role})
    except IntegrityError as exc:
        raise UsageError(
            f"user {name!r} exists already", fix="pick another name or log in as that user"
        ) from exc
    return User(name, role)


def _no_such_user(store: Store, name: str) -> NotFound:
    return NotFound(
        f"no user {name!r} in {store.display_url}", fix="`pactwatch user list` shows the users"
    )


def list_users(store: Store) -> list[dict[str, Any]]:
    """Every user: name, role, when created (no password hashes)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(users.c.name, users.c.role, users.c.created_at).order_by(users.c.name)
        ).all()
    return [
        {"name": r.name, "role": r.role, "created_at": audit.as_utc(r.created_at).isoformat()}
        for r in rows
    ]


def set_password(store: Store, name: str, password: str, *, by: str | None = None) -> None:
    """A new password for `name`; the user's sessions begun before it write nothing more."""
    _check_password(password)
    with store.write() as conn:
        changed = conn.execute(
            users.update().where(users.c.name == name).values(password_hash=_hasher.hash(password))
        ).rowcount
        if not changed:
            raise _no_such_user(store, name)
        audit.record(conn, by or audit.cli_actor(), "user_passwd", name, {})


def remove_user(store: Store, name: str, *, by: str | None = None) -> None:
    """Remove `name` (their reviews stay, signed with the name); their sessions end."""
    with store.write() as conn:
        removed = conn.execute(users.delete().where(users.c.name == name)).rowcount
        if not removed:
            raise _no_such_user(store, name)
        audit.record(conn, by or audit.cli_actor(), "user_remove", name, {})


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when name and password match, else None (same cost either way)."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(users.c.name, users.c.role, users.c.password_hash).where(users.c.name == name)
        ).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return User(row.name, row.role) if row else None


def get_user(store: Store, name: str) -> User | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(users.c.name, users.c.role).where(users.c.name == name)).first()
    return User(row.name, row.role) if row else None


def csrf_token(session: dict[str, Any]) -> str:
    """The session's CSRF token, created on first use."""
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def check_csrf(session: dict[str, Any], supplied: str | None) -> None:
    """AuthError unless `supplied` is this session's CSRF token."""
    expected = session.get("csrf")
    if not isinstance(expected, str) or not supplied:
        raise AuthError("missing CSRF token", fix="reload the page and submit the form again")
    if not hmac.compare_digest(expected.encode(), supplied.encode()):
        raise AuthError("wrong CSRF token", fix="reload the page and submit the form again")


def start_session(session: dict[str, Any], user: User) -> None:
    """Log `user` in: a fresh session (new id and CSRF token) so a planted one is worthless."""
    session.clear()
    session["user"] = user.name
    session["role"] = user.role
    session["sid"] = secrets.token_urlsafe(18)
    session["since"] = time.time()
    session["csrf"] = secrets.token_urlsafe(32)


def end_session(store: Store, session: dict[str, Any]) -> None:
    """Log out: the session id goes to the audit log, so a copy of the cookie writes nothing."""
    name, sid = session.get("user"), session.get("sid")
    if isinstance(name, str) and isinstance(sid, str):
        with store.write() as conn:
            audit.record(conn, name, "logout", sid, {})
    session.clear()


def session_user(store: Store, session: dict[str, Any]) -> User | None:
    """The session's user if the session may still write: it has not logged out, the user
    still exists with the same role, and their password has not changed since it began."""
    name, role, sid, since = (session.get(k) for k in ("user", "role", "sid", "since"))
    if not (isinstance(name, str) and isinstance(sid, str) and isinstance(since, int | float)):
        return None  # a cookie from before session ids, or none at all: log in again
    with store.engine.connect() as conn:
        row = conn.execute(select(users.c.role).where(users.c.name == name)).first()
        if row is None or row.role != role:
            return None
        ended = conn.execute(
            select(audit_log.c.id)
            .where(
                or_(
                    (audit_log.c.action == "logout") & (audit_log.c.target == sid),
                    audit_log.c.action.in_(_ENDS_SESSIONS) & (audit_log.c.target == name),
                )
            )
            .order_by(audit_log.c.id.desc())
            .limit(1)
            .add_columns(audit_log.c.action, audit_log.c.at)
        ).first()
    if ended is not None and (
        ended.action == "logout" or audit.as_utc(ended.at).timestamp() >= float(since)
    ):
        return None
    return User(name, str(role))


class LoginLimiter:
    """At most `limit` failed logins per client per `window` seconds (in this process)."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        stamps = self._failures.setdefault(client, deque())
        while stamps and now - stamps[0] > self.window:
            stamps.popleft()
        return stamps

    def blocked(self, client: str) -> bool:
        with self._lock:
            return len(self._recent(client, time.monotonic())) >= self.limit

    def failed(self, client: str) -> None:
        with self._lock:
            self._recent(client, time.monotonic()).append(time.monotonic())

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)
