"""`pactwatch demo`: the main job on the embedded default store."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from pactwatch.cli import cli
from pactwatch.cli._common import db_option, report_date_option, resolve_db
from pactwatch.cli.check_cmd import compare_table, consequences_table
from pactwatch.demo import DEMO_CHARTERS, check_inputs, run_demo
from pactwatch.store import open_store


@cli.command()
@click.argument("paths", nargs=-1)
@report_date_option()
@click.option(
    "--report-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("pactwatch-report"),
    show_default=True,
    help="Where the HTML report goes.",
)
@db_option
def demo(
    paths: tuple[str, ...], report_date: str | None, report_dir: Path, db_url: str | None
) -> int:
    """Ingest a corpus, extract events, check the CSTO charters, print findings, write a report.

    With no PATH it uses the sample corpus shipped with pactwatch; the store is
    sqlite:///pactwatch.db in the working directory unless --db or PACTWATCH_DB says otherwise.

    \b
    Examples:
      pactwatch demo
      pactwatch demo ../shared/data/seed/csto-op-ed-2022-10-10.txt --report-date 2022-10-10
    """
    console = Console(width=None if sys.stdout.isatty() else 160)
    err = Console(stderr=True)
    check_inputs(list(paths), report_date)  # before the store or the report is created
    store = open_store(resolve_db(db_url))
    err.print(f"pactwatch demo: store {store.url}", markup=False, highlight=False)
    result = run_demo(store, list(paths) or None, report_date=report_date, report_dir=report_dir)
    s = result.summary
    for rejected in s.rejected:
        err.print(f"pactwatch: {rejected}", markup=False, highlight=False)
    console.print(
        f"Ingested {s.new} new and {s.unchanged} unchanged document(s), "
        f"{len(s.rejected)} rejected; {len(result.events)} event record(s).",
        markup=False, highlight=False,
    )  # fmt: skip
    table = Table(title="Events", show_lines=False)
    for col in ("id", "event", "kind", "actor", "recipient", "date", "aux", "trigger"):
        table.add_column(col, overflow="fold")
    for e in result.events:
        table.add_row(
            e.id, e.event, e.kind or "", ",".join(a.code for a in e.actor),
            ",".join(a.code for a in e.recipient), e.date or "", ",".join(e.aux), e.event_text,
        )  # fmt: skip
    console.print(table)
    console.print(compare_table(result.comparison))
    for cid, prescribed in result.comparison.get("consequences", {}).items():
        if prescribed:
            console.print(consequences_table(f"{cid}: consequences on this evidence", prescribed))
    incidents = result.comparison.get("incidents", {})
    findings = result.comparison.get("findings", {})
    a, b = DEMO_CHARTERS
    console.print(
        f"{incidents.get(a, 0)} incident(s), {findings.get(a, 0)} finding(s) under {a} "
        f"(in force); {incidents.get(b, 0)} incident(s), {findings.get(b, 0)} finding(s) "
        f"under {b} (proposed). A clash between two members is one incident and a finding "
        "for each.",
        markup=False, highlight=False,
    )  # fmt: skip
    if result.report is not None:
        console.print(f"Report written to {result.report}", markup=False, highlight=False)
    if s.rejected:
        return 2 if not (s.new or s.unchanged) else 1
    return 0
