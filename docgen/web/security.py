"""What keeps other pages, other users' browsers and other programs out of ``docgen serve`` (ASGI middleware,
as Jupyter's server and datasette do it):

- the Host header must name this server on a loopback address (127.0.0.1, localhost, [::1]) and its port: a
  web page on another site whose name was made to resolve to 127.0.0.1 (DNS rebinding) sends its own name;
- every request carries the session cookie, which only ``/-/auth?token=…`` with the one-time token printed by
  ``docgen serve`` sets (HttpOnly, SameSite=Strict, named after the port so two servers do not share it);
- a request that changes something (POST) must come from this server's own pages: ``Sec-Fetch-Site`` is
  same-origin (or none: typed by the user), or without it the ``Origin`` is this server; and the form carries
  a token made from the session (``form_token``, checked by the views).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from docgen.base import i18n
from docgen.base.i18n import _
from docgen.web.text import language

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK = ("127.0.0.1", "localhost", "::1")
SAFE_METHODS = ("GET", "HEAD")
HEADERS = [
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),  # the address with the token never leaves in a Referer
    (b"content-security-policy", b"default-src 'self'; img-src 'self'; frame-ancestors 'none'"),
    (b"cache-control", b"no-store"),
]


def cookie_name(port: int) -> str:
    return f"docgen-serve-{port}"


def form_token(session: str) -> str:
    """The hidden token of every form: tied to the session, unknown to other sites."""
    return hmac.new(session.encode(), b"form", hashlib.sha256).hexdigest()


def host_allowed(host: str | None, port: int) -> bool:
    """Whether a Host header names this server: a loopback name and exactly its port."""
    if not host:
        return False
    if host.startswith("["):  # an IPv6 literal: [::1]:8390
        name, _bracket, rest = host[1:].partition("]")
        given = rest.removeprefix(":") if rest.startswith(":") else None
    else:
        name, colon, given = host.rpartition(":")
        if not colon:
            name, given = host, None
    return name.lower() in LOOPBACK and given == str(port)


class Guard:
    """The middleware: Host, token and cookie, same-origin POSTs; and safe headers on every answer."""

    def __init__(self, app: ASGIApp, *, port: int, token: str, session: str) -> None:
        self.app, self.port, self.token, self.session = app, port, token, session
        self.spent = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no websocket: nothing of the workspace answers one
            await send({"type": "websocket.close", "code": 1008})
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        # the whole request, its refusals and the library's errors included, in the browser's language
        with i18n.using(language(headers.get("accept-language"))):
            await self._answer(scope, receive, send, headers)

    async def _answer(self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str]) -> None:
        host = headers.get("host")
        if not host_allowed(host, self.port):
            await _refuse(send, 403, _("Host not allowed: open the address docgen serve printed."))
            return
        if scope["path"] == "/-/auth":
            await self._sign_in(scope, send)
            return
        cookies = SimpleCookie()
        try:
            cookies.load(headers.get("cookie", ""))
        except Exception:  # http.cookies raises CookieError on a malformed header: no session then
            cookies = SimpleCookie()
        sent = cookies.get(cookie_name(self.port))
        if sent is None or not secrets.compare_digest(sent.value.encode(), self.session.encode()):
            await _refuse(
                send, 403, _("Forbidden: open the address with the token that docgen serve printed.")
            )
            return
        if scope["method"] not in SAFE_METHODS and not _same_origin(headers, host or ""):
            await _refuse(send, 403, _("Forbidden: a change must come from the workspace's own pages."))
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)

    async def _sign_in(self, scope: Scope, send: Send) -> None:
        given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
        if self.spent or not secrets.compare_digest(given.encode(), self.token.encode()):
            await _refuse(
                send, 403, _("Forbidden: this token is wrong or was used already; restart docgen serve.")
            )
            return
        self.spent = True  # one use: an address copied from a log or a history later signs nobody in
        cookie = f"{cookie_name(self.port)}={self.session}; Path=/; HttpOnly; SameSite=Strict"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", b"/"), (b"set-cookie", cookie.encode()), *HEADERS],
            }
        )
        await send({"type": "http.response.body", "body": b""})


def _same_origin(headers: dict[str, str], host: str) -> bool:
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = headers.get("origin")
    return origin is None or origin == f"http://{host}"


async def _refuse(send: Send, status: int, text: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": text.encode()})
