"""corroborate: records from different documents about one real-world event, linked as an incident.

The stage between store and check (see docs/charters.md, "Incidents"):

    summary = corroborate(store)                 # incremental: only records not yet linked
    summary = corroborate(store, rebuild=True)   # everything again, after a rule change

Modules: `keys` (each record's blocking key, staged once), `link` (the linker:
date order per block, bounded span, no chains), `persist` (incidents read and
written), `days` (day numbers, dates at their true precision), `run` (the steps).
"""

from __future__ import annotations

from pactwatch.corroborate.run import (
    CorroborateSummary,
    corroborate,
    forget,
    incident_days,
    unlink,
)

__all__ = ["CorroborateSummary", "corroborate", "forget", "incident_days", "unlink"]
