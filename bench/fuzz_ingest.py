"""Fuzz: 2,048 hostile JSONL inputs through the real `pactwatch ingest`, on SQLite and PostgreSQL.

    .venv/bin/python bench/fuzz_ingest.py                  # SQLite, + PostgreSQL if a URL is set
    .venv/bin/python bench/fuzz_ingest.py --inputs 2048 --seed 12
    PACTWATCH_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:55434/pactwatch_test \\
        .venv/bin/python bench/fuzz_ingest.py

Each input is a .jsonl file of 1-6 lines mixing valid documents with hostile
lines (nesting up to 3,000 deep, integers and floats of up to 6,000 digits, NUL,
C0/C1 controls and lone surrogates in every field, invalid UTF-8, dates with junk,
fields of the wrong type). All files go
through one `pactwatch ingest FOLDER` (extraction replaced by the tests' fast
stand-in unless `--real`: the NLP is not what is fuzzed). Prints tracebacks seen, valid documents
lost and bad lines not named; the target is 0, 0, 0. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from pactwatch.store.engine import normalise_url
from pactwatch.store.schema import documents

NASTY = ["\x00", "\x01", "\x1b", "\x7f", "\x9f", "\ud800", "\udfff", "\n", "é", "中", " "]


def nasty(rng: random.Random) -> str:
    return "".join(rng.choice(NASTY) + rng.choice("abc ") for _ in range(rng.randint(1, 6)))


def line(rng: random.Random, n: int) -> tuple[bytes, bool]:
    """One JSONL line and whether it is a document that must be stored."""
    kind = rng.choice(["valid", "nasty", "deep", "int", "float", "utf8", "date", "type"])
    obj: dict[str, object] = {"id": f"d{n}", "text": f"Guards fired at post {n}. " + nasty(rng)}
    if kind == "valid":
        return json.dumps(obj).encode(), True
    if kind == "nasty":
        obj["id"] = nasty(rng) + f"d{n}" + nasty(rng)
        obj.update(url=nasty(rng), title=nasty(rng), source=nasty(rng))
        return json.dumps(obj).encode(), True
    if kind == "date":
        obj["report_date"] = "2022-10-10x" + nasty(rng)
        return json.dumps(obj).encode(), False
    if kind == "type":
        obj[rng.choice(["text", "id", "url", "title", "source"])] = [1, {"a": None}]
        return json.dumps(obj).encode(), False
    if kind == "deep":
        depth = rng.randint(33, 3000)
        return f'{{"id": "x{n}", "text": "x", "m": {"[" * depth}{"]" * depth}}}'.encode(), False
    if kind in ("int", "float"):
        digits = "7" * rng.randint(101, 6000)
        number = digits if kind == "int" else f"1.{digits}e5"
        return f'{{"id": "x{n}", "text": "x", "m": {number}}}'.encode(), False
    raw = json.dumps(obj).encode()
    cut = rng.randint(1, len(raw) - 1)
    return raw[:cut] + rng.choice([b"\xff", b"\xc3(", b"\xed\xa0\x80"]) + raw[cut:], False


def run(url: str, inputs: int, seed: int, real: bool = False) -> dict[str, int]:
    rng = random.Random(seed)
    counter = iter(range(10**9))
    good = bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "corpus")
        folder.mkdir()
        for i in range(inputs):
            lines = [line(rng, next(counter)) for _ in range(rng.randint(1, 6))]
            good += sum(ok for _, ok in lines)
            bad += sum(not ok for _, ok in lines)
            (folder / f"in-{i:04d}.jsonl").write_bytes(b"\n".join(raw for raw, _ in lines) + b"\n")
        module = "pactwatch" if real else "tests.fake_extract"
        done = subprocess.run(
            [sys.executable, "-m", module, "ingest", str(folder), "--db", url],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
    engine = create_engine(normalise_url(url))
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(documents)).scalar_one()
    engine.dispose()
    named = sum(1 for row in done.stderr.splitlines() if row.startswith("pactwatch: [E010]"))
    return {
        "inputs": inputs,
        "exit_status": done.returncode,
        "tracebacks": done.stderr.count("Traceback"),
        "valid_lines": good,
        "valid_lost": good - int(stored),
        "bad_lines": bad,
        "bad_not_named": bad - named,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=2048)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--real", action="store_true", help="the real extraction (spaCy) instead of the stand-in"
    )
    args = parser.parse_args()
    targets = {"sqlite": f"sqlite:///{tempfile.mkdtemp()}/fuzz.db"}
    pg = os.environ.get("PACTWATCH_BENCH_PG_URL") or os.environ.get("PACTWATCH_TEST_PG_URL")
    schema = f"fuzz_{uuid.uuid4().hex[:8]}"
    if pg:
        admin = create_engine(normalise_url(pg), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        targets["postgresql"] = (
            normalise_url(pg)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    failed = False
    try:
        for name, url in targets.items():
            result = run(url, args.inputs, args.seed, args.real)
            print(json.dumps({"store": name, **result}))
            failed |= bool(result["tracebacks"] or result["valid_lost"] or result["bad_not_named"])
    finally:
        if pg:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
