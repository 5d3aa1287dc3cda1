"""Place: gazetteer names in a sentence (countries, ISO 3166-2 subdivisions, cities, sites).

A word-level trie over knowledge/places.yaml and pycountry, built once. Matching
is case-insensitive after the first word, which must be capitalised (so
"turkey" and "chad" are not places); the leftmost longest name wins and
matches never overlap. A name followed by "region"/"province"/"oblast"/… is
read as the subdivision ("the Osh region" is KG-O, bare "Osh" the city).
Regions spanning several states ("Central Asia", "South China Sea") are
matched but return nothing, so that "China" is not found inside them.

Demonyms are not places; which place is the event's location, and whether
"Washington" stands for the US government, is decided by later stages.
Inputs longer than `MAX_CHARS` are clipped (the function is called per sentence).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pactwatch.extract._gazetteer import (
    TYPE_WORDS,
    Gazetteer,
    Place,
    fold,
    load_gazetteer,
    name_key,
)
from pactwatch.records import Location

MAX_CHARS = 20_000

__all__ = ["MAX_CHARS", "PlaceMatch", "find_places", "place_for"]

_WORD = re.compile(r"[^\W_]+")
_START = re.compile(r"(?<![^\W_])[^\W\d_a-z]")  # a word starting with anything but a-z
_ABBREVIATION = re.compile(r"(?:[A-Z]\.?){2,4}")
# Words after which an abbreviation ("the US and", "the UK said") is still a noun.
_LINK_WORDS = frozenset(
    [
        "and",
        "or",
        "but",
        "nor",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "of",
        "from",
        "by",
        "as",
        "is",
        "was",
        "were",
        "are",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "said",
        "says",
        "say",
        "did",
        "does",
        "do",
        "that",
        "which",
        "who",
        "than",
        "then",
        "since",
        "after",
        "before",
        "into",
        "over",
        "under",
        "against",
        "about",
        "because",
        "while",
        "if",
        "also",
        "not",
    ]
)
_GAP = re.compile(r"[ \t\u00a0'’.\-–]{1,3}")  # what may stand between the words of one name


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    start: int  # offsets within the given text
    end: int
    location: Location


@functools.cache
def gazetteer() -> Gazetteer:
    """The validated gazetteer (raises KnowledgeError listing every problem in places.yaml)."""
    return load_gazetteer()


def find_places(text: str) -> list[PlaceMatch]:
    """Gazetteer places named in `text` (one sentence): leftmost longest, non-overlapping, in order."""
    if not text:
        return []
    return list(_find_places(text[:MAX_CHARS]))


@functools.lru_cache(maxsize=512)
def _find_places(text: str) -> tuple[PlaceMatch, ...]:
    """Cached: the pipeline asks once per event candidate, often for the same sentence."""
    gaz = gazetteer()
    out: list[PlaceMatch] = []
    pos = 0
    # Only capitalised words can start a name: the regex skips the rest without a Python loop.
    while (m := _START.search(text, pos)) is not None:
        start = m.start()
        if not text[start].isupper():
            pos = m.end()
            continue
        found = _longest(text, start, gaz)
        if found is None:
            word = _WORD.match(text, start)
            pos = word.end() if word else start + 1
            continue
        end, words, place = found
        after = _WORD.match(text, end + 1) if end < len(text) and text[end].isspace() else None
        if (
            after is not None
            and _fold(after.group()) in TYPE_WORDS
            and (typed := gaz.typed.get(words)) is not None
        ):
            place, end = typed, after.end()
        elif end + 1 < len(text) and text[end] in "-–" and text[end + 1].islower():
            place = None  # "US-drafted", "Moscow-led": a modifier, not a place
        elif (
            after is not None
            and _ABBREVIATION.fullmatch(text, start, end)
            and _fold(after.group()) not in _LINK_WORDS
        ):
            place = None  # "US troops", "UK officials": an adjective, like a demonym
        if place is not None:
            out.append(PlaceMatch(start, end, _location(text[start:end], place)))
        pos = end
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    return word.lower() if word.isascii() else fold(word)


def place_for(name: str) -> Location | None:
    """One name → its Location (case-insensitive; a leading "the" is ignored)."""
    gaz = gazetteer()
    key = name_key(name)
    words = key.split()
    if words and words[0] == "the":
        key = " ".join(words[1:])
    candidates = [key, f"the {key}"]
    place = next((p for k in candidates if (p := gaz.bare.get(k)) is not None), None)
    if len(words) > 1 and words[-1] in TYPE_WORDS:
        stem = " ".join(w for w in key.split()[:-1])
        place = gaz.typed.get(stem) or place
    if place is None:
        place = gaz.typed.get(key)
    return _location(name, place) if place is not None else None


def _longest(text: str, start: int, gaz: Gazetteer) -> tuple[int, str, Place | None] | None:
    """End offset, key and place of the longest name starting at `start`."""
    best: tuple[int, str, Place | None] | None = None
    key = ""
    pos = start
    for _ in range(gaz.max_words):
        word = _WORD.match(text, pos)
        if word is None:
            break
        key = f"{key} {_fold(word.group())}" if key else _fold(word.group())
        if key in gaz.bare:
            best = (word.end(), key, gaz.bare[key])
        if key not in gaz.prefixes:
            break
        gap = _GAP.match(text, word.end())
        if gap is None:
            break
        pos = gap.end()
    return best


def _location(text: str, place: Place) -> Location:
    return Location(
        text=text,
        country_code=place.country,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        resolution=place.resolution,
    )
