"""Hashed word and character n-grams: the features of the cheap event-type model.

The trainer (`train/train_typer.py`) and the runtime (`extract/typer.py`) both call
`hashed_features`, so a sentence gets the same features in both. Hashing (CRC-32,
not Python's salted `hash`) keeps the model a fixed-size array with no vocabulary
file, and the same bytes on every machine.
"""

from __future__ import annotations

import functools
import math
import re
import zlib

N_FEATURES = 1 << 18
_WORD = re.compile(r"\w+", re.UNICODE)
_CHAR_NGRAMS = (3, 4, 5)


def _index(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_FEATURES


def hashed_features(text: str) -> dict[int, float]:
    """Sparse feature vector of `text`: sublinear term frequencies, L2-normalised.

    Word unigrams and bigrams (lower-cased) and character 3–5-grams inside word
    boundaries, as scikit-learn's `char_wb` analyser makes them.
    """
    words = _WORD.findall(text.lower())
    counts: dict[int, int] = {}
    for n, word in enumerate(words):
        unigram, *chars = _word_features(word)
        counts[unigram] = counts.get(unigram, 0) + 1
        if n:
            k = _index("b:" + words[n - 1] + " " + word)
            counts[k] = counts.get(k, 0) + 1
        for k in chars:
            counts[k] = counts.get(k, 0) + 1
    weights = {k: 1.0 + math.log(c) for k, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {k: v / norm for k, v in weights.items()}


@functools.lru_cache(maxsize=1 << 16)
def _word_features(word: str) -> tuple[int, ...]:
    """A word's unigram index, then its character n-grams' (in the order the trainer
    added them). Cached: news repeats its words, and hashing their n-grams was most of
    the cheap model's time (bench/bench_extract.py)."""
    padded = f" {word} "
    out = [_index("w:" + word)]
    for size in _CHAR_NGRAMS:
        for start in range(max(1, len(padded) - size + 1)):
            out.append(_index("c:" + padded[start : start + size]))
    return tuple(out)
