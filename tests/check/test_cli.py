"""`pactwatch check`, `compare`, `scorecard`, `charters` over the hand-built corpus."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pactwatch.cli import main
from pactwatch.store import Store

Capture = pytest.CaptureFixture[str]


def _json(capsys: Capture, *argv: str) -> Any:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_check_json_has_the_issue_shape(
    corpus_store: Store, store_url: str, capsys: Capture
) -> None:
    out = _json(capsys, "check", "--charter", "csto-reform", "--format", "json", "--db", store_url)
    assert out["charter"] == "csto-reform"
    keys = ["id", "rule", "status", "member", "counterparts", "events", "evidence", "first_date",
            "last_date", "sources", "grade", "explanation", "incident", "dates",
            "state", "first_seen", "last_seen", "note"]  # fmt: skip
    assert out["findings"] and all(list(f) == keys for f in out["findings"])
    # stored by the check itself: an analyst's state and when each was first computed
    assert {f["state"] for f in out["findings"]} == {"open"}
    assert all(f["first_seen"] and f["first_seen"].endswith("Z") for f in out["findings"])
    assert all(
        list(e) == ["doc_id", "quote", "url"] for f in out["findings"] for e in f["evidence"]
    )
    kgz = _json(capsys, "check", "--charter", "csto-reform", "--member", "KGZ", "--since", "2022-09-01",
                "--format", "json", "--db", store_url)  # fmt: skip
    assert {(f["rule"], f["first_date"]) for f in kgz["findings"]} == {
        ("no-hostilities-between-members", "2022-09-14"),
        ("implement-council-decisions", "2022-10-07"),
    }


def test_check_table(corpus_store: Store, store_url: str, capsys: Capture) -> None:
    assert main(["check", "--charter", "csto-treaty", "--db", store_url]) == 0
    out = capsys.readouterr().out
    assert "art1-non-use-of-force" in out and "corroborated" in out


def test_compare_side_by_side(corpus_store: Store, store_url: str, capsys: Capture) -> None:
    out = _json(capsys, "compare", "--charter", "csto-treaty", "--charter", "csto-reform",
                "--format", "json", "--db", store_url)  # fmt: skip
    assert out["charters"] == ["csto-treaty", "csto-reform"]
    rows = {(r["member"], tuple(r["events"])): r for r in out["rows"]}
    sept = rows[("KGZ", ("a-clash:0", "b-clash:0"))]
    assert sept["csto-treaty"] == ["art1-non-use-of-force"]
    assert sept["csto-reform"] == ["no-hostilities-between-members"]
    exercise = rows[("TJK", ("e-rc22:0",))]
    assert exercise["csto-treaty"] == [] and exercise["csto-reform"] == [
        "no-exercises-with-adversaries"
    ]
    assert (
        main(["compare", "--charter", "csto-treaty", "--charter", "csto-reform", "--db", store_url])
        == 0
    )
    assert "csto-treaty vs csto-reform" in capsys.readouterr().out
    assert main(["compare", "--charter", "csto-treaty", "--db", store_url]) == 2


def test_scorecard(corpus_store: Store, store_url: str, capsys: Capture) -> None:
    total = _json(
        capsys,
        "check",
        "--charter",
        "csto-reform",
        "--format",
        "json",
        "--db",
        store_url,
    )
    for by in ("member", "rule", "period"):
        out = _json(capsys, "scorecard", "--charter", "csto-reform", "--by", by, "--format", "json",
                    "--db", store_url)  # fmt: skip
        rows = {r[by]: r for r in out["rows"]}
        assert sum(r["findings"] for r in rows.values()) == len(total["findings"])
        # a clash between two members is one incident with a finding for each of them
        incidents = {(f["rule"], f["incident"] or f["id"]) for f in total["findings"]}
        if by != "member":
            assert sum(r["incidents"] for r in rows.values()) == len(incidents)
        if by == "member":
            assert rows["KGZ"]["corroborated"] == 1 and rows["KGZ"]["disputed"] == 1
        if by == "period":
            assert {"2010", "2021", "2022", "undated"} <= set(rows)
    assert (
        main(
            [
                "scorecard",
                "--charter",
                "csto-reform",
                "--by",
                "rule",
                "--db",
                store_url,
            ]
        )
        == 0
    )
    assert "scorecard by rule" in capsys.readouterr().out


def test_charters_lists_the_shipped_ones(capsys: Capture) -> None:
    out = _json(capsys, "charters", "--format", "json")
    ids = {c["id"]: [r["id"] for r in c["rules"]] for c in out}
    assert ids["csto-treaty"] == [
        "art1-non-use-of-force", "art1-no-hostile-alliances", "art2-consultations",
        "art4-collective-defence", "foreign-bases-consent",
    ]  # fmt: skip
    assert ids["csto-reform"] == [
        "no-hostilities-between-members", "no-adversary-facilities",
        "no-exercises-with-adversaries", "implement-council-decisions",
    ]  # fmt: skip
    assert {"art1-peaceful-settlement", "art5-collective-defence"} <= set(ids["nato"])
    assert "non-aggression" in ids["sco"]
    assert main(["charters"]) == 0
    assert "csto-reform" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["check", "compare", "scorecard", "charters", "corroborate"])
def test_help_has_an_example(command: str, capsys: Capture) -> None:
    assert main([command, "--help"]) == 0
    assert "Example" in capsys.readouterr().out
