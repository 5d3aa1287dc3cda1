"""corroborate on real stores (a SQLite file and, when configured, PostgreSQL).

Each test builds documents with hand-made records (tests/check/corpus.py's builder),
links them and reads the incidents back from the tables.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from sqlalchemy import select

from pactwatch.cli import main
from pactwatch.corroborate import corroborate
from pactwatch.corroborate.days import display, span_dates
from pactwatch.records import Entity
from pactwatch.review import review_event
from pactwatch.store import Store, save_document, schema
from tests.check.corpus import DocBuilder


def _save(store: Store, docs: Iterable[DocBuilder]) -> None:
    for d in docs:
        save_document(store, d.document(), d.events)


def _incidents(store: Store) -> dict[str, tuple[int, str]]:
    """event id -> (incident id, relation)."""
    ie = schema.incident_events
    with store.engine.connect() as conn:
        rows = conn.execute(select(ie.c.event_id, ie.c.incident_id, ie.c.relation)).all()
    return {e: (i, rel) for e, i, rel in rows}


def _incident(store: Store, incident_id: int) -> dict[str, object]:
    with store.engine.connect() as conn:
        row = (
            conn.execute(select(schema.incidents).where(schema.incidents.c.id == incident_id))
            .mappings()
            .one()
        )
    return dict(row)


def _clash(doc_id: str, day: str, report: str, *, source: str | None = None,
           actors: tuple[str, ...] = ("KGZ", "TJK")) -> DocBuilder:  # fmt: skip
    return DocBuilder(doc_id, report, source or doc_id).add(
        f"Kyrgyz and Tajik forces fought on {day} ({doc_id}).", "ASSAULT", actors, kind="armed_clash",
        date=day,
    )  # fmt: skip


def test_reports_of_one_clash_make_one_incident(store: Store) -> None:
    _save(store, [_clash("a", "2022-09-14", "2022-09-15", source="Reuters"),
                  _clash("b", "2022-09-16", "2022-09-17", source="AKIpress"),
                  _clash("c", "2022-09-16", "2022-09-17", source="AKIpress")])  # fmt: skip
    summary = corroborate(store)
    assert summary.records == 3 and summary.incidents_new == 1
    links = _incidents(store)
    (incident,) = {i for i, _ in links.values()}
    row = _incident(store, incident)
    assert (row["date"], row["enddate"]) == ("2022-09-14", "2022-09-16")
    assert row["sources"] == 3 and row["outlets"] == 2  # three documents, two outlets
    assert row["parties"] == "KGZ TJK"


def test_no_chains_an_incident_spans_at_most_the_bound(store: Store) -> None:
    # a report every 4 days for 40 days: pairwise linking would chain them all into one
    days = [f"2022-09-{d:02d}" for d in range(1, 29, 4)] + ["2022-10-03", "2022-10-07"]
    _save(store, [_clash(f"r{i}", day, day) for i, day in enumerate(days)])
    summary = corroborate(store, bound=10)
    assert summary.largest_incident_days <= 10
    incidents = {i for i, _ in _incidents(store).values()}
    assert len(incidents) >= 4
    for i in incidents:
        row = _incident(store, i)
        assert int(row["day_last"]) - int(row["day_first"]) + 1 <= 10  # type: ignore[call-overload]


def test_incremental_runs_keep_ids_and_join_existing_incidents(store: Store) -> None:
    _save(store, [_clash("a", "2022-09-14", "2022-09-15")])
    first = corroborate(store)
    (incident,) = {i for i, _ in _incidents(store).values()}
    assert first.incidents_new == 1
    assert corroborate(store).records == 0  # nothing new, nothing read
    # a later report of the same clash, and an unrelated clash a year on
    _save(store, [_clash("b", "2022-09-17", "2022-09-18"), _clash("c", "2023-09-17", "2023-09-18")])
    second = corroborate(store)
    assert (second.records, second.incidents_new, second.incidents_grown) == (2, 1, 1)
    links = _incidents(store)
    assert links["a:0"][0] == links["b:0"][0] == incident  # the id did not change
    assert links["c:0"][0] != incident
    assert _incident(store, incident)["sources"] == 2


def test_an_actor_only_report_joins_the_two_sided_incident(store: Store) -> None:
    _save(store, [_clash("a", "2022-09-14", "2022-09-15"),
                  _clash("b", "2022-09-15", "2022-09-16", actors=("TJK",))])  # fmt: skip
    corroborate(store)
    links = _incidents(store)
    assert links["a:0"][0] == links["b:0"][0]


def test_a_denial_disputes_and_a_news_agency_is_no_party(store: Store) -> None:
    denial = DocBuilder("d", "2022-09-16", "Asia-Plus").add(
        "Dushanbe denied that its troops fought on September 14.", "ASSAULT", ("TJK", "KGZ"),
        kind="armed_clash", aux=("negation",), date="2022-09-14",
    )  # fmt: skip
    agency = DocBuilder("e", "2022-09-16", "RIA").add(
        "Fighting went on, RIA Novosti said.", "ASSAULT", ("KGZ", "TJK"), kind="armed_clash",
        date="2022-09-15",
    )  # fmt: skip
    agency.events[0].actor.append(Entity("RUS", "MED", "RIA Novosti"))
    _save(store, [_clash("a", "2022-09-14", "2022-09-15"), denial, agency])
    summary = corroborate(store)
    links = _incidents(store)
    assert links["d:0"][1] == "disputes" and summary.disputes == 1
    assert links["e:0"][0] == links["a:0"][0]  # RIA Novosti's RUS is no party: same block
    assert _incident(store, links["a:0"][0])["disputed"] is True


def test_rebuild_gives_the_same_incidents(store: Store) -> None:
    _save(store, [_clash("a", "2022-09-14", "2022-09-15"), _clash("b", "2022-09-16", "2022-09-17"),
                  _clash("c", "2021-04-29", "2021-04-30")])  # fmt: skip
    corroborate(store)
    before = sorted(_incidents(store).items())
    again = corroborate(store, rebuild=True)
    assert again.records == 3
    assert sorted(_incidents(store).items()) == before


def test_a_corrected_record_is_linked_again(store: Store) -> None:
    _save(store, [_clash("a", "2022-09-14", "2022-09-15"), _clash("b", "2022-09-15", "2022-09-16")])
    corroborate(store)
    incident = _incidents(store)["a:0"][0]
    # an analyst finds b reports another year's clash
    review_event(store, "b:0", "correct", "ana", fields={"date": "2021-04-29", "event": "COERCE"})
    links = _incidents(store)
    assert links["b:0"][0] != incident
    assert _incident(store, incident)["sources"] == 1


def test_undated_and_month_dated_reports(store: Store) -> None:
    undated = DocBuilder("u", "2022-09-18", "AKIpress").add(
        "Kyrgyz and Tajik forces fought again.", "ASSAULT", ("KGZ", "TJK"), kind="armed_clash"
    )
    month = DocBuilder("m", "2022-10-10", "Kommersant").add(
        "The September fighting between Kyrgyzstan and Tajikistan killed dozens.", "ASSAULT",
        ("KGZ", "TJK"), kind="armed_clash", date="2022-09",
    )  # fmt: skip
    _save(store, [_clash("a", "2022-09-14", "2022-09-15"), undated, month])
    corroborate(store)
    links = _incidents(store)
    assert links["u:0"][0] == links["m:0"][0] == links["a:0"][0]
    row = _incident(store, links["a:0"][0])
    assert (row["date"], row["enddate"]) == ("2022-09-14", None)  # the precise report's date


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [("2022-09-14", "2022-09-17", "2022-09-14 – 2022-09-17"), ("2022-01-01", "2022-01-31", "2022-01"),
     ("2021-01-01", "2021-12-31", "2021"), ("2022-09-14", "2022-09-14", "2022-09-14")],
)  # fmt: skip
def test_dates_at_their_true_precision(first: str, last: str, shown: str) -> None:
    from pactwatch.corroborate.days import day_number

    a, b = day_number(first), day_number(last)
    assert a is not None and b is not None
    assert display(*span_dates(a, b)) == shown


def test_cli_corroborate(store: Store, store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _save(store, [_clash("a", "2022-09-14", "2022-09-15")])
    assert main(["corroborate", "--db", store_url]) == 0
    assert "1 record(s) read; 1 new incident(s)" in capsys.readouterr().out
    assert main(["corroborate", "--rebuild", "--format", "json", "--db", store_url]) == 0
    assert '"records": 1' in capsys.readouterr().out


def test_rebuild_keeps_incident_ids(store: Store) -> None:
    # linked in two runs, the 2022 clash first: a rebuild reads the 2021 clash first, and
    # would number it 1 if ids were handed out afresh (findings hang on these ids)
    _save(store, [_clash("a", "2022-09-14", "2022-09-15")])
    corroborate(store)
    _save(store, [_clash("c", "2021-04-29", "2021-04-30")])
    corroborate(store)
    before = _incidents(store)
    assert before["a:0"][0] < before["c:0"][0]
    corroborate(store, rebuild=True)
    assert _incidents(store) == before
    corroborate(store, rebuild=True)  # and again: nothing left behind by the first
    assert _incidents(store) == before


@pytest.mark.parametrize("date", ["2022-03", "2022"], ids=["month", "year"])
def test_a_rejection_disputes_an_accusation_dated_to_a_month_or_a_year(
    store: Store, date: str
) -> None:
    """Incidents up to a month wide and wider ones are found by two queries (run.py):
    a rejection by the accused must dispute either kind."""
    accusation = DocBuilder("acc", "2022-12-31", "Asia-Plus").add(
        f"Dushanbe accused Bishkek of shelling in {date}.", "ACCUSE", ("TJK",), ("KGZ",),
        date=date,
    )  # fmt: skip
    rejection = DocBuilder("rej", "2022-03-21", "AKIpress").add(
        "Bishkek rejected Dushanbe's accusation.", "REJECT", ("KGZ",), ("TJK",), date="2022-03-20"
    )
    _save(store, [accusation, rejection])
    summary = corroborate(store)
    ie = schema.incident_events
    with store.engine.connect() as conn:
        links = set(conn.execute(select(ie.c.incident_id, ie.c.event_id, ie.c.relation)).tuples())
    (accused,) = [i for i, e, r in links if e == "acc:0"]
    assert (accused, "rej:0", "disputes") in links and summary.disputes == 1
    assert _incident(store, accused)["disputed"] is True
