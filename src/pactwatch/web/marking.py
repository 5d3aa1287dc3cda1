"""Marking text for a reader: the trigger of a record, the words a search asked for.

The search (`web.search`) matches stemmed words ("clashes" finds "clash"); marking
approximates that without a stemmer: a word of the text is a hit when it is the
searched word less a common English ending ("clash" for "clashes", "exercis" for
"exercise") and at most four letters more, and a phrase when its words follow
each other; words of one or two letters only as they are. Marks
are added to runs of text escaped first, so nothing in the text can become markup;
where a hit and the trigger overlap, the marks nest.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# endings dropped from a searched word before it is looked for as a prefix; the shortest
# stem kept is 3 letters ("ties" stays "ties")
_ENDINGS = ("ing", "ies", "ied", "es", "ed", "s", "e", "y")
_MIN_STEM = 3


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def _word(word: str) -> str:
    if len(word) < _MIN_STEM:
        return re.escape(word) + r"\b"  # "un", "b": the word itself, not every word it begins
    # the stem and an ending of a few letters: "clash" finds "clashes", "war" not "warrant"
    return re.escape(_stem(word)) + r"\w{0,4}\b"


def pattern(parsed: list[list[str]]) -> re.Pattern[str] | None:
    """A pattern finding the search's terms (as `search.terms` gives them) in text."""
    if not parsed:
        return None
    alternatives = [
        r"\W+".join(_word(word) for word in words)
        for words in sorted(parsed, key=len, reverse=True)  # phrases before their words
    ]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


def hits(text: str, found: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """Where the search's terms are in `text`: (start, end) spans."""
    if found is None:
        return []
    return [m.span() for m in found.finditer(text) if m.end() > m.start()]


# marks nest in this order, outermost first: a searched word inside a record's trigger
NESTING = ("trigger", "hit")


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:  # overlapping or meeting: one mark
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def render(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """`text` escaped, each (start, end, class) span in <mark class="...">: spans of one
    class that overlap or meet are one mark; other classes nest inside (NESTING order)."""
    classes = sorted(
        {c for _, _, c in spans},
        key=lambda c: (c not in NESTING, NESTING.index(c) if c in NESTING else 0, c),
    )

    def level(lo: int, hi: int, depth: int) -> str:
        if depth == len(classes):
            return str(escape(text[lo:hi]))
        name = classes[depth]
        inside = _merged(
            [(max(s, lo), min(e, hi)) for s, e, c in spans if c == name and min(e, hi) > max(s, lo)]
        )
        out, pos = [], lo
        for start, end in inside:
            out.append(level(pos, start, depth + 1))
            out.append(f'<mark class="{escape(name)}">{level(start, end, depth + 1)}</mark>')
            pos = end
        out.append(level(pos, hi, depth + 1))
        return "".join(out)

    return Markup(level(0, len(text), 0))


def snippet(text: str, found: re.Pattern[str] | None, width: int = 90) -> Markup | None:
    """The first hit in `text` with `width` characters either side, words whole, hits
    marked; None when there is none."""
    spans = hits(text, found)
    if not spans:
        return None
    first = spans[0]
    lo, hi = max(0, first[0] - width), min(len(text), first[1] + width)
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    piece = " ".join(text[lo:hi].split())
    marked = render(piece, [(s, e, "hit") for s, e in hits(piece, found)])
    return Markup(f"{'… ' if lo > 0 else ''}{marked}{' …' if hi < len(text) else ''}")


__all__ = ["hits", "pattern", "render", "snippet"]
