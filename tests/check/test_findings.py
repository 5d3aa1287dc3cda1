"""Grades, membership dates, factuality, reviews and filters, over the hand-built corpus."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from pactwatch.check.check import check
from pactwatch.check.findings import Finding, grade
from pactwatch.corroborate import corroborate
from pactwatch.errors import UsageError
from pactwatch.store import Store, schema
from tests.check.corpus import AS_OF

AS_OF_DAY = dt.date.fromisoformat(AS_OF)


def _run(store: Store, charter: str, **kw: object) -> list[Finding]:
    return check(store, charter, as_of=AS_OF_DAY, **kw)  # type: ignore[arg-type]


def _by(findings: list[Finding], rule: str, member: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule and f.member == member]


def test_grade_order() -> None:
    assert grade(disputed=True, all_hedged=True, sources=3) == "disputed"
    assert grade(disputed=False, all_hedged=True, sources=3) == "hedged"
    assert grade(disputed=False, all_hedged=False, sources=1) == "single-source"
    assert grade(disputed=False, all_hedged=False, sources=2) == "corroborated"


def test_grades_on_the_corpus(corpus_store: Store) -> None:
    findings = _run(corpus_store, "csto-reform")
    clashes = {f.first_date: f for f in _by(findings, "no-hostilities-between-members", "KGZ")}
    sept = clashes["2022-09-14"]
    assert (sept.grade, sept.sources, sept.events) == (
        "corroborated",
        2,
        ["a-clash:0", "b-clash:0"],
    )
    assert sept.last_date == "2022-09-17"
    assert clashes["2021-04-29"].grade == "disputed"
    [labs] = _by(findings, "no-adversary-facilities", "KAZ")
    assert labs.grade == "hedged"
    assert labs.counterparts == ["USA"]
    exercises = _by(findings, "no-exercises-with-adversaries", "TJK")
    assert [f.grade for f in exercises] == ["single-source"]


def test_evidence_quotes_the_record_sentence(corpus_store: Store) -> None:
    [labs] = _by(_run(corpus_store, "csto-reform"), "no-adversary-facilities", "KAZ")
    assert (
        labs.evidence[0].quote
        == "Russian officials allege that US military laboratories operate in Kazakhstan."
    )
    sept = _by(_run(corpus_store, "csto-treaty"), "art1-non-use-of-force", "TJK")
    urls = {e.doc_id: e.url for f in sept for e in f.evidence}
    assert urls["a-clash"] == "https://example.org/a-clash"


def test_rejected_records_are_not_evidence(corpus_store: Store) -> None:
    [kaz] = _by(_run(corpus_store, "csto-treaty"), "art1-non-use-of-force", "KAZ")
    # two documents report it, but the reviewer rejected one: one source is left
    assert kaz.events == ["j-kaz-kgz:0"]
    assert (kaz.grade, kaz.sources) == ("single-source", 1)
    assert "reviewer rejected" in kaz.explanation


def test_non_factual_records_never_make_findings(corpus_store: Store) -> None:
    events = {
        e
        for c in ("csto-treaty", "csto-reform", "sco")
        for f in _run(corpus_store, c)
        for e in f.events
    }
    assert not any(e.startswith("l-nonfactual") for e in events)
    # the negated denial disputes the April clash but is not itself evidence
    assert "d-apr2021-denial:0" not in events


def test_membership_on_the_event_date(corpus_store: Store) -> None:
    treaty = _run(corpus_store, "csto-treaty")
    uzb = _by(treaty, "art1-non-use-of-force", "UZB")
    assert [f.first_date for f in uzb] == ["2010-06-12"]  # a member in 2010, not in 2013
    assert "RC-22" not in str(
        [
            f.events
            for f in _by(_run(corpus_store, "csto-reform"), "no-exercises-with-adversaries", "UZB")
        ]
    )
    assert not _by(_run(corpus_store, "csto-reform"), "no-exercises-with-adversaries", "UZB")
    nato = _run(corpus_store, "nato")
    assert [(f.member, f.counterparts, f.first_date) for f in nato] == [
        ("TUR", ["FIN"], "2023-06-01")
    ]


def test_response_deadline(corpus_store: Store) -> None:
    treaty = _run(corpus_store, "csto-treaty")
    assert [f.member for f in treaty if f.rule == "art4-collective-defence"] == [
        "ARM"
    ]  # KAZ was answered
    assert not [
        f for f in treaty if f.rule == "art2-consultations"
    ]  # the CSTO agreed a mission at once
    # before the 30 days ran out there is nothing to flag yet
    early = check(corpus_store, "csto-treaty", as_of=dt.date(2022, 9, 20))
    assert not [f for f in early if f.rule == "art4-collective-defence"]


def test_filters(corpus_store: Store) -> None:
    only_kgz = _run(corpus_store, "csto-reform", member="kgz")
    assert only_kgz and {f.member for f in only_kgz} == {"KGZ"}
    in_2022 = _run(corpus_store, "csto-reform", since="2022-01-01", until="2022-12-31")
    assert all(f.first_date is None or f.first_date.startswith("2022") for f in in_2022)
    assert len(in_2022) < len(_run(corpus_store, "csto-reform"))
    with pytest.raises(UsageError):
        _run(corpus_store, "csto-reform", since="last year")


def test_incidents_are_linked_once_and_rebuilt_the_same(corpus_store: Store) -> None:
    def counts() -> tuple[int, int]:
        with corpus_store.engine.connect() as conn:
            return (
                conn.execute(select(func.count()).select_from(schema.incidents)).scalar_one(),
                conn.execute(select(func.count()).select_from(schema.incident_events)).scalar_one(),
            )

    before = counts()
    again = corroborate(corpus_store)
    assert counts() == before
    assert again.records == 0  # nothing new: nothing read, nothing relinked
    rebuilt = corroborate(corpus_store, rebuild=True)
    assert counts() == before
    assert rebuilt.disputes == 2  # the April clash (denied) and the accusation (rejected)
    with corpus_store.engine.connect() as conn:
        # a record may have two links (a rejection reports its own incident and disputes
        # another): compare the set of links, not the last row read of each record
        links = set(
            conn.execute(
                select(schema.incident_events.c.event_id, schema.incident_events.c.relation)
            ).tuples()
        )
    assert ("b-clash:1", "disputes") in links  # Bishkek rejects Dushanbe's accusation
    assert ("d-apr2021-denial:0", "disputes") in links
    assert {("a-clash:0", "reports"), ("b-clash:0", "reports")} <= links
    assert not {("a-clash:0", "disputes"), ("b-clash:0", "disputes")} & links
