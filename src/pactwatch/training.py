"""The labelled news the event typer learns from, and the split it is measured on.

`../shared/data/train/plover-sentences.jsonl` holds real news sentences with their
PLOVER root; `roles-conflibert.jsonl` holds sentences tagged token by token with
source, target and reciprocal spans. Both are split once, stratified by label,
by a hash of each row's id: the split needs no random state and no library, so
the trainer, the benches and the tests all see the same internal test set.
The internal test set is never tuned on; `validation` (carved out of `train`)
is where thresholds and the calibration temperature are chosen.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Split = Literal["train", "validation", "test"]

# one in five rows of each label is the internal test set, one in eight of the rest
# is the validation set
TEST_EVERY = 5
VALIDATION_EVERY = 8


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    text: str
    label: str  # a PLOVER root; YIELD is the older root for CONCEDE and RETREAT
    source: str | None = None
    target: str | None = None


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    id: str
    tokens: tuple[str, ...]
    tags: tuple[str, ...]  # BIO over S (source), T (target), R (reciprocal)


def train_dir(root: Path | None = None) -> Path:
    """`../shared/data/train` beside the repository, or under `root`."""
    base = root if root is not None else Path(__file__).resolve().parents[2].parent / "shared"
    return (base / "data" / "train").resolve()


def _key(row_id: str) -> str:
    return hashlib.sha256(row_id.encode()).hexdigest()


def assign_splits(rows: Iterable[tuple[str, str]]) -> dict[str, Split]:
    """Each (id, label) to its split: stratified by label, fixed by the ids alone."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for row_id, label in rows:
        by_label[label].append(row_id)
    out: dict[str, Split] = {}
    for ids in by_label.values():
        rest: list[str] = []
        for n, row_id in enumerate(sorted(ids, key=_key)):
            if n % TEST_EVERY == TEST_EVERY - 1:
                out[row_id] = "test"
            else:
                rest.append(row_id)
        for n, row_id in enumerate(rest):
            out[row_id] = "validation" if n % VALIDATION_EVERY == VALIDATION_EVERY - 1 else "train"
    return out


def load_sentences(path: Path) -> list[Sentence]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                rows.append(
                    Sentence(d["id"], d["text"], d["label"], d.get("source"), d.get("target"))
                )
    return rows


def sentences(split: Split | Sequence[Split], path: Path | None = None) -> list[Sentence]:
    """The PLOVER-labelled sentences of one split (or several), in file order."""
    rows = load_sentences(path or train_dir() / "plover-sentences.jsonl")
    splits = assign_splits((r.id, r.label) for r in rows)
    wanted = {split} if isinstance(split, str) else set(split)
    return [r for r in rows if splits[r.id] in wanted]


def tagged_sentences(
    split: Split | Sequence[Split], path: Path | None = None
) -> list[TaggedSentence]:
    """The role-tagged sentences of one split; stratified by whether a target is tagged."""
    rows = []
    with (path or train_dir() / "roles-conflibert.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                rows.append(TaggedSentence(d["id"], tuple(d["tokens"]), tuple(d["tags"])))
    strata = ((r.id, "T" if any(t.endswith("-T") for t in r.tags) else "-") for r in rows)
    splits = assign_splits(strata)
    wanted = {split} if isinstance(split, str) else set(split)
    return [r for r in rows if splits[r.id] in wanted]
