"""The OpenAPI document as the API really answers: error statuses and export media types.

FastAPI documents only the success status and 422, and every success as JSON.
The API also answers errors from one place (`app.py`: `{"error": "..."}` as JSON)
and serves its exports as CSV and JSON Lines. The statuses each kind of
operation can answer are data here, added to the generated document once.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR = {
    "type": "object",
    "properties": {"error": {"type": "string", "description": "what went wrong, and the fix"}},
    "required": ["error"],
}

# why each status can come back, by kind of operation
_ANY = {"400": "a query or body value that cannot be used (named in the message)"}
_LOOKUP = {"404": "no such record, document or charter"}
_WRITE = {
    "401": "not logged in, or the session has ended",
    "403": "missing or wrong CSRF token (`X-CSRF-Token`)",
    "404": "no such record or document",
    "413": "request body over the size limit (PACTWATCH_MAX_REQUEST_BYTES)",
}

# exports: the media type of their 200 answer, by the path's suffix
_MEDIA = {".csv": "text/csv", ".jsonl": "application/x-ndjson"}


def _statuses(path: str, method: str, op: dict[str, Any]) -> dict[str, str]:
    out = dict(_ANY)
    params = {p.get("name") for p in op.get("parameters", [])}
    if method != "get":
        out.update(_WRITE)
    elif "{" in path or "charter" in params:
        out.update(_LOOKUP)
    return out


def complete(schema: dict[str, Any]) -> dict[str, Any]:
    """Add each operation's error answers and its exports' media types to `schema`."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    ref = {"$ref": "#/components/schemas/Error"}
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            responses = op.setdefault("responses", {})
            for status, why in _statuses(path, method, op).items():
                responses.setdefault(
                    status, {"description": why, "content": {"application/json": {"schema": ref}}}
                )
            media = next((m for suffix, m in _MEDIA.items() if path.endswith(suffix)), None)
            if media is not None:
                for status in ("200", "201"):
                    if status in responses:
                        responses[status]["content"] = {media: {"schema": {"type": "string"}}}
    return schema


def install(app: FastAPI) -> None:
    """Serve the completed document at /openapi.json (built once, on first request)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = complete(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    description=app.description,
                    routes=app.routes,
                )
            )
        return app.openapi_schema

    setattr(app, "openapi", openapi)  # noqa: B010 (FastAPI's documented override)
