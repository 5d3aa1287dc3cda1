"""`pactwatch corroborate`: link records from different sources into incidents."""

from __future__ import annotations

import json

import click

from pactwatch.cli import cli
from pactwatch.cli._common import db_option, resolve_db


@cli.command("corroborate")
@click.option("--rebuild", is_flag=True, help="Forget every incident and link all records again.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)  # fmt: skip
@db_option
def corroborate_command(rebuild: bool, fmt: str, db_url: str | None) -> int:
    """Link records that report one real-world event into an incident (incremental).

    Only records not linked yet are read; `ingest` runs this after each run. Use
    --rebuild after changing the linking rules or PACTWATCH_INCIDENT_DAYS.

    \b
    Examples:
      pactwatch corroborate
      pactwatch corroborate --rebuild --db postgresql://user@host/pactwatch
    """
    from pactwatch.corroborate import corroborate
    from pactwatch.store import open_store

    with open_store(resolve_db(db_url)) as store:
        summary = corroborate(store, rebuild=rebuild)
        if rebuild or summary.records:
            # incidents changed: on record, and the dashboard's kept pages and findings follow
            from pactwatch.store import audit

            with store.write() as conn:
                audit.record(
                    conn, audit.cli_actor(), "corroborate", "rebuild" if rebuild else None,
                    summary.to_dict(),
                )  # fmt: skip
    if fmt == "json":
        click.echo(json.dumps(summary.to_dict()))
        return 0
    click.echo(
        f"{summary.records:,} record(s) read; {summary.incidents_new:,} new incident(s), "
        f"{summary.incidents_grown:,} grown; {summary.links:,} report(s) and "
        f"{summary.disputes:,} dispute(s) linked; widest precisely dated incident "
        f"{summary.largest_incident_days} day(s); {summary.seconds:.2f} s"
    )
    return 0
