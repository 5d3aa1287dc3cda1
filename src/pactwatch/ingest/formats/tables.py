"""The mapping tables importers use, read from data/ and validated once (origins: data/NOTICE.md).

Every problem is reported with its file and line (KnowledgeError), never a
half-loaded table: a broken table stops `import` before any row is read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pycountry

from pactwatch.errors import KnowledgeError
from pactwatch.records import EVENT_TYPES, KINDS, SECTORS

# user-assigned codes in use where ISO 3166-1 has none
EXTRA_ISO3 = frozenset({"XKX"})
_CAMEO_LINE = re.compile(r"^(\d{2,4})\s*:\s*([^#]*?)\s*(?:#\s*(.*))?$")


@dataclass(frozen=True, slots=True)
class Plover:
    """What one CAMEO (or ACLED, UCDP) code maps to."""

    event: str
    mode: str  # "" when none
    contexts: tuple[str, ...]
    note: str = ""  # the code's name in the source table


@dataclass(frozen=True, slots=True)
class Tables:
    cameo: dict[str, Plover]  # CAMEO event code -> PLOVER
    modes: dict[str, frozenset[str]]  # event type -> the modes the spec names
    contexts: frozenset[str]
    kinds: dict[str, str]  # CAMEO code -> kind
    cameo_countries: dict[str, str | None]  # non-ISO CAMEO country codes -> ISO3 or None
    groups: dict[str, str]  # CAMEO known-group code -> organisation code
    types: dict[str, str]  # CAMEO actor type -> sector
    fips: dict[str, str]  # FIPS 10-4 -> ISO3
    icews_sectors: tuple[tuple[str, str], ...]  # (ICEWS sector, PLOVER sector), in priority
    acled: dict[str, Plover | None]  # sub_event_type -> PLOVER (None: no PLOVER type)
    acled_kinds: dict[str, str]
    acled_inter: dict[str, str]
    ucdp: dict[str, Plover]
    ucdp_kinds: dict[str, str]
    terms: dict[str, str]  # dataset -> terms
    restrictive: frozenset[str]  # datasets whose terms restrict redistribution


def data_dir() -> Path:
    return Path(str(resources.files("pactwatch.ingest.formats").joinpath("data")))


def is_iso3(code: str) -> bool:
    return code in EXTRA_ISO3 or pycountry.countries.get(alpha_3=code) is not None


def _rows(path: Path, columns: int, problems: list[str]) -> list[tuple[int, list[str]]]:
    """The data lines of a TSV (after its header; `#` lines are comments), with line numbers."""
    out: list[tuple[int, list[str]]] = []
    header = True
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        cells = line.split("\t")
        if len(cells) < columns:
            cells += [""] * (columns - len(cells))
        if len(cells) != columns:
            problems.append(f"{path.name}:{number}: {len(cells)} columns, expected {columns}")
            continue
        out.append((number, [c.strip() for c in cells]))
    return out


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def _cameo_table(path: Path, problems: list[str]) -> dict[str, Plover]:
    table: dict[str, Plover] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith(("#", "~")):
            continue
        m = _CAMEO_LINE.match(line.strip())
        if m is None:
            problems.append(f"{path.name}:{number}: not 'CODE: EVENT, mode, context # name'")
            continue
        code, body, note = m.group(1), m.group(2), (m.group(3) or "").strip()
        parts = [p.strip() for p in body.split(",")] + ["", ""]
        event = parts[0].upper()
        if event not in EVENT_TYPES:
            problems.append(f"{path.name}:{number}: {event!r} is not a PLOVER event type")
            continue
        # the first line of a code wins: the table repeats 175 and heads section 08 twice
        table.setdefault(code, Plover(event, parts[1], _split(parts[2]), note))
    return table


def _plover(
    name: str, number: int, event: str, mode: str, context: str, kind: str,
    vocab: tuple[dict[str, frozenset[str]], frozenset[str]], problems: list[str],
) -> Plover | None:  # fmt: skip
    modes, contexts = vocab
    if event not in EVENT_TYPES:
        problems.append(f"{name}:{number}: {event!r} is not a PLOVER event type")
        return None
    if mode and mode not in modes[event]:
        problems.append(f"{name}:{number}: mode {mode!r} is not one of {event}'s modes")
    for c in _split(context):
        if c not in contexts:
            problems.append(f"{name}:{number}: context {c!r} is not in plover_vocab.tsv")
    if kind and kind not in KINDS:
        problems.append(f"{name}:{number}: kind {kind!r} is not one of {', '.join(KINDS)}")
    return Plover(event, mode, _split(context))


def load_tables(folder: Path | None = None) -> Tables:
    """Read and validate every table in `folder` (default: the shipped data/)."""
    d = folder or data_dir()
    problems: list[str] = []
    cameo = _cameo_table(d / "CAMEO2PLOVER-2021.txt", problems)
    modes: dict[str, frozenset[str]] = {}
    contexts: frozenset[str] = frozenset()
    for number, (event, values) in _rows(d / "plover_vocab.tsv", 2, problems):
        if event == "@context":
            contexts = frozenset(_split(values.replace(",", ";")))
        elif event in EVENT_TYPES:
            modes[event] = frozenset(_split(values.replace(",", ";")))
        else:
            problems.append(f"plover_vocab.tsv:{number}: {event!r} is not a PLOVER event type")
    for event in EVENT_TYPES:
        modes.setdefault(event, frozenset())
    vocab = (modes, contexts)
    kinds: dict[str, str] = {}
    for number, (code, kind, _note) in _rows(d / "cameo_kind.tsv", 3, problems):
        if code not in cameo:
            problems.append(f"cameo_kind.tsv:{number}: {code!r} is not in the CAMEO table")
        if kind not in KINDS:
            problems.append(f"cameo_kind.tsv:{number}: {kind!r} is not a kind")
        kinds[code] = kind
    countries: dict[str, str | None] = {}
    for number, (code, iso, _name) in _rows(d / "cameo_countries.tsv", 3, problems):
        if iso != "-" and not is_iso3(iso):
            problems.append(f"cameo_countries.tsv:{number}: {iso!r} is not an ISO alpha-3 code")
        countries[code] = None if iso == "-" else iso
    groups = {c: g for _n, (c, g, _name) in _rows(d / "cameo_groups.tsv", 3, problems)}
    types: dict[str, str] = {}
    for number, (code, sector, _name) in _rows(d / "cameo_types.tsv", 3, problems):
        if sector not in SECTORS:
            problems.append(f"cameo_types.tsv:{number}: {sector!r} is not a PLOVER sector")
        types[code] = sector
    fips: dict[str, str] = {}
    for number, (code, iso) in _rows(d / "fips_iso3.tsv", 2, problems):
        if len(code) != 2 or code in fips:
            problems.append(f"fips_iso3.tsv:{number}: {code!r} is not a new two-letter code")
        if not is_iso3(iso):
            problems.append(f"fips_iso3.tsv:{number}: {iso!r} is not an ISO alpha-3 code")
        fips[code] = iso
    icews: list[tuple[str, str]] = []
    for number, (name, sector) in _rows(d / "icews_sectors.tsv", 2, problems):
        if sector not in SECTORS:
            problems.append(f"icews_sectors.tsv:{number}: {sector!r} is not a PLOVER sector")
        icews.append((name, sector))
    acled: dict[str, Plover | None] = {}
    acled_kinds: dict[str, str] = {}
    for number, (sub, event, mode, ctx, kind) in _rows(d / "acled_plover.tsv", 5, problems):
        acled[sub] = (
            None
            if event == "-"
            else _plover("acled_plover.tsv", number, event, mode, ctx, kind, vocab, problems)
        )
        if kind:
            acled_kinds[sub] = kind
    inter: dict[str, str] = {}
    for number, (code, sector, label) in _rows(d / "acled_inter.tsv", 3, problems):
        if sector not in SECTORS:
            problems.append(f"acled_inter.tsv:{number}: {sector!r} is not a PLOVER sector")
        inter[code] = inter[label.lower()] = sector
    ucdp: dict[str, Plover] = {}
    ucdp_kinds: dict[str, str] = {}
    for number, (code, event, mode, ctx, kind, _l) in _rows(d / "ucdp_plover.tsv", 6, problems):
        p = _plover("ucdp_plover.tsv", number, event, mode, ctx, kind, vocab, problems)
        if p is not None:
            ucdp[code] = p
        if kind:
            ucdp_kinds[code] = kind
    terms: dict[str, str] = {}
    restrictive: set[str] = set()
    for number, (dataset, flag, text) in _rows(d / "datasets.tsv", 3, problems):
        if flag not in ("yes", "no") or not text:
            problems.append(f"datasets.tsv:{number}: give restrictive as yes or no, and terms")
        terms[dataset] = text
        if flag == "yes":
            restrictive.add(dataset)
    if problems:
        raise KnowledgeError(problems)
    return Tables(
        cameo, modes, contexts, kinds, countries, groups, types, fips, tuple(icews),
        acled, acled_kinds, inter, ucdp, ucdp_kinds, terms, frozenset(restrictive),
    )  # fmt: skip


@functools.cache
def tables() -> Tables:
    """The shipped tables, loaded once per process."""
    return load_tables()


def cameo_lookup(code: str) -> tuple[str, Plover] | None:
    """The table's line for a CAMEO code: the code itself, else its base, else its root."""
    table = tables().cameo
    for n in (len(code), 3, 2):
        key = code[:n]
        if len(key) >= 2 and key in table:
            return key, table[key]
    return None


def unmapped_cameo(code: str) -> str:
    """Why a CAMEO code has no record: PLOVER has no type for roots 01 and 02, or it is unknown."""
    if code[:2] in ("01", "02"):
        return (
            f"CAMEO {code}: roots 01 (public statement) and 02 (appeal) have no PLOVER event "
            "type (CAMEO2PLOVER-2021 leaves them out)"
        )
    return f"CAMEO code {code!r} is not in CAMEO2PLOVER-2021"
