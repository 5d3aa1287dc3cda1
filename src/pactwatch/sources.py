"""What makes two reports one source (issue 13's Decisions: by normalised URL, then by outlet).

A GDELT row and the article at its SOURCEURL are one source; so are two copies of
one article under different ids, and two articles of one outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# query parameters that track a click and never choose the page
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref", "cmpid", "ocid")
# most URLs: lower-case http(s), host, no port, user, query or fragment, a plain path; their
# key is read off directly (an import makes one per dataset row, and urllib's split is most
# of its cost). tests/interop/test_write.py holds both ways equal.
_PLAIN = re.compile(r"https?://([a-z0-9.-]+)((?:/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*)", re.ASCII)


@lru_cache(maxsize=65_536)  # an incident's reports often share a URL; counting repeats it
def url_key(url: str) -> str:
    """The URL as one source: scheme and host lower-cased, `www.` and the default port
    dropped, http and https the same, no fragment, no tracking parameters, no trailing /."""
    plain = _PLAIN.fullmatch(url)
    if plain is not None and (host := plain[1].removeprefix("www.")):
        return "http://" + host + plain[2].rstrip("/")
    return split_key(url)


def split_key(url: str) -> str:
    """`url_key` by urllib's split, for any URL."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    if not parts.netloc:
        return url.strip()
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port not in (None, 80, 443) else ""
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not k.lower().startswith(_TRACKING)]
    )  # fmt: skip
    return urlunsplit(("http", host + port, parts.path.rstrip("/"), query, ""))


def count_independent(keys: list[tuple[str, ...]]) -> int:
    """How many sources a list of reports is, each report given by its keys (its outlet or
    document, and its URL): reports sharing any key are one source, transitively."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for ks in keys:
        for k in ks:
            parent.setdefault(k, k)
        for k in ks[1:]:
            parent[find(k)] = find(ks[0])
    return len({find(ks[0]) for ks in keys if ks})


def count_reports(
    docs: Iterable[str], outlets: Iterable[str], at: Iterable[tuple[str, str, str]]
) -> tuple[int, int]:
    """(documents, outlets) among reports given their documents and outlets, and (document,
    outlet, URL) for those with a URL: reports at one normalised URL are one document and
    one outlet (a dataset row and the article at its URL), as in count_independent."""
    at = [(d, o, f"url:{url_key(u)}") for d, o, u in at]
    return (
        count_independent([*((d,) for d in docs), *((d, u) for d, _, u in at)]),
        count_independent([*((o,) for o in outlets), *((o, u) for _, o, u in at)]),
    )
