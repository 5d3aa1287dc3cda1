"""Field-by-field checks that collect every problem as `file:line: field: message`.

Hand-written rather than pydantic so that a problem names the YAML line of the
very field it is about, and so that one bad entry never hides the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pactwatch.knowledge.model import Alias, Named, alias_key
from pactwatch.knowledge.yamlsrc import LineMap, LineSeq, items
from pactwatch.records import SECTORS

STATE_CODE = re.compile(r"[A-Z]{3}")
# organisation acronyms: NATO, EU, G7, G20, G5S; letters first, at most 8
IGO_CODE = re.compile(r"[A-Z][A-Z0-9]{1,7}")
QID = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True, slots=True)
class Sourced:
    """An alias with the place it was written, for collision reports."""

    alias: Alias
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """An allow-listed alias that names several codes, and the code it resolves to."""

    key: str
    text: str
    codes: frozenset[str]
    resolution: str
    file: str
    line: int


class Checker:
    """Collects problems for one file."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems

    def add(self, line: int, field: str, message: str) -> None:
        self.problems.append(f"{self.file}:{line}: {field}: {message}")

    def mapping(self, value: Any, line: int, field: str) -> LineMap | None:
        if isinstance(value, LineMap):
            return value
        self.add(line, field, f"expected a mapping, got {_shown(value)}")
        return None

    def seq(self, value: Any, line: int, field: str) -> LineSeq | None:
        if isinstance(value, LineSeq):
            return value
        self.add(line, field, f"expected a list, got {_shown(value)}")
        return None

    def fields(
        self, entry: LineMap, where: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> None:
        required = tuple(required)
        known = set(required) | set(optional)
        for key in required:
            if key not in entry:
                self.add(entry.line, f"{where}.{key}", "missing")
        for key in entry:
            if key not in known:
                self.add(
                    entry.line_of(key), f"{where}.{key}", f"unknown field (known: {sorted(known)})"
                )

    def text(
        self,
        entry: LineMap,
        key: str,
        where: str,
        *,
        pattern: re.Pattern[str] | None = None,
        choices: Iterable[str] | None = None,
        nullable: bool = False,
    ) -> str | None:
        """entry[key] as a non-empty string, checked; None (and a problem) when bad."""
        if key not in entry:
            return None
        value = entry[key]
        line = entry.line_of(key)
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value.strip():
            self.add(line, f"{where}.{key}", f"expected non-empty text, got {_shown(value)}")
            return None
        if value != value.strip():
            self.add(line, f"{where}.{key}", f"leading or trailing space in {value!r}")
        if pattern is not None and not pattern.fullmatch(value):
            self.add(line, f"{where}.{key}", f"{value!r} does not match {pattern.pattern}")
            return None
        if choices is not None:
            allowed = tuple(choices)
            if value not in allowed:
                self.add(line, f"{where}.{key}", f"{value!r} is not one of {', '.join(allowed)}")
                return None
        return value

    def sector(self, entry: LineMap, key: str, where: str) -> str | None:
        return self.text(entry, key, where, choices=SECTORS)

    def qid(self, entry: LineMap, where: str) -> str | None:
        return self.text(entry, "qid", where, pattern=QID, nullable=True)

    def texts(self, entry: LineMap, key: str, where: str) -> list[tuple[str, int]]:
        """A list of strings with their lines; bad items reported and dropped."""
        if key not in entry or entry[key] is None:
            return []
        seq = self.seq(entry[key], entry.line_of(key), f"{where}.{key}")
        if seq is None:
            return []
        out: list[tuple[str, int]] = []
        for i, item, line in items(seq):
            if not isinstance(item, str) or not item.strip() or item != item.strip():
                self.add(line, f"{where}.{key}[{i}]", f"expected trimmed text, got {_shown(item)}")
                continue
            out.append((item, line))
        return out

    def named(
        self, entry: LineMap, key: str, where: str, *, default_sector: str | None = None
    ) -> list[tuple[Named, int]]:
        """A list of `{text, sector}` (or bare strings when a default sector applies)."""
        if key not in entry or entry[key] is None:
            return []
        seq = self.seq(entry[key], entry.line_of(key), f"{where}.{key}")
        if seq is None:
            return []
        out: list[tuple[Named, int]] = []
        for i, item, line in items(seq):
            field = f"{where}.{key}[{i}]"
            if isinstance(item, str) and default_sector is not None and item.strip() == item:
                out.append((Named(item, default_sector), line))
                continue
            m = self.mapping(item, line, field)
            if m is None:
                continue
            self.fields(m, field, ("text", "sector"))
            text, sector = self.text(m, "text", field), self.sector(m, "sector", field)
            if text is not None and sector is not None:
                out.append((Named(text, sector), line))
        return out

    def ambiguities(self, doc: LineMap, codes: set[str]) -> list[Ambiguity]:
        """The file's `ambiguous:` allow-list."""
        out: list[Ambiguity] = []
        if doc.get("ambiguous") is None:
            return out
        seq = self.seq(doc["ambiguous"], doc.line_of("ambiguous"), "ambiguous")
        for i, item, line in items(seq):
            field = f"ambiguous[{i}]"
            m = self.mapping(item, line, field)
            if m is None:
                continue
            self.fields(m, field, ("text", "codes", "resolution", "why"))
            text = self.text(m, "text", field)
            self.text(m, "why", field)
            resolution = self.text(m, "resolution", field)
            listed = {c for c, _ in self.texts(m, "codes", field)}
            for code in sorted(listed - codes):
                self.add(m.line_of("codes"), f"{field}.codes", f"unknown code {code!r}")
            if len(listed) < 2:
                self.add(m.line_of("codes"), f"{field}.codes", "list at least two codes")
            if resolution is not None and resolution not in listed:
                self.add(m.line_of("resolution"), f"{field}.resolution", "must be one of the codes")
            if text is not None and resolution is not None:
                out.append(
                    Ambiguity(
                        alias_key(text), text, frozenset(listed), resolution, self.file, m.line
                    )
                )
        return out


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, LineMap):
        return "a mapping"
    if isinstance(value, LineSeq):
        return "a list"
    return f"{type(value).__name__} {value!r}"
