"""Every error pactwatch raises, in one catalogue.

Library code raises these; only the CLI turns them into a message and an exit
status. Each message says what went wrong, with which input, and how to fix it.
"""

from __future__ import annotations

from typing import Any


class PactwatchError(Exception):
    """Base class. `code` is stable (cite it in issues); `exit_status` is what the CLI returns."""

    code = "E000"
    exit_status = 2

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        self.message = message
        self.fix = fix
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} (fix: {self.fix})" if self.fix else text

    def __reduce__(self) -> tuple[Any, ...]:
        # an error raised in a Dask worker is pickled back to the client; the default
        # (the class called with str(self)) would fail for InputRejected and double the
        # code prefix for the others, so the attributes travel as they are
        return (_restore, (type(self), dict(self.__dict__)))


def _restore(cls: type[PactwatchError], state: dict[str, Any]) -> PactwatchError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, str(error))
    return error


class UsageError(PactwatchError):
    """Bad arguments or options."""

    code = "E001"


class SettingsError(PactwatchError):
    """A setting (environment or pactwatch.toml) is invalid; `problems` names each one."""

    code = "E002"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems  # each names the setting, where it was set, and the fix
        super().__init__("bad setting: " + "\n  ".join(problems))


class InputRejected(PactwatchError):
    """One input (file, line, URL) cannot be used; other inputs go on."""

    code = "E010"
    exit_status = 1

    def __init__(self, origin: str, reason: str, *, fix: str | None = None) -> None:
        self.origin = origin
        self.reason = reason
        super().__init__(f"{origin}: {reason}", fix=fix)


class FetchFailed(InputRejected):
    """A URL (page, feed or robots.txt) could not be fetched; `transient` when trying again
    later may succeed (timeouts, 5xx, connection errors), so `watch` retries it next round."""

    code = "E011"

    def __init__(
        self, origin: str, reason: str, *, fix: str | None = None, transient: bool = False
    ) -> None:
        self.transient = transient
        super().__init__(origin, reason, fix=fix)


class StoreError(PactwatchError):
    """The database cannot be reached, created, migrated or written."""

    code = "E020"


class KnowledgeError(PactwatchError):
    """A knowledge file (actors, leaders, places, alliances) is invalid.

    `problems` lists every error found, each naming file, line and field.
    """

    code = "E030"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s) in knowledge files:\n  " + "\n  ".join(problems),
            fix="correct each line named above",
        )


class CharterError(PactwatchError):
    """A charter file is invalid; `problems` lists every error with file, line and field."""

    code = "E040"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s) in charter:\n  " + "\n  ".join(problems),
            fix="correct each line named above; see docs/charters.md for the schema",
        )


class NotFound(PactwatchError):
    """A named thing (charter, record, document, user) does not exist."""

    code = "E050"


class AuthError(PactwatchError):
    """Login, session or permission problems."""

    code = "E060"


class ClusterError(PactwatchError):
    """The Dask cluster of a distributed ingest cannot be reached or used (workers that
    differ from the client, no workers, a worker that cannot run pactwatch)."""

    code = "E080"


class FeedsFileError(PactwatchError):
    """A FEEDS.toml file for `pactwatch watch` is invalid; `problems` names file, key and fix."""

    code = "E090"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s) in feeds file:\n  " + "\n  ".join(problems),
            fix="correct each key named above; see docs/feeds.md for the format",
        )
