"""What the dashboard and the report need from `pactwatch.check`: direct, typed calls.

Charters are listed, loaded and checked by `pactwatch.check`; findings come back
as the dicts of `pactwatch check --format json`, with the consequences its
ladders give. Grades and scorecards are check's own (`check.findings.GRADES`,
`check.scorecard.cards`). Findings are cached per charter and data version
(reviews and ingests change the version), so a review recomputes them and a page
view does not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging
import os
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pactwatch import __version__, settings
from pactwatch.check.charter import Charter
from pactwatch.check.charter import load_charter as load_charter_file
from pactwatch.check.charter import shipped_charters as _shipped_charters
from pactwatch.check.check import check, consequences_of
from pactwatch.check.findings import GRADES
from pactwatch.check.scorecard import cards
from pactwatch.errors import NotFound, PactwatchError, UsageError
from pactwatch.knowledge.alliances import load_alliances
from pactwatch.store import Store
from pactwatch.web import precomputed
from pactwatch.web.queries import data_version

# charter files named by `serve --charter FILE` or `report --charter FILE`: id -> path
_files: dict[str, str] = {}
# parsed charter files by path, with the (mtime, size) they were read at: a page view does not
# parse YAML again, and an edited file is read again on the next view
_parsed: dict[str, tuple[tuple[int, int], Charter]] = {}
_parse_lock = threading.Lock()
# sha256 prefixes of charter files by path, with the (mtime, size) they were read at
_digests: dict[str, tuple[tuple[int, int], str]] = {}
# settings by what they were read from (see `setting`)
_setting_memo: dict[tuple[Any, ...], Any] = {}
log = logging.getLogger(__name__)


@functools.cache
def shipped_charters() -> dict[str, str]:
    """The charters shipped in the package, by id: listed once (the package does not change
    while it runs; listing it cost half a millisecond, several times a page)."""
    return _shipped_charters()


def _parse(path: str) -> Charter:
    st = os.stat(path)
    stamp = (st.st_mtime_ns, st.st_size)
    hit = _parsed.get(path)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    charter = load_charter_file(path)
    with _parse_lock:
        _parsed[path] = (stamp, charter)
    return charter


def setting(name: str) -> Any:
    """A setting's value, read again only when what it comes from changes (its environment
    variable, the settings file): pages ask for a few on every view, and reading every
    setting costs about 5 ms."""
    path = settings.config_path()
    try:
        st = os.stat(path)
        file_stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
    except OSError:
        file_stamp = None
    key = (name, os.environ.get(f"{settings.ENV_PREFIX}{name.upper()}"), str(path), file_stamp)
    if key not in _setting_memo:
        value = settings.get(name)
        with _parse_lock:
            for old in [k for k in _setting_memo if k[0] == name]:
                _setting_memo.pop(old, None)
            _setting_memo[key] = value
    return _setting_memo[key]


def _charters_dir() -> str:
    return str(setting("charters_dir"))


def charters_folder() -> list[str]:
    """The charter files in the charters folder (PACTWATCH_CHARTERS_DIR), sorted; UsageError
    when the setting names no folder."""
    folder = _charters_dir()
    if not folder:
        return []
    if not os.path.isdir(folder):
        raise UsageError(
            f"charters_dir {folder!r} is not a folder",
            fix="set PACTWATCH_CHARTERS_DIR to a folder of charter files, or leave it empty",
        )
    return sorted(
        str(p) for p in Path(folder).iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
    )


def use_charter_file(path: str | os.PathLike[str]) -> str:
    """Offer the charter in the file at `path` beside the shipped ones; its id.

    CharterError (file, line, field) for a bad file; UsageError when its id is a shipped
    charter's or another file's."""
    where = os.path.abspath(path)
    if not os.path.isfile(where):
        raise UsageError(f"no charter file {str(path)!r}", fix="give the path of a YAML charter")
    charter = _parse(where)
    clash = (
        "a shipped charter's" if charter.id in shipped_charters()
        else "another file's" if _files.get(charter.id, where) != where else None
    )  # fmt: skip
    if clash:
        raise UsageError(
            f"charter file {path}: its id {charter.id!r} is already {clash} id",
            fix="give the charter in the file an id of its own (its `id:` line)",
        )
    _files[charter.id] = where
    return charter.id


def offer_charter_files(paths: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Register the charter files `paths` and check every file of the charters folder, so a
    bad one stops `serve` or `report` before it starts (CharterError naming file, line and
    field); the ids of all the charters from files."""
    ids = [use_charter_file(p) for p in paths]
    for path in charters_folder():
        charter = _parse(path)
        if charter.id in shipped_charters():
            raise UsageError(
                f"charter file {path}: its id {charter.id!r} is already a shipped charter's id",
                fix="give the charter in the file an id of its own (its `id:` line)",
            )
        ids.append(charter.id)
    return sorted(set(ids))


