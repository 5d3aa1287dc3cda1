"""Hostile text stays text; every write needs a login and the session's CSRF token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from pactwatch.store import Store
from pactwatch.web import create_app

from .conftest import PASSWORD, XSS, csrf_of, login

HOSTILE_PAGES = [
    "/", "/events", "/events?doc=hostile", "/events/hostile:0", "/documents",
    "/documents/hostile", "/review", "/findings", "/compare", "/timeline",
    "/charters/test-charter", "/events?source=" + XSS, "/login?next=" + XSS,
]  # fmt: skip
RAW = ("<script>alert", "<img src=x", "onerror=alert(1)>", "javascript:alert")


def _flag_hostile(client: TestClient) -> None:
    token = login(client)
    r = client.post(
        "/api/flags",
        json={"doc_id": "hostile", "quote": XSS, "note": XSS},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 201


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_article_markup_is_shown_as_text(client: TestClient, path: str) -> None:
    _flag_hostile(client)  # the review queue and audit log show the quote too
    r = client.get(path)
    assert r.status_code in (200, 400), path
    for raw in RAW:
        assert raw not in r.text, f"{raw!r} unescaped on {path}"
    if "hostile" in path:
        assert "&lt;script&gt;alert(" in r.text


def test_api_returns_text_verbatim_as_json(client: TestClient) -> None:
    doc = client.get("/api/documents/hostile").json()
    assert XSS in doc["text"]
    assert client.get("/api/documents/hostile").headers["content-type"] == "application/json"


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"].split("style-src")[0]
    assert headers["x-content-type-options"] == "nosniff"


def _writes(token: str | None) -> list[tuple[str, dict[str, object]]]:
    form = {"csrf_token": token} if token else {}
    headers = {"X-CSRF-Token": token} if token else {}
    return [
        ("/api/flags", {"json": {"doc_id": "seed", "quote": "fought"}, "headers": headers}),
        ("/api/events/seed:0/review", {"json": {"action": "reject"}, "headers": headers}),
        ("/events/seed:0/review", {"data": {**form, "action": "reject"}}),
        ("/review/1/close", {"data": form}),
    ]


def test_every_write_needs_a_login(client: TestClient) -> None:
    token = csrf_of(client)  # a valid token, but nobody logged in
    for path, kwargs in _writes(token):
        r = client.post(path, follow_redirects=False, **kwargs)  # type: ignore[arg-type]
        assert r.status_code == 401, (path, r.status_code)
    assert client.get("/api/events/seed:0").json()["review"] is None


@pytest.mark.parametrize("token", [None, "forged"])
def test_every_write_needs_the_csrf_token(client: TestClient, token: str | None) -> None:
    login(client)
    for path, kwargs in _writes(token):
        r = client.post(path, follow_redirects=False, **kwargs)  # type: ignore[arg-type]
        assert r.status_code == 403, (path, r.status_code)
    assert client.get("/api/events/seed:0").json()["review"] is None
    r = client.post("/logout", data={"csrf_token": "forged"}, follow_redirects=False)
    assert r.status_code == 403


def test_login_itself_needs_the_csrf_token(client: TestClient) -> None:
    r = client.post("/login", data={"name": "ana", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 403


def test_login_rotates_the_csrf_token_and_logout_ends_the_session(client: TestClient) -> None:
    before = csrf_of(client)
    after = login(client)
    assert before != after
    assert "Log out" in client.get("/").text
    client.post("/logout", data={"csrf_token": after}, follow_redirects=False)
    assert "Log out" not in client.get("/").text


def test_wrong_password_then_rate_limit(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTWATCH_LOGIN_RATE", "3")
    with TestClient(create_app(store=store, secret_key="k")) as client:
        token = csrf_of(client)
        bad = {"name": "ana", "password": "wrong password", "csrf_token": token}
        assert [client.post("/login", data=bad).status_code for _ in range(3)] == [401] * 3
        good = {**bad, "password": PASSWORD}
        assert client.post("/login", data=good, follow_redirects=False).status_code == 429


def test_login_redirects_only_within_the_site(client: TestClient) -> None:
    token = csrf_of(client)
    data = {"name": "ana", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/"}
    r = client.post("/login", data=data, follow_redirects=False)
    assert r.headers["location"] == "/"


def test_session_cookie_is_signed(client: TestClient) -> None:
    login(client)
    [stored] = [c for c in client.cookies.jar if c.name == "pactwatch_session"]
    # replace the cookie itself (same domain), not add a second one beside it
    client.cookies.set("pactwatch_session", stored.value[:-4] + "AAAA", domain=stored.domain)
    assert "Log out" not in client.get("/").text
