"""The two templates about time: an unanswered request, an unimplemented decision."""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Connection, and_, distinct, exists, false, literal, or_, select

from pactwatch.check import sqlhelp
from pactwatch.check.templates import Match, Param, RuleContext, Template, register_template
from pactwatch.knowledge._yaml import parse_date
from pactwatch.store import schema


@register_template("response_deadline")
class ResponseDeadline(Template):
    """A member's request to the alliance that no response answered within `days`.

    Requests without a date cannot be timed and are left out; so are requests whose
    deadline has not passed on the check's `until` (or today).
    """

    description = "a member's request for assistance not answered by the alliance within N days"
    params: ClassVar[dict[str, Param]] = {
        "request": Param(
            "selector", default={"events": ["REQUEST"], "kinds": ["assistance_request"]}
        ),
        "to": Param("parties", default="alliance", help="whom the request is addressed to"),
        "response": Param(
            "selector", default={"events": ["AID", "COOPERATE", "MOBILIZE", "AGREE", "CONSULT"]}
        ),
        "responders": Param("parties", default="alliance", help="who may answer it"),
        "days": Param("days", required=True),
    }

    def find(self, conn: Connection, ctx: RuleContext) -> list[Match]:
        p = ctx.params
        days = int(p["days"])
        req = schema.events.alias("r")
        m = schema.entities.alias("m")
        t = schema.entities.alias("t")
        x = schema.events.alias("x")
        xa = schema.entities.alias("xa")
        xr = schema.entities.alias("xr")
        deadline = sqlhelp.date_add_days(req.c.date_first, literal(days))
        answered = exists(
            select(literal(1))
            .select_from(x)
            .join(xa, and_(xa.c.event_id == x.c.id, xa.c.role == "actor"))
            .join(
                xr, and_(xr.c.event_id == x.c.id, xr.c.role == "recipient", xr.c.code == m.c.code)
            )
            .where(
                x.c.factual.is_(True),
                x.c.event.in_(p["response"]["events"]),
                x.c.date_first.is_not(None),
                x.c.date_first >= req.c.date_first,
                x.c.date_first <= deadline,
                ctx.parties(p["responders"], xa, x),
            )
        )
        query = (
            select(req.c.id, m.c.code, t.c.code)
            .select_from(req)
            .join(m, and_(m.c.event_id == req.c.id, m.c.role == "actor"))
            .join(t, and_(t.c.event_id == req.c.id, t.c.role == "recipient"))
            .where(
                ctx.base(req, p["request"]),
                req.c.date_first.is_not(None),
                deadline < (ctx.until or ctx.as_of),
                ctx.parties("members", m, req),
                ctx.member_filter(m),
                ctx.parties(p["to"], t, req),
                ~answered,
            )
        )
        found: dict[tuple[str, str], set[str]] = {}
        for event_id, member, to in conn.execute(query):
            found.setdefault((event_id, member), set()).add(to)
        note = f"no response within {days} days"
        return [
            Match(member, tuple(sorted(to)), (event_id,), note=note)
            for (event_id, member), to in sorted(found.items())
        ]


