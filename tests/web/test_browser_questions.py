"""In Debian's Chromium: search, facets, sorting, the map and filtered exports, as a reader
uses them (a real uvicorn server on 127.0.0.1; skipped where there is no Chromium)."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pactwatch.store import Store, open_store

from .test_browser import base_url, page  # noqa: F401  (the browser fixtures)
from .test_questions import fill_geo

pytestmark = pytest.mark.browser


@pytest.fixture
def store(filled_db: Path, tmp_path: Path) -> Iterator[Store]:
    """The web tests' store plus three located records (two at one spot)."""
    target = tmp_path / "web.db"
    shutil.copyfile(filled_db, target)
    st = open_store(f"sqlite:///{target}")
    fill_geo(st)
    yield st
    st.close()


def events_in_table(pg: object) -> list[str]:
    from playwright.sync_api import Page

    assert isinstance(pg, Page)
    return pg.locator("table.events tbody tr td:nth-child(2) strong").all_inner_texts()


def test_search_from_the_filter_form(page: object, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(base_url + "/events")
    page.fill("input[name=q]", "exercise")
    page.press("input[name=q]", "Enter")
    expect(page.locator("table.events tbody tr")).to_have_count(2)
    assert "q=exercise" in page.url
    expect(page.locator("table.events mark.trigger")).to_have_text(
        ["began a ten-day exercise", "held an exercise"]
    )
    # documents too
    page.goto(base_url + "/documents")
    page.fill("#document-search input[name=q]", "Batken")
    page.press("#document-search input[name=q]", "Enter")
    expect(page.locator("main table.data tbody tr")).to_have_count(1)
    expect(page.locator("main table.data tbody")).to_contain_text("Drills and clashes")
    assert page.errors == []  # type: ignore[attr-defined]


def test_facets_narrow_the_list(page: object, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(base_url + "/events")
    expect(page.locator("table.events tbody tr")).to_have_count(7)
    type_facet = page.locator('#facets [data-facet="type"]')
    expect(type_facet.locator("a", has_text="ASSAULT")).to_contain_text("2")
    type_facet.locator("a", has_text="ASSAULT").click()
    assert "type=ASSAULT" in page.url
    expect(page.locator("table.events tbody tr")).to_have_count(2)
    # the counts now describe the narrower list; a second facet narrows further
    page.locator('#facets [data-facet="actor"] a', has_text="TJK").click()
    expect(page.locator("table.events tbody tr")).to_have_count(1)
    assert "actor=TJK" in page.url and "type=ASSAULT" in page.url
    # and the filter can be dropped from its facet
    page.locator('#facets [data-facet="type"] a.drop').click()
    assert "type=" not in page.url
    expect(page.locator("table.events tbody tr")).to_have_count(2)


def test_sorting_by_a_column(page: object, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(base_url + "/events")
    page.click('th a[data-sort="type"]')
    expect(page.locator('th a[data-sort="type"]')).to_contain_text("▲")
    ascending = events_in_table(page)
    assert ascending == sorted(ascending) and len(set(ascending)) > 2
    page.click('th a[data-sort="type"]')
    expect(page.locator('th a[data-sort="type"]')).to_contain_text("▼")
    assert events_in_table(page) == sorted(ascending, reverse=True)
    expect(page.locator(".pager").first).to_contain_text("7 matches")


def test_the_map_draws_borders_and_points_that_open_records(
    page: object,  # noqa: F811
    base_url: str,  # noqa: F811
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(base_url + "/map")
    chart = page.locator(".chart.map[data-rendered]")
    expect(chart).to_have_count(1)
    # the vendored world-atlas borders: many country shapes, drawn without the network
    assert page.locator(".chart.map g.mark-shape.role-mark path").count() > 100
    points = page.locator(".chart.map g.mark-symbol.role-mark path")
    expect(points).to_have_count(2)  # Yerevan (two records) and Batken
    page.goto(base_url + "/map?kind=armed_clash")
    expect(page.locator(".chart.map[data-rendered]")).to_have_count(1)
    expect(points).to_have_count(1)
    # linked to the list of the same filters, and each point to its record
    expect(page.locator("#map-list")).to_have_attribute("href", "/events?kind=armed_clash")
    points.first.dispatch_event("click")
    page.wait_for_url("**/events/geo:1")
    expect(page.locator("mark.trigger")).to_have_text("exchanged fire")
    assert page.errors == []  # type: ignore[attr-defined]


def test_exports_keep_the_filters(page: object, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.goto(base_url + "/events?q=exercise&actor=usa")
    with page.expect_download() as download:
        page.click(".exports >> text=CSV")
    path = download.value.path()
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    assert sorted(r["id"] for r in rows) == ["geo:0", "seed:2"]
    # from the map, the same
    page.goto(base_url + "/map?kind=armed_clash")
    with page.expect_download() as download:
        page.click("text=CSV")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert [r["kind"] for r in rows] == ["armed_clash", "armed_clash"]


def test_search_terms_are_marked_in_the_results(page: object, base_url: str) -> None:  # noqa: F811
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(base_url + "/events")
    page.fill("input[name=q]", "exercises")
    page.press("input[name=q]", "Enter")
    # the searched word (stemmed: "exercises" finds "exercise"), inside the trigger's mark
    hits = page.locator("table.events td.quote mark.trigger mark.hit")
    expect(hits).to_have_text(["exercise", "exercise"])
    expect(page.locator("table.events mark.trigger")).to_have_text(
        ["began a ten-day exercise", "held an exercise"]
    )
    # documents: in the title, and a passage of the text around the first hit
    page.goto(base_url + "/documents")
    page.fill("#document-search input[name=q]", "clashes Batken")
    page.press("#document-search input[name=q]", "Enter")
    row = page.locator("main table.data tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("a mark.hit")).to_have_text(["clashes"])
    expect(row.locator(".passage mark.hit").first).to_be_visible()
    assert "Batken" in row.locator(".passage mark.hit").all_inner_texts()
    # what the reader typed never becomes markup: tags in the query are its words, escaped
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base_url + "/events?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E")
    expect(page.locator("input[name=q]")).to_have_value("<img src=x onerror=alert(1)>")
    assert page.locator("main img").count() == 0 and dialogs == []
    assert page.errors == []  # type: ignore[attr-defined]
