"""Benchmark: `import --format gdelt` rows per second on SQLite: parse + map, and parse + map + store.

    .venv/bin/python bench/bench_import.py --json            # 200,000 rows
    .venv/bin/python bench/bench_import.py --rows 50000

A GDELT 2.0 events file of N synthetic rows (real CAMEO, country and FIPS codes,
a share of CAMEO 01/02 rows that are kept unmapped) is written to a temporary
folder. Three figures, one after the other in the same process:

- parse + map: the file's bytes read into mapped rows and the file's document
  with its records (`parse_file`, `file_document`), nothing stored;
- parse + map + store: `import_files` into a fresh SQLite store with
  corroboration off (the issue's target excludes it): reading, mapping, building
  the file's document and storing document, records, entities, provenance and
  search rows in one transaction, committed;
- bench_check.py's raw bulk loader (executemany of prepared rows, no mapping, with
  journal and sync off, which an import may not do) loading N records into another
  fresh store: the ratio says what mapping and a safe store cost over a bare insert.

Targets: >= 5,000 rows/s (issue 13, Decisions: "Speed") and the headline's
>= 50,000 rows/s; both are reported. With --json the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_check import load_sqlite
from tests.interop.fixtures import gdelt_row

from pactwatch.errors import InputRejected
from pactwatch.ingest.formats.run import file_document, import_files, parse_file
from pactwatch.store import open_store

CODES = ["042", "043", "036", "051", "057", "061", "0874", "111", "112", "1123", "130", "138",
         "163", "173", "190", "193", "195", "010", "020", "046"]  # fmt: skip
ACTORS = [("KGZ", "KYRGYZSTAN"), ("TJK", "TAJIKISTAN"), ("RUS", "RUSSIA"), ("USA", "UNITED STATES"),
          ("ARM", "ARMENIA"), ("AZE", "AZERBAIJAN"), ("KAZ", "KAZAKHSTAN"), ("CHN", "CHINA")]  # fmt: skip
TYPES = ["GOV", "MIL", "", "COP", "REB"]
PLACES = [("KG", "Bishkek, Bishkek, Kyrgyzstan", "42.87", "74.59"),
          ("TI", "Dushanbe, Dushanbe, Tajikistan", "38.54", "68.78"),
          ("RS", "Moscow, Moskva, Russia", "55.75", "37.62"),
          ("US", "Washington, District of Columbia, United States", "38.89", "-77.03")]  # fmt: skip


def write_gdelt(path: Path, rows: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(rows):
            (c1, n1), (c2, n2) = rng.sample(ACTORS, 2)
            t1, t2 = rng.choice(TYPES), rng.choice(TYPES)
            code = rng.choice(CODES)
            fips, place, lat, lon = rng.choice(PLACES)
            day = f"2022{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            out.write(gdelt_row(
                GLOBALEVENTID=str(900_000_000 + i), SQLDATE=day, Actor1Code=c1 + t1,
                Actor1Name=n1, Actor1CountryCode=c1, Actor1Type1Code=t1, Actor2Code=c2 + t2,
                Actor2Name=n2, Actor2CountryCode=c2, Actor2Type1Code=t2, EventCode=code,
                EventBaseCode=code[:3], EventRootCode=code[:2], ActionGeo_Type="4",
                ActionGeo_FullName=place, ActionGeo_CountryCode=fips, ActionGeo_Lat=lat,
                ActionGeo_Long=lon, DATEADDED=day + "120000",
                SOURCEURL=f"https://news{rng.randrange(300)}.example/{i}",
            ) + "\n")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--json", action="store_true", help="one JSON object, last")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "bench.export.CSV"
        write_gdelt(data, args.rows)
        gc.disable()  # as import_files does while it reads a file
        t0, c0 = time.perf_counter(), time.process_time()
        parsed = parse_file("gdelt", str(data), data.read_bytes())
        assert not isinstance(parsed, InputRejected), parsed
        file_document(parsed[0], "0" * 64, str(data), parsed[1])  # type: ignore[arg-type]
        parse_s, parse_cpu = time.perf_counter() - t0, time.process_time() - c0
        gc.enable()
        del parsed
        with open_store(f"sqlite:///{folder / 'import.db'}") as store:
            t0, c0 = time.perf_counter(), time.process_time()
            summary = import_files([data], store, "gdelt", link=False)
            import_s, import_cpu = time.perf_counter() - t0, time.process_time() - c0
        assert not summary.rejected and summary.rows == args.rows, summary.to_dict()
        with open_store(f"sqlite:///{folder / 'raw.db'}") as store:
            t0, c0 = time.perf_counter(), time.process_time()
            load_sqlite(store, args.rows)
            raw_s, raw_cpu = time.perf_counter() - t0, time.process_time() - c0
    out = {
        "rows": args.rows,
        "parse_map_s": round(parse_s, 2),
        "parse_map_rows_per_s": round(args.rows / parse_s),
        "records": summary.records,
        "unmapped": summary.unmapped,
        "import_s": round(import_s, 2),
        "rows_per_s": round(args.rows / import_s),
        "raw_bulk_load_s": round(raw_s, 2),
        "raw_bulk_rows_per_s": round(args.rows / raw_s),
        # CPU seconds of this process: on a shared machine, less moved by other work
        "parse_map_rows_per_cpu_s": round(args.rows / parse_cpu),
        "rows_per_cpu_s": round(args.rows / import_cpu),
        "raw_bulk_rows_per_cpu_s": round(args.rows / raw_cpu),
    }
    out["ratio_to_raw"] = round(out["rows_per_s"] / out["raw_bulk_rows_per_s"], 2)
    print(f"parse + map: {args.rows:,} rows in {parse_s:.2f} s: "
          f"{out['parse_map_rows_per_s']:,} rows/s")  # fmt: skip
    print(f"parse + map + store (import --format gdelt): {args.rows:,} rows ({summary.records:,} records, "
          f"{summary.unmapped:,} kept unmapped) in {import_s:.2f} s: {out['rows_per_s']:,} rows/s")  # fmt: skip
    print(f"bench_check raw bulk load of {args.rows:,} records in {raw_s:.2f} s: "
          f"{out['raw_bulk_rows_per_s']:,} rows/s (import is {out['ratio_to_raw']}x of it)")  # fmt: skip
    print(f"per CPU second: parse + map {out['parse_map_rows_per_cpu_s']:,} rows, "
          f"parse + map + store {out['rows_per_cpu_s']:,} rows, raw bulk load "
          f"{out['raw_bulk_rows_per_cpu_s']:,} rows")  # fmt: skip
    for target in (5_000, 50_000):
        verdict = "within" if out["rows_per_s"] >= target else "UNDER"
        print(f"target parse + map + store >= {target:,} rows/s: {verdict}")
    if args.json:
        print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
