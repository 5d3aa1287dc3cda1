"""A finding's page (state, confirm/dismiss for logged-in reviewers) and the Atom feed of
new findings, over the real checker and a shipped charter."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pactwatch.check.stored import listing
from pactwatch.store import Store

from .conftest import XSS, login

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def real_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the shipped charters and pactwatch.check, not the stand-in


def _findings(client: TestClient) -> list[dict[str, Any]]:
    r = client.get("/api/findings?charter=csto-reform")
    assert r.status_code == 200, r.text
    found: list[dict[str, Any]] = r.json()["findings"]
    return found


def test_a_reviewer_dismisses_a_finding_on_its_page(
    real_checker: None, client: TestClient, store: Store
) -> None:
    finding = _findings(client)[0]
    fid = finding["id"]
    assert finding["state"] == "open" and finding["first_seen"]
    page = client.get(f"/findings/{fid}")
    assert page.status_code == 200 and "Log in</a> to confirm or dismiss" in page.text
    # when it was first seen, as a reader writes it; its records, labelled
    seen = finding["first_seen"]
    assert f"first seen {seen[:10]} {seen[11:16]} UTC" in page.text and "records: <a" in page.text
    assert 'action="/findings/' not in page.text
    # the list links each finding to its page
    assert f'href="/findings/{fid}"' in client.get("/findings?charter=csto-reform").text
    # writing needs a session and its CSRF token
    form = {"action": "dismiss", "note": "one side's account"}
    assert client.post(f"/findings/{fid}/state", data=form).status_code == 401
    token = login(client)
    assert client.post(f"/findings/{fid}/state", data=form).status_code == 403
    r = client.post(
        f"/findings/{fid}/state", data={**form, "note": XSS, "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303 and r.headers["location"] == f"/findings/{fid}"
    page = client.get(f"/findings/{fid}").text
    assert '<span class="finding-state">dismissed</span>' in page
    assert XSS not in page and "&lt;script&gt;" in page  # the note is escaped
    assert 'value="reopen"' in page and "ana" in page  # who, in the history
    # recomputed (the review changed the data version): the state stays, shown in the list
    again = {f["id"]: f for f in _findings(client)}
    assert again[fid]["state"] == "dismissed" and again[fid]["note"] == XSS
    assert "rv-dismissed" in client.get("/findings?charter=csto-reform").text
    # dismissing needs a note: a clear error, nothing changed
    r = client.post(
        f"/findings/{fid}/state", data={"action": "confirm", "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303
    bad = client.post(f"/findings/{fid}/state", data={"action": "dismiss", "csrf_token": token})
    assert bad.status_code == 400 and "needs a note" in bad.text
    assert next(r for r in listing(store, "csto-reform") if r["id"] == fid)["state"] == "confirmed"


def test_unknown_or_malformed_finding_ids(real_checker: None, client: TestClient) -> None:
    assert client.get("/findings/0123456789abcdef").status_code == 404
    assert client.get("/findings/not-an-id").status_code == 422


def _feed(client: TestClient, charter: str = "csto-reform") -> ET.Element:
    r = client.get(f"/findings.atom?charter={charter}")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/atom+xml")
    return ET.fromstring(r.content)


def test_the_atom_feed_lists_findings_by_first_seen(
    real_checker: None, client: TestClient, store: Store
) -> None:
    root = _feed(client)  # computing the charter stores its findings
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{tag}") or "").strip(), tag
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    stored = listing(store, "csto-reform")
    assert len(entries) == len(stored) > 0
    ids = [(e.findtext(f"{ATOM}id") or "").rsplit(":", 1)[-1] for e in entries]
    assert ids == [r["id"] for r in stored]  # newest first seen first
    for entry, row in zip(entries, stored, strict=True):
        assert entry.findtext(f"{ATOM}updated") == row["first_seen"]
        assert row["member"] in (entry.findtext(f"{ATOM}title") or "")
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href", "").endswith(f"/findings/{row['id']}")
    updated = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert client.get("/findings.atom?charter=nosuch").status_code == 404
    assert client.get("/findings.atom").status_code == 422


def test_the_feed_parses_in_a_feed_reader(real_checker: None, client: TestClient) -> None:
    # feedparser is a runtime dependency (`watch` reads feeds with it)
    import feedparser

    body = client.get("/findings.atom?charter=csto-reform").content
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.entries
    assert all(e.get("updated_parsed") and e.get("link") for e in parsed.entries)
