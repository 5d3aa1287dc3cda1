"""Stored findings: first and last seen, an analyst's confirm or dismiss kept across
recomputation and `corroborate --rebuild`, in the audit log, and out of the ladder."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update

from pactwatch.check.charter import load_charter
from pactwatch.check.check import check, consequences_of
from pactwatch.check.findings import Finding
from pactwatch.check.ladder import Consequence
from pactwatch.check.stored import get, listing, set_state
from pactwatch.cli import main
from pactwatch.corroborate import corroborate
from pactwatch.errors import NotFound, UsageError
from pactwatch.store import Store, open_store, save_document, schema
from tests.check.corpus import REJECTED, corpus
from tests.check.test_ladder import AS_OF

Capture = pytest.CaptureFixture[str]


def _by_id(store: Store, charter: str = "csto-reform") -> dict[str, Finding]:
    return {f.id: f for f in check(store, load_charter(charter), as_of=AS_OF)}


def test_findings_are_stored_once_with_first_and_last_seen(corpus_store: Store) -> None:
    first = _by_id(corpus_store)
    rows = {r["id"]: r for r in listing(corpus_store, "csto-reform")}
    assert set(rows) == set(first) and len(rows) > 5
    assert all(r["state"] == "open" and r["first_seen"] == r["last_seen"] for r in rows.values())
    time.sleep(1.1)  # stored to the second
    _by_id(corpus_store)
    again = {r["id"]: r for r in listing(corpus_store, "csto-reform")}
    assert {i: r["first_seen"] for i, r in again.items()} == {
        i: r["first_seen"] for i, r in rows.items()
    }
    assert all(again[i]["last_seen"] > rows[i]["last_seen"] for i in rows)
    # the stored JSON is the finding as check computed it, without what the store adds
    some = next(iter(first.values()))
    assert rows[some.id]["finding"] == some.computed()


@pytest.fixture
def linked_late(store_url: str) -> Iterator[Store]:
    """The corpus linked one document per run, newest first: incident ids in arrival
    order, which a rebuild (one pass in date order) would not give back by itself."""
    with open_store(store_url) as store:
        for builder in reversed(corpus()):
            save_document(store, builder.document(), builder.events)
            corroborate(store)
        with store.write() as conn:
            conn.execute(
                update(schema.events)
                .where(schema.events.c.id.in_(REJECTED))
                .values(review="rejected")
            )
        yield store


def test_confirm_and_dismiss_survive_recomputation_and_rebuild(linked_late: Store) -> None:
    corpus_store = linked_late
    found = _by_id(corpus_store)
    kgz = sorted(
        (f for f in found.values() if f.member == "KGZ"),
        key=lambda f: f.id,
    )
    confirmed, dismissed = kgz[0].id, kgz[1].id
    set_state(corpus_store, confirmed, "confirm", "ana", "checked both reports")
    set_state(corpus_store, dismissed, "dismiss", "ben", "the report is a denial")
    for step in ("recompute", "rebuild"):
        if step == "rebuild":
            corroborate(corpus_store, rebuild=True)
        again = _by_id(corpus_store)
        assert set(again) == set(found), step  # the same ids: incidents kept theirs
        assert again[confirmed].state == "confirmed"
        assert again[dismissed].state == "dismissed"
        assert again[dismissed].note == "the report is a denial"
        assert {f.state for i, f in again.items() if i not in (confirmed, dismissed)} == {"open"}
    with corpus_store.engine.connect() as conn:
        log = conn.execute(
            select(schema.audit_log.c.user, schema.audit_log.c.action, schema.audit_log.c.target)
            .where(schema.audit_log.c.action.like("finding_%"))
            .order_by(schema.audit_log.c.id)
        ).all()
    assert [tuple(r) for r in log] == [
        ("ana", "finding_confirm", confirmed),
        ("ben", "finding_dismiss", dismissed),
    ]
    set_state(corpus_store, dismissed, "reopen", "ana")
    assert get(corpus_store, dismissed)["state"] == "open"


def test_dismissed_findings_leave_the_ladder(corpus_store: Store) -> None:
    charter = load_charter("csto-reform")
    rule = "no-hostilities-between-members"

    def kgz() -> Consequence | None:
        found = check(corpus_store, charter, as_of=AS_OF)
        return {(c.member, c.rule): c for c in consequences_of(charter, found, AS_OF)}.get(
            ("KGZ", rule)
        )

    before = kgz()
    assert before is not None and len(before.findings) == 2
    gone = before.findings[0]
    set_state(corpus_store, gone, "dismiss", "ana", "one side's account only")
    after = kgz()
    assert after is not None and after.findings == before.findings[1:]
    assert after.step != before.step
    assert "1 dismissed finding(s) not counted" in after.explanation
    set_state(corpus_store, gone, "confirm", "ana")  # confirmed counts again
    assert (restored := kgz()) is not None and restored.findings == before.findings


def test_bad_state_changes_are_errors_and_change_nothing(corpus_store: Store) -> None:
    fid = next(iter(_by_id(corpus_store)))
    with pytest.raises(UsageError, match="needs a note") as caught:
        set_state(corpus_store, fid, "dismiss", "ana", "  ")
    assert caught.value.fix and "--note" in caught.value.fix
    with pytest.raises(NotFound, match="no finding 'ffffffffffffffff'") as missing:
        set_state(corpus_store, "ffffffffffffffff", "confirm", "ana")
    assert missing.value.fix and "findings list" in missing.value.fix
    with pytest.raises(UsageError, match="at most 2000"):
        set_state(corpus_store, fid, "confirm", "ana", "x" * 2001)
    assert get(corpus_store, fid)["state"] == "open"


def test_cli_confirm_dismiss_and_check_json(
    corpus_store: Store, store_url: str, capsys: Capture
) -> None:
    args = ["--charter", "csto-reform", "--as-of", AS_OF.isoformat(), "--format", "json"]
    assert main(["check", *args, "--db", store_url]) == 0
    fid = json.loads(capsys.readouterr().out)["findings"][0]["id"]
    assert main(["findings", "dismiss", fid, "--db", store_url]) == 2
    assert "--note" in capsys.readouterr().err
    assert main(["findings", "dismiss", fid, "--note", "wrong member", "--db", store_url]) == 0
    assert f"{fid} dismissed" in capsys.readouterr().out
    assert main(["findings", "confirm", "0123456789abcdef", "--db", store_url]) == 2
    err = capsys.readouterr().err
    assert "no finding '0123456789abcdef'" in err and "fix:" in err and "Traceback" not in err
    assert main(["check", *args, "--db", store_url]) == 0
    shown = {f["id"]: f for f in json.loads(capsys.readouterr().out)["findings"]}
    assert shown[fid]["state"] == "dismissed" and shown[fid]["note"] == "wrong member"
    assert dt.datetime.fromisoformat(shown[fid]["first_seen"].replace("Z", "+00:00"))
    assert (
        main(["findings", "list", "--state", "dismissed", "--format", "json", "--db", store_url])
        == 0
    )
    listed = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in listed] == [fid] and listed[0]["note"] == "wrong member"


def test_a_read_only_store_still_shows_stored_states(sqlite_url: str) -> None:
    from tests.check.corpus import build

    with open_store(sqlite_url) as store:
        build(store)
        corroborate(store)
        fid = next(iter(_by_id(store)))
        set_state(store, fid, "confirm", "ana")
    path = sqlite_url.removeprefix("sqlite:///")
    with open_store(f"sqlite:///file:{path}?mode=ro&uri=true", create=False) as ro:
        found = _by_id(ro)
    assert found[fid].state == "confirmed"
