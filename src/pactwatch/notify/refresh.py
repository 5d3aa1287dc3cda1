"""The stored findings brought up to date after new records: the charters webhooks follow.

    refresh_findings(store)     # after an ingest's records are linked into incidents

Findings are recorded whenever a charter is checked (`check.stored.remember`),
and a finding first seen is queued for its webhooks then. So after new records
are corroborated, the charters that configured webhooks follow are checked
again, which records their new findings and queues the deliveries; sending them
is `send_pending`'s job (`watch` sends at the end of each round, `notify` on
demand). Without webhooks nothing is checked here: the dashboard and `check`
compute findings when asked.
"""

from __future__ import annotations

import logging
from typing import Any

from pactwatch import settings

log = logging.getLogger(__name__)


def followed_charters(config: settings.Settings) -> list[str]:
    """The charters the configured webhooks follow ("*": every shipped charter)."""
    wanted = {c for hook in config.webhooks for c in hook.charters}
    if "*" in wanted:
        from pactwatch.check.charter import shipped_charters

        return sorted(shipped_charters())
    return sorted(wanted)


def refresh_findings(store: Any, config: settings.Settings | None = None) -> list[str]:
    """Check each charter the webhooks follow (recording its findings, queueing the new
    ones); the charters checked, [] where no webhook is configured."""
    config = config if config is not None else settings.load()
    if not config.webhooks:
        return []
    from pactwatch.check.check import check

    charters = followed_charters(config)
    for charter in charters:
        found = check(store, charter)
        log.debug("findings of %s refreshed: %d", charter, len(found))
    return charters
