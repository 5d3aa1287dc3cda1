"""Benchmark: `import --format gdelt` rows per second (parse + map + store) on SQLite.

    .venv/bin/python bench/bench_import.py --json            # 200,000 rows
    .venv/bin/python bench/bench_import.py --rows 50000

A GDELT 2.0 events file of N synthetic rows (real CAMEO, country and FIPS codes,
a share of CAMEO 01/02 rows that are kept unmapped) is written to a temporary
folder, then imported into a fresh SQLite store with corroboration off (the
issue's target excludes it): the time covers reading, mapping, building the
file's document and storing document, records, entities and provenance rows in
one transaction. In the same run, bench_check.py's raw bulk loader (executemany
of prepared rows, no mapping) loads N records into another fresh store: the
ratio says what mapping and the store API cost over a bare insert.

Targets: >= 5,000 rows/s (issue 13, Decisions: "Speed") and the headline's
>= 50,000 rows/s; both are reported. With --json the last line is one JSON object.
"""

from __future__ import annotations

import argparse
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

from pactwatch.ingest.formats.run import import_files
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
        "records": summary.records,
        "unmapped": summary.unmapped,
        "import_s": round(import_s, 2),
        "rows_per_s": round(args.rows / import_s),
        "raw_bulk_load_s": round(raw_s, 2),
        "raw_bulk_rows_per_s": round(args.rows / raw_s),
        # CPU seconds of this process: on a shared machine, less moved by other work
        "rows_per_cpu_s": round(args.rows / import_cpu),
        "raw_bulk_rows_per_cpu_s": round(args.rows / raw_cpu),
    }
    out["ratio_to_raw"] = round(out["rows_per_s"] / out["raw_bulk_rows_per_s"], 2)
    print(f"import --format gdelt: {args.rows:,} rows ({summary.records:,} records, "
          f"{summary.unmapped:,} kept unmapped) in {import_s:.2f} s: {out['rows_per_s']:,} rows/s")  # fmt: skip
    print(f"bench_check raw bulk load of {args.rows:,} records in {raw_s:.2f} s: "
          f"{out['raw_bulk_rows_per_s']:,} rows/s (import is {out['ratio_to_raw']}x of it)")  # fmt: skip
    print(f"per CPU second: import {out['rows_per_cpu_s']:,} rows, raw bulk load "
          f"{out['raw_bulk_rows_per_cpu_s']:,} rows")  # fmt: skip
    for target in (5_000, 50_000):
        verdict = "within" if out["rows_per_s"] >= target else "UNDER"
        print(f"target >= {target:,} rows/s: {verdict}")
    if args.json:
        print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
