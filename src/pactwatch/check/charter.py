"""Charters as data: load a charter YAML file and validate it, reporting every problem at once.

Each problem names the file, the line and the field (`rules[2] (no-adversary-facilities).params.of`).
The schema is documented in docs/charters.md.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from pactwatch import settings
from pactwatch.check.ladder import Ladder, parse_ladder
from pactwatch.check.templates import TEMPLATES, load_plugins, validate_param
from pactwatch.errors import CharterError, NotFound
from pactwatch.knowledge import _yaml
from pactwatch.knowledge.alliances import STATE_RE, Alliance, load_alliances

log = logging.getLogger(__name__)

STATUSES = ("in_force", "proposed")
SEVERITIES = ("low", "medium", "high", "critical")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
OTHER_CODES = frozenset({"UN", "OSCE", "NSA", "IGO"})  # bodies the registry has no members for

_TOP_KEYS = {
    "id", "title", "alliance", "source", "description", "adversaries", "rules", "consequences",
}  # fmt: skip
_RULE_KEYS = {
    "id", "title", "source", "status", "template", "params", "severity", "description",
    "consequences",
}  # fmt: skip
_ADVERSARY_KEYS = {"code", "from", "until", "members", "note"}


@dataclass(frozen=True, slots=True)
class Adversary:
    code: str
    start: dt.date | None = None
    end: dt.date | None = None
    with_members: bool = False  # an alliance designated together with its members on each date


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    source: str
    status: str
    template: str
    params: dict[str, Any]
    severity: str
    description: str | None = None
    line: int = 0
    consequences: Ladder | None = None  # the rule's own ladder, instead of the charter's


@dataclass(frozen=True, slots=True)
class Charter:
    id: str
    title: str
    alliance: str
    source: str | None
    adversaries: tuple[Adversary, ...]
    rules: tuple[Rule, ...]
    path: str = ""
    description: str | None = None
    rule_ids: tuple[str, ...] = field(default=(), repr=False)
    consequences: Ladder | None = None  # the ladder for findings of rules without their own

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise NotFound(f"charter {self.id} has no rule {rule_id!r}")


def shipped_charters() -> dict[str, str]:
    """Shipped charter names -> their file paths."""
    folder = resources.files("pactwatch.charters")
    return {
        Path(str(entry)).stem: str(entry)
        for entry in folder.iterdir()
        if str(entry).endswith(".yaml")
    }


def load_charter(name_or_path: str, registry: dict[str, Alliance] | None = None) -> Charter:
    """A shipped charter by name (`csto-reform`) or a charter file by path."""
    path = Path(name_or_path)
    if not path.is_file():
        shipped = shipped_charters()
        if name_or_path not in shipped:
            raise NotFound(
                f"no charter file or shipped charter named {name_or_path!r}",
                fix=f"give a path to a YAML file or one of: {', '.join(sorted(shipped))}",
            )
        path = Path(shipped[name_or_path])
    max_bytes = int(settings.get("charter_max_bytes"))
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # never more than the limit into memory
        if len(data) > max_bytes:
            raise CharterError([_too_big(str(path), max_bytes)])
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CharterError([f"{path}:1: (file): cannot be read: {exc}"]) from exc
    return parse_charter(text, str(path), registry)


def _too_big(path: str, max_bytes: int) -> str:
    return (
        f"{path}:1: (file): over {max_bytes:,} bytes; split it, or raise "
        "PACTWATCH_CHARTER_MAX_BYTES"
    )


def _limits(cfg: settings.Settings) -> _yaml.Limits:
    return _yaml.Limits(aliases=cfg.charter_max_aliases, depth=cfg.charter_max_depth)


def _text(
    body: _yaml.LineDict, key: str, where: str, problems: _yaml.Problems, required: bool = True
) -> str | None:
    value = body.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.add(
            body.line_of(key),
            f"{where}{key}",
            "required text" if value is None else f"must be text, not {value!r}",
        )
        return None
    return value


def _adversaries(
    value: Any, line: int, registry: dict[str, Alliance], problems: _yaml.Problems
) -> list[Adversary]:
    if value is None:
        return []
    if not isinstance(value, _yaml.LineList):
        problems.add(line, "adversaries", "must be a list of {code, from?, until?, members?}")
        return []
    out: list[Adversary] = []
    for i, item in enumerate(value):
        at = f"adversaries[{i}]"
        if not isinstance(item, _yaml.LineDict):
            problems.add(value.line_of(i), at, "must be a mapping {code, from?, until?, members?}")
            continue
        problems.duplicates(item, f"{at}.")
        for key in sorted(set(item) - _ADVERSARY_KEYS):
            problems.add(item.line_of(key), f"{at}.{key}", "unknown field")
        code = item.get("code")
        if not isinstance(code, str) or not (STATE_RE.match(code) or code in registry):
            problems.add(
                item.line_of("code"),
                f"{at}.code",
                f"not a state code or an alliance in the registry: {code!r}",
            )
            continue
        dates: list[dt.date | None] = []
        for key in ("from", "until"):
            raw = item.get(key)
            day = _yaml.parse_date(raw) if raw is not None else None
            if raw is not None and day is None:
                problems.add(item.line_of(key), f"{at}.{key}", f"not a YYYY-MM-DD date: {raw!r}")
            dates.append(day)
        if dates[0] and dates[1] and dates[1] < dates[0]:
            problems.add(item.line_of("until"), f"{at}.until", "is before 'from'")
        with_members = item.get("members", False)
        if not isinstance(with_members, bool):
            problems.add(item.line_of("members"), f"{at}.members", "must be true or false")
            with_members = False
        if with_members and code not in registry:
            problems.add(
                item.line_of("members"),
                f"{at}.members",
                f"{code} is not an alliance in the registry",
            )
        out.append(Adversary(code, dates[0], dates[1], bool(with_members)))
    return out


def _rule(item: Any, i: int, line: int, known: Any, problems: _yaml.Problems) -> Rule | None:
    if not isinstance(item, _yaml.LineDict):
        problems.add(
            line,
            f"rules[{i}]",
            "must be a mapping with id, title, source, status, template, params, severity",
        )
        return None
    rid = item.get("id")
    at = f"rules[{i}] ({rid}) " if isinstance(rid, str) else f"rules[{i}] "
    at = at.rstrip() + "."
    problems.duplicates(item, at)
    for key in sorted(set(item) - _RULE_KEYS):
        problems.add(item.line_of(key), f"{at}{key}", "unknown field")
    ok = True
    if not isinstance(rid, str) or not ID_RE.match(rid):
        problems.add(
            item.line_of("id"),
            f"{at}id",
            f"must be lower-case letters, digits and '-', not {rid!r}",
        )
        ok = False
    title = _text(item, "title", at, problems)
    source = _text(item, "source", at, problems)
    description = _text(item, "description", at, problems, required=False)
    status = item.get("status")
    if status not in STATUSES:
        problems.add(
            item.line_of("status"),
            f"{at}status",
            f"must be one of {', '.join(STATUSES)}, not {status!r}",
        )
        ok = False
    severity = item.get("severity")
    if severity not in SEVERITIES:
        problems.add(
            item.line_of("severity"),
            f"{at}severity",
            f"must be one of {', '.join(SEVERITIES)}, not {severity!r}",
        )
        ok = False
    name = item.get("template")
    template = TEMPLATES.get(name) if isinstance(name, str) else None
    if template is None:
        problems.add(
            item.line_of("template"),
            f"{at}template",
            f"unknown template {name!r} (one of {', '.join(sorted(TEMPLATES))})",
        )
        ok = False
    params = item.get("params", _yaml.LineDict())
    if not isinstance(params, dict):
        problems.add(item.line_of("params"), f"{at}params", "must be a mapping")
        return None
    if isinstance(params, _yaml.LineDict):
        problems.duplicates(params, f"{at}params.")
    if template is not None:
        for key in params:
            if key not in template.params:
                line_of = params.line_of(key) if isinstance(params, _yaml.LineDict) else item.line
                problems.add(
                    line_of,
                    f"{at}params.{key}",
                    f"unknown param for {name} (known: {', '.join(template.params)})",
                )
                ok = False
        for key, spec in template.params.items():
            if key not in params:
                if spec.required:
                    problems.add(item.line_of("params"), f"{at}params.{key}", f"required by {name}")
                    ok = False
                continue
            line_of = params.line_of(key) if isinstance(params, _yaml.LineDict) else item.line
            for sub, message in validate_param(spec.kind, params[key], known):
                problems.add(line_of, f"{at}params.{key}{sub}", message)
                ok = False
        if name == "decision_implementation" and not (
            params.get("decisions") or params.get("from_records")
        ):
            problems.add(item.line_of("params"), f"{at}params", "needs decisions or from_records")
            ok = False
    ladder = None
    if "consequences" in item:
        ladder = parse_ladder(
            item["consequences"], item.line_of("consequences"), f"{at}consequences", problems
        )
        ok = ok and ladder is not None
    if not ok or title is None or source is None or not isinstance(name, str):
        return None
    return Rule(
        str(rid),
        title,
        source,
        str(status),
        name,
        _plain(params),
        str(severity),
        description,
        item.line,
        ladder,
    )


def _plain(value: Any) -> Any:
    """Line-tracking containers -> plain dicts and lists (rules are compared and hashed later)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _line_number(problem: str) -> int:
    """The line a problem names (`path:LINE: field: message`), for reporting in file order."""
    parts = problem.rsplit(".yaml:", 1)[-1].split(":", 1) if ".yaml:" in problem else ["0"]
    return int(parts[0]) if parts[0].isdigit() else 0


