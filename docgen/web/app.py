"""The workspace's ASGI application (Starlette): ``create_app`` builds it over one folder of agreements.

Views are small functions over the library the CLI uses (``docgen.batch``, ``docgen.scaffold``,
``docgen.amendment``); the library's blocking work runs in Starlette's thread pool. Pages are Jinja
templates with autoescape; the only script (static/live.js) asks ``/-/state`` four times a second whether a
YAML file changed, and then reloads the page's content and its page images.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from docgen.base.errors import AgreementError, display
from docgen.web import text, workspace
from docgen.web.preview import Previews
from docgen.web.security import Guard, form_token

HERE = Path(__file__).parent
STATIC = {
    "style.css": "text/css; charset=utf-8",
    "live.js": "text/javascript; charset=utf-8",
}


@dataclass
class Workspace:
    """What every view needs: the folders, the previews, the session and one lock for writes."""

    folder: Path
    output: Path
    work: Path
    previews: Previews
    session: str
    write_lock: asyncio.Lock


def create_app(
    folder: Path,
    output: Path,
    work: Path,
    *,
    port: int,
    token: str,
    session: str | None = None,
    warm: bool = True,
) -> Guard:
    """The application for ``folder`` (answering on ``port``, signed in once with ``token``), wrapped in
    its guard. ``work`` is the server's own folder for conversions (inside ``output``), removed by the
    caller."""
    from docgen.web import views

    session = session or secrets.token_hex(32)
    previews = Previews(work, warm=warm)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await run_in_threadpool(previews.close)

    routes = [*views.ROUTES, Route("/static/{name}", static), Route("/favicon.ico", no_icon)]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.workspace = Workspace(folder, output, work, previews, session, asyncio.Lock())
    app.state.templates = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    guarded = Guard(app, port=port, token=token, session=session)
    guarded.starlette = app  # type: ignore[attr-defined]  # for tests and the server
    return guarded


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC:  # a fixed list: no path from a request is ever opened
        return Response("Not found", status_code=404, media_type="text/plain")
    return Response((HERE / "static" / name).read_bytes(), media_type=STATIC[name])


async def no_icon(request: Request) -> Response:
    return Response(status_code=204)  # a browser asks for one; a 404 would be an error in its console


def space(request: Request) -> Workspace:
    return request.app.state.workspace  # type: ignore[no-any-return]


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = text.language(request.headers.get("accept-language"))
    ws = space(request)
    html = request.app.state.templates.get_template(template).render(
        _=text.translator(lang),
        lang=lang,
        csrf=form_token(ws.session),
        folder=display(ws.folder),
        output=display(ws.output),
        request=request,
        **{"version": "", **context},
    )
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, error: Exception, status: int = 400) -> HTMLResponse:
    lines = [str(p) for p in error.problems] if isinstance(error, AgreementError) else str(error).splitlines()
    return page(request, "error.html", status=status, lines=lines)


async def checked_form(request: Request) -> dict[str, str]:
    """The posted form, if it carries this session's form token; else ``UserError`` (answered 403)."""
    form = await request.form()
    sent = str(form.get("csrf", ""))
    if not secrets.compare_digest(sent.encode(), form_token(space(request).session).encode()):
        raise PermissionError("the form's token is missing or wrong: reload the page")
    return {key: str(value) for key, value in form.multi_items() if isinstance(value, str)}


async def state(request: Request) -> JSONResponse:
    """What ``live.js`` asks: a hash of every YAML file of the workspace."""
    return JSONResponse({"version": await run_in_threadpool(workspace.fingerprint, space(request).folder)})


def not_found(request: Request, error: Exception | None = None) -> HTMLResponse:
    lines = [str(error)] if error else []
    return page(request, "error.html", status=404, lines=lines or ["Not found"])


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
