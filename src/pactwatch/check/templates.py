"""Rule templates: a registry of plugins that turn a rule's params into SQL over the store.

A template declares its params (name -> `Param`) and implements `find`, which runs
SQLAlchemy Core queries and returns `Match`es: a member, its counterparts, the
records. Grouping into incidents, grading and evidence are the checker's job.
Register your own with `@register_template("name")` (see docs/charters.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Text,
    and_,
    cast,
    exists,
    literal,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.sql.selectable import NamedFromClause

from pactwatch.check import sqlhelp
from pactwatch.knowledge._yaml import parse_date
from pactwatch.records import EVENT_TYPES, KINDS
from pactwatch.store import schema

if TYPE_CHECKING:
    from pactwatch.check.charter import Charter, Rule

ROLES = ("actor", "recipient")
PARTY_WORDS = ("alliance", "members", "adversaries", "non_members")
# who is no party to an event between states: a news agency or outlet (MED) reports it;
# civilians, businesses, the opposition and rebels of a state are not that state acting
NOT_PARTY_SECTORS = ("MED", "CVL", "BUS", "OPP", "REB")
# the PLOVER v2.0 modes (event-record.md), which a selector may require
MODES = (
    "visit", "third-party", "multilateral", "phone", "withdraw", "release", "disarm", "ceasefire",
    "access", "resign", "assist", "change", "yield", "meet", "disapprove", "investigate", "allege",
    "restrict", "arrest", "relations", "expel", "territory", "violence", "demo", "riot", "strike",
    "hunger", "boycott", "obstruct", "vandalize", "convict", "discontinue", "troops", "weapons",
    "police", "militia", "seize", "censor", "curfew", "martial-law", "deport", "withhold",
    "misinformation", "cyber", "abduct", "beat", "torture", "sexual", "targeted", "destroy",
    "primitive", "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
    "crowd-control", "unconventional",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter: its kind (how it is validated), whether required, its default."""

    kind: str  # event_types | kinds | roles | parties | days | selector | decisions
    required: bool = False
    default: Any = None
    help: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """One member caught by a rule on some records (grouped into findings by incident)."""

    member: str
    counterparts: tuple[str, ...]
    event_ids: tuple[str, ...]
    key: str | None = None  # groups matches that are not records' incidents (a decision)
    note: str | None = None


@dataclass
class RuleContext:
    """What a template needs to build its queries: the charter's sets and the check's filters."""

    charter: Charter
    rule: Rule
    params: dict[str, Any]
    member_periods: dict[str, sqlhelp.Periods]
    adversary_periods: dict[str, sqlhelp.Periods]
    since: dt.date | None = None
    until: dt.date | None = None
    member: str | None = None
    as_of: dt.date = field(default_factory=dt.date.today)

    @property
    def alliance(self) -> str:
        return self.charter.alliance

    def parties(self, spec: Any, entity: NamedFromClause, ev: NamedFromClause) -> Any:
        """SQL: the entity belongs to the party set `spec` on the record's day, and it acts.

        'RIA Novosti' is coded RUS but is a news agency: it reports, it is no party; nor are a
        state's civilians, businesses, opposition or rebels (sectors CVL, BUS, OPP, REB).
        """
        acts = or_(entity.c.sector.is_(None), entity.c.sector.not_in(NOT_PARTY_SECTORS))
        return and_(acts, self._party_set(spec, entity, ev))

    def _party_set(self, spec: Any, entity: NamedFromClause, ev: NamedFromClause) -> Any:
        if spec == "alliance":
            return entity.c.code == self.alliance
        if spec == "members":
            return sqlhelp.in_periods(entity, ev, self.member_periods)
        if spec == "adversaries":
            return sqlhelp.in_periods(entity, ev, self.adversary_periods)
        if spec == "non_members":
            return and_(
                entity.c.code.not_in([self.alliance, "NSA"]),
                not_(sqlhelp.in_periods(entity, ev, self.member_periods)),
            )
        # a list holds codes, and may name party sets beside them ([alliance, members])
        words = [w for w in spec if w in PARTY_WORDS]
        codes = [c for c in spec if c not in PARTY_WORDS]
        sets = [self._party_set(w, entity, ev) for w in words]
        if codes:
            sets.append(entity.c.code.in_(codes))
        return or_(*sets)

    def base(self, ev: NamedFromClause, selector: Mapping[str, Any]) -> Any:
        """SQL: a factual record of the selected types and kinds, inside the check's window."""
        conds: list[ColumnElement[bool]] = [
            ev.c.factual.is_(True),
            ev.c.event.in_(list(selector["events"])),
        ]
        # kinds and modes are two ways a record says what it is about: either one will do
        # ("asked the CSTO for help" may be coded kind assistance_request, or mode assist)
        about: list[ColumnElement[bool]] = []
        if selector.get("kinds"):
            about.append(ev.c.kind.in_(list(selector["kinds"])))
        if selector.get("modes"):
            # matched on the JSON text of `mode`, the same on SQLite and PostgreSQL
            mode = cast(ev.c.mode, Text)
            about += [mode.like(f'%"{m}"%') for m in selector["modes"]]
        if about:
            conds.append(or_(*about))
        conds.append(sqlhelp.window(ev, self.since, self.until))
        return and_(*conds)

    def member_filter(self, entity: NamedFromClause) -> Any:
        return entity.c.code == self.member if self.member else true()


