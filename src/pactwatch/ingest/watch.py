"""One round of `pactwatch watch`: poll each feed, fetch the pages of new items, ingest them.

    with open_store(url) as store, Fetcher() as fetcher:
        summary = run_round(store, load_feeds(path), fetcher)

A feed is read with a conditional GET (the ETag and Last-Modified of its last good
response); its new items are queued in the store with those validators
(`feedstate`), then each queued page is fetched and the documents go through
`ingest_documents`, which stores each whole and skips text already stored. One
feed or page failing is named in the summary and the rest goes on; only a store
that cannot be written stops the round.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pactwatch import settings
from pactwatch.errors import FetchFailed, InputRejected, StoreError
from pactwatch.ingest import feedstate
from pactwatch.ingest.feeds import FeedConfig, parse_feed
from pactwatch.ingest.fetch import Fetcher
from pactwatch.ingest.readers import checked, fetch_page
from pactwatch.ingest.run import IngestSummary, ingest_documents
from pactwatch.records import Document
from pactwatch.store import Store

log = logging.getLogger(__name__)

Say = Callable[[str], None]  # one line of progress, for standard error


@dataclass(slots=True)
class RoundSummary:
    """What one round did; `failures` names each feed or page that failed, and why."""

    feeds: int = 0
    polled: int = 0  # feeds read (changed or not modified)
    not_modified: int = 0
    feeds_failed: int = 0  # feeds not read, or read with problems (malformed XML)
    new_items: int = 0  # items queued this round
    stored: int = 0  # items whose page is in the store (new, or the same text already there)
    records: int = 0
    rejected: int = 0  # items given up for good
    retry: int = 0  # items left for the next round (passing failures)
    failures: list[tuple[str, str]] = field(default_factory=list)
    ingest: IngestSummary | None = None

    def line(self) -> str:
        return (
            f"{self.feeds} feed(s), {self.not_modified} not modified, "
            f"{self.feeds_failed} failed; {self.new_items} new item(s), "
            f"{self.stored} stored, {self.rejected} rejected, {self.retry} to retry; "
            f"{self.records} records"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "feeds": self.feeds,
            "polled": self.polled,
            "not_modified": self.not_modified,
            "feeds_failed": self.feeds_failed,
            "new_items": self.new_items,
            "stored": self.stored,
            "records": self.records,
            "rejected": self.rejected,
            "retry": self.retry,
            "failures": [{"input": what, "reason": why} for what, why in self.failures],
        }


def run_round(
    store: Store,
    feeds: list[FeedConfig],
    fetcher: Fetcher,
    *,
    say: Say | None = None,
    by: str | None = None,
) -> RoundSummary:
    """Poll every feed once and ingest the pages of its queued items; then `after_round`."""
    summary = RoundSummary(feeds=len(feeds))

    def tell(line: str) -> None:
        log.info("%s", line)
        if say is not None:
            say(line)

    def fail(what: str, why: str) -> None:
        summary.failures.append((what, why))
        tell(f"{what}: {why}")

    store.check_writable()  # before any request: a store that cannot be written stops here
    rows = [(feed, feedstate.feed_row(store, feed)) for feed in feeds]
    for feed, row in rows:
        try:
            _poll(store, feed, row, fetcher, summary, tell, fail)
        except StoreError:
            raise
        except Exception as exc:  # one feed's surprise must not stop the others
            log.debug("feed %s", feed.url, exc_info=True)
            summary.feeds_failed += 1
            fail(f"feed {feed.label}", f"unexpected error ({type(exc).__name__}: {exc})")
    queues = [(feed, feedstate.pending_items(store, row.id)) for feed, row in rows]
    if any(queue for _, queue in queues):
        summary.ingest = _ingest_queued(store, queues, fetcher, summary, tell, fail, by)
        summary.records = summary.ingest.records
    after_round(store, summary)
    return summary


def after_round(store: Store, summary: RoundSummary) -> None:
    """What follows each round of `watch`, after its documents are stored. The ingest
    already linked the new records into incidents and refreshed the stored findings
    (`finish_ingest`), which queued the new findings of the charters webhooks follow;
    here the queued webhooks are sent. A delivery that fails is named in the round's
    failures and tried again next round."""
    log.debug("round done: %s", summary.line())
    config = settings.load()
    if not config.webhooks:
        return
    from pactwatch.notify import send_pending

    report = send_pending(store, config)
    summary.failures += [("webhook", line) for line in report.errors]
    log.info("webhooks: %d delivered, %d failed", report.delivered, report.failed)


def _poll(
    store: Store,
    feed: FeedConfig,
    row: feedstate.FeedRow,
    fetcher: Fetcher,
    summary: RoundSummary,
    tell: Say,
    fail: Callable[[str, str], None],
) -> None:
    """Read one feed (conditionally) and queue its new items."""
    headers = {}
    if row.etag:
        headers["If-None-Match"] = row.etag
    if row.last_modified:
        headers["If-Modified-Since"] = row.last_modified
    what = f"feed {feed.label}"

    def failed(why: str) -> None:
        summary.feeds_failed += 1
        fail(what, why)

    try:
        fetched = fetcher.get(feed.url, headers=headers, trusted_hosts={_host(feed.url)})
    except FetchFailed as exc:
        feedstate.record_poll(store, row.id, None, exc.reason)
        failed(exc.reason)
        return
    if fetched.status == 304:
        feedstate.record_poll(store, row.id, 304, None)
        summary.polled += 1
        summary.not_modified += 1
        tell(f"{what}: not modified")
        return
    try:
        parsed = parse_feed(
            fetched.content, fetched.url, fetched.content_type, feed.report_date_field
        )
    except ValueError as exc:
        feedstate.record_poll(store, row.id, fetched.status, str(exc))
        failed(str(exc))
        return
    new = feedstate.queue_items(
        store,
        row.id,
        parsed.items,
        status=fetched.status,
        etag=fetched.headers.get("etag"),
        last_modified=fetched.headers.get("last-modified"),
        keep_validators=parsed.malformed is None,
    )
    summary.polled += 1
    summary.new_items += new
    if parsed.malformed:
        failed(f"{parsed.malformed}; {len(parsed.items)} item(s) read anyway")
    skipped = f", {parsed.skipped} without a link skipped" if parsed.skipped else ""
    tell(f"{what}: {new} new item(s) of {len(parsed.items)}{skipped}")


def _ingest_queued(
    store: Store,
    queues: list[tuple[FeedConfig, list[feedstate.QueuedItem]]],
    fetcher: Fetcher,
    summary: RoundSummary,
    tell: Say,
    fail: Callable[[str, str], None],
    by: str | None,
) -> IngestSummary:
    """Fetch each queued page and ingest it; each item is marked as its document is stored
    or rejected (so a kill loses at most the pages in extraction at that moment)."""
    by_doc: dict[str, list[feedstate.QueuedItem]] = {}
    by_origin: dict[str, list[feedstate.QueuedItem]] = {}
    total = sum(len(queue) for _, queue in queues)

    def documents() -> Iterator[Document | InputRejected]:
        for feed, queue in queues:
            trusted = {_host(feed.url)}
            for item in queue:
                got = _read_page(fetcher, item.link, frozenset(trusted))
                if isinstance(got, FetchFailed) and got.transient:
                    if feedstate.mark_retry(store, item, got.reason):
                        summary.retry += 1
                        fail(item.link, f"{got.reason} (tried again next round)")
                    else:
                        summary.rejected += 1
                        fail(
                            item.link,
                            f"{got.reason} (given up after {feedstate.MAX_ATTEMPTS} tries)",
                        )
                    continue
                if isinstance(got, Document):
                    if item.report_date:  # the feed's date wins (report_date_field)
                        got.report_date = item.report_date
                    got.origin = item.link
                    feedstate.mark_fetched(store, item, got.id)
                    by_doc.setdefault(got.id, []).append(item)
                by_origin.setdefault(got.origin or item.link, []).append(item)
                yield got

    done = {"docs": 0, "rejected": 0}

    def progress(ingested: IngestSummary) -> None:
        for doc_id in ingested.doc_ids[done["docs"] :]:
            for item in by_doc.get(doc_id, [])[:1]:
                by_doc[doc_id].remove(item)
                if item in by_origin.get(item.link, []):
                    by_origin[item.link].remove(item)
                feedstate.mark_done(store, item, "stored", doc_id)
                summary.stored += 1
        done["docs"] = len(ingested.doc_ids)
        for rejected in ingested.rejected[done["rejected"] :]:
            for item in by_origin.get(rejected.origin, [])[:1]:
                by_origin[rejected.origin].remove(item)
                feedstate.mark_done(store, item, "rejected", None, rejected.reason)
            summary.rejected += 1
            fail(rejected.origin, rejected.reason)
        done["rejected"] = len(ingested.rejected)
        handled = summary.stored + summary.rejected
        if handled and handled % 25 == 0:
            tell(f"{handled} of {total} item(s) handled")

    inputs = [feed.url for feed, queue in queues if queue]
    return ingest_documents(documents(), store, inputs=inputs, progress=progress, by=by)


def _read_page(fetcher: Fetcher, link: str, trusted: frozenset[str]) -> Document | InputRejected:
    """One item's page as a checked Document, or why not; a page that trips up the HTML
    extraction is rejected by name rather than ending the round for every other item."""
    try:
        return checked(fetch_page(fetcher, link, None, trusted_hosts=trusted))
    except Exception as exc:
        log.debug("page %s", link, exc_info=True)
        return InputRejected(
            link,
            f"could not be read ({type(exc).__name__}: {exc})",
            fix="report it as a bug in pactwatch, with the page",
        )


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""
