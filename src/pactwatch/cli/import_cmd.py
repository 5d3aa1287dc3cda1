"""`pactwatch import`: event datasets (GDELT, ICEWS, ACLED, POLECAT, UCDP) and pactwatch's exports."""

from __future__ import annotations

import click

from pactwatch.cli import cli
from pactwatch.cli._common import db_option, resolve_db
from pactwatch.ingest.formats.run import FORMATS, import_files
from pactwatch.ingest.formats.tables import tables
from pactwatch.store import open_store


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, metavar="FILE...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="The dataset the files come from, or pactwatch's own plover-json or csv.")  # fmt: skip
@click.option("--no-link", is_flag=True, help="Do not run corroborate after storing.")
@db_option
def import_command(paths: tuple[str, ...], fmt: str, no_link: bool, db_url: str | None) -> int:
    """Store event data from GDELT, ICEWS, ACLED, POLECAT, UCDP or a pactwatch export.

    FILE is a data file, a folder (read recursively; .md files are skipped), a .zip
    or a .gz, as the dataset publishes them. Each file is stored whole as one
    document with one line per row; rows pactwatch cannot map are kept with their
    original codes and the reason. Importing a file again adds nothing. GDELT
    mentions files attach their URLs to the events they name. Exit status: 0 all
    read, 1 some files or rows rejected (each named), 2 nothing could be read.
    docs/interop.md says what each format maps to and what is lost.

    \b
    Example:
      pactwatch import --format gdelt 20170101073000.export.CSV.zip 20170101073000.mentions.CSV.zip
      pactwatch import --format icews events.2018.tab --db postgresql://me@db/pactwatch
      pactwatch import --format plover-json export.jsonl
    """
    tables()  # a broken mapping table stops here, before the store is opened
    with open_store(resolve_db(db_url)) as store:
        summary = import_files(paths, store, fmt, link=not no_link)
        where = store.display_url
    for path, why in summary.skipped:
        click.echo(f"pactwatch: skipped {path}: {why} (not read)", err=True)
    for rejected in summary.rejected:
        click.echo(f"pactwatch: {rejected}", err=True)
    mentions = (
        f"; {summary.mentions} mention(s) attached, {summary.mentions_unmatched} naming no stored event"
        if summary.mentions or summary.mentions_unmatched
        else ""
    )
    click.echo(
        f"imported: {summary.files_new} file(s) new, {summary.files_unchanged} unchanged, "
        f"{summary.rows} row(s) read, {summary.records} record(s) stored, "
        f"{summary.unmapped} row(s) kept unmapped with a reason, {len(summary.rejected)} rejected"
        f"{mentions} in {where}"
    )
    terms = tables().terms
    for dataset in sorted(summary.datasets):
        if dataset in terms:
            click.echo(f"terms of {dataset}: {terms[dataset]}")
    if not summary.rejected:
        return 0
    return 1 if summary.rows or summary.files_new or summary.files_unchanged else 2
