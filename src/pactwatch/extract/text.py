"""Text stage: cut a document into parseable segments, and sentences with offsets.

Offsets are Python `str` indices into the document text exactly as given; no
normalisation here or later shifts them. Segments keep the parser's input
bounded: a 5 MB single line is cut at whitespace into pieces of at most
`MAX_SEGMENT` characters, so time and memory grow linearly with the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_SEGMENT = 5_000
# lines that are page furniture rather than article text (scraped pages keep them)
_BOILERPLATE = re.compile(
    r"^\s*(subscribe\b|follow us\b|share\b|views?:|read more\b|advertisement\b|comments?\b|"
    r"sign up\b|cookies?\b|all rights reserved\b|copyright\b|©|dear readers?\b|related\b|tags?:|photo:)",
    re.IGNORECASE,
)
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\S)")


# a wire dateline: "BISHKEK, Oct 10 -", "MONS, Belgium, Jan 19 -", "ALMATY/MOSCOW, Jan 7 -"
DATELINE = re.compile(
    r"^[A-Z][A-Z'.\-]+(?:[ /][A-Z][A-Z'.\-]+)*(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z ]+\)\s*)?[-\u2013\u2014]+\s"
)


def dateline_end(text: str) -> int:
    """Where a wire dateline at the start of `text` ends (0 when there is none).

    A dateline names where the report was filed, not who acted: "MINSK, Feb 21 -"
    is not Belarus's government doing anything.
    """
    match = DATELINE.match(text)
    return match.end() if match else 0


def headline_end(text: str) -> int:
    """Where a headline at the start of `text` ends (0 when there is none): a first line
    of under 200 characters with no closing punctuation, with more text below it
    ("Yerevan summit exposes a bloc at odds with its host")."""
    end = text.find("\n")
    headline = text[:end].strip() if end > 0 else ""
    if not headline or len(headline) > 200 or ends_sentence(headline):
        return 0
    return end


def ends_sentence(line: str) -> bool:
    """Whether a line ends as a sentence does: with a stop, before any closing quote marks
    ("... over 'terrorism'" is a headline's quotation, "... 'we will not go.'" a sentence)."""
    closing = line.rstrip().rstrip("\"'”’")
    return bool(closing) and closing[-1] in ".!?"


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # offset of the segment in the document
    text: str


def _split_long(text: str, start: int) -> Iterator[Segment]:
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + MAX_SEGMENT)
        if end < len(text):
            cut = text.rfind(". ", pos + MAX_SEGMENT // 2, end)
            if cut < 0:
                cut = text.rfind(" ", pos + MAX_SEGMENT // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield Segment(start + pos, text[pos:end])
        pos = end


def segments(text: str) -> Iterator[Segment]:
    """Paragraph-sized pieces of `text` worth parsing, with their offsets."""
    pos = 0
    for match in [*_PARAGRAPH.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[pos:end]
        stripped = piece.strip()
        if stripped and not _BOILERPLATE.match(stripped) and any(c.isalpha() for c in stripped):
            lead = len(piece) - len(piece.lstrip())
            body = piece.strip()
            # a wire dateline is parsed apart: the parser reads "MINSK, Sept 12 (wire) -
            # Russia and Belarus on Friday began ..." with the city and the date for
            # subjects and the real subject hung on them, and the lead loses its doer
            filed = dateline_end(body)
            if 0 < filed < len(body):
                yield Segment(pos + lead, body[:filed])
                yield from _split_long(body[filed:], pos + lead + filed)
            else:
                yield from _split_long(body, pos + lead)
        if match:
            pos = match.end()


def span_distance(start: int, end: int, offset: int) -> int:
    """Characters from `offset` to the span [start, end); 0 inside it."""
    if start <= offset < end:
        return 0
    return min(abs(start - offset), abs(end - offset))
