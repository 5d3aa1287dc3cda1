"""The gazetteer behind the place stage: knowledge/places.yaml plus pycountry, validated.

Every problem in places.yaml is collected and raised at once as a
`KnowledgeError`, each naming file, line and field. Names are compared by
`name_key` (accents, case, punctuation and spacing ignored), so "Issyk-Kul",
"Issyk Kul" and "ISSYK-KUL" are one name.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from pactwatch.errors import KnowledgeError
from pactwatch.knowledge.yamlsrc import LineMap, load_yaml

PLACES_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "places.yaml"

# Words that, after a name, make it a subdivision ("the Kursk region", "Donetsk Oblast").
# "state" and "district" are left out: "Moscow State University", "military district".
TYPE_WORDS = frozenset(
    {
        "region",
        "province",
        "oblast",
        "governorate",
        "krai",
        "kray",
        "voivodeship",
        "prefecture",
        "county",
        "emirate",
    }
)
_KINDS = {"subdivisions": ("subdivision", 2), "cities": ("city", 4), "sites": ("site", 5)}
_ENTRY_KEYS = {"name", "aliases", "country", "admin1", "lat", "lon", "resolution"}
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Place:
    kind: str  # country | subdivision | city | site
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    resolution: int


@dataclass(slots=True)
class Gazetteer:
    bare: dict[str, Place | None] = field(default_factory=dict)  # None: a region, no place
    typed: dict[str, Place] = field(default_factory=dict)  # only before a TYPE_WORD
    prefixes: set[str] = field(default_factory=set)
    max_words: int = 1


def fold(word: str) -> str:
    """Lower case without accents ("Köl" → "kol")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(name: str) -> str:
    return " ".join(fold(w) for w in _WORD.findall(name))


def load_gazetteer(path: Path = PLACES_FILE) -> Gazetteer:
    problems: list[str] = []
    doc = load_yaml(path, problems)
    if problems:
        raise KnowledgeError(problems)
    builder = _Builder(path.name, problems)
    if not isinstance(doc, LineMap):
        raise KnowledgeError([f"{path.name}:1: file: expected a mapping of sections"])
    for key in doc:
        if key not in ("countries", "regions", "not_places", "ambiguous", *_KINDS):
            problems.append(f"{path.name}:{doc.line_of(key)}: {key}: unknown section")
    builder.pycountry_countries()
    builder.countries(doc.get("countries") or [], doc.line_of("countries"))
    for section in ("regions", "not_places"):
        builder.regions(section, doc.get(section) or [], doc.line_of(section))
    for section in _KINDS:
        builder.places(section, doc.get(section) or [], doc.line_of(section))
    gazetteer = builder.resolve(doc.get("ambiguous") or [], doc.line_of("ambiguous"))
    if problems:
        raise KnowledgeError(problems)
    return gazetteer


