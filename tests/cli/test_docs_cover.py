"""The README names every command and every setting: docs that cannot drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.cli import _COMMANDS
from pactwatch.settings import SETTINGS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(_COMMANDS))
def test_every_command_is_in_the_readme_tour(command: str) -> None:
    assert f"`pactwatch {command}" in README


@pytest.mark.parametrize("name", [s.name for s in SETTINGS])
def test_every_setting_is_in_the_readme(name: str) -> None:
    assert f"PACTWATCH_{name.upper()}" in README
