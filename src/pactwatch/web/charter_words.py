"""A charter as a reader wants it: each rule in sentences, adversaries with their dates,
members with their joining, leaving, suspension and freeze dates (the alliance registry).

The wording comes from where the meaning lives: a template's docstring says what it
checks, its parameters' `help` what each value means; names come from the knowledge
files (states.yaml, igos.yaml).
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from pactwatch.check.templates import TEMPLATES, load_plugins
from pactwatch.knowledge.alliances import load_alliances
from pactwatch.knowledge.load import load_knowledge

# what the parties keywords of a rule's parameters mean, in words
PARTIES = {
    "members": "another member",
    "adversaries": "a designated adversary (below)",
    "non_members": "a state outside the alliance",
    "alliance": "the alliance itself",
}


@functools.cache
def _names() -> dict[str, str]:
    knowledge = load_knowledge()
    names = {code: s.name for code, s in knowledge.states.items()}
    names.update({code: i.name for code, i in knowledge.igos.items()})
    return names


def name_of(code: str) -> str:
    return _names().get(code, code)


def day(value: date | str | None) -> str:
    """A day as people write it: 7 October 2002."""
    if value is None:
        return ""
    d = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{d.day} {d:%B %Y}"


def _value(value: Any) -> str:
    if isinstance(value, str):
        return PARTIES.get(value, value.replace("_", " "))
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value) or "none"
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_value(v)}" for k, v in value.items())
    return str(value)


def rule_in_words(rule: dict[str, Any]) -> dict[str, Any]:
    """What the rule checks (the template's own sentence) and each parameter in words."""
    load_plugins()
    template = TEMPLATES.get(str(rule.get("template")))
    doc = (template.__doc__ or "").strip().split("\n\n")[0] if template else ""
    params = []
    for key, value in (rule.get("params") or {}).items():
        spec = template.params.get(key) if template else None
        # the parameter's help is the tooltip: beside a value it reads as noise
        help_text = spec.help if spec else ""
        params.append({"name": key.replace("_", " "), "value": _value(value), "help": help_text})
    return {"checks": " ".join(doc.replace("`", "").split()), "params": params}


def membership(alliance_code: str | None) -> list[dict[str, Any]]:
    """Every membership in the registry, in order of joining, its dates in words."""
    alliance = load_alliances().get(alliance_code or "")
    if alliance is None:
        return []
    out = []
    for m in sorted(alliance.members, key=lambda m: (m.joined, m.code)):
        out.append({
            "code": m.code, "name": name_of(m.code), "joined": day(m.joined),
            "left": day(m.left),
            "suspended": [f"{day(p.start)} – {day(p.end) or 'now'}" for p in m.suspended],
            "frozen": [f"{day(p.start)} – {day(p.end) or 'now'}" for p in m.frozen],
            "note": m.note or "",
        })  # fmt: skip
    return out


def adversaries(charter: dict[str, Any]) -> list[dict[str, Any]]:
    """The designated adversaries with the period each is one."""
    out = []
    for a in charter.get("adversaries") or []:
        since, until = day(a.get("from")), day(a.get("until"))
        period = (
            f"{since} – {until}"
            if since and until
            else (f"since {since}" if since else (f"until {until}" if until else "at all times"))
        )
        out.append({
            "code": a["code"], "name": name_of(a["code"]), "period": period,
            # an alliance named with its members: each state that belongs to it on the date
            "with_members": bool(a.get("members")),
        })  # fmt: skip
    return out
