"""Dashboard users, sessions, CSRF tokens and the login rate limit.

Passwords are argon2id hashes (argon2-cffi). Sessions live in a cookie signed
with itsdangerous (Starlette's SessionMiddleware); the session holds the user's
name and a random CSRF token that every form and every write must echo back.
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
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from pactwatch.errors import AuthError, UsageError
from pactwatch.store import Store
from pactwatch.store.schema import users

ROLES = ("analyst", "admin")
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,80}$")
_hasher = PasswordHasher()
# verified against when the user does not exist, so a miss costs as long as a wrong password
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str


def add_user(store: Store, name: str, role: str, password: str) -> User:
    """Create a user; UsageError for a bad name, role or password, or a name already taken."""
    if not _NAME.match(name):
        raise UsageError(
            f"user name {name!r} is not allowed",
            fix="use 1-80 letters, digits or . _ @ -",
        )
    if role not in ROLES:
        raise UsageError(f"role {role!r} is not one of {', '.join(ROLES)}", fix="--role analyst")
    if len(password) < 8:
        raise UsageError("the password is shorter than 8 characters", fix="choose a longer one")
    row = {
        "name": name,
        "role": role,
        "password_hash": _hasher.hash(password),
        "created_at": datetime.now(UTC),
    }
    try:
        with store.write() as conn:
            conn.execute(users.insert().values(**row))
    except IntegrityError as exc:
        raise UsageError(
            f"user {name!r} exists already", fix="pick another name or log in as that user"
        ) from exc
    return User(name, role)


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
    """Log `user` in: a fresh session (new CSRF token) so a planted one is worthless."""
    session.clear()
    session["user"] = user.name
    session["role"] = user.role
    session["csrf"] = secrets.token_urlsafe(32)


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
