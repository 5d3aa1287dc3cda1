"""SQLite stores are read through memory-mapped I/O: one copy of the pages, in the OS's cache,
for every pooled connection of a server (a filtered dashboard page reads thousands of rows)."""

from __future__ import annotations

from pathlib import Path

from pactwatch.store import open_store


def test_every_connection_maps_the_file(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    with store, store.engine.connect() as one, store.engine.connect() as two:
        for conn in (one, two):
            assert conn.exec_driver_sql("PRAGMA mmap_size").scalar_one() >= 1 << 28
