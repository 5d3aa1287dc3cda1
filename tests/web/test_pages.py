"""Every page and API endpoint answers, filters filter, and pages paginate."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from pactwatch.store import Store

PAGES = [
    "/", "/?charter=other-charter", "/findings", "/findings?charter=test-charter&member=KGZ",
    "/compare", "/compare?a=test-charter&b=other-charter", "/events", "/events/seed:0",
    "/documents", "/documents/seed", "/charters", "/charters/test-charter", "/timeline",
    "/timeline?charter=test-charter&since=2022-01-01&until=2022-12-31", "/review", "/login",
]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_page_renders(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in r.headers


def test_overview_matrix_colours_cells_by_grade(client: TestClient) -> None:
    html = client.get("/?charter=test-charter").text
    assert 'class="cell grade-single-source"' in html  # KGZ and TJK under no-fighting
    assert "no-bases" in html and 'class="cell clear"' in html
    assert "fought on their border" in html  # recent events


def test_events_filters(client: TestClient) -> None:
    def ids(query: str) -> list[str]:
        r = client.get(f"/api/events?{query}")
        assert r.status_code == 200, r.text
        return [e["id"] for e in r.json()["events"]]

    assert ids("") == ["hostile:0", "seed:0", "seed:2", "seed:1"]  # newest first
    assert ids("type=ASSAULT") == ["seed:0"]
    assert ids("kind=military_facility") == ["seed:1"]
    assert ids("actor=tjk") == ["seed:0", "seed:2"]
    assert ids("recipient=USA") == ["seed:1"]
    assert ids("since=2022-09-16&until=2022-09-30") == ["seed:0"]
    assert ids("factuality=not_factual") == ["seed:2"]
    assert ids("factuality=hedged") == ["seed:1"]
    assert ids("source=seed") == ["seed:0", "seed:2", "seed:1"]
    assert ids("doc=hostile") == ["hostile:0"]
    assert ids("review=unreviewed&type=ACCUSE") == ["hostile:0"]


def test_events_pagination(client: TestClient) -> None:
    first = client.get("/api/events?per_page=3").json()
    second = client.get("/api/events?per_page=3&page=2").json()
    assert first["has_next"] and not second["has_next"]
    assert len(first["events"]) == 3 and [e["id"] for e in second["events"]] == ["seed:1"]
    html = client.get("/events?per_page=3&type=COOPERATE").text
    assert "page 1" in html


@pytest.mark.parametrize(
    "query", ["type=FIGHT", "kind=war", "since=yesterday", "factuality=maybe", "review=x"]
)
def test_bad_filter_is_400_not_500(client: TestClient, query: str) -> None:
    assert client.get(f"/events?{query}").status_code == 400
    assert client.get(f"/api/events?{query}").status_code == 400


def test_event_page_shows_fields_reasons_and_marked_evidence(client: TestClient) -> None:
    html = client.get("/events/seed:0").text
    assert "resolved against report date" in html
    # the sentence is the evidence; the trigger words are marked inside it
    assert (
        '<mark class="evidence" data-events="seed:0"><mark class="trigger">'
        "fought on their border</mark></mark>"
    ) in html
    for field in ("mode", "context", "aux", "attribution", "confidence", "text_info"):
        assert f"<th>{field}</th>" in html


def test_document_page_marks_every_record(client: TestClient) -> None:
    html = client.get("/documents/seed").text
    assert html.count('<mark class="evidence"') == 3
    assert 'data-flag-doc="seed"' in html


def test_missing_things_are_404(client: TestClient) -> None:
    for path in ("/events/nope:1", "/documents/nope", "/charters/nope", "/api/events/nope:1"):
        assert client.get(path).status_code == 404, path
    assert client.get("/api/findings?charter=nope").status_code == 404


def test_api_event_is_an_event_record(client: TestClient) -> None:
    record = client.get("/api/events/seed:0").json()
    assert list(record)[:4] == ["id", "event", "mode", "context"]
    assert record["text_info"] == {"doc_id": "seed", "sentence": 0, "start": 26, "end": 48}
    assert record["review"] is None and record["history"] == []


def test_api_documents(client: TestClient) -> None:
    listing = client.get("/api/documents").json()
    assert {d["id"] for d in listing["documents"]} == {"seed", "hostile"}
    doc = client.get("/api/documents/seed").json()
    assert doc["title"] == "CSTO op-ed" and len(doc["events"]) == 3


def test_api_charters_and_findings(client: TestClient) -> None:
    charters = client.get("/api/charters").json()["charters"]
    assert [c["id"] for c in charters] == ["other-charter", "test-charter"]
    body = client.get("/api/findings?charter=test-charter").json()
    assert body["charter"] == "test-charter"
    assert sorted(f["member"] for f in body["findings"]) == ["KGZ", "TJK"]


def test_exports(client: TestClient) -> None:
    r = client.get("/api/events.csv?actor=KGZ")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == ["hostile:0", "seed:0"]
    assert rows[1]["actor_codes"] == "KGZ;TJK" and rows[1]["doc_id"] == "seed"
    lines = client.get("/api/events.jsonl").text.splitlines()
    assert len(lines) == 4 and json.loads(lines[1])["id"] == "seed:0"
    found = list(
        csv.DictReader(io.StringIO(client.get("/api/findings.csv?charter=test-charter").text))
    )
    assert {f["member"] for f in found} == {"KGZ", "TJK"}
    jl = client.get("/api/findings.jsonl?charter=test-charter").text.splitlines()
    assert json.loads(jl[0])["rule"] == "no-fighting"


def test_charter_page_lists_rules_with_sources(client: TestClient) -> None:
    html = client.get("/charters/test-charter").text
    assert "Article 1 &lt;b&gt;of&lt;/b&gt; the test treaty" in html
    assert "proposed in a column" in html


def test_compare_side_by_side(client: TestClient) -> None:
    html = client.get("/compare?a=test-charter&b=other-charter").text
    assert html.count("no-fighting") >= 4  # KGZ and TJK on both sides


def test_timeline_spec_is_json_data_not_script(client: TestClient, store: Store) -> None:
    html = client.get("/timeline?charter=test-charter").text
    start = html.index('<script type="application/json" id="timeline-spec">') + 51
    spec = json.loads(html[start : html.index("</script>", start)])
    values = spec["data"]["values"]
    assert {"member": "KGZ", "month": "2022-09-01", "category": "clash", "events": 1} in values
    assert not any(v["category"] == "exercise" for v in values)  # the exercise is future


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/documents", "/api/findings",
                 "/api/charters", "/api/events.csv", "/api/events.jsonl", "/api/flags"):  # fmt: skip
        assert path in paths, path


def test_overview_survives_a_broken_charter(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pactwatch.errors import CharterError
    from pactwatch.web import checking

    def broken(cid: str) -> object:
        raise CharterError([f"{cid}.yaml:3: rules[0].template: unknown template 'x'"])

    monkeypatch.setattr(checking, "load_charter", broken)
    html = client.get("/?charter=test-charter").text
    assert "cannot be checked" in html and "unknown template" in html
    assert "fought on their border" in html  # the recent events still show
