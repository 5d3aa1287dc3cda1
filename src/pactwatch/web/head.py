"""HEAD answered wherever GET is: the GET response's status and headers, without its body.

FastAPI routes list only the methods they declare, so `HEAD /` was 405; a monitor
or a link checker asks with HEAD. Pure ASGI (no response buffering): the request
goes on as GET and each body chunk is dropped on its way out, so the headers,
Content-Length included, are exactly GET's.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
