"""The files an import reads: files, folders (recursively), .zip archives and .gz files.

Dataset files are published zipped or gzipped; each member is one input. `.md`
files (codebooks, notices) and hidden files are documentation, never inputs.
"""

from __future__ import annotations

import gzip
import io
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pactwatch.errors import InputRejected

# a guard against archive bombs, far above any published dataset file
MAX_FILE_BYTES = 4 * 1024**3
_DOCS = (".md", ".txt.md", ".pdf", ".html")

OnSkip = Callable[[str, str], None]


def _skip(name: str) -> str | None:
    base = os.path.basename(name)
    if base.startswith("."):
        return "hidden file"
    if base.lower().endswith(_DOCS):
        return "documentation, not a data file"
    return None


def _gunzip(data: bytes, origin: str) -> bytes | InputRejected:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError) as exc:
        return InputRejected(origin, f"not a readable .gz file ({exc})", fix="give it as published")
    if len(out) > MAX_FILE_BYTES:
        return InputRejected(origin, "more than 4 GiB once unpacked", fix="split the file")
    return out


def _archive(path: Path, on_skip: OnSkip | None) -> Iterator[tuple[str, bytes] | InputRejected]:
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                origin = f"{path}!{info.filename}"
                if info.is_dir():
                    continue
                why = _skip(info.filename)
                if why:
                    if on_skip:
                        on_skip(origin, why)
                    continue
                if info.file_size > MAX_FILE_BYTES:
                    yield InputRejected(origin, "more than 4 GiB once unpacked", fix="split it")
                    continue
                data = archive.read(info)
                yield from _unpacked(origin, data)
    except (zipfile.BadZipFile, OSError) as exc:
        yield InputRejected(
            str(path), f"not a readable .zip file ({exc})", fix="give it as published"
        )


def _unpacked(origin: str, data: bytes) -> Iterator[tuple[str, bytes] | InputRejected]:
    if origin.lower().endswith(".gz"):
        out = _gunzip(data, origin)
        if isinstance(out, InputRejected):
            yield out
            return
        data = out
    yield origin, data


def read_inputs(
    paths: Iterable[str | os.PathLike[str]], on_skip: OnSkip | None = None
) -> Iterator[tuple[str, bytes] | InputRejected]:
    """(origin, bytes) of every input file, in the order given (folders sorted by name)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            members = sorted(p for p in path.rglob("*") if p.is_file())
            for member in members:
                why = _skip(member.name)
                if why:
                    if on_skip:
                        on_skip(str(member), why)
                    continue
                yield from _one(member, on_skip)
        elif path.exists():
            yield from _one(path, on_skip)
        else:
            yield InputRejected(str(path), "no such file or folder", fix="check the path")


def _one(path: Path, on_skip: OnSkip | None) -> Iterator[tuple[str, bytes] | InputRejected]:
    if path.suffix.lower() == ".zip":
        yield from _archive(path, on_skip)
        return
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            yield InputRejected(str(path), "more than 4 GiB", fix="split the file")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputRejected(
            str(path), f"cannot be read ({exc.strerror})", fix="check its permissions"
        )
        return
    yield from _unpacked(str(path), data)
