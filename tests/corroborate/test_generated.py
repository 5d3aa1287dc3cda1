"""corroborate over a seeded, generated store: the incidents stay exactly what they were.

The linker's speed-ups (issue 11, session 4: staging, reading rows, writing incidents)
must not change a single incident, id or link. The golden digest below was computed
by the code before them (main at b848e66) over the same generated records; a change to
the linking rules changes it on purpose, and then it is recomputed (the message prints
the new one).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from sqlalchemy import select

from pactwatch.corroborate import corroborate, forget
from pactwatch.store import Store, save_document, schema
from tests.check.corpus import DocBuilder

GOLDEN = "3fbedd4dd6d98bd3941d4883b7d89f6963aac9f772f3acc94cd95ba0fd83b80d"
CODES = ("KGZ", "TJK", "ARM", "AZE", "RUS", "KAZ", "CSTO", "NSA")
TYPES = ("ASSAULT", "CONSULT", "ACCUSE", "REJECT")


def _generated(docs: int = 90, per_doc: int = 20, seed: int = 11) -> list[DocBuilder]:
    """Dense records over a season: every kind of date, denials, plans, shared parties."""
    rng = random.Random(seed)
    start = dt.date(2022, 1, 1)
    out = []
    for d in range(docs):
        report = start + dt.timedelta(days=rng.randrange(90))
        doc = DocBuilder(f"gen-{d}", report.isoformat(), f"outlet-{d % 7}")
        for n in range(per_doc):
            event = rng.choice(TYPES)
            actors = tuple(rng.sample(CODES, rng.choice((1, 1, 2))))
            recipients = tuple(c for c in rng.sample(CODES, rng.choice((0, 1))) if c not in actors)
            day = report - dt.timedelta(days=rng.randrange(12))
            shape = rng.random()
            date: str | None = day.isoformat()
            enddate = None
            if shape < 0.1:  # a span of a few days
                enddate = (day + dt.timedelta(days=rng.randrange(1, 4))).isoformat()
            elif shape < 0.2:  # a month
                date = day.isoformat()[:7]
            elif shape < 0.3:  # undated
                date = None
            aux = rng.choice([(), (), (), (), (), (), ("negation",), ("future",)])
            kind = rng.choice(["armed_clash", None]) if event == "ASSAULT" else None
            loc = rng.choice([None, None, *(c for c in actors if len(c) == 3)])
            doc.add(f"Record {n} of {d} happened.", event, actors, recipients, kind=kind,
                    aux=aux, date=date, enddate=enddate, loc=loc)  # fmt: skip
        out.append(doc)
    return out


def _digest(store: Store) -> tuple[str, int, int]:
    """(sha256 of every incident row and link, incidents, links), dialect-neutral."""
    inc, ie = schema.incidents, schema.incident_events
    cols = (inc.c.id, inc.c.event, inc.c.kind, inc.c.parties, inc.c.loc_country, inc.c.day_first,
            inc.c.day_last, inc.c.precise, inc.c.date, inc.c.enddate, inc.c.sources,
            inc.c.outlets, inc.c.disputed, inc.c.first_report, inc.c.last_report)  # fmt: skip
    h = hashlib.sha256()
    with store.engine.connect() as conn:
        incidents = conn.execute(select(*cols).order_by(inc.c.id)).all()
        links = conn.execute(
            select(ie.c.incident_id, ie.c.event_id, ie.c.relation).order_by(
                ie.c.incident_id, ie.c.event_id
            )
        ).all()
    for row in [*incidents, *links]:
        h.update(repr(tuple(int(v) if isinstance(v, bool) else v for v in row)).encode())
    return h.hexdigest(), len(incidents), len(links)


def test_a_generated_store_links_exactly_as_before(store: Store) -> None:
    for doc in _generated():
        save_document(store, doc.document(), doc.events)
    summary = corroborate(store, rebuild=True)
    assert summary.records == 1800
    digest, incidents, links = _digest(store)
    assert digest == GOLDEN, f"{incidents} incidents, {links} links, digest {digest}"
    # the incremental path over every record (what `bench_check.py`'s 2x run times) agrees
    forget(store)
    corroborate(store)
    assert _digest(store)[0] == GOLDEN
