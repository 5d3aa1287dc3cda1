"""`watch` rounds against a local site, on SQLite and PostgreSQL: each item stored once,
conditional requests on later rounds, every failure named and the rest going on."""

from __future__ import annotations

import email.utils
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pactwatch import extract
from pactwatch.cli import main
from pactwatch.ingest import watch
from pactwatch.ingest.feeds import FeedConfig
from pactwatch.ingest.fetch import Fetcher
from pactwatch.ingest.watch import RoundSummary, run_round
from pactwatch.store import Store, get_document, open_store, status
from pactwatch.store.schema import audit_log, documents, feed_items
from tests.fake_extract import fake_extract_documents
from tests.ingest.webfixture import Route, Seen, Site, article, rss


@pytest.fixture(autouse=True)
def _fake_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "extract_documents", fake_extract_documents)


def _pub(i: int) -> str:
    return email.utils.formatdate(1_663_300_000 + i * 3600, usegmt=True)  # from 2022-09-16


def feed_of(site: Site, n: int, path: str = "/feed.xml", start: int = 0) -> None:
    """A feed of `n` items at `path`, each linking to its own page on the site."""
    items = []
    for i in range(start, start + n):
        site.routes[f"/p/{i}"] = Route(article(i))
        items.append((f"item-{i}", site.url(f"/p/{i}"), _pub(i)))
    site.routes[path] = Route(rss(items), content_type="application/rss+xml")


def _states(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(feed_items.c.state, func.count()).group_by(feed_items.c.state)
        ).all()
    return {state: int(n) for state, n in rows}


def test_three_rounds_store_each_item_once_with_conditional_requests(
    store: Store, site: Site
) -> None:
    feed_of(site, 200)
    feeds = [FeedConfig(url=site.url("/feed.xml"), name="desk")]
    with Fetcher() as fetcher:
        first = run_round(store, feeds, fetcher)
        assert (first.new_items, first.stored, first.rejected, first.failures) == (200, 200, 0, [])
        assert status(store)["documents"] == 200 and first.records > 0
        assert all(len(site.requests(f"/p/{i}")) == 1 for i in range(200))

        second = run_round(store, feeds, fetcher)
        [_, poll] = site.requests("/feed.xml")
        assert poll.headers.get("if-none-match") and poll.headers.get("if-modified-since")
        assert poll.status == 304
        assert (second.not_modified, second.new_items, second.stored) == (1, 0, 0)

        feed_of(site, 205)  # five more items: the feed changes, so its ETag does
        third = run_round(store, feeds, fetcher)
    poll = site.requests("/feed.xml")[2]
    assert poll.headers.get("if-none-match") and poll.status == 200
    assert (third.new_items, third.stored) == (5, 5)
    assert status(store)["documents"] == 205
    assert all(len(site.requests(f"/p/{i}")) == 1 for i in range(205)), "no page fetched twice"
    assert _states(store) == {"stored": 205}


def test_a_bad_feed_or_host_is_named_and_the_rest_goes_on(
    store: Store, site: Site, tmp_path: Path
) -> None:
    feed_of(site, 2)
    good = site.routes["/feed.xml"].body
    good = good.replace(b"</channel>", _items(site, ["/missing", "/flaky"]) + b"</channel>")
    site.routes["/feed.xml"] = Route(good, content_type="application/rss+xml")
    site.routes["/flaky"] = Route(dynamic=_fails_once(article(99)))
    site.routes["/broken.xml"] = Route(
        b"<rss><channel><item><title>x &oops", content_type="text/xml"
    )
    site.routes["/500.xml"] = Route(b"down", 500, "text/plain")
    site.routes["/page.html"] = Route(article(77))
    dead = Site()
    dead_url = dead.url("/feed.xml")
    dead.close()
    urls = [site.url("/broken.xml"), dead_url, site.url("/500.xml"), site.url("/page.html")]
    feeds = [FeedConfig(url=u) for u in urls] + [FeedConfig(url=site.url("/feed.xml"))]
    with Fetcher() as fetcher:
        first = run_round(store, feeds, fetcher)
        named = dict(first.failures)
        assert "not well-formed XML" in named[f"feed {site.url('/broken.xml')}"]
        assert "cannot" in named[f"feed {dead_url}"]
        assert "HTTP 500" in named[f"feed {site.url('/500.xml')}"]
        assert "not an RSS or Atom feed" in named[f"feed {site.url('/page.html')}"]
        assert "HTTP 404" in named[site.url("/missing")]
        assert "tried again next round" in named[site.url("/flaky")]
        assert (first.stored, first.rejected, first.retry) == (2, 1, 1)
        assert status(store)["documents"] == 2

        second = run_round(store, feeds, fetcher)
    assert second.stored == 1 and site.url("/flaky") not in dict(second.failures)
    assert len(site.requests("/missing")) == 1, "a page gone for good is not asked for again"
    assert status(store)["documents"] == 3
    assert _states(store) == {"stored": 3, "rejected": 1}


