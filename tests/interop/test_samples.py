"""The shared samples of published data (../shared/data/formats) import with 0 rejected rows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pactwatch.ingest.formats.run import import_files
from pactwatch.store import Store, get_document, iter_events
from pactwatch.store.schema import events, import_rows, import_sources, incident_keys


@pytest.fixture
def formats_dir(shared_dir: Path) -> Path:
    return shared_dir / "data" / "formats"


def _count(store: Store, table: object, *where: object) -> int:
    query = select(func.count()).select_from(table)  # type: ignore[arg-type]
    for w in where:
        query = query.where(w)  # type: ignore[arg-type]
    with store.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def test_gdelt_events_and_mentions(store: Store, formats_dir: Path) -> None:
    summary = import_files([formats_dir], store, "gdelt")
    # the ICEWS sample in the same folder is no GDELT file: one message names it, no row of it
    assert [r.origin for r in summary.rejected] == [str(formats_dir / "icews-events-sample.tsv")]
    assert "not a GDELT 2.0 file: 20 tab-separated columns" in summary.rejected[0].reason
    assert {p for p, _ in summary.skipped} == {
        str(formats_dir / "NOTICE.md"),
        str(formats_dir / "acled-columns.md"),
    }
    assert summary.rows == 200 + 208
    assert summary.records + summary.unmapped == 200 and summary.records >= 170
    # mentions create no record: they attach to the events they name
    assert _count(store, events) == summary.records
    assert summary.mentions + summary.mentions_unmatched == 208
    assert summary.mentions_unmatched == _count(
        store, import_sources, import_sources.c.event_id.is_(None)
    )
    unmapped = _count(store, import_rows, import_rows.c.event_id.is_(None))
    assert unmapped == summary.unmapped
    with store.engine.connect() as conn:
        reasons = {r for (r,) in conn.execute(select(import_rows.c.reason).distinct()) if r}
    assert all("roots 01 (public statement) and 02 (appeal)" in r for r in reasons)
    # every record quotes its own row: text_info points at the line naming its GDELT id
    evs = list(iter_events(store))
    doc = get_document(store, evs[0].text_info.doc_id)
    for ev in evs:
        line = doc.text[ev.text_info.start : ev.text_info.end]
        assert line.endswith(f"GDELT {ev.provenance['row_id']}")  # type: ignore[index]
        assert ev.provenance["dataset"] == "gdelt"  # type: ignore[index]
    first = next(ev for ev in evs if ev.provenance["row_id"] == "613300832")  # type: ignore[index]
    assert (first.event, first.mode, first.kind) == ("ASSAULT", ["firearms"], "armed_clash")
    assert first.event_loc is not None and first.event_loc.country_code == "CHN"  # FIPS CH
    assert first.provenance["source_codes"]["NumSources"] == "1"  # type: ignore[index]
    assert first.date == "2016-01-02" and first.report_date == "2017-01-01"
    # imported records were corroborated like extracted ones
    assert _count(store, incident_keys) == summary.records
    again = import_files([formats_dir], store, "gdelt")
    assert again.files_new == 0 and again.files_unchanged == 2 and again.records == 0


def test_icews_sample(store: Store, formats_dir: Path) -> None:
    summary = import_files([formats_dir / "icews-events-sample.tsv"], store, "icews")
    assert summary.rejected == [] and summary.rows == 248
    assert summary.records + summary.unmapped == 248
    evs = {ev.provenance["row_id"]: ev for ev in iter_events(store)}  # type: ignore[index]
    ultimatum = evs["32891071"]  # Donald Trump gives Justin Trudeau an ultimatum (CAMEO 139)
    assert ultimatum.event == "THREATEN" and ultimatum.mode == ["relations"]
    assert [(e.code, e.sector) for e in ultimatum.actor] == [("USA", "GOV")]
    assert [e.code for e in ultimatum.recipient] == ["CAN"]
    assert ultimatum.event_loc is not None and ultimatum.event_loc.country_code == "AZE"
    assert ultimatum.provenance["terms"].startswith("ICEWS")  # type: ignore[index]
    # organisations are resolved by name: the EU, not a state
    codes = {e.code for ev in evs.values() for e in ev.actor + ev.recipient}
    assert {"EU", "UKR", "RUS"} <= codes


def test_cli_in_a_process(tmp_path: Path, formats_dir: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    run = subprocess.run(
        [sys.executable, "-m", "pactwatch", "import", "--format", "icews",
         str(formats_dir / "icews-events-sample.tsv"), "--db", db],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "248 row(s) read" in run.stdout and "0 rejected" in run.stdout
    assert "terms of icews: ICEWS" in run.stdout
    out = subprocess.run(
        [sys.executable, "-m", "pactwatch", "export", "--format", "csv", "--db", db],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0
    assert "restrict redistribution" in out.stderr and "icews" in out.stderr


def test_the_dashboard_shows_which_dataset_a_record_came_from(
    store: Store, formats_dir: Path
) -> None:
    from fastapi.testclient import TestClient

    from pactwatch.web import create_app

    import_files([formats_dir / "gdelt2-events-sample.tsv"], store, "gdelt")
    record = next(iter(iter_events(store)))
    assert record.provenance is not None
    with TestClient(create_app(store=store, secret_key="test")) as client:
        listing = client.get("/events").text
        assert '<span class="dataset"' in listing and ">GDELT</span>" in listing
        page = client.get(f"/events/{record.id}").text
        assert "Imported from <strong>GDELT</strong>, row" in page
        assert f"<code>{record.provenance['row_id']}</code>" in page
