"""-v and -q: standard logging on standard error, warnings by default."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from pactwatch import extract
from pactwatch.cli import main
from tests.fake_extract import fake_extract_documents


@pytest.fixture(autouse=True)
def _fake_extraction(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(extract, "extract_documents", fake_extract_documents)
    yield
    logging.getLogger("pactwatch").setLevel(logging.NOTSET)


def _ingest(flags: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> str:
    (tmp_path / "a.txt").write_text("Kyrgyz guards fired at a Tajik post. Dushanbe protested.")
    status = main(
        [*flags, "ingest", str(tmp_path / "a.txt"), "--db", f"sqlite:///{tmp_path / name}"]
    )
    assert status == 0
    return capsys.readouterr().err


def test_default_says_no_more_than_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "pactwatch: info:" not in _ingest([], tmp_path, capsys, "a.db")


def test_verbose_tells_what_was_done(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _ingest(["-v"], tmp_path, capsys, "b.db")
    assert "pactwatch: info: store sqlite:///" in err and "creating schema" in err
    assert "pactwatch: info: ingest into sqlite:///" in err and "1 new" in err
    assert "pactwatch: debug:" not in err


def test_very_verbose_adds_each_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _ingest(["-vv"], tmp_path, capsys, "c.db")
    assert f"pactwatch: debug: {tmp_path / 'a.txt'}: stored as " in err


def test_quiet_hides_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "charters"]) == 0
    logging.getLogger("pactwatch.test").warning("not shown")
    assert "not shown" not in capsys.readouterr().err
    assert main(["charters"]) == 0
    logging.getLogger("pactwatch.test").warning("shown")
    assert "pactwatch: warning: shown" in capsys.readouterr().err
