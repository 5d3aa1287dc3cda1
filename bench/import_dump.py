"""Import a fixed set of dataset files into a fresh store; print a hash of each export and
of each table the import wrote, so that two versions of the importer can be compared.

    .venv/bin/python bench/import_dump.py --db sqlite:////tmp/a.db --out /tmp/a.json
    PYTHONPATH=/path/to/other/src .venv/bin/python bench/import_dump.py --db sqlite:////tmp/b.db --out /tmp/b.json
    diff <(...first...) <(...second...)

Inputs (written under --work, the same folder for both runs, since a document's origin is
its path): the shared GDELT events, mentions and ICEWS samples, 3,000 synthetic GDELT rows
(bench_import.py's), five odd GDELT rows, and the ACLED, UCDP and POLECAT fixtures. Every
column is dumped except the clock columns (`ingested_at`); on SQLite also the search keys,
the sentences of `events_fts`, search matches and FTS5's own index blocks (`*_fts_data`).
The store must be empty: give a new file or database.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_import import write_gdelt
from sqlalchemy import text
from tests.interop import fixtures as fx

from pactwatch.export.run import export
from pactwatch.ingest.formats.run import import_files
from pactwatch.store import open_store

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "formats"
ODD = [  # EventCode, a name, ActionGeo type, FIPS, latitude, URL, SQLDATE
    ("193", "Ωmega été \u0301x", "4", "KG", "40.1", "https://a.example/x?y=1#z", "20220914"),
    ("0874", "NA", "", "", "NA", "", "20200101"),
    ("999", "  spaced  ", "3", "ZZ", "nan", "HTTP://A.EXAMPLE/", "2022"),
    ("042", "x\u2028y", "1", "US", "inf", "https://b.example/", "19990231"),
    ("010", "", "5", "RS", "", "", ""),
]
QUERIES = {
    "documents": "SELECT id, sha, source, url, title, report_date, text, origin FROM documents ORDER BY id",
    "events": "SELECT * FROM events ORDER BY id",
    "entities": "SELECT * FROM entities ORDER BY id",
    "import_rows": "SELECT * FROM import_rows ORDER BY id",
    "import_sources": "SELECT * FROM import_sources ORDER BY id",
}
SQLITE_QUERIES = {
    "search_event_keys": "SELECT * FROM search_event_keys ORDER BY id",
    "search_doc_keys": "SELECT * FROM search_doc_keys ORDER BY id",
    "events_fts": "SELECT rowid, sentence FROM events_fts ORDER BY rowid",
    "events_fts_match": "SELECT rowid FROM events_fts WHERE events_fts MATCH 'clash OR kyrgyzstan' ORDER BY rowid",
    "documents_fts_match": "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'kyrgyzstan' ORDER BY rowid",
    "events_fts_data": "SELECT id, hex(block) FROM events_fts_data ORDER BY id",
    "documents_fts_data": "SELECT id, hex(block) FROM documents_fts_data ORDER BY id",
}
PG_QUERIES = {"event_search": "SELECT event_id, tsv::text FROM event_search ORDER BY event_id"}


def write_inputs(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
    for sub in ("gdelt", "icews", "other"):
        (work / sub).mkdir(parents=True)
    for name in ("gdelt2-events-sample.tsv", "gdelt2-mentions-sample.tsv"):
        shutil.copy(SHARED / name, work / "gdelt" / name)
    shutil.copy(SHARED / "icews-events-sample.tsv", work / "icews" / "icews.tsv")
    write_gdelt(work / "gdelt" / "synthetic.export.CSV", 3000)
    odd = [
        fx.gdelt_row(GLOBALEVENTID=str(i), EventCode=c, Actor1Code="KGZ", Actor1Name=n,
                     Actor1CountryCode="KGZ", ActionGeo_Type=t, ActionGeo_FullName=n,
                     ActionGeo_CountryCode=f, ActionGeo_Lat=la, SOURCEURL=u, SQLDATE=d)
        for i, (c, n, t, f, la, u, d) in enumerate(ODD)
    ]  # fmt: skip
    (work / "gdelt" / "odd.export.CSV").write_text("\n".join(odd) + "\n", encoding="utf-8")
    (work / "other" / "acled.csv").write_bytes(fx.acled_csv(fx.ACLED_ROWS))
    (work / "other" / "ucdp.csv").write_bytes(fx.headed(fx.UCDP_HEADER, fx.UCDP_ROWS, ","))
    polecat = fx.headed(fx.POLECAT_HEADER, fx.POLECAT_ROWS, "\t")
    (work / "other" / "polecat.tsv").write_bytes(polecat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="URL of an empty store")
    parser.add_argument("--out", type=Path, required=True, help="the whole dump, as JSON")
    parser.add_argument("--work", type=Path, default=Path("/tmp/pactwatch-import-dump"))
    args = parser.parse_args(argv)
    work: Path = args.work
    write_inputs(work)
    results, exports, dump = {}, {}, {}
    with open_store(args.db) as store:
        for fmt, path in (("gdelt", work / "gdelt"), ("icews", work / "icews"),
                          ("acled", work / "other" / "acled.csv"), ("ucdp", work / "other" / "ucdp.csv"),
                          ("polecat", work / "other" / "polecat.tsv")):  # fmt: skip
            results[fmt] = import_files([path], store, fmt, link=False).to_dict()
        results["again"] = import_files([work / "gdelt"], store, "gdelt", link=False).to_dict()
        for fmt in ("plover-json", "csv", "geojson", "cameo"):
            buf = io.StringIO()
            export(store, fmt, "events", buf)
            exports[fmt] = buf.getvalue()
        queries = {**QUERIES, **(SQLITE_QUERIES if store.dialect == "sqlite" else PG_QUERIES)}
        with store.engine.connect() as conn:
            for name, sql in queries.items():
                dump[name] = [[str(v) for v in row] for row in conn.execute(text(sql))]
    blob = {"results": results, "exports": exports, "dump": dump}
    args.out.write_text(json.dumps(blob, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    for name, value in [*exports.items(), *((k, json.dumps(v)) for k, v in dump.items())]:
        print(f"{name:22s} {hashlib.sha256(value.encode()).hexdigest()[:16]} {len(value):>9,}")
    print(
        f"{'results':22s} {hashlib.sha256(json.dumps(results, sort_keys=True).encode()).hexdigest()[:16]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
