"""open_store: backends, pragmas, migrations and the errors a user can get."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import make_url

from pactwatch.errors import StoreError
from pactwatch.store import Store, mask, open_store, status
from pactwatch.store.engine import HEAD_REVISION, current_revision, normalise_url
from pactwatch.store.migrate import head_revision
from pactwatch.store.schema import include_name, metadata


def test_head_revision_constant_matches_the_migration_scripts() -> None:
    assert head_revision() == HEAD_REVISION


# SQLite's reflection skips the sort indexes (expressions: see schema.SORT_INDEXES); the
# comparison leaves them out by name anyway
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_migrations_create_exactly_the_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        assert current_revision(conn) == HEAD_REVISION
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, metadata)
    assert diff == [], "schema.py changed without a migration: add one under store/migrations"


def test_opening_twice_keeps_data(store_url: str) -> None:
    insert = "INSERT INTO audit_log (at, \"user\", action) VALUES (CURRENT_TIMESTAMP, 'u', 'x')"
    with open_store(store_url) as first, first.engine.begin() as conn:
        conn.execute(text(insert))
    with open_store(store_url) as second, second.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == 1


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url: str) -> None:
    with open_store(sqlite_url) as store:
        assert store.dialect == "sqlite"
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 5000


def test_postgresql_urls_get_psycopg3() -> None:
    assert normalise_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert normalise_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert normalise_url("sqlite:///x.db").drivername == "sqlite"
    assert mask("postgresql://u:secret@h/db") == "postgresql://u:***@h/db"


def test_status_masks_the_password(pg_url: str) -> None:
    with_password = make_url(pg_url).set(password="s3cret").render_as_string(hide_password=False)
    with open_store(pg_url) as store:
        info = status(store)
    assert info["dialect"] == "postgresql"
    assert "s3cret" not in mask(with_password) and "***" in mask(with_password)
    assert info["documents"] == 0 and info["events"] == 0


def test_unreachable_postgresql_is_a_store_error_without_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://someone:hunter2@127.0.0.1:9/nowhere")
    message = str(caught.value)
    assert "hunter2" not in message and "***@127.0.0.1:9/nowhere" in message
    assert caught.value.fix and "server is running" in caught.value.fix


def test_missing_folder_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{tmp_path}/no/such/dir/x.db")


def test_unknown_driver_and_bad_url_are_store_errors() -> None:
    with pytest.raises(StoreError, match="no driver"):
        open_store("mysql://u@h/db")
    with pytest.raises(StoreError, match="not a database URL"):
        open_store("pactwatch.db")
    with pytest.raises(StoreError, match="not a database URL") as caught:
        open_store("postgresql//me:hunter2@host/db")
    assert "hunter2" not in str(caught.value)


def test_read_only_sqlite_refuses_writes_up_front(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    open_store(f"sqlite:///{path}").close()
    with open_store(f"sqlite:///file:{path}?mode=ro&uri=true") as store:
        assert status(store)["documents"] == 0  # reading still works
        with pytest.raises(StoreError, match="readonly") as caught:
            store.check_writable()
    assert caught.value.fix and "writable" in caught.value.fix


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write a file whatever its mode")
def test_read_only_file_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    open_store(f"sqlite:///{path}").close()
    path.chmod(0o444)
    with pytest.raises(StoreError), open_store(f"sqlite:///{path}") as store:
        store.check_writable()


def test_a_store_created_elsewhere_is_left_alone(tmp_path: Path) -> None:
    # a SQLite file pactwatch never touched gets its tables added beside what is there
    path = tmp_path / "foreign.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    with open_store(f"sqlite:///{path}") as store, store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM notes")).scalar_one() == 0
        assert current_revision(conn) == HEAD_REVISION


def test_a_store_from_a_newer_pactwatch_is_a_store_error(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="9999") as caught:
        open_store(store_url)
    assert caught.value.fix and "upgrade pactwatch" in caught.value.fix


def test_read_only_postgresql_refuses_writes_up_front(pg_url: str) -> None:
    open_store(pg_url).close()
    url = make_url(pg_url)
    options = f"{url.query['options']} -cdefault_transaction_read_only=on"
    read_only = url.update_query_dict({"options": options})
    with open_store(read_only) as store:
        assert status(store)["documents"] == 0
        with pytest.raises(StoreError, match="only reads"):
            store.check_writable()


def test_switching_a_new_file_to_wal_waits_for_another_writer(tmp_path: Path) -> None:
    """Two processes opening a new store at once (tests/ingest/test_kill.py's two ingests
    failed so under load): each switches the file to WAL, which reads the header and then
    needs the file to itself. While the other holds the write lock (its own switch, or its
    migration), SQLite returns "database is locked" at once, without the busy handler (a
    reader asking for the write lock could deadlock). The switch must wait instead."""
    import threading
    import time

    path = tmp_path / "new.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE t (x)")  # a rollback-journal file, as a new store starts
    other.execute("BEGIN IMMEDIATE")  # the write lock, as the other process's switch takes
    release = threading.Timer(1.0, lambda: other.execute("COMMIT"))
    release.start()
    started = time.monotonic()
    try:
        with open_store(f"sqlite:///{path}") as store, store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
    finally:
        release.join()
        other.close()
    assert time.monotonic() - started >= 0.9  # it waited for the other, as it must
