"""Reading states.yaml, igos.yaml and agencies.yaml into records, checking every field."""

from __future__ import annotations

from typing import Any

from pactwatch.knowledge.check import IGO_CODE, STATE_CODE, Checker, Sourced
from pactwatch.knowledge.model import Agency, Alias, Igo, State
from pactwatch.knowledge.yamlsrc import LineMap, items
from pactwatch.records import NON_STATE

# the sectors of an armed group or movement of no one state (code NSA in agencies.yaml)
NON_STATE_SECTORS = frozenset({"REB", "OPP"})


def _entries(check: Checker, doc: Any, key: str) -> list[tuple[LineMap, int]]:
    """The mappings in the top-level list `key` of a file."""
    if doc is None:  # missing, empty or unparseable: load.py has said so already
        return []
    top = check.mapping(doc, 1, "file")
    if top is None:
        return []
    if key not in top:
        check.add(top.line, key, "missing")
        return []
    seq = check.seq(top[key], top.line_of(key), key)
    out: list[tuple[LineMap, int]] = []
    for i, item, line in items(seq):
        entry = check.mapping(item, line, f"{key}[{i}]")
        if entry is not None:
            out.append((entry, i))
    return out


def _top_fields(check: Checker, doc: Any, allowed: tuple[str, ...]) -> None:
    if isinstance(doc, LineMap):
        for key in doc:
            if key not in allowed:
                check.add(doc.line_of(key), key, f"unknown top-level key (known: {list(allowed)})")


def parse_states(check: Checker, doc: Any) -> tuple[dict[str, State], list[Sourced]]:
    _top_fields(check, doc, ("states", "ambiguous", "not_actors"))
    states: dict[str, State] = {}
    aliases: list[Sourced] = []
    for entry, i in _entries(check, doc, "states"):
        code = check.text(entry, "code", f"states[{i}]", pattern=STATE_CODE)
        where = f"states[{code or i}]"
        check.fields(
            entry, where, ("code", "name", "qid", "names"), ("demonyms", "metonyms", "note")
        )
        name = check.text(entry, "name", where)
        qid = check.qid(entry, where)
        note = check.text(entry, "note", where)
        names = check.texts(entry, "names", where)
        demonyms = check.texts(entry, "demonyms", where)
        metonyms = check.named(entry, "metonyms", where)
        if code is None or name is None:
            continue
        if code in states:
            check.add(entry.line_of("code"), f"{where}.code", "code given twice")
            continue
        all_names = _unique([(name, entry.line_of("name")), *names])
        states[code] = State(
            code,
            name,
            qid,
            tuple(t for t, _ in all_names),
            tuple(t for t, _ in _unique(demonyms)),
            tuple(n for n, _ in metonyms),
            note,
        )
        aliases += [
            Sourced(Alias(t, code, None, qid, "state"), check.file, ln) for t, ln in all_names
        ]
        aliases += [
            Sourced(Alias(t, code, None, qid, "demonym"), check.file, ln)
            for t, ln in _unique(demonyms)
        ]
        aliases += [
            Sourced(Alias(n.text, code, n.sector, qid, "metonym"), check.file, ln)
            for n, ln in metonyms
        ]
    return states, aliases


def parse_not_actors(check: Checker, doc: Any) -> list[tuple[str, int]]:
    """Phrases that contain an actor's alias but name no actor ("Latin America")."""
    if not isinstance(doc, LineMap):
        return []
    return check.texts(doc, "not_actors", "not_actors")


def parse_igos(check: Checker, doc: Any) -> tuple[dict[str, Igo], list[Sourced]]:
    _top_fields(check, doc, ("igos", "ambiguous"))
    igos: dict[str, Igo] = {}
    aliases: list[Sourced] = []
    for entry, i in _entries(check, doc, "igos"):
        code = check.text(entry, "code", f"igos[{i}]", pattern=IGO_CODE)
        where = f"igos[{code or i}]"
        check.fields(entry, where, ("code", "name", "qid", "names"), ("metonyms", "bodies", "note"))
        name = check.text(entry, "name", where)
        qid = check.qid(entry, where)
        note = check.text(entry, "note", where)
        names = check.texts(entry, "names", where)
        metonyms = check.named(entry, "metonyms", where)
        bodies = check.named(entry, "bodies", where, default_sector="IGO")
        if code is None or name is None:
            continue
        if code in igos:
            check.add(entry.line_of("code"), f"{where}.code", "code given twice")
            continue
        all_names = _unique([(name, entry.line_of("name")), *names])
        igos[code] = Igo(
            code,
            name,
            qid,
            tuple(t for t, _ in all_names),
            tuple(n for n, _ in metonyms),
            tuple(n for n, _ in bodies),
            note,
        )
        aliases += [
            Sourced(Alias(t, code, "IGO", qid, "igo"), check.file, ln) for t, ln in all_names
        ]
        aliases += [
            Sourced(Alias(n.text, code, n.sector, qid, "metonym"), check.file, ln)
            for n, ln in metonyms
        ]
        aliases += [
            Sourced(Alias(n.text, code, n.sector, qid, "igo"), check.file, ln) for n, ln in bodies
        ]
    return igos, aliases


