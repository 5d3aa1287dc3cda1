"""pactwatch's knowledge of actors: states, organisations, agencies and leaders.

The facts live in data files next to this module (states.yaml, igos.yaml,
agencies.yaml, leaders/*.csv; formats in docs/knowledge.md). `load_knowledge()`
validates them all and returns a `Knowledge` with the lookups extraction needs.
"""

from __future__ import annotations

from pactwatch.knowledge.load import load_knowledge
from pactwatch.knowledge.model import (
    ALIAS_KINDS,
    OFFICES,
    Agency,
    Alias,
    Igo,
    Knowledge,
    Named,
    State,
    Term,
    alias_key,
)

__all__ = [
    "ALIAS_KINDS",
    "OFFICES",
    "Agency",
    "Alias",
    "Igo",
    "Knowledge",
    "Named",
    "State",
    "Term",
    "alias_key",
    "load_knowledge",
]
