"""Hostile input never crashes ingest nor loses the valid documents beside it, on both stores.

Each JSONL line is parsed on its own with limits on nesting and on number size;
text is cleaned of what PostgreSQL refuses (document text: NUL and lone
surrogates become U+FFFD one for one, so offsets hold; ids, URLs, titles and
sources lose every control character), the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pactwatch import extract
from pactwatch.cli import main
from pactwatch.errors import InputRejected
from pactwatch.ingest import read_documents
from pactwatch.ingest.readers import MAX_JSON_DEPTH, MAX_NUMBER_DIGITS
from pactwatch.ingest.run import ingest
from pactwatch.records import Document, clean_field, clean_text
from pactwatch.store import Store, get_document, iter_events
from pactwatch.store.schema import documents
from tests.fake_extract import fake_extract_documents

_runs = itertools.count()


@pytest.fixture(autouse=True)
def _fake_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "extract_documents", fake_extract_documents)


# --- what a hostile line may hold -------------------------------------------------------

# every character class that has broken a store or a parser: NUL and other C0/C1
# controls, lone surrogates (JSON "\ud800"), and ordinary text around them
nasty_chars = st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\x9f", "\ud800", "\udfff", "\n"])
nasty_text = st.lists(
    nasty_chars | st.text(st.characters(codec="utf-8"), min_size=1, max_size=5),
    min_size=1,
    max_size=8,
).map("".join)


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


@st.composite
def hostile_lines(draw: st.DrawFn) -> tuple[bytes, bool]:
    """One JSONL line and whether it is a document that must be stored.

    `@N@` in it stands for a number unique to the run (the test fills it in), so that
    examples sharing one store never share an id or a text.
    """
    kind = draw(
        st.sampled_from(
            ["valid", "nasty-fields", "deep", "huge-int", "huge-float", "bad-utf8", "bad-date",
             "wrong-type", "not-an-object"]
        )
    )  # fmt: skip
    text = "Kyrgyz guards fired at a Tajik post number @N@. " + draw(nasty_text)
    obj: dict[str, object] = {"id": "doc-@N@", "text": text}
    if kind == "valid":
        return json.dumps(obj).encode(), True
    if kind == "nasty-fields":
        # NUL and friends in every field a reader keeps; the id keeps a clean core
        obj["id"] = draw(nasty_text) + "doc-@N@" + draw(nasty_text)
        for key in ("url", "title", "source"):
            obj[key] = draw(nasty_text)
        return json.dumps(obj).encode(), True
    if kind == "bad-date":
        obj["report_date"] = "2022-10-10x" + draw(nasty_text)  # no date, however it starts
        return json.dumps(obj).encode(), False
    if kind == "wrong-type":
        key = draw(st.sampled_from(["text", "id", "url", "title", "source", "report_date"]))
        obj[key] = draw(st.sampled_from([[1, 2], {"a": None}, 1.5, True]))
        if key == "id" and obj[key] == 1.5:
            obj[key] = [1.5]
        return json.dumps(obj).encode(), False
    if kind == "not-an-object":
        return json.dumps(draw(st.sampled_from([[obj], "text", 7, None]))).encode(), False
    if kind == "deep":
        depth = draw(st.integers(MAX_JSON_DEPTH + 1, 3000))
        return f'{{"id": "deep-@N@", "text": "x", "meta": {_deep(depth)}}}'.encode(), False
    if kind in ("huge-int", "huge-float"):
        digits = "7" * draw(st.integers(MAX_NUMBER_DIGITS + 1, 6000))
        number = digits if kind == "huge-int" else f"1.{digits}e5"
        return f'{{"id": "n-@N@", "text": "x", "n": {number}}}'.encode(), False
    raw = json.dumps(obj).encode()
    cut = draw(st.integers(1, 40))
    bad = draw(st.sampled_from([b"\xff", b"\xc3(", b"\xed\xa0\x80"]))
    return raw[:cut] + bad + raw[cut:], False


def _stored(store: Store) -> dict[str, dict[str, object]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(documents)).mappings().all()
    return {str(r["id"]): dict(r) for r in rows}


@pytest.mark.slow
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lines=st.lists(hostile_lines(), min_size=1, max_size=12))
def test_hostile_lines_never_crash_nor_lose_valid_ones(
    store: Store, tmp_path: Path, lines: list[tuple[bytes, bool]]
) -> None:
    path = tmp_path / f"feed-{next(_runs)}.jsonl"
    lines = [(line.replace(b"@N@", str(next(_runs)).encode()), ok) for line, ok in lines]
    path.write_bytes(b"\n".join(line for line, _ok in lines) + b"\n")
    before = set(_stored(store))

    summary = ingest([path], store)  # raises nothing, whatever the lines hold

    good = [n for n, (_line, ok) in enumerate(lines, start=1) if ok]
    bad = [n for n, (_line, ok) in enumerate(lines, start=1) if not ok]
    assert sorted(int(r.origin.rsplit(":", 1)[1]) for r in summary.rejected) == bad
    assert all(r.origin.startswith(f"{path}:") for r in summary.rejected)
    stored = _stored(store)
    assert summary.new == len(good) == len(set(stored) - before)
    for n in good:
        obj = json.loads(lines[n - 1][0])
        doc_id = clean_field(obj["id"]).strip()
        row = stored[doc_id]
        # the text as given, NUL and lone surrogates replaced one for one: offsets hold
        assert row["text"] == clean_text(obj["text"])
        assert len(str(row["text"])) == len(obj["text"])
        for key in ("url", "title", "source"):
            value = row[key]
            assert value is None or value == clean_field(obj.get(key) or "").strip()
            assert value is None or not any(c in str(value) for c in "\x00\x01\x1b\x7f\ud800")
        assert get_document(store, doc_id).text == row["text"]
        for event in iter_events(store, doc_id=doc_id):
            # each record's offsets still point into the stored text
            assert 0 <= event.text_info.start <= event.text_info.end <= len(str(row["text"]))


def test_a_line_1000_deep_and_a_5000_digit_number_are_rejected_by_line(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "before", "text": "Bishkek cancelled the drills."})
        + "\n"
        + f'{{"id": "deep", "text": "x", "meta": {_deep(1000)}}}\n'
        + f'{{"id": "big", "text": "x", "n": {"9" * 5000}}}\n'
        + json.dumps({"id": "after", "text": "Yerevan froze its dues."})
        + "\n"
    )
    summary = ingest([path], store)
    assert (summary.new, [r.origin for r in summary.rejected]) == (2, [f"{path}:2", f"{path}:3"])
    assert "nested more than" in summary.rejected[0].reason
    assert "5,000 digits" in summary.rejected[1].reason
    assert set(_stored(store)) == {"before", "after"}


def test_nul_in_every_field_is_stored_the_same_on_both_stores(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "n\u0000ul",
                "text": "Dushanbe\u0000protested.",
                "url": "https://x.example/\u0000a",
                "title": "Ti\u0000tle\u0007",
                "source": "wi\u0000re",
            }
        )
        + "\n"
        + json.dumps({"id": "later", "text": "The CSTO called for calm."})
        + "\n"
    )
    summary = ingest([path], store)
    assert (summary.new, summary.rejected) == (2, [])
    row = _stored(store)["nul"]
    assert (row["text"], row["url"], row["title"], row["source"]) == (
        "Dushanbe\ufffdprotested.",
        "https://x.example/a",
        "Title",
        "wire",
    )


def test_undecodable_file_names_do_not_reach_the_store(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    name = b"r\xe9sum\xe9.txt"  # Latin-1 bytes: a str with lone surrogates in Python
    (folder / name.decode("utf-8", "surrogateescape")).write_text(
        "Kyrgyz guards fired at a Tajik post."
    )
    bad_name = folder / name.decode("utf-8", "surrogateescape")
    summary = ingest([folder, bad_name], store)  # named itself too: the audit entry holds it
    assert (summary.new, summary.unchanged, summary.rejected) == (1, 1, [])
    [row] = _stored(store).values()
    assert "\udce9" not in str(row["origin"]) and str(row["origin"]).endswith("rsum.txt")


def test_a_document_over_the_word_limit_is_rejected_clearly(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PACTWATCH_MAX_WORDS", "50")
    # English function words, so that the language check lets both through
    (tmp_path / "long.txt").write_text("the " * 51)
    (tmp_path / "short.txt").write_text("the " * 50)
    summary = ingest([tmp_path / "long.txt", tmp_path / "short.txt"], store)
    assert summary.new == 1
    [rejected] = summary.rejected
    assert rejected.origin == str(tmp_path / "long.txt")
    assert "51 words, over the limit of 50" in rejected.reason
    assert "PACTWATCH_MAX_WORDS" in (rejected.fix or "")


def test_the_default_word_limit_is_200000(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("the " * 200_001)  # English words: the language check passes
    [item] = list(read_documents([path], max_bytes=10_000_000))
    assert isinstance(item, InputRejected) and "200,001 words" in item.reason
    path.write_text("the " * 200_000)
    [item] = list(read_documents([path], max_bytes=10_000_000))
    assert isinstance(item, Document)


def test_a_long_source_is_rejected_on_both_stores_alike(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "src.jsonl"
    path.write_text(
        json.dumps({"id": "s", "text": "x y", "source": "s" * 301})
        + "\n"
        + json.dumps({"id": "t", "text": "y z", "source": "s" * 300})
        + "\n"
    )
    summary = ingest([path], store)
    assert summary.new == 1 and [r.origin for r in summary.rejected] == [f"{path}:1"]
    assert '"source" is 301 characters long' in summary.rejected[0].reason


def test_the_cli_names_each_bad_line_and_stores_the_rest(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Armenia threatened to leave."}\n'
        + b'{"id": "b", "text": "x", "m": '
        + _deep(5000).encode()
        + b"}\n"
        + b'{"id": "c", "text": "caf\xff"}\n'
        + b'{"id": "d", "title": "\\u0000", "text": "Yerevan froze dues.\\u0000"}\n'
    )
    status = main(["ingest", str(path), "--db", store_url])
    out, err = capsys.readouterr()
    assert status == 1, err
    assert "Traceback" not in err
    assert f"{path}:2: nested more than {MAX_JSON_DEPTH} levels deep" in err
    assert f"{path}:3: not valid UTF-8" in err
    assert "2 new, 0 unchanged, 2 rejected" in out


def test_a_value_postgresql_refuses_rejects_that_document_only(pg_url: str) -> None:
    from pactwatch.store import open_store, save_document

    with open_store(pg_url) as store:
        too_long = Document(id="odd", text="x y", report_date="2022-10-10-and-more", origin="f:1")
        with pytest.raises(InputRejected) as info:
            save_document(store, too_long, [])
        assert info.value.origin == "f:1" and "the store refused it" in info.value.reason
        assert save_document(store, Document(id="next", text="y z"), []) == "new"
        assert set(_stored(store)) == {"next"}
