"""Charters too big to be written by hand are refused quickly, in bounded memory.

Small hostile charters live in broken/ (limit-*.yaml); these are generated, as
they are too big to keep in the repository. Each runs the real CLI in a fresh
process, so that its time and peak memory are its own.
"""

from __future__ import annotations

import json
import re
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

# a probe's own peak: VmHWM is the process's high-water mark since exec. ru_maxrss would
# not do: Linux carries it over from the parent at fork, so a pytest process that had
# loaded the extraction models would make every probe look as big as itself
PEAK_MB = """
import resource
def peak_mb():
    try:
        with open("/proc/self/status") as fh:
            return next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:")) / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

PROBE = (
    PEAK_MB
    + """
import json, sys, time
from pactwatch.cli import main
# CPU seconds, not wall: on a shared 2-core machine other work stretches the wall clock
start = time.process_time()
status = main(["check", "--charter", sys.argv[1], "--db", sys.argv[2]])
print(json.dumps({"status": status, "seconds": time.process_time() - start,
                  "peak_mb": peak_mb()}))
"""
)


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


def _laughs(levels: int, width: int, where: str) -> str:
    """A "billion laughs": `levels` anchors, each `width` aliases of the one before."""
    lines = ['l0: &l0 ["lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels)]
    last = f"*l{levels - 1}"
    rule = "rules:\n  - id: r\n    title: t\n    source: s\n    status: proposed\n"
    rule += "    severity: high\n    template: forbidden_interaction\n"
    body = {
        "top": f"rules: {last}\n",
        "id": rule.replace("id: r", f"id: {last}"),
        "title": rule.replace("title: t", f"title: {last}"),
        "param": rule + f"    params: {{events: {last}}}\n",
        "key": rule + f"    params: {{{last} : 1}}\n",
        "adversaries": f"adversaries: {last}\n" + rule,
    }[where]
    return HEAD.replace("id: big", "id: laughs") + "\n".join(lines) + "\n" + body


def _nested(depth: int, style: str) -> str:
    if style == "flow-list":
        return HEAD + "rules: " + "[" * depth + "]" * depth + "\n"
    if style == "flow-map":
        return HEAD + "rules: " + "{a: " * depth + "1" + "}" * depth + "\n"
    if style == "params":
        return HEAD + "rules:\n  - id: r\n    params: {events: " + "[" * depth + "]" * depth + "}\n"
    # block lists: "- " repeated on one line nests one level each
    return HEAD + "rules:\n" + "  " + "- " * depth + "x\n"


HOSTILE: dict[str, str] = {
    **{f"laughs-{w}-via-{where}": _laughs(9, 10, where)
       for w in ("9x10",) for where in ("top", "id", "title", "param", "key", "adversaries")},
    "laughs-30x3": _laughs(30, 3, "top"),
    "laughs-5x20": _laughs(5, 20, "top"),
    "laughs-3x50": _laughs(3, 50, "param"),
    **{f"nested-{n}-{style}": _nested(n, style)
       for n in (21, 1000, 50_000) for style in ("flow-list", "flow-map", "params", "block")},
    "aliases-101-scalars": HEAD + "x: &x 1\nrules: [" + ", ".join(["*x"] * 101) + "]\n",
    "aliases-5000": HEAD + "x: &x 1\nrules: [" + ", ".join(["*x"] * 5000) + "]\n",
    "alias-loop-map": HEAD + "rules: &r {a: *r}\n",
    "alias-loop-list": HEAD + "rules: &r [*r]\n",
    "int-5000-severity": HEAD + "rules:\n  - id: r\n    severity: " + "9" * 5000 + "\n",
    "int-negative-5000": HEAD + "rules:\n  - id: r\n    params: {x: -" + "9" * 5000 + "}\n",
    "float-5000-digits": HEAD + "rules:\n  - id: r\n    params: {x: 1." + "9" * 5000 + "}\n",
    "int-hex-5000": HEAD + "rules:\n  - id: r\n    params: {x: 0x" + "f" * 5000 + "}\n",
    "int-underscores": HEAD + "rules:\n  - id: r\n    params: {x: " + "9_" * 3000 + "9}\n",
    "int-as-id": HEAD.replace("id: big", "id: " + "7" * 5000),
    "python-object-apply": HEAD + 'rules: !!python/object/apply:os.system ["true"]\n',
    "python-object-new": HEAD + "rules: !!python/object/new:builtins.dict {}\n",
    "python-name": HEAD + "rules: !!python/name:os.system\n",
    "python-module": HEAD + "rules: !!python/module:os\n",
    "local-tag": HEAD + "rules: !include rules.yaml\n",
    "rules-1001": HEAD + "rules:\n" + "".join(f"  - {{id: r{i}}}\n" for i in range(1001)),
    "rules-20000-flow": HEAD + "rules: [" + ", ".join(f"{{id: r{i}}}" for i in range(20_000)) + "]\n",
    "over-1mb-comment": HEAD + "# " + "x" * 1_000_001 + "\nrules: []\n",
    "over-1mb-string": HEAD + 'rules: "' + "x" * 1_000_001 + '"\n',
}  # fmt: skip

PROBE_ALL = (
    PEAK_MB
    + """
import json, sys, time
from pathlib import Path
from pactwatch.check.charter import load_charter
from pactwatch.errors import PactwatchError
out = []
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    start = time.monotonic()
    try:
        load_charter(str(path))
        problem = None
    except PactwatchError as exc:
        problem = exc.problems[0] if getattr(exc, "problems", None) else str(exc)
    out.append({"path": str(path), "seconds": time.monotonic() - start, "problem": problem})
print(json.dumps({"cases": out,
                  "peak_mb": peak_mb()}))
"""
)


def test_fifty_malformed_charters_each_refused_fast_in_bounded_memory(tmp_path: Path) -> None:
    """The issue's target: 50 malformed charters (aliases, nesting, numbers, rule counts,
    tags, sizes), each refused with file, line and field within 5 s, all within 500 MB."""
    broken = sorted((Path(__file__).parent / "broken").glob("*.yaml"))
    for name, text in HOSTILE.items():
        (tmp_path / f"{name}.yaml").write_text(text)
    for path in broken:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"))
    run = subprocess.run(
        [sys.executable, "-c", PROBE_ALL, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout)
    cases = result["cases"]
    assert len(cases) >= 50
    for case in cases:
        assert case["problem"], f"{case['path']} was accepted"
        assert re.match(re.escape(case["path"]) + r":\d+: \S", case["problem"]), case["problem"]
        assert case["seconds"] < 5, f"{case['path']}: {case['seconds']:.1f} s"
        name = Path(case["path"]).stem
        if name.startswith(("int-", "float-")):
            assert "digits (at most 100)" in case["problem"], case["problem"]
    assert result["peak_mb"] < 500, f"{result['peak_mb']:.0f} MB"


def test_an_alias_nests_as_deep_as_what_it_names() -> None:
    from pactwatch.knowledge import _yaml

    limits = _yaml.Limits(depth=3)
    assert _yaml.load("a: &x 1\nb: [*x]\n", limits) == {"a": 1, "b": [1]}
    for text in ("a: &x [1]\nb: [*x]\n", "b: [[1]]\n"):  # through an alias or written out
        with pytest.raises(_yaml.Refused) as info:
            _yaml.load(text, limits)
        assert info.value.message == "nested more than 3 levels deep"
