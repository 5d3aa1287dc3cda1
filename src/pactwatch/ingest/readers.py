"""Input files → `Document`s, or `InputRejected` naming the input and why.

Readers never touch the store: `pactwatch extract` uses them as they are.
Supported: .txt, .md, .html/.htm (main text and metadata via trafilatura),
.jsonl (one document per line), directories (recursively, in sorted order), and
`-` for standard input. A bad line of a .jsonl file is rejected by its line
number while the good lines go through: each line is parsed on its own, with
limits on nesting and on the digits of a number, so that no line can exhaust
the parser. Text is cleaned of what the stores refuse (`records.clean_text`),
and a document of more than `max_words` words is rejected.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urlsplit

from pactwatch.errors import FetchFailed, InputRejected, UsageError
from pactwatch.ingest.language import not_english
from pactwatch.records import Document, clean_field, clean_text, document_id

if TYPE_CHECKING:  # httpx loads only when a URL is read
    from pactwatch.ingest.fetch import Fetcher

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

MAX_ID_LENGTH = 200  # documents.id is String(200)
MAX_SOURCE_LENGTH = 300  # documents.source is String(300)
# a document line is an object of strings: depth 1; metadata a reader ignores may nest a little
MAX_JSON_DEPTH = 32
# more digits than any id or count needs; Python refuses int() past 4,300 digits anyway
MAX_NUMBER_DIGITS = 100

log = logging.getLogger(__name__)

# told about each file a folder holds that is not read: (path, why)
OnSkip = Callable[[str, str], None]

STDIN = "-"
_STDIN_ORIGIN = "<stdin>"

# bytes other than these below 0x20 are rare in text and common in binary formats
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_BINARY_CONTROL_RATIO = 0.05
_SNIFF_BYTES = 8192

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_FILENAME_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")

_TO_UTF8 = "convert it to UTF-8, e.g. iconv -f {enc} -t UTF-8 {path} > {target}"


def parse_report_date(value: str) -> str:
    """A report date as YYYY-MM-DD from an ISO date or date-time; ValueError otherwise.

    The whole value must be a date ("2022-10-10garbage" is not one, and is not cut short).
    """
    text = value.strip()
    if len(text) == 10:
        return date.fromisoformat(text).isoformat()  # raises ValueError
    if len(text) < 10 or text[10] not in "T ":
        raise ValueError(value)
    return datetime.fromisoformat(text).date().isoformat()


def is_url(text: str) -> bool:
    """Whether an input names a web page rather than a file."""
    return text.lower().startswith(("http://", "https://"))


def check_report_date(value: str | None) -> str | None:
    """The --report-date option, checked; UsageError when it is not a date."""
    if value is None:
        return None
    try:
        return parse_report_date(value)
    except ValueError:
        raise UsageError(
            f"--report-date {value!r} is not a date", fix="give it as YYYY-MM-DD, e.g. 2022-10-10"
        ) from None


def read_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    report_date: str | None = None,
    max_bytes: int | None = None,
    max_words: int | None = None,
    stdin: BinaryIO | None = None,
    on_skip: OnSkip | None = None,
) -> Iterator[Document | InputRejected]:
    """Each input as Documents (a .jsonl file or directory gives several) or InputRejected;
    a document that is not in English is rejected (extraction reads English only).

    `report_date` is the default for documents that carry none (a .jsonl field or HTML
    metadata wins over it; a YYYY-MM-DD in a .txt/.md file name is used where it is
    absent). `max_bytes` caps each file (each line of a .jsonl file) and `max_words`
    each document; they default to the settings of those names. `stdin` is what `-`
    reads (default: the process's stdin). `on_skip` hears of each file inside a folder
    that is not read, and why.
    """
    from pactwatch import settings  # pydantic loads only when a command reads

    default_date = check_report_date(report_date)
    limit = int(max_bytes if max_bytes is not None else settings.get("max_bytes"))
    words = int(max_words if max_words is not None else settings.get("max_words"))
    for item in _read_all(paths, default_date, limit, stdin, on_skip):
        yield checked(item, words)


def checked(
    item: Document | InputRejected, max_words: int | None = None
) -> Document | InputRejected:
    """The document, or why pactwatch cannot take it: too long, or not in English."""
    if isinstance(item, InputRejected):
        return item
    from pactwatch import settings  # pydantic loads only when a command reads

    words = int(max_words if max_words is not None else settings.get("max_words"))
    return _english(_within_limits(item, words))


def _english(item: Document | InputRejected) -> Document | InputRejected:
    """The document, or its rejection when it is not in English (extraction reads English only)."""
    reason = not_english(item.text) if isinstance(item, Document) else None
    if reason is None or not isinstance(item, Document):
        return item
    return InputRejected(
        item.origin or item.id,
        f"document {item.id} does not look like English ({reason})",
        fix="pactwatch extracts English text only; translate it first",
    )


def _within_limits(doc: Document, max_words: int) -> Document | InputRejected:
    """The document, or why the store cannot take it (the same reasons on every backend)."""
    origin = doc.origin or doc.id
    for name, value, most in (
        ("id", doc.id, MAX_ID_LENGTH),
        ("source", doc.source, MAX_SOURCE_LENGTH),
    ):
        if value is not None and len(value) > most:
            return InputRejected(
                origin, f'"{name}" is {len(value)} characters long', fix=f"use at most {most}"
            )
    # a word takes at least two characters with its separator: short texts need no count
    if len(doc.text) <= max_words:
        return doc
    n = len(doc.text.split())
    if n <= max_words:
        return doc
    return InputRejected(
        origin,
        f"document has {n:,} words, over the limit of {max_words:,}",
        fix="split it into smaller documents, or raise PACTWATCH_MAX_WORDS",
    )


def _read_all(
    paths: Iterable[str | os.PathLike[str]],
    default_date: str | None,
    limit: int,
    stdin: BinaryIO | None,
    on_skip: OnSkip | None,
) -> Iterator[Document | InputRejected]:
    fetcher: Fetcher | None = None  # made at the first URL: one client, one delay per host
    try:
        for raw in paths:
            if isinstance(raw, str) and is_url(raw):
                if fetcher is None:
                    from pactwatch.ingest.fetch import Fetcher

                    fetcher = Fetcher()
                yield fetch_page(fetcher, raw, default_date)
                continue
            yield from _read_one(raw, default_date, limit, stdin, on_skip)
    finally:
        if fetcher is not None:
            fetcher.close()


def _read_one(
    raw: str | os.PathLike[str],
    default_date: str | None,
    limit: int,
    stdin: BinaryIO | None,
    on_skip: OnSkip | None,
) -> Iterator[Document | InputRejected]:
    if str(raw) == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield from _read_stdin(stream, default_date, limit)
        return
    path = Path(raw)
    if path.is_dir():
        for file in _walk(path, on_skip):
            yield from _read_file(file, default_date, limit)
    elif not path.exists():
        yield InputRejected(str(path), "no such file or directory", fix="check the path")
    elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
        yield InputRejected(
            str(path),
            f"unsupported file type {path.suffix or '(no extension)'!r}",
            fix="give a .txt, .md, .html, .htm or .jsonl file (text files: rename to .txt)",
        )
    else:
        yield from _read_file(path, default_date, limit)


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """About how many documents `read_documents` will yield (for a progress bar), or None
    when that cannot be known beforehand (standard input)."""
    total = 0
    for raw in paths:
        if str(raw) == STDIN:
            return None
        path = Path(raw)
        for file in _walk(path) if path.is_dir() else [path]:
            if file.suffix.lower() in JSONL_SUFFIXES and file.is_file():
                try:
                    with file.open("rb") as fh:
                        total += max(1, sum(1 for line in fh if line.strip()))
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def _walk(folder: Path, on_skip: OnSkip | None = None) -> Iterator[Path]:
    """Supported files under `folder`, sorted, skipping hidden files and folders.

    Files of other types inside a folder are skipped, not rejected: a folder of
    articles often holds images or notes that were never meant as input. Each one
    is named to `on_skip` with the reason, so that none goes missing unnoticed.
    """
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if name.startswith("."):
                continue
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path
            elif on_skip is not None:
                log.debug("%s: skipped (unsupported file type)", path)
                on_skip(str(path), f"unsupported file type {path.suffix or '(no extension)'!r}")


def _too_big(origin: str, size: int, limit: int, what: str = "file") -> InputRejected:
    return InputRejected(
        origin,
        f"{what} is {size:,} bytes, over the limit of {limit:,} bytes",
        fix="split it, or raise the limit with --max-bytes N or PACTWATCH_MAX_BYTES",
    )


def _read_file(
    path: Path, default_date: str | None, limit: int
) -> Iterator[Document | InputRejected]:
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from _read_jsonl(fh, origin, default_date, limit)
            return
        size = path.stat().st_size
        if size > limit:
            yield _too_big(origin, size, limit)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputRejected(
            origin, f"cannot read it ({exc.strerror or exc})", fix="check its permissions"
        )
        return
    text = _decode(data, origin, path)
    if isinstance(text, InputRejected) and suffix in HTML_SUFFIXES:
        text = _decode_declared(data) or text
    if isinstance(text, InputRejected):
        yield text
        return
    if suffix in HTML_SUFFIXES:
        yield _html_document(text, origin, default_date)
    else:
        yield _text_document(
            text, origin, default_date or _date_in_name(path), markdown=suffix == ".md"
        )


def _read_stdin(
    stream: BinaryIO, default_date: str | None, limit: int
) -> Iterator[Document | InputRejected]:
    """Standard input, read as JSONL, HTML or plain text according to how it starts."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield _too_big(_STDIN_ORIGIN, len(data), limit, what="standard input (at least)")
        return
    head = data.lstrip()[:200].lower()
    if head.startswith(b"{"):
        yield from _read_jsonl(
            iter(data.splitlines(keepends=True)), _STDIN_ORIGIN, default_date, limit
        )
        return
    text = _decode(data, _STDIN_ORIGIN, None)
    if isinstance(text, InputRejected):
        yield text
    elif head.startswith((b"<!doctype html", b"<html")):
        yield _html_document(text, _STDIN_ORIGIN, default_date)
    else:
        yield _text_document(text, _STDIN_ORIGIN, default_date, markdown=False)


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls > _BINARY_CONTROL_RATIO * len(sample)


def _guess_encoding(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # only a hint; trafilatura normally brings it along
        return None
    best = from_bytes(data[:65536]).best()
    return best.encoding.upper().replace("_", "-") if best else None


def _decode(data: bytes, origin: str, path: Path | None) -> str | InputRejected:
    """UTF-8 text (a BOM is dropped), or why it is not text pactwatch can read."""
    # the whole path, quoted for the shell: the command works from where ingest was run
    name = shlex.quote(str(path)) if path else "FILE"
    target = (
        shlex.quote(str(path.with_name(f"{path.stem}.utf8{path.suffix}")))
        if path
        else "FILE.utf8.txt"
    )
    if not data.strip():
        return InputRejected(origin, "empty (no text)", fix="give a file with text in it")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return InputRejected(
            origin,
            "UTF-16 text; pactwatch reads UTF-8",
            fix=_TO_UTF8.format(enc="UTF-16", path=name, target=target),
        )
    if _looks_binary(data):
        return InputRejected(
            origin,
            "binary data, not text",
            fix="give text: .txt, .md, .html or .jsonl (convert PDF or Word files to text first)",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data) or "WINDOWS-1251"
        return InputRejected(
            origin,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            f"it looks like {guess}",
            fix=_TO_UTF8.format(enc=guess, path=name, target=target),
        )


def _decode_declared(html: bytes) -> str | None:
    """An HTML page in the encoding its <meta charset> declares, if it declares one that fits."""
    match = _META_CHARSET.search(html[:4096])
    if not match:
        return None
    try:
        return html.decode(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _date_in_name(path: Path) -> str | None:
    match = _FILENAME_DATE.search(path.stem)
    if not match:
        return None
    try:
        return parse_report_date(match.group(1))
    except ValueError:
        return None


def _text_document(text: str, origin: str, report_date: str | None, *, markdown: bool) -> Document:
    title = None
    if markdown:
        first = next((line for line in text.splitlines() if line.strip()), "")
        if first.startswith("#"):
            title = first.lstrip("#").strip() or None
    return Document.from_text(text, report_date=report_date, title=title, origin=origin)


def _html_document(html: str, origin: str, default_date: str | None) -> Document | InputRejected:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True
    )
    meta: dict[str, Any] = {}
    if isinstance(extracted, dict):
        meta = extracted
    elif extracted is not None:
        meta = extracted.as_dict()
    text = (meta.get("text") or "").strip()
    if not text:
        return InputRejected(
            origin,
            "no article text found in the HTML",
            fix="check that the page holds the article itself (not a login wall or an index page)",
        )
    page_date = None
    if meta.get("date"):
        try:
            page_date = parse_report_date(str(meta["date"]))
        except ValueError:
            page_date = None
    return Document.from_text(
        text,
        report_date=page_date or default_date,
        url=meta.get("url") or None,
        title=meta.get("title") or None,
        source=meta.get("sitename") or meta.get("hostname") or None,
        origin=origin,
    )


_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})