def _serving_files() -> list[str]:
    """While serving: the folder's files, then those named on the command line (a folder
    gone since the start is logged and counts as empty, not an error on every page)."""
    try:
        folder = charters_folder()
    except UsageError as exc:
        log.warning("%s", exc)
        folder = []
    return [*folder, *_files.values()]


def _file_charters() -> dict[str, str]:
    """Charter files by id, read as they are now: one that broke, went, or took a shipped
    charter's id since the start is left out (and logged); a command-line file wins."""
    shipped = shipped_charters()
    found: dict[str, str] = {}
    for path in _serving_files():
        try:
            charter_id = _parse(path).id
        except (PactwatchError, OSError) as exc:
            log.warning("charter file %s left out: %s", path, exc)
            continue
        if charter_id in shipped:
            log.warning(
                "charter file %s left out: its id %r is a shipped charter's", path, charter_id
            )
            continue
        found[charter_id] = path
    return found


def files_stamp() -> tuple[tuple[str, int, int], ...]:
    """Each charter file's path, mtime and size: moves when a file is added, edited or removed."""
    out = []
    for path in sorted(set(_serving_files())):
        try:
            st = os.stat(path)
        except OSError:
            continue
        out.append((path, st.st_mtime_ns, st.st_size))
    return tuple(out)


def charter_ids() -> list[str]:
    """The charters a user can pick: the shipped ones and those from files."""
    return sorted({*shipped_charters(), *_file_charters()})


def load_charter(charter_id: str) -> Charter:
    """A shipped or file charter by id; NotFound (a 404) if there is none by that id."""
    files = _file_charters()
    if charter_id in files:
        try:
            return _parse(files[charter_id])
        except OSError:  # removed between the listing and now
            raise NotFound(f"no charter {charter_id!r}", fix="its file has gone") from None
    shipped = shipped_charters()
    if charter_id not in shipped:
        raise NotFound(f"no charter {charter_id!r}", fix=f"pick one of: {', '.join(charter_ids())}")
    if os.path.isfile(shipped[charter_id]):
        return _parse(shipped[charter_id])
    return load_charter_file(charter_id)


def alliance_members(code: str) -> list[str]:
    """Member codes of an alliance in the registry, in order of joining."""
    alliance = load_alliances().get(code)
    if alliance is None:
        return []
    codes: list[str] = []
    for m in sorted(alliance.members, key=lambda m: str(m.joined)):
        if m.code not in codes:
            codes.append(m.code)
    return codes


def _ladder(ladder: Any) -> dict[str, Any] | None:
    return dataclasses.asdict(ladder) if ladder is not None else None


def describe(charter_id: str) -> dict[str, Any]:
    """The charter as plain data: id, title, alliance, members, adversaries, rules, ladder."""
    c = load_charter(charter_id)
    return {
        "id": c.id, "title": c.title, "alliance": c.alliance, "source": c.source,
        "description": c.description, "members": alliance_members(c.alliance),
        "adversaries": [
            {"code": a.code, "from": a.start.isoformat() if a.start else None,
             "until": a.end.isoformat() if a.end else None, "members": a.with_members}
            for a in c.adversaries
        ],
        "rules": [
            {"id": r.id, "title": r.title, "source": r.source, "status": r.status,
             "template": r.template, "params": r.params, "severity": r.severity,
             "description": r.description, "consequences": _ladder(r.consequences)}
            for r in c.rules
        ],
        "consequences": _ladder(c.consequences),
    }  # fmt: skip


