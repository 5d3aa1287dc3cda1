"""`pactwatch check`, `compare`, `scorecard`, `charters`: charters checked against the store."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from pactwatch.check.charter import load_charter, shipped_charters
from pactwatch.check.check import check, consequences_of, findings_json
from pactwatch.check.findings import incident_count
from pactwatch.check.scorecard import BY, compare, scorecard
from pactwatch.cli import cli
from pactwatch.cli._common import check_filters, db_option, resolve_db
from pactwatch.errors import UsageError

FORMATS = click.Choice(["table", "json"])


def _filters(command: Any) -> Any:
    @functools.wraps(command)
    def checked(*args: Any, since: str | None, until: str | None, member: str | None,
                **kwargs: Any) -> Any:  # fmt: skip
        # bad filters are errors naming the value, before any charter or store is opened
        since, until, member = check_filters(since, until, member)
        return command(*args, since=since, until=until, member=member, **kwargs)

    func: Any = checked
    func = click.option(
        "--member", metavar="CODE", help="Only this member (ISO alpha-3, e.g. KGZ)."
    )(func)
    func = click.option(
        "--until", metavar="YYYY-MM-DD", help="Only records dated on or before this day."
    )(func)
    func = click.option(
        "--since", metavar="YYYY-MM-DD", help="Only records dated on or after this day."
    )(func)
    func = click.option(
        "--as-of", "as_of", metavar="YYYY-MM-DD", default=None,
        help="The day deadlines and the consequences ladder's window end (default: today).",
    )(func)  # fmt: skip
    return func


def _as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of: not a YYYY-MM-DD date: {value!r}") from None


def consequences_table(title: str, consequences: list[dict[str, Any]]) -> Table:
    """What the ladders prescribe per member, and on which findings (also used by demo)."""
    table = Table(title=title, show_lines=True)
    for col in ("member", "step", "status", "findings", "why"):
        table.add_column(col, overflow="fold")
    for c in consequences:
        table.add_row(
            c["member"], c["step"], c["status"], str(len(c["findings"])), c["explanation"]
        )
    return table


def _open(db_url: str | None) -> Any:
    """The store; checks use the incidents `pactwatch corroborate` stored (ingest runs it)."""
    from pactwatch.store import open_store

    return open_store(resolve_db(db_url), create=False)  # reads: never creates a store


def _console() -> Console:
    # piped or captured output has no terminal width: keep rows whole rather than wrap at 80
    return Console() if sys.stdout.isatty() else Console(width=200)


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@cli.command("check")
@click.option("--charter", "charter_name", required=True, metavar="NAME_OR_FILE",
              help="A shipped charter (see `pactwatch charters`) or a charter YAML file.")  # fmt: skip
@_filters
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="csv: one row per finding, docs/csv.md.")  # fmt: skip
@db_option
def check_command(
    charter_name: str, since: str | None, until: str | None, member: str | None,
    as_of: str | None, fmt: str, db_url: str | None,
) -> int:  # fmt: skip
    """Findings of one charter over the store: member, rule, evidence, grade.

    \b
    Examples:
      pactwatch check --charter csto-reform
      pactwatch check --charter csto-treaty --since 2022-01-01 --member KGZ --format json
      pactwatch check --charter my-charter.yaml --db postgresql://user@host/pactwatch
      pactwatch check --charter csto-treaty --format csv > findings.csv
    """
    charter = load_charter(charter_name)  # a bad charter stops here: nothing else is done
    day = _as_of(as_of)
    with _open(db_url) as store:
        findings = check(store, charter, since, until, member, as_of=day)
    if fmt == "json":
        _print_json(findings_json(charter, findings, day))
        return 0
    if fmt == "csv":
        from pactwatch.export import flatcsv

        cells = (flatcsv.finding_cells(f.to_dict()) for f in findings)
        for chunk in flatcsv.write_csv(cells, flatcsv.FINDING_COLUMNS):
            click.echo(chunk, nl=False)
        return 0
    title = f"{charter.id}: {incident_count(findings)} incident(s), {len(findings)} finding(s)"
    table = Table(title=title, show_lines=True)
    for col in ("rule", "status", "member", "with", "dates", "grade", "sources", "evidence"):
        table.add_column(col, overflow="fold")
    for f in findings:
        dates = f.dates
        quote = f.evidence[0].quote if f.evidence else f.explanation
        table.add_row(
            f.rule, f.status, f.member, ", ".join(f.counterparts), dates, f.grade,
            str(f.sources), quote[:160],
        )  # fmt: skip
    _console().print(table)
    prescribed = [c.to_dict() for c in consequences_of(charter, findings, day)]
    if prescribed:
        _console().print(consequences_table(f"{charter.id}: consequences", prescribed))
    return 0


@cli.command("compare")
@click.option("--charter", "charter_names", required=True, multiple=True, metavar="NAME_OR_FILE",
              help="Give it twice: the two charters to compare.")  # fmt: skip
@_filters
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@db_option
def compare_command(
    charter_names: tuple[str, ...], since: str | None, until: str | None, member: str | None,
    as_of: str | None, fmt: str, db_url: str | None,
) -> int:  # fmt: skip
    """The same evidence under two charters, side by side (e.g. rules in force vs proposed).

    \b
    Example:
      pactwatch compare --charter csto-treaty --charter csto-reform
    """
    if len(charter_names) != 2:
        raise UsageError(
            "compare needs --charter twice", fix="pactwatch compare --charter A --charter B"
        )
    first, second = (load_charter(name) for name in charter_names)
    with _open(db_url) as store:
        result = compare(store, first, second, since, until, member, as_of=_as_of(as_of))
    if fmt == "json":
        _print_json(result)
        return 0
    _console().print(compare_table(result))
    for cid in result["charters"]:
        prescribed = result["consequences"][cid]
        if prescribed:
            _console().print(consequences_table(f"{cid}: consequences", prescribed))
    return 0


def compare_table(result: dict[str, Any]) -> Table:
    """The comparison as a rich table (also used by `pactwatch demo`)."""
    a, b = result["charters"]
    table = Table(title=f"{a} vs {b}", show_lines=True)
    for col in ("member", "with", "dates", a, b, "grade", "evidence"):
        table.add_column(col, overflow="fold")
    for row in result["rows"]:
        dates = row["dates"]
        table.add_row(
            row["member"], ", ".join(row["counterparts"]), dates,
            "\n".join(row[a]) or "—", "\n".join(row[b]) or "—", row["grade"],
            (row["evidence"][0] if row["evidence"] else "")[:120],
        )  # fmt: skip
    return table


@cli.command("scorecard")
@click.option("--charter", "charter_name", required=True, metavar="NAME_OR_FILE")
@click.option("--by", type=click.Choice(BY), default="member", show_default=True)
@_filters
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@db_option
def scorecard_command(
    charter_name: str, by: str, since: str | None, until: str | None, member: str | None,
    as_of: str | None, fmt: str, db_url: str | None,
) -> int:  # fmt: skip
    """Findings counted per member, per rule or per year, by grade.

    \b
    Examples:
      pactwatch scorecard --charter csto-reform
      pactwatch scorecard --charter csto-treaty --by period --format json
    """
    charter = load_charter(charter_name)
    with _open(db_url) as store:
        rows = scorecard(check(store, charter, since, until, member, as_of=_as_of(as_of)), by)
    if fmt == "json":
        _print_json({"charter": charter.id, "by": by, "rows": rows})
        return 0
    table = Table(title=f"{charter.id} scorecard by {by}")
    for col in rows[0] if rows else (by, "findings"):
        table.add_column(col, justify="left" if col == by else "right")
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    _console().print(table)
    return 0


@cli.command("charters")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def charters_command(fmt: str) -> int:
    """The shipped charters: id, alliance, rules.

    \b
    Example:
      pactwatch charters
    """
    charters = [load_charter(name) for name in sorted(shipped_charters())]
    if fmt == "json":
        _print_json([
            {"id": c.id, "title": c.title, "alliance": c.alliance,
             "rules": [{"id": r.id, "status": r.status, "template": r.template} for r in c.rules]}
            for c in charters
        ])  # fmt: skip
        return 0
    table = Table(title="shipped charters")
    for col in ("id", "alliance", "rules", "title"):
        table.add_column(col, overflow="fold")
    for c in charters:
        rules = "\n".join(f"{r.id} ({r.status})" for r in c.rules)
        table.add_row(c.id, c.alliance, rules, c.title)
    _console().print(table)
    return 0
