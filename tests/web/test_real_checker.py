"""The dashboard over the real `pactwatch.check` and a shipped charter: a review changes a finding."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from .conftest import login


@pytest.fixture
def real_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # drop the stand-in checker the other web tests use
    from pactwatch.web import checking

    if checking._find("check") is None or "csto-reform" not in checking.charter_ids():
        pytest.skip("pactwatch.check or the csto-reform charter is not installed")


def _flagged(client: TestClient) -> set[tuple[str, str]]:
    r = client.get("/api/findings?charter=csto-reform")
    assert r.status_code == 200, r.text
    return {(f["member"], f["rule"]) for f in r.json()["findings"]}


def test_rejecting_the_evidence_changes_the_finding(real_checker: None, client: TestClient) -> None:
    assert ("KGZ", "no-hostilities-between-members") in _flagged(client)
    for path in ("/?charter=csto-reform", "/findings?charter=csto-reform", "/charters/csto-reform",
                 "/compare?a=csto-treaty&b=csto-reform", "/timeline?charter=csto-reform"):  # fmt: skip
        assert client.get(path).status_code == 200, path
    token = login(client)
    r = client.post(
        "/api/events/seed:0/review", json={"action": "reject"}, headers={"X-CSRF-Token": token}
    )
    assert r.status_code == 200
    # every record behind the clash findings was rejected: they go
    assert not any(rule == "no-hostilities-between-members" for _, rule in _flagged(client))
