"""Serving the dashboard: the listening socket, uvicorn's configuration, the server run.

The socket is bound before uvicorn starts, so that a busy port or an address
this machine does not have is a `UsageError` naming them (exit 2), not a
uvicorn log line and exit 3.
"""

from __future__ import annotations

import errno
import logging
import socket
from typing import Any

from fastapi import FastAPI

from pactwatch import settings
from pactwatch.errors import PactwatchError, UsageError
from pactwatch.store import Store
from pactwatch.web.app import create_app

log = logging.getLogger(__name__)


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port, or UsageError naming them and why (busy, no such address)."""
    where = f"{host}:{port}"
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise UsageError(
            f"cannot listen on {where}: no such address ({exc})",
            fix="pass --host with an address of this machine, e.g. 127.0.0.1",
        ) from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        busy = exc.errno == errno.EADDRINUSE
        raise UsageError(
            f"cannot listen on {where}: "
            + ("the port is busy" if busy else (exc.strerror or str(exc))),
            fix="pass --port with a free port, or stop what holds this one"
            if busy
            else "pass --host with an address of this machine, or --port with one you may use",
        ) from None
    return sock


def server_config(app: FastAPI, trusted_proxies: str | None = None, log_level: str = "info") -> Any:
    """uvicorn's configuration for `app`: X-Forwarded-For is believed only from the proxies
    `trusted_proxies` names (default: the setting; empty: none), so that the login rate
    limit keys on the real peer and no client can pick its own address."""
    import uvicorn

    trusted = str(settings.get("trusted_proxies") if trusted_proxies is None else trusted_proxies)
    proxies = ",".join(p.strip() for p in trusted.split(",") if p.strip())
    return uvicorn.Config(
        app,
        log_level=log_level,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
    )


def warm_up(store: Store) -> None:
    """What the first views would otherwise pay once per process, done before listening:
    every charter and the alliance registry parsed (YAML: ~100 ms), every template
    compiled (~50 ms), a database connection open. Nothing here depends on the data."""
    from pactwatch.knowledge.alliances import load_alliances
    from pactwatch.web import checking
    from pactwatch.web.deps import templates
    from pactwatch.web.queries import data_version

    load_alliances()
    for charter_id in checking.charter_ids():
        try:
            checking.load_charter(charter_id)
        except PactwatchError as exc:  # a broken file is left out by the pages; logged there
            log.warning("charter %s not loaded: %s", charter_id, exc)
    for name in templates.env.list_templates(extensions=["html"]):
        templates.env.get_template(name)
    data_version(store)


def serve_store(store: Store, sock: socket.socket, *, log_level: int = logging.WARNING) -> None:
    """Serve the dashboard over `store` on `sock` until interrupted; closes both at the end.

    uvicorn logs what it serves at info unless `log_level` (the pactwatch loggers')
    asks for errors only (-q) or debug (-vv)."""
    import uvicorn

    level = (
        "error" if log_level >= logging.ERROR else "debug" if log_level <= logging.DEBUG else "info"
    )
    app = create_app(store=store)
    warm_up(store)
    server = uvicorn.Server(server_config(app, log_level=level))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        store.close()
