"""Hypothesis strategies for pactwatch's records, for any test to reuse.

    from tests.strategies import documents, events, event_lists

Strings avoid NUL and lone surrogates (neither can be stored as UTF-8 text in
PostgreSQL, and ingest rejects them first); everything else is fair game.
"""

from __future__ import annotations

import calendar

from hypothesis import strategies as st

from pactwatch.records import (
    AUX_VALUES,
    EVENT_TYPES,
    KINDS,
    SECTORS,
    Attribution,
    Document,
    Entity,
    Event,
    Location,
    TextInfo,
)

texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
short_words = st.text("abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12)
codes = st.sampled_from(["KGZ", "TJK", "RUS", "ARM", "AZE", "KAZ", "USA", "CSTO", "NATO", "NSA"])
doc_ids = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_.", min_size=1, max_size=40)


@st.composite
def plover_dates(draw: st.DrawFn) -> str:
    """A date string of year, month or day precision."""
    year = draw(st.integers(1990, 2030))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return f"{year:04d}-{month:02d}-{day:02d}"


entities = st.builds(
    Entity,
    code=codes,
    sector=st.none() | st.sampled_from(SECTORS),
    text=texts,
    qid=st.none() | st.from_regex(r"Q[1-9][0-9]{0,6}", fullmatch=True),
)

locations = st.builds(
    Location,
    text=texts,
    country_code=st.none() | codes.filter(lambda c: len(c) == 3),
    admin1=st.none() | st.from_regex(r"[A-Z]{2}-[A-Z0-9]{1,3}", fullmatch=True),
    lat=st.none() | st.floats(-90, 90, allow_nan=False),
    lon=st.none() | st.floats(-180, 180, allow_nan=False),
    resolution=st.integers(1, 5),
)


@st.composite
def events(draw: st.DrawFn, doc_id: str = "doc", n: int = 0) -> Event:
    """One event record citing `doc_id`, with id `<doc_id>:<n>`."""
    start = draw(st.integers(0, 5000))
    return Event(
        id=f"{doc_id}:{n}",
        event=draw(st.sampled_from(EVENT_TYPES)),
        mode=draw(st.lists(short_words, max_size=3)),
        context=draw(st.lists(short_words, max_size=3)),
        kind=draw(st.none() | st.sampled_from(KINDS)),
        aux=draw(st.lists(st.sampled_from(AUX_VALUES), max_size=2, unique=True)),
        actor=draw(st.lists(entities, max_size=3)),
        recipient=draw(st.lists(entities, max_size=3)),
        date=draw(st.none() | plover_dates()),
        enddate=draw(st.none() | plover_dates()),
        report_date=draw(st.none() | plover_dates().filter(lambda d: len(d) == 10)),
        event_loc=draw(st.none() | locations),
        attribution=Attribution(
            speaker=draw(st.lists(entities, max_size=2)), hedged=draw(st.booleans())
        ),
        confidence=draw(st.floats(0, 1, allow_nan=False)),
        text_info=TextInfo(
            doc_id=doc_id,
            sentence=draw(st.integers(0, 500)),
            start=start,
            end=start + draw(st.integers(0, 2000)),
        ),
        event_text=draw(texts),
        reasons=draw(st.dictionaries(short_words, texts, max_size=3)),
    )


@st.composite
def event_lists(draw: st.DrawFn, doc_id: str = "doc", max_size: int = 4) -> list[Event]:
    """The records of one document: ids `<doc_id>:0`, `<doc_id>:1`, …"""
    size = draw(st.integers(0, max_size))
    return [draw(events(doc_id=doc_id, n=n)) for n in range(size)]


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A document with a non-empty text and optional metadata."""
    text = draw(texts.filter(lambda t: bool(t.strip())) | short_words)
    return Document(
        id=draw(doc_ids),
        text=text,
        report_date=draw(st.none() | plover_dates().filter(lambda d: len(d) == 10)),
        url=draw(st.none() | st.just("https://example.org/a")),
        title=draw(st.none() | texts),
        source=draw(st.none() | short_words),
    )


# provenance (event-record.md): an extractor's, a dataset row's, or none
provenances = (
    st.none()
    | st.fixed_dictionaries(
        {
            "extractor": st.just("pactwatch 0.1.0"),
            "model": st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
        }
    )
    | st.fixed_dictionaries(
        {
            "dataset": st.sampled_from(["gdelt", "icews", "acled", "polecat", "ucdp"]),
            "row_id": st.from_regex(r"[0-9A-Z]{1,12}", fullmatch=True),
            "url": st.none() | st.just("https://example.org/a;b?c=d"),
            "terms": texts,
            "source_codes": st.dictionaries(short_words, texts, max_size=4),
        }
    )
)
