"""Consequences ladders over the hand-built corpus: which step each member reaches, and why."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pactwatch.check.charter import load_charter
from pactwatch.check.check import check, consequences_of, findings_json
from pactwatch.check.findings import Finding
from pactwatch.check.ladder import Ladder, Step, climb
from pactwatch.cli import main
from pactwatch.store import Store

AS_OF = dt.date(2023, 1, 1)  # 24 months back reach the 2021 and 2022 clashes of the corpus


def test_the_rule_ladder_counts_corroborated_and_single_source_findings(
    corpus_store: Store,
) -> None:
    charter = load_charter("csto-reform")
    findings = check(corpus_store, charter, as_of=AS_OF)
    prescribed = {(c.member, c.rule): c for c in consequences_of(charter, findings, AS_OF)}
    kgz = prescribed[("KGZ", "no-hostilities-between-members")]
    hostilities = [
        f for f in findings if f.member == "KGZ" and f.rule == "no-hostilities-between-members"
    ]
    in_window = [f for f in hostilities if (f.first_date or "") > "2021-01-01"]
    counted = [f.id for f in in_window if f.grade in ("corroborated", "single-source")]
    # the April 2021 clash is disputed: it is a finding, but no step of the ladder rests on it
    assert any(f.grade == "disputed" for f in in_window)
    assert len(in_window) > len(counted)
    assert sorted(kgz.findings) == sorted(counted) and len(counted) == 2
    assert kgz.step == "suspension of the member's participation in the Organization"
    assert kgz.status == "proposed" and "illustrative, proposed by pactwatch" in kgz.source
    assert "step 2 of 2" in kgz.explanation
    # other rules count on the charter's own ladder
    assert all(c.rule is None for c in prescribed.values() if c.rule != kgz.rule)


def test_the_window_ends_at_as_of(corpus_store: Store) -> None:
    charter = load_charter("csto-reform")
    later = dt.date(2030, 1, 1)
    assert consequences_of(charter, check(corpus_store, charter, as_of=later), later) == []


def test_the_treaty_ladder_states_only_what_the_csto_provides(corpus_store: Store) -> None:
    charter = load_charter("csto-treaty")
    assert charter.consequences is not None and charter.consequences.status == "in_force"
    assert len(charter.consequences.steps) == 1
    assert "Regulations" in charter.consequences.source
    prescribed = consequences_of(charter, check(corpus_store, charter, as_of=AS_OF), AS_OF)
    assert {c.status for c in prescribed} == {"in_force"}
    assert all("the Collective Security Council may suspend" in c.step for c in prescribed)


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_check_shows_the_consequences(
    corpus_store: Store, store_url: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["check", "--charter", "csto-reform", "--as-of", "2023-01-01", "--format", fmt]
    assert main([*argv, "--db", store_url]) == 0
    out = capsys.readouterr().out
    if fmt == "table":
        assert "csto-reform: consequences" in out
        return
    data = json.loads(out)
    assert list(data) == ["charter", "findings", "consequences"]
    keys = ["member", "step", "status", "source", "findings", "explanation"]
    assert data["consequences"] and all(list(c) == keys for c in data["consequences"])
    ids = {f["id"] for f in data["findings"]}
    assert all(set(c["findings"]) <= ids for c in data["consequences"])
    charter = load_charter("csto-reform")
    again = findings_json(charter, check(corpus_store, charter, as_of=AS_OF), AS_OF)
    for f in (*data["findings"], *again["findings"]):
        del f["last_seen"]  # each check moves it (stored to the second)
    assert data == again


def test_compare_shows_both_ladders(
    corpus_store: Store, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["compare", "--charter", "csto-treaty", "--charter", "csto-reform", "--as-of",
            "2023-01-01", "--format", "json", "--db", store_url]  # fmt: skip
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["consequences"]) == {"csto-treaty", "csto-reform"}
    # a two-member clash is one incident and two findings: fewer incidents than findings
    assert 0 < data["incidents"]["csto-reform"] < data["findings"]["csto-reform"]
    assert {c["status"] for c in data["consequences"]["csto-treaty"]} == {"in_force"}
    assert {c["status"] for c in data["consequences"]["csto-reform"]} == {"proposed"}


def test_a_bad_as_of_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--charter", "csto-reform", "--as-of", "soon", "--db", "sqlite://"]) == 2
    assert "--as-of" in capsys.readouterr().err


def _finding(n: int, first: str, counterparts: list[str], rule: str = "no-hostilities") -> Finding:
    return Finding(
        id=f"f{n}", rule=rule, status="proposed", member="KGZ", counterparts=counterparts,
        events=[f"e{n}"], evidence=[], first_date=first, last_date=None, sources=1,
        grade="single-source", explanation="", incident=n, dates=first,
    )  # fmt: skip


_LADDER = Ladder(
    status="proposed", source="test", window_months=24,
    steps=(Step(1, "statement of concern"), Step(2, "suspension of voting rights")),
)  # fmt: skip


def test_a_finding_dated_to_a_year_is_not_counted_beside_a_clash_dated_within_it() -> None:
    """ "deadly clashes in 2021" and the clash of 28 April 2021 may be one incident: the
    member stays at the first step, and the explanation says why."""
    findings = [_finding(1, "2021-04-28", ["TJK"]), _finding(2, "2021", ["TJK"])]
    [kgz] = climb(_LADDER, findings, dt.date(2022, 1, 1))
    assert kgz.findings == ["f1"] and kgz.step == "statement of concern"
    assert "1 finding(s) dated only to a month or year not counted" in kgz.explanation
    # paraphrase: a month and a day within it
    findings = [_finding(1, "2022-09-14", ["TJK"]), _finding(2, "2022-09", ["TJK"])]
    assert climb(_LADDER, findings, dt.date(2023, 1, 1))[0].findings == ["f1"]


@pytest.mark.parametrize(
    "vague",
    [
        # near misses: another year, another counterpart, another rule: each its own
        _finding(2, "2022", ["TJK"]),
        _finding(2, "2021", ["UZB"]),
        _finding(2, "2021", ["TJK"], rule="no-bases"),
    ],
)
def test_a_vague_finding_of_another_span_pair_or_rule_counts(vague: Finding) -> None:
    findings = [_finding(1, "2021-04-28", ["TJK"]), vague]
    [kgz] = climb(_LADDER, findings, dt.date(2022, 6, 1))
    assert sorted(kgz.findings) == ["f1", "f2"]
