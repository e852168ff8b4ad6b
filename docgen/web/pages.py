"""What every view of the workspace uses: its state (``Workspace``), rendering a page in the browser's
language, the posted form checked for its token, and the small answers (static files, the state hash)."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from docgen.base.errors import AgreementError, display
from docgen.base.i18n import _
from docgen.web import text, workspace
from docgen.web.preview import Previews
from docgen.web.security import form_token

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


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC:  # a fixed list: no path from a request is ever opened
        return Response(_("Not found"), status_code=404, media_type="text/plain")
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
        raise PermissionError(_("the form's token is missing or wrong: reload the page"))
    return {key: str(value) for key, value in form.multi_items() if isinstance(value, str)}


async def state(request: Request) -> JSONResponse:
    """What ``live.js`` asks: a hash of every YAML file of the workspace."""
    return JSONResponse({"version": await run_in_threadpool(workspace.fingerprint, space(request).folder)})


def not_found(request: Request, error: Exception | None = None) -> HTMLResponse:
    lines = [str(error)] if error else []
    return page(request, "error.html", status=404, lines=lines or [_("Not found")])


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
