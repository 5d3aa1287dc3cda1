"""`pactwatch remove`: retracted or wrong documents out of the store."""

from __future__ import annotations

import json

import click

from pactwatch.cli import cli
from pactwatch.cli._common import db_option, resolve_db


@cli.command("remove")
@click.argument("doc_ids", nargs=-1, required=True, metavar="DOC_ID...")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@db_option
def remove_command(doc_ids: tuple[str, ...], fmt: str, db_url: str | None) -> int:
    """Remove documents (retracted or wrong) with their records; incidents and findings follow.

    All the named documents go, or none (an unknown id is named and nothing is
    removed). Their records and reviews go with them; the incidents they reported
    are recounted; each removal is written to the audit log with the document's
    reviews as they were.

    \b
    Example:
      pactwatch remove 3f2a9c1e0b7d4a55
      pactwatch remove wire-2022-09-15 wire-2022-09-16 --db postgresql://analyst@db/pactwatch
    """
    from pactwatch.ingest.remove import remove_documents
    from pactwatch.store import open_store

    with open_store(resolve_db(db_url), create=False) as store:
        summary = remove_documents(store, list(doc_ids))
    if fmt == "json":
        click.echo(json.dumps(summary.to_dict()))
        return 0
    for doc_id in summary.documents:
        click.echo(f"removed {doc_id}")
    click.echo(
        f"{len(summary.documents)} document(s) removed with {summary.records} record(s) and "
        f"{summary.reviews} review(s); {summary.incidents_touched} incident(s) recounted, "
        f"{summary.incidents_left} in the store"
    )
    return 0
