"""`pactwatch ingest` and `pactwatch status` as a user meets them: messages and exit statuses."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from pactwatch import extract
from pactwatch.cli import main
from pactwatch.store import open_store
from pactwatch.store.schema import documents, events
from tests.fake_extract import fake_extract_documents

GOOD = "Kyrgyz guards fired at a Tajik post. Dushanbe protested. The CSTO called for calm."


@pytest.fixture(autouse=True)
def _fake_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "extract_documents", fake_extract_documents)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def _rows(url: str) -> list[Any]:
    with open_store(url) as store, store.engine.connect() as conn:
        docs = conn.execute(select(documents).order_by(documents.c.id)).all()
        evs = conn.execute(select(events).order_by(events.c.id)).all()
    return [tuple(r) for r in docs] + [tuple(r) for r in evs]


def test_ingest_then_status(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"  # not the folder of the SQLite store: its files are no input
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD)
    (corpus / "b.jsonl").write_text(
        '{"id": "b", "text": "Armenia threatened to leave. Yerevan froze dues."}\n'
    )
    status, out, err = run(
        capsys, "ingest", str(corpus), "--db", store_url, "--report-date", "2022-10-10"
    )
    assert (status, err) == (0, "")
    assert "2 new, 0 unchanged, 0 rejected" in out
    status, out, _ = run(capsys, "ingest", str(corpus), "--db", store_url)
    assert status == 0 and "0 new, 2 unchanged" in out

    status, out, _ = run(capsys, "status", "--format", "json", "--db", store_url)
    info = json.loads(out)
    assert status == 0 and info["documents"] == 2 and info["events"] > 0
    status, out, _ = run(capsys, "status", "--db", store_url)
    assert status == 0 and "documents" in out and info["url"] in out


BAD_INPUTS: dict[str, tuple[bytes, str]] = {
    "binary.txt": (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary"),
    "empty.txt": (b"", "empty"),
    "latin.txt": ("Déclaration commune sur la sécurité".encode("latin-1"), "not valid UTF-8"),
    "big.txt": (b"word " * 400, "over the limit"),
    "lines.jsonl": (b'{"id": "ok-line", "text": "Fine."}\n{oops\n', "not valid JSON"),
    "scan.pdf": (b"%PDF-1.7", "unsupported file type"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_named_and_nothing_stored_is_touched(
    name: str, store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first.txt"
    first.write_text(GOOD)
    assert run(capsys, "ingest", str(first), "--db", store_url)[0] == 0
    before = _rows(store_url)

    content, reason = BAD_INPUTS[name]
    bad = tmp_path / name
    bad.write_bytes(content)
    status, out, err = run(
        capsys, "ingest", str(bad), str(first), "--db", store_url, "--max-bytes", "1000"
    )
    lines = [line for line in err.splitlines() if str(bad) in line]
    assert len(lines) == 1 and reason in lines[0] and "fix:" in lines[0]
    assert "1 unchanged" in out
    if name == "lines.jsonl":  # the good line went in
        assert status == 1 and "1 new" in out
        after = _rows(store_url)
        assert all(row in after for row in before)
    else:
        assert status == 1 and "0 new" in out
        assert _rows(store_url) == before

    # the bad input alone: nothing could be done
    status, _, err = run(capsys, "ingest", str(bad), "--db", store_url, "--max-bytes", "1000")
    assert str(bad) in err
    assert status == (1 if name == "lines.jsonl" else 2)


def test_missing_path_exits_2(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "ingest", str(tmp_path / "nope.txt"), "--db", sqlite_url)
    assert status == 2 and f"{tmp_path / 'nope.txt'}: no such file or directory" in err


def test_size_limit_from_the_environment(
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    monkeypatch.setenv("PACTWATCH_MAX_BYTES", "10")
    status, _, err = run(capsys, "ingest", str(path), "--db", sqlite_url)
    assert status == 2 and "over the limit of 10 bytes" in err


def test_database_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("PACTWATCH_DB", url)
    (tmp_path / "a.txt").write_text(GOOD)
    assert run(capsys, "ingest", str(tmp_path / "a.txt"))[0] == 0
    _, out, _ = run(capsys, "status", "--format", "json")
    assert json.loads(out)["url"] == url and json.loads(out)["documents"] == 1


def test_standard_input(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode())))
    status, out, _ = run(capsys, "ingest", "-", "--db", sqlite_url)
    assert status == 0 and "1 new" in out


def test_read_only_store_exits_2_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ro.db"
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD + " Again.")
    assert run(capsys, "ingest", str(tmp_path / "a.txt"), "--db", f"sqlite:///{path}")[0] == 0
    before = _rows(f"sqlite:///{path}")
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    status, out, err = run(capsys, "ingest", str(tmp_path / "b.txt"), "--db", read_only)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "readonly" in err and "fix:" in err
    assert _rows(f"sqlite:///{path}") == before


def test_unreachable_postgresql_exits_2_without_the_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    url = "postgresql://analyst:hunter2@127.0.0.1:9/pactwatch"
    for args in (["ingest", str(tmp_path / "a.txt")], ["status"]):
        status, _, err = run(capsys, *args, "--db", url)
        assert status == 2 and "analyst:***@127.0.0.1:9" in err and "hunter2" not in err


def test_bad_options_exit_2(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    status, _, err = run(
        capsys, "ingest", str(tmp_path / "a.txt"), "--report-date", "10.10.22", "--db", sqlite_url
    )
    assert status == 2 and "--report-date" in err
    status, _, err = run(
        capsys, "ingest", str(tmp_path / "a.txt"), "--max-bytes", "0", "--db", sqlite_url
    )
    assert status == 2 and "--max-bytes" in err
    assert run(capsys, "ingest")[0] == 2


@pytest.mark.parametrize("command", ["ingest", "status"])
def test_help_has_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, command, "--help")
    assert status == 0 and "Example:" in out and f"pactwatch {command}" in out


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pactwatch",
            "ingest",
            str(tmp_path),
            "--db",
            "sqlite:////no/such/dir/x.db",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "does not exist" in done.stderr