def member_codes(charter: dict[str, Any]) -> list[str]:
    """The member states' codes of a described charter, in its order."""
    return [str(m) for m in charter.get("members") or []]


@dataclasses.dataclass(frozen=True, slots=True)
class Checked:
    """One charter checked over the store: the findings (as JSON dicts) and what they lead to."""

    findings: list[dict[str, Any]]
    consequences: list[dict[str, Any]]
    # what pages derive from all the findings (DERIVED), stored with them by `refresh`
    derived: dict[str, Any] = dataclasses.field(default_factory=dict)


def compute(store: Store, charter_id: str) -> Checked:
    """Check one charter over the store."""
    charter = load_charter(charter_id)
    found = check(store, charter)
    return Checked(
        [f.to_dict() for f in found], [c.to_dict() for c in consequences_of(charter, found)]
    )


def compute_findings(store: Store, charter_id: str) -> list[dict[str, Any]]:
    """Findings of one charter over the store, as `pactwatch check --format json` lists them."""
    return compute(store, charter_id).findings


def charter_digest(charter_id: str) -> str:
    """A digest of the charter's file as it is now (an edited file is another charter)."""
    path = {**shipped_charters(), **_file_charters()}.get(charter_id)
    if path is None or not os.path.isfile(path):
        load_charter(charter_id)  # NotFound naming the id
        return "builtin"
    st = os.stat(path)
    stamp = (st.st_mtime_ns, st.st_size)
    hit = _digests.get(path)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    with open(path, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()[:16]
    _digests[path] = (stamp, digest)
    return digest


def findings_stamp(version: Any, charter_id: str) -> str:
    """What a charter's findings depend on: the data, the charter, the day (deadlines and the
    ladder's window end today) and pactwatch's version (its templates and registry)."""
    day = dt.date.today().isoformat()
    return f"{'.'.join(map(str, version))}|{charter_digest(charter_id)}|{day}|{__version__}"


def stored_check(store: Store, charter_id: str, version: Any = None) -> Checked:
    """The charter's findings for the data as it is (`version`, read now if not given): read
    from the store when `refresh` or another page computed them for this data, else
    computed and stored."""
    version = version if version is not None else data_version(store)

    def fresh() -> dict[str, Any]:
        checked = compute(store, charter_id)
        return {
            "findings": checked.findings, "consequences": checked.consequences,
            **{name: fn(checked.findings) for name, fn in DERIVED.items()},
        }  # fmt: skip

    value = precomputed.kept(
        store, f"findings:{charter_id}", findings_stamp(version, charter_id), fresh
    )
    derived = {name: value[name] for name in DERIVED if name in value}
    return Checked(value["findings"], value["consequences"], derived)


def overview_of(
    store: Store, charter_id: str, cache: FindingsCache, members: list[str], rules: list[str]
) -> dict[str, Any]:
    """What the overview shows of a charter's findings: the member x rule matrix, how many
    findings, members with findings, findings per month. Kept in the store beside the
    findings (same stamp), so that `/` never loads every finding (5 MB of JSON at
    1,000,000 records) to show these."""
    version = data_version(store)

    def fresh() -> dict[str, Any]:
        found = cache.get(store, charter_id)
        grid = matrix(found, members, rules)
        months: dict[str, int] = {}
        for f in found:
            first = str(f.get("first_date") or "")
            if len(first) >= 7:
                months[first[:7]] = months.get(first[:7], 0) + 1
        return {
            "members": grid["members"], "rules": grid["rules"],
            "cells": [[m, r, cell] for (m, r), cell in grid["cells"].items()],
            "n_findings": len(found), "members_found": len({f.get("member") for f in found}),
            "by_month": months,
        }  # fmt: skip

    stamp = f"{findings_stamp(version, charter_id)}|{','.join(members)}|{','.join(rules)}"
    value: dict[str, Any] = precomputed.kept(store, f"overview:{charter_id}", stamp, fresh)
    grid = {
        "members": value["members"], "rules": value["rules"],
        "cells": {(m, r): cell for m, r, cell in value["cells"]},
    }  # fmt: skip
    return {**value, "grid": grid}


def available() -> bool:
    """`pactwatch.check` ships with pactwatch; pages keep the flag for their empty states."""
    return True


class FindingsCache:
    """Checked charters per (charter, data version); one computation at a time.

    A charter not in memory is read from the store (`precomputed`) when it was computed
    for this data there, by `pactwatch refresh` or another server; only stale findings
    are computed here. `derived` keeps what pages compute from the findings (matrix,
    scorecards) under the same key, so a page view costs a version check, not a pass
    over every finding.
    """

    def __init__(self) -> None:
        # keyed by the data version and the charter as loaded (an edited file is another)
        self._data: dict[str, tuple[Any, Checked]] = {}
        self._derived: dict[tuple[str, str], tuple[Any, Any]] = {}
        self._lock = threading.Lock()

    def _fetch(self, store: Store, charter_id: str) -> tuple[Any, Checked]:
        data = data_version(store)
        version = (data, charter_digest(charter_id), dt.date.today())
        hit = self._data.get(charter_id)
        if hit and hit[0] == version:
            return hit
        with self._lock:
            hit = self._data.get(charter_id)
            if hit and hit[0] == version:
                return hit
            entry = (version, stored_check(store, charter_id, data))
            self._data[charter_id] = entry
            return entry

    def get(self, store: Store, charter_id: str) -> list[dict[str, Any]]:
        return self._fetch(store, charter_id)[1].findings

    def checked(self, store: Store, charter_id: str) -> Checked:
        return self._fetch(store, charter_id)[1]

    def derived(
        self, store: Store, charter_id: str, name: str, fn: Callable[[list[dict[str, Any]]], Any]
    ) -> Any:
        version, checked = self._fetch(store, charter_id)
        if name in checked.derived:  # computed with the findings, by `refresh` or a page
            return checked.derived[name]
        hit = self._derived.get((charter_id, name))
        if hit and hit[0] == version:
            return hit[1]
        value = fn(checked.findings)
        self._derived[(charter_id, name)] = (version, value)
        return value


def scorecards(findings: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, int]]]:
    """check's scorecards (per member, rule and year) of findings given as JSON dicts."""
    return cards(findings)


