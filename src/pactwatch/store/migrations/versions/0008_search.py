"""search: full-text indexes over evidence sentences and documents

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 17:10:00

Also a partial index for /map (records with coordinates, by date).

The dashboard's `q` searches each record's evidence sentence and each document's
title and text. The database keeps the indexes in step by itself (triggers), so
every writer is covered: ingest, replace, import, remove, a bench's bulk insert.

SQLite: FTS5 tables with the porter stemmer. Their rowids are integers, while
records and documents have text ids, and SQLite may renumber a plain table's
rowids on VACUUM; so `search_event_keys`/`search_doc_keys` give each id its own
integer key. The sentence index stores the sentence (so a record can leave it
after its document has gone, as cascades do); the document index stores no copy
of the text (contentless): a delete hands it the old values.

PostgreSQL: `event_search` holds each record's tsvector (filled by a trigger,
emptied by the foreign key's cascade); documents have an expression GIN index.
Both use the `english` configuration (stemming, as the porter stemmer does).
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TOKENIZE = "porter unicode61 remove_diacritics 2"
# the evidence sentence: text_info's offsets are Python str indices, substr counts characters
SENTENCE = 'substr(d.text, {r}.start + 1, {r}."end" - {r}.start)'
# a tsvector is at most 1 MB: the document index reads the first 300,000 characters
PG_DOC_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || left(text, 300000))"

# a record's latitude, as /map's query writes it (a partial index serves only that expression)
SQLITE_LAT = "json_extract(event_loc, '$.lat')"
PG_LAT = "(event_loc ->> 'lat')"

SQLITE_UP = [
    "CREATE TABLE search_event_keys (id INTEGER PRIMARY KEY, event_id VARCHAR(220) NOT NULL UNIQUE)",
    "CREATE TABLE search_doc_keys (id INTEGER PRIMARY KEY, doc_id VARCHAR(200) NOT NULL UNIQUE)",
    f"CREATE VIRTUAL TABLE events_fts USING fts5(sentence, tokenize='{TOKENIZE}')",
    f"CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='', tokenize='{TOKENIZE}')",
    f"""CREATE TRIGGER events_search_ai AFTER INSERT ON events BEGIN
      INSERT INTO search_event_keys (event_id) VALUES (new.id);
      INSERT INTO events_fts (rowid, sentence)
        SELECT k.id, {SENTENCE.format(r="new")} FROM search_event_keys k, documents d
        WHERE k.event_id = new.id AND d.id = new.doc_id;
    END""",
    """CREATE TRIGGER events_search_ad AFTER DELETE ON events BEGIN
      DELETE FROM events_fts
        WHERE rowid = (SELECT id FROM search_event_keys WHERE event_id = old.id);
      DELETE FROM search_event_keys WHERE event_id = old.id;
    END""",
    f"""CREATE TRIGGER events_search_au AFTER UPDATE OF start, "end", doc_id ON events BEGIN
      DELETE FROM events_fts
        WHERE rowid = (SELECT id FROM search_event_keys WHERE event_id = old.id);
      INSERT INTO events_fts (rowid, sentence)
        SELECT k.id, {SENTENCE.format(r="new")} FROM search_event_keys k, documents d
        WHERE k.event_id = new.id AND d.id = new.doc_id;
    END""",
    """CREATE TRIGGER documents_search_ai AFTER INSERT ON documents BEGIN
      INSERT INTO search_doc_keys (doc_id) VALUES (new.id);
      INSERT INTO documents_fts (rowid, title, text)
        VALUES ((SELECT id FROM search_doc_keys WHERE doc_id = new.id),
                coalesce(new.title, ''), new.text);
    END""",
    """CREATE TRIGGER documents_search_ad AFTER DELETE ON documents BEGIN
      INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', (SELECT id FROM search_doc_keys WHERE doc_id = old.id),
                coalesce(old.title, ''), old.text);
      DELETE FROM search_doc_keys WHERE doc_id = old.id;
    END""",
    """CREATE TRIGGER documents_search_au AFTER UPDATE OF title, text ON documents BEGIN
      INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', (SELECT id FROM search_doc_keys WHERE doc_id = old.id),
                coalesce(old.title, ''), old.text);
      INSERT INTO documents_fts (rowid, title, text)
        VALUES ((SELECT id FROM search_doc_keys WHERE doc_id = new.id),
                coalesce(new.title, ''), new.text);
    END""",
    # /map: the newest records that have coordinates, without a scan of those that have none
    f"CREATE INDEX ix_events_located ON events (date_first) WHERE {SQLITE_LAT} IS NOT NULL",
    # what was stored before this revision
    "INSERT INTO search_doc_keys (doc_id) SELECT id FROM documents",
    """INSERT INTO documents_fts (rowid, title, text)
      SELECT k.id, coalesce(d.title, ''), d.text FROM search_doc_keys k JOIN documents d ON d.id = k.doc_id""",
    "INSERT INTO search_event_keys (event_id) SELECT id FROM events",
    f"""INSERT INTO events_fts (rowid, sentence)
      SELECT k.id, {SENTENCE.format(r="e")} FROM search_event_keys k
      JOIN events e ON e.id = k.event_id JOIN documents d ON d.id = e.doc_id""",
]

SQLITE_DOWN = [
    "DROP INDEX IF EXISTS ix_events_located",
    "DROP TRIGGER IF EXISTS documents_search_au",
    "DROP TRIGGER IF EXISTS documents_search_ad",
    "DROP TRIGGER IF EXISTS documents_search_ai",
    "DROP TRIGGER IF EXISTS events_search_au",
    "DROP TRIGGER IF EXISTS events_search_ad",
    "DROP TRIGGER IF EXISTS events_search_ai",
    "DROP TABLE IF EXISTS documents_fts",
    "DROP TABLE IF EXISTS events_fts",
    "DROP TABLE IF EXISTS search_doc_keys",
    "DROP TABLE IF EXISTS search_event_keys",
]

PG_UP = [
    """CREATE TABLE event_search (
      event_id VARCHAR(220) PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
      tsv tsvector NOT NULL)""",
    "CREATE INDEX ix_event_search_tsv ON event_search USING gin (tsv)",
    f"CREATE INDEX ix_documents_search ON documents USING gin ({PG_DOC_VECTOR})",
    f"CREATE INDEX ix_events_located ON events (date_first) WHERE {PG_LAT} IS NOT NULL",
    f"""CREATE FUNCTION pactwatch_event_search() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO event_search (event_id, tsv)
        SELECT NEW.id, to_tsvector('english', {SENTENCE.format(r="NEW")})
        FROM documents d WHERE d.id = NEW.doc_id
        ON CONFLICT (event_id) DO UPDATE SET tsv = EXCLUDED.tsv;
      RETURN NULL;
    END $$""",
    """CREATE TRIGGER events_search AFTER INSERT OR UPDATE OF start, "end", doc_id ON events
      FOR EACH ROW EXECUTE FUNCTION pactwatch_event_search()""",
    f"""INSERT INTO event_search (event_id, tsv)
      SELECT e.id, to_tsvector('english', {SENTENCE.format(r="e")})
      FROM events e JOIN documents d ON d.id = e.doc_id""",
]

PG_DOWN = [
    "DROP TRIGGER IF EXISTS events_search ON events",
    "DROP FUNCTION IF EXISTS pactwatch_event_search()",
    "DROP INDEX IF EXISTS ix_documents_search",
    "DROP INDEX IF EXISTS ix_events_located",
    "DROP TABLE IF EXISTS event_search",
]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    _run(PG_UP if op.get_bind().dialect.name == "postgresql" else SQLITE_UP)


def downgrade() -> None:
    _run(PG_DOWN if op.get_bind().dialect.name == "postgresql" else SQLITE_DOWN)
