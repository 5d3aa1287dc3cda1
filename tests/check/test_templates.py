"""The template registry: users register their own templates; charters validate their params."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import Connection, and_, select

from pactwatch.check.charter import parse_charter
from pactwatch.check.check import check
from pactwatch.check.templates import (
    TEMPLATES,
    Match,
    Param,
    RuleContext,
    Template,
    register_template,
)
from pactwatch.errors import CharterError
from pactwatch.store import Store, schema

DOCS = Path(__file__).resolve().parents[2] / "docs" / "charters.md"

CHARTER = """\
id: my-charter
title: Protests against allies
alliance: CSTO
rules:
  - id: no-protests-at-allies
    title: Members do not stage protests at each other
    source: my reading, 2024-01-01
    status: proposed
    severity: low
    template: protest_at_member
    params:
      minimum: {level}
"""


@pytest.fixture
def protest_template() -> Iterator[type[Template]]:
    @register_template("protest_at_member")
    class ProtestAtMember(Template):
        """A member's PROTEST aimed at another member."""

        params: ClassVar[dict[str, Param]] = {"minimum": Param("days", required=True)}

        def find(self, conn: Connection, ctx: RuleContext) -> list[Match]:
            ev, m, o = schema.events.alias(), schema.entities.alias(), schema.entities.alias()
            query = (
                select(ev.c.id, m.c.code, o.c.code)
                .join(m, and_(m.c.event_id == ev.c.id, m.c.role == "actor"))
                .join(o, and_(o.c.event_id == ev.c.id, o.c.role == "recipient"))
                .where(ctx.base(ev, {"events": ["ACCUSE"]}), ctx.parties("members", m, ev),
                       ctx.parties("members", o, ev))
            )  # fmt: skip
            return [Match(a, (b,), (eid,)) for eid, a, b in conn.execute(query)]

    yield ProtestAtMember
    del TEMPLATES["protest_at_member"]


def test_a_registered_template_checks(
    protest_template: type[Template], corpus_store: Store
) -> None:
    charter = parse_charter(CHARTER.format(level=1), "my.yaml")
    findings = check(corpus_store, charter, as_of=dt.date(2025, 1, 1))
    assert [(f.member, f.counterparts, f.grade) for f in findings] == [("TJK", ["KGZ"], "disputed")]


def test_its_params_are_validated(protest_template: type[Template]) -> None:
    with pytest.raises(CharterError) as info:
        parse_charter(CHARTER.format(level="lots"), "my.yaml")
    assert info.value.problems == [
        "my.yaml:12: rules[0] (no-protests-at-allies).params.minimum: must be a positive whole number of days, not 'lots'"
    ]


def test_docs_name_every_template_and_param() -> None:
    if not DOCS.is_file():
        pytest.skip("docs/charters.md is absent")
    docs = DOCS.read_text(encoding="utf-8")
    for name, template in TEMPLATES.items():
        assert f"`{name}`" in docs, name
        for param in template.params:
            assert f"`{param}`" in docs, f"{name}.{param}"
