"""Jinja filters shared by the dashboard and the offline report."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment


def safe_url(value: Any) -> str | None:
    """The URL if it is http(s), else None: a stored `javascript:` URL never becomes a link."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def when(value: Any) -> str:
    """A stored UTC timestamp as a reader writes it: "2026-12-06T21:22:02Z" is
    "2026-12-06 21:22 UTC"; anything else is shown as it is."""
    text = str(value or "")
    if len(text) >= 16 and text[10:11] == "T" and text.endswith("Z"):
        return f"{text[:10]} {text[11:16]} UTC"
    return text


def install(env: Environment) -> Environment:
    env.filters["safe_url"] = safe_url
    env.filters["when"] = when
    return env
