"""A loopback webhook receiver (HTTP on 127.0.0.1, started by the test), webhook settings,
and the charter tests' corpus (`corpus_store`)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.check.conftest import corpus_store  # noqa: F401 (a fixture: the corpus, linked)

SECRET = "s3cret-for-tests"
SECRET_ENV = "PW_TEST_HOOK_SECRET"


@dataclass
class Received:
    delivery: str
    verified: bool
    status: int
    body: dict[str, Any]
    headers: dict[str, str]


@dataclass
class Receiver:
    """Records every POST; verifies the signature on its own (HMAC-SHA256 over
    `timestamp.body`, timestamp at most 5 minutes old) and answers 401 when it fails;
    answers the statuses in `script` first, then 200."""

    secret: str = SECRET
    script: list[int] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    url: str = ""

    def answer(self, headers: dict[str, str], raw: bytes) -> int:
        stamp = headers.get("x-pactwatch-timestamp", "")
        given = headers.get("x-pactwatch-signature", "")
        mac = hmac.new(self.secret.encode(), stamp.encode() + b"." + raw, hashlib.sha256)
        fresh = stamp.isdigit() and abs(time.time() - int(stamp)) < 300
        verified = fresh and hmac.compare_digest(given, f"sha256={mac.hexdigest()}")
        status = 401 if not verified else (self.script.pop(0) if self.script else 200)
        self.received.append(
            Received(
                headers.get("x-pactwatch-delivery", ""), verified, status, json.loads(raw), headers
            )
        )
        return status

    def delivered(self) -> list[str]:
        """Finding ids the receiver accepted (2xx), in order."""
        return [r.delivery for r in self.received if 200 <= r.status < 300]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    rec = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            status = rec.answer({k.lower(): v for k, v in self.headers.items()}, raw)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    rec.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield rec
    server.shutdown()
    server.server_close()


Configure = Callable[..., Path]


@pytest.fixture
def configure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Configure:
    """`configure(url, charters=[...], **settings)`: a pactwatch.toml with one webhook."""

    def write(url: str, charters: tuple[str, ...] = ("csto-reform",), **extra: Any) -> Path:
        path = tmp_path / "pactwatch.toml"
        lines = [f"{k} = {json.dumps(v)}" for k, v in extra.items()]
        lines += [
            "[[webhooks]]", f'url = "{url}"', f"charters = {json.dumps(list(charters))}",
            f'secret_env = "{SECRET_ENV}"', 'name = "test-hook"',
        ]  # fmt: skip
        path.write_text("\n".join(lines) + "\n")
        monkeypatch.setenv("PACTWATCH_CONFIG", str(path))
        monkeypatch.setenv(SECRET_ENV, SECRET)
        return path

    return write
