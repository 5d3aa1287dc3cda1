"""What pages need, computed when the data changes (`pactwatch refresh`), read by any server.

A page over a store refreshed for its current data must not run a charter check (seconds
at 1,000,000 records); a page over data that changed since must not serve the old value.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from jinja2.filters import do_urlencode

from pactwatch.cli import main
from pactwatch.records import Document
from pactwatch.store import Store, open_store, save_document
from pactwatch.store.schema import precomputed as table
from pactwatch.web import checking, create_app, precomputed, trend
from pactwatch.web.queries import data_version

from .conftest import ent, fill, make_event

CHARTER = "test-charter"  # conftest's stand-in checker: the dashboard is under test


@pytest.fixture
def filled(store_url: str) -> Iterator[Store]:
    """The web tests' store, on SQLite and (where PACTWATCH_TEST_PG_URL is set) PostgreSQL."""
    with open_store(store_url) as store:
        fill(store)
        yield store


def _no_check(*_: Any, **__: Any) -> Any:
    raise AssertionError("the page ran a charter check: the stored findings were not read")


def _add_clash(store: Store) -> None:
    doc = Document(
        id="later", text="Kyrgyzstan shelled Tajikistan again near Batken.",
        report_date="2023-01-20", title="Again", source="later",
    )  # fmt: skip
    save_document(
        store, doc,
        [make_event(doc, 0, "shelled", actor=[ent("KGZ", "Kyrgyzstan", "MIL")],
                    recipient=[ent("TJK", "Tajikistan", "MIL")], date="2023-01-19")],
    )  # fmt: skip


