"""The one settings table: name, default, help, validated by pydantic-settings.

Each setting is read from the environment (`PACTWATCH_<NAME>`), then from a
config file (`pactwatch.toml` in the working directory, or the file named by
`PACTWATCH_CONFIG`; its keys at the top level or under `[pactwatch]`), then
falls back to its default. Secrets come only from the environment.

Every value is checked when it is read: a value of the wrong kind, a key the
table does not know, a secret in the file or a file that is not TOML raises
`SettingsError`, with one line per problem naming the setting and the fix.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from pactwatch import __version__
from pactwatch.errors import SettingsError

ENV_PREFIX = "PACTWATCH_"
CONFIG_ENV = "PACTWATCH_CONFIG"
CONFIG_FILE = "pactwatch.toml"
# what `dask scheduler` prints: tcp://HOST:PORT (tls:// behind TLS)
SCHEDULER_ADDRESS = re.compile(r"^(tcp|tls)://[^\s/]+:\d+$")


ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Webhook(BaseModel):
    """One `[[webhooks]]` table: where new findings of which charters are POSTed.

    The signing secret is never in the file: `secret_env` names the environment
    variable that holds it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = Field(pattern=r"^https?://[^\s/]+", description="Where to POST (http or https).")
    charters: tuple[str, ...] = Field(
        min_length=1, description="Charter ids whose new findings it receives; '*' for all."
    )
    secret_env: str = Field(
        pattern=ENV_NAME.pattern, description="Environment variable holding the signing secret."
    )
    name: str = Field("", max_length=300, description="Its name in deliveries; default the URL.")

    @model_validator(mode="before")
    @classmethod
    def _no_secret(cls, data: Any) -> Any:
        if isinstance(data, dict) and "secret" in data:
            raise ValueError(
                "a secret is read only from the environment: name its variable in secret_env"
            )
        return data

    @property
    def key(self) -> str:
        """What deliveries are stored under: the name, else the URL."""
        return (self.name or self.url)[:300]

    def wants(self, charter: str) -> bool:
        return "*" in self.charters or charter in self.charters


def _secret(help: str) -> Any:
    return Field("", description=help, json_schema_extra={"secret": True})


