"""A small store for the web tests: three documents (one hostile), hand-made records, a user."""

from __future__ import annotations

import dataclasses
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    # starlette warns at import that its TestClient will move to httpx2; nothing to act on
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from pactwatch.check.charter import Charter, Rule
from pactwatch.check.findings import Evidence, Finding
from pactwatch.records import Attribution, Document, Entity, Event, TextInfo
from pactwatch.store import Store, open_store, save_document
from pactwatch.web import create_app
from pactwatch.web.auth import add_user

PASSWORD = "correct horse battery"
XSS = '<script>alert("x")</script> "><img src=x onerror=alert(1)>'

SEED = (
    "Kyrgyzstan and Tajikistan fought on their border in September 2022. "
    "Kazakhstan hosted a laboratory funded by the Pentagon. "
    "Tajikistan held an exercise with the United States."
)
HOSTILE = f"Evil {XSS} text. Kyrgyzstan accused {XSS} of shelling."


def ent(code: str, text: str | None = None, sector: str | None = "GOV") -> Entity:
    return Entity(code=code, sector=sector, text=text or code)


def make_event(doc: Document, n: int, phrase: str, **kw: Any) -> Event:
    start = doc.text.index(phrase)
    defaults: dict[str, Any] = {
        "id": f"{doc.id}:{n}",
        "event": "ASSAULT",
        "text_info": TextInfo(doc.id, n, start, start + len(phrase)),
        "event_text": phrase,
        "report_date": doc.report_date,
        "confidence": 0.8,
        "reasons": {"date": "'September 2022' resolved against report date"},
    }
    defaults.update(kw)
    return Event(**defaults)


def fill(store: Store) -> None:
    seed = Document(
        id="seed", text=SEED, report_date="2022-10-10", title="CSTO op-ed", source="seed"
    )
    save_document(
        store,
        seed,
        [
            make_event(
                seed, 0, "fought on their border", event="ASSAULT", kind="armed_clash",
                actor=[ent("KGZ", "Kyrgyzstan", "MIL"), ent("TJK", "Tajikistan", "MIL")],
                date="2022-09-14", enddate="2022-09-17",
            ),
            make_event(
                seed, 1, "hosted a laboratory", event="COOPERATE", kind="military_facility",
                actor=[ent("KAZ", "Kazakhstan")], recipient=[ent("USA", "the Pentagon", "MIL")],
                date="2022-06", attribution=Attribution(hedged=True),
            ),
            make_event(
                seed, 2, "held an exercise", event="COOPERATE", kind="military_exercise",
                actor=[ent("TJK", "Tajikistan", "MIL"), ent("USA", "the United States", "MIL")],
                date="2022-08-15", aux=["future"],
            ),
        ],
    )  # fmt: skip
    bad = Document(
        id="hostile", text=HOSTILE, report_date="2022-10-11", title=f"Title {XSS}",
        source=f"src{XSS}", url="javascript:alert(1)",
    )  # fmt: skip
    save_document(
        store,
        bad,
        [
            make_event(
                bad, 0, "accused", event="ACCUSE", actor=[ent("KGZ", XSS)],
                recipient=[ent("TJK", XSS)], date="2022-10-01", reasons={"actor": XSS},
            )
        ],
    )  # fmt: skip
    add_user(store, "ana", "analyst", PASSWORD)


@pytest.fixture(scope="session", autouse=True)
def fast_hashes() -> Iterator[None]:
    """Cheap argon2 parameters in tests: the production ones cost a second per login here."""
    from argon2 import PasswordHasher

    from pactwatch.web import auth

    saved = auth._hasher
    auth._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    auth._hasher = saved


@pytest.fixture(scope="session")
def filled_db(tmp_path_factory: pytest.TempPathFactory, fast_hashes: None) -> Path:
    """One migrated, filled database per session; each test gets a copy (migrating is slow)."""
    path = tmp_path_factory.mktemp("web") / "template.db"
    with open_store(f"sqlite:///{path}") as st:
        fill(st)
    return path


@pytest.fixture
def store(filled_db: Path, tmp_path: Path) -> Iterator[Store]:
    target = tmp_path / "web.db"
    shutil.copyfile(filled_db, target)
    st = open_store(f"sqlite:///{target}")
    yield st
    st.close()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store=store, secret_key="test-key")) as c:
        yield c


def csrf_of(client: TestClient, path: str = "/login") -> str:
    """The CSRF token the page at `path` embeds for this client's session."""
    html = client.get(path).text
    marker = 'name="csrf-token" content="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def login(client: TestClient, name: str = "ana", password: str = PASSWORD) -> str:
    token = csrf_of(client)
    r = client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return csrf_of(client, "/")


# --- a stand-in for pactwatch.check, so these tests pin the dashboard, not the checker ---
# (typed: real Charter and Finding records, put where web/checking.py calls check)

CHARTER = Charter(
    id="test-charter", title="Test charter", alliance="TST", source=None, adversaries=(),
    rules=(
        Rule("no-fighting", "No fighting between members", "Article 1 <b>of</b> the test treaty",
             "in_force", "forbidden_interaction", {"events": ["ASSAULT"]}, "high"),
        Rule("no-bases", "No adversary bases", "proposed in a column", "proposed",
             "forbidden_presence", {}, "high"),
    ),
)  # fmt: skip
OTHER = dataclasses.replace(
    CHARTER, id="other-charter", title="Other charter", rules=CHARTER.rules[:1]
)
MEMBERS = ["KGZ", "TJK", "KAZ"]


def fake_check(store: Store, charter: Charter) -> list[Finding]:
    """ASSAULT between members: one finding per member; rejected records make none."""
    from sqlalchemy import select

    from pactwatch.store.schema import documents, events

    query = (
        select(events, documents.c.url)
        .join(documents, documents.c.id == events.c.doc_id)
        .where(events.c.event == "ASSAULT", events.c.factual.is_(True))
    )
    out: list[Finding] = []
    with store.engine.connect() as conn:
        for row in conn.execute(query).mappings():
            if row["review"] == "rejected":
                continue
            codes = [e["code"] for e in row["actor"] if e["code"] in MEMBERS]
            for code in codes:
                out.append(
                    Finding(
                        id=f"{charter.id}:{row['id']}:{code}", rule="no-fighting",
                        status="in_force", member=code,
                        counterparts=[c for c in codes if c != code], events=[row["id"]],
                        evidence=[Evidence(row["doc_id"], row["event_text"], row["url"])],
                        first_date=row["date"], last_date=row["enddate"], sources=1,
                        grade="hedged" if row["hedged"] else "single-source",
                        explanation=f"{code} fought a member",
                    )
                )  # fmt: skip
    return out


@pytest.fixture(autouse=True)
def fake_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    from pactwatch.web import checking

    charters = {"test-charter": CHARTER, "other-charter": OTHER}
    monkeypatch.setattr(checking, "shipped_charters", lambda: dict.fromkeys(charters, "x"))
    monkeypatch.setattr(checking, "load_charter_file", charters.__getitem__)
    monkeypatch.setattr(checking, "check", fake_check)
    monkeypatch.setattr(checking, "alliance_members", lambda code: MEMBERS)
