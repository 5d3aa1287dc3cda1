"""`import`, `export` and `check --format csv` through the command line (in-process `main`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pactwatch.cli import main
from pactwatch.export.flatcsv import FINDING_COLUMNS, decode_list
from tests.interop import fixtures


@pytest.fixture
def acled_db(tmp_path: Path) -> str:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    (tmp_path / "acled.csv").write_bytes(fixtures.acled_csv(fixtures.ACLED_ROWS))
    assert main(["import", "--format", "acled", str(tmp_path / "acled.csv"), "--db", db]) == 0
    return db


def test_check_csv(acled_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["check", "--charter", "csto-treaty", "--format", "csv", "--as-of", "2023-01-01",
                 "--db", acled_db]) == 0  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert list(rows[0]) == list(FINDING_COLUMNS)
    clash = [r for r in rows if r["rule"] == "art1-non-use-of-force"]
    assert sorted(r["member"] for r in clash) == ["KGZ", "TJK"]
    assert decode_list(clash[0]["events"]) == [clash[0]["events"]]  # one record, no JSON
    assert clash[0]["grade"] == "single-source" and "ACLED KGZ1001" in clash[0]["evidence_quotes"]


def test_export_warns_on_restrictive_terms(acled_db: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    capsys.readouterr()
    out = tmp_path / "events.jsonl"
    assert main(["export", "--format", "plover-json", "-o", str(out), "--db", acled_db]) == 0
    err = capsys.readouterr().err
    assert "warning: 2 exported row(s) come from acled" in err and "redistribution" in err
    assert [json.loads(line)["provenance"]["dataset"] for line in out.read_text().splitlines()] == [
        "acled", "acled",
    ]  # fmt: skip
    # findings carry the warning too: their records come from ACLED rows
    assert main(["export", "--format", "csv", "--what", "findings", "--charter", "csto-treaty",
                 "--db", acled_db]) == 0  # fmt: skip
    assert "come from acled" in capsys.readouterr().err
    # a filter leaving no ACLED row: no warning
    assert main(["export", "--format", "csv", "--member", "ARM", "--db", acled_db]) == 0
    assert "warning" not in capsys.readouterr().err


def test_bad_arguments_are_named(acled_db: str, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    capsys.readouterr()
    assert main(["export", "--format", "geojson", "--what", "findings", "--db", acled_db]) == 2
    assert "--format geojson writes events only" in capsys.readouterr().err
    assert main(["export", "--format", "csv", "--what", "findings", "--db", acled_db]) == 2
    assert "--what findings needs --charter" in capsys.readouterr().err
    assert main(["export", "--format", "csv", "--since", "yesterday", "--db", acled_db]) == 2
    assert "--since 'yesterday' is not a date" in capsys.readouterr().err
    missing = tmp_path / "nope.csv"
    db = f"sqlite:///{tmp_path / 'b.db'}"
    assert main(["import", "--format", "acled", str(missing), "--db", db]) == 2
    err = capsys.readouterr().err
    assert f"{missing}: no such file or folder" in err and "Traceback" not in err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a:0", "event": "DANCE"}\nnot json\n')
    assert main(["import", "--format", "plover-json", str(bad), "--db", db]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:1: event 'DANCE' is not a PLOVER event type" in err
    assert f"{bad}:2:" in err
