"""Fetching pages politely and safely, against a local site: limits, robots.txt, delays."""

from __future__ import annotations

import gzip
import itertools
import tracemalloc
import zlib

import pytest

from pactwatch.errors import FetchFailed, InputRejected
from pactwatch.ingest.fetch import Fetcher
from pactwatch.ingest.readers import fetch_page
from pactwatch.records import Document
from tests.ingest.webfixture import Route, Site, article

LOCAL = frozenset({"127.0.0.1"})


def _fetcher(**kwargs: float) -> Fetcher:
    return Fetcher(**kwargs)  # type: ignore[arg-type]


def test_a_page_becomes_a_document_with_its_own_date(site: Site) -> None:
    site.routes["/a"] = Route(article(1, day="2022-09-16"))
    with _fetcher() as fetcher:
        doc = fetch_page(fetcher, site.url("/a"), "2000-01-01")
    assert isinstance(doc, Document), doc
    assert "Tajik post number 1 near Batken" in doc.text
    assert "Subscribe" not in doc.text  # trafilatura kept the article, not the footer
    assert (doc.report_date, doc.url, doc.origin) == ("2022-09-16", site.url("/a"), site.url("/a"))
    assert site.requests("/robots.txt"), "robots.txt is read before the first page"
    assert site.requests("/a")[0].headers["user-agent"].startswith("pactwatch/")


@pytest.mark.parametrize(("status", "transient"), [(404, False), (410, False), (500, True)])
def test_http_errors_name_the_url_and_whether_to_retry(
    site: Site, status: int, transient: bool
) -> None:
    site.routes["/e"] = Route(b"no", status)
    with _fetcher() as fetcher:
        got = fetch_page(fetcher, site.url("/e"), None)
    assert isinstance(got, FetchFailed)
    assert got.origin == site.url("/e") and f"HTTP {status}" in got.reason
    assert got.transient is transient


def test_a_slow_server_times_out(site: Site) -> None:
    site.routes["/slow"] = Route(article(2), delay=3)
    with _fetcher(timeout=0.5) as fetcher:
        got = fetch_page(fetcher, site.url("/slow"), None)
    assert isinstance(got, FetchFailed) and got.transient
    assert "took more than 0.5 s" in got.reason


def test_a_redirect_loop_is_cut(site: Site) -> None:
    site.routes["/loop"] = Route(status=302, headers={"Location": "/loop"}, conditional=False)
    with _fetcher(max_redirects=4) as fetcher:
        got = fetch_page(fetcher, site.url("/loop"), None)
    assert isinstance(got, FetchFailed) and "more than 4 redirects" in got.reason
    assert len(site.requests("/loop")) == 5


def test_redirects_are_followed_to_the_page(site: Site) -> None:
    site.routes["/old"] = Route(status=301, headers={"Location": "/new"}, conditional=False)
    site.routes["/new"] = Route(article(3))
    with _fetcher() as fetcher:
        doc = fetch_page(fetcher, site.url("/old"), None)
    assert isinstance(doc, Document)
    assert (doc.origin, doc.url) == (site.url("/old"), site.url("/new"))


def test_a_50_mb_page_is_not_read_past_the_limit(site: Site) -> None:
    site.routes["/big"] = Route(stream_bytes=50_000_000)  # no Content-Length: read and cut
    with _fetcher(max_bytes=1_000_000) as fetcher:
        got = fetch_page(fetcher, site.url("/big"), None)
    assert isinstance(got, FetchFailed) and not got.transient
    assert "more than the limit of 1,000,000 bytes" in got.reason
    [seen] = site.requests("/big")
    assert seen.sent < 20_000_000, "the client must stop reading, not download 50 MB"


def test_a_declared_50_mb_page_is_refused_before_reading(site: Site) -> None:
    site.routes["/big"] = Route(stream_bytes=50_000_000, declared_length=50_000_000)
    with _fetcher(max_bytes=1_000_000) as fetcher:
        got = fetch_page(fetcher, site.url("/big"), None)
    assert isinstance(got, FetchFailed)
    assert "50,000,000 bytes, over the limit" in got.reason


def test_robots_txt_is_respected(site: Site) -> None:
    site.routes["/robots.txt"] = Route(
        b"User-agent: pactwatch\nDisallow: /private/\n", content_type="text/plain"
    )
    site.routes["/private/a"] = Route(article(4))
    site.routes["/public/a"] = Route(article(5))
    with _fetcher() as fetcher:
        refused = fetch_page(fetcher, site.url("/private/a"), None)
        allowed = fetch_page(fetcher, site.url("/public/a"), None)
    assert isinstance(refused, FetchFailed) and "robots.txt" in refused.reason
    assert site.requests("/private/a") == [], "a disallowed page is never requested"
    assert isinstance(allowed, Document)
    assert len(site.requests("/robots.txt")) == 1, "robots.txt is read once per site"


def test_an_unreachable_robots_txt_keeps_away_for_now(site: Site) -> None:
    site.routes["/robots.txt"] = Route(b"down", 503, "text/plain")
    site.routes["/a"] = Route(article(6))
    with _fetcher() as fetcher:
        got = fetch_page(fetcher, site.url("/a"), None)
    assert isinstance(got, FetchFailed) and got.transient and "robots.txt" in got.reason
    assert site.requests("/a") == []


def test_requests_to_one_host_are_spaced_by_the_delay(site: Site) -> None:
    for i in range(4):
        site.routes[f"/p{i}"] = Route(article(10 + i))
    with _fetcher(host_delay=0.3) as fetcher:
        for i in range(4):
            fetch_page(fetcher, site.url(f"/p{i}"), None)
    times = [s.at for s in site.seen]  # robots.txt, then the four pages
    assert len(times) == 5
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.28, gaps