@register_template("decision_implementation")
class DecisionImplementation(Template):
    """A council decision that a bound member did not implement by its deadline.

    Decisions are entered as data (`decisions`) or read from records (`from_records`:
    e.g. AGREE records whose actor is the alliance; they bind their member recipients
    and fall due `days` after their date). A member implements a decision with a
    record of `implemented_by` as actor between the decision and its deadline.
    """

    description = "a council decision with a deadline and the members it binds"
    params: ClassVar[dict[str, Param]] = {
        "decisions": Param("decisions", help="decisions entered as data"),
        "from_records": Param("selector", help="decisions taken from the alliance's records"),
        "days": Param("days", default=90, help="deadline for decisions taken from records"),
        "implemented_by": Param("selector", required=True, help="records that implement it"),
        "refused_by": Param("selector", help="a member's records towards the alliance that refuse"),
    }

    def find(self, conn: Connection, ctx: RuleContext) -> list[Match]:
        out = self._from_data(conn, ctx) if ctx.params.get("decisions") else []
        if ctx.params.get("from_records"):
            out += self._from_records(conn, ctx)
        if ctx.params.get("refused_by"):
            out += self._refusals(conn, ctx)
        return out

    def _refusals(self, conn: Connection, ctx: RuleContext) -> list[Match]:
        """A member's record that refuses the alliance's common course (e.g. cancels its exercise).

        The record is aimed at the alliance, or at no one when its kind is one the selector
        names: a member that cancels a joint exercise steps back from the common course
        whether or not the sentence names the alliance. A mode alone ("change": a decision
        refused) counts only when the refusal is aimed at the alliance; a country's refusal
        to change its own laws is no refusal of the alliance's course. A denial ("Bishkek
        flatly denies this") has no such kind and is no refusal.
        """
        selector = ctx.params["refused_by"]
        ev = schema.events.alias("e")
        m = schema.entities.alias("m")
        t = schema.entities.alias("t")
        anyone = schema.entities.alias("anyone")
        to_alliance = exists(
            select(literal(1))
            .select_from(t)
            .where(t.c.event_id == ev.c.id, t.c.role == "recipient", t.c.code == ctx.alliance)
        )
        to_nobody = ~exists(
            select(literal(1))
            .select_from(anyone)
            .where(anyone.c.event_id == ev.c.id, anyone.c.role == "recipient")
        )
        kinds = selector.get("kinds")
        of_kind = ev.c.kind.in_(list(kinds)) if kinds else false()
        query = (
            select(ev.c.id, m.c.code)
            .distinct()
            .select_from(ev)
            .join(m, and_(m.c.event_id == ev.c.id, m.c.role == "actor"))
            .where(
                ctx.base(ev, selector),
                or_(to_alliance, and_(to_nobody, of_kind)),
                ctx.parties("members", m, ev),
                ctx.member_filter(m),
            )
        )
        note = f"refused a common course of the {ctx.alliance}"
        return [
            Match(code, (ctx.alliance,), (event_id,), note=note)
            for event_id, code in sorted(conn.execute(query).tuples())
        ]

    def _implemented(self, ctx: RuleContext, x: Any, xa: Any) -> Any:
        impl = ctx.params["implemented_by"]
        conds = [x.c.factual.is_(True), x.c.event.in_(impl["events"]), x.c.date_first.is_not(None)]
        if impl.get("kinds"):
            conds.append(x.c.kind.in_(impl["kinds"]))
        return and_(*conds, xa.c.event_id == x.c.id, xa.c.role == "actor")

    def _from_data(self, conn: Connection, ctx: RuleContext) -> list[Match]:
        out: list[Match] = []
        x = schema.events.alias("x")
        xa = schema.entities.alias("xa")
        for d in ctx.params["decisions"]:
            start, deadline = parse_date(d["date"]), parse_date(d["deadline"])
            if start is None or deadline is None:  # validated at load; kept for the type checker
                continue
            if deadline >= (ctx.until or ctx.as_of) or (ctx.since and start < ctx.since):
                continue
            binds = d.get("binds", "members")
            bound = sorted(
                code
                for code, spans in ctx.member_periods.items()
                if (binds == "members" or code in binds) and any(a <= start <= b for a, b in spans)
            )
            if ctx.member:
                bound = [c for c in bound if c == ctx.member]
            if not bound:
                continue
            query = (
                select(distinct(xa.c.code))
                .select_from(x)
                .join(xa, self._implemented(ctx, x, xa))
                .where(xa.c.code.in_(bound), x.c.date_first.between(start, deadline))
            )
            done = {row[0] for row in conn.execute(query)}
            note = f"decision {d['id']} ({d['title']}, {start}) not implemented by {deadline}"
            out += [
                Match(code, (ctx.alliance,), (), key=f"decision:{d['id']}", note=note)
                for code in bound
                if code not in done
            ]
        return out

    def _from_records(self, conn: Connection, ctx: RuleContext) -> list[Match]:
        days = int(ctx.params["days"])
        dec = schema.events.alias("d")
        da = schema.entities.alias("da")
        b = schema.entities.alias("b")
        x = schema.events.alias("x")
        xa = schema.entities.alias("xa")
        deadline = sqlhelp.date_add_days(dec.c.date_first, literal(days))
        done = exists(
            select(literal(1))
            .select_from(x)
            .join(xa, self._implemented(ctx, x, xa))
            .where(
                xa.c.code == b.c.code,
                x.c.date_first >= dec.c.date_first,
                x.c.date_first <= deadline,
            )
        )
        query = (
            select(dec.c.id, b.c.code)
            .distinct()
            .select_from(dec)
            .join(
                da, and_(da.c.event_id == dec.c.id, da.c.role == "actor", da.c.code == ctx.alliance)
            )
            .join(b, and_(b.c.event_id == dec.c.id, b.c.role == "recipient"))
            .where(
                ctx.base(dec, ctx.params["from_records"]),
                dec.c.date_first.is_not(None),
                deadline < (ctx.until or ctx.as_of),
                ctx.parties("members", b, dec),
                ctx.member_filter(b),
                ~done,
            )
        )
        note = f"not implemented within {days} days"
        return [
            Match(code, (ctx.alliance,), (event_id,), note=note)
            for event_id, code in sorted(conn.execute(query).tuples())
        ]
