"""Polite HTTP for `ingest URL` and `watch`: one client, robots.txt, a per-host delay, limits.

Every request goes through `Fetcher.get`, which

- follows at most `fetch_max_redirects` redirects itself, so that each hop is checked
  like the first: http(s) only, robots.txt of that host, the per-host delay;
- refuses hosts that resolve to private, loopback or link-local addresses unless the
  caller trusts that host (the URL a user typed, the feed's own host): a feed must not
  be able to make pactwatch read the operator's intranet into the store;
- reads at most `fetch_max_bytes` (decompressed) and gives up after `fetch_timeout`
  seconds in all, however slowly the server drips bytes;
- raises `FetchFailed` naming the URL, why, and whether trying later may help.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
import zlib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from pactwatch import settings
from pactwatch.errors import FetchFailed

log = logging.getLogger(__name__)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# a robots.txt is read again after this long, for a watch that runs for weeks
_ROBOTS_TTL_S = 24 * 3600
# robots.txt files are small; a larger one is cut here rather than refused (RFC 9309 allows
# a crawler to stop parsing at 500 KiB)
_ROBOTS_MAX_BYTES = 500 * 1024
# a longer Crawl-delay is not waited for: the page is refused, and the round goes on
_MAX_CRAWL_DELAY_S = 60
_RETRY_FIX = "nothing to do if it passes; `watch` tries again next round"


@dataclass(frozen=True, slots=True)
class Fetched:
    """One response: the URL it came from after redirects, its status (200 or 304) and body."""

    url: str
    status: int
    content: bytes
    headers: Mapping[str, str]

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


class Fetcher:
    """An HTTP client that keeps the rules above; use it as a context manager."""

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        host_delay: float | None = None,
        timeout: float | None = None,
        max_bytes: int | None = None,
        max_redirects: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        def pick(value: Any, name: str) -> Any:
            return value if value is not None else settings.get(name)

        self.user_agent = str(pick(user_agent, "fetch_user_agent"))
        self.host_delay = float(pick(host_delay, "fetch_host_delay"))
        self.timeout = float(pick(timeout, "fetch_timeout"))
        self.max_bytes = int(pick(max_bytes, "fetch_max_bytes"))
        self.max_redirects = int(pick(max_redirects, "fetch_max_redirects"))
        self._sleep = sleep
        self._last: dict[str, float] = {}  # host -> when its last request started
        self._robots: dict[str, tuple[float, RobotFileParser]] = {}
        self.client = httpx.Client(
            headers={"User-Agent": self.user_agent},
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        trusted_hosts: Collection[str] = (),
        origin: str | None = None,
    ) -> Fetched:
        """GET `url` under the rules above; FetchFailed names `origin` (default: `url`).

        `headers` are sent with the first request only (conditional GET validators);
        a 304 comes back as a Fetched with status 304 and no content.
        """
        origin = origin or url
        current = url
        for _hop in range(self.max_redirects + 1):
            parts = self._check_url(current, origin)
            host = parts.hostname or ""
            if host not in trusted_hosts:
                _check_public(host, origin)
            robots = self._robots_for(parts.scheme, parts.netloc, origin, trusted_hosts)
            if not robots.can_fetch(self.user_agent, current):
                raise FetchFailed(
                    origin,
                    f"robots.txt of {parts.netloc} disallows {current} for {self.user_agent!r}",
                    fix="pactwatch respects robots.txt; ask the site, or read the page another way",
                )
            delay = float(robots.crawl_delay(self.user_agent) or 0)
            if delay > _MAX_CRAWL_DELAY_S:
                # waiting that long would hold up every other feed and page of the round
                raise FetchFailed(
                    origin,
                    f"robots.txt of {parts.netloc} asks for {delay:g} s between requests, "
                    f"more than pactwatch waits ({_MAX_CRAWL_DELAY_S} s)",
                    fix="read this site another way, or ask it for a shorter Crawl-delay",
                )
            self._wait(host, max(self.host_delay, delay))
            response = self._spaced(host, current, headers if _hop == 0 else None, origin)
            if response.status not in _REDIRECTS:
                return response
            location = response.headers.get("location")
            if not location:
                raise FetchFailed(origin, f"HTTP {response.status} without a Location header")
            current = urljoin(current, location)
        raise FetchFailed(
            origin,
            f"more than {self.max_redirects} redirects (last to {current})",
            fix="check the URL in a browser; raise PACTWATCH_FETCH_MAX_REDIRECTS if it is right",
        )

    def _check_url(self, url: str, origin: str) -> SplitResult:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchFailed(
                origin, f"{url!r} is not an http(s) URL", fix="give a URL such as https://host/path"
            )
        return parts

    def _wait(self, host: str, delay: float) -> None:
        """Sleep until `delay` seconds have passed since the last request to `host`."""
        last = self._last.get(host)
        if last is not None:
            remaining = last + delay - time.monotonic()
            if remaining > 0:
                self._sleep(remaining)
        self._last[host] = time.monotonic()

    def _spaced(
        self, host: str, url: str, headers: Mapping[str, str] | None, origin: str
    ) -> Fetched:
        """A request whose end starts the host's delay again: the next request waits the
        delay after this one's answer, so a slow answer never lets two arrive together."""
        try:
            return self._request(url, headers, origin)
        finally:
            self._last[host] = time.monotonic()

    def _request(self, url: str, headers: Mapping[str, str] | None, origin: str) -> Fetched:
        deadline = time.monotonic() + self.timeout
        # messages start with the origin; a redirect's target is named when it differs
        where = "" if url == origin else f"{url} "
        try:
            # only the encodings _Inflater decodes within the size limit
            sent = {"Accept-Encoding": "gzip, deflate", **(headers or {})}
            with self.client.stream("GET", url, headers=sent) as response:
                status = response.status_code
                if status in _REDIRECTS or status == 304:
                    return Fetched(str(response.url), status, b"", dict(response.headers))
                if status >= 400:
                    transient = status >= 500 or status in (408, 429)
                    raise FetchFailed(
                        origin,
                        f"{where}answered HTTP {status} {response.reason_phrase}".rstrip(),
                        fix=_RETRY_FIX if transient else "check the URL",
                        transient=transient,
                    )
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise self._too_big(origin, where, f"{int(declared):,} bytes")
                inflate = _Inflater(response.headers.get("content-encoding", ""), origin)
                body = bytearray()
                for chunk in response.iter_raw():
                    # decompressed step by step: a gzip bomb stops at the limit, not after it
                    body += inflate(chunk, self.max_bytes + 1 - len(body))
                    if len(body) > self.max_bytes:
                        raise self._too_big(origin, where, "more")
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("total time exceeded")
                return Fetched(str(response.url), status, bytes(body), dict(response.headers))
        except httpx.TimeoutException:
            raise FetchFailed(
                origin,
                f"{where}took more than {self.timeout:g} s",
                fix=f"{_RETRY_FIX}; raise PACTWATCH_FETCH_TIMEOUT for a slow site",
                transient=True,
            ) from None
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
            raise FetchFailed(
                origin,
                f"{where}could not be fetched ({type(exc).__name__}: {exc})",
                fix=f"check the URL and the network; {_RETRY_FIX}",
                transient=True,
            ) from None

    def _too_big(self, origin: str, where: str, size: str) -> FetchFailed:
        return FetchFailed(
            origin,
            f"{where}is more than the limit of {self.max_bytes:,} bytes"
            if size == "more"
            else f"{where}is {size}, over the limit of {self.max_bytes:,} bytes",
            fix="raise PACTWATCH_FETCH_MAX_BYTES if the page is meant to be that large",
        )

    def _robots_for(
        self, scheme: str, netloc: str, origin: str, trusted_hosts: Collection[str]
    ) -> RobotFileParser:
        """The robots.txt rules of one site, read once a day (RFC 9309's reading of statuses:
        4xx means no rules, 5xx or no answer means stay away for now)."""
        site = f"{scheme}://{netloc}"
        cached = self._robots.get(site)
        if cached is not None and time.monotonic() - cached[0] < _ROBOTS_TTL_S:
            return cached[1]
        url = f"{site}/robots.txt"
        host = urlsplit(site).hostname or ""
        lines: list[str] = []  # no rules: everything allowed (a 4xx, or an empty file)
        for _hop in range(self.max_redirects + 1):
            self._wait(host, self.host_delay)
            try:
                response = self._spaced(host, url, None, origin)
            except FetchFailed as exc:
                if exc.transient:
                    raise FetchFailed(
                        origin,
                        f"robots.txt of {netloc} cannot be read ({exc.reason})",
                        fix=exc.fix,
                        transient=True,
                    ) from None
                break  # 4xx: the site has no rules for crawlers
            location = response.headers.get("location")
            if response.status in _REDIRECTS and location:
                url = urljoin(url, location)
                target = urlsplit(url).hostname or ""
                if target not in trusted_hosts and target != host:
                    _check_public(target, origin)
                continue
            if response.status == 200:
                text = response.content[:_ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
                lines = text.splitlines()
            break
        parser = RobotFileParser(f"{site}/robots.txt")
        parser.parse(lines)  # also stamps it as read: can_fetch() says no until then
        self._robots[site] = (time.monotonic(), parser)
        return parser


class _Inflater:
    """Decodes a body's Content-Encoding (gzip, deflate or none) at most `room` bytes at a
    time, so that a small compressed body cannot expand in memory past the size limit."""

    _STEP = 64 * 1024

    def __init__(self, encoding: str, origin: str) -> None:
        name = encoding.strip().lower()
        self.inflater: Any = None
        if name in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif name == "deflate":
            self.inflater = zlib.decompressobj()
        elif name not in ("", "identity"):
            raise FetchFailed(origin, f"Content-Encoding {encoding!r} that pactwatch does not read")
        self.name = name
        self.started = False

    def __call__(self, data: bytes, room: int) -> bytes:
        if self.inflater is None:
            return data
        out = bytearray()
        pending = data
        try:
            while pending and len(out) < room:
                out += self.inflater.decompress(pending, self._STEP)
                pending = self.inflater.unconsumed_tail
        except zlib.error:
            if self.name == "deflate" and not self.started:
                # servers send raw deflate as often as the zlib format the standard names
                self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                self.started = True
                return self(data, room)
            raise httpx.DecodingError(f"bad {self.name} data") from None
        self.started = True
        return bytes(out)


def _check_public(host: str, origin: str) -> None:
    """Refuse a host that resolves to an address outside the public internet."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(
            origin,
            f"cannot resolve {host} ({exc})",
            fix=f"check the host name; {_RETRY_FIX}",
            transient=True,
        ) from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        mapped = getattr(address, "ipv4_mapped", None)
        if not (mapped or address).is_global:
            raise FetchFailed(
                origin,
                f"{host} is at a private address ({address})",
                fix="links from a feed may point only at public hosts or at the feed's own "
                "host; give such a page to `pactwatch ingest URL` yourself",
            )