class Template:
    """Base class: subclasses set `params` and implement `find`."""

    name: ClassVar[str] = ""
    params: ClassVar[dict[str, Param]] = {}
    description: ClassVar[str] = ""
    # an interaction between parties needs a deed the text reports, not one side's claim
    needs_deed: ClassVar[bool] = False

    def find(self, conn: Connection, ctx: RuleContext) -> list[Match]:
        raise NotImplementedError


TEMPLATES: dict[str, type[Template]] = {}
T = TypeVar("T", bound=type[Template])


def register_template(name: str) -> Callable[[T], T]:
    """Class decorator: make a template available to charters under `name`."""

    def wrap(cls: T) -> T:
        cls.name = name
        TEMPLATES[name] = cls
        return cls

    return wrap


_plugins_loaded = False


def load_plugins() -> None:
    """Import templates that installed packages declare under the `pactwatch.templates` entry point."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for entry in entry_points(group="pactwatch.templates"):
        entry.load()  # importing the module runs its @register_template decorators


# --- param validation (charter.py reports each message with file, line and field) ---


def _list_of(value: Any, allowed: Sequence[str], what: str) -> list[str]:
    if not isinstance(value, list) or not value:
        return [f"must be a non-empty list of {what}"]
    return [
        f"unknown {what[:-1]} {v!r} (one of {', '.join(allowed)})"
        for v in value
        if v not in allowed
    ]


def validate_param(
    kind: str, value: Any, known_codes: Callable[[str], bool]
) -> list[tuple[str, str]]:
    """Problems with one param value as (sub-field, message); sub-field '' is the param itself."""
    if kind == "event_types":
        return [("", m) for m in _list_of(value, EVENT_TYPES, "event types")]
    if kind == "kinds":
        return [("", m) for m in _list_of(value, KINDS, "kinds")]
    if kind == "roles":
        return [("", m) for m in _list_of(value, ROLES, "roles")]
    if kind == "days":
        ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
        return [] if ok else [("", f"must be a positive whole number of days, not {value!r}")]
    if kind == "parties":
        if isinstance(value, str):
            return (
                []
                if value in PARTY_WORDS
                else [("", f"must be one of {', '.join(PARTY_WORDS)} or a list of them and codes")]
            )
        if not isinstance(value, list) or not value:
            return [("", f"must be one of {', '.join(PARTY_WORDS)} or a non-empty list of codes")]
        return [
            ("", f"unknown code {v!r}")
            for v in value
            if not (isinstance(v, str) and (v in PARTY_WORDS or known_codes(v)))
        ]
    if kind == "selector":
        if not isinstance(value, dict):
            return [("", "must be a mapping {events: [...], kinds: [...], modes: [...]}")]
        out = [(f".{k}", "unknown field") for k in value if k not in ("events", "kinds", "modes")]
        if "events" not in value:
            out.append((".events", "required"))
        else:
            out += [(".events", m) for m in _list_of(value["events"], EVENT_TYPES, "event types")]
        if value.get("kinds") is not None:
            out += [(".kinds", m) for m in _list_of(value["kinds"], KINDS, "kinds")]
        if value.get("modes") is not None:
            out += [(".modes", m) for m in _list_of(value["modes"], MODES, "modes")]
        return out
    if kind == "decisions":
        return _validate_decisions(value, known_codes)
    return [("", f"template declares an unknown param kind {kind!r}")]


_DECISION_KEYS = {"id", "title", "date", "deadline", "binds", "source"}


def _validate_decisions(value: Any, known_codes: Callable[[str], bool]) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        return [("", "must be a list of decisions {id, title, date, deadline, binds}")]
    out: list[tuple[str, str]] = []
    for i, d in enumerate(value):
        at = f"[{i}]"
        if not isinstance(d, dict):
            out.append((at, "must be a mapping"))
            continue
        out += [(f"{at}.{k}", "unknown field") for k in d if k not in _DECISION_KEYS]
        for key in ("id", "title"):
            if not isinstance(d.get(key), str) or not d.get(key):
                out.append((f"{at}.{key}", "required text"))
        start = parse_date(d.get("date"))
        end = parse_date(d.get("deadline"))
        if start is None:
            out.append((f"{at}.date", f"not a YYYY-MM-DD date: {d.get('date')!r}"))
        if end is None:
            out.append((f"{at}.deadline", f"not a YYYY-MM-DD date: {d.get('deadline')!r}"))
        elif start is not None and end < start:
            out.append((f"{at}.deadline", "is before the decision's date"))
        binds = d.get("binds", "members")
        if binds != "members" and not (
            isinstance(binds, list)
            and binds
            and all(isinstance(c, str) and known_codes(c) for c in binds)
        ):
            out.append((f"{at}.binds", "must be 'members' or a list of known codes"))
    return out


def with_defaults(template: type[Template], params: Mapping[str, Any]) -> dict[str, Any]:
    out = {name: p.default for name, p in template.params.items() if p.default is not None}
    out.update(params)
    for name, p in template.params.items():
        if p.kind == "selector" and isinstance(out.get(name), dict) and isinstance(p.default, dict):
            out[name] = {**p.default, **out[name]}
    return out


# --- the shipped templates ---


def _pairs(conn: Connection, query: Any) -> list[Match]:
    """Rows (event_id, member, counterpart) -> one Match per (record, member)."""
    grouped: dict[tuple[str, str], set[str]] = {}
    for event_id, member, counterpart in conn.execute(query):
        grouped.setdefault((event_id, member), set()).add(counterpart)
    return [
        Match(member=member, counterparts=tuple(sorted(parts)), event_ids=(event_id,))
        for (event_id, member), parts in sorted(grouped.items())
    ]


def _member_pairs(
    conn: Connection, ctx: RuleContext, counterparts: Any, *, sides: bool = False
) -> list[Match]:
    """(record, member, counterpart) for records a member shares with the given parties.

    With `sides`, co-actors of a record that has a recipient act together (KGZ and TJK
    restricting someone are not in conflict with each other); only a record with no
    recipient puts opposing sides among its actors (two-sided fighting, event-record.md).
    """
    p = ctx.params
    ev = schema.events.alias("e")
    m = schema.entities.alias("m")
    o = schema.entities.alias("o")
    r = schema.entities.alias("r")
    has_recipient = exists(
        select(literal(1)).select_from(r).where(r.c.event_id == ev.c.id, r.c.role == "recipient")
    )
    opposed = (
        or_(o.c.role == "recipient", m.c.role == "recipient", ~has_recipient) if sides else true()
    )
    query = (
        select(ev.c.id, m.c.code, o.c.code)
        .select_from(ev)
        .join(m, and_(m.c.event_id == ev.c.id, m.c.role.in_(p["member_roles"])))
        .join(
            o,
            and_(
                o.c.event_id == ev.c.id,
                o.c.role.in_(p["counterpart_roles"]),
                o.c.code != m.c.code,
            ),
        )
        .where(
            ctx.base(ev, p),
            ctx.parties("members", m, ev),
            ctx.member_filter(m),
            ctx.parties(counterparts, o, ev),
            opposed,
        )
    )
    return _pairs(conn, query)


@register_template("forbidden_interaction")
class ForbiddenInteraction(Template):
    """A member takes part in an event of the given types with another party (default: a member)."""

    description = "e.g. ASSAULT or COERCE between members"
    needs_deed = True
    params: ClassVar[dict[str, Param]] = {
        "events": Param("event_types", required=True, help="event types that break the rule"),
        "kinds": Param("kinds", help="only records of these kinds (default: any)"),
        "between": Param("parties", default="members", help="who the counterpart is"),
        "member_roles": Param("roles", default=["actor"], help="roles the member must have"),
        "counterpart_roles": Param("roles", default=["actor", "recipient"]),
    }

    def find(self, conn: Connection, ctx: RuleContext) -> list[Match]:
        return _member_pairs(conn, ctx, ctx.params["between"], sides=True)


@register_template("forbidden_cooperation")
class ForbiddenCooperation(Template):
    """A member cooperates (e.g. exercises) with a designated party."""

    description = "e.g. a military exercise with a designated adversary's forces"
    needs_deed = True
    params: ClassVar[dict[str, Param]] = {
        "events": Param("event_types", default=["COOPERATE"]),
        "kinds": Param("kinds", help="e.g. [military_exercise] (default: any)"),
        "with": Param("parties", required=True, help="adversaries, non_members or a list of codes"),
        "member_roles": Param("roles", default=["actor", "recipient"]),
        "counterpart_roles": Param("roles", default=["actor", "recipient"]),
    }

    def find(self, conn: Connection, ctx: RuleContext) -> list[Match]:
        return _member_pairs(conn, ctx, ctx.params["with"])


@register_template("forbidden_presence")
class ForbiddenPresence(Template):
    """A facility of a designated party on a member's territory.

    The member is the host: the record's location is in the member, or the record
    has no location and the member is its recipient ("US laboratories in Kazakhstan").
    """

    description = (
        "e.g. a military facility or laboratory of a designated adversary on a member's territory"
    )
    needs_deed = True
    params: ClassVar[dict[str, Param]] = {
        "events": Param("event_types", default=["COOPERATE"]),
        "kinds": Param("kinds", default=["military_facility"]),
        "of": Param(
            "parties", required=True, help="whose facilities: adversaries, non_members, codes"
        ),
    }

    def find(self, conn: Connection, ctx: RuleContext) -> list[Match]:
        p = ctx.params
        ev = schema.events.alias("e")
        m = schema.entities.alias("m")
        o = schema.entities.alias("o")
        host = or_(
            ev.c.loc_country == m.c.code,
            and_(ev.c.loc_country.is_(None), m.c.role == "recipient"),
        )
        query = (
            select(ev.c.id, m.c.code, o.c.code)
            .select_from(ev)
            .join(m, and_(m.c.event_id == ev.c.id, m.c.role.in_(ROLES)))
            .join(o, and_(o.c.event_id == ev.c.id, o.c.role.in_(ROLES), o.c.code != m.c.code))
            .where(
                ctx.base(ev, p),
                host,
                ctx.parties("members", m, ev),
                ctx.member_filter(m),
                ctx.parties(p["of"], o, ev),
            )
        )
        return _pairs(conn, query)


# registers response_deadline and decision_implementation (they build on the names above)
from pactwatch.check import deadlines as _deadlines  # noqa: E402, F401