def test_a_refreshed_store_serves_findings_without_checking(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    done = precomputed.refresh(filled, [CHARTER])
    assert [d.name for d in done] == [
        "totals", "records_by_month", f"findings:{CHARTER}", f"overview:{CHARTER}"
    ]  # fmt: skip
    stored = precomputed.read(
        filled, f"findings:{CHARTER}", checking.findings_stamp(data_version(filled), CHARTER)
    )
    assert stored is not None and stored["findings"], "the test store has findings"
    # a new server process: nothing in memory, the check would take seconds on a large store
    monkeypatch.setattr(checking, "compute", _no_check)
    # nor a pass over every finding for the scorecards and the facet counts: stored with them
    monkeypatch.setattr(checking, "scorecards", _no_check)
    monkeypatch.setattr(checking, "finding_facets", _no_check)
    with TestClient(create_app(store=filled, secret_key="k")) as client:
        page = client.get(f"/findings?charter={CHARTER}")
        assert page.status_code == 200
        for f in stored["findings"]:
            assert f"/findings/{do_urlencode(f['id'])}" in page.text
    # the overview does not even load the findings: its matrix and counts are stored too
    monkeypatch.setattr(checking, "stored_check", _no_check)
    with TestClient(create_app(store=filled, secret_key="k")) as client:
        page = client.get(f"/?charter={CHARTER}")
        assert page.status_code == 200
        assert f"{len(stored['findings'])}</" in page.text.replace(",", "")


def test_findings_of_older_data_are_never_served(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    precomputed.refresh(filled, [CHARTER])
    before = {f["id"] for f in checking.stored_check(filled, CHARTER).findings}
    _add_clash(filled)  # the data changes after the refresh
    calls: list[str] = []
    real = checking.compute

    def counted(st: Store, charter_id: str) -> checking.Checked:
        calls.append(charter_id)
        return real(st, charter_id)

    monkeypatch.setattr(checking, "compute", counted)
    with TestClient(create_app(store=filled, secret_key="k")) as client:
        page = client.get(f"/findings?charter={CHARTER}").text
    assert calls == [CHARTER]  # stale: computed again, once
    after = {f["id"] for f in checking.stored_check(filled, CHARTER).findings}
    assert after - before, "the new clash makes a finding"
    for fid in after - before:
        assert f"/findings/{do_urlencode(fid)}" in page
    assert calls == [CHARTER]  # and stored for the next reader


def test_the_overview_reads_its_counts_from_the_store(filled: Store) -> None:
    version = ".".join(map(str, data_version(filled)))
    # a value only the stored row can explain: the page read it, it did not count
    made_up = {"documents": 12345, "records": 67890, "sources": 3, "incidents": 0}
    precomputed.write(filled, "totals", version, made_up, 0.1)
    trend._cache.clear()  # a new server process
    with TestClient(create_app(store=filled, secret_key="k")) as client:
        assert "12,345" in client.get("/").text
    # once the data changes, the stored counts are not served
    _add_clash(filled)
    trend._cache.clear()
    with TestClient(create_app(store=filled, secret_key="k")) as client:
        text = client.get("/").text
    assert "12,345" not in text and "67,890" not in text


def test_the_refresh_command(filled: Store, capsys: pytest.CaptureFixture[str]) -> None:
    url = str(filled.url.render_as_string(hide_password=False))
    assert main(["refresh", "--charter", CHARTER, "--db", url, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [d["name"] for d in out["refreshed"]] == [
        "totals", "records_by_month", f"findings:{CHARTER}", f"overview:{CHARTER}"
    ]  # fmt: skip
    with filled.engine.connect() as conn:
        rows = {r.name: r for r in conn.execute(select(table))}
    stamp = checking.findings_stamp(data_version(filled), CHARTER)
    assert rows[f"findings:{CHARTER}"].stamp == stamp
    # an unknown charter is named, exit 2, nothing computed
    assert main(["refresh", "--charter", "nosuch", "--db", url]) == 2
    assert "nosuch" in capsys.readouterr().err
    # every charter the dashboard offers by default
    assert main(["refresh", "--db", url]) == 0
    text = capsys.readouterr().out
    for charter_id in checking.charter_ids():
        assert f"findings:{charter_id}" in text


def test_an_edited_charter_is_another_stamp(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("id: mine-test\n", encoding="utf-8")
    monkeypatch.setattr(checking, "_file_charters", lambda: {"mine-test": str(path)})
    first = checking.findings_stamp((1, 2, 3), "mine-test")
    assert checking.findings_stamp((1, 2, 3), "mine-test") == first
    path.write_text("id: mine-test\n# edited\n", encoding="utf-8")
    assert checking.findings_stamp((1, 2, 3), "mine-test") != first
    assert checking.findings_stamp((1, 2, 4), "mine-test") != first  # and other data


def test_serve_warms_up_before_listening(store: Store) -> None:
    """What every first view would pay once per process is paid before the server listens."""
    from pactwatch.knowledge.alliances import load_alliances
    from pactwatch.web.deps import templates
    from pactwatch.web.serve import warm_up

    templates.env.cache.clear()  # type: ignore[union-attr]
    load_alliances.cache_clear()
    warm_up(store)
    names = templates.env.list_templates(extensions=["html"])
    assert len(names) > 10
    assert len(templates.env.cache) >= len(names)  # type: ignore[arg-type]
    assert load_alliances.cache_info().currsize == 1


def test_a_page_view_does_not_read_every_setting_again(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """Reading the settings costs ~5 ms; the charters folder is asked for several times a page."""
    from pactwatch import settings

    real, calls = settings.load, []

    def counted() -> settings.Settings:
        calls.append(1)
        return real()

    monkeypatch.setattr(settings, "load", counted)
    client.get("/findings?n=1")
    calls.clear()
    assert client.get("/findings?n=2").status_code == 200
    assert calls == []  # neither the folder nor the default charter read again
    # the folder setting changed: seen at once
    folder = tmp_path / "charters"
    folder.mkdir()
    monkeypatch.setenv("PACTWATCH_CHARTERS_DIR", str(tmp_path / "nowhere"))
    assert checking._charters_dir() == str(tmp_path / "nowhere")
    monkeypatch.setenv("PACTWATCH_CHARTERS_DIR", str(folder))
    assert checking._charters_dir() == str(folder)
    monkeypatch.setenv("PACTWATCH_DEFAULT_CHARTER", "other-charter")
    assert 'value="other-charter" selected' in client.get("/findings?n=3").text
    monkeypatch.setenv("PACTWATCH_DEFAULT_CHARTER", "test-charter")
    assert 'value="test-charter" selected' in client.get("/findings?n=4").text


def test_one_page_view_reads_the_data_version_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page cache, the findings and the overview's counts each need the data version."""
    from pactwatch.web import queries

    real, calls = queries._read_version, []

    def counted(store: Store) -> tuple[int, int, int]:
        calls.append(1)
        return real(store)

    monkeypatch.setattr(queries, "_read_version", counted)
    for n in range(3):
        calls.clear()
        assert client.get(f"/?n={n}").status_code == 200
        assert len(calls) == 1
    # and a change is seen by the next view
    before = client.get("/?n=9").text
    _add_clash(client.app.state.store)  # type: ignore[attr-defined]
    assert client.get("/?n=9").text != before


def test_the_shipped_charters_are_listed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def listing() -> dict[str, str]:
        calls.append(1)
        return {"x": "x.yaml"}

    monkeypatch.undo()  # the stand-in checker's listing; this test is about the real one
    monkeypatch.setattr(checking, "_shipped_charters", listing)
    shipped = checking.shipped_charters
    shipped.cache_clear()
    assert shipped() == shipped() == {"x": "x.yaml"}
    assert calls == [1]
    shipped.cache_clear()