class _Builder:
    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        self.candidates: dict[str, list[tuple[Place | None, int]]] = {}
        self.typed: dict[str, Place] = {}

    def problem(self, line: int, field_name: str, message: str) -> None:
        self.problems.append(f"{self.file}:{line}: {field_name}: {message}")

    def add(self, name: str, place: Place | None, line: int) -> None:
        key = name_key(name)
        if not key:
            self.problem(line, "name", f"{name!r} has no letters")
            return
        entries = self.candidates.setdefault(key, [])
        if all(p != place for p, _ in entries):
            entries.append((place, line))

    def pycountry_countries(self) -> None:
        for c in pycountry.countries:
            place = Place("country", c.alpha_3, None, None, None, 1)
            for name in (
                c.name,
                getattr(c, "common_name", None),
                getattr(c, "official_name", None),
            ):
                if name and "," not in name and "(" not in name:
                    self.add(_strip_the(name), place, 0)

    def countries(self, seq: Any, line: int) -> None:
        for item, item_line in _items(seq, line, self, "countries"):
            code, names = item.get("code"), item.get("names")
            if not _country_ok(code):
                self.problem(
                    item.line_of("code"), "code", f"{code!r} is not an ISO 3166-1 alpha-3 code"
                )
                continue
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                self.problem(item.line_of("names"), "names", "expected a list of names")
                continue
            for name in names:
                self.add(_strip_the(name), Place("country", code, None, None, None, 1), item_line)

    def regions(self, section: str, seq: Any, line: int) -> None:
        """Names that are matched but resolve to no place."""
        if not isinstance(seq, list):
            self.problem(line, section, "expected a list of names")
            return
        for i, name in enumerate(seq):
            item_line = seq.item_lines[i] if hasattr(seq, "item_lines") else line
            if isinstance(name, str):
                self.add(_strip_the(name), None, item_line)
            else:
                self.problem(item_line, section, f"{name!r} is not a name")

    def places(self, section: str, seq: Any, line: int) -> None:
        kind, default_resolution = _KINDS[section]
        for item, item_line in _items(seq, line, self, section):
            place = self._place(item, kind, default_resolution)
            if place is None:
                continue
            names = [item["name"], *(item.get("aliases") or [])]
            for name in names:
                self.add(name, place, item_line)
                if kind == "subdivision":
                    self.typed[name_key(name)] = place

    def _place(self, item: LineMap, kind: str, default_resolution: int) -> Place | None:
        before = len(self.problems)
        for key in item:
            if key not in _ENTRY_KEYS:
                self.problem(item.line_of(key), key, "unknown field")
        if not isinstance(item.get("name"), str):
            self.problem(item.line, "name", "every entry needs a name")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            self.problem(item.line_of("aliases"), "aliases", "expected a list of names")
        country, admin1 = item.get("country"), item.get("admin1")
        if country is not None and not _country_ok(country):
            self.problem(
                item.line_of("country"), "country", f"{country!r} is not an ISO 3166-1 alpha-3 code"
            )
        elif admin1 is not None:
            sub = _subdivisions().get(str(admin1))
            alpha2 = _alpha2(country)
            if sub is None:
                self.problem(
                    item.line_of("admin1"), "admin1", f"{admin1!r} is not an ISO 3166-2 code"
                )
            elif sub != alpha2:
                self.problem(
                    item.line_of("admin1"), "admin1", f"{admin1} is not a subdivision of {country}"
                )
        lat, lon = item.get("lat"), item.get("lon")
        needs_point = kind == "city"
        for name, value, limit in (("lat", lat, 90), ("lon", lon, 180)):
            if value is None and not needs_point:
                continue
            if not isinstance(value, int | float) or isinstance(value, bool) or abs(value) > limit:
                self.problem(item.line_of(name), name, f"{value!r} is not a number within ±{limit}")
        resolution = item.get("resolution", default_resolution)
        if resolution not in (1, 2, 3, 4, 5):
            self.problem(item.line_of("resolution"), "resolution", f"{resolution!r} is not 1..5")
        if len(self.problems) > before:
            return None
        return Place(kind, country, admin1, _round(lat), _round(lon), int(resolution))

    def resolve(self, seq: Any, line: int) -> Gazetteer:
        chosen: dict[str, tuple[str, str | None, int]] = {}
        for item, item_line in _items(seq, line, self, "ambiguous"):
            name, kind, country = item.get("name"), item.get("kind"), item.get("country")
            if not isinstance(name, str) or kind not in ("country", "subdivision", "city", "site"):
                self.problem(
                    item_line,
                    "ambiguous",
                    "each entry needs name and kind (country|subdivision|city|site)",
                )
                continue
            chosen[name_key(name)] = (kind, country, item_line)
        gazetteer = Gazetteer(typed=dict(self.typed))
        for key, entries in self.candidates.items():
            gazetteer.bare[key] = self._choose(key, entries, chosen.pop(key, None))
        for key, (_kind, _country, item_line) in chosen.items():
            self.problem(item_line, "ambiguous", f"{key!r} names no place in this file")
        self._pycountry_subdivisions(gazetteer)
        for key in gazetteer.bare:
            words = key.split()
            gazetteer.max_words = max(gazetteer.max_words, len(words))
            gazetteer.prefixes.update(" ".join(words[:n]) for n in range(1, len(words)))
        return gazetteer

    def _choose(
        self,
        key: str,
        entries: list[tuple[Place | None, int]],
        choice: tuple[str, str | None, int] | None,
    ) -> Place | None:
        if len(entries) == 1:
            if choice is not None:
                self.problem(
                    choice[2],
                    "ambiguous",
                    f"{key!r} names only one place: remove it from ambiguous",
                )
            return entries[0][0]
        lines = ", ".join(str(line) for _, line in entries if line)
        if any(p is None for p, _ in entries):
            self.problem(
                entries[-1][1], "name", f"{key!r} is both a region and a place (lines {lines})"
            )
            return None
        if choice is None:
            self.problem(
                entries[-1][1],
                "name",
                f"{key!r} names {len(entries)} places (lines {lines}): list it under ambiguous",
            )
            return entries[0][0]
        kind, country, item_line = choice
        for place, _ in entries:
            if place is not None and place.kind == kind and place.country == country:
                return place
        self.problem(item_line, "ambiguous", f"no {kind} {country} is named {key!r}")
        return entries[0][0]

    def _pycountry_subdivisions(self, gazetteer: Gazetteer) -> None:
        """ISO names as a fallback: bare when the name ends in a type word, else only before one."""
        seen: dict[str, Place | None] = {}
        for sub in pycountry.subdivisions:
            country = pycountry.countries.get(alpha_2=sub.country_code)
            if country is None:
                continue
            key = name_key(re.sub(r"\[.*?\]", "", sub.name))
            place = Place("subdivision", country.alpha_3, sub.code, None, None, 2)
            seen[key] = None if key in seen else place  # a name two subdivisions share is left out
        for key, maybe in seen.items():
            if maybe is None or key in gazetteer.bare or key in gazetteer.typed:
                continue
            gazetteer.typed[key] = maybe
            if key.rsplit(" ", 1)[-1] in TYPE_WORDS:
                gazetteer.bare[key] = maybe


def _items(seq: Any, line: int, builder: _Builder, section: str) -> Iterable[tuple[LineMap, int]]:
    if not isinstance(seq, list):
        builder.problem(line, section, "expected a list")
        return
    for i, item in enumerate(seq):
        item_line = seq.item_lines[i] if hasattr(seq, "item_lines") else line
        if isinstance(item, LineMap):
            yield item, item_line
        else:
            builder.problem(item_line, section, "expected a mapping")


@functools.cache
def _subdivisions() -> dict[str, str]:
    """ISO 3166-2 code → alpha-2 code of its country."""
    return {sub.code: sub.country_code for sub in pycountry.subdivisions}


def _alpha2(alpha3: object) -> str | None:
    country = pycountry.countries.get(alpha_3=alpha3) if isinstance(alpha3, str) else None
    return country.alpha_2 if country is not None else None


def _country_ok(code: object) -> bool:
    return isinstance(code, str) and pycountry.countries.get(alpha_3=code) is not None


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _round(value: object) -> float | None:
    return round(float(value), 2) if isinstance(value, int | float) else None
