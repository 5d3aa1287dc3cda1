"""Ingest: input files → documents (`readers`) → records (extraction) → store (`run`).

Only the readers are imported here, so that `pactwatch extract` can read inputs
without loading the store; `pactwatch.ingest.run.ingest` does the whole job.
"""

from __future__ import annotations

from pactwatch.ingest.readers import (
    SUPPORTED_SUFFIXES,
    check_report_date,
    count_inputs,
    read_documents,
)

__all__ = ["SUPPORTED_SUFFIXES", "check_report_date", "count_inputs", "read_documents"]
