"""The dashboard under load: N concurrent clients for S seconds against a real `pactwatch serve`.

    .venv/bin/python bench/bench_load.py                       # 50 clients, 60 s, demo store
    .venv/bin/python bench/bench_load.py --records 1000000     # a bulk-built large store
    .venv/bin/python bench/bench_load.py --clients 50 --seconds 60 --json

The server is a real `pactwatch serve` process on 127.0.0.1 (bench_web.serving); the
store is the demo's (`pactwatch demo`, made once) or bench_web's bulk-built one. Each
client is an async HTTP client with its own connection and cookies, walking the
dashboard's main pages in turn with 0.1 s think time. The pages are the same few URLs,
so after the first round they are kept pages (the data does not change during the run);
`--uncached` makes every URL new, for what a view costs right after the data changed. First one client alone (the
single-client p95, for comparison), then N together. Printed: requests, requests/s,
p50/p95/p99/max in ms, errors (any answer but 200, or no answer), and the CPU used by
the server and by this generator (both share the machine: on a 2-core machine the
generator's CPU is CPU the server did not get). Target: 0 errors, p95 <= 300 ms for
50 clients on the demo store. `--json` prints one JSON object as the last line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from bench_web import built, demo_store, serving

DEMO_PAGES = [
    "/", "/?charter=csto-reform", "/findings?charter=csto-treaty", "/findings?charter=csto-reform",
    "/events", "/events?type=ASSAULT", "/events?actor=KGZ&page=1", "/documents", "/timeline",
    "/charters", "/charters/csto-treaty", "/api/events?per_page=50",
    "/api/findings?charter=csto-treaty",
]  # fmt: skip
LARGE_PAGES = [
    "/?charter=csto-reform", "/findings?charter=csto-reform", "/events",
    "/events?type=ASSAULT&actor=KGZ&since=2020-01-01&until=2022-12-31&factuality=factual",
    "/events?kind=military_exercise&recipient=USA&page=3", "/documents",
    "/api/events?type=COERCE&per_page=100",
]  # fmt: skip


@dataclass
class Phase:
    clients: int
    seconds: float = 0.0
    times: list[float] = field(default_factory=list)  # ms, answered 200
    per_page: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    server_cpu: float = 0.0
    client_cpu: float = 0.0

    def figures(self) -> dict[str, Any]:
        t = sorted(self.times)

        def pct(p: float) -> float:
            return round(t[min(len(t) - 1, max(0, round(p * len(t)) - 1))], 1) if t else 0.0

        done = len(t) + sum(self.errors.values())
        return {
            "clients": self.clients, "seconds": round(self.seconds, 1), "requests": done,
            "per_second": round(done / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(statistics.median(t), 1) if t else 0.0, "p95_ms": pct(0.95),
            "p99_ms": pct(0.99), "max_ms": round(t[-1], 1) if t else 0.0,
            "errors": sum(self.errors.values()), "error_kinds": dict(self.errors),
            "server_cpu_pct": round(100 * self.server_cpu / self.seconds, 0) if self.seconds else 0,
            "generator_cpu_pct": round(100 * self.client_cpu / self.seconds, 0) if self.seconds else 0,
        }  # fmt: skip


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) the process `pid` has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def _client(
    base: str, pages: list[str], start: int, until: float, think: float, phase: Phase,
    unique: bool = False,
) -> None:  # fmt: skip
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        i = start
        while time.perf_counter() < until:
            page = pages[i % len(pages)]
            i += 1
            # a query parameter no page reads makes each URL new: no kept page is served
            url = f"{page}{'&' if '?' in page else '?'}_n={start}.{i}" if unique else page
            t0 = time.perf_counter()
            try:
                r = await http.get(url)
                await r.aread()
                status = r.status_code
            except httpx.HTTPError as exc:
                status = -1
                kind = type(exc).__name__
            ms = (time.perf_counter() - t0) * 1000
            if status == 200:
                phase.times.append(ms)
                phase.per_page.setdefault(page, []).append(ms)
            else:
                key = f"HTTP {status}" if status > 0 else kind
                phase.errors[key] = phase.errors.get(key, 0) + 1
            await asyncio.sleep(think)


async def _run(base: str, pid: int, pages: list[str], clients: int, seconds: float,
               think: float, unique: bool) -> Phase:  # fmt: skip
    phase = Phase(clients)
    cpu0, own0, t0 = _proc_cpu(pid), _own_cpu(), time.perf_counter()
    until = t0 + seconds
    await asyncio.gather(
        *(_client(base, pages, c, until, think, phase, unique) for c in range(clients))
    )
    phase.seconds = time.perf_counter() - t0
    phase.server_cpu, phase.client_cpu = _proc_cpu(pid) - cpu0, _own_cpu() - own0
    return phase


def _show(name: str, f: dict[str, Any]) -> None:
    print(
        f"{name:<14} {f['requests']:>7,} req {f['per_second']:>7.1f}/s  p50 {f['p50_ms']:>7.1f}"
        f"  p95 {f['p95_ms']:>7.1f}  p99 {f['p99_ms']:>7.1f}  max {f['max_ms']:>7.1f} ms"
        f"  errors {f['errors']}  CPU server {f['server_cpu_pct']:.0f}%"
        f" generator {f['generator_cpu_pct']:.0f}%"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--single-seconds", type=float, default=15, help="the one-client run")
    ap.add_argument("--think", type=float, default=0.1, help="seconds between a client's requests")
    ap.add_argument("--records", type=int, default=0, help="a bulk-built store (0: the demo's)")
    ap.add_argument("--db", type=Path, default=None, help="where the store is kept between runs")
    ap.add_argument("--target-ms", type=float, default=300)
    ap.add_argument(
        "--uncached", action="store_true",
        help="make every URL new (an unread query parameter), so no kept page is served: "
        "what each view costs when the data has just changed",
    )  # fmt: skip
    ap.add_argument("--json", action="store_true", help="one JSON object as the last line")
    args = ap.parse_args()
    if args.records:
        db = built(args.db or Path("/tmp/pactwatch-bench-web.db"), args.records)
        pages = LARGE_PAGES
    else:
        db = demo_store(args.db or Path("/tmp/pactwatch-bench-load-demo"))
        pages = DEMO_PAGES
    print(f"store {db} ({args.records:,} records)" if args.records else f"store {db} (demo)")
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f} before the run")
    with serving(f"sqlite:///{db}") as (base, pid):

        async def phases() -> tuple[Phase, Phase]:
            async with httpx.AsyncClient(base_url=base, timeout=600) as http:  # caches warm
                for page in pages:
                    await http.get(page)
            single = await _run(base, pid, pages, 1, args.single_seconds, args.think, args.uncached)
            many = await _run(
                base, pid, pages, args.clients, args.seconds, args.think, args.uncached
            )
            return single, many

        single, many = asyncio.run(phases())
    one, loaded = single.figures(), many.figures()
    _show("1 client", one)
    _show(f"{args.clients} clients", loaded)
    print(f"{'page':<48} p95 ms with {args.clients} clients")
    for page in pages:
        times = sorted(many.per_page.get(page, []))
        p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))] if times else 0.0
        print(f"{page:<48} {p95:>8.1f}")
    met = loaded["errors"] == 0 and loaded["p95_ms"] <= args.target_ms
    print(
        f"target: 0 errors and p95 <= {args.target_ms:.0f} ms with {args.clients} clients: "
        f"{'met' if met else 'NOT met'} (load average {os.getloadavg()[0]:.2f} after)"
    )
    if args.json:
        print(json.dumps({
            "store": "demo" if not args.records else f"{args.records} records",
            "uncached": args.uncached,
            "single": one, "loaded": loaded, "target_ms": args.target_ms, "met": met,
        }))  # fmt: skip
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
