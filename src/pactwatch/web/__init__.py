"""The analyst dashboard and HTTP API (`pactwatch serve`): `create_app(store_url)`."""

from __future__ import annotations

from pactwatch.web.app import create_app

__all__ = ["create_app"]
