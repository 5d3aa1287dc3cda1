"""knowledge/words.yaml: the shipped word lists load; a broken copy names file, line and key."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

import pytest

from pactwatch.errors import KnowledgeError
from pactwatch.knowledge.words import DEFAULT_PATH, Words, load_words, read_words
from pactwatch.records import EVENT_TYPES

SHIPPED = DEFAULT_PATH.read_text(encoding="utf-8")


def _line(text: str, key: str) -> int:
    """The 1-based line where a top-level key starts."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key}:"))


def _broken(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "words.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        read_words(path)
    return info.value.problems


def test_shipped_lists_load_once() -> None:
    words = load_words()
    assert load_words() is words
    # YAML reads a bare `no` as false: the file must quote it, and the loader keep it a word
    assert {"no", "not", "n't", "never"} == words.negations
    assert "no one" in words.negative_subjects
    assert words.nonfact_control["refuse"] == "negation"
    assert words.deed_nouns["measures"] == {"SANCTION", "COERCE"}
    assert words.deed_nouns["move"] == frozenset()
    assert all(t in EVENT_TYPES for types in words.deed_nouns.values() for t in types)


def test_every_list_has_a_comment() -> None:
    lines = SHIPPED.splitlines()
    keys = [n for n, line in enumerate(lines) if line and line[0].isalpha()]
    assert len(keys) == len(Words.__dataclass_fields__)
    for n in keys:
        assert lines[n - 1].startswith("# "), lines[n]


def test_broken_file_names_file_line_and_key(tmp_path: Path) -> None:
    text = (
        SHIPPED.replace('negations: ["not", "n\'t", never, "no"]', "negations: [not, never, no]")
        .replace("  measure: [SANCTION, COERCE]", "  measure: [SANCTIONS]")
        .replace("refuse: negation", "refuse: denied")
        .replace("made_known: [announce,", 'made_known: ["", Announce,')
        .replace("retreat_words:", "retreat_wordz:")
    )
    problems = _broken(tmp_path, text)
    measure = next(n for n, s in enumerate(text.splitlines(), 1) if "measure: [" in s)
    expected = [
        f"words.yaml:{_line(text, 'negations')}: negations: False not a non-empty lower-case word",
        f"words.yaml:{_line(text, 'made_known')}: made_known: '', 'Announce' not a non-empty",
        f"words.yaml:{_line(text, 'nonfact_control')}: nonfact_control.refuse: 'denied' not one "
        "of future, hypothetical, negation",
        f"words.yaml:{measure}: deed_nouns.measure: 'SANCTIONS' not one of PLOVER event types",
        f"words.yaml:{_line(text, 'retreat_wordz')}: retreat_wordz: unknown word list",
        "words.yaml:1: retreat_words: missing word list",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert len(problems) == len(expected), problems


def test_list_of_words_only(tmp_path: Path) -> None:
    text = SHIPPED.replace(
        "hedge_words: [reportedly,", "hedge_words: {reportedly: 1}\nunused: [reportedly,"
    ).replace("deed_nouns:\n  move: []", "deed_nouns:\n  move: ASSAULT")
    problems = _broken(tmp_path, text)
    assert any(
        p.startswith(f"words.yaml:{_line(text, 'hedge_words')}: hedge_words: expected a list")
        for p in problems
    ), problems
    assert any("deed_nouns.move: expected a list of PLOVER event types" in p for p in problems)


def test_missing_mapping_is_named(tmp_path: Path) -> None:
    text = SHIPPED.replace("nonfact_control:", "# nonfact_control:")
    assert _broken(tmp_path, text) == [
        "words.yaml:1: nonfact_control: missing word list (add it; see the shipped file)"
    ]


def test_unreadable_yaml_names_the_file(tmp_path: Path) -> None:
    problems = _broken(tmp_path, "future_aux: [will\n")
    assert problems[0].startswith("words.yaml:"), problems


def test_rules_read_the_loaded_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """A word added to the data changes what the rule decides (learned.root_type here)."""
    from pactwatch.extract import learned

    sent = [SimpleNamespace(lemma_="regroup", lower_="regrouped")]
    assert learned.root_type("YIELD", sent) == "CONCEDE"
    more = load_words().retreat_words | {"regroup"}
    patched = dataclasses.replace(load_words(), retreat_words=more)
    monkeypatch.setattr(learned, "load_words", lambda: patched)
    assert learned.root_type("YIELD", sent) == "RETREAT"
