"""read_documents: each supported input becomes Documents; each bad one one clear rejection."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pactwatch.errors import InputRejected, UsageError
from pactwatch.ingest import count_inputs, read_documents
from pactwatch.records import Document, document_id

ARTICLE = (
    "Kyrgyz and Tajik border guards exchanged fire near Batken on Wednesday, officials said. "
    "The CSTO secretariat called on both member states to stop the fighting at once."
)

PAGE = f"""<!DOCTYPE html>
<html><head>
<title>Border fighting resumes | Steppe Wire</title>
<meta property="og:title" content="Border fighting resumes">
<meta property="og:site_name" content="Steppe Wire">
<meta property="article:published_time" content="2022-09-16T08:30:00+03:00">
<link rel="canonical" href="https://steppe.example/2022/09/border">
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/subscribe">Subscribe</a></nav>
<div class="calendar-widget"><table><tr><td>Mon</td><td>Tue</td></tr><tr><td>12</td><td>13</td></tr></table></div>
<article><h1>Border fighting resumes</h1>
<p>{ARTICLE}</p>
<p>Bishkek accused Dushanbe of moving heavy weapons to the border in the days before the clash.</p>
</article>
<div class="subscribe-box">Subscribe to Steppe Wire on Telegram and never miss a story!</div>
<section id="comments"><h3>Comments</h3><p>Comment rules: no insults, no spam.</p>
<div class="comment">Great article, thanks!</div></section>
<footer>© 2022 Steppe Wire. All rights reserved.</footer>
</body></html>
"""


def _read(*paths: object, **kwargs: object) -> list[Document | InputRejected]:
    return list(read_documents([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def _only_rejection(items: list[Document | InputRejected]) -> InputRejected:
    assert len(items) == 1 and isinstance(items[0], InputRejected), items
    return items[0]


def test_text_file_is_one_document_keyed_by_its_text(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = _read(path, report_date="2022-09-16")
    assert isinstance(doc, Document)
    assert doc.id == document_id(ARTICLE) and doc.text == ARTICLE
    assert doc.report_date == "2022-09-16" and doc.origin == str(path)


def test_utf8_bom_is_dropped_and_markdown_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_bytes(b"\xef\xbb\xbf# Brief\n\n" + ARTICLE.encode())
    [doc] = _read(path)
    assert isinstance(doc, Document)
    assert doc.text.startswith("# Brief") and doc.title == "Brief"


def test_report_date_in_the_file_name_is_used_when_none_is_given(tmp_path: Path) -> None:
    path = tmp_path / "csto-op-ed-2022-10-10.txt"
    path.write_text(ARTICLE)
    [doc] = _read(path)
    assert isinstance(doc, Document) and doc.report_date == "2022-10-10"
    [doc] = _read(path, report_date="2022-10-11")
    assert isinstance(doc, Document) and doc.report_date == "2022-10-11"


def test_bad_report_date_option_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        _read(tmp_path, report_date="10/10/2022")


def test_html_keeps_the_article_and_drops_the_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    [doc] = _read(path, report_date="2000-01-01")
    assert isinstance(doc, Document)
    assert ARTICLE in doc.text and "heavy weapons" in doc.text
    for boilerplate in ("Subscribe", "Comment rules", "Great article", "All rights", "Politics"):
        assert boilerplate not in doc.text
    assert doc.title == "Border fighting resumes"
    assert doc.report_date == "2022-09-16"  # the page's own date wins over the default
    assert doc.url == "https://steppe.example/2022/09/border"
    assert doc.source == "Steppe Wire"
    assert doc.id == document_id(doc.text)


def test_html_in_its_declared_encoding(tmp_path: Path) -> None:
    path = tmp_path / "ru.html"
    # English text (extraction reads English only) quoting a Cyrillic name
    body = (
        "Bishkek cancelled the CSTO exercise «Нерушимое братство-2022» a few days before it was due to begin, the ministry said. "
        * 3
    )
    html = f'<html><head><meta charset="windows-1251"><title>Учения</title></head><body><article><p>{body}</p></article></body></html>'
    path.write_bytes(html.encode("cp1251"))
    [doc] = _read(path)
    assert isinstance(doc, Document) and "Нерушимое братство" in doc.text
    # a declared encoding that does not fit is still a rejection
    path.write_bytes(html.replace("windows-1251", "ascii").encode("cp1251"))
    assert "not valid UTF-8" in _only_rejection(_read(path)).reason


def test_html_without_article_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text(
        "<html><head><title>Login</title></head><body><script>go()</script></body></html>"
    )
    rejected = _only_rejection(_read(path))
    assert "no article text" in rejected.reason and rejected.origin == str(path)


def test_jsonl_good_lines_go_through_and_bad_lines_are_named(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "first", "report_date": "2022-10-10", "extra": 1}),
        "",
        "{not json",
        json.dumps({"doc_id": "b", "text": "second", "url": "https://x.example", "title": "T"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "c"}),
        json.dumps({"text": "third, no id", "source": "wire"}),
        json.dumps({"id": "d", "text": "x", "report_date": "yesterday"}),
        json.dumps({"id": "e" * 201, "text": "x"}),
        json.dumps({"id": "f", "text": "nul\u0000inside"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = _read(path, report_date="2022-01-01")
    docs = [i for i in items if isinstance(i, Document)]
    rejected = {i.origin: i.reason for i in items if isinstance(i, InputRejected)}
    assert [(d.id, d.report_date, d.origin) for d in docs] == [
        ("a", "2022-10-10", f"{path}:1"),
        ("b", "2022-01-01", f"{path}:4"),
        (document_id("third, no id"), "2022-01-01", f"{path}:7"),
        ("f", "2022-01-01", f"{path}:10"),
    ]
    assert (docs[1].url, docs[1].title, docs[2].source) == ("https://x.example", "T", "wire")
    assert docs[3].text == "nul\ufffdinside"  # NUL, which PostgreSQL refuses: one for one
    assert sorted(rejected) == [f"{path}:{n}" for n in (3, 5, 6, 8, 9)]
    assert "not valid JSON" in rejected[f"{path}:3"]
    assert "not an object" in rejected[f"{path}:5"]
    assert '"text"' in rejected[f"{path}:6"]
    assert "not a date" in rejected[f"{path}:8"]
    assert "201 characters" in rejected[f"{path}:9"]


def test_a_gold_file_is_a_valid_input(shared_dir: Path) -> None:
    gold = shared_dir / "data" / "seed" / "gold.jsonl"
    items = _read(gold)
    assert items and all(isinstance(i, Document) for i in items)
    assert next(d.id for d in items if isinstance(d, Document)) == "seed"


def test_directories_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "a" / "deep" / "1.md").write_text("one")
    (tmp_path / "a" / "0.txt").write_text("zero")
    (tmp_path / "a" / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (tmp_path / ".git" / "x.txt").write_text("hidden")
    (tmp_path / ".hidden.txt").write_text("hidden")
    texts = [d.text for d in _read(tmp_path) if isinstance(d, Document)]
    assert texts == ["zero", "one", "two"]


def test_count_inputs_matches_what_is_read(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("one")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\nbroken\n')
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    paths = [tmp_path, tmp_path / "missing.txt"]
    assert count_inputs(paths) == len(_read(*paths)) == 5
    assert count_inputs(["-"]) is None


def test_stdin_is_text_or_jsonl() -> None:
    [doc] = list(read_documents(["-"], stdin=io.BytesIO(ARTICLE.encode())))
    assert isinstance(doc, Document) and doc.origin == "<stdin>" and doc.text == ARTICLE
    feed = b'{"id": "s1", "text": "one"}\n{"id": "s2", "text": "two"}\n'
    docs = list(read_documents(["-"], stdin=io.BytesIO(feed)))
    assert [d.id for d in docs if isinstance(d, Document)] == ["s1", "s2"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("nul.txt", b"text\x00with a NUL byte", "binary"),
        ("controls.txt", bytes(range(1, 32)) * 20, "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b" \n\t\n", "empty"),
        ("cyrillic.txt", "Бишкек отменил учения ОДКБ.".encode("cp1251"), "not valid UTF-8"),
        ("wide.txt", "text".encode("utf-16"), "UTF-16"),
        ("empty.jsonl", b"\n\n", "empty"),
        ("image.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00", "not valid"),
    ],
)
def test_bad_files_are_rejected_with_the_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    items = _read(path)
    assert items and all(isinstance(i, InputRejected) for i in items)
    first = items[0]
    assert isinstance(first, InputRejected)
    assert first.origin.startswith(str(path)) and reason in first.reason
    assert first.fix


def test_undecodable_text_says_which_encoding_to_convert_to(tmp_path: Path) -> None:
    path = tmp_path / "cyrillic.txt"
    path.write_bytes(("Бишкек отменил учения ОДКБ. " * 20).encode("cp1251"))
    rejected = _only_rejection(_read(path))
    assert rejected.fix and "UTF-8" in rejected.fix and "iconv" in rejected.fix
    # the path as given, not the bare file name: the command works from where ingest ran
    assert f"UTF-8 {path} > {tmp_path / 'cyrillic.utf8.txt'}" in rejected.fix


def test_files_over_the_size_limit_are_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000)
    assert "over the limit of 1,000 bytes" in _only_rejection(_read(path, max_bytes=1000)).reason
    monkeypatch.setenv("PACTWATCH_MAX_BYTES", "1500")
    rejected = _only_rejection(_read(path))
    assert "1,500" in rejected.reason and rejected.fix and "--max-bytes" in rejected.fix
    monkeypatch.setenv("PACTWATCH_MAX_BYTES", "5000")
    assert isinstance(_read(path)[0], Document)
    # a .jsonl file may be large; the limit holds for each of its lines
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "ok", "text": "short"}) + "\n" + json.dumps({"text": "y" * 900})
    )
    items = _read(feed, max_bytes=500)
    assert isinstance(items[0], Document)
    assert isinstance(items[1], InputRejected) and items[1].origin == f"{feed}:2"


def test_missing_paths_and_unsupported_types_are_rejected(tmp_path: Path) -> None:
    assert "no such file" in _only_rejection(_read(tmp_path / "nope.txt")).reason
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    rejected = _only_rejection(_read(pdf))
    assert "'.pdf'" in rejected.reason and rejected.fix and ".txt" in rejected.fix
