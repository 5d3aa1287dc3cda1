"""The internal split of the labelled news: fixed, stratified, disjoint."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pactwatch.training import assign_splits, sentences, tagged_sentences


def test_split_is_stratified_fixed_and_disjoint() -> None:
    rows = [(f"r{i}", "A" if i % 3 else "B") for i in range(300)]
    first = assign_splits(rows)
    assert first == assign_splits(list(reversed(rows)))  # order of rows does not matter
    by_label = Counter((label, first[rid]) for rid, label in rows)
    assert by_label[("A", "test")] == 40 and by_label[("B", "test")] == 20  # one in five of each
    assert set(first.values()) == {"train", "validation", "test"}


def test_shared_training_files_split(shared_dir: Path) -> None:
    test = sentences("test")
    train = sentences(["train", "validation"])
    assert not {r.id for r in test} & {r.id for r in train}
    assert len(test) + len(train) == 1049
    assert {r.label for r in test} == {r.label for r in train}  # every root in both
    tagged = tagged_sentences("test")
    assert 100 < len(tagged) < 200
    assert all(len(r.tokens) == len(r.tags) for r in tagged)
