"""Charters from files in `report` and `serve` (`--charter FILE`, PACTWATCH_CHARTERS_DIR):
offered beside the shipped ones, checked over the store, listed by the dashboard; a bad
file stops the command with file, line and field before it starts."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from html import escape
from pathlib import Path

import httpx
import pytest

from pactwatch.check.charter import shipped_charters
from pactwatch.cli import main
from pactwatch.corroborate import corroborate
from pactwatch.store import Store, open_store
from pactwatch.web import checking, create_app
from tests.check.corpus import build

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(autouse=True)
def no_files_left(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no charter files registered in this process."""
    monkeypatch.setattr(checking, "_files", {})


def _charter_file(folder: Path, new_id: str, title: str = "My treaty") -> Path:
    """The shipped csto-treaty under another id and title."""
    text = Path(shipped_charters()["csto-treaty"]).read_text(encoding="utf-8")
    text = text.replace("id: csto-treaty", f"id: {new_id}", 1)
    text = text.replace(
        "title: Collective Security Treaty and CSTO Charter (in force)", f"title: {title}", 1
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{new_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus_db(tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    with open_store(url) as store:
        build(store)
        corroborate(store)
    yield url


def test_report_takes_a_charter_file(
    corpus_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _charter_file(tmp_path / "mine", "my-treaty")
    out = tmp_path / "report"
    status = main(["report", "--charter", str(path), "--charter", "csto-reform",
                   "--out", str(out), "--db", corpus_db])  # fmt: skip
    assert status == 0, capsys.readouterr().err
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="chart-my-treaty"' in html and "My treaty" in html
    # the file's rules were checked over the store: csto-treaty's findings, under its new id
    with open_store(corpus_db) as store:
        quotes = {e["quote"] for f in checking.compute(store, "csto-treaty").findings
                  for e in f["evidence"]}  # fmt: skip
    assert quotes and all(escape(str(q)) in html for q in quotes)


def test_report_takes_a_charter_from_the_folder(
    corpus_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _charter_file(tmp_path / "charters", "folder-treaty", "Folder treaty")
    monkeypatch.setenv("PACTWATCH_CHARTERS_DIR", str(tmp_path / "charters"))
    out = tmp_path / "report"
    assert main(["report", "--charter", "folder-treaty", "--out", str(out), "--db", corpus_db]) == 0
    assert "Folder treaty" in (out / "index.html").read_text(encoding="utf-8")


def test_a_bad_file_is_named_and_nothing_is_written(
    corpus_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: bad\ntitle: Bad\nalliance: CSTO\nrules:\n  - id: r1\n    template: nosuch\n"
    )
    out = tmp_path / "report"
    assert main(["report", "--charter", str(bad), "--out", str(out), "--db", corpus_db]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "Traceback" not in err
    assert not out.exists()
    clash = _charter_file(tmp_path / "clash", "csto-reform")
    assert main(["report", "--charter", str(clash), "--out", str(out), "--db", corpus_db]) == 2
    assert "'csto-reform' is already a shipped charter's id" in capsys.readouterr().err


def test_the_dashboard_lists_and_checks_file_charters(
    corpus_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "charters"
    _charter_file(folder, "folder-treaty", "Folder treaty")
    monkeypatch.setenv("PACTWATCH_CHARTERS_DIR", str(folder))
    checking.use_charter_file(_charter_file(tmp_path / "one", "my-treaty"))
    with open_store(corpus_db) as store, TestClient(create_app(store=store)) as client:
        ids = [c["id"] for c in client.get("/api/charters").json()["charters"]]
        assert {"folder-treaty", "my-treaty", "csto-treaty"} <= set(ids)
        page = client.get("/charters").text
        assert "Folder treaty" in page and "My treaty" in page
        found = client.get("/api/findings?charter=folder-treaty").json()["findings"]
        assert found and {f["rule"] for f in found} <= {
            r.id for r in checking.load_charter("csto-treaty").rules
        }
        # the file is edited while serving: the next view reads it again
        path = folder / "folder-treaty.yaml"
        path.write_text(path.read_text().replace("Folder treaty", "Folder treaty, amended"))
        assert "Folder treaty, amended" in client.get("/charters").text
        # a file that breaks later is left out, the others still served
        path.write_text("id: [unclosed\n")
        ids = [c["id"] for c in client.get("/api/charters").json()["charters"]]
        assert "folder-treaty" not in ids and "my-treaty" in ids
        # so is one that takes a shipped charter's id, and a folder that goes
        path.write_text(_charter_file(tmp_path / "x", "csto-reform", "Impostor").read_text())
        page = client.get("/charters/csto-reform")
        assert page.status_code == 200 and "Impostor" not in page.text
        monkeypatch.setenv("PACTWATCH_CHARTERS_DIR", str(tmp_path / "gone"))
        r = client.get("/charters")
        assert r.status_code == 200 and "My treaty" in r.text


def _store_for_serve(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    with open_store(url) as store:
        assert isinstance(store, Store)
    return url


def test_serve_offers_a_charter_file(tmp_path: Path) -> None:
    url = _store_for_serve(tmp_path)
    path = _charter_file(tmp_path / "mine", "my-treaty")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "pactwatch", "serve", "--port", str(port), "--db", url,
         "--charter", str(path)],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/charters", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        assert "my-treaty" in [c["id"] for c in r.json()["charters"]]
    finally:
        server.terminate()
        _, err = server.communicate(timeout=10)
    assert "charters from files: my-treaty" in err


def test_serve_refuses_a_bad_charter_before_it_listens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _store_for_serve(tmp_path)
    bad = tmp_path / "charters" / "bad.yaml"
    bad.parent.mkdir()
    bad.write_text("id: bad\nrules: {unclosed\n")
    monkeypatch.setenv("PACTWATCH_CHARTERS_DIR", str(bad.parent))
    assert main(["serve", "--port", "1", "--db", url]) == 2  # port 1 is never reached
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "Traceback" not in err
    monkeypatch.setenv("PACTWATCH_CHARTERS_DIR", str(tmp_path / "nosuch"))
    assert main(["serve", "--db", url]) == 2
    assert "is not a folder" in capsys.readouterr().err
    monkeypatch.delenv("PACTWATCH_CHARTERS_DIR")
    assert main(["serve", "--db", url, "--charter", str(tmp_path / "nosuch.yaml")]) == 2
    err = capsys.readouterr().err
    assert "no charter file" in err and "nosuch.yaml" in err and "Traceback" not in err
