"""The dashboard over the real `pactwatch.check` and a shipped charter: a review changes a finding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pactwatch.report import write_report

from .conftest import login


@pytest.fixture
def real_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # drop the stand-in checker the other web tests use
    from pactwatch.web import checking

    # no skip: the dashboard calls pactwatch.check directly; without it this test fails
    assert "csto-reform" in checking.charter_ids()


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


def test_findings_page_and_report_show_the_consequences(
    real_checker: None, client: TestClient, store: Any, tmp_path: Path
) -> None:
    html = client.get("/findings?charter=csto-reform").text
    assert "<h2>Consequences</h2>" in html
    # the seed's 2022 clash is more than 24 months before today: no step is reached, and the
    # page says so rather than inventing one
    assert "No member reaches a step of the ladder" in html
    report = write_report(store, ["csto-treaty", "csto-reform"], tmp_path / "report")
    text = report.read_text(encoding="utf-8")
    assert text.count("<h3>Consequences</h3>") == 2
    assert "incident(s)" in text
