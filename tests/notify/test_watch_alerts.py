"""`watch` sends the alerts of what it read: after a round that stored records, the
charters the webhooks follow are checked (new findings queued) and the queue is sent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pactwatch.ingest.feeds import FeedConfig
from pactwatch.ingest.fetch import Fetcher
from pactwatch.ingest.watch import run_round
from pactwatch.store import Store
from tests.ingest.webfixture import Route, Site, rss
from tests.notify.conftest import Configure, Receiver

CLASH = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Clash on the border</title>
<meta property="article:published_time" content="2022-09-16T08:00:00Z"></head><body>
<article><h1>Clash on the border</h1>
<p>Tajik troops shelled Kyrgyz border posts near Batken on Wednesday, killing two Kyrgyz
soldiers. Kyrgyz forces returned fire on Tajik positions across the border.</p>
</article></body></html>"""


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv("PACTWATCH_FETCH_HOST_DELAY", "0")
    served = Site()
    served.routes["/clash"] = Route(CLASH)
    served.routes["/feed.xml"] = Route(
        rss([("clash-1", served.url("/clash"), "Fri, 16 Sep 2022 08:00:00 GMT")]),
        content_type="application/rss+xml",
    )
    yield served
    served.close()


def test_a_round_that_stores_a_clash_sends_its_findings(
    store: Store, site: Site, receiver: Receiver, configure: Configure
) -> None:
    configure(receiver.url, charters=("csto-treaty",))
    feeds = [FeedConfig(url=site.url("/feed.xml"), name="desk")]
    with Fetcher() as fetcher:
        first = run_round(store, feeds, fetcher)
    assert first.records > 0 and first.failures == []
    members = {r.body["finding"]["member"] for r in receiver.received}
    assert receiver.received and all(r.verified for r in receiver.received)
    assert members & {"KGZ", "TJK"}
    sent = len(receiver.received)
    with Fetcher() as fetcher:  # nothing new read: nothing sent again
        second = run_round(store, feeds, fetcher)
    assert second.records == 0 and len(receiver.received) == sent


def test_no_webhooks_no_checks(store: Store, site: Site, receiver: Receiver) -> None:
    feeds = [FeedConfig(url=site.url("/feed.xml"), name="desk")]
    with Fetcher() as fetcher:
        run_round(store, feeds, fetcher)
    assert receiver.received == []
