"""One request to ``docgen serve``'s application, in this process, as uvicorn hands it over: the path is the
request target percent-decoded once (``urllib.parse.unquote``) and not normalized, so ``../``, ``%2e%2e/``,
``..%5c``, ``%00`` reach the application as a browser or curl --path-as-is sends them.

``request`` keys of a hostile case (tests/hostile/web.yaml):

    method      GET (default), POST, PUT, DELETE…
    path        the request target, query included, exactly as sent; ``{token}`` is the token docgen serve
                printed
    headers     {name: value}; by default Host 127.0.0.1:PORT and Accept-Language en (so the message shown is
                the English one); a value of null leaves the header out
    cookie      session (default: signed in with the token, as a browser after opening the printed address;
                the token is spent then),
                none (never signed in), forged (a cookie of the right name and a made-up value)
    token       spent: another browser signed in with the token first
    form        {field: value or [values]}, sent urlencoded; ``{csrf}`` is the session's form token,
                ``{base}`` the hash the new-agreement page (/new) held when it was loaded (before
                ``afterwards``)
    pad         N: a field ``pad`` of N bytes added to the form (a huge body)

The outcome: ``status``, ``shown`` (the exact message a user sees: a plain-text answer's body, or the lines
of an HTML page's list of problems), ``location`` of a redirect, and ``written``: {path: text} a successful
write leaves.
"""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode

from docgen.web.app import create_app
from docgen.web.security import form_token

PORT = 8390
TOKEN = "a" * 64
SESSION = "b" * 64
COOKIE = f"docgen-serve-{PORT}"
REQUEST_KEYS = {"method", "path", "headers", "cookie", "token", "form", "pad"}


class Answer:
    def __init__(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        self.status = status
        self.headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in headers}
        self.body = body

    def shown(self) -> str:
        """What the user reads: a plain-text answer whole; on a page, its list of problems, a line each."""
        text = self.body.decode("utf-8")
        if self.headers.get("content-type", "").startswith("text/plain"):
            return text
        found = re.search(r'<ul class="problems"[^>]*>(.*?)</ul>', text, re.S)
        if found is None:
            return ""
        items = re.findall(r"<li><code>(.*?)</code></li>", found.group(1), re.S)
        return "\n".join(html.unescape(item) for item in items)


def make_app(root: Path) -> Any:
    work = root / "output" / ".docgen-serve-test"
    work.mkdir(parents=True, exist_ok=True)
    return create_app(
        Path("agreements"), Path("output"), work, port=PORT, token=TOKEN, session=SESSION, warm=False
    )


async def _call(app: Any, method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
    raw = target.encode("latin-1")
    raw_path, _, query = raw.partition(b"?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": unquote(raw_path.decode("ascii")),  # what uvicorn does, and no more
        "raw_path": raw_path,
        "query_string": query,
        "root_path": "",
        "headers": [(k.lower().encode("latin-1"), v.encode("utf-8")) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", PORT),
    }
    chunks = [body]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if chunks:
            return {"type": "http.request", "body": chunks.pop(), "more_body": False}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    content = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return Answer(start["status"], start.get("headers", []), content)


def call(app: Any, method: str, target: str, headers: dict[str, str], body: bytes = b"") -> Answer:
    return asyncio.run(_call(app, method, target, headers, body))


BASE_HEADERS = {"host": f"127.0.0.1:{PORT}", "accept-language": "en"}


def new_page_base(app: Any) -> str:
    """The hidden ``base`` of the new-agreement page, as a browser loads it."""
    page = call(app, "GET", "/new", {**BASE_HEADERS, "cookie": f"{COOKIE}={SESSION}"})
    found = re.search(r'name="base" value="([0-9a-f]+)"', page.body.decode("utf-8"))
    assert page.status == 200 and found is not None, page.body[:500]
    return found.group(1)


def send(app: Any, spec: dict[str, Any], base: str) -> Answer:
    unknown = set(spec) - REQUEST_KEYS
    assert not unknown, f"unknown request keys {unknown}"
    cookie = spec.get("cookie", "session")
    headers = dict(BASE_HEADERS)
    if cookie == "session" or spec.get("token") == "spent":
        signed = call(app, "GET", f"/-/auth?token={TOKEN}", dict(BASE_HEADERS))
        assert signed.status == 303, signed.body
    if cookie == "session":
        headers["cookie"] = f"{COOKIE}={SESSION}"
    elif cookie == "forged":
        headers["cookie"] = f"{COOKIE}={'c' * 64}"
    else:
        assert cookie == "none", cookie
    for name, value in spec.get("headers", {}).items():
        if value is None:
            headers.pop(name.lower(), None)
        else:
            headers[name.lower()] = value
    body = b""
    if "form" in spec or "pad" in spec:
        fields: list[tuple[str, str]] = []
        for name, value in spec.get("form", {}).items():
            for item in value if isinstance(value, list) else [value]:
                item = str(item).replace("{csrf}", form_token(SESSION)).replace("{base}", base)
                fields.append((name, item))
        if "pad" in spec:
            fields.append(("pad", "x" * spec["pad"]))
        body = urlencode(fields).encode("ascii")
        headers.setdefault("content-type", "application/x-www-form-urlencoded")
    target = spec["path"].replace("{token}", TOKEN)
    return call(app, spec.get("method", "GET"), target, headers, body)
