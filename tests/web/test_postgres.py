"""The dashboard's SQL on PostgreSQL: pages, filters, order, review and timeline.

Skipped unless PACTWATCH_TEST_PG_URL names a server (`.ci/run` starts one).
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from pactwatch.store import open_store
from pactwatch.web import create_app

from .conftest import fill, login

pytestmark = pytest.mark.postgres


def test_dashboard_on_postgresql(pg_url: str) -> None:
    with open_store(pg_url) as store:
        fill(store)
        with TestClient(create_app(store=store, secret_key="k")) as client:
            for path in ("/", "/events", "/events/seed:0", "/documents/seed", "/timeline",
                         "/findings", "/review", "/api/events.csv"):  # fmt: skip
                assert client.get(path).status_code == 200, path

            def ids(query: str) -> list[str]:
                return [e["id"] for e in client.get(f"/api/events?{query}").json()["events"]]

            assert ids("") == ["hostile:0", "seed:0", "seed:2", "seed:1"]
            assert ids("type=COOPERATE&factuality=factual") == ["seed:1"]
            assert ids("actor=TJK&since=2022-09-16") == ["seed:0"]
            token = login(client)
            r = client.post(
                "/api/events/seed:1/review",
                json={"action": "correct", "fields": {"event": "ASSAULT", "date": "2022-07"}},
                headers={"X-CSRF-Token": token},
            )
            assert r.status_code == 200, r.text
            assert ids("type=ASSAULT") == ["seed:0", "seed:1"]
            found = client.get("/api/findings?charter=test-charter").json()["findings"]
            assert sorted(f["member"] for f in found) == ["KAZ", "KGZ", "TJK"]
