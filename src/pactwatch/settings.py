"""The one settings table: name, default, help.

Each setting is read from the environment (`PACTWATCH_<NAME>`), then from a
config file (`pactwatch.toml` in the working directory, or the file named by
`PACTWATCH_CONFIG`), then falls back to its default. Secrets come only from the
environment.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "sqlite:///pactwatch.db",
        "SQLAlchemy URL of the store (sqlite:///… or postgresql://…).",
    ),
    Setting("max_bytes", 5_000_000, "Largest input file or document accepted, in bytes."),
    Setting("workers", 1, "Processes used by extraction (spaCy nlp.pipe n_process)."),
    Setting("batch_size", 64, "Documents per spaCy batch."),
    Setting("secret_key", "", "Key that signs dashboard sessions (environment only).", secret=True),
    Setting("host", "127.0.0.1", "Address `pactwatch serve` listens on."),
    Setting("port", 8000, "Port `pactwatch serve` listens on."),
    Setting("login_rate", 5, "Failed logins allowed per minute per client before refusing."),
    Setting("incident_days", 10, "Most days one incident may span (`pactwatch corroborate`)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _config_file() -> dict[str, Any]:
    path = Path(os.environ.get("PACTWATCH_CONFIG", "pactwatch.toml"))
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    section = data.get("pactwatch", data)
    return section if isinstance(section, dict) else {}


def get(name: str) -> Any:
    """The value of one setting, converted to its default's type."""
    setting = _BY_NAME[name]
    raw: Any = os.environ.get(f"PACTWATCH_{name.upper()}")
    if raw is None and not setting.secret:
        raw = _config_file().get(name)
    if raw is None:
        return setting.default
    if isinstance(setting.default, bool):
        return str(raw).lower() in {"1", "true", "yes", "on"}
    if isinstance(setting.default, int):
        return int(raw)
    return str(raw)
