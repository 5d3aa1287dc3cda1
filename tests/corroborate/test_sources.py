"""An incident's `sources` and `outlets` count by normalised URL, then by outlet (issue 13's
decision, the rule of `pactwatch.sources`): a GDELT row and the article at its SOURCEURL
are one source, whichever arrives first, incrementally and on a rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pactwatch.corroborate import corroborate
from pactwatch.ingest.formats.run import import_files
from pactwatch.store import Store
from pactwatch.store.schema import incidents
from tests.interop import fixtures

# the row's SOURCEURL and the article's URL differ only in what url_key normalises away
ROW_URL = "https://www.akipress.com/news/1?utm_source=x"
ARTICLE_URL = "http://akipress.com/news/1/"


def _import_row(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "g.export.CSV"
    path.write_text(fixtures.clash_row("1", ROW_URL) + "\n")
    import_files([path], store, "gdelt")


def _counts(store: Store) -> list[tuple[int, int]]:
    with store.engine.connect() as conn:
        query = select(incidents.c.sources, incidents.c.outlets).order_by(incidents.c.id)
        return [(int(s), int(o)) for s, o in conn.execute(query)]


@pytest.mark.parametrize("row_first", [True, False], ids=["row-first", "article-first"])
def test_a_gdelt_row_and_the_article_at_its_url_are_one_source(
    store: Store, tmp_path: Path, row_first: bool
) -> None:
    if row_first:
        _import_row(store, tmp_path)
        corroborate(store)
        fixtures.save_clash_article(store, "akipress", ARTICLE_URL, "AKIpress")
    else:
        fixtures.save_clash_article(store, "akipress", ARTICLE_URL, "AKIpress")
        corroborate(store)
        _import_row(store, tmp_path)
    corroborate(store)  # incremental: the second report joins the stored incident
    assert _counts(store) == [(1, 1)]
    corroborate(store, rebuild=True)
    assert _counts(store) == [(1, 1)]
    # another outlet's article at another URL is a second source and a second outlet
    fixtures.save_clash_article(store, "tass", "https://tass.com/world/2", "TASS")
    corroborate(store)
    assert _counts(store) == [(2, 2)]
    # the same outlet again, another article: a third document, still two outlets
    fixtures.save_clash_article(store, "akipress-2", "https://akipress.com/news/2", "AKIpress")
    corroborate(store)
    assert _counts(store) == [(3, 2)]
    corroborate(store, rebuild=True)
    assert _counts(store) == [(3, 2)]


def test_keys_read_before_migration_0010_get_their_urls(store: Store, tmp_path: Path) -> None:
    """The migration fills `url` of keys already stored: the next run that grows their
    incident counts a row and the article at its URL as one (else 3 sources, 3 outlets)."""
    from alembic import command

    from pactwatch.store.migrate import alembic_config, upgrade

    _import_row(store, tmp_path)
    fixtures.save_clash_article(store, "akipress", ARTICLE_URL, "AKIpress")
    corroborate(store)
    with store.engine.connect() as conn, conn.begin():
        command.downgrade(alembic_config(connection=conn), "0009")
    upgrade(store)
    fixtures.save_clash_article(store, "tass", "https://tass.com/world/2", "TASS")
    corroborate(store)
    assert _counts(store) == [(2, 2)]
