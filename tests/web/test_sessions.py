"""Sessions are checked server-side on every write: a logged-out cookie writes nothing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pactwatch.store import Store
from pactwatch.store.schema import audit_log
from pactwatch.web.auth import remove_user, set_password

from .conftest import PASSWORD, csrf_of, login


def _flag(client: TestClient, token: str) -> int:
    r = client.post(
        "/api/flags", json={"doc_id": "seed", "quote": "fought"}, headers={"X-CSRF-Token": token}
    )
    return r.status_code


def test_a_copied_cookie_writes_nothing_after_logout(client: TestClient, store: Store) -> None:
    token = login(client)
    assert _flag(client, token) == 201
    stolen = dict(client.cookies)
    client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    client.cookies.clear()
    for name, value in stolen.items():
        client.cookies.set(name, value)
    r = client.post(
        "/api/flags", json={"doc_id": "seed", "quote": "again"}, headers={"X-CSRF-Token": token}
    )
    assert r.status_code == 401 and "this session has ended" in r.text
    with store.engine.connect() as conn:
        actions = [row.action for row in conn.execute(select(audit_log.c.action))]
    assert "logout" in actions
    # logging in again gives a new session that writes
    assert _flag(client, login(client)) == 201


def test_a_password_change_or_removal_ends_older_sessions(client: TestClient, store: Store) -> None:
    token = login(client)
    assert _flag(client, token) == 201
    set_password(store, "ana", "another-password", by="test")
    assert _flag(client, token) == 401
    token = login(client, password="another-password")
    assert _flag(client, token) == 201
    remove_user(store, "ana", by="test")
    assert _flag(client, token) == 401


def test_other_sessions_of_the_user_survive_a_logout(client: TestClient, store: Store) -> None:
    token = login(client)
    with TestClient(client.app) as other:
        other_token = login(other, password=PASSWORD)
        other.post("/logout", data={"csrf_token": other_token}, follow_redirects=False)
        assert csrf_of(other)  # the page still renders for the logged-out client
    assert _flag(client, token) == 201


def test_secure_cookies_setting(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from pactwatch.web import create_app

    for value, secure in (("false", False), ("true", True)):
        monkeypatch.setenv("PACTWATCH_SECURE_COOKIES", value)
        with TestClient(create_app(store=store, secret_key="k")) as client:
            cookie = client.get("/login").headers["set-cookie"].lower()
        assert ("; secure" in cookie) is secure, cookie
