"""Loading and validating the knowledge folder as a whole.

Each file is checked field by field, then across files: codes unique over
states and organisations, agency and leader codes known, and no alias naming
two codes unless the `ambiguous:` allow-list of a file says which one wins.
Every problem is collected; one `KnowledgeError` lists them all.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from pathlib import Path
from typing import Any

from pactwatch.errors import KnowledgeError
from pactwatch.knowledge.actors import (
    parse_agencies,
    parse_igos,
    parse_media,
    parse_not_actors,
    parse_shared_organs,
    parse_states,
)
from pactwatch.knowledge.check import Ambiguity, Checker, Sourced
from pactwatch.knowledge.leaders import load_leaders
from pactwatch.knowledge.model import Alias, Knowledge, alias_key
from pactwatch.knowledge.yamlsrc import LineMap, load_yaml

DEFAULT_DIR = Path(__file__).parent
FILES = ("states.yaml", "igos.yaml", "agencies.yaml")


def load_knowledge(directory: Path | None = None) -> Knowledge:
    """The knowledge in `directory` (default: the package's own files, loaded once).

    Raises KnowledgeError listing every problem, each as `file:line: field: message`.
    """
    if directory is None:
        return _load_default()
    return _load(Path(directory))


@functools.cache
def _load_default() -> Knowledge:
    return _load(DEFAULT_DIR)


def _load(directory: Path) -> Knowledge:
    problems: list[str] = []
    docs: dict[str, Any] = {}
    for name in FILES:
        path = directory / name
        if not path.is_file():
            problems.append(f"{name}:1: file: missing from {directory}")
            docs[name] = None
        else:
            before = len(problems)
            docs[name] = load_yaml(path, problems)
            if docs[name] is None and len(problems) == before:
                problems.append(f"{name}:1: file: is empty")
    checks = {name: Checker(name, problems) for name in FILES}

    states, state_aliases = parse_states(checks["states.yaml"], docs["states.yaml"])
    igos, igo_aliases = parse_igos(checks["igos.yaml"], docs["igos.yaml"])
    for code in sorted(set(states) & set(igos)):
        problems.append(f"igos.yaml:1: igos[{code}].code: {code} is also a state code")
    codes = set(states) | set(igos)
    qids = {c: s.qid for c, s in states.items()} | {c: i.qid for c, i in igos.items()}
    agencies, nouns, agency_aliases = parse_agencies(
        checks["agencies.yaml"], docs["agencies.yaml"], qids
    )
    ambiguities: list[Ambiguity] = []
    for name in FILES:
        doc = docs[name]
        if isinstance(doc, LineMap):
            ambiguities += checks[name].ambiguities(doc, codes)
    actor_aliases = _resolve(state_aliases + igo_aliases + agency_aliases, ambiguities, problems)
    not_actors = _check_not_actors(
        parse_not_actors(checks["states.yaml"], docs["states.yaml"]), actor_aliases, problems
    )
    terms = load_leaders(directory / "leaders", codes, problems)
    if problems:
        raise KnowledgeError(sorted(problems, key=_position))
    return Knowledge(
        states=states,
        igos=igos,
        agencies=tuple(agencies),
        sector_nouns=nouns,
        person_terms=terms,
        actor_aliases=tuple(actor_aliases),
        not_actors=not_actors,
        media=parse_media(checks["agencies.yaml"], docs["agencies.yaml"]),
        shared_organs=parse_shared_organs(checks["agencies.yaml"], docs["agencies.yaml"]),
    )


def _check_not_actors(
    phrases: list[tuple[str, int]], aliases: list[Alias], problems: list[str]
) -> tuple[str, ...]:
    """Each phrase must contain an actor alias (else it blocks nothing) and not be one."""
    keys = {alias_key(a.text) for a in aliases}
    out: list[str] = []
    for text, line in phrases:
        words = alias_key(text).split(" ")
        inner = {
            " ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
        }
        if alias_key(text) in keys:
            problems.append(f"states.yaml:{line}: not_actors: {text!r} is itself an actor alias")
        elif not inner & keys:
            problems.append(
                f"states.yaml:{line}: not_actors: {text!r} contains no actor alias; drop it"
            )
        else:
            out.append(text)
    return tuple(dict.fromkeys(out))


def _resolve(
    sourced: list[Sourced], ambiguities: list[Ambiguity], problems: list[str]
) -> list[Alias]:
    """The aliases in file order, each ambiguity resolved; an unlisted one is a problem."""
    allowed: dict[str, Ambiguity] = {}
    for amb in ambiguities:
        if amb.key in allowed:
            earlier = allowed[amb.key]
            problems.append(
                f"{amb.file}:{amb.line}: ambiguous: {amb.text!r} already listed at "
                f"{earlier.file}:{earlier.line}"
            )
        else:
            allowed[amb.key] = amb
    by_key: dict[str, list[Sourced]] = defaultdict(list)
    for item in sourced:
        by_key[alias_key(item.alias.text)].append(item)
    dropped: set[int] = set()
    for key, items in by_key.items():
        codes = sorted({i.alias.code for i in items})
        if len(codes) < 2:
            continue
        chosen = allowed.get(key)
        if chosen is None:
            first = items[0]
            other = next(i for i in items if i.alias.code != first.alias.code)
            problems.append(
                f"{other.file}:{other.line}: {other.alias.kind} alias: {other.alias.text!r} "
                f"names {other.alias.code} here but {first.alias.code} at "
                f"{first.file}:{first.line}; remove one or list it under 'ambiguous:'"
            )
            continue
        if not set(codes) <= chosen.codes:
            problems.append(
                f"{chosen.file}:{chosen.line}: ambiguous.codes: {chosen.text!r} names "
                f"{', '.join(codes)}; list them all"
            )
        dropped |= {id(i) for i in items if i.alias.code != chosen.resolution}
    for key, amb in allowed.items():
        if len({i.alias.code for i in by_key.get(key, [])}) < 2:
            problems.append(
                f"{amb.file}:{amb.line}: ambiguous: {amb.text!r} is not ambiguous (any more); "
                "remove the entry"
            )
    seen: set[tuple[str, str, str]] = set()
    out: list[Alias] = []
    for item in sourced:
        a = item.alias
        if id(item) in dropped or (a.text, a.code, a.kind) in seen:
            continue
        seen.add((a.text, a.code, a.kind))
        out.append(a)
    return out


def _position(problem: str) -> tuple[int, str, int]:
    """Problems in reading order: by file (as FILES, then leaders), then line."""
    file, _, rest = problem.partition(":")
    line = rest.partition(":")[0]
    rank = FILES.index(file) if file in FILES else len(FILES)
    return rank, file, int(line) if line.isdigit() else 0
