"""`pactwatch reextract`."""

from __future__ import annotations

import click

from pactwatch.cli import cli
from pactwatch.cli._common import db_option, resolve_db
from pactwatch.errors import UsageError
from pactwatch.ingest.readers import check_report_date
from pactwatch.ingest.reextract import reextract
from pactwatch.store import open_store


@cli.command("reextract")
@click.option(
    "--since",
    default=None,
    metavar="YYYY-MM-DD",
    help="Only documents reported on or after this date.",
)
@db_option
def reextract_command(since: str | None, db_url: str | None) -> int:
    """Extract stored documents again with this version's extractor, replacing their records.

    Run it after the event-type model or the rules change. Each document's records
    are replaced in one transaction; reviews stay attached to the records that still
    exist (their corrections re-applied) and are kept on the document otherwise.

    \b
    Example:
      pactwatch reextract
      pactwatch reextract --since 2022-09-01 --db postgresql://analyst@db/pactwatch
    """
    if since is not None:
        try:
            since = check_report_date(since)
        except UsageError:
            raise UsageError(
                f"--since {since!r} is not a date", fix="give it as YYYY-MM-DD, e.g. 2022-09-01"
            ) from None
    with open_store(resolve_db(db_url)) as store:
        summary = reextract(store, since=since)
    click.echo(
        f"{summary.documents} document(s) re-extracted: {summary.old_records} record(s) replaced "
        f"by {summary.new_records}; {summary.reviews_kept} review(s) kept on their records, "
        f"{summary.reviews_detached} kept on the document (their record is gone)"
    )
    return 0
