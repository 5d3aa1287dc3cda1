"""A command loads only what it needs: `extract` never imports the web or SQL stacks,
and its help reads no settings (pydantic) and no knowledge file (PyYAML): issue 10's
start-up target, 0.5 s for `pactwatch extract --help`, is mostly those imports."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from pactwatch.cli import main
try:
    main(["extract", "--help"])
except SystemExit:
    pass
heavy = ("fastapi", "sqlalchemy", "uvicorn", "spacy", "pydantic", "pydantic_settings", "yaml")
print(sorted(m for m in heavy if m in sys.modules))
"""


def test_extract_help_imports_no_web_sql_or_model() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_every_command_is_listed_and_loads() -> None:
    import click

    from pactwatch.cli import cli

    ctx = click.Context(cli)
    names = cli.list_commands(ctx)
    assert {"extract", "ingest", "check", "demo", "serve", "evaluate"} <= set(names)
    assert all(cli.get_command(ctx, name) is not None for name in names)


def test_listed_summaries_are_the_commands_own_first_help_lines() -> None:
    import click

    from pactwatch.cli import _COMMANDS, cli

    ctx = click.Context(cli)
    for name, (_module, summary) in _COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None
        assert (command.help or "").split("\n")[0] == summary, name


def test_top_level_help_imports_no_command_module() -> None:
    probe = (
        "import sys\nfrom pactwatch.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('pactwatch.cli.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
    assert "reextract" in out and "Extract stored documents again" in out
