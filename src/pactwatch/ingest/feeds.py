"""FEEDS.toml for `pactwatch watch` (validated by pydantic), and RSS/Atom items (feedparser).

[[feeds]]
url = "https://example.org/security/rss.xml"
name = "Example security desk"      # optional: how messages name the feed
report_date_field = "published"     # optional: published (default), updated, created, page
"""

from __future__ import annotations

import hashlib
import io
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pactwatch.errors import FeedsFileError

DateField = Literal["published", "updated", "created", "page"]

_FIXES = {
    "url": 'give the feed\'s address, e.g. url = "https://example.org/rss.xml"',
    "name": 'give a short label, e.g. name = "Example desk" (at most 200 characters)',
    "report_date_field": "give one of published, updated, created or page "
    "(page: the article's own metadata)",
    "feeds": 'write at least one [[feeds]] table with url = "https://…"',
}


class FeedConfig(BaseModel):
    """One `[[feeds]]` table."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    url: str = Field(max_length=2048)
    name: str | None = Field(None, min_length=1, max_length=200)
    # `report_date_from` is accepted as another spelling (the issue's)
    report_date_field: DateField = Field("published", alias="report_date_from")

    @field_validator("url")
    @classmethod
    def _http(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("not an http(s) URL")
        return value.strip()

    @property
    def label(self) -> str:
        """How messages name the feed: its name and URL, or its URL."""
        return f"{self.name} ({self.url})" if self.name else self.url


class FeedsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feeds: list[FeedConfig] = Field(min_length=1)


def load_feeds(path: Path) -> list[FeedConfig]:
    """The feeds a FEEDS.toml lists; FeedsFileError names file, key and fix for each problem."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise FeedsFileError(
            [f"{path}: cannot be read ({exc.strerror or exc}); fix: check the path"]
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FeedsFileError(
            [f"{path}: not valid TOML ({exc}); fix: write [[feeds]] tables of key = value lines"]
        ) from None
    try:
        feeds = FeedsFile.model_validate(data).feeds
    except ValidationError as exc:
        raise FeedsFileError([_problem(path, e) for e in exc.errors()]) from None
    seen: dict[str, int] = {}
    problems = []
    for i, feed in enumerate(feeds):
        if feed.url in seen:
            problems.append(
                f"{path}: feeds[{i}].url: {feed.url} is also feeds[{seen[feed.url]}]; "
                "fix: list each feed once"
            )
        seen.setdefault(feed.url, i)
    if problems:
        raise FeedsFileError(problems)
    return feeds


def _problem(path: Path, error: Any) -> str:
    loc = [str(part) for part in error.get("loc", ())]
    # feeds.2.url -> feeds[2].url, as a reader of the file would count the tables
    where = ".".join(loc)
    if len(loc) >= 2 and loc[0] == "feeds" and loc[1].isdigit():
        where = f"feeds[{loc[1]}]" + "".join(f".{part}" for part in loc[2:])
    key = loc[-1] if loc else ""
    if key == "report_date_from":
        key = "report_date_field"
    if error.get("type") == "extra_forbidden":
        known = "url, name, report_date_field" if len(loc) > 2 else "feeds"
        fix = f"remove it (known keys: {known})"
    else:
        fix = _FIXES.get(key, _FIXES["feeds"])
    reason = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{path}: {where}: {reason}; fix: {fix}"


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One item of a feed: a stable key, the page it links to, its title and report date."""

    key: str
    link: str
    title: str | None
    report_date: str | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    items: list[FeedItem]
    # a feed that is not well-formed XML: what was wrong (its readable items are still read)
    malformed: str | None = None
    skipped: int = 0  # items without a usable link


def parse_feed(data: bytes, url: str, content_type: str, date_field: DateField) -> ParsedFeed:
    """The items of an RSS or Atom feed; ValueError when it holds no feed at all."""
    import feedparser

    # a stream, never bytes: feedparser opens bytes that name a file as that file, so a
    # server answering "/dev/zero" or a local path would make it read this machine
    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-location": url, "content-type": content_type or "text/xml"},
        sanitize_html=False,  # only links and dates are read; the pages are fetched themselves
    )
    malformed = None
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(problem, feedparser.CharacterEncodingOverride):
        malformed = f"not well-formed XML ({problem})"
    entries = parsed.get("entries") or []
    if not entries and not parsed.get("version"):
        if "html" in content_type:
            raise ValueError(f"not an RSS or Atom feed (a {content_type} page)")
        raise ValueError("not an RSS or Atom feed" + (f": {malformed}" if malformed else ""))
    if not entries and malformed:
        raise ValueError(malformed)
    items: list[FeedItem] = []
    skipped = 0
    for entry in entries:
        link = str(entry.get("link") or "").strip()
        if urlsplit(link).scheme not in ("http", "https"):
            skipped += 1
            continue
        ident = str(entry.get("id") or link)
        items.append(
            FeedItem(
                key=hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest(),
                link=link,
                title=(str(entry.get("title") or "").strip() or None),
                report_date=_entry_date(entry, date_field),
            )
        )
    return ParsedFeed(items, malformed, skipped)


def _entry_date(entry: Any, field: DateField) -> str | None:
    if field == "page":
        return None
    parsed = entry.get(f"{field}_parsed")
    if not parsed:
        return None
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    except (ValueError, AttributeError):
        return None
