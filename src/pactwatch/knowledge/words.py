"""The extractor's word lists (knowledge/words.yaml), loaded and validated once.

The rules of factuality.py, context.py, dating.py and learned.py read their trigger
words from here, so that adding a word is a data edit (docs/knowledge.md).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from pactwatch.errors import KnowledgeError
from pactwatch.knowledge.yamlsrc import LineMap, load_yaml
from pactwatch.records import EVENT_TYPES

DEFAULT_PATH = Path(__file__).parent / "words.yaml"
# what a control verb makes of its complement (event-record.md's aux values)
_CONTROL_VALUES = ("future", "hypothetical", "negation")


@dataclass(frozen=True, slots=True)
class Words:
    """One field per key of words.yaml; the file's comments say what each is for."""

    future_aux: frozenset[str]
    hypo_modals: frozenset[str]
    hypo_governors: frozenset[str]
    future_words: frozenset[str]
    hypo_words: frozenset[str]
    hedge_words: frozenset[str]
    negations: frozenset[str]
    negative_subjects: frozenset[str]
    hypo_adjectives: frozenset[str]
    hypo_nouns: frozenset[str]
    no_point: frozenset[str]
    no_sign: frozenset[str]
    conditionals: frozenset[str]
    nonfact_control: dict[str, str]
    preparing: frozenset[str]
    issuing: frozenset[str]
    seeming: frozenset[str]
    hearsay: frozenset[str]  # "are said to have shelled": as reported, not known
    doer_adjectives: frozenset[str]  # "were responsible for the attack": they did it
    misread_nouns: frozenset[str]  # "the Steppe Eagle drills": a noun, tagged a verb
    charge_grounds: frozenset[str]  # "arrested on suspicion of assaulting": the charge
    charge_preps: frozenset[str]  # "accused of", "charged with": the deed charged
    grounds_preps: frozenset[str]  # "expelled over alleged spying": the deed's grounds
    silent_verbs: frozenset[str]  # "declined to comment": no refusal
    bloc_words: frozenset[str]  # "skipped the bloc's meetings": membership, for refusals
    fact_marks: frozenset[str]
    deed_nouns: dict[str, frozenset[str]]
    made_known: frozenset[str]
    deed_words: frozenset[str]
    ending_verbs: frozenset[str]
    beginning_verbs: frozenset[str]
    going_on_verbs: frozenset[str]  # an event named before, as their subject, goes on
    forward_verbs: frozenset[str]  # a past deed pointing to a time to come
    batch_nouns: frozenset[str]
    playing: frozenset[str]  # their object is a deed played in a drill, not done
    preventing: frozenset[str]  # "banned them from travelling": the travel is not done
    refraining: frozenset[str]  # "refrained from asking", "stopped short of": not done
    place_nouns: frozenset[str]  # "near the Polish border": Poland is no side of the drills
    topic_verbs: frozenset[str]  # "discussed the situation in Afghanistan": no party
    beneficiary_verbs: frozenset[str]  # "supplied the Russian military": who receives
    casualty_verbs: frozenset[str]  # "soldiers were killed in a clash with": a side
    object_control: frozenset[str]  # "urged Armenia to withdraw its troops": Armenia's
    pact_nouns: frozenset[str]  # "signed an agreement to open a base": still to come
    obligation_verbs: frozenset[str]  # "has not implemented the decision": a refusal
    relational_nouns: frozenset[str]  # "its allies" are not "it"
    bond_nouns: frozenset[str]  # "cut ties with Qatar": the other party of the bond
    naming_verbs: frozenset[str]  # "which it called 'targeted killings'": a name, no deed
    land_nouns: frozenset[str]  # "its territory" is a state's, never an organisation's
    claim_nouns: frozenset[str]  # a "that" clause of theirs is someone's claim, not a fact
    denial_verbs: frozenset[str]  # the claim they govern is denied: did not happen
    retreat_words: frozenset[str]


_MAPPINGS = ("nonfact_control", "deed_nouns")
_LISTS = tuple(f.name for f in fields(Words) if f.name not in _MAPPINGS)


def _words(value: Any, where: str, problems: list[str]) -> list[str]:
    """The value as a list of lower-case words, or [] after naming what is wrong."""
    if not isinstance(value, list):
        problems.append(f"{where}: expected a list of words")
        return []
    bad = [v for v in value if not isinstance(v, str) or not v.strip() or v != v.lower()]
    if bad:
        # unquoted no/on/yes/off come back from YAML as booleans
        problems.append(
            f"{where}: {', '.join(repr(v) for v in bad)} not a non-empty lower-case word"
            " (quote words YAML reads as true/false)"
        )
        return []
    return list(value)


def parse_words(data: Any, source: str = "words.yaml") -> Words:
    """Words from parsed YAML (a `LineMap` gives lines), reporting every problem at once."""
    if not isinstance(data, dict):
        raise KnowledgeError([f"{source}:1: file: expected a mapping of word lists"])
    problems: list[str] = []

    def where(mapping: dict[str, Any], key: str, path: str = "") -> str:
        line = mapping.line_of(key) if isinstance(mapping, LineMap) else 1
        return f"{source}:{line}: {path}{key}"

    known = {f.name for f in fields(Words)}
    for key in data:
        if key not in known:
            problems.append(f"{where(data, key)}: unknown word list (see the file's comments)")
    values: dict[str, Any] = {}
    for key in _LISTS:
        if key not in data:
            problems.append(f"{source}:1: {key}: missing word list (add it; see the shipped file)")
            continue
        values[key] = frozenset(_words(data[key], where(data, key), problems))
    values["nonfact_control"] = _mapping(
        data, "nonfact_control", _CONTROL_VALUES, source, where, problems, many=False
    )
    values["deed_nouns"] = _mapping(
        data, "deed_nouns", tuple(EVENT_TYPES), source, where, problems, many=True
    )
    if problems:
        raise KnowledgeError(problems)
    return Words(**values)


def _mapping(
    data: dict[str, Any],
    key: str,
    allowed: tuple[str, ...],
    source: str,
    where: Callable[..., str],
    problems: list[str],
    *,
    many: bool,
) -> dict[str, Any]:
    """A mapping of lower-case word to one allowed value (many: a list of them)."""
    if key not in data:
        problems.append(f"{source}:1: {key}: missing word list (add it; see the shipped file)")
        return {}
    raw = data[key]
    if not isinstance(raw, dict):
        problems.append(f"{where(data, key)}: expected a mapping of word to value")
        return {}
    out: dict[str, Any] = {}
    for key_word, value in raw.items():
        word = str(key_word)
        at = where(raw, word, f"{key}.")
        if not word.strip() or word != word.lower():
            problems.append(f"{at}: not a non-empty lower-case word")
        if many and not isinstance(value, list):
            problems.append(f"{at}: expected a list of PLOVER event types ([] for any)")
            continue
        wrong = [v for v in (value if many else [value]) if v not in allowed]
        if wrong:
            known = "PLOVER event types" if many else ", ".join(allowed)
            problems.append(f"{at}: {', '.join(map(repr, wrong))} not one of {known}")
            continue
        out[word] = frozenset(value) if many else value
    return out


def read_words(path: Path) -> Words:
    """The word lists in `path`, not cached (tests read broken copies)."""
    problems: list[str] = []
    data = load_yaml(path, problems)
    if problems:
        raise KnowledgeError(problems)
    return parse_words(data, path.name)


@functools.cache
def load_words() -> Words:
    """The package's word lists, read once per process."""
    return read_words(DEFAULT_PATH)
