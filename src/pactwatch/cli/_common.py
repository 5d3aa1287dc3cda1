"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from pactwatch import settings

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """`--db URL`, defaulting to PACTWATCH_DB or sqlite:///pactwatch.db."""
    return click.option(
        "--db",
        "db_url",
        default=None,
        metavar="URL",
        help="SQLAlchemy URL of the store (default: $PACTWATCH_DB or sqlite:///pactwatch.db).",
    )(func)


def resolve_db(db_url: str | None) -> str:
    return db_url or str(settings.get("db"))


def report_date_option(
    help: str = "Publication date for documents that carry none.",
) -> Callable[[F], F]:
    """`--report-date YYYY-MM-DD` (default: none; the documents' own dates win)."""
    return click.option("--report-date", default=None, metavar="YYYY-MM-DD", help=help)
