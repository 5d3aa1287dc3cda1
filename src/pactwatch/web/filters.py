"""Jinja filters shared by the dashboard and the offline report."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment


def safe_url(value: Any) -> str | None:
    """The URL if it is http(s), else None: a stored `javascript:` URL never becomes a link."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def install(env: Environment) -> Environment:
    env.filters["safe_url"] = safe_url
    return env
