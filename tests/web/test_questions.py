"""The dashboard answers questions (issue 12, part 3): search, facets, sorting, totals,
the map, filtered exports, evidence sentences, unknown charters and bad parameters.

On SQLite and (where PACTWATCH_TEST_PG_URL is set) PostgreSQL: the search indexes are
each database's own (FTS5, tsvector), kept in step by migration 0008's triggers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from pactwatch.records import Document, Event, Location, TextInfo
from pactwatch.store import Store, audit, open_store, save_document
from pactwatch.web import create_app

from .conftest import XSS, ent, fill, make_event

GEO = (
    "American and Armenian troops began a ten-day exercise near Yerevan on Monday. "
    "Border guards exchanged fire near Batken for the second day. "
    "The leaders met for summit talks in Yerevan."
)
YEREVAN = Location("Yerevan", "ARM", None, 40.18, 44.51, 4)
BATKEN = Location("Batken", "KGZ", None, 40.06, 70.82, 4)


def in_sentence(doc: Document, n: int, phrase: str, **kw: Any) -> Event:
    """A record whose evidence is the whole sentence around `phrase` (its trigger)."""
    at = doc.text.index(phrase)
    start = doc.text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = doc.text.index(".", at) + 1
    return make_event(doc, n, phrase, text_info=TextInfo(doc.id, n, start, end), **kw)


def fill_geo(store: Store) -> None:
    geo = Document(
        id="geo", text=GEO, report_date="2023-09-12", title="Drills and clashes", source="wire"
    )
    save_document(
        store,
        geo,
        [
            in_sentence(
                geo, 0, "began a ten-day exercise", event="COOPERATE", kind="military_exercise",
                actor=[ent("USA", "American", "MIL"), ent("ARM", "Armenian", "MIL")],
                date="2023-09-11", event_loc=YEREVAN,
            ),
            in_sentence(
                geo, 1, "exchanged fire", event="ASSAULT", kind="armed_clash",
                actor=[ent("KGZ", "Border guards", "MIL")], recipient=[ent("TJK")],
                date="2023-09-10", event_loc=BATKEN,
            ),
            in_sentence(
                geo, 2, "met for summit talks", event="CONSULT", kind="summit",
                actor=[ent("ARM")], date="2023-09", event_loc=YEREVAN,
            ),
        ],
    )  # fmt: skip


@pytest.fixture
def qclient(store_url: str) -> Iterator[tuple[TestClient, Store]]:
    with open_store(store_url) as store:
        fill(store)
        fill_geo(store)
        with TestClient(create_app(store=store, secret_key="k")) as client:
            yield client, store


def ids(client: TestClient, query: str) -> list[str]:
    r = client.get(f"/api/events?{query}")
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["events"]]


# --- search ---


def test_search_finds_records_by_their_evidence_sentence(qclient: Any) -> None:
    client, _ = qclient
    assert ids(client, "q=laboratory") == ["seed:1"]
    # stemmed: "exercises" finds the sentence that says "exercise", on either store
    assert set(ids(client, "q=exercises")) == {"geo:0", "seed:2"}
    # every word must occur; a phrase must occur as written
    assert ids(client, "q=exercise%20Yerevan") == ["geo:0"]
    assert ids(client, "q=%22near%20Batken%22") == ["geo:1"]
    assert ids(client, "q=%22Batken%20near%22") == []
    # search terms combine with the filters
    assert ids(client, "q=Yerevan&type=consult") == ["geo:2"]
    # FTS5 syntax in the input is no error: it is dropped, the words are searched
    assert ids(client, "q=laboratory%20AND%20(NEAR*%20%5E") == []
    assert ids(client, "q=(laboratory)*") == ["seed:1"]
    assert client.get("/api/events?q=laboratory").json()["total"] == 1
    html = client.get("/events?q=laboratory").text
    assert 'name="q" value="laboratory"' in html and "1 match" in html


def test_search_of_documents(qclient: Any) -> None:
    client, _ = qclient
    r = client.get("/api/documents?q=batken")
    assert [d["id"] for d in r.json()["documents"]] == ["geo"]
    assert r.json()["total"] == 1
    # titles count too
    assert [d["id"] for d in client.get("/api/documents?q=op-ed").json()["documents"]] == ["seed"]
    html = client.get("/documents?q=batken").text
    assert "Drills and clashes" in html and "CSTO op-ed" not in html


def test_a_search_without_words_is_a_400_naming_it(qclient: Any) -> None:
    client, _ = qclient
    r = client.get("/api/events?q=%2B%2B%2B")
    assert r.status_code == 400 and "+++" in r.json()["error"]
    page = client.get("/documents?q=%2A%2A")
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]
    assert "&#39;**&#39;" in page.text


def test_the_search_index_follows_deletes_updates_and_replacements(qclient: Any) -> None:
    client, store = qclient
    assert ids(client, "q=Batken") == ["geo:1"]
    with store.write() as conn:
        # a record's evidence moves to another sentence: the index follows it
        start = GEO.index("The leaders")
        conn.execute(
            text('UPDATE events SET start = :s, "end" = :e WHERE id = :i'),
            {"s": start, "e": len(GEO), "i": "geo:1"},
        )
        # as reextract does: an audit entry moves the data version the page cache keys on
        audit.record(conn, "test", "reextract", "geo", {})
    assert ids(client, "q=Batken") == []
    assert set(ids(client, "q=leaders")) == {"geo:1", "geo:2"}
    with store.write() as conn:
        conn.execute(text("DELETE FROM documents WHERE id = 'geo'"))
        audit.record(conn, "test", "remove", "geo", {})
    assert ids(client, "q=leaders") == []
    assert client.get("/api/documents?q=batken").json()["documents"] == []
    # the same document stored again is found again
    fill_geo(store)
    assert ids(client, "q=Batken") == ["geo:1"]
    assert [d["id"] for d in client.get("/api/documents?q=batken").json()["documents"]] == ["geo"]


def test_the_migration_indexes_what_was_stored_before_it(store_url: str) -> None:
    from alembic import command

    from pactwatch.store.migrate import alembic_config, upgrade

    with open_store(store_url) as store:
        fill_geo(store)
        with store.engine.connect() as conn, conn.begin():
            command.downgrade(alembic_config(connection=conn), "0004")
        with store.engine.connect() as conn:
            tables = set(
                conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            )
        assert tables == {"0004"}
        upgrade(store)
        with TestClient(create_app(store=store, secret_key="k")) as client:
            assert ids(client, "q=Batken") == ["geo:1"]
            assert client.get("/api/documents?q=summit").json()["total"] == 1


# --- facets, sorting, totals, case ---


def facet(html: str, name: str) -> dict[str, int]:
    block = html.split(f'data-facet="{name}"', 1)[1].split("</section>", 1)[0]
    return {
        v.replace(" ", "_"): int(n.replace(",", ""))
        for v, n in re.findall(r"<span>([^<]+)</span> <span class=\"n\">([\d,]+)</span>", block)
    }


def test_facet_counts_beside_the_filters(qclient: Any) -> None:
    client, _ = qclient
    html = client.get("/events").text
    assert facet(html, "type") == {"ASSAULT": 2, "COOPERATE": 3, "ACCUSE": 1, "CONSULT": 1}
    assert facet(html, "kind") == {
        "military_exercise": 2, "armed_clash": 2, "military_facility": 1, "summit": 1,
    }  # fmt: skip
    assert facet(html, "actor")["TJK"] == 2 and facet(html, "actor")["ARM"] == 2
    assert facet(html, "recipient") == {"TJK": 2, "USA": 1}
    assert facet(html, "source")["seed"] == 3 and facet(html, "source")["wire"] == 3
    # the counts are of the matches: filtered, they shrink; a value links to its filter
    html = client.get("/events?actor=kgz").text
    assert facet(html, "type") == {"ASSAULT": 2, "ACCUSE": 1}
    assert 'href="/events?actor=KGZ&amp;type=ASSAULT"' in html


def test_facets_of_many_matches_are_counted_over_the_newest(
    qclient: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pactwatch.web import facets

    client, _ = qclient
    monkeypatch.setattr(facets, "FACET_ROWS", 3)
    html = client.get("/events").text
    assert "counts of the newest 3" in html
    assert sum(facet(html, "type").values()) == 3


def test_sortable_columns_and_totals(qclient: Any) -> None:
    client, _ = qclient
    by_type = client.get("/api/events?sort=type").json()["events"]
    assert [e["event"] for e in by_type] == sorted(e["event"] for e in by_type)
    by_type_desc = [e["event"] for e in client.get("/api/events?sort=-type").json()["events"]]
    assert by_type_desc == sorted(by_type_desc, reverse=True)
    oldest = ids(client, "sort=date")
    assert oldest[0] == "seed:1" and oldest[-1] == "geo:0"  # 2022-06 first, 2023-09-11 last
    assert ids(client, "sort=-date")[0] == "geo:0"
    assert client.get("/api/events?sort=colour").status_code == 400
    html = client.get("/events?sort=type&per_page=2").text
    assert "7 matches" in html  # the total, though the page shows two
    assert 'data-sort="type">event ▲' in html
    # the column head sorts the other way next, and keeps the filters
    html = client.get("/events?sort=type&actor=KGZ").text
    assert 'href="/events?actor=KGZ&amp;sort=-type" data-sort="type"' in html


def test_code_filters_are_case_insensitive(qclient: Any) -> None:
    client, _ = qclient
    assert ids(client, "type=assault") == ids(client, "type=ASSAULT") != []
    assert ids(client, "kind=Armed_Clash") == ids(client, "kind=armed_clash") != []
    assert ids(client, "actor=kgz") == ids(client, "actor=KGZ") != []
    assert ids(client, "recipient=tjk") == ids(client, "recipient=TJK") != []
    r = client.get("/api/events?type=assaults")
    assert r.status_code == 400 and "'assaults'" in r.json()["error"]


# --- evidence, exports, the map ---


def test_evidence_is_the_sentence_with_the_trigger_marked(qclient: Any) -> None:
    client, _ = qclient
    html = client.get("/events?q=Batken").text
    assert (
        'Border guards <mark class="trigger">exchanged fire</mark> near'
        ' <mark class="hit">Batken</mark> for the second day.' in html  # the word searched for
    )
    hostile = client.get("/events?doc=hostile").text
    assert "<script>alert" not in hostile and "&lt;script&gt;" in hostile
    assert '<mark class="trigger">accused</mark>' in hostile


def test_exports_carry_the_views_filters(qclient: Any) -> None:
    client, _ = qclient
    html = client.get("/events?q=exercise&actor=usa").text
    link = re.search(r'href="(/api/events\.csv\?[^"]+)"', html)
    assert link is not None
    url = link.group(1).replace("&amp;", "&")
    assert "q=exercise" in url and "actor=USA" in url
    rows = list(csv.DictReader(io.StringIO(client.get(url).text)))
    assert {r["id"] for r in rows} == {"geo:0", "seed:2"}
    jsonl = client.get(url.replace("events.csv", "events.jsonl")).text.splitlines()
    assert {json.loads(line)["id"] for line in jsonl} == {"geo:0", "seed:2"}
    # the findings page's exports keep its member and grade
    findings = client.get("/findings?charter=test-charter&member=kgz").text
    assert "/api/findings.csv?charter=test-charter&amp;member=kgz" in findings
    found = client.get("/api/findings?charter=test-charter&member=kgz").json()["findings"]
    assert found and {f["member"] for f in found} == {"KGZ"}
    assert client.get("/api/findings?charter=test-charter").json()["findings"] != found


def map_points(html: str) -> list[dict[str, Any]]:
    spec = json.loads(html.split('id="map-spec">', 1)[1].split("</script>", 1)[0])
    points: list[dict[str, Any]] = spec["layer"][1]["data"]["values"]
    return points


def test_the_map_shows_located_records_with_the_event_filters(qclient: Any) -> None:
    client, _ = qclient
    r = client.get("/map")
    assert r.status_code == 200
    points = map_points(r.text)
    # two spots: Yerevan (two records) and Batken; records without coordinates are not on it
    assert sorted((p["place"], p["records"]) for p in points) == [("Batken", 1), ("Yerevan", 2)]
    assert {p["href"] for p in points} == {"/events/geo:0", "/events/geo:1"}
    assert "/static/vendor/world-atlas-countries-50m.json" in r.text
    filtered = client.get("/map?kind=armed_clash")
    assert [p["place"] for p in map_points(filtered.text)] == ["Batken"]
    assert 'href="/events?kind=armed_clash"' in filtered.text  # the same filters as a list
    # the borders file is served from here, not fetched from another site
    atlas = client.get("/static/vendor/world-atlas-countries-50m.json")
    assert atlas.status_code == 200 and atlas.json()["type"] == "Topology"


# --- unknown charters and bad parameters ---


@pytest.mark.parametrize(
    "path",
    ["/compare?b=nosuch", "/compare?a=nosuch", "/?charter=nosuch", "/findings?charter=nosuch",
     "/timeline?charter=nosuch"],
)  # fmt: skip
def test_an_unknown_charter_is_a_404_page_naming_it(qclient: Any, path: str) -> None:
    client, _ = qclient
    r = client.get(path)
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "no charter &#39;nosuch&#39;" in r.text and "test-charter" in r.text


def test_bad_parameters_are_an_html_page_in_the_browser_and_json_in_the_api(
    qclient: Any,
) -> None:
    client, _ = qclient
    page = client.get("/events?page=-1")
    assert page.status_code == 422 and "text/html" in page.headers["content-type"]
    assert "page:" in page.text and "&#39;-1&#39;" in page.text
    assert client.get("/api/findings?charter=nosuch").json() == {
        "error": "[E050] no charter 'nosuch' (fix: pick one of: other-charter, test-charter)"
    }
    bad = client.get("/events?since=yesterday")
    assert bad.status_code == 400 and "&#39;yesterday&#39;" in bad.text
    api = client.get("/api/events?since=yesterday")
    assert api.status_code == 400 and "'yesterday'" in api.json()["error"]
    assert XSS not in client.get("/events", params={"type": XSS}).text


def test_compare_is_aligned_by_incident(qclient: Any) -> None:
    client, _ = qclient
    html = client.get("/compare?a=test-charter&b=other-charter").text
    rows = re.findall(r'<tr data-incident="[^"]*"><td><span class="code">(\w+)</span>', html)
    # one row per member and what it rests on, both charters' findings side by side
    assert sorted(rows) == ["KGZ", "KGZ", "TJK"]
    assert html.count("no finding") == 0
    assert "2022-09-14" in html and "2022-09-14 00:00" not in html


def test_a_common_search_gives_the_same_answers(
    qclient: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word in many records is tested row by row as the page walks its index (the
    other way of asking): same matches, same order."""
    from pactwatch.web import queries

    client, _ = qclient
    rare = {q: ids(client, q) for q in ("q=exercises", "q=exercise&type=cooperate", "q=border")}
    monkeypatch.setattr(queries, "RARE", 1)
    assert {q: ids(client, q) for q in rare} == rare
    assert rare["q=exercises"] == ["geo:0", "seed:2"]


def test_hostile_text_on_the_new_pages_stays_text(qclient: Any) -> None:
    client, store = qclient
    evil = Document(id="evil", text=f"Troops {XSS} clashed near Osh.", title=XSS, source=XSS)
    place = Location(XSS, "KGZ", None, 40.5, 72.8, 4)
    save_document(store, evil, [in_sentence(evil, 0, "clashed", event="ASSAULT", event_loc=place)])
    for path in ("/map", "/events?q=clashed", "/documents?q=clashed", "/events?source=x"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
    assert "\\u003cscript\\u003e" in client.get("/map").text  # inside the chart's JSON
