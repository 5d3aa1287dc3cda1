"""The stored findings brought up to date after new records are linked into incidents.

    refresh_findings(store)     # after an ingest's records are linked into incidents

Two things read findings that must not wait for a check over the whole store:
the dashboard, which serves the findings and overview counts kept in the store
(`web.precomputed`), and the webhooks, whose deliveries are queued when a charter
check first sees a finding (`check.stored.remember`). So after new records are
linked, every charter the dashboard offers and every charter a webhook follows is
checked once and the result kept for the data as it is now; sending the queued
deliveries is `send_pending`'s job (`watch` sends at the end of each round,
`notify` on demand). `ingest` and `watch` call it after their records are linked
(`ingest.run.finish_ingest`), the distributed client also during its run.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from pactwatch import settings
from pactwatch.errors import PactwatchError
from pactwatch.store import Store

if TYPE_CHECKING:
    from pactwatch.web.precomputed import Refreshed

log = logging.getLogger(__name__)


def followed_charters(config: settings.Settings) -> list[str]:
    """The charters the configured webhooks follow ("*": every shipped charter)."""
    wanted = {c for hook in config.webhooks for c in hook.charters}
    if "*" in wanted:
        from pactwatch.check.charter import shipped_charters

        return sorted(shipped_charters())
    return sorted(wanted)


def refresh_findings(store: Store, config: settings.Settings | None = None) -> list[Refreshed]:
    """Compute and keep the findings and overview counts of every charter the dashboard
    offers and every charter a webhook follows, for the data as it is now (checking them
    records their findings and queues the new ones for webhooks); what was computed.

    The data is stored already, so a charter that cannot be checked (a webhook naming
    no charter) is logged and left out, not raised: the ingest that called this has done
    its work, and pages compute what is stale when asked. A store error raises.
    """
    # late: the web package imports FastAPI, which an ingest needs only from here
    from pactwatch.web import checking, precomputed

    config = config if config is not None else settings.load()
    charters = sorted({*checking.charter_ids(), *followed_charters(config)})

    def left_out(charter_id: str, exc: PactwatchError) -> None:
        log.warning(
            "the findings of charter %r were not refreshed: %s (fix: %s)",
            charter_id,
            exc.message,
            exc.fix or "correct the charter, then run `pactwatch refresh`",
        )

    t0 = time.perf_counter()
    done = precomputed.refresh(store, charters, on_error=left_out)
    log.info(
        "stored findings of %d charter(s) refreshed in %.2f s",
        len(charters),
        time.perf_counter() - t0,
    )
    return done
