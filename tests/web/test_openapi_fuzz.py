"""Hypothesis against the OpenAPI document: no generated request makes the server fail.

Every operation in /openapi.json gets random values for each of its declared
parameters (and random JSON bodies for writes); none may answer 5xx. Bounded to
about 100 requests in all. (schemathesis's pytest plugin does not load with this
pytest, so the requests are generated from the document here.)
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pactwatch.store import open_store
from pactwatch.store.schema import reviews

from .conftest import PASSWORD, login

# control characters are no URL a client can send (httpx refuses them before the server sees
# them), so they make no test of the server
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"))
VALUES = st.one_of(
    st.none(),
    st.text(PRINTABLE, max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["ASSAULT", "KGZ", "2022-09-14", "factual", "test-charter", "seed:0", "0"]),
)
BODIES = st.one_of(
    st.none(),
    st.dictionaries(
        st.sampled_from(["doc_id", "quote", "kind", "event_id", "note", "action", "fields"]),
        st.one_of(st.text(max_size=20), st.integers(), st.none(), st.just("seed"),
                  st.just("confirm"), st.dictionaries(st.text(max_size=8), st.text(max_size=8))),
    ),
)  # fmt: skip


def _operations(client: TestClient) -> list[tuple[str, str, list[str], list[str]]]:
    ops = []
    for path, methods in client.get("/openapi.json").json()["paths"].items():
        for method, op in methods.items():
            params = op.get("parameters", [])
            query = [p["name"] for p in params if p["in"] == "query"]
            in_path = [p["name"] for p in params if p["in"] == "path"]
            ops.append((method, path, query, in_path))
    return ops


def test_no_server_error(client: TestClient) -> None:
    token = login(client)  # writes get past the login check and reach validation
    ops = _operations(client)
    assert len(ops) >= 12

    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        op=st.sampled_from(ops),
        values=st.dictionaries(st.text(min_size=1, max_size=10), VALUES, max_size=0)
        | st.fixed_dictionaries({}, optional={k: VALUES for k in
            ["type", "kind", "actor", "recipient", "since", "until", "factuality", "source",
             "doc", "review", "page", "per_page", "charter", "event_id", "doc_id"]}),
        body=BODIES,
        with_token=st.booleans(),
    )  # fmt: skip
    def run(op: Any, values: dict[str, Any], body: Any, with_token: bool) -> None:
        method, path, query, in_path = op
        url = path
        for name in in_path:
            # quoted: a control character is a valid value but not a valid URL
            url = url.replace("{" + name + "}", quote(str(values.get(name) or "x"), safe=""))
        url = re.sub(r"\{[^}]+\}", "x", url)
        params = {k: v for k, v in values.items() if k in query and v is not None}
        headers = {"X-CSRF-Token": token} if with_token else {}
        r = client.request(method.upper(), url, params=params, json=body, headers=headers)
        assert r.status_code < 500, (method, url, params, body, r.text[:300])

    run()


# --- schemathesis against a real `pactwatch serve` process: the document matches the answers ---

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance,response_headers_conformance"
)


@pytest.fixture
def served(filled_db: Path, tmp_path: Path) -> Iterator[str]:
    """The base URL of `pactwatch serve` over a copy of the web tests' store (real checker),
    at tmp_path/served.db."""
    db = tmp_path / "served.db"
    shutil.copyfile(filled_db, db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PACTWATCH_SECRET_KEY": "schemathesis"}
    server = subprocess.Popen(
        [sys.executable, "-m", "pactwatch", "serve", "--port", str(port), "--db", f"sqlite:///{db}"],
        stderr=subprocess.DEVNULL, env=env, cwd=tmp_path,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _login(base: str) -> tuple[str, str]:
    """(session cookie, CSRF token) of a logged-in session on the real server."""
    with httpx.Client(base_url=base, follow_redirects=False) as http:
        marker = 'name="csrf-token" content="'

        def token(path: str) -> str:
            html = http.get(path).text
            start = html.index(marker) + len(marker)
            return html[start : html.index('"', start)]

        r = http.post(
            "/login",
            data={"name": "ana", "password": PASSWORD, "csrf_token": token("/login"), "next": "/"},
        )
        assert r.status_code == 303, r.text
        return http.cookies["pactwatch_session"], token("/")


@pytest.mark.slow
@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="schemathesis is not installed")
@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged-in"])
def test_schemathesis_finds_no_error_and_no_nonconformance(
    served: str, tmp_path: Path, logged_in: bool
) -> None:
    headers: list[str] = []
    if logged_in:
        cookie, token = _login(served)
        headers = ["-H", f"Cookie: pactwatch_session={cookie}", "-H", f"X-CSRF-Token: {token}"]
    # stored ids and a shipped charter for some requests, so that they reach past the 404s
    (tmp_path / "schemathesis.toml").write_text(
        '[parameters]\n"query.charter" = "csto-treaty"\n"path.event_id" = "seed:0"\n'
        '"path.doc_id" = "seed"\n'
    )
    run = subprocess.run(
        [str(SCHEMATHESIS), "run", f"{served}/openapi.json", "--checks", CHECKS,
         "--max-examples", "25", "--seed", "12", "--workers", "1", "--no-color",
         "--report-junit-path", str(tmp_path / "junit.xml"), *headers],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-4000:]
    assert "Authentication failed" not in out or not logged_in, out[-2000:]
    if logged_in:  # the writes were reached, not only refused
        assert "401 Unauthorized" not in out, out[-2000:]
        with (
            open_store(f"sqlite:///{tmp_path / 'served.db'}") as store,
            store.engine.connect() as c,
        ):
            written = set(c.execute(select(reviews.c.action).distinct()).scalars())
        assert {"confirm", "flag_error"} <= written, written


def test_head_is_answered_where_get_is(client: TestClient) -> None:
    for path in ("/", "/events", "/api/events?per_page=2", "/api/events.csv", "/static/app.css"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
        if "content-length" in got.headers:
            assert head.headers["content-length"] == got.headers["content-length"]
    assert client.head("/api/events/nosuch").status_code == 404
    assert client.head("/logout").status_code == 405  # no GET there, so no HEAD either


def test_the_document_names_error_answers_and_export_types(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    csv_ok = paths["/api/events.csv"]["get"]["responses"]["200"]["content"]
    assert list(csv_ok) == ["text/csv"]
    assert list(paths["/api/findings.jsonl"]["get"]["responses"]["200"]["content"]) == [
        "application/x-ndjson"
    ]
    assert {"400", "404", "422"} <= set(paths["/api/findings"]["get"]["responses"])
    assert {"401", "403", "413"} <= set(paths["/api/flags"]["post"]["responses"])
