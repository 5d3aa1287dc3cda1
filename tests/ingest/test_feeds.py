"""FEEDS.toml is validated (file, key and fix named; exit 2); feeds are read by feedparser."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.cli import main
from pactwatch.errors import FeedsFileError
from pactwatch.ingest.feeds import load_feeds, parse_feed
from tests.ingest.webfixture import rss


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(text)
    return path


def test_a_good_file_with_both_spellings_of_the_date_key(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[[feeds]]\nurl = "https://example.org/rss"\nname = "Desk"\n'
        '[[feeds]]\nurl = "http://example.net/atom.xml"\nreport_date_from = "updated"\n'
        '[[feeds]]\nurl = "http://example.com/x"\nreport_date_field = "page"\n',
    )
    feeds = load_feeds(path)
    assert [f.report_date_field for f in feeds] == ["published", "updated", "page"]
    assert feeds[0].label == "Desk (https://example.org/rss)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[feeds]]\nname = 'x'\n", "feeds[0].url: Field required; fix: give the feed's address"),
        (
            "[[feeds]]\nurl = 'ftp://example.org/x'\n",
            "feeds[0].url: not an http(s) URL; fix: give the feed's address",
        ),
        (
            "[[feeds]]\nurl = 'https://a.org/'\n[[feeds]]\nurl = 'https://b.org/'\nurls = 'x'\n",
            "feeds[1].urls: Extra inputs are not permitted; fix: remove it (known keys: url, name",
        ),
        (
            "[[feeds]]\nurl = 'https://a.org/'\nreport_date_field = 'pubDate'\n",
            "feeds[0].report_date_field: Input should be 'published', 'updated', 'created' or "
            "'page'; fix: give one of published, updated, created or page",
        ),
        ("feeds = []\n", "feeds: List should have at least 1 item"),
        ("[feed]\nurl = 'https://a.org/'\n", "feed: Extra inputs are not permitted"),
        ("[[feeds]\nurl = 'x'\n", "not valid TOML"),
        (
            "[[feeds]]\nurl = 'https://a.org/'\n[[feeds]]\nurl = 'https://a.org/'\n",
            "feeds[1].url: https://a.org/ is also feeds[0]; fix: list each feed once",
        ),
    ],
)
def test_each_problem_names_file_key_and_fix(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(FeedsFileError) as caught:
        load_feeds(path)
    assert any(p.startswith(f"{path}: ") and expected in p for p in caught.value.problems), (
        caught.value.problems
    )


def test_the_command_says_so_and_exits_2_having_stored_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "[[feeds]]\nurl = 'nope'\n")
    db = tmp_path / "store.db"
    status = main(["watch", str(path), "--once", "--db", f"sqlite:///{db}"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert "[E090]" in err and f"{path}: feeds[0].url: not an http(s) URL" in err
    assert "Traceback" not in err
    assert not db.exists()


def test_a_missing_file_and_a_bad_interval(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["watch", str(tmp_path / "none.toml"), "--once"]) == 2
    assert "none.toml: cannot be read" in capsys.readouterr().err
    path = _write(tmp_path, "[[feeds]]\nurl = 'https://a.org/'\n")
    assert main(["watch", str(path), "--interval", "soon"]) == 2
    assert "--interval 'soon' is not a duration" in capsys.readouterr().err


def test_rss_items_carry_link_key_and_published_date() -> None:
    data = rss(
        [
            ("g1", "http://example.org/a", "Fri, 16 Sep 2022 08:00:00 GMT"),
            ("g2", "http://example.org/b", "Sat, 17 Sep 2022 23:30:00 +0000"),
        ]
    )
    parsed = parse_feed(data, "http://example.org/rss", "application/rss+xml", "published")
    assert [(i.link, i.report_date) for i in parsed.items] == [
        ("http://example.org/a", "2022-09-16"),
        ("http://example.org/b", "2022-09-17"),
    ]
    assert parsed.malformed is None and len({i.key for i in parsed.items}) == 2
    page = parse_feed(data, "http://example.org/rss", "application/rss+xml", "page")
    assert [i.report_date for i in page.items] == [None, None]


def test_atom_updated_and_relative_links() -> None:
    data = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:f</id>
<updated>2022-10-01T00:00:00Z</updated>
<entry><title>a</title><id>urn:a</id><link href="/news/a"/>
<updated>2022-10-01T12:00:00Z</updated><published>2022-09-30T12:00:00Z</published></entry>
<entry><title>no link</title><id>urn:b</id><updated>2022-10-01T12:00:00Z</updated></entry>
</feed>"""
    parsed = parse_feed(data, "http://example.org/atom.xml", "application/atom+xml", "updated")
    assert [(i.link, i.report_date) for i in parsed.items] == [
        ("http://example.org/news/a", "2022-10-01")
    ]
    assert parsed.skipped == 1


def test_broken_xml_is_named_and_what_can_be_read_is_kept() -> None:
    whole = rss(
        [(f"g{i}", f"http://example.org/{i}", "Fri, 16 Sep 2022 08:00:00 GMT") for i in range(3)]
    )
    parsed = parse_feed(whole[: whole.index(b"<item><title>Item g2")] + b"<item><title>Item &bad",
                        "http://example.org/rss", "text/xml", "published")  # fmt: skip
    assert parsed.malformed and "not well-formed" in parsed.malformed
    assert [i.link for i in parsed.items] == ["http://example.org/0", "http://example.org/1"]


@pytest.mark.parametrize("data", [b"<html><body>Not a feed</body></html>", b"<rss><channel", b""])
def test_no_feed_at_all_is_an_error(data: bytes) -> None:
    with pytest.raises(ValueError, match="not"):
        parse_feed(data, "http://example.org/rss", "text/html", "published")


def test_a_body_naming_a_local_file_is_not_read_as_that_file(tmp_path: Path) -> None:
    local = tmp_path / "local.xml"
    local.write_bytes(
        rss([("secret", "http://example.org/secret", "Fri, 16 Sep 2022 08:00:00 GMT")])
    )
    with pytest.raises(ValueError, match="not an RSS or Atom feed"):
        parse_feed(str(local).encode(), "http://example.org/rss", "text/xml", "published")
