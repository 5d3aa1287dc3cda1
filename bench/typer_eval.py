"""The event typer on the internal test split of the labelled news (issue 10).

    .venv/bin/python bench/typer_eval.py                  # internal test split
    .venv/bin/python bench/typer_eval.py --split validation
    .venv/bin/python bench/typer_eval.py --json            # one JSON object as the last line

Each sentence of `../shared/data/train/plover-sentences.jsonl` in the split (see
`pactwatch.training`: stratified by label, fixed by the row ids) is extracted as a
document of its own, as `pactwatch extract` would; the record with the highest
confidence stands for the sentence, CONCEDE and RETREAT count as the older root
YIELD, and a sentence with no record counts as wrong. Root macro-F1 and accuracy,
with bootstrap 95% intervals (1,000 resamples, fixed seed), for:

- rules alone (`extract_documents(model=False)`);
- the cheap model alone, and the encoder alone (no rules, no roles);
- rules and model together (what `pactwatch extract` does).

Then a reliability table: the pipeline's top-record confidence in bins against
the share of those records whose type is right. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable

from pactwatch.evaluate import macro_f1
from pactwatch.extract import extract_documents
from pactwatch.extract.typer import YIELD_OF, load_typer
from pactwatch.records import Document, Event
from pactwatch.training import Sentence, sentences


def top_records(rows: list[Sentence], *, model: bool) -> list[Event | None]:
    docs = [Document(id=r.id, text=r.text) for r in rows]
    out: list[Event | None] = []
    for _doc, events in extract_documents(docs, model=model):
        out.append(max(events, key=lambda e: e.confidence) if events else None)
    return out


def root(event: str | None) -> str | None:
    return YIELD_OF.get(event, event) if event else None


def with_interval(
    gold: list[str], pred: list[str | None], metric: Callable[[list[str], list[str | None]], float]
) -> tuple[float, float, float]:
    rng = random.Random(13)
    n = len(gold)
    samples = []
    for _ in range(1000):
        idx = [rng.randrange(n) for _ in range(n)]
        samples.append(metric([gold[i] for i in idx], [pred[i] for i in idx]))
    samples.sort()
    return metric(gold, pred), samples[25], samples[974]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", default="test", choices=["train", "validation", "test"])
    parser.add_argument("--json", action="store_true", help="one JSON object as the last line")
    parser.add_argument(
        "--show", type=int, default=0, help="print this many errors of the pipeline"
    )
    args = parser.parse_args()
    rows = sentences(args.split)
    gold = [r.label for r in rows]
    labels = sorted(set(gold))

    def mf1(g: list[str], p: list[str | None]) -> float:
        return macro_f1(g, p, labels)

    def acc(g: list[str], p: list[str | None]) -> float:
        return sum(a == b for a, b in zip(g, p, strict=True)) / len(g)

    typer = load_typer()
    started = time.perf_counter()
    preds: dict[str, list[str | None]] = {}
    rules = top_records(rows, model=False)
    preds["rules alone"] = [root(e.event if e else None) for e in rules]
    texts = [r.text for r in rows]
    # every sentence here reports an event: the models alone answer their best event root
    preds["cheap model alone"] = [typer.best_root(typer.cheap(t)) for t in texts]
    preds["encoder alone"] = [typer.best_root(p) for p in typer.encode(texts)]
    both = top_records(rows, model=True)
    preds["rules and model"] = [root(e.event if e else None) for e in both]
    results: dict[str, dict[str, float]] = {}
    print(f"{args.split} split: {len(rows)} sentences, {len(labels)} roots")
    for name, pred in preds.items():
        f1, lo, hi = with_interval(gold, pred, mf1)
        a, alo, ahi = with_interval(gold, pred, acc)
        none = sum(p is None for p in pred)
        results[name] = {"macro_f1": round(f1, 4), "accuracy": round(a, 4), "no_record": none}
        print(
            f"  {name:18} root macro-F1 {f1:.3f} [{lo:.3f}, {hi:.3f}]  "
            f"accuracy {a:.3f} [{alo:.3f}, {ahi:.3f}]  no record {none}"
        )
    print("reliability of the pipeline's top-record confidence (type right):")
    bins = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01)]
    table = []
    for lo_b, hi_b in bins:
        inside = [
            (e, g) for e, g in zip(both, gold, strict=True) if e and lo_b <= e.confidence < hi_b
        ]
        if inside:
            mean = sum(e.confidence for e, _ in inside) / len(inside)
            right = sum(root(e.event) == g for e, g in inside) / len(inside)
            table.append(
                {
                    "bin": f"{lo_b:.2f}-{min(hi_b, 1):.2f}",
                    "n": len(inside),
                    "mean_confidence": round(mean, 3),
                    "accuracy": round(right, 3),
                }
            )
            print(
                f"  {lo_b:.2f}–{min(hi_b, 1.0):.2f}: {len(inside):4} records, mean confidence {mean:.2f}, type right {right:.2f}"
            )
    if args.show:
        shown = 0
        for r, e in zip(rows, both, strict=True):
            if root(e.event if e else None) != r.label and shown < args.show:
                shown += 1
                print(f"- gold {r.label}, got {e.event if e else None}: {r.text[:140]}")
    print(f"({time.perf_counter() - started:.0f} s; the encoder saw {typer.encoded} sentences)")
    if args.json:
        print(
            json.dumps(
                {
                    "split": args.split,
                    "sentences": len(rows),
                    "results": results,
                    "reliability": table,
                }
            )
        )


if __name__ == "__main__":
    main()
