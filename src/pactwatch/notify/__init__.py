"""Alerts on new findings: webhook deliveries (queued when a finding is first seen) and feeds.

    from pactwatch.notify import send_pending
    report = send_pending(store, settings.load())    # POST what is due; a DeliveryReport

`pactwatch.check.stored` queues one delivery per new finding and configured
webhook (`queue.enqueue`); `send_pending` signs and POSTs them, retrying with
backoff, and never sends one again after a 2xx. `atom.feed` renders the Atom feed
of a charter's findings by first seen. docs/alerts.md describes both.
"""

from __future__ import annotations

from pactwatch.notify.send import DeliveryReport, send_pending, sign

__all__ = ["DeliveryReport", "send_pending", "sign"]