def fetch_page(
    fetcher: Fetcher,
    url: str,
    default_date: str | None,
    *,
    trusted_hosts: frozenset[str] | None = None,
) -> Document | InputRejected:
    """The web page at `url` as a Document (main text and metadata via trafilatura; the
    page's own date wins over `default_date`), or why not; `url` is its origin and the
    URL it ended at after redirects its `url`. FetchFailed is returned, not raised."""
    host = urlsplit(url).hostname or ""
    try:
        fetched = fetcher.get(
            url, trusted_hosts=trusted_hosts if trusted_hosts is not None else {host}
        )
    except FetchFailed as exc:
        return exc
    if fetched.content_type not in _HTML_TYPES:
        return InputRejected(
            url,
            f"not a web page (Content-Type {fetched.content_type})",
            fix="give the URL of an HTML article; download other files and ingest them as files",
        )
    text: str | InputRejected | None = None
    if fetched.charset:
        try:
            text = fetched.content.decode(fetched.charset)
        except (LookupError, UnicodeDecodeError):
            text = None  # a wrong header is common: the bytes and <meta charset> decide
    if text is None:
        text = _decode(fetched.content, url, None)
        if isinstance(text, InputRejected):
            text = _decode_declared(fetched.content) or text
    if isinstance(text, InputRejected):
        return text
    doc = _html_document(text, url, default_date)
    if isinstance(doc, Document):
        doc.url = fetched.url
    return doc


