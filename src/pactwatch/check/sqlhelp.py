"""Portable SQL pieces the templates share (SQLite and PostgreSQL alike)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Date, and_, false, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.sql.selectable import NamedFromClause

FIRST_DAY = dt.date(1, 1, 1)
LAST_DAY = dt.date(9999, 12, 31)

Periods = list[tuple[dt.date, dt.date]]


class date_add_days(FunctionElement[dt.date]):
    """`date + n days`, compiled per dialect (SQLite stores dates as ISO text)."""

    type = Date()
    inherit_cache = True
    name = "date_add_days"


@compiles(date_add_days, "sqlite")
def _date_add_sqlite(element: date_add_days, compiler: Any, **kw: Any) -> str:
    column, days = list(element.clauses)
    return (
        f"date({compiler.process(column, **kw)}, '+' || {compiler.process(days, **kw)} || ' days')"
    )


@compiles(date_add_days)
def _date_add_default(element: date_add_days, compiler: Any, **kw: Any) -> str:
    column, days = list(element.clauses)
    return f"({compiler.process(column, **kw)} + {compiler.process(days, **kw)})"


def day_in(ev: NamedFromClause, first: dt.date, last: dt.date) -> ColumnElement[bool]:
    """The record's day falls in [first, last]: its start date, or its report date when undated."""
    if first <= FIRST_DAY and last >= LAST_DAY:
        return or_(ev.c.date_first.is_not(None), ev.c.date_first.is_(None))
    return or_(
        and_(ev.c.date_first.is_not(None), ev.c.date_first.between(first, last)),
        and_(
            ev.c.date_first.is_(None),
            ev.c.report_date.between(first.isoformat(), last.isoformat()),
        ),
    )


def in_periods(
    entity: NamedFromClause, ev: NamedFromClause, periods: Mapping[str, Periods]
) -> ColumnElement[bool]:
    """The entity's code was in the set on the record's day (codes sharing periods share a term)."""
    by_periods: dict[tuple[tuple[dt.date, dt.date], ...], list[str]] = {}
    for code, spans in periods.items():
        by_periods.setdefault(tuple(sorted(spans)), []).append(code)
    terms = [
        and_(entity.c.code.in_(sorted(codes)), or_(*(day_in(ev, a, b) for a, b in spans)))
        for spans, codes in sorted(by_periods.items(), key=lambda kv: kv[1])
        if spans
    ]
    return or_(*terms) if terms else false()


def window(
    ev: NamedFromClause, since: dt.date | None, until: dt.date | None
) -> ColumnElement[bool]:
    return day_in(ev, since or FIRST_DAY, until or LAST_DAY)


def merge_periods(spans: Iterable[tuple[dt.date, dt.date]]) -> Periods:
    out: Periods = []
    for first, last in sorted(spans):
        if out and (out[-1][1] >= LAST_DAY or first <= out[-1][1] + dt.timedelta(days=1)):
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def intersect(spans: Periods, first: dt.date, last: dt.date) -> Periods:
    return [(max(a, first), min(b, last)) for a, b in spans if a <= last and b >= first]
