"""`pactwatch demo`: the main job on the embedded default store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich import box
from rich.console import Console
from rich.table import Table

from pactwatch.cli import cli
from pactwatch.cli._common import db_option, report_date_option, resolve_db
from pactwatch.cli.check_cmd import compare_table, consequences_table
from pactwatch.demo import DEMO_CHARTERS, check_inputs, run_demo
from pactwatch.records import Event
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
@click.option(
    "--verbose", "full", is_flag=True, help="Also print every event record and the full comparison."
)
@db_option
def demo(
    paths: tuple[str, ...],
    report_date: str | None,
    report_dir: Path,
    full: bool,
    db_url: str | None,
) -> int:
    """Ingest a corpus, extract events, check the CSTO charters, print findings, write a report.

    With no PATH it uses the sample corpus shipped with pactwatch; the store is
    sqlite:///pactwatch.db in the working directory unless --db or PACTWATCH_DB says otherwise.
    It prints a summary and the findings that fit the terminal (COLUMNS), and says what
    to open or run next; --verbose adds every event record and the full comparison.

    \b
    Examples:
      pactwatch demo
      pactwatch demo --verbose
      pactwatch demo ../shared/data/seed/csto-op-ed-2022-10-10.txt --report-date 2022-10-10
    """
    console = Console(highlight=False)  # as wide as the terminal, or $COLUMNS, or 80
    err = Console(stderr=True)
    check_inputs(list(paths), report_date)  # before the store or the report is created
    store = open_store(resolve_db(db_url))
    err.print(f"pactwatch demo: store {store.url}", markup=False, highlight=False)
    with err.status("reading, extracting, corroborating and checking…"):
        result = run_demo(
            store, list(paths) or None, report_date=report_date, report_dir=report_dir
        )
    s = result.summary
    for rejected in s.rejected:
        err.print(f"pactwatch: {rejected}", markup=False, highlight=False)
    console.print(
        f"Ingested {s.new} new and {s.unchanged} unchanged document(s), "
        f"{len(s.rejected)} rejected; {len(result.events)} event record(s).",
        markup=False,
    )
    if full:
        console.print(_events_table(result.events))
        console.print(compare_table(result.comparison))
    else:
        console.print(_findings_table(result.comparison, console.width))
    for cid, prescribed in result.comparison.get("consequences", {}).items():
        if prescribed and full:
            console.print(consequences_table(f"{cid}: consequences on this evidence", prescribed))
        for c in [] if full else prescribed:
            console.print(
                f"{cid}: {c['member']} → {c['step']} ({c['status']}, "
                f"{len(c['findings'])} finding(s))",
                markup=False,
            )
    incidents = result.comparison.get("incidents", {})
    findings = result.comparison.get("findings", {})
    a, b = DEMO_CHARTERS
    console.print(
        f"{incidents.get(a, 0)} incident(s), {findings.get(a, 0)} finding(s) under {a} "
        f"(in force); {incidents.get(b, 0)} incident(s), {findings.get(b, 0)} finding(s) "
        f"under {b} (proposed). A clash between two members is one incident and a finding "
        "for each.",
        markup=False,
    )  # fmt: skip
    if result.report is not None:
        console.print(f"Report written to {result.report}", markup=False)
    console.print(
        "Next: open the report in a browser; `pactwatch serve` for the dashboard; "
        f"`pactwatch check --charter {a}` for one charter; `pactwatch demo --verbose` for "
        "every record.",
        markup=False,
    )
    if s.rejected:
        return 2 if not (s.new or s.unchanged) else 1
    return 0


def _events_table(events: list[Event]) -> Table:
    table = Table(title="Events", show_lines=False)
    for col in ("id", "event", "kind", "actor", "recipient", "date", "aux", "trigger"):
        table.add_column(col, overflow="fold")
    for e in events:
        table.add_row(
            e.id, e.event, e.kind or "", ",".join(a.code for a in e.actor),
            ",".join(a.code for a in e.recipient), e.date or "", ",".join(e.aux), e.event_text,
        )  # fmt: skip
    return table


def cut(text: str, most: int) -> str:
    """`text` in at most `most` characters, cut at a word and marked with "…"."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    head = text[: most - 1]
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(",;:") + "…"


def _findings_table(comparison: dict[str, Any], width: int) -> Table:
    """One row per member and incident: the rules each charter finds broken, a short quote."""
    a, b = comparison["charters"]
    table = Table(
        title="Findings (one per member and incident)", box=box.SIMPLE_HEAD, pad_edge=False
    )
    for col in ("member", "with", "dates", "rules broken", "grade"):
        table.add_column(col, no_wrap=col in ("member", "dates", "grade"))
    quote_room = max(24, width - 62)
    for row in comparison["rows"]:
        rules = [f"{a}: {r}" for r in row[a]] + [f"{b}: {r}" for r in row[b]]
        quote = cut(row["evidence"][0], quote_room) if row["evidence"] else ""
        table.add_row(
            row["member"], ", ".join(row["counterparts"]) or "—", row["dates"],
            "\n".join(rules) + (f"\n“{quote}”" if quote else ""), row["grade"],
        )  # fmt: skip
    return table
