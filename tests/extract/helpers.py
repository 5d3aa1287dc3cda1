"""The rules' records of one short text, for the pattern tests (no learned typer: each test
is about one rule)."""

from __future__ import annotations

from pactwatch.extract import extract_documents
from pactwatch.records import Document, Event


def records(text: str) -> list[Event]:
    doc = Document(id="d", text=text, report_date="2022-10-10")
    return next(iter(extract_documents([doc], model=False)))[1]


def of(evs: list[Event], event: str) -> list[Event]:
    return [e for e in evs if e.event == event]


def codes(entities: list[object]) -> set[str]:
    return {e.code for e in entities}  # type: ignore[attr-defined]
