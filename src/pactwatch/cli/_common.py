"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

from pactwatch.errors import UsageError

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
    from pactwatch import settings  # not at import: `--help` needs no pydantic

    return db_url or str(settings.get("db"))


def report_date_option(
    help: str = "Publication date for documents that carry none.",
) -> Callable[[F], F]:
    """`--report-date YYYY-MM-DD` (default: none; the documents' own dates win)."""
    return click.option("--report-date", default=None, metavar="YYYY-MM-DD", help=help)


def check_day(value: str | None, option: str) -> str | None:
    """A `--since`/`--until` value checked as YYYY-MM-DD; UsageError naming it otherwise."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise UsageError(
        f"{option} {value!r} is not a date", fix="give it as YYYY-MM-DD, e.g. 2022-10-10"
    )


def check_member(value: str | None) -> str | None:
    """A `--member` value as the code of a state or body pactwatch knows; UsageError otherwise,
    with the code when the value is a name it knows ("Kyrgyzstan" -> KGZ)."""
    if value is None:
        return None
    from pactwatch.knowledge.load import load_knowledge

    knowledge = load_knowledge()
    code = value.strip().upper()
    if code in knowledge.states or code in knowledge.igos:
        return code
    alias = knowledge.lookup(value.strip())
    hint = f"--member {alias.code} ({alias.text})" if alias else "an ISO alpha-3 code, e.g. KGZ"
    raise UsageError(f"--member {value!r} is not a state or alliance code", fix=f"give {hint}")


def check_filters(
    since: str | None, until: str | None, member: str | None
) -> tuple[str | None, str | None, str | None]:
    """The filters of `check`, `compare` and `scorecard`, checked before any work is done."""
    since, until = check_day(since, "--since"), check_day(until, "--until")
    if since and until and since > until:
        raise UsageError(
            f"--since {since} is after --until {until}", fix="swap them, or correct one of them"
        )
    return since, until, check_member(member)