def _read_jsonl(
    lines: Iterable[bytes], origin: str, default_date: str | None, limit: int
) -> Iterator[Document | InputRejected]:
    """One document per line; a bad line is rejected by number and the rest go on."""
    seen_text = False
    for number, raw in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if len(raw) > limit:
            yield _too_big(where, len(raw), limit, what="line")
            continue
        if not raw.strip():
            continue
        seen_text = True
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputRejected(
                where,
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})",
                fix="write the file as UTF-8",
            )
            continue
        yield _jsonl_document(line, where, default_date)
    if not seen_text:
        yield InputRejected(origin, "empty (no documents)", fix="give one JSON object per line")


# a JSON string, escapes included (the unrolled form never backtracks)
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")


class _TooLong(Exception):
    """A number with more digits than MAX_NUMBER_DIGITS (args[0]: how many)."""


def _json_depth_over(line: str, limit: int) -> bool:
    """Whether arrays and objects nest deeper than `limit` (the parser recurses per level)."""
    if line.count("[") + line.count("{") <= limit:
        return False
    depth = 0
    for match in _JSON_BRACKET.finditer(_JSON_STRING.sub('""', line)):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _bounded(text: str) -> str:
    digits = sum(1 for c in text if c.isdigit())
    if digits > MAX_NUMBER_DIGITS:
        raise _TooLong(digits)
    return text


