"""Extraction quality on the annotated sets beside the project, and the scorer.

The floors sit 0.03 under what the extractor scored when they were set, so a
regression fails here; raise them as extraction improves. The issue's targets
(issue 3) are F1 ≥ 0.75 on the seed column and ≥ 0.70 on the development set.
`pactwatch.evaluate.score` must agree with ../shared/tools/score_events.py to
the digit on the same predictions.

Skipped where ../shared is absent (a user's clone has none).
"""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pactwatch.evaluate import read_jsonl, score
from pactwatch.extract import extract_documents
from pactwatch.records import Document

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "data" / "seed" / "gold.jsonl"
DEV = SHARED / "data" / "dev" / "alliance-dev.jsonl"
TOOL = SHARED / "tools" / "score_events.py"

# measured 2026-11-29 (session 2): seed F1 0.769, dev F1 0.771 (targets: 0.75 and 0.70)
FLOORS = {"seed": 0.74, "dev": 0.74}
# over matched events on the development set (targets: date >= 0.80, factuality >= 0.92);
# measured then: date 0.809, factuality 0.975
DEV_FIELD_FLOORS = {"date": 0.79, "factuality (aux)": 0.94}
# PLOVER gold records, the top record's type and actor (targets 0.70 each);
# measured then: type 0.733, actor 0.761
PLOVER_FLOORS = {"type": 0.71, "actor": 0.73}
PLOVER = SHARED / "data" / "plover" / "PLOVER_GSR_CAMEO.json"
BENCH = Path(__file__).resolve().parents[2] / "bench" / "plover_eval.py"

GoldAndPreds = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def _need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is absent (only developer machines and CI have ../shared)")
    return path


def _extract(path: Path) -> GoldAndPreds:
    gold = read_jsonl(_need(path))
    docs = [
        Document(id=str(g["doc_id"]), text=g["text"], report_date=g.get("report_date"))
        for g in gold
    ]
    preds = [e.to_dict() for _doc, events in extract_documents(docs) for e in events]
    return gold, preds


@pytest.fixture(scope="module")
def seed() -> GoldAndPreds:
    return _extract(SEED)


@pytest.fixture(scope="module")
def dev() -> GoldAndPreds:
    return _extract(DEV)


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_events", _need(TOOL))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_f1_floor(seed: GoldAndPreds) -> None:
    result = score(*seed)
    assert result.f1 >= FLOORS["seed"], result.to_dict()


def test_dev_f1_floor(dev: GoldAndPreds) -> None:
    result = score(*dev)
    assert result.f1 >= FLOORS["dev"], result.to_dict()
    fields = result.to_dict()["fields"]
    for name, floor in DEV_FIELD_FLOORS.items():
        assert fields[name]["accuracy"] >= floor, (name, fields[name])


def _variants(preds: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The predictions, and altered copies that take the scorer's other paths."""
    doubled = [copy.deepcopy(p) for p in preds] + preds  # duplicates
    shifted = copy.deepcopy(preds)
    for n, p in enumerate(shifted):
        if n % 3 == 0:
            p["date"] = None if p["date"] else "2020-01"
            p["actor"], p["recipient"] = p["recipient"], p["actor"]
        if n % 4 == 1:
            p["aux"] = [*p["aux"], "historical", "future"]
            p["confidence"] = 1.0
    return [preds, doubled, shifted, preds[::2], []]


@pytest.mark.parametrize("which", ["seed", "dev"])
def test_evaluate_agrees_with_the_shared_scorer(
    which: str, request: pytest.FixtureRequest, tool: ModuleType
) -> None:
    gold, preds = request.getfixturevalue(which)
    for variant in _variants(preds):
        ours = score(copy.deepcopy(gold), variant).to_dict()
        theirs, _errors = tool.score(copy.deepcopy(gold), variant)
        assert ours == theirs


def test_plover_type_and_actor_floors() -> None:
    spec = importlib.util.spec_from_file_location("plover_eval", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    records = bench.read_records(_need(PLOVER))
    type_ok, actor_ok, _, misses = bench.tally(records, bench.top_records(records))
    assert type_ok / len(records) >= PLOVER_FLOORS["type"], misses[:20]
    assert actor_ok / len(records) >= PLOVER_FLOORS["actor"]


# the internal test split of ../shared/data/train/plover-sentences.jsonl (pactwatch.training;
# never tuned on); measured 2026-12-06 (session 3): the top record's root macro-F1 0.664
# with the learned typer, 0.642 without; the encoder alone 0.792 (bench/typer_eval.py)
INTERNAL_FLOORS = {"pipeline": 0.63, "encoder": 0.76}


def test_internal_split_floors() -> None:
    _need(SHARED / "data" / "train" / "plover-sentences.jsonl")
    from pactwatch.evaluate import macro_f1
    from pactwatch.extract.typer import YIELD_OF, load_typer
    from pactwatch.training import sentences

    rows = sentences("test")
    gold = [r.label for r in rows]
    labels = sorted(set(gold))
    docs = [Document(id=r.id, text=r.text) for r in rows]
    top = [
        max(events, key=lambda e: e.confidence).event if events else None
        for _doc, events in extract_documents(docs)
    ]
    pipeline = macro_f1(gold, [YIELD_OF.get(t, t) if t else None for t in top], labels)
    typer = load_typer()
    encoder = [typer.best_root(p) for p in typer.encode([r.text for r in rows])]
    assert pipeline >= INTERNAL_FLOORS["pipeline"], pipeline
    assert macro_f1(gold, list(encoder), labels) >= INTERNAL_FLOORS["encoder"]
