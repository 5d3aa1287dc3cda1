"""Charters too big to be written by hand are refused quickly, in bounded memory.

Small hostile charters live in broken/ (limit-*.yaml); these are generated, as
they are too big to keep in the repository. Each runs the real CLI in a fresh
process, so that its time and peak memory are its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pactwatch.check.charter import load_charter
from pactwatch.errors import CharterError

HEAD = "id: big\ntitle: Generated\nalliance: CSTO\n"

GENERATED: dict[str, tuple[Callable[[], str], str]] = {
    "20000-rules": (
        lambda: HEAD + "rules:\n" + "".join(f"  - {{id: r{i}}}\n" for i in range(20_000)),
        "4: rules: 20,000 rules, over the limit of 1,000",
    ),
    "over-1-mb": (
        lambda: HEAD + "rules: [" + "x, " * 400_000 + "x]\n",
        "1: (file): over 1,000,000 bytes",
    ),
    "flat-list-of-a-million-bytes": (
        lambda: HEAD + "rules: [" + "1," * 490_000 + "1]\n",
        "4: rules[99991]: more than 100,000 values",
    ),
    "1000-deep-flow": (
        lambda: HEAD + "rules: " + "[" * 1000 + "]" * 1000 + "\n",
        "4: rules" + "[0]" * 19 + ": nested more than 20 levels deep",
    ),
    "200-deep-block": (
        lambda: (
            HEAD
            + "rules:\n"
            + "".join(f"{'  ' * (i + 1)}k{i}:\n" for i in range(200))
            + "  " * 201
            + "x\n"
        ),
        "23: rules." + ".".join(f"k{i}" for i in range(18)) + " (key): nested more than 20",
    ),
    "5000-digit-param": (
        lambda: HEAD + "rules:\n  - id: r\n    params: {within_days: " + "1" * 5000 + "}\n",
        "6: rules[0].params.within_days: a number of 5,000 digits",
    ),
}

PROBE = """
import json, resource, sys, time
from pactwatch.cli import main
start = time.monotonic()
status = main(["check", "--charter", sys.argv[1], "--db", sys.argv[2]])
print(json.dumps({"status": status, "seconds": time.monotonic() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_charter_refused_fast_in_bounded_memory(name: str, tmp_path: Path) -> None:
    make, expected = GENERATED[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(make())
    db = tmp_path / "never.db"
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), f"sqlite:///{db}"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    wall = time.monotonic() - started
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["status"] == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert f"{path}:{expected}" in run.stderr
    assert result["seconds"] < 5, f"{name}: {result['seconds']:.1f} s"
    assert result["peak_mb"] < 500, f"{name}: {result['peak_mb']:.0f} MB"
    assert wall < 30
    assert not db.exists()


def test_the_limits_are_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTWATCH_CHARTER_MAX_RULES", "2")
    with pytest.raises(CharterError) as info:
        load_charter("csto-treaty")
    assert "over the limit of 2 (split the charter" in info.value.problems[0]
    monkeypatch.delenv("PACTWATCH_CHARTER_MAX_RULES")
    monkeypatch.setenv("PACTWATCH_CHARTER_MAX_BYTES", "100")
    with pytest.raises(CharterError) as info:
        load_charter("csto-treaty")
    assert ":1: (file): over 100 bytes" in info.value.problems[0]
    monkeypatch.setenv("PACTWATCH_CHARTER_MAX_BYTES", "1000000")
    monkeypatch.setenv("PACTWATCH_CHARTER_MAX_DEPTH", "3")
    with pytest.raises(CharterError) as info:
        load_charter("csto-treaty")
    assert "nested more than 3 levels deep" in info.value.problems[0]


def test_shipped_charters_are_within_the_limits() -> None:
    for name in ("csto-treaty", "csto-reform", "nato", "sco"):
        assert load_charter(name).rules