def test_the_cli_names_failures_and_exits_1(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_of(site, 3)
    path = tmp_path / "feeds.toml"
    path.write_text(
        f'[[feeds]]\nurl = "{site.url("/feed.xml")}"\nname = "desk"\n'
        f'[[feeds]]\nurl = "{site.url("/gone.xml")}"\nname = "gone"\n'
    )
    db = f"sqlite:///{tmp_path / 'w.db'}"
    assert main(["watch", str(path), "--once", "--db", db]) == 1
    out, err = capsys.readouterr()
    assert "round 1: 2 feed(s), 0 not modified, 1 failed; 3 new item(s), 3 stored" in out
    assert f"failed: feed gone ({site.url('/gone.xml')}): " in out and "HTTP 404" in out
    assert "feed desk" in err and "Traceback" not in err
    site.routes["/gone.xml"] = site.routes["/feed.xml"]
    assert main(["watch", str(path), "--once", "--db", db]) == 0


def test_the_report_date_is_the_items_unless_the_page_is_asked(store: Store, site: Site) -> None:
    site.routes["/a"] = Route(article(1, day="2022-09-01"))
    site.routes["/b"] = Route(article(2, day="2022-09-02"))
    site.routes["/f1"] = Route(rss([("a", site.url("/a"), "Sat, 10 Sep 2022 10:00:00 GMT")]))
    site.routes["/f2"] = Route(rss([("b", site.url("/b"), "Sat, 10 Sep 2022 10:00:00 GMT")]))
    feeds = [
        FeedConfig(url=site.url("/f1")),
        FeedConfig(url=site.url("/f2"), report_date_field="page"),
    ]
    with Fetcher() as fetcher:
        summary = run_round(store, feeds, fetcher)
    assert summary.ingest is not None
    dates = sorted(get_document(store, d).report_date or "" for d in summary.ingest.doc_ids)
    assert dates == ["2022-09-02", "2022-09-10"]


def test_after_round_runs_once_per_round_after_the_documents_are_stored(
    store: Store, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_of(site, 2)
    calls: list[tuple[int, int]] = []

    def spy(store_: Store, summary: RoundSummary) -> None:
        calls.append((summary.stored, status(store_)["documents"]))

    monkeypatch.setattr(watch, "after_round", spy)
    with Fetcher() as fetcher:
        for _ in range(2):
            run_round(store, [FeedConfig(url=site.url("/feed.xml"))], fetcher)
    assert calls == [(2, 2), (0, 2)]
    with store.engine.connect() as conn:
        audits = conn.execute(
            select(audit_log.c.target).where(audit_log.c.action == "ingest")
        ).all()
    assert [a.target for a in audits] == [site.url("/feed.xml")], "no empty ingest per round"


def test_ingest_url_stores_pages_and_names_the_failing_one(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/a"] = Route(article(1))
    db = f"sqlite:///{tmp_path / 'u.db'}"
    args = ["ingest", site.url("/a"), site.url("/nope"), "--db", db]
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert "ingested: 1 new, 0 unchanged, 1 rejected" in out
    assert f"{site.url('/nope')}: answered HTTP 404" in err and "Traceback" not in err
    assert main(args) == 1
    assert "ingested: 0 new, 1 unchanged, 1 rejected" in capsys.readouterr().out
    with open_store(db) as store, store.engine.connect() as conn:
        [row] = conn.execute(select(documents.c.url, documents.c.report_date)).all()
    assert tuple(row) == (site.url("/a"), "2022-09-16")


def _items(site: Site, paths: list[str]) -> bytes:
    return "".join(
        f"<item><guid>{p}</guid><link>{site.url(p)}</link><pubDate>{_pub(0)}</pubDate></item>"
        for p in paths
    ).encode()


def _fails_once(body: bytes) -> Callable[[Seen], tuple[int, bytes]]:
    calls = {"n": 0}

    def answer(_seen: Seen) -> tuple[int, bytes]:
        calls["n"] += 1
        return (500, b"busy") if calls["n"] == 1 else (200, body)

    return answer


def test_a_page_that_trips_the_html_extraction_is_named_and_the_rest_go_on(
    store: Store, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_of(site, 3)
    import trafilatura

    real = trafilatura.bare_extraction

    def fragile(html: str, **kwargs: object) -> object:
        if "post number 1 " in html:
            raise RecursionError("maximum recursion depth exceeded")
        return real(html, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", fragile)
    with Fetcher() as fetcher:
        summary = run_round(store, [FeedConfig(url=site.url("/feed.xml"))], fetcher)
    assert (summary.stored, summary.rejected) == (2, 1)
    assert "could not be read (RecursionError" in dict(summary.failures)[site.url("/p/1")]