def test_the_delay_runs_from_the_answer_so_a_slow_one_never_bunches_requests(
    site: Site,
) -> None:
    # the first page answers after 0.5 s: the next request still waits the whole delay
    site.routes["/slow"] = Route(article(20), delay=0.5)
    site.routes["/next"] = Route(article(21))
    with _fetcher(host_delay=0.3) as fetcher:
        fetch_page(fetcher, site.url("/slow"), None)
        fetch_page(fetcher, site.url("/next"), None)
    slow, following = site.requests("/slow")[0].at, site.requests("/next")[0].at
    assert following - slow >= 0.5 + 0.28  # the answer's delay, then the host's


def test_robots_crawl_delay_spaces_requests_too(site: Site) -> None:
    site.routes["/robots.txt"] = Route(
        b"User-agent: *\nCrawl-delay: 1\n", content_type="text/plain"
    )
    for i in range(2):
        site.routes[f"/p{i}"] = Route(article(20 + i))
    with _fetcher(host_delay=0) as fetcher:
        for i in range(2):
            fetch_page(fetcher, site.url(f"/p{i}"), None)
    first, second = site.requests("/p0")[0].at, site.requests("/p1")[0].at
    assert second - first >= 0.95


def test_a_crawl_delay_of_an_hour_is_not_waited_for(site: Site) -> None:
    site.routes["/robots.txt"] = Route(
        b"User-agent: *\nCrawl-delay: 3600\n", content_type="text/plain"
    )
    site.routes["/p"] = Route(article(40))
    with _fetcher() as fetcher:
        got = fetch_page(fetcher, site.url("/p"), None)
    assert isinstance(got, FetchFailed) and "asks for 3600 s between requests" in got.reason
    assert site.requests("/p") == []


def test_a_link_to_a_private_address_is_refused_unless_its_host_is_trusted(site: Site) -> None:
    site.routes["/a"] = Route(article(7))
    with _fetcher() as fetcher:
        # the feed is on 127.0.0.1; its item points at another name for this machine
        refused = fetch_page(fetcher, site.url("/a", host="localhost"), None, trusted_hosts=LOCAL)
        allowed = fetch_page(fetcher, site.url("/a"), None, trusted_hosts=LOCAL)
    assert isinstance(refused, FetchFailed) and "private address" in refused.reason
    assert isinstance(allowed, Document)
    assert len(site.requests("/a")) == 1


def test_a_redirect_to_a_private_host_is_refused(site: Site) -> None:
    site.routes["/hop"] = Route(
        status=302, headers={"Location": site.url("/a", host="localhost")}, conditional=False
    )
    site.routes["/a"] = Route(article(8))
    with _fetcher() as fetcher:
        got = fetch_page(fetcher, site.url("/hop"), None)  # only the given host is trusted
    assert isinstance(got, FetchFailed) and "localhost is at a private address" in got.reason
    assert site.requests("/a") == []


def test_a_pdf_is_not_a_page(site: Site) -> None:
    site.routes["/x.pdf"] = Route(b"%PDF-1.4 ...", content_type="application/pdf")
    with _fetcher() as fetcher:
        got = fetch_page(fetcher, site.url("/x.pdf"), None)
    assert isinstance(got, InputRejected) and "Content-Type application/pdf" in got.reason


def test_the_charset_of_the_header_decodes_the_page(site: Site) -> None:
    body = article(9).replace(b"Friday", "Fr\u00e9day".encode("latin-1"))
    site.routes["/l"] = Route(
        body.replace(b'<meta charset="utf-8">', b""), content_type="text/html; charset=ISO-8859-1"
    )
    with _fetcher() as fetcher:
        doc = fetch_page(fetcher, site.url("/l"), None)
    assert isinstance(doc, Document) and "Fr\u00e9day" in doc.text


def test_a_dead_host_is_a_passing_failure(site: Site) -> None:
    port = site.port
    site.close()  # nothing listens there any more
    with _fetcher() as fetcher:
        got = fetch_page(fetcher, f"http://127.0.0.1:{port}/a", None)
    assert isinstance(got, FetchFailed) and got.transient
    assert "robots.txt of 127.0.0.1" in got.reason and "could not be fetched" in got.reason


@pytest.mark.parametrize(
    "encode",
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda b: zlib.compress(b)[2:-4]),  # raw deflate, as many servers send
    ],
    ids=["gzip", "deflate", "raw-deflate"],
)
def test_compressed_pages_are_read(site: Site, encode: tuple[str, object]) -> None:
    name, compress = encode
    site.routes["/z"] = Route(compress(article(30)), headers={"Content-Encoding": name})  # type: ignore[operator]
    with _fetcher() as fetcher:
        doc = fetch_page(fetcher, site.url("/z"), None)
    assert isinstance(doc, Document) and "post number 30" in doc.text
    assert "gzip" in site.requests("/z")[0].headers["accept-encoding"]


def test_a_gzip_bomb_is_cut_at_the_limit_without_inflating_it(site: Site) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # about 50 KB on the wire
    site.routes["/bomb"] = Route(bomb, headers={"Content-Encoding": "gzip"})
    with _fetcher(max_bytes=1_000_000) as fetcher:
        tracemalloc.start()
        try:
            got = fetch_page(fetcher, site.url("/bomb"), None)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert isinstance(got, FetchFailed) and "more than the limit of 1,000,000 bytes" in got.reason
    assert peak < 10_000_000, f"{peak:,} bytes held while reading a 50 KB body"
