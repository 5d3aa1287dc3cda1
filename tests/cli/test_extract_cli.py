"""`pactwatch extract` and `pactwatch evaluate` end to end: the installed command in a subprocess.

The commands that parse text start together in one module fixture (each loads
the spaCy model, which is most of its run time), then each test reads its result.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pactwatch.evaluate import read_jsonl, score

PROJECT = Path(__file__).resolve().parents[2]
DEV2 = PROJECT / "tests" / "data" / "dev2-gold.jsonl"
ARTICLE = (
    "Kyrgyz President Sadyr Japarov did not attend the CIS summit in Astana on Friday.\n\n"
    "Tajik troops shelled the Kyrgyz village of Ak-Sai on Thursday, the border service said.\n"
)
STDIN_TEXT = (
    "Armenia cancelled the CSTO exercise on Tuesday. Russia criticised Yerevan on Wednesday."
)
TIMEOUT = 300


def pactwatch_command() -> list[str]:
    """The installed console script beside this interpreter, else `python -m pactwatch`."""
    script = Path(sys.executable).with_name("pactwatch")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pactwatch"]


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PACTWATCH_")}
    env["PACTWATCH_WORKERS"] = "1"
    return env


@dataclass
class Result:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


def start(
    args: list[str], cwd: Path, stdin: str | None = None
) -> tuple[subprocess.Popen[str], str | None, list[str]]:
    proc = subprocess.Popen(
        [*pactwatch_command(), *args],
        cwd=cwd,
        env=child_env(),
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    return proc, stdin, args


def finish(started: tuple[subprocess.Popen[str], str | None, list[str]]) -> Result:
    proc, stdin, args = started
    try:
        out, err = proc.communicate(stdin, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    result = Result(args, proc.returncode, out, err)
    assert "Traceback" not in err, err
    return result


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("extract-cli")
    (work / "article.txt").write_text(ARTICLE, encoding="utf-8")
    # two annotated documents: input for extraction and gold for evaluate
    lines = DEV2.read_text(encoding="utf-8").splitlines()[:2]
    (work / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return work


@pytest.fixture(scope="module")
def results(workdir: Path) -> Iterator[dict[str, Result]]:
    runs = {
        # a .txt, a .jsonl and a missing file: the two are extracted, exit 1
        "files": start(
            ["extract", "article.txt", "missing.txt", "gold.jsonl", "--report-date", "2022-10-14"],
            workdir,
        ),
        "stdin": start(
            ["extract", "-", "--report-date", "2023-03-22", "--format", "table"],
            workdir,
            STDIN_TEXT,
        ),
        "all_bad": start(["extract", "missing.txt", "notes.docx"], workdir),
        "csv": start(
            ["extract", "article.txt", "--report-date", "2022-10-14", "--format", "csv"], workdir
        ),
    }
    yield {name: finish(started) for name, started in runs.items()}


@pytest.mark.slow
def test_extract_txt_and_jsonl(results: dict[str, Result], workdir: Path) -> None:
    res = results["files"]
    assert res.returncode == 1, res.stderr  # missing.txt was rejected
    recs = res.records()
    doc_ids = {r["text_info"]["doc_id"] for r in recs}
    gold_ids = {g["doc_id"] for g in read_jsonl(workdir / "gold.jsonl")}
    assert gold_ids <= doc_ids  # the .jsonl documents keep their own ids
    (txt_id,) = doc_ids - gold_ids
    txt = [r for r in recs if r["text_info"]["doc_id"] == txt_id]
    assert any(r["event"] == "REJECT" for r in txt)
    # --report-date applies to the .txt file; the .jsonl documents carry their own
    assert {r["report_date"] for r in txt} == {"2022-10-14"}
    assert all(
        r["report_date"] != "2022-10-14" for r in recs if r["text_info"]["doc_id"] in gold_ids
    )
    for r in txt:
        span = ARTICLE[r["text_info"]["start"] : r["text_info"]["end"]]
        assert span and span in ARTICLE.splitlines()


def test_extract_stdin_as_a_table(results: dict[str, Result]) -> None:
    res = results["stdin"]
    assert res.returncode == 0, res.stderr
    assert "REJECT" in res.stdout and "ARM" in res.stdout
    assert not res.stdout.lstrip().startswith("{")  # a table, not JSON lines


def test_some_inputs_rejected_exits_1(results: dict[str, Result]) -> None:
    res = results["files"]
    assert res.returncode == 1
    assert "missing.txt" in res.stderr
    assert "article.txt" not in res.stderr and "gold.jsonl" not in res.stderr
    assert res.records()  # the good files were still extracted


def test_nothing_usable_exits_2(results: dict[str, Result]) -> None:
    res = results["all_bad"]
    assert res.returncode == 2
    assert "missing.txt" in res.stderr and "notes.docx" in res.stderr
    assert res.stdout == ""


def test_evaluate_predictions_as_json(results: dict[str, Result], workdir: Path) -> None:
    preds = workdir / "pred.jsonl"
    preds.write_text(results["files"].stdout, encoding="utf-8")
    res = finish(
        start(
            ["evaluate", "gold.jsonl", "--predictions", "pred.jsonl", "--format", "json"], workdir
        )
    )
    assert res.returncode == 0, res.stderr
    printed = json.loads(res.stdout)
    expected = score(read_jsonl(workdir / "gold.jsonl"), read_jsonl(preds)).to_dict()
    assert printed == expected
    assert printed["documents"] == 2 and printed["true_positives"] > 0


def test_evaluate_missing_gold_is_a_message(workdir: Path) -> None:
    res = finish(start(["evaluate", "nope.jsonl", "--predictions", "nope2.jsonl"], workdir))
    assert res.returncode == 2
    assert "nope.jsonl" in res.stderr


def test_extract_csv_holds_the_same_records(results: dict[str, Result]) -> None:
    """--format csv: one row per record, no JSON in any cell, read back to the same records."""
    import csv
    import io

    from pactwatch.export.flatcsv import EVENT_COLUMNS, record_from_cells

    res = results["csv"]
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout, newline="")))
    assert rows and list(rows[0]) == list(EVENT_COLUMNS)
    assert not any(cell.startswith(("{", "[")) for row in rows for cell in row.values())
    jsonl = [r for r in results["files"].records() if r["text_info"]["doc_id"] == rows[0]["doc_id"]]
    assert [record_from_cells(row) for row in rows] == jsonl
