"""Screenshots of every dashboard page at 1400x1000 in Chromium, for a person to look at.

    .venv/bin/python bench/screenshots.py --db sqlite:///pactwatch.db [--out /tmp/pactwatch-shots]

Starts `pactwatch serve` on the store (a real process on 127.0.0.1), opens each page in
Debian's Chromium (PACTWATCH_CHROMIUM) driven by Playwright, waits for its charts, and
writes one PNG per page (the first 1000 pixels: what a reader sees first) plus
`*-full.png` (the whole page). Prints each file and any script error on the page.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = os.environ.get("PACTWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pages(base: str) -> list[tuple[str, str]]:
    """(name, path) of every page, with ids taken from the store through the API."""
    with urllib.request.urlopen(base + "/api/events?per_page=1") as r:
        events = json.load(r)["events"]
    with urllib.request.urlopen(base + "/api/documents?per_page=1") as r:
        docs = json.load(r)["documents"]
    with urllib.request.urlopen(base + "/api/findings?charter=csto-treaty") as r:
        findings = json.load(r)["findings"]
    event_id = events[0]["id"] if events else "none"
    doc_id = docs[0]["id"] if docs else "none"
    finding_id = findings[0]["id"] if findings else "none"
    return [
        ("overview", "/"),
        ("findings", "/findings"),
        ("finding", f"/findings/{finding_id}"),
        ("compare", "/compare"),
        ("events", "/events"),
        ("events-search", "/events?q=exercise&sort=type"),
        ("events-sort-kind", "/events?sort=kind"),
        ("events-filtered", "/events?type=assault&actor=kgz"),
        ("event", f"/events/{event_id}"),
        ("documents", "/documents"),
        ("documents-search", "/documents?q=border"),
        ("document", f"/documents/{doc_id}"),
        ("map", "/map"),
        ("map-filtered", "/map?kind=military_exercise"),
        ("timeline", "/timeline"),
        ("charters", "/charters"),
        ("charter", "/charters/csto-treaty"),
        ("review", "/review"),
        ("login", "/login"),
        ("error-compare", "/compare?b=nosuch"),
        ("error-param", "/events?page=-1"),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="the store's URL")
    ap.add_argument("--out", type=Path, default=Path("/tmp/pactwatch-shots"))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "pactwatch", "serve", "--db", args.db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/login").close()
                break
            except OSError:
                time.sleep(0.1)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            for name, path in pages(base):
                errors.clear()
                page.goto(base + path)
                for chart in page.locator(".chart[data-spec]").all():
                    chart.locator("svg").first.wait_for(timeout=10_000)
                shot = args.out / f"{name}.png"
                page.screenshot(path=str(shot))
                page.screenshot(path=str(args.out / f"{name}-full.png"), full_page=True)
                print(f"{shot}  {path}" + (f"  ERRORS: {errors}" if errors else ""))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
