"""The Atom feed of a charter's findings (RFC 4287), newest first seen first.

Built with ElementTree, so every piece of stored text is escaped; characters XML
1.0 cannot carry (control characters from a scraped page) are dropped first.
Each entry's `<updated>` and `<published>` are the finding's `first_seen`: a feed
reader shows a finding once, when it appeared.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import Any

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: Any) -> str:
    return _NOT_XML.sub("", str(value if value is not None else ""))


def _sub(parent: ET.Element, tag: str, text: Any = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        node.text = _text(text)
    return node


def _title(row: dict[str, Any]) -> str:
    finding = row["finding"]
    withs = ", ".join(finding.get("counterparts") or [])
    state = "" if row["state"] == "open" else f" [{row['state']}]"
    return (
        f"{row['member']}{f' with {withs}' if withs else ''}: {row['rule']} "
        f"({finding.get('dates') or 'undated'}, {finding.get('grade', '')}){state}"
    )


def feed(
    charter: str,
    rows: Sequence[dict[str, Any]],
    *,
    self_url: str,
    page_url: str,
    entry_url: Callable[[str], str],
    updated: str,
) -> bytes:
    """The feed document: `rows` as `check.stored.listing` gives them, newest first."""
    ET.register_namespace("", ATOM)
    root = ET.Element("feed", {"xmlns": ATOM})
    _sub(root, "id", f"urn:pactwatch:findings:{charter}")
    _sub(root, "title", f"pactwatch: new findings under {charter}")
    _sub(root, "updated", rows[0]["first_seen"] if rows else updated)
    _sub(root, "link", rel="self", href=self_url, type="application/atom+xml")
    _sub(root, "link", rel="alternate", href=page_url, type="text/html")
    author = _sub(root, "author")
    _sub(author, "name", "pactwatch")
    _sub(root, "generator", "pactwatch")
    for row in rows:
        finding = row["finding"]
        entry = _sub(root, "entry")
        _sub(entry, "id", f"urn:pactwatch:finding:{row['id']}")
        _sub(entry, "title", _title(row))
        _sub(entry, "updated", row["first_seen"])
        _sub(entry, "published", row["first_seen"])
        _sub(entry, "link", rel="alternate", href=entry_url(row["id"]), type="text/html")
        for term in (finding.get("grade"), finding.get("status"), row["state"]):
            if term:
                _sub(entry, "category", term=term)
        lines = [finding.get("explanation") or ""]
        lines += [
            f"“{e.get('quote', '')}” ({e.get('doc_id', '')})" for e in finding.get("evidence") or []
        ][:3]
        if row.get("note"):
            lines.append(f"{row['state']}: {row['note']}")
        _sub(entry, "summary", "\n".join(lines), type="text")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body
