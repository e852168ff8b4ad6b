"""The workspace's pages: the list, a region, an agreement (its pages, problems and downloads), and the
forms that write (a new agreement, a head, a municipality, an amendment)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from docgen.base.errors import PdfError, UserError, display
from docgen.base.i18n import _
from docgen.model.resolved import MUNICIPALITIES_FILE, SUPPORT_FILES
from docgen.web import amending, edits, workspace
from docgen.web.pages import Workspace, checked_form, error_page, not_found, page, redirect, space, state

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def index(request: Request) -> Response:
    version = workspace.fingerprint(space(request).folder)  # before reading: a save meanwhile is seen later
    regions = await run_in_threadpool(workspace.regions, space(request).folder)
    return page(request, "index.html", regions=regions, version=version)


def _agreement_path(request: Request) -> Path:
    params = request.path_params
    if params["name"] + ".yaml" in SUPPORT_FILES:  # region.yaml, municipalities.yaml: not agreements
        raise workspace.NotInside(_("{name} is not an agreement").format(name=params["name"]))
    return workspace.inside(space(request).folder, params["region"], params["name"] + ".yaml")


async def region(request: Request) -> Response:
    ws = space(request)
    try:
        workspace.inside(ws.folder, request.path_params["region"])
    except workspace.NotInside as error:
        return not_found(request, error)
    version = workspace.fingerprint(ws.folder)
    regions = await run_in_threadpool(workspace.regions, ws.folder)
    found = next((r for r in regions if r.id == request.path_params["region"]), None)
    if found is None:
        return not_found(request)
    sample = next((entry for entry in found.agreements if entry.resolved is not None), None)
    return page(request, "region.html", region=found, sample=sample, version=version)


async def agreement(request: Request) -> Response:
    try:
        path = _agreement_path(request)
    except workspace.NotInside as error:
        return not_found(request, error)
    if not path.is_file():
        return not_found(request)
    version = workspace.fingerprint(space(request).folder)
    resolved, problems = await run_in_threadpool(workspace.check, path)
    params = request.path_params
    return page(
        request,
        "agreement.html",
        region_id=params["region"],
        name=params["name"],
        file=display(path),
        resolved=resolved,
        problems=[str(p) for p in problems],
        built=request.query_params.get("built"),
        version=version,
    )


def _render(path: Path) -> bytes:
    from docgen.documents.batch import render

    return render(path)  # the bytes docgen build writes: same template, same defaults


async def preview(request: Request) -> Response:
    """The page images of the agreement as saved now (a fragment that live.js puts into the page)."""
    try:
        path = _agreement_path(request)
        data = await run_in_threadpool(_render, path)
        key, rendered = await run_in_threadpool(space(request).previews.render, data)
    except workspace.NotInside as error:
        return not_found(request, error)
    except UserError as error:
        return page(request, "preview.html", key="", count=0, lines=str(error).splitlines())
    return page(request, "preview.html", key=key, count=len(rendered.pages), lines=[])


async def png(request: Request) -> Response:
    key, number = request.path_params["key"], request.path_params["number"]
    data = space(request).previews.page(key, number)
    if data is None:
        return Response("Not found", status_code=404, media_type="text/plain")
    # the address names the content: the same address is always the same image
    return Response(data, media_type="image/png", headers={"cache-control": "private, max-age=86400"})


async def download(request: Request) -> Response:
    kind = request.path_params["kind"]
    try:
        path = _agreement_path(request)
        data = await run_in_threadpool(_render, path)
        if kind == "docx":
            body, media = data, DOCX
        elif kind == "pdf":
            body, media = (
                (await run_in_threadpool(space(request).previews.render, data))[1].pdf,
                "application/pdf",
            )
        elif kind == "zip":
            body, media = await run_in_threadpool(_zip, path, data), "application/zip"
        else:
            return not_found(request)
    except workspace.NotInside as error:
        return not_found(request, error)
    except (UserError, PdfError) as error:
        return error_page(request, error)
    name = f"{path.stem}.{kind}"
    return Response(body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})


def _zip(path: Path, agreement: bytes) -> bytes:
    """The agreement and its procedure documents, named as ``docgen build --procedure`` names them; the
    same files give the same zip (docgen's own zip writer, with fixed timestamps)."""
    from docgen.base.output import Entry, zip_bytes
    from docgen.documents.batch import ProcedureCheck, resolve_all
    from docgen.documents.forms import FormTemplates, render_forms
    from docgen.documents.procedure import Attachment

    checked = ProcedureCheck(forms=True)
    resolved = resolve_all([path], check=checked)[0]
    entries = [Entry.deflate(resolved.output_name.as_posix(), agreement)]
    for made in render_forms(checked.results[path], [Attachment("agreement", agreement)], FormTemplates()):
        entries.append(Entry.deflate(Path(made.name).as_posix(), made.docx))
    return zip_bytes(entries)


async def build(request: Request) -> Response:
    """``docgen build`` of this one agreement into the output folder."""
    from docgen.documents.batch import build as build_documents

    ws = space(request)
    try:
        await checked_form(request)
        path = _agreement_path(request)
        async with ws.write_lock:
            built = await run_in_threadpool(build_documents, [path], ws.output)
    except PermissionError as error:
        return error_page(request, error, 403)
    except workspace.NotInside as error:
        return not_found(request, error)
    except UserError as error:
        return error_page(request, error)
    params = request.path_params
    return redirect(f"/a/{params['region']}/{params['name']}?built={display(built[0].target)}")


def _date(value: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(_("'{value}' is not a date: write it as 2017-03-30").format(value=value)) from None


def _suggestions(folder: Path) -> list[str]:
    """The 団体 fields' suggestions: the workspace's municipalities first, then the national list's (read
    only when this form is shown: it is the one page that needs it)."""
    from docgen.model.national import names

    own = list(workspace.municipalities(folder))
    seen = set(own)
    return own + [name for name in names() if name not in seen]


async def new_form(request: Request) -> Response:
    ws = space(request)
    regions = await run_in_threadpool(workspace.regions, ws.folder)
    towns = await run_in_threadpool(_suggestions, ws.folder)
    base = workspace.content_hash(ws.folder / MUNICIPALITIES_FILE)
    return page(request, "new.html", regions=regions, towns=towns, base=base, values={}, lines=[])


async def new_post(request: Request) -> Response:
    ws = space(request)
    try:
        form = await checked_form(request)
    except PermissionError as error:
        return error_page(request, error, 403)
    raw = await request.form()
    parties = [str(value).strip() for value in raw.getlist("party") if str(value).strip()]
    try:
        async with ws.write_lock:
            created = await run_in_threadpool(
                lambda: edits.new_agreement(
                    ws.folder,
                    form.get("region", ""),
                    form.get("name", "").strip(),
                    parties,
                    _date(form.get("date", "")),
                    base=form.get("base", ""),
                    new=form.get("new") == "on",
                )
            )
    except UserError as error:
        regions = await run_in_threadpool(workspace.regions, ws.folder)
        towns = await run_in_threadpool(_suggestions, ws.folder)
        lines = [str(p) for p in error.problems] if hasattr(error, "problems") else str(error).splitlines()
        values = {**form, "parties": parties}
        status = 409 if isinstance(error, edits.Conflict) else 400
        return page(
            request,
            "new.html",
            status,
            regions=regions,
            towns=towns,
            base=form.get("base", ""),
            values=values,
            lines=lines,
        )
    return redirect(f"/a/{created.parent.name}/{created.stem}")


async def towns_page(request: Request, lines: list[str] | None = None, status: int = 200) -> Response:
    ws = space(request)
    towns = await run_in_threadpool(workspace.municipalities, ws.folder)
    base = workspace.content_hash(ws.folder / MUNICIPALITIES_FILE)
    return page(request, "municipalities.html", status, towns=towns, base=base, lines=lines or [])


async def towns_post(request: Request) -> Response:
    ws = space(request)
    try:
        form = await checked_form(request)
    except PermissionError as error:
        return error_page(request, error, 403)
    action = request.path_params["action"]
    try:
        async with ws.write_lock:
            if action == "head":
                since, known = _date(form.get("since", "")), _date(form.get("known", ""))
                if since is None and known is None:
                    # a head with neither is in office on no day: docgen could never print them as signing
                    raise UserError(
                        _(
                            "a new head needs the first day of the term (In office from) or a day they were "
                            "known to be in office (Known in office on)"
                        )
                    )
                await run_in_threadpool(
                    lambda: edits.add_head(
                        ws.folder,
                        form.get("town", ""),
                        form.get("head", "").strip(),
                        since,
                        known=known,
                        base=form.get("base", ""),
                    )
                )
            elif action == "add":
                await run_in_threadpool(
                    lambda: edits.add_municipality(
                        ws.folder,
                        form.get("name", "").strip(),
                        address=form.get("address", "").strip(),
                        title=form.get("title", "").strip(),
                        prefecture=form.get("prefecture", "").strip(),
                        head=form.get("head", "").strip(),
                        since=_date(form.get("since", "")),
                        base=form.get("base", ""),
                    )
                )
            else:
                return not_found(request)
    except UserError as error:
        lines = [str(p) for p in error.problems] if hasattr(error, "problems") else str(error).splitlines()
        return await towns_page(request, lines, 409 if isinstance(error, edits.Conflict) else 400)
    return redirect("/municipalities")


async def amend_page(request: Request) -> Response:
    """Choose the signed version; with one chosen, the 改め文 and 新旧対照表 that ``docgen amend`` writes."""
    ws = space(request)
    query = request.query_params
    revision, folder, day = query.get("revision", ""), query.get("folder", ""), query.get("date", "")
    if not revision and not folder:
        return page(request, "amend.html", found=None, shown=[], lines=[], query=query)
    try:
        old = await run_in_threadpool(_signed, ws, revision, folder)
        found = await run_in_threadpool(_amendments, old, ws.folder, _date(day))
        shown = []
        for item in found.amended:
            paragraphs, tables = amending.shown(item.agreement)
            _kind, rows = amending.shown(item.comparison)
            shown.append(amending.Shown(display(item.new.path), paragraphs, tables, rows))
    except (UserError, PdfError) as error:
        lines = [str(p) for p in error.problems] if hasattr(error, "problems") else str(error).splitlines()
        return page(request, "amend.html", 400, found=None, shown=[], lines=lines, query=query)
    state_now = workspace.fingerprint(ws.folder)
    return page(request, "amend.html", found=found, shown=shown, lines=[], query=query, state=state_now)


def _signed(ws: Workspace, revision: str, folder: str) -> Path:
    """The agreements as signed: a git revision of the workspace's repository, or a folder inside it."""
    if revision:
        return amending.from_revision(ws.folder, revision, ws.work)
    parts = [part for part in folder.split("/") if part]
    if folder.startswith("/") or not parts:
        raise workspace.NotInside(_("{folder!r} is not a folder of the workspace").format(folder=folder))
    return workspace.inside(ws.folder, *parts)


def _amendments(old: Path, new: Path, day: dt.date | None):  # type: ignore[no-untyped-def]
    from docgen.documents.amendment import amendment_documents

    return amendment_documents(old, new, date=day, mode="final" if day else "draft")


async def amend_post(request: Request) -> Response:
    from docgen.documents.amendment import write_amendments

    ws = space(request)
    try:
        form = await checked_form(request)
    except PermissionError as error:
        return error_page(request, error, 403)
    try:
        async with ws.write_lock:
            if workspace.fingerprint(ws.folder) != form.get("state", ""):
                raise edits.Conflict(
                    _(
                        "a file of {folder} changed on disk since this page was loaded: nothing was written; "
                        "look at the amendment again"
                    ).format(folder=display(ws.folder))
                )
            old = await run_in_threadpool(_signed, ws, form.get("revision", ""), form.get("folder", ""))
            day = _date(form.get("date", ""))
            _documents, written = await run_in_threadpool(
                lambda: write_amendments(
                    old, ws.folder, ws.output, date=day, mode="final" if day else "draft"
                )
            )
    except (UserError, PdfError) as error:
        return error_page(request, error, 409 if isinstance(error, edits.Conflict) else 400)
    return page(request, "written.html", files=[display(path) for path in written])


ROUTES = [
    Route("/", index),
    Route("/-/state", state),
    Route("/-/png/{key:str}/{number:int}", png),
    Route("/r/{region:str}", region),
    Route("/a/{region:str}/{name:str}", agreement),
    Route("/a/{region:str}/{name:str}/preview", preview),
    Route("/a/{region:str}/{name:str}/download/{kind:str}", download),
    Route("/a/{region:str}/{name:str}/build", build, methods=["POST"]),
    Route("/new", new_form),
    Route("/new", new_post, methods=["POST"]),
    Route("/municipalities", towns_page),
    Route("/municipalities/{action:str}", towns_post, methods=["POST"]),
    Route("/amend", amend_page),
    Route("/amend", amend_post, methods=["POST"]),
]
