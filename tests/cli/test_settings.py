"""Settings: one table, validated by pydantic-settings; a bad one is one line, exit 2, nothing done."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch import settings
from pactwatch.cli import main
from pactwatch.errors import SettingsError

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(autouse=True)
def _clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in settings.Settings.model_fields:
        monkeypatch.delenv(f"PACTWATCH_{name.upper()}", raising=False)
    monkeypatch.delenv("PACTWATCH_CONFIG", raising=False)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


@pytest.mark.parametrize("name", [s.name for s in settings.SETTINGS])
def test_every_setting_is_in_the_readme(name: str) -> None:
    assert f"`PACTWATCH_{name.upper()}`" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("PACTWATCH_WORKERS", "abc", "PACTWATCH_WORKERS='abc': Input should be a valid integer"),
        ("PACTWATCH_MAX_BYTES", "lots", "fix: give a whole number of at least 1"),
        ("PACTWATCH_PORT", "http", "PACTWATCH_PORT='http'"),
        ("PACTWATCH_PORT", "99999", "fix: give a whole number from 1 to 65535"),
        ("PACTWATCH_MAX_WORDS", "0", "PACTWATCH_MAX_WORDS='0': Input should be greater than"),
    ],
)
def test_a_bad_environment_setting_is_one_line_exit_2(
    variable: str,
    value: str,
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(variable, value)
    status, out, err = run(capsys, "status")
    assert (status, out) == (2, "")
    assert expected in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('database = "sqlite:///x.db"\n', "pactwatch.toml: database: unknown setting"),
        ("[pactwatch]\nworkrs = 2\n", "pactwatch.toml: workrs: unknown setting; fix: remove it"),
        ('workers = "abc"\n', "pactwatch.toml: workers: Input should be a valid integer"),
        ("workers = \n", "pactwatch.toml: not valid TOML (Invalid value (at line 1, column 11))"),
        ('secret_key = "s3cret"\n', "secret_key: a secret is read only from the environment"),
        ('pactwatch = "x"\n', "pactwatch: not a table of settings"),
    ],
)
def test_a_bad_config_file_is_named_exit_2(
    toml: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pactwatch.toml").write_text(toml)
    status, out, err = run(capsys, "status")
    assert (status, out) == (2, "")
    assert expected in err
    assert "s3cret" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pactwatch.toml"]


def test_a_missing_config_file_named_by_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PACTWATCH_CONFIG", "nosuch.toml")
    status, _out, err = run(capsys, "charters")
    assert status == 2 and "PACTWATCH_CONFIG='nosuch.toml': no such file" in err


def test_environment_wins_over_the_file_which_wins_over_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert settings.get("workers") == 1
    (tmp_path / "pactwatch.toml").write_text("[pactwatch]\nworkers = 3\nport = 9000\n")
    assert (settings.get("workers"), settings.get("port")) == (3, 9000)
    monkeypatch.setenv("PACTWATCH_WORKERS", "5")
    assert (settings.get("workers"), settings.get("port")) == (5, 9000)
    monkeypatch.setenv("PACTWATCH_WORKERS", "")  # empty: as if unset
    assert settings.get("workers") == 3


def test_the_secret_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTWATCH_SECRET_KEY", "k" * 40)
    assert settings.get("secret_key") == "k" * 40
    assert [s.name for s in settings.SETTINGS if s.secret] == ["secret_key"]


def test_every_problem_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pactwatch.toml").write_text('db = ""\nbatchsize = 3\n')
    monkeypatch.setenv("PACTWATCH_LOGIN_RATE", "-1")
    with pytest.raises(SettingsError) as info:
        settings.load()
    assert len(info.value.problems) == 3
    assert info.value.exit_status == 2


def test_help_still_shows_with_a_bad_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PACTWATCH_WORKERS", "abc")
    assert main(["check", "--help"]) == 0
    assert "check [OPTIONS]" in capsys.readouterr().out