class Settings(BaseSettings):
    """Every setting of pactwatch, with its type, default and help."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_ignore_empty=True, extra="forbid", frozen=True
    )

    db: str = Field(
        "sqlite:///pactwatch.db",
        min_length=1,
        description="SQLAlchemy URL of the store (sqlite:///… or postgresql://…).",
    )
    max_bytes: int = Field(
        5_000_000, ge=1, description="Largest input file or document accepted, in bytes."
    )
    max_words: int = Field(
        200_000, ge=1, description="Most words a document may have; longer ones are rejected."
    )
    doc_seconds: float = Field(
        60.0,
        gt=0,
        description="Seconds one document may take to extract (checked between sentences); "
        "slower ones are rejected and the rest go on.",
    )
    workers: int = Field(
        1, ge=1, le=256, description="Processes used by extraction (spaCy nlp.pipe n_process)."
    )
    batch_size: int = Field(64, ge=1, le=100_000, description="Documents per spaCy batch.")
    scheduler: str = Field(
        "",
        description="Dask scheduler (tcp://HOST:PORT) whose workers extract for `ingest`; "
        "empty: extract on this machine. Needs a PostgreSQL store and the `scale` extra.",
    )
    secret_key: str = _secret("Key that signs dashboard sessions (environment only).")
    host: str = Field(
        "127.0.0.1", min_length=1, description="Address `pactwatch serve` listens on."
    )
    port: int = Field(8000, ge=1, le=65535, description="Port `pactwatch serve` listens on.")
    login_rate: int = Field(
        5, ge=1, description="Failed logins allowed per minute per client before refusing."
    )
    incident_days: int = Field(
        10, ge=1, le=366, description="Most days one incident may span (`pactwatch corroborate`)."
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses of reverse proxies whose X-Forwarded-For "
        "`pactwatch serve` believes; empty: none (the peer's own address counts).",
    )
    secure_cookies: bool = Field(
        False, description="Send the session cookie over HTTPS only (serving behind TLS)."
    )
    max_request_bytes: int = Field(
        1_000_000, ge=1, description="Largest request body the dashboard reads, in bytes."
    )
    default_charter: str = Field(
        "csto-treaty",
        max_length=200,
        description="The charter the dashboard's overview shows first (a charter id).",
    )
    charter_max_bytes: int = Field(
        1_000_000, ge=1, description="Largest charter file accepted, in bytes."
    )
    charter_max_rules: int = Field(1_000, ge=1, description="Most rules a charter may hold.")
    charter_max_aliases: int = Field(
        100, ge=0, description="Most YAML aliases (*name) a charter may use."
    )
    charter_max_depth: int = Field(
        20, ge=1, description="Deepest nesting of mappings and lists in a charter."
    )
    charters_dir: str = Field(
        "",
        description="A folder of charter files (*.yaml) that `serve`, `report` and the "
        "dashboard offer beside the shipped charters; empty: none.",
    )
    fetch_user_agent: str = Field(
        f"pactwatch/{__version__} (news monitor)",
        min_length=1,
        description="User-Agent of `ingest URL` and `watch`; robots.txt rules for "
        "`pactwatch` apply. Add a contact, e.g. `pactwatch/0.1 (+mailto:you@example.org)`.",
    )
    fetch_host_delay: float = Field(
        1.0, ge=0, le=3600, description="Least seconds between two requests to one host."
    )
    fetch_timeout: float = Field(
        20.0, gt=0, le=600, description="Most seconds one request (page, feed) may take in all."
    )
    fetch_max_bytes: int = Field(
        5_000_000, ge=1, description="Largest page or feed fetched, in bytes (decompressed)."
    )
    fetch_max_redirects: int = Field(
        5, ge=0, le=30, description="Most redirects followed for one page or feed."
    )
    webhooks: tuple[Webhook, ...] = Field(
        (),
        description="`[[webhooks]]` tables (url, charters, secret_env, name) that receive a "
        "signed JSON POST per new finding (docs/alerts.md).",
    )
    webhook_tries: int = Field(
        3, ge=1, le=20, description="POSTs per delivery in one `pactwatch notify` run."
    )
    webhook_backoff: float = Field(
        1.0, ge=0, le=60, description="Seconds before a webhook's first retry; doubles each try."
    )
    webhook_timeout: float = Field(
        10.0, gt=0, le=300, description="Seconds a webhook may take to answer one POST."
    )

    @field_validator("scheduler")
    @classmethod
    def _scheduler(cls, value: str) -> str:
        if value and not SCHEDULER_ADDRESS.match(value):
            raise ValueError("not a Dask scheduler address")
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses(cls, value: str) -> str:
        for part in value.split(","):
            if part.strip():
                ipaddress.ip_network(part.strip(), strict=False)  # ValueError names it
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # environment first, then the config file; no .env or secrets folders
        return (init_settings, env_settings, _ConfigFile(settings_cls))


def _is_secret(info: FieldInfo) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and bool(extra.get("secret"))


def config_path() -> Path:
    return Path(os.environ.get(CONFIG_ENV) or CONFIG_FILE)


class _ConfigFile(PydanticBaseSettingsSource):
    """`pactwatch.toml`: its keys at the top level or under `[pactwatch]`; never secrets."""

    def __init__(self, settings_cls: type[BaseSettings]) -> None:
        super().__init__(settings_cls)
        self.path = config_path()
        self.data = self._read()

    def _read(self) -> dict[str, Any]:
        path = self.path
        if not path.exists():
            if os.environ.get(CONFIG_ENV):
                raise SettingsError(
                    [
                        f"{CONFIG_ENV}={str(path)!r}: no such file; "
                        f"fix: point {CONFIG_ENV} at an existing TOML file, or unset it"
                    ]
                )
            return {}
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except OSError as exc:
            raise SettingsError(
                [f"{path}: cannot be read ({exc.strerror or exc}); fix: make it readable"]
            ) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(
                [
                    f"{path}: not valid TOML ({exc}); fix: write `key = value` lines "
                    "(the settings table in README.md)"
                ]
            ) from None
        logging.getLogger(__name__).debug("settings from %s", path)
        section = data.get("pactwatch", data)
        if not isinstance(section, dict):
            raise SettingsError(
                [
                    f"{path}: pactwatch: not a table of settings; "
                    "fix: write `[pactwatch]` on its own line, then `key = value` lines"
                ]
            )
        secrets = [
            name
            for name, info in self.settings_cls.model_fields.items()
            if _is_secret(info) and name in section
        ]
        if secrets:
            raise SettingsError(
                [
                    f"{path}: {name}: a secret is read only from the environment; "
                    f"fix: remove it from the file and set {ENV_PREFIX}{name.upper()}"
                    for name in secrets
                ]
            )
        return dict(section)

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return self.data.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(self.data)


def _where(name: str) -> str:
    """Where the value of a setting came from, as a user would write it."""
    env = f"{ENV_PREFIX}{name.upper()}"
    if os.environ.get(env):
        return f"{env}={os.environ[env]!r}"
    return f"{config_path()}: {name}"


def _expected(name: str) -> str:
    """What a setting takes, from its declared type and bounds."""
    info = Settings.model_fields[name]
    if name == "scheduler":
        return "a Dask scheduler address such as tcp://10.0.0.5:8786"
    if name == "trusted_proxies":
        return "IP addresses or networks separated by commas, e.g. 10.0.0.5,10.1.0.0/16"
    if name == "webhooks":
        return (
            '[[webhooks]] tables: url = "https://…", charters = ["csto-treaty"], '
            'secret_env = "HOOK_SECRET" (the secret itself only in that variable)'
        )
    if info.annotation is float:
        return "a number of seconds"
    if info.annotation is bool:
        return "true or false"
    if info.annotation is float:
        return "a number of seconds, e.g. 1.5"
    if info.annotation is int:
        low = next((m.ge for m in info.metadata if hasattr(m, "ge")), None)
        high = next((m.le for m in info.metadata if hasattr(m, "le")), None)
        if low is not None and high is not None:
            return f"a whole number from {low} to {high}"
        return f"a whole number of at least {low}" if low is not None else "a whole number"
    return "non-empty text"


def _problem(error: Any) -> str:
    loc = error.get("loc") or ("?",)
    name = str(loc[0])
    if name not in Settings.model_fields:
        known = ", ".join(Settings.model_fields)
        return f"{config_path()}: {name}: unknown setting; fix: remove it (known: {known})"
    default = Settings.model_fields[name].default
    message = str(error.get("msg", "invalid"))
    # a validator's own words are the reason; pydantic's add detail after a comma
    reason = (
        message.removeprefix("Value error, ")
        if message.startswith("Value error, ")
        else message.split(",")[0]
    )
    # inside a table, which one and which key: "pactwatch.toml: webhooks[0].url"
    inner = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[1:])
    return (
        f"{_where(name)}{inner}: {reason}; fix: give {_expected(name)}, "
        f"or leave it out for the default ({default!r})"
    )


def load() -> Settings:
    """Every setting, validated; SettingsError lists each bad one with its fix."""
    try:
        return Settings()
    except ValidationError as exc:
        raise SettingsError([_problem(e) for e in exc.errors()]) from None


def get(name: str) -> Any:
    """The value of one setting, of its declared type."""
    if name not in Settings.model_fields:
        raise KeyError(name)
    return getattr(load(), name)


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(name, info.default, info.description or "", _is_secret(info))
    for name, info in Settings.model_fields.items()
)
