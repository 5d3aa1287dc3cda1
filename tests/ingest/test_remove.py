"""`pactwatch remove` on real stores (a SQLite file and, when configured, PostgreSQL):
the document goes with its records and reviews, its incidents are recounted, its
findings follow, and an audit entry keeps what was removed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from pactwatch.check.check import check
from pactwatch.cli import main
from pactwatch.corroborate import corroborate
from pactwatch.ingest.remove import remove_documents
from pactwatch.review import review_event
from pactwatch.store import Store, save_document, schema
from tests.check.corpus import DocBuilder

AS_OF = dt.date(2025, 1, 1)


def _clash(doc_id: str, day: str, report: str, source: str) -> DocBuilder:
    return DocBuilder(doc_id, report, source).add(
        f"Kyrgyz and Tajik forces fought on {day} ({doc_id}).", "ASSAULT", ("KGZ", "TJK"),
        kind="armed_clash", date=day,
    )  # fmt: skip


def _denial(doc_id: str) -> DocBuilder:
    return DocBuilder(doc_id, "2022-09-16", "Asia-Plus").add(
        "Dushanbe denied that its troops fought on September 14.", "ASSAULT", ("TJK", "KGZ"),
        kind="armed_clash", aux=("negation",), date="2022-09-14",
    )  # fmt: skip


def _fill(store: Store, docs: list[DocBuilder]) -> None:
    for d in docs:
        save_document(store, d.document(), d.events)
    corroborate(store)


def _count(store: Store, table: schema.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _incidents(store: Store) -> list[dict[str, object]]:
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(schema.incidents)).mappings()]


def _clash_findings(store: Store) -> list[tuple[str, int, list[str]]]:
    found = check(store, "csto-reform", as_of=AS_OF)
    return [
        (f.grade, f.sources, f.events)
        for f in found
        if f.rule == "no-hostilities-between-members" and f.member == "KGZ"
    ]


def test_removing_a_report_recounts_its_incident_and_findings_follow(store: Store) -> None:
    _fill(store, [_clash("a", "2022-09-14", "2022-09-15", "Reuters"),
                  _clash("b", "2022-09-16", "2022-09-17", "AKIpress"), _denial("d")])  # fmt: skip
    [incident] = _incidents(store)
    assert (incident["sources"], incident["disputed"]) == (2, True)
    assert (incident["date"], incident["enddate"]) == ("2022-09-14", "2022-09-16")
    assert _clash_findings(store) == [("disputed", 2, ["a:0", "b:0"])]
    review_event(store, "b:0", "confirm", "ana", note="checked against the wire")

    summary = remove_documents(store, ["b", "d"], by="tester")

    assert (summary.documents, summary.records, summary.reviews) == (["b", "d"], 2, 1)
    [after] = _incidents(store)
    assert after["id"] == incident["id"]  # the incident is recounted in place
    assert (after["sources"], after["disputed"]) == (1, False)  # its dispute went with "d"
    assert (after["date"], after["enddate"]) == ("2022-09-14", None)  # from "a" alone
    assert _clash_findings(store) == [("single-source", 1, ["a:0"])]
    with store.engine.connect() as conn:
        left = {r[0] for r in conn.execute(select(schema.events.c.id))}
        keys = {r[0] for r in conn.execute(select(schema.incident_keys.c.event_id))}
        reviews = conn.execute(select(func.count()).select_from(schema.reviews)).scalar_one()
        entries = conn.execute(
            select(schema.audit_log).where(schema.audit_log.c.action == "remove")
        ).mappings().all()  # fmt: skip
    assert left == keys == {"a:0"} and reviews == 0
    assert [(e["user"], e["target"]) for e in entries] == [("tester", "b"), ("tester", "d")]
    detail = entries[0]["detail"]
    assert detail["source"] == "AKIpress" and detail["records"] == 1
    # the analyst's review stays on record in the audit entry
    assert [(r["action"], r["note"]) for r in detail["reviews"]] == [
        ("confirm", "checked against the wire")
    ]

    remove_documents(store, ["a"])
    assert _incidents(store) == [] and _clash_findings(store) == []
    assert _count(store, schema.documents) == 0 and _count(store, schema.incident_events) == 0


def test_unknown_ids_are_named_and_nothing_is_removed(
    store: Store, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(store, [_clash("a", "2022-09-14", "2022-09-15", "Reuters")])
    status = main(["remove", "a", "nosuch", "gone:2", "--db", store_url])
    err = capsys.readouterr().err
    assert status == 2
    assert "'nosuch'" in err and "'gone:2'" in err and "nothing was removed" in err
    assert "Traceback" not in err
    assert _count(store, schema.documents) == 1 and _count(store, schema.events) == 1
    assert _count(store, schema.incidents) == 1


def test_cli_remove(store: Store, store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(store, [_clash("a", "2022-09-14", "2022-09-15", "Reuters"),
                  _clash("b", "2022-09-16", "2022-09-17", "AKIpress")])  # fmt: skip
    assert main(["remove", "b", "b", "--db", store_url]) == 0
    out = capsys.readouterr().out
    assert "removed b\n" in out
    assert "1 document(s) removed with 1 record(s) and 0 review(s); 1 incident(s) recounted" in out
    assert main(["remove", "a", "--format", "json", "--db", store_url]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["documents"] == ["a"] and summary["incidents_left"] == 0


def test_remove_never_creates_a_store(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "none.db"  # type: ignore[operator]
    assert main(["remove", "a", "--db", f"sqlite:///{path}"]) == 2
    assert not path.exists()
