"""Commands never mislead: no store is invented, bad values are named, exit 2, nothing done."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from pactwatch import extract
from pactwatch.store import open_store
from tests.cli.test_ingest_cli import GOOD, run
from tests.fake_extract import fake_extract_documents


@pytest.fixture(autouse=True)
def _fake_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "extract_documents", fake_extract_documents)


READ_ONLY = {
    "check": ["check", "--charter", "csto-treaty"],
    "status": ["status"],
    "compare": ["compare", "--charter", "csto-treaty", "--charter", "csto-reform"],
    "scorecard": ["scorecard", "--charter", "csto-treaty"],
    "report": ["report", "--charter", "csto-treaty", "--out", "rep"],
    "serve": ["serve", "--port", "1"],  # never reaches the port: the store is checked first
}


@pytest.mark.parametrize("command", sorted(READ_ONLY))
def test_read_only_commands_refuse_a_missing_store_and_create_nothing(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PACTWATCH_DB", raising=False)
    status, out, err = run(capsys, *READ_ONLY[command])
    assert status == 2 and out == ""
    assert "no store at sqlite:///pactwatch.db: run `pactwatch ingest` or pass `--db`" in err
    assert list(tmp_path.iterdir()) == []  # no pactwatch.db, no report folder


@pytest.mark.parametrize("command", ["check", "status", "serve"])
def test_a_database_without_the_schema_is_no_store(
    command: str, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if store_url.startswith("sqlite"):  # an existing SQLite file that pactwatch never made
        engine = create_engine(store_url)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE other (x INTEGER)"))
        engine.dispose()
    status, _out, err = run(capsys, *READ_ONLY[command], "--db", store_url)
    assert status == 2 and "no store at" in err
    engine = create_engine(store_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        tables = conn.execute(
            text(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                if store_url.startswith("sqlite")
                else "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
        ).all()
    engine.dispose()
    assert "alembic_version" not in {t[0] for t in tables}  # nothing was created


def test_read_only_commands_work_on_a_store_that_exists(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    assert run(capsys, "ingest", str(tmp_path / "a.txt"), "--db", sqlite_url)[0] == 0
    for command in ("check", "status", "scorecard"):
        status, _out, err = run(capsys, *READ_ONLY[command], "--db", sqlite_url)
        assert status == 0, err


def test_demo_checks_its_inputs_before_creating_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _out, err = run(capsys, "demo", "nosuch.txt")
    assert status == 2 and "nosuch.txt: no such file or directory" in err
    status, _out, err = run(capsys, "demo", "--report-date", "2022-10-10garbage")
    assert status == 2 and "--report-date '2022-10-10garbage' is not a date" in err
    (tmp_path / "empty.txt").write_text("")
    status, _out, err = run(capsys, "demo", "empty.txt")
    assert status == 2 and "empty.txt: empty" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt"]  # no store, no report


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--member", "XYZ"], "--member 'XYZ' is not a state or alliance code"),
        (["--member", "Kyrgyzstan"], "fix: give --member KGZ (Kyrgyzstan)"),
        (["--since", "2023-01-01", "--until", "2022-01-01"], "--since 2023-01-01 is after"),
        (["--since", "2022-13-01"], "--since '2022-13-01' is not a date"),
        (["--until", "2022-10-10garbage"], "--until '2022-10-10garbage' is not a date"),
    ],
)
@pytest.mark.parametrize("command", ["check", "compare", "scorecard"])
def test_bad_filters_are_errors_naming_the_value(
    command: str,
    args: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "never.db"
    status, out, err = run(capsys, *READ_ONLY[command], *args, "--db", f"sqlite:///{db}")
    assert (status, out) == (2, "")
    assert message in err
    assert not db.exists()


def test_member_codes_are_case_insensitive(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    run(capsys, "ingest", str(tmp_path / "a.txt"), "--db", sqlite_url)
    status, _out, err = run(capsys, *READ_ONLY["check"], "--member", "kgz", "--db", sqlite_url)
    assert status == 0, err


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_a_report_date_with_trailing_garbage_is_refused(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    db = tmp_path / "never.db"
    extra = ["--db", f"sqlite:///{db}"] if command == "ingest" else []
    status, out, err = run(
        capsys, command, str(tmp_path / "a.txt"), "--report-date", "2022-10-10garbage", *extra
    )
    assert (status, out) == (2, "")
    assert "--report-date '2022-10-10garbage' is not a date" in err
    assert not db.exists()


def test_serve_on_a_busy_port_exits_2_naming_it(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_store(sqlite_url).close()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        status, _out, err = run(capsys, "serve", "--port", str(port), "--db", sqlite_url)
    assert status == 2
    assert f"cannot listen on 127.0.0.1:{port}: the port is busy" in err
    assert "pass --port with a free port" in err


@pytest.mark.parametrize("port", ["99999", "0", "http"])
def test_serve_on_an_invalid_port_exits_2_naming_it(
    port: str, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, err = run(capsys, "serve", "--port", port, "--db", sqlite_url)
    assert status == 2 and "--port" in err and port in err


def test_serve_on_an_unknown_host_exits_2_naming_it(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    open_store(sqlite_url).close()
    status, _out, err = run(capsys, "serve", "--host", "no-such-host.invalid", "--db", sqlite_url)
    assert status == 2 and "cannot listen on no-such-host.invalid:8000" in err


def test_ingest_of_a_folder_names_the_files_it_skipped(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(GOOD)
    (corpus / "table.csv").write_text("a,b\n")
    (corpus / "sub" / "scan.pdf").write_bytes(b"%PDF-1.7")
    (corpus / "sub" / "photo.png").write_bytes(b"\x89PNG")
    (corpus / ".hidden.csv").write_text("a\n")
    status, out, err = run(capsys, "ingest", str(corpus), "--db", sqlite_url)
    assert status == 0
    assert "1 new" in out and "3 file(s) of other types skipped" in out
    for name in ("table.csv", "sub/scan.pdf", "sub/photo.png"):
        assert f"skipped {corpus / name}: unsupported file type" in err
    assert ".hidden" not in err


def test_serve_says_which_store_it_serves(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    assert run(capsys, "ingest", str(tmp_path / "a.txt"), "--db", sqlite_url)[0] == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "pactwatch", "serve", "--port", str(port), "--db", sqlite_url],
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(60, server.kill)  # a hung server fails the test, never hangs it
    watchdog.start()
    try:
        assert server.stderr is not None
        first = server.stderr.readline()
    finally:
        watchdog.cancel()
        server.terminate()
        server.wait(timeout=10)
    assert first.startswith(f"pactwatch serve: store {sqlite_url} (1 document) at ")
    assert first.strip().endswith(f"http://127.0.0.1:{port}/")


def test_extract_of_a_folder_names_the_files_it_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "table.csv").write_text("a,b\n")
    (tmp_path / "empty.txt").write_text("")
    status, out, err = run(capsys, "extract", str(tmp_path))
    assert (status, out) == (2, "")
    assert f"skipped {tmp_path / 'table.csv'}: unsupported file type '.csv'" in err
