"""Importers on files written from the codebooks: ACLED, UCDP GED, POLECAT, GDELT rows,
archives, bad input, and one dataset row counted as one source."""

from __future__ import annotations

import datetime as dt
import gzip
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from pactwatch.check.check import check
from pactwatch.ingest.formats.run import import_files
from pactwatch.store import Store, iter_events
from pactwatch.store.schema import documents, import_rows, incidents
from tests.interop import fixtures


def _by_row(store: Store) -> dict[str, object]:
    return {ev.provenance["row_id"]: ev for ev in iter_events(store)}  # type: ignore[index]


def test_acled(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_bytes(fixtures.acled_csv(fixtures.ACLED_ROWS))
    summary = import_files([path], store, "acled")
    assert summary.rejected == [] and (summary.records, summary.unmapped) == (2, 1)
    evs = _by_row(store)
    clash = evs["KGZ1001"]
    assert (clash.event, clash.mode, clash.kind) == ("ASSAULT", ["firearms"], "armed_clash")  # type: ignore[attr-defined]
    # a battle is two-sided: both states are actors, with the sector of state forces
    assert [(e.code, e.sector) for e in clash.actor] == [("KGZ", "MIL"), ("TJK", "MIL")]  # type: ignore[attr-defined]
    assert clash.recipient == [] and clash.date == "2022-09-14"  # type: ignore[attr-defined]
    assert clash.event_loc.country_code == "KGZ" and clash.event_loc.lat == 39.9167  # type: ignore[attr-defined]
    assert clash.provenance["source_codes"]["fatalities"] == "2"  # type: ignore[attr-defined]
    protest = evs["UKR2002"]
    # the old 'D Month YYYY' date, and time_precision 3: only the month is known
    assert protest.event == "PROTEST" and protest.date == "2019-01"  # type: ignore[attr-defined]
    assert [(e.code, e.sector) for e in protest.actor] == [("NSA", "CVL")]  # type: ignore[attr-defined]
    with store.engine.connect() as conn:
        reason = conn.execute(
            select(import_rows.c.reason).where(import_rows.c.row_id == "KAZ3003")
        ).scalar_one()
        text = conn.execute(select(documents.c.text)).scalar_one()
    assert reason == "ACLED 'Change to group/activity': no PLOVER event type"
    assert "Protest, with commas, and ; semicolons." in text  # the notes, kept on the row's line


def test_ucdp(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "ged.csv"
    path.write_bytes(fixtures.headed(fixtures.UCDP_HEADER, fixtures.UCDP_ROWS, ","))
    summary = import_files([path], store, "ucdp")
    assert summary.rejected == [] and (summary.records, summary.unmapped) == (2, 1)
    evs = _by_row(store)
    state_based = evs["500001"]
    assert state_based.kind == "armed_clash"  # type: ignore[attr-defined]
    assert [e.code for e in state_based.actor] == ["KGZ", "TJK"]  # type: ignore[attr-defined]
    assert (state_based.date, state_based.enddate, state_based.report_date) == (  # type: ignore[attr-defined]
        "2021-04-28", "2021-04-29", "2021-04-29",
    )  # fmt: skip
    one_sided = evs["500002"]
    assert [e.code for e in one_sided.actor] == ["NSA"]  # type: ignore[attr-defined]
    assert [(e.code, e.sector) for e in one_sided.recipient] == [("NSA", "CVL")]  # type: ignore[attr-defined]
    assert one_sided.event_loc.country_code == "SYR" and one_sided.event_loc.resolution == 2  # type: ignore[attr-defined]


def test_polecat_latin1(store: Store, tmp_path: Path) -> None:
    rows = [dict(fixtures.POLECAT_ROWS[0], **{"Actor Name": "Kırgızstan"[:0] + "Kyrgyzstan é"})]
    rows.append(fixtures.POLECAT_ROWS[1])
    path = tmp_path / "ngecEvents.DV.2022.txt"
    path.write_bytes(fixtures.headed(fixtures.POLECAT_HEADER, rows, "\t", encoding="latin-1"))
    summary = import_files([path], store, "polecat")
    assert summary.rejected == [] and (summary.records, summary.unmapped) == (1, 1)
    (ev,) = iter_events(store)
    assert (ev.event, ev.mode, ev.context) == ("REJECT", ["meet"], ["military"])
    # 'cooperation' is no context the spec names: kept in provenance, not emitted
    assert ev.actor[0].code == "KGZ" and ev.actor[0].text == "Kyrgyzstan é"
    assert ev.actor[0].qid == "Q813" and ev.recipient[0].code == "CSTO"
    assert ev.report_date == "2022-10-07"


def test_archives_and_bad_rows(store: Store, tmp_path: Path) -> None:
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    good = "\n".join(fixtures.clash_row(str(i), f"https://news.example/{i}") for i in (1, 2))
    with zipfile.ZipFile(tmp_path / "20220915.export.CSV.zip", "w") as z:
        z.writestr("20220915.export.CSV", good + "\n")
        z.writestr("README.md", "codebook")
    (tmp_path / "20220916.export.CSV.gz").write_bytes(
        gzip.compress((fixtures.clash_row("3", "https://b.example/3") + "\nbroken\trow\n").encode())
    )
    (tmp_path / "broken.gz").write_bytes(b"not gzip")
    summary = import_files(sorted(tmp_path.iterdir()), store, "gdelt")
    origins = sorted(r.origin for r in summary.rejected)
    assert origins == [f"{tmp_path / '20220916.export.CSV.gz'}:2", str(tmp_path / "broken.gz")]
    assert "2 tab-separated columns, GDELT 2.0 events have 61" in summary.rejected[0].reason
    assert summary.records == 3 and summary.files_new == 2
    assert summary.skipped == [(f"{tmp_path / '20220915.export.CSV.zip'}!README.md",
                                "documentation, not a data file")]  # fmt: skip


def test_wrong_format_named_once(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_bytes(fixtures.acled_csv(fixtures.ACLED_ROWS))
    summary = import_files([path], store, "ucdp")
    assert len(summary.rejected) == 1
    assert "not a ucdp file: no column 'id', 'type_of_violence'" in summary.rejected[0].reason
    assert summary.records == 0


def test_one_row_is_one_source(store: Store, tmp_path: Path) -> None:
    """NumSources says 50, but each row is one source: two rows with two URLs are two
    sources (corroborated), two rows with one URL are one (single-source)."""
    path = tmp_path / "same.export.CSV"
    path.write_text(
        "\n".join(fixtures.clash_row(str(i), "https://one.example/a") for i in (10, 11)) + "\n"
    )
    import_files([path], store, "gdelt")
    (finding,) = check(store, "csto-treaty", member="KGZ", as_of=dt.date(2023, 1, 1))
    assert finding.sources == 1 and finding.grade == "single-source"
    assert finding.evidence[0].url == "https://one.example/a"
    assert finding.evidence[0].quote.endswith("GDELT 10")
    path2 = tmp_path / "other.export.CSV"
    path2.write_text(fixtures.clash_row("12", "https://two.example/b") + "\n")
    import_files([path2], store, "gdelt")
    (finding,) = check(store, "csto-treaty", member="KGZ", as_of=dt.date(2023, 1, 1))
    assert finding.sources == 2 and finding.grade == "corroborated"
    with store.engine.connect() as conn:
        (sources,) = conn.execute(select(incidents.c.sources)).one()
    assert sources == 2


@pytest.mark.parametrize("name", ["fips_iso3.tsv", "CAMEO2PLOVER-2021.txt", "acled_plover.tsv"])
def test_broken_table_named(tmp_path: Path, name: str) -> None:
    import shutil

    from pactwatch.errors import KnowledgeError
    from pactwatch.ingest.formats.tables import data_dir, load_tables

    shutil.copytree(data_dir(), tmp_path / "data")
    target = tmp_path / "data" / name
    lines = target.read_text().splitlines()
    bad = {"fips_iso3.tsv": "XX\tQQQ", "CAMEO2PLOVER-2021.txt": "999: FROLIC, , # nonsense",
           "acled_plover.tsv": "Made up\tASSAULT\tteleport\t\t"}[name]  # fmt: skip
    target.write_text("\n".join([*lines, bad]) + "\n")
    with pytest.raises(KnowledgeError) as err:
        load_tables(tmp_path / "data")
    assert f"{name}:{len(lines) + 1}:" in str(err.value)
    assert load_tables().fips["GM"] == "DEU"  # the shipped tables are valid


def test_row_without_id_is_rejected_by_line(store: Store, tmp_path: Path) -> None:
    rows = [*fixtures.ACLED_ROWS[:1], dict(fixtures.ACLED_ROWS[1], event_id_cnty="")]
    path = tmp_path / "acled.csv"
    path.write_bytes(fixtures.acled_csv(rows))
    summary = import_files([path], store, "acled")
    assert [r.origin for r in summary.rejected] == [f"{path}:3"]
    assert "no event_id_cnty" in summary.rejected[0].reason and summary.records == 1


def test_mentions_attach_to_events_given_after_them(store: Store, tmp_path: Path) -> None:
    """A mentions file listed before its events file still finds them; it creates no record."""
    from pactwatch.store.schema import import_sources

    events_file = tmp_path / "20220915.export.CSV"
    events_file.write_text(fixtures.clash_row("1", "https://a.example/1") + "\n")
    mention = ["1", "20220915120000", "20220915121500", "1", "b.example",
               "https://b.example/story", "3", "-1", "-1", "40", "1", "80", "2000", "-3.1", "", ""]  # fmt: skip
    citation = ["99", "20220915120000", "20220915121500", "2", "Some Journal", "Journal, p. 3",
                *[""] * 10]  # fmt: skip
    mentions_file = tmp_path / "20220915.mentions.CSV"
    mentions_file.write_text("\t".join(mention) + "\n" + "\t".join(citation) + "\n")
    summary = import_files([mentions_file, events_file], store, "gdelt")
    assert (summary.records, summary.mentions, summary.mentions_unmatched) == (1, 1, 1)
    (ev,) = iter_events(store)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                import_sources.c.event_id, import_sources.c.url, import_sources.c.reason
            ).order_by(import_sources.c.line)
        ).all()
    assert rows[0] == (ev.id, "https://b.example/story", None)
    assert rows[1][0] is None and rows[1][1] is None  # a citation has no URL
    assert "no stored GDELT event has this GLOBALEVENTID" in rows[1][2]
    again = import_files([mentions_file], store, "gdelt")
    assert (again.files_unchanged, again.mentions) == (1, 0)


def test_a_row_and_the_article_at_its_url_are_one_source(store: Store, tmp_path: Path) -> None:
    from pactwatch.corroborate import corroborate

    path = tmp_path / "g.export.CSV"
    path.write_text(fixtures.clash_row("1", "https://www.akipress.com/news/1?utm_source=x") + "\n")
    import_files([path], store, "gdelt")

    def article(doc_id: str, url: str, source: str) -> None:
        fixtures.save_clash_article(store, doc_id, url, source)
        corroborate(store)

    article("akipress", "http://akipress.com/news/1", "AKIpress")
    (finding,) = check(store, "csto-treaty", member="KGZ", as_of=dt.date(2023, 1, 1))
    assert len(finding.events) == 2 and finding.sources == 1  # one article, two reports of it
    article("tass", "https://tass.com/world/2", "TASS")
    (finding,) = check(store, "csto-treaty", member="KGZ", as_of=dt.date(2023, 1, 1))
    assert len(finding.events) == 3 and finding.sources == 2
