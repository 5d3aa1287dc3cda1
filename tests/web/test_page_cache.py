"""Pages kept while the data has not changed: each client still gets its own CSRF token,
users do not share pages, and any change to the data (a review here, an ingest or a
removal by another process) is seen on the next view."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from pactwatch.ingest.remove import remove_documents
from pactwatch.records import Document
from pactwatch.store import Store, save_document
from pactwatch.web import deps

from .conftest import PASSWORD, csrf_of, login


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates rendered, in order (a kept page renders nothing)."""
    seen: list[str] = []
    real = deps.templates.TemplateResponse

    def counting(request: Any, name: str, *args: Any, **kw: Any) -> Any:
        seen.append(name)
        return real(request, name, *args, **kw)

    monkeypatch.setattr(deps.templates, "TemplateResponse", counting)
    return seen


def test_a_page_is_rendered_once_while_the_data_holds(
    client: TestClient, store: Store, renders: list[str]
) -> None:
    first = client.get("/events")
    again = client.get("/events")
    assert first.status_code == again.status_code == 200
    assert first.text == again.text and renders == ["events.html"]
    # another process stores a document: the data version moves, the page follows
    save_document(store, Document(id="late", text="Kazakhstan hosted talks.", title="Late news",
                                  report_date="2022-10-12"), [])  # fmt: skip
    assert "Late news" in client.get("/documents").text
    assert renders == ["events.html", "documents.html"]
    remove_documents(store, ["late"], by="test")
    assert "Late news" not in client.get("/documents").text


def test_each_client_gets_its_own_token_and_users_do_not_share(
    client: TestClient, store: Store, renders: list[str]
) -> None:
    with TestClient(client.app) as second:
        mine, theirs = csrf_of(client, "/"), csrf_of(second, "/")
        assert mine != theirs and renders == ["overview.html"]  # the second was kept
        # the kept page's token is the second client's own: its login goes through
        r = second.post(
            "/login",
            data={"name": "ana", "password": PASSWORD, "csrf_token": csrf_of(second), "next": "/"},
            follow_redirects=False,
        )
        assert r.status_code == 303
        assert 'data-user="ana"' in second.get("/").text  # not the anonymous page kept before
        assert 'data-user=""' in client.get("/").text


def test_a_review_is_seen_at_once(client: TestClient) -> None:
    before = client.get("/api/events/seed:0").json()
    assert before["review"] is None
    token = login(client)
    r = client.post(
        "/api/events/seed:0/review", json={"action": "confirm"}, headers={"X-CSRF-Token": token}
    )
    assert r.status_code == 200
    assert client.get("/api/events/seed:0").json()["review"] == "confirmed"


def test_no_endpoint_runs_on_the_event_loop() -> None:
    # FastAPI runs plain `def` endpoints in its thread pool: their database work never
    # holds up the event loop (an `async def` endpoint would run its queries on it)
    import importlib
    import inspect
    import pkgutil

    from fastapi.routing import APIRoute

    from pactwatch.web import views

    modules = [
        importlib.import_module(f"pactwatch.web.views.{info.name}")
        for info in pkgutil.iter_modules(views.__path__)
    ]
    routes = [
        route
        for module in modules
        if hasattr(module, "router")
        for route in module.router.routes
        if isinstance(route, APIRoute)
    ]
    assert len(routes) > 20
    assert [r.path for r in routes if inspect.iscoroutinefunction(r.endpoint)] == []


def test_reextract_and_rebuild_move_the_data_version(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both rewrite what pages show without adding a document or a review: their audit
    entries are what tells the kept pages (and findings) that the data changed."""
    from pactwatch.cli import main
    from pactwatch.ingest import reextract as reextract_module
    from pactwatch.web.queries import data_version

    before = data_version(store)
    assert main(["corroborate", "--rebuild", "--db", str(store.url)]) == 0
    after_rebuild = data_version(store)
    assert after_rebuild != before

    def same_records(docs: Any, **kw: Any) -> Any:  # the extractor is not what this is about
        from pactwatch.store import iter_events

        for doc in docs:
            yield doc, [e for e in iter_events(store) if e.text_info.doc_id == doc.id]

    monkeypatch.setattr(reextract_module.extract, "extract_documents", same_records)
    assert reextract_module.reextract(store).documents == 2
    assert data_version(store) != after_rebuild


def test_kept_pages_are_bounded(
    client: TestClient, renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pactwatch.web import cache

    monkeypatch.setattr(cache, "MAX_TOTAL", len(client.get("/events").content) + 10)
    renders.clear()
    client.get("/events?page=1")  # a second page pushes the first out: the total would pass
    client.get("/events")
    client.get("/events?page=1")
    assert renders == ["events.html"] * 3
    monkeypatch.setattr(cache, "MAX_TOTAL", 10**9)
    monkeypatch.setattr(cache, "MAX_ENTRIES", 1)
    renders.clear()
    for _ in range(2):
        client.get("/events?page=2")
        client.get("/events?page=3")
    assert renders == ["events.html"] * 4
