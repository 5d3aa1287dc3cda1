"""`pactwatch refresh`: compute what the dashboard's pages need now, not on their first view."""

from __future__ import annotations

import json
import time

import click

from pactwatch.cli import cli
from pactwatch.cli._common import db_option, resolve_db


@cli.command("refresh")
@click.option("--charter", "charters", multiple=True, metavar="ID",
              help="Only this charter's findings (repeatable; default: every charter offered).")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)  # fmt: skip
@db_option
def refresh_command(charters: tuple[str, ...], fmt: str, db_url: str | None) -> int:
    """Store the dashboard's findings and overview counts for the data as it is now.

    The dashboard reads them instead of checking every charter on a page's first
    view (seconds on a large store). Run it after `ingest`, `import` or
    `corroborate`; pages compute anything stale themselves.

    \b
    Examples:
      pactwatch refresh
      pactwatch refresh --charter csto-treaty --db postgresql://user@host/pactwatch
    """
    from pactwatch.store import open_store
    from pactwatch.web import checking
    from pactwatch.web.precomputed import refresh

    for charter_id in charters:
        checking.load_charter(charter_id)  # an unknown id is named before any work
    t0 = time.perf_counter()
    with open_store(resolve_db(db_url), create=False) as store:
        done = refresh(store, list(charters) or None)
    seconds = time.perf_counter() - t0
    if fmt == "json":
        click.echo(
            json.dumps({"seconds": round(seconds, 3), "refreshed": [d.to_dict() for d in done]})
        )
        return 0
    for item in done:
        click.echo(f"{item.name:<40} {item.seconds:8.2f} s")
    click.echo(f"{len(done)} item(s) refreshed in {seconds:.2f} s")
    return 0
