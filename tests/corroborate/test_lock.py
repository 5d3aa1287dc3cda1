"""Two corroborations never run at once on PostgreSQL: `pactwatch corroborate` and an
ingest's (local or after each batch of a distributed one) take the same advisory lock."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, text

from pactwatch.cli import main
from pactwatch.corroborate.run import _PG_LOCK_KEY
from pactwatch.store import open_store
from pactwatch.store.engine import normalise_url


@pytest.mark.postgres
def test_corroborate_waits_for_the_lock_another_holds(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    open_store(pg_url).close()  # the schema, before the lock is taken
    other = create_engine(normalise_url(pg_url))
    finished = threading.Event()
    codes: list[int] = []

    def run() -> None:
        codes.append(main(["corroborate", "--db", pg_url]))
        finished.set()

    try:
        with other.begin() as conn:  # as another process's corroboration would hold it
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            worker = threading.Thread(target=run)
            worker.start()
            assert not finished.wait(3), "corroborate ran while another held the lock"
        assert finished.wait(60), "corroborate did not go on once the lock was released"
        worker.join()
    finally:
        other.dispose()
    assert codes == [0]
    assert "record(s) read" in capsys.readouterr().out
