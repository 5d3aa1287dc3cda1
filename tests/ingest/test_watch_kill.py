"""`pactwatch watch` as a real process: killed with SIGKILL part-way, then run again, every
item is stored exactly once; Ctrl-C and SIGTERM stop it cleanly."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from pactwatch.store.engine import normalise_url
from pactwatch.store.schema import documents, feed_items
from tests.conftest import StoreUrlFactory
from tests.ingest.test_kill import _count
from tests.ingest.test_kill import _env as _base_env
from tests.ingest.test_watch import feed_of
from tests.ingest.webfixture import Route, Site

N_ITEMS = 200
KILL_AFTER = 20  # documents stored before the kill


def _command(feeds: Path, url: str, *extra: str) -> list[str]:
    # the real command line with a quick deterministic extractor in place of the NLP
    return [sys.executable, "-m", "tests.fake_extract", "watch", str(feeds), "--db", url, *extra]


def _env(**extra: str) -> dict[str, str]:
    return _base_env(PACTWATCH_FETCH_HOST_DELAY="0", PACTWATCH_BATCH_SIZE="4", **extra)


def _feeds_file(tmp_path: Path, site: Site, dead_url: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(
        f'[[feeds]]\nurl = "{site.url("/feed.xml")}"\nname = "desk"\n'
        f'[[feeds]]\nurl = "{site.url("/broken.xml")}"\nname = "broken"\n'
        f'[[feeds]]\nurl = "{dead_url}"\nname = "dead"\n'
    )
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_sigkill_part_way_then_two_more_runs_store_each_item_once(
    backend: str, tmp_path: Path, site: Site, make_store_url: StoreUrlFactory
) -> None:
    feed_of(site, N_ITEMS)
    site.routes["/broken.xml"] = Route(b"<?xml version='1.0'?><rss><channel><item>&nope")
    dead = Site()
    dead_url = dead.url("/feed.xml")
    dead.close()
    feeds = _feeds_file(tmp_path, site, dead_url)
    url = make_store_url(backend)

    # slow each document a little so that the kill lands part-way for certain
    proc = subprocess.Popen(
        _command(feeds, url, "--once"),
        cwd=tmp_path,
        env=_env(PACTWATCH_FAKE_DELAY="0.01"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    watcher = create_engine(normalise_url(url))
    try:
        deadline = time.monotonic() + 120
        while _count(watcher) < KILL_AFTER:
            assert proc.poll() is None, "watch ended before it could be killed"
            assert time.monotonic() < deadline, "watch stored nothing in 120 s"
            time.sleep(0.005)
        proc.kill()  # SIGKILL: no cleanup, no rollback by the process itself
        proc.wait(timeout=30)
        assert proc.returncode == -9
        stored = _count(watcher)
        assert KILL_AFTER <= stored < N_ITEMS
        polls = len(site.requests("/feed.xml"))

        second = subprocess.run(
            _command(feeds, url, "--once"), cwd=tmp_path, env=_env(),
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert second.returncode == 1, second.stderr
        assert "Traceback" not in second.stderr
        # the queue saved with the validators is worked through behind a 304
        resumed = site.requests("/feed.xml")[polls]
        assert resumed.headers.get("if-none-match") and resumed.status == 304
        assert "failed: feed broken" in second.stdout and "not well-formed" in second.stdout
        assert f"failed: feed dead ({dead_url})" in second.stdout
        assert _count(watcher) == N_ITEMS

        third = subprocess.run(
            _command(feeds, url, "--once"), cwd=tmp_path, env=_env(),
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert third.returncode == 1, third.stderr
        assert "1 not modified, 2 failed; 0 new item(s), 0 stored" in third.stdout
        last = site.requests("/feed.xml")[-1]
        assert last.headers.get("if-none-match") and last.status == 304

        with watcher.connect() as conn:
            docs = conn.execute(select(documents.c.url)).scalars().all()
            states = conn.execute(select(feed_items.c.state, feed_items.c.doc_id)).all()
    finally:
        watcher.dispose()
        if proc.stderr:
            proc.stderr.close()
    assert sorted(docs) == sorted(site.url(f"/p/{i}") for i in range(N_ITEMS)), "each once"
    assert len(states) == N_ITEMS and {s for s, _ in states} == {"stored"}
    assert len({d for _, d in states}) == N_ITEMS
    # only pages in flight at the kill may have been read twice
    fetched = [len(site.requests(f"/p/{i}")) for i in range(N_ITEMS)]
    assert min(fetched) == 1 and sum(fetched) <= N_ITEMS + 20


def _watch_then_signal(
    args: list[str], tmp_path: Path, rounds: int, sig: signal.Signals
) -> tuple[int, str, str]:
    """Run `watch` until it has waited after `rounds` rounds, send `sig`; (status, out, err)."""
    proc = subprocess.Popen(
        args, cwd=tmp_path, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(x) for x in proc.stderr or []])
    reader.start()
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 120
        while sum("next round at" in line for line in seen) < rounds:
            assert time.monotonic() < deadline, seen
            try:
                seen.append(lines.get(timeout=1))
            except queue.Empty:
                assert proc.poll() is None, seen
        proc.send_signal(sig)
        proc.wait(timeout=60)
        out = proc.stdout.read() if proc.stdout else ""
    finally:
        if proc.poll() is None:
            proc.kill()
        reader.join(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    while not lines.empty():
        seen.append(lines.get())
    return proc.returncode, out, "".join(seen)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_sigterm_stops_it_cleanly(
    sig: signal.Signals, tmp_path: Path, site: Site, sqlite_url: str
) -> None:
    feed_of(site, 3)
    path = tmp_path / "feeds.toml"
    path.write_text(f'[[feeds]]\nurl = "{site.url("/feed.xml")}"\n')
    args = _command(path, sqlite_url, "--interval", "1h")
    status, out, err = _watch_then_signal(args, tmp_path, 1, sig)
    assert status == 130, err
    assert "round 1: 1 feed(s), 0 not modified, 0 failed; 3 new item(s), 3 stored" in out
    assert "watch stopped after 1 round(s)" in err and "Traceback" not in err


def test_rounds_follow_each_other_at_the_interval(
    tmp_path: Path, site: Site, sqlite_url: str
) -> None:
    feed_of(site, 3)
    path = tmp_path / "feeds.toml"
    path.write_text(f'[[feeds]]\nurl = "{site.url("/feed.xml")}"\n')
    args = _command(path, sqlite_url, "--interval", "1s")
    status, out, err = _watch_then_signal(args, tmp_path, 2, signal.SIGINT)
    assert status == 130, err
    assert "round 2: 1 feed(s), 1 not modified, 0 failed; 0 new item(s), 0 stored" in out
    first, second = site.requests("/feed.xml")[:2]
    assert second.at - first.at >= 0.95 and second.status == 304


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_two_watches_at_once_store_each_item_once(
    backend: str, tmp_path: Path, site: Site, make_store_url: StoreUrlFactory
) -> None:
    feed_of(site, 60)
    path = tmp_path / "feeds.toml"
    path.write_text(f'[[feeds]]\nurl = "{site.url("/feed.xml")}"\n')
    url = make_store_url(backend)  # a new store: both also race to create the tables
    procs = [
        subprocess.Popen(
            _command(path, url, "--once"),
            cwd=tmp_path,
            env=_env(PACTWATCH_FAKE_DELAY="0.002"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, out + err
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            docs = conn.execute(select(documents.c.url)).scalars().all()
            states = conn.execute(select(feed_items.c.state)).scalars().all()
    finally:
        engine.dispose()
    assert sorted(docs) == sorted(site.url(f"/p/{i}") for i in range(60))
    assert states == ["stored"] * 60
