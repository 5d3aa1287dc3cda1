"""Charter pages in words and the overview's default, over the shipped charters and the
alliance registry (no stand-in checker)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from pactwatch.store import Store
from pactwatch.web import create_app


@pytest.fixture
def real_charters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # drop the stand-in checker the other web tests use


def row(html: str, code: str) -> str:
    match = re.search(rf'<tr><td><span class="code">{code}</span>.*?</tr>', html, re.S)
    assert match, code
    return match.group(0)


def test_a_charter_page_in_words(real_charters: None, client: TestClient) -> None:
    html = client.get("/charters/csto-treaty").text
    # members with their dates from the registry, in words
    assert "7 October 2002" in row(html, "KGZ") and "Kyrgyzstan" in row(html, "KGZ")
    uzb = row(html, "UZB")
    assert "23 June 2006" in uzb and "19 December 2012" in uzb
    assert "28 June 2012 – 19 December 2012" in uzb  # its suspension
    assert "22 February 2024 – now" in row(html, "ARM")  # Armenia's freeze
    # each rule: what is checked, its parameters in words (no JSON)
    assert "What is checked:" in html and "another member" in html
    assert '{"' not in html.split('id="rules"', 1)[1]
    # adversaries with their dates (the proposed reform names them)
    reform = client.get("/charters/csto-reform").text
    assert "United States" in row(reform, "USA") and "since 4 April 1949" in row(reform, "USA")
    assert "and each of its members on the date" in row(reform, "NATO")


def test_the_overview_defaults_to_the_charter_in_force(
    real_charters: None, client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = client.get("/").text
    assert '<option value="csto-treaty" selected>' in html
    assert 'id="totals"' in html and 'id="trend-spec"' in html
    # a setting is read when the server starts (its pages are cached until the data change)
    monkeypatch.setenv("PACTWATCH_DEFAULT_CHARTER", "csto-reform")
    with TestClient(create_app(store=store, secret_key="test-key")) as restarted:
        assert '<option value="csto-reform" selected>' in restarted.get("/").text
        assert "Findings under csto-reform" in restarted.get("/findings").text
