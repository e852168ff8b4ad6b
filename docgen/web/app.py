"""The workspace's ASGI application (Starlette): ``create_app`` builds it over one folder of agreements.

Views (``views``) are small functions over the library the CLI uses (``docgen.documents.batch``,
``docgen.model.scaffold``, ``docgen.documents.amendment``); the library's blocking work runs in Starlette's
thread pool. Pages are Jinja templates with autoescape; the only script (static/live.js) asks ``/-/state``
four times a second whether a YAML file changed, and then reloads the page's content and its page images.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.routing import Route

from docgen.web import views
from docgen.web.pages import HERE, Workspace, no_icon, static
from docgen.web.preview import Previews
from docgen.web.security import Guard


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