def parse_charter(text: str, path: str, registry: dict[str, Alliance] | None = None) -> Charter:
    """Validate a charter's text; raises CharterError listing every problem at once."""
    cfg = settings.load()  # the charter_max_* limits, read once
    max_bytes = cfg.charter_max_bytes
    if len(text) > max_bytes and len(text.encode("utf-8")) > max_bytes:
        raise CharterError([_too_big(path, max_bytes)])
    reg = registry if registry is not None else load_alliances()
    load_plugins()
    problems = _yaml.Problems(path)
    try:
        data = _yaml.load(text, _limits(cfg))
    except _yaml.Refused as exc:
        raise CharterError([f"{path}:{exc.line}: {exc.field}: {exc.message}"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise CharterError(
            [f"{path}:{line}: (file): not valid YAML: {getattr(exc, 'problem', exc)}"]
        ) from exc
    if not isinstance(data, _yaml.LineDict):
        raise CharterError(
            [f"{path}:1: (file): a charter is a mapping with id, title, alliance, rules"]
        )
    problems.duplicates(data, "")
    for key in sorted(set(data) - _TOP_KEYS):
        problems.add(data.line_of(key), key, "unknown field")
    cid = data.get("id")
    if not isinstance(cid, str) or not ID_RE.match(cid):
        problems.add(
            data.line_of("id"), "id", f"must be lower-case letters, digits and '-', not {cid!r}"
        )
    title = _text(data, "title", "", problems)
    source = _text(data, "source", "", problems, required=False)
    description = _text(data, "description", "", problems, required=False)
    alliance = data.get("alliance")
    if not isinstance(alliance, str) or alliance not in reg:
        problems.add(
            data.line_of("alliance"),
            "alliance",
            f"unknown alliance {alliance!r} (registry: {', '.join(sorted(reg))})",
        )
    adversaries = _adversaries(data.get("adversaries"), data.line_of("adversaries"), reg, problems)
    ladder = None
    if "consequences" in data:
        ladder = parse_ladder(
            data["consequences"], data.line_of("consequences"), "consequences", problems
        )

    def known(code: str) -> bool:
        return bool(STATE_RE.match(code)) or code in reg or code in OTHER_CODES

    rules: list[Rule] = []
    raw_rules = data.get("rules")
    seen: dict[str, int] = {}
    max_rules = cfg.charter_max_rules
    if not isinstance(raw_rules, _yaml.LineList) or not raw_rules:
        problems.add(data.line_of("rules"), "rules", "required non-empty list of rules")
    elif len(raw_rules) > max_rules:
        # not validated one by one: the count alone makes it a charter nobody wrote by hand
        problems.add(
            data.line_of("rules"),
            "rules",
            f"{len(raw_rules):,} rules, over the limit of {max_rules:,} "
            "(split the charter, or raise PACTWATCH_CHARTER_MAX_RULES)",
        )
    else:
        for i, item in enumerate(raw_rules):
            rid = item.get("id") if isinstance(item, dict) else None
            if isinstance(rid, str):
                if rid in seen:
                    problems.add(
                        raw_rules.line_of(i),
                        f"rules[{i}] ({rid}).id",
                        f"duplicate rule id (first on line {seen[rid]})",
                    )
                else:
                    seen[rid] = raw_rules.line_of(i)
            rule = _rule(item, i, raw_rules.line_of(i), known, problems)
            if rule is not None:
                rules.append(rule)
    if problems.items:
        raise CharterError(sorted(problems.items, key=_line_number))
    log.debug("charter %s from %s: %d rule(s)", cid, path, len(rules))
    return Charter(
        id=str(cid), title=str(title), alliance=str(alliance), source=source,
        adversaries=tuple(adversaries), rules=tuple(rules), path=path, description=description,
        rule_ids=tuple(r.id for r in rules), consequences=ladder,
    )  # fmt: skip
