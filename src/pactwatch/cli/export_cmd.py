"""`pactwatch export`: events, findings or incidents as PLOVER JSON, CSV, GeoJSON or CAMEO."""

from __future__ import annotations

import datetime as dt
import sys

import click

from pactwatch.cli import cli
from pactwatch.cli._common import check_filters, db_option, resolve_db
from pactwatch.errors import UsageError
from pactwatch.export.run import FORMATS, WHAT, export
from pactwatch.ingest.formats.tables import tables
from pactwatch.store import open_store


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="plover-json and csv read back with `import`; geojson and cameo are lossy.")  # fmt: skip
@click.option("--what", type=click.Choice(WHAT), default="events", show_default=True)
@click.option("--charter", metavar="NAME_OR_FILE", help="The charter whose findings to export.")
@click.option("--since", metavar="YYYY-MM-DD", help="Only records dated on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only records dated on or before this day.")
@click.option("--member", metavar="CODE", help="Only this state or organisation (e.g. KGZ).")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Findings: the day deadlines end.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write here instead of standard output.")  # fmt: skip
@db_option
def export_command(
    fmt: str, what: str, charter: str | None, since: str | None, until: str | None,
    member: str | None, as_of: str | None, output: str | None, db_url: str | None,
) -> int:  # fmt: skip
    """Write the store's events, findings or incidents as PLOVER JSON, CSV, GeoJSON or CAMEO.

    plover-json (one record per line, event-record.md) and csv (docs/csv.md) read
    back unchanged with `pactwatch import`; geojson (events with coordinates) and
    cameo (CAMEO codes beside PLOVER types) are lossy, as docs/interop.md says.
    Warns on standard error when rows from datasets whose terms restrict
    redistribution (ICEWS, ACLED) are included.

    \b
    Example:
      pactwatch export --format plover-json > events.jsonl
      pactwatch export --format csv --what findings --charter csto-treaty --member KGZ -o f.csv
      pactwatch export --format geojson --since 2022-01-01 -o events.geojson
    """
    since, until, member = check_filters(since, until, member)
    day = None
    if as_of:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise UsageError(f"--as-of {as_of!r} is not a date", fix="give YYYY-MM-DD") from None
    with open_store(resolve_db(db_url), create=False) as store:
        if output is None:
            summary = export(store, fmt, what, sys.stdout, charter=charter, since=since,
                             until=until, member=member, as_of=day)  # fmt: skip
        else:
            # written next to the target and renamed: a failed export leaves no half file
            import os
            import tempfile

            folder = os.path.dirname(os.path.abspath(output))
            fd, tmp = tempfile.mkstemp(prefix=".export-", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                    summary = export(store, fmt, what, out, charter=charter, since=since,
                                     until=until, member=member, as_of=day)  # fmt: skip
                os.replace(tmp, output)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    terms = tables().terms
    for dataset, count in sorted(summary.restricted.items()):
        click.echo(
            f"pactwatch: warning: {count} exported row(s) come from {dataset}, whose terms "
            f"restrict redistribution: {terms.get(dataset, '')}",
            err=True,
        )
    if summary.no_point:
        click.echo(
            f"pactwatch: {summary.no_point} event(s) without coordinates left out of the GeoJSON",
            err=True,
        )
    click.echo(f"pactwatch: exported {summary.rows} {what}", err=True)
    return 0
