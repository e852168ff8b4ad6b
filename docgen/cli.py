"""The command line: parse arguments, call the library, turn a ``UserError`` into a message and an exit
code.

Arguments are parsed with the standard library's argparse: ``docgen --help`` then costs little more than
starting Python, and each command imports only what it uses, when it runs.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from docgen.web import command as serve

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `--help` stays cheap
if TYPE_CHECKING:
    import datetime as dt

DEFAULT_AGREEMENTS = Path("agreements")
DEFAULT_OUTPUT = Path("output")
DEFAULT_TEMPLATE_NAME = "templates/renkei-kyoyaku.docx"  # the shipped one when the folder has none
DEFAULT_FORMS_NAME = "templates/forms"
EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3  # docgen's own check failed (a bug in docgen): told clearly, nothing written
MODES = ("final", "draft", "copy")
SCHEMA_KINDS = ("agreement", "region", "municipalities")
MAX_JOBS = 4


def _choice(*options: str) -> Callable[[str], str]:
    def pick(value: str) -> str:
        if value in options:
            return value
        import difflib

        quoted = ", ".join(f"'{option}'" for option in options)
        hint = difflib.get_close_matches(value, options, n=1)
        raise argparse.ArgumentTypeError(
            f"'{value}' is not one of {quoted}" + (f" (did you mean '{hint[0]}'?)" if hint else "")
        )

    return pick


def _date(value: str) -> dt.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date: write it as 2017-03-30") from None


def _jobs(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of processes from 1 to {MAX_JOBS}")
    return int(value)


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """docgen's parser; with ``only`` (the command given, a known one), only that command is added: parsing
    its arguments and its --help need no other, and argparse spends most of docgen's start-up on them."""
    parser = argparse.ArgumentParser(
        prog="docgen",
        description="Write Japanese inter-municipal agreements (連携協約) as Word documents from YAML.",
    )
    parser.add_argument("--version", action="store_true", help="show docgen's version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(name: str, summary: str, description: str = "") -> argparse.ArgumentParser | None:
        if only not in (None, name):
            return None
        return commands.add_parser(
            name,
            help=summary,
            description=f"{summary}\n\n{description}".strip(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    def paths(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "paths",
            nargs="*",
            type=Path,
            metavar="PATH",
            help="agreement files or folders (default: agreements/)",
        )

    def output(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--output",
            "-o",
            type=Path,
            default=DEFAULT_OUTPUT,
            metavar="DIR",
            help="folder to write into (default: output/)",
        )

    def template(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--template",
            "-t",
            type=Path,
            metavar="FILE",
            help=f"Word template (default: {DEFAULT_TEMPLATE_NAME}, else the one docgen ships)",
        )

    def procedure(sub: argparse.ArgumentParser, what: str) -> None:
        sub.add_argument(
            "--procedure",
            action="store_true",
            help=f"{what} each party's council bill (議案), public notice (告示) and notification (届出)",
        )
        sub.add_argument(
            "--forms",
            type=Path,
            metavar="DIR",
            help=f"folder of the form templates (default: {DEFAULT_FORMS_NAME}); a municipality's own "
            "forms are in DIR/<municipality>/",
        )

    def writing(sub: argparse.ArgumentParser, pdf: str) -> None:
        """--seal, --pdf and --jobs, for the commands that write documents."""
        sub.add_argument(
            "--seal", action="store_true", help="print 印 after each head's name, where the seal goes"
        )
        sub.add_argument("--pdf", action="store_true", help=pdf)
        sub.add_argument(
            "--jobs",
            "-j",
            type=_jobs,
            metavar="N",
            help="LibreOffice processes converting at once "
            f"(default: the cores docgen may use, at most {MAX_JOBS})",
        )

    def mode(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--mode",
            type=_choice(*MODES),
            default="final",
            metavar="{final,draft,copy}",
            help="final (default): the signing copy; draft: marked （案）, date and heads may be blank; "
            "copy: marked 写",
        )

    build = command(
        "build",
        "Build the agreements in PATHS (default: agreements/).",
        "PATHS are agreement files or folders of them.\n"
        "Every agreement is checked first: if one is wrong, all mistakes are listed and nothing is written.\n"
        "Then all documents are written together: <output>/<region>/<agreement>.docx, and with --procedure\n"
        "<output>/<region>/<agreement>/<party>-bill.docx, -notice.docx and -notification.docx.",
    )
    if build is not None:
        paths(build)
        output(build)
        template(build)
        mode(build)
        writing(build, "also write <agreement>.pdf beside each .docx (needs LibreOffice)")
        procedure(build, "also write")
        build.add_argument(
            "--clean",
            action="store_true",
            help="remove the documents an earlier build wrote into the output folder whose agreement is "
            "gone (without it, the summary lists them); a file docgen did not write, or one changed since, "
            "is never removed",
        )

    check = command(
        "check",
        "Check agreements and the template without writing anything.",
        'Lists every mistake and every value still to fill in (a value "TODO: …" left by `docgen new`)\n'
        "as file:line:column, and exits non-zero while there is any. With --procedure it also checks the\n"
        "forms and lists, as notes that do not fail the check, the numbers and dates they leave blank.",
    )
    if check is not None:
        paths(check)
        template(check)
        mode(check)
        procedure(check, "also check")
        _date_option(
            check,
            "--date",
            "also list the heads who would sign on this day (a signing, an amendment or an abolition), "
            "to confirm; a municipality with no head recorded in office then is an error",
        )

    amend = command(
        "amend",
        "Write the amending agreements and 新旧対照表 from OLD to NEW.",
        "OLD holds the agreements as signed (a copy of the folder, or a checkout of an earlier revision),\n"
        "NEW as they are to read; both are agreement files or folders, matched by their path below the\n"
        "folder given. For each agreement whose printed text differs it writes\n"
        "<output>/<region>/<name>.amendment.docx and <name>.comparison.docx; an unchanged one gets nothing.\n"
        "docgen checks that its 改め文, applied to OLD's text, give NEW's text before it writes anything.",
    )
    if amend is not None:
        amend.add_argument("old", type=Path, metavar="OLD", help="the agreements as signed (file or folder)")
        amend.add_argument("new", type=Path, metavar="NEW", help="the agreements as they are to read")
        output(amend)
        amend.add_argument(
            "--date",
            type=_date,
            metavar="YYYY-MM-DD",
            help="the amendment's signing date: the heads in office on it sign (a draft may leave it blank)",
        )
        amend.add_argument(
            "--effective",
            type=_date,
            metavar="YYYY-MM-DD",
            help="the day the amendment takes effect (default: the signing date, 「締結の日から」)",
        )
        mode(amend)
        writing(amend, "also write a .pdf beside each .docx (needs LibreOffice)")
        amend.add_argument(
            "--old-left",
            dest="new_left",
            action="store_false",
            help="put the text before the change (変更前) in the left column of the 新旧対照表 "
            "(default: 変更後)",
        )
        amend.add_argument(
            "--blank-sides",
            dest="marks",
            action="store_false",
            help="leave empty the old side of a provision added and the new side of one deleted in the "
            "新旧対照表 (default: 「（新設）」 and 「（削る）」)",
        )
        amend.add_argument(
            "--style",
            choices=("kaibun", "table"),
            default="kaibun",
            help="how the amending agreement amends: by 改め文 (default), or by a table of the changed "
            "provisions whose underlined old parts become the underlined new parts (新旧対照表方式)",
        )
        procedure(amend, "also write, for the change,")

    shared = {
        "output": output,
        "mode": mode,
        "writing": writing,
        "procedure": procedure,
        "date_option": _date_option,
    }
    for name, module in _MODULE_COMMANDS.items():
        sub = command(name, module.SUMMARY, module.DESCRIPTION) if only in (None, name) else None
        if sub is not None:
            module.arguments(sub, shared)

    imported = command(
        "import",
        "Turn a signed agreement in Word into docgen's YAML.",
        "Writes FOLDER/REGION/region.yaml (the text every agreement of the region shares, with references\n"
        "to the parties and articles), FOLDER/REGION/NAME.yaml (date and parties; NAME from the file's\n"
        "name) and the parties' entries in municipalities.yaml (appended; an entry already there is never\n"
        "changed). All files or none; an existing region or agreement is never overwritten. What could not\n"
        "be recognised is kept as literal text, with a warning naming its paragraph.",
    )
    if imported is not None:
        imported.add_argument(
            "file", type=Path, metavar="FILE.docx", help="the signed agreement as a Word file"
        )
        imported.add_argument(
            "--output",
            "-o",
            dest="folder",
            type=Path,
            default=DEFAULT_AGREEMENTS,
            metavar="FOLDER",
            help="the folder that holds the regions (default: agreements/)",
        )
        imported.add_argument(
            "--region",
            metavar="ID",
            help="the region's id, the name of its folder (default: from the file's name), "
            "e.g. yamaguchi-kenou",
        )

    schema = command(
        "schema",
        "Print the JSON Schema of a YAML file kind (default: agreement).",
        "The kinds: an agreement file, region.yaml or municipalities.yaml.\n"
        "Editors with yaml-language-server use it for completion and checking: see the first line of each\n"
        "YAML file.",
    )
    if schema is not None:
        schema.add_argument(
            "kind",
            nargs="?",
            default="agreement",
            type=_choice(*SCHEMA_KINDS),
            metavar="{agreement,region,municipalities}",
            help="which file's schema (default: agreement)",
        )
    if only in (None, "serve"):  # its arguments are kept beside the web app (Starlette only when it runs)
        serve.add_parser(commands)
    return parser


def _build(args: argparse.Namespace) -> None:
    from docgen.commands.progress import progress_bar
    from docgen.commands.stopping import tell_leftovers
    from docgen.documents.batch import build as build_documents

    _forms_need_procedure(args)
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
        print(f"warning: {warning}", file=sys.stderr)
    noun = "document" if len(built) == 1 else "documents"
    kinds = " (.docx and .pdf)" if args.pdf else ""
    where = _folder(args.output)
    if not args.procedure:
        print(f"wrote {len(built)} {noun}{kinds} to {where}")
        tell_leftovers(leftovers, args.clean)
        return
    forms = sum(1 for item in built if item.form)
    agreements = len(built) - forms
    print(
        f"wrote {len(built)} {noun}{kinds} to {where}: {agreements} "
        f"{'agreement' if agreements == 1 else 'agreements'} and {forms} procedure documents"
    )
    tell_leftovers(leftovers, args.clean)
    if blanks:
        parties = "party" if len(blanks) == 1 else "parties"
        print(
            f"note: the forms of {len(blanks)} {parties} leave numbers or dates blank, to fill in by hand; "
            "`docgen check --procedure` lists them"
        )


def _folder(path: Path) -> str:
    return str(path).rstrip("/") + "/"  # an output folder as the summary line names it: with a trailing slash


def _forms_need_procedure(args: argparse.Namespace) -> None:
    if args.forms is not None and not args.procedure:
        from docgen.base.errors import UserError

        raise UserError("--forms names the templates of the procedure documents: add --procedure")


def _check(args: argparse.Namespace) -> None:
    from docgen.documents.batch import ProcedureCheck, resolve_all
    from docgen.documents.templates import default_template, load_template, shipped_template
    from docgen.model.agreement import Sources
    from docgen.model.literal_references import literal_references
    from docgen.word.lint import check_template, schema_warnings

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
        print(f"warning: {literal}", file=sys.stderr)
    for warning in dict.fromkeys(w for item in resolved for w in item.warnings):
        print(f"warning: {warning}", file=sys.stderr)
    if args.date is not None:
        from docgen.model.confirm import heads_on

        for line in heads_on(resolved, args.date):
            print(f"head: {line}")
    noun = "agreement" if len(resolved) == 1 else "agreements"
    # the shipped template is looked up (importlib.resources) only where it may be the one used
    maybe_shipped = args.template is not None or not Path(DEFAULT_TEMPLATE_NAME).is_file()
    own = maybe_shipped and template == shipped_template()
    shown = f"{template.name} (docgen's own)" if own else str(template)
    summary = f"ok: {len(resolved)} {noun}, template {shown}"
    if args.procedure:
        from docgen.documents.procedure import FormTemplates, check_forms

        procedures = [checked.results[item.path] for item in resolved]
        templates += check_forms(procedures, FormTemplates(args.forms), compiled)
        # blank numbers and dates are printed as blanks on purpose (filled in by hand): noted, not failed
        for blank in checked.blanks:
            print(f"note: {blank}")
        forms = args.forms or (DEFAULT_FORMS_NAME if Path(DEFAULT_FORMS_NAME).is_dir() else "(docgen's own)")
        summary += f", forms {forms}"
        if checked.blanks:
            summary += f" ({len(checked.blanks)} with blanks to fill in by hand, noted above)"
    sys.stderr.writelines(f"warning: {w}\n" for w in schema_warnings(templates, shipped_template().parent))
    print(summary)


def _amend(args: argparse.Namespace) -> None:
    from docgen.base.errors import display
    from docgen.documents.amendment import write_amendments

    _forms_need_procedure(args)
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
        print(f"warning: {warning}", file=sys.stderr)
    for item in found.amended:
        print(f"amended: {display(item.new.path)}")
    for path in found.unchanged:
        print(f"unchanged: {display(path)}")
    for path in found.only_old:
        print(f"only in OLD, not amended: {display(path)}")
    for path in found.only_new:
        print(
            f"only in NEW, a new agreement rather than an amendment (docgen build writes it): {display(path)}"
        )
    if not found.amended:
        print("no agreement's text changed: nothing written")
        return
    count = len(found.amended)
    kinds = ", .docx and .pdf" if args.pdf else ""
    print(
        f"wrote {count} amendment{'s' if count > 1 else ''} ({len(written)} documents{kinds}) to "
        f"{_folder(args.output)}"
    )


def _import(args: argparse.Namespace) -> None:
    from docgen.base.errors import display
    from docgen.importer import import_docx

    result = import_docx(args.file, args.folder, region=args.region)
    for line in result.summary():
        print(line)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    shown = display(result.agreement_file)
    print(f"next: docgen check {shown}, then docgen build {shown} and compare it with {result.source}")


def _schema(args: argparse.Namespace) -> None:
    from docgen.model.schema import schema_text

    sys.stdout.write(schema_text(args.kind))


def _date_option(parser: argparse.ArgumentParser, flag: str, help: str) -> None:
    parser.add_argument(flag, type=_date, metavar="YYYY-MM-DD", help=help)


class _Lazy:
    """A command kept in ``docgen.commands.<name>``: its summary and arguments are read from there; its
    library is imported only when it runs."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __getattr__(self, attribute: str):
        import importlib

        return getattr(importlib.import_module(f"docgen.commands.{self.name}"), attribute)


_MODULE_COMMANDS = {"new": _Lazy("new"), "abolish": _Lazy("abolish")}

COMMANDS: dict[str, Callable[[argparse.Namespace], None]] = {
    "amend": _amend,
    "build": _build,
    "check": _check,
    "import": _import,
    "schema": _schema,
    "serve": serve.run,
    "new": lambda args: _MODULE_COMMANDS["new"].run(args),
    "abolish": lambda args: _MODULE_COMMANDS["abolish"].run(args),
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``docgen`` command; returns the exit status."""
    words = sys.argv[1:] if argv is None else argv
    parser = _parser(words[0] if words and words[0] in COMMANDS else None)
    try:
        args = parser.parse_args(words)
    except SystemExit as stop:  # --help, or a usage mistake already told by argparse
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    if args.version:
        from importlib.metadata import version

        print(f"docgen {version('docgen')}")
        return 0
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from docgen.base.errors import AmendmentCheckError, UserError  # after parsing: --help needs no docgen
    from docgen.commands.stopping import exit_status, stop_on_terminate

    try:
        previous = signal.signal(signal.SIGTERM, stop_on_terminate)
    except ValueError:  # not the main thread: the caller handles its signals
        previous = None
    try:
        COMMANDS[args.command](args)
    except UserError as error:
        print(f"error: {error}".replace("\n", "\nerror: "), file=sys.stderr)
        return EXIT_USER_ERROR
    except AmendmentCheckError as error:
        print(
            "error: internal error in docgen (please report it): its 改め文, applied to the old text, do not "
            f"give the new text, so nothing was written\nerror: {error}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    except KeyboardInterrupt as stop:
        print("aborted", file=sys.stderr)
        return exit_status(stop)
    except BrokenPipeError:  # `docgen schema | head`: the reader left; nothing more to say
        return EXIT_USER_ERROR
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


def run() -> None:
    """Console-script wrapper: exit with ``main``'s status.

    By the time ``main`` returns, docgen has closed every file it wrote, removed its staging folder and
    waited for every process it started. What Python would still do, freeing each module and object one
    by one, takes a fifth of a cold ``docgen build``; so the process ends at once, after flushing its two
    output streams.
    """
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (docgen check | head): as Python's own exit would say, status 120
        status = status or 120
    os._exit(status)


if __name__ == "__main__":
    run()
