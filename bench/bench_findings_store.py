"""What storing findings costs beside computing them, on a store `bench_check.py` filled.

    .venv/bin/python bench/bench_check.py --records 1000000 --no-postgres --no-double \\
        --sqlite /tmp/findings-bench-1m.db
    .venv/bin/python bench/bench_findings_store.py --db sqlite:////tmp/findings-bench-1m.db --json

Per round, on the same store and in the same process: `check` with storing switched
off (the computation alone), storing them the first time (every finding new: the
table emptied first), and storing them again (only `last_seen` moves). `--json`
prints one JSON object as the last line, with the medians and their ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from typing import Any

from sqlalchemy import delete

from pactwatch.check import stored
from pactwatch.check.check import check
from pactwatch.store import open_store, schema


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a store bench_check.py filled")
    parser.add_argument("--charter", default="csto-reform")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    as_of = dt.date(2025, 1, 1)
    times: dict[str, list[float]] = {"compute_s": [], "store_new_s": [], "store_again_s": []}
    findings: list[Any] = []
    real = stored.remember
    with open_store(args.db, create=False) as store:
        for _ in range(args.rounds):
            stored.remember = lambda *a, **k: []  # type: ignore[assignment]
            try:
                t0 = time.perf_counter()
                findings = check(store, args.charter, as_of=as_of)
                times["compute_s"].append(time.perf_counter() - t0)
            finally:
                stored.remember = real  # type: ignore[assignment]
            with store.write() as conn:
                conn.execute(delete(schema.deliveries))
                conn.execute(delete(schema.findings))
            t1 = time.perf_counter()
            stored.remember(store, args.charter, findings)
            times["store_new_s"].append(time.perf_counter() - t1)
            t2 = time.perf_counter()
            stored.remember(store, args.charter, findings)
            times["store_again_s"].append(time.perf_counter() - t2)
            print({k: round(v[-1], 2) for k, v in times.items()}, flush=True)
    out: dict[str, Any] = {"findings": len(findings), "rounds": args.rounds}
    out.update({k: round(statistics.median(v), 2) for k, v in times.items()})
    out["store_new_ratio"] = round(out["store_new_s"] / out["compute_s"], 2)
    out["store_again_ratio"] = round(out["store_again_s"] / out["compute_s"], 2)
    print(json.dumps(out) if args.json else out)


if __name__ == "__main__":
    main()
