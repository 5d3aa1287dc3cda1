"""Which documents are in English: extraction reads English only, so the rest are refused.

A cheap test, no model: the share of a text's letters in the Latin script, then
the share of its words that are common English function words
(`knowledge/english.yaml`). English news runs at 30–45% such words; French,
German, Spanish or Russian in Latin transliteration under 5%. Texts too short to
tell (under 20 words) pass.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from pactwatch.errors import KnowledgeError

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 20
MIN_LATIN = 0.6
MIN_ENGLISH = 0.08


@functools.cache
def english_words() -> frozenset[str]:
    import yaml  # on first use: `pactwatch extract --help` reads no word list

    raw = yaml.safe_load(
        (resources.files("pactwatch.knowledge") / "english.yaml").read_text(encoding="utf-8")
    )
    words = raw.get("words") if isinstance(raw, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and w == w.lower() for w in words):
        raise KnowledgeError(["english.yaml:1: words: expected a list of lower-case words"])
    return frozenset(words)


def not_english(text: str) -> str | None:
    """Why `text` is not English, or None when it is (or is too short to tell)."""
    words = _WORD.findall(text[:20000])
    if len(words) < MIN_WORDS:
        return None
    letters = "".join(words)
    latin = sum(1 for ch in letters if ord(ch) < 0x250) / len(letters)
    if latin < MIN_LATIN:
        return f"only {latin:.0%} of its letters are in the Latin script"
    common = english_words()
    share = sum(1 for w in words if w.lower() in common) / len(words)
    if share < MIN_ENGLISH:
        return f"only {share:.0%} of its words are common English words"
    return None