def _bounded_int(text: str) -> int:
    return int(_bounded(text))


def _bounded_float(text: str) -> float:
    return float(_bounded(text))


def parse_json_line(line: str) -> Any:
    """One JSON value, with nesting and number size bounded; ValueError says what is wrong."""
    if _json_depth_over(line, MAX_JSON_DEPTH):
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        return json.loads(line, parse_int=_bounded_int, parse_float=_bounded_float)
    except _TooLong as exc:
        raise ValueError(
            f"a number of {exc.args[0]:,} digits (at most {MAX_NUMBER_DIGITS})"
        ) from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:  # only if the depth scan above were wrong; never a traceback
        raise ValueError("nested too deep") from None


def _jsonl_document(line: str, where: str, default_date: str | None) -> Document | InputRejected:
    fix = (
        'write one JSON object per line: {"id": "...", "text": "...", "report_date": "YYYY-MM-DD"}'
    )
    try:
        obj = parse_json_line(line)
    except ValueError as exc:
        return InputRejected(where, str(exc), fix=fix)
    if not isinstance(obj, dict):
        return InputRejected(where, f"a JSON {type(obj).__name__}, not an object", fix=fix)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputRejected(where, 'no "text" (or it is empty or not a string)', fix=fix)
    text = clean_text(text)  # NUL -> U+FFFD one for one: offsets into it hold
    raw_id = obj.get("id", obj.get("doc_id"))
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        return InputRejected(where, '"id" must be a string', fix=fix)
    doc_id = clean_field(str(raw_id)).strip() if raw_id is not None else ""
    fields: dict[str, str | None] = {}
    for key in ("report_date", "url", "title", "source"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return InputRejected(where, f'"{key}" must be a string', fix=fix)
        if key != "report_date" and value:  # a date is checked as written, never cleaned
            value = clean_field(value).strip()
        fields[key] = value or None
    report_date = fields.pop("report_date")
    if report_date is not None:
        try:
            report_date = parse_report_date(report_date)
        except ValueError:
            return InputRejected(
                where, f'"report_date" {report_date!r} is not a date', fix="write it as YYYY-MM-DD"
            )
    return Document(
        id=doc_id or document_id(text),
        text=text,
        report_date=report_date or default_date,
        origin=where,
        **fields,
    )
