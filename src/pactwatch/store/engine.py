"""Opening a store: one SQLAlchemy engine, tuned per backend, migrated on first use.

SQLite runs in WAL mode so that the dashboard can read while an ingest writes;
`postgresql://` URLs get the psycopg 3 driver that pactwatch ships with.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    SQLAlchemyError,
)

from pactwatch import settings
from pactwatch.errors import StoreError

log = logging.getLogger(__name__)

# the newest migration; when the database already says this, Alembic is not even imported
HEAD_REVISION = "0010"

_SQLITE_BUSY_MS = 30_000


def normalise_url(url: str | URL) -> URL:
    """The URL with pactwatch's driver choices: bare `postgresql://` means psycopg 3."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        # unparsed, so hide anything that looks like a password before showing it
        shown = re.sub(r":[^:@/]*@", ":***@", str(url))
        raise StoreError(
            f"{shown} is not a database URL",
            fix="use e.g. sqlite:///pactwatch.db or postgresql://user:password@host/dbname",
        ) from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def mask(url: str | URL) -> str:
    """The URL as it may be shown: the password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable URL>"


class Store:
    """A database holding documents, event records, reviews and the audit log.

    `engine` is a plain SQLAlchemy Engine: run your own SQL against the tables in
    `pactwatch.store.schema` through it. `url` is the parsed URL (its `str()` hides
    the password); `dialect` is `"sqlite"` or `"postgresql"`.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url: URL = engine.url
        self.dialect: str = engine.dialect.name

    @property
    def display_url(self) -> str:
        return mask(self.url)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction for writing: committed on success, rolled back on any error.

        On SQLite it takes the write lock at BEGIN (BEGIN IMMEDIATE), so that a
        read-then-write transaction waits for other writers instead of failing.
        """
        try:
            with self.engine.connect() as conn:
                if self.dialect == "sqlite":
                    conn = conn.execution_options(pactwatch_immediate=True)
                with conn.begin():
                    yield conn
        except IntegrityError:
            # a constraint, not the database, failed: callers decide what that means
            raise
        except DBAPIError as exc:
            raise store_error(self.url, exc) from exc

    def check_writable(self) -> None:
        """Raise StoreError now if the store cannot take writes (read-only file or server)."""
        with self.write() as conn:
            if self.dialect == "postgresql":
                read_only = conn.execute(text("SHOW transaction_read_only")).scalar_one()
                if str(read_only).lower() == "on":
                    raise StoreError(
                        f"store {self.display_url}: the server accepts only reads",
                        fix="connect to the primary server, or to a database you may write to",
                    )
            elif self.dialect == "sqlite":
                # BEGIN IMMEDIATE alone succeeds on a read-only file; a write does not,
                # so rewrite the header's user_version with the value it already has
                version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
                conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.display_url!r})"


def store_error(url: str | URL, exc: BaseException) -> StoreError:
    """A StoreError for a database failure: which store, what the driver said, what to do."""
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    reason = detail[0] if detail else type(exc).__name__
    lowered = reason.lower()
    if "readonly" in lowered or "read-only" in lowered or "read only" in lowered:
        fix = (
            "make the database file and its directory writable, or pass --db with a writable store"
        )
    elif "unable to open" in lowered:
        fix = "check that the directory exists and is writable, or pass --db with another URL"
    elif "locked" in lowered:
        fix = "another process holds the database; wait for it to finish and retry"
    elif any(w in lowered for w in ("connect", "connection", "resolve", "timeout", "password")):
        fix = "check that the server is running and that host, port, user, password and database in the URL are right"
    else:
        fix = "check the URL (--db or PACTWATCH_DB) and that the database is reachable and writable"
    return StoreError(f"store {mask(url)}: {reason}", fix=fix)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # autocommit at the driver level: SQLAlchemy's "begin" hook below issues BEGIN itself,
    # which is what makes BEGIN IMMEDIATE possible and PRAGMAs run outside transactions
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {_SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # WAL: readers never block the writer; NORMAL sync is durable at checkpoints and
        # never corrupts, which is the trade-off SQLite documents for WAL
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    """`PRAGMA journal_mode = WAL`, waiting for other processes as the busy timeout does.

    The switch reads the file's header, then asks for the write lock. SQLite does not call
    the busy handler for that upgrade (a reader waiting for the write lock could deadlock),
    so while another process holds the write lock (its own switch: two processes opening a
    new store at once) it fails at once with "database is locked". Here it is tried again,
    the lock released in between, until the busy timeout.
    """
    deadline = time.monotonic() + _SQLITE_BUSY_MS / 1000
    pause = 0.005
    while True:
        mode = cursor.execute("PRAGMA journal_mode").fetchone()
        if not mode or str(mode[0]).lower() in ("wal", "memory"):
            return  # already WAL (another process switched it), or an in-memory database
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("pactwatch_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_store_engine(url: str | URL) -> Engine:
    """An Engine for the URL with pactwatch's settings; does not connect yet."""
    parsed = normalise_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().parent
            if not folder.is_dir():
                raise StoreError(
                    f"store {mask(parsed)}: folder {folder} does not exist",
                    fix=f"create it (mkdir -p {folder}) or pass --db with another path",
                )
        kwargs["connect_args"] = {"timeout": _SQLITE_BUSY_MS / 1000}
    elif parsed.get_backend_name() == "postgresql":
        kwargs["pool_pre_ping"] = True
        if "connect_timeout" not in parsed.query:
            kwargs["connect_args"] = {"connect_timeout": 10}
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ModuleNotFoundError, ArgumentError) as exc:
        raise StoreError(
            f"store {mask(parsed)}: no driver for {parsed.drivername!r}",
            fix="use sqlite:///FILE or postgresql://… (psycopg 3 is installed)",
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def current_revision(conn: Connection) -> str | None:
    """The schema revision Alembic recorded, or None for a database it never touched."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def no_store(url: str | URL) -> StoreError:
    return StoreError(
        f"no store at {mask(url)}: run `pactwatch ingest` or pass `--db`",
        fix="`pactwatch ingest PATH` creates one; --db or PACTWATCH_DB names an existing one",
    )


def _sqlite_holds_no_store(url: URL) -> bool:
    """Whether a SQLite URL names no file, or a file without pactwatch's schema.

    Looked at read-only: connecting as usual would create the file, and switch an
    existing one to WAL mode.
    """
    database = url.database or ""
    if not database or database == ":memory:" or url.query.get("mode") == "memory":
        return True  # a private in-memory database never holds a store
    if database.startswith("file:"):
        database = database[len("file:") :].split("?", 1)[0]
    path = Path(database).expanduser()
    if not path.is_file():
        return True
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(
            f"store {mask(url)}: {exc}",
            fix="pass --db with the URL of a pactwatch store (a SQLite file made by ingest)",
        ) from None
    return found is None


def open_store(url: str | URL | None = None, *, migrate: bool = True, create: bool = True) -> Store:
    """Open (and on first use create and migrate) the store at `url`.

    `url` defaults to the `db` setting (PACTWATCH_DB, else sqlite:///pactwatch.db).
    With `create=False` (the read-only commands) a database without pactwatch's
    schema is refused with StoreError and nothing is created; an older schema is
    still migrated forward. Raises StoreError when the database cannot be reached,
    created or migrated.
    """
    target = normalise_url(url if url is not None else str(settings.get("db")))
    if not create and target.get_backend_name() == "sqlite" and _sqlite_holds_no_store(target):
        raise no_store(target)
    engine = create_store_engine(target)
    store = Store(engine)
    try:
        with engine.connect() as conn:
            revision = current_revision(conn)
        if revision is None and not create:
            raise no_store(target)
        needs_migration = migrate and revision != HEAD_REVISION
        if needs_migration:
            from pactwatch.store.migrate import upgrade

            log.info(
                "store %s: %s schema %s", store.display_url,
                "creating" if revision is None else f"migrating from {revision} to",
                HEAD_REVISION,
            )  # fmt: skip
            upgrade(store)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise store_error(engine.url, exc) from exc
    except StoreError:
        engine.dispose()
        raise
    return store