def parse_media(check: Checker, doc: Any) -> frozenset[str]:
    """News outlets and the words that end an outlet's name, lower-cased."""
    return frozenset(t.lower() for t, _ in check.texts(doc, "media", "media"))


def parse_shared_organs(check: Checker, doc: Any) -> frozenset[str]:
    """Organ names that states and organisations share ("Security Council"), lower-cased."""
    return frozenset(t.lower() for t, _ in check.texts(doc, "shared_organs", "shared_organs"))


def parse_agencies(
    check: Checker, doc: Any, actor_qids: dict[str, str | None]
) -> tuple[list[Agency], dict[str, str], list[Sourced]]:
    """Named agencies (whose `code` must be a known state or igo, or NSA for an armed
    group of no state) and the sector nouns.

    An agency's aliases carry the qid of the state it belongs to, like metonyms
    do: the alias names that actor. The agency's own qid stays on `Agency.qid`.
    """
    _top_fields(check, doc, ("agencies", "sector_nouns", "ambiguous", "media", "shared_organs"))
    agencies: list[Agency] = []
    aliases: list[Sourced] = []
    for entry, i in _entries(check, doc, "agencies"):
        name = check.text(entry, "name", f"agencies[{i}]")
        where = f"agencies[{name or i}]"
        check.fields(entry, where, ("code", "sector", "name", "names"), ("qid", "note"))
        code = check.text(entry, "code", where)
        if code is not None and code != NON_STATE and code not in actor_qids:
            check.add(entry.line_of("code"), f"{where}.code", f"unknown state or igo {code!r}")
            code = None
        sector = check.sector(entry, "sector", where)
        if code == NON_STATE and sector is not None and sector not in NON_STATE_SECTORS:
            check.add(
                entry.line_of("sector"),
                f"{where}.sector",
                f"a group of no state (code {NON_STATE}) has sector "
                f"{' or '.join(sorted(NON_STATE_SECTORS))}, not {sector}",
            )
            sector = None
        qid = check.qid(entry, where)
        note = check.text(entry, "note", where)
        if code is None or sector is None or name is None:
            continue
        names = _unique([(name, entry.line_of("name")), *check.texts(entry, "names", where)])
        agencies.append(Agency(code, sector, name, tuple(t for t, _ in names), qid, note))
        # an organ names its state (the state's qid, as a metonym does); a group of no
        # state names itself
        owner_qid = qid if code == NON_STATE else actor_qids[code]
        aliases += [
            Sourced(Alias(t, code, sector, owner_qid, "agency"), check.file, ln) for t, ln in names
        ]
    nouns: dict[str, str] = {}
    for entry, i in _entries(check, doc, "sector_nouns"):
        where = f"sector_nouns[{i}]"
        check.fields(entry, where, ("text", "sector"))
        text, sector = check.text(entry, "text", where), check.sector(entry, "sector", where)
        if text is None or sector is None:
            continue
        if text != text.lower():
            check.add(entry.line_of("text"), f"{where}.text", f"write it in lower case: {text!r}")
            continue
        if nouns.get(text, sector) != sector:
            check.add(
                entry.line_of("text"),
                f"{where}.text",
                f"{text!r} already has sector {nouns[text]}, here {sector}",
            )
            continue
        nouns[text] = sector
    return agencies, nouns, aliases


def _unique(items: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Drops exact repeats (same text), keeping the first; "US" and "the US" both stay."""
    seen: set[str] = set()
    out = []
    for text, line in items:
        if text not in seen:
            seen.add(text)
            out.append((text, line))
    return out
