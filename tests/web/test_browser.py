"""End to end in Debian's Chromium (headless, driven by Playwright; no downloaded browser).

Open the overview, filter events, open an event, log in, flag an error with Ctrl+Enter,
confirm a record, reject another and see its finding go. Skipped where no Chromium exists.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from pactwatch.store import Store
from pactwatch.web import create_app

from .conftest import PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("PACTWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip

SELECT_JS = """phrase => {
  const root = document.querySelector('[data-flag-doc]');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent.indexOf(phrase);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      return true;
    }
  }
  return false;
}"""


@pytest.fixture
def base_url(store: Store) -> Iterator[str]:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM} (set PACTWATCH_CHROMIUM)")
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(store=store, secret_key="browser-test")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture
def page(base_url: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        pg.set_default_timeout(10_000)
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
        pg.errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


def test_analyst_journey(page: object, base_url: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    # the overview: KGZ and TJK flagged under no-fighting
    page.goto(base_url + "/?charter=test-charter")
    expect(page.locator("table.matrix td.grade-single-source")).to_have_count(2)

    # filter events, open one
    page.click("nav >> text=Events")
    page.select_option("select[name=type]", "ASSAULT")
    page.fill("input[name=actor]", "kgz")
    page.click("#event-filters button[type=submit]")
    assert "type=ASSAULT" in page.url
    expect(page.locator("table.events tbody tr")).to_have_count(1)
    page.click("table.events >> text=ASSAULT")
    expect(page.locator("mark.evidence")).to_have_text("fought on their border")

    # log in from the event page and come back to it
    page.click("header >> text=Log in")
    page.fill("input[name=name]", "ana")
    page.fill("input[name=password]", PASSWORD)
    page.click("section.login button[type=submit]")
    expect(page.locator("header .who")).to_contain_text("ana")
    assert page.url.endswith("/events/seed:0") or page.url.endswith("/events/seed%3A0")

    # select words in a document, Ctrl+Enter, send: the typo-reporter flow
    page.goto(base_url + "/documents/seed")
    assert page.evaluate(SELECT_JS, "funded by the Pentagon")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#flag-dialog")).to_be_visible()
    expect(page.locator("#flag-quote")).to_have_text("funded by the Pentagon")
    page.check("input[value=flag_missed]")
    page.click("#flag-send")
    expect(page.locator("#flag-result")).to_have_text("Thank you! Now the editors are aware.")
    page.goto(base_url + "/review")
    expect(page.locator("main table.data").first).to_contain_text("funded by the Pentagon")

    # confirm one record, reject another; the finding resting on it goes
    page.goto(base_url + "/events/seed:2")
    page.click("button.ok")
    expect(page.locator("h1 .rv-confirmed")).to_have_text("confirmed")
    page.goto(base_url + "/events/seed:0")
    page.click("button.bad")
    expect(page.locator("h1 .rv-rejected")).to_have_text("rejected")
    page.goto(base_url + "/?charter=test-charter")
    expect(page.locator("table.matrix td.grade-single-source")).to_have_count(0)
    page.goto(base_url + "/review")
    expect(page.locator("main")).to_contain_text("reject")
    assert page.errors == []  # type: ignore[attr-defined]


def test_hostile_text_never_runs_and_charts_draw(page: object, base_url: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    for path in ("/documents/hostile", "/events/hostile:0", "/events?doc=hostile", "/"):
        page.goto(base_url + path)
        assert page.evaluate("document.querySelectorAll('img[src=x], main script').length") == 0
    expect(page.locator("h1")).to_contain_text("Overview")
    page.goto(base_url + "/documents/hostile")
    expect(page.locator("h1")).to_contain_text('<script>alert("x")</script>')
    page.goto(base_url + "/timeline?charter=test-charter")
    expect(page.locator(".chart[data-rendered='1'] svg")).to_have_count(1)
    assert page.errors == []  # type: ignore[attr-defined]


def test_offline_report_draws_its_charts(page: object, store: Store, tmp_path: object) -> None:
    from pathlib import Path

    from playwright.sync_api import Page, expect

    from pactwatch.report import write_report

    assert isinstance(page, Page) and isinstance(tmp_path, Path)
    path = write_report(store, ["test-charter", "other-charter"], tmp_path / "report")
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_())  # fmt: skip
    page.goto(path.as_uri())
    expect(page.locator(".chart[data-rendered='1'] svg")).to_have_count(2)
    assert page.errors == []  # type: ignore[attr-defined]
