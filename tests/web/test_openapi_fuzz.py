"""Hypothesis against the OpenAPI document: no generated request makes the server fail.

Every operation in /openapi.json gets random values for each of its declared
parameters (and random JSON bodies for writes); none may answer 5xx. Bounded to
about 100 requests in all. (schemathesis's pytest plugin does not load with this
pytest, so the requests are generated from the document here.)
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import login

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