def finding_facets(findings: list[dict[str, Any]]) -> dict[str, list[tuple[str, int]]]:
    """How many findings have each grade, member and rule: the 12 commonest of each."""
    return {
        name: sorted(
            Counter(str(f.get(name)) for f in findings if f.get(name)).items(),
            key=lambda kv: (-kv[1], kv[0]),
        )[:12]
        for name in ("grade", "member", "rule")
    }


# what pages derive from a charter's findings, computed and stored with them (each a pass
# over every finding: 40-130 ms for 11,000 findings, too much for a first view)
DERIVED: dict[str, Callable[[list[dict[str, Any]]], Any]] = {
    "scorecards": scorecards,
    "facets": finding_facets,
}


def matrix(findings: list[dict[str, Any]], members: list[str], rules: list[str]) -> dict[str, Any]:
    """The member × rule grid: per cell the incidents' count and the strongest grade."""
    members = list(members)
    rules = list(rules)
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for f in findings:
        member, rule = str(f.get("member")), str(f.get("rule"))
        if member not in members:
            members.append(member)
        if rule not in rules:
            rules.append(rule)
        cell = cells.setdefault((member, rule), {"count": 0, "grade": None})
        cell["count"] += 1
        grade = f.get("grade")
        if grade in GRADES and (
            cell["grade"] is None or GRADES.index(grade) < GRADES.index(cell["grade"])
        ):
            cell["grade"] = grade
    return {"members": members, "rules": rules, "cells": cells}


__all__ = [
    "GRADES",
    "Checked",
    "FindingsCache",
    "available",
    "charter_ids",
    "charters_folder",
    "compute",
    "compute_findings",
    "describe",
    "files_stamp",
    "finding_facets",
    "findings_stamp",
    "load_charter",
    "matrix",
    "member_codes",
    "offer_charter_files",
    "overview_of",
    "scorecards",
    "stored_check",
    "use_charter_file",
]
