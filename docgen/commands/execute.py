"""What a command does with its arguments, however they were read (``docgen.commands.words`` without
argparse, or ``dispatch`` with it): call the library, print what it did, turn a ``UserError`` into a message
and an exit code. Each command imports what it uses when it runs.

``execute`` expects the language set up (``docgen.base.i18n.setup``): its messages are printed in it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.base.i18n import _, ngettext
from docgen.commands import collector
from docgen.commands.terminal import (
    exit_status,
    folder_shown,
    note_jobs,
    progress_bar,
    stop_on_terminate,
    tell_leftovers,
)
from docgen.commands.values import DEFAULT_AGREEMENTS, DEFAULT_FORMS_NAME, DEFAULT_TEMPLATE_NAME

try:  # the C module signal.py wraps: setting a handler needs none of the IntEnums signal.py builds
    import _signal as signal
except ImportError:  # a Python without it
    import signal  # type: ignore[no-redef]

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

EXIT_USER_ERROR = 1
EXIT_INTERNAL = 3  # docgen's own check failed (a bug in docgen): told clearly, nothing written


def _build(args: argparse.Namespace) -> None:
    from docgen.documents.batch import build as build_documents
    from docgen.model import agreement  # noqa: F401 (what batch imports when it reads the first file)

    collector.resume()

    _forms_need_procedure(args)
    note_jobs(args.jobs, pdf=args.pdf)
    paths = args.paths or [DEFAULT_AGREEMENTS]
    blanks: list[object] = []
    warnings: list[object] = []
    leftovers: list[object] = []
    with progress_bar(pdf=args.pdf) as bar:
        built = build_documents(
            paths,
            args.output,
            template=args.template,
            mode=args.mode,
            seal=args.seal,
            progress=bar.advance if bar else None,
            pdf=args.pdf,
            jobs=args.jobs,
            procedure=args.procedure,
            forms=args.forms,
            note=blanks.append,
            planned=bar.planned if bar else None,
            warn=warnings.append,
            clean=args.clean,
            leftover=leftovers.append,
        )
    # a literal 第3条 prints right until an article is added or removed before it (docgen amend refuses then)
    for warning in warnings:
        print(_("warning: {message}").format(message=warning), file=sys.stderr)
    where = folder_shown(args.output)
    if args.pdf:
        wrote = ngettext(
            "wrote {count} document (.docx and .pdf) to {folder}",
            "wrote {count} documents (.docx and .pdf) to {folder}",
            len(built),
        )
    else:
        wrote = ngettext(
            "wrote {count} document to {folder}", "wrote {count} documents to {folder}", len(built)
        )
    wrote = wrote.format(count=len(built), folder=where)
    if not args.procedure:
        print(wrote)
        tell_leftovers(leftovers, args.clean)
        return
    forms = sum(1 for item in built if item.form)
    agreements = len(built) - forms
    print(
        ngettext(
            "{wrote}: {agreements} agreement and {forms} procedure documents",
            "{wrote}: {agreements} agreements and {forms} procedure documents",
            agreements,
        ).format(wrote=wrote, agreements=agreements, forms=forms)
    )
    tell_leftovers(leftovers, args.clean)
    if blanks:
        note = ngettext(
            "the forms of {count} party leave numbers or dates blank, to fill in by hand; "
            "`docgen check --procedure` lists them",
            "the forms of {count} parties leave numbers or dates blank, to fill in by hand; "
            "`docgen check --procedure` lists them",
            len(blanks),
        )
        print(_("note: {message}").format(message=note.format(count=len(blanks))))


def _forms_need_procedure(args: argparse.Namespace) -> None:
    if args.forms is not None and not args.procedure:
        from docgen.base.errors import UserError

        raise UserError(_("--forms names the templates of the procedure documents: add --procedure"))


def _check(args: argparse.Namespace) -> None:
    from docgen.documents.batch import ProcedureCheck, resolve_all
    from docgen.documents.templates import default_template, load_template, shipped_template
    from docgen.model.agreement import Sources
    from docgen.model.literal_references import literal_references
    from docgen.word.lint import check_template, schema_warnings

    collector.resume()

    _forms_need_procedure(args)
    checked = ProcedureCheck(forms=args.procedure, mode=args.mode)
    sources = Sources()  # the files are parsed once for the checks below too
    resolved = resolve_all(args.paths or [DEFAULT_AGREEMENTS], mode=args.mode, check=checked, sources=sources)
    template = args.template or default_template()
    compiled = load_template(template)
    check_template(compiled, resolved)  # lint, then render each agreement in memory
    templates = [template]  # checked against Word's schema below: a fault is a risk in Word, not a mistake
    # warnings, not mistakes: a literal 第3条 prints right until an article is added or removed before it
    for literal in literal_references(resolved, sources):
        print(_("warning: {message}").format(message=literal), file=sys.stderr)
    for warning in dict.fromkeys(w for item in resolved for w in item.warnings):
        print(_("warning: {message}").format(message=warning), file=sys.stderr)
    if args.date is not None:
        from docgen.model.confirm import heads_on

        for line in heads_on(resolved, args.date):
            print(_("head: {line}").format(line=line))
    count = len(resolved)
    # the shipped template is looked up (importlib.resources) only where it may be the one used
    maybe_shipped = args.template is not None or not Path(DEFAULT_TEMPLATE_NAME).is_file()
    own = maybe_shipped and template == shipped_template()
    shown = _("{name} (docgen's own)").format(name=template.name) if own else str(template)
    summary = ngettext(
        "ok: {count} agreement, template {template}", "ok: {count} agreements, template {template}", count
    ).format(count=count, template=shown)
    if args.procedure:
        from docgen.documents.forms import FormTemplates, check_forms

        procedures = [checked.results[item.path] for item in resolved]
        templates += check_forms(procedures, FormTemplates(args.forms), compiled)
        # blank numbers and dates are printed as blanks on purpose (filled in by hand): noted, not failed
        for blank in checked.blanks:
            print(_("note: {message}").format(message=blank))
        forms = args.forms or (
            DEFAULT_FORMS_NAME if Path(DEFAULT_FORMS_NAME).is_dir() else _("(docgen's own)")
        )
        if checked.blanks:
            summary = ngettext(
                "ok: {count} agreement, template {template}, forms {forms} "
                "({blanks} with blanks to fill in by hand, noted above)",
                "ok: {count} agreements, template {template}, forms {forms} "
                "({blanks} with blanks to fill in by hand, noted above)",
                count,
            )
        else:
            summary = ngettext(
                "ok: {count} agreement, template {template}, forms {forms}",
                "ok: {count} agreements, template {template}, forms {forms}",
                count,
            )
        summary = summary.format(count=count, template=shown, forms=forms, blanks=len(checked.blanks))
    for warning in schema_warnings(templates, shipped_template().parent):
        print(_("warning: {message}").format(message=warning), file=sys.stderr)
    print(summary)


def _amend(args: argparse.Namespace) -> None:
    from docgen.base.errors import display
    from docgen.documents.amendment import write_amendments

    _forms_need_procedure(args)
    note_jobs(args.jobs, pdf=args.pdf)
    found, written = write_amendments(
        args.old,
        args.new,
        args.output,
        date=args.date,
        effective=args.effective,
        mode=args.mode,
        seal=args.seal,
        new_left=args.new_left,
        marks=args.marks,
        style=args.style,
        pdf=args.pdf,
        jobs=args.jobs,
        procedure=args.procedure,
        forms=args.forms,
    )
    for warning in found.warnings:
        print(_("warning: {message}").format(message=warning), file=sys.stderr)
    for item in found.amended:
        print(_("amended: {file}").format(file=display(item.new.path)))
    for path in found.unchanged:
        print(_("unchanged: {file}").format(file=display(path)))
    for path in found.only_old:
        print(_("only in OLD, not amended: {file}").format(file=display(path)))
    for path in found.only_new:
        print(
            _(
                "only in NEW, a new agreement rather than an amendment (docgen build writes it): {file}"
            ).format(file=display(path))
        )
    if not found.amended:
        print(_("no agreement's text changed: nothing written"))
        return
    count = len(found.amended)
    if args.pdf:
        wrote = ngettext(
            "wrote {count} amendment ({documents} documents, .docx and .pdf) to {folder}",
            "wrote {count} amendments ({documents} documents, .docx and .pdf) to {folder}",
            count,
        )
    else:
        wrote = ngettext(
            "wrote {count} amendment ({documents} documents) to {folder}",
            "wrote {count} amendments ({documents} documents) to {folder}",
            count,
        )
    print(wrote.format(count=count, documents=len(written), folder=folder_shown(args.output)))


def _import(args: argparse.Namespace) -> None:
    from docgen.base.errors import display
    from docgen.importer import import_docx

    result = import_docx(args.file, args.folder, region=args.region)
    for line in result.summary():
        print(line)
    for warning in result.warnings:
        print(_("warning: {message}").format(message=warning), file=sys.stderr)
    shown = display(result.agreement_file)
    print(
        _("next: docgen check {file}, then docgen build {file} and compare it with {source}").format(
            file=shown, source=result.source
        )
    )


def _schema(args: argparse.Namespace) -> None:
    from docgen.model.schema import schema_text

    sys.stdout.write(schema_text(args.kind))


def _command(name: str):  # noqa: ANN202 (a module of docgen.commands)
    """A command kept in ``docgen.commands.<name>`` (``new``, ``abolish``), imported when it runs."""
    import importlib

    return importlib.import_module(f"docgen.commands.{name}")


def _serve(args: argparse.Namespace) -> None:
    from docgen.web import command as serve

    serve.run(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], None]] = {
    "amend": _amend,
    "build": _build,
    "check": _check,
    "new": lambda args: _command("new").run(args),
    "abolish": lambda args: _command("abolish").run(args),
    "import": _import,
    "schema": _schema,
    "serve": _serve,
}


def execute(args: argparse.Namespace) -> int:
    """Run the command ``args`` name (``args.command``); returns the exit status."""
    from docgen.base.errors import AmendmentCheckError, UserError

    try:
        previous = signal.signal(signal.SIGTERM, stop_on_terminate)
    except ValueError:  # not the main thread: the caller handles its signals
        previous = None
    if args.command not in ("build", "check"):  # these two resume it after their imports
        collector.resume()
    try:
        COMMANDS[args.command](args)
    except UserError as error:
        # one problem per line, each marked, so that each reads alone (and grep finds it)
        print(
            "\n".join(_("error: {message}").format(message=line) for line in str(error).split("\n")),
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    except AmendmentCheckError as error:
        internal = _(
            "internal error in docgen (please report it): its 改め文, applied to the old text, do not give "
            "the new text, so nothing was written"
        )
        for line in (internal, str(error)):
            print(_("error: {message}").format(message=line), file=sys.stderr)
        return EXIT_INTERNAL
    except KeyboardInterrupt as stop:
        print(_("aborted"), file=sys.stderr)
        return exit_status(stop)
    except BrokenPipeError:  # `docgen schema | head`: the reader left; nothing more to say
        return EXIT_USER_ERROR
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0
