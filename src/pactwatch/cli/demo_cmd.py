"""CLI commands (stub: filled in by the module's owner)."""

from __future__ import annotations

from pactwatch.cli import cli  # noqa: F401
