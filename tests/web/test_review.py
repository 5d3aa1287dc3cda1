"""Confirm, reject, correct, flag: the store, the audit log and the findings follow."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pactwatch import review
from pactwatch.errors import NotFound, UsageError
from pactwatch.store import Store, get_event
from pactwatch.store.schema import audit_log, entities, events, reviews

from .conftest import login


def _members(client: TestClient) -> list[str]:
    found = client.get("/api/findings?charter=test-charter").json()["findings"]
    return sorted(f["member"] for f in found)


def test_reject_removes_the_finding_and_is_audited(client: TestClient, store: Store) -> None:
    assert _members(client) == ["KGZ", "TJK"]
    token = login(client)
    r = client.post(
        "/api/events/seed:0/review", json={"action": "reject"}, headers={"X-CSRF-Token": token}
    )
    assert r.json() == {"id": "seed:0", "review": "rejected"}
    assert _members(client) == []  # recomputed: the data version changed
    with store.engine.connect() as conn:
        row = (
            conn.execute(select(audit_log).where(audit_log.c.action != "user_add")).mappings().one()
        )
    assert (row["user"], row["action"], row["target"]) == ("ana", "reject", "seed:0")
    assert row["at"] is not None


def test_confirm_through_the_form(client: TestClient) -> None:
    token = login(client)
    r = client.post(
        "/events/seed:0/review",
        data={"action": "confirm", "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/events/seed%3A0")
    html = client.get("/events/seed:0").text
    assert 'class="rv rv-confirmed"' in html and "<td>confirm</td>" in html


def test_correction_overrides_extracted_values_and_keeps_the_original(store: Store) -> None:
    state = review.review_event(
        store, "seed:1", "correct", "ana",
        fields={"event": "ASSAULT", "actor": "KAZ, TJK", "date": "2022-07", "kind": ""},
    )  # fmt: skip
    assert state == "corrected"
    ev = get_event(store, "seed:1")
    assert ev.event == "ASSAULT" and ev.kind is None and ev.date == "2022-07"
    assert [e.code for e in ev.actor] == ["KAZ", "TJK"]
    assert ev.actor[0].text == "Kazakhstan"  # what extraction knew is kept
    assert ev.reasons["event"].startswith("corrected by ana")
    with store.engine.connect() as conn:
        row = conn.execute(select(events.c.date_first, events.c.date_last, events.c.review).where(events.c.id == "seed:1")).one()  # fmt: skip
        actors = conn.execute(select(entities.c.code).where(entities.c.event_id == "seed:1", entities.c.role == "actor")).scalars().all()  # fmt: skip
        kept = conn.execute(select(reviews.c.fields)).scalar_one()
    assert str(row.date_first) == "2022-07-01" and str(row.date_last) == "2022-07-31"
    assert row.review == "corrected" and sorted(actors) == ["KAZ", "TJK"]
    assert kept["original"]["event"] == "COOPERATE" and kept["corrected"]["event"] == "ASSAULT"
    assert kept["original"]["actor"][0]["code"] == "KAZ"


def test_correction_through_the_form_makes_a_finding(client: TestClient) -> None:
    token = login(client)
    client.post(
        "/events/seed:1/review",
        data={"action": "correct", "csrf_token": token, "event": "ASSAULT", "kind": "",
              "actor": "KAZ", "recipient": "USA", "date": "2022-06", "enddate": ""},
    )  # fmt: skip
    assert _members(client) == ["KAZ", "KGZ", "TJK"]


@pytest.mark.parametrize(
    "fields",
    [{"event": "FIGHT"}, {"kind": "war"}, {"actor": "kyrgyzstan!"}, {"date": "Sept"},
     {"date": "2022-13"}, {"confidence": 1}, {}],
)  # fmt: skip
def test_bad_corrections_are_refused(store: Store, fields: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        review.review_event(store, "seed:0", "correct", "ana", fields=fields)
    assert get_event(store, "seed:0").event == "ASSAULT"


def test_bad_correction_form_is_400(client: TestClient) -> None:
    token = login(client)
    r = client.post(
        "/events/seed:0/review", data={"action": "correct", "csrf_token": token, "date": "soon"}
    )
    assert r.status_code == 400 and "not a date" in r.text


def test_unknown_record_or_action(store: Store) -> None:
    with pytest.raises(NotFound):
        review.review_event(store, "nope:0", "confirm", "ana")
    with pytest.raises(UsageError):
        review.review_event(store, "seed:0", "approve", "ana")


def test_flag_queue(client: TestClient, store: Store) -> None:
    token = login(client)
    r = client.post(
        "/api/flags",
        json={"doc_id": "seed", "quote": "Kazakhstan hosted", "kind": "flag_missed"},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 201
    assert r.json()["message"] == "Thank you! Now the editors are aware."
    html = client.get("/review").text
    assert "Kazakhstan hosted" in html and "missed event" in html
    client.post(f"/review/{r.json()['id']}/close", data={"csrf_token": token})
    assert "No open flags." in client.get("/review").text
    actions = [a["action"] for a in review.audit_entries(store)]
    assert actions == ["close_flag", "flag_missed", "user_add"]  # the fixture added ana


def test_flag_validation(store: Store) -> None:
    with pytest.raises(UsageError):
        review.flag(store, "seed", "ana", "   ")
    with pytest.raises(NotFound):
        review.flag(store, "nope", "ana", "words")
    with pytest.raises(NotFound):
        review.flag(store, "seed", "ana", "words", event_id="hostile:0")
