"""docgen's argument parser: its commands, options and their help, in the language ``i18n.setup`` chose.

Built with the standard library's argparse, only after the language is set up (argparse translates some of
its own words when a parser is made), and with only the command given when there is one. An ordinary
command line is read without it (``docgen.commands.words``, from what ``words_ahead`` records of this
parser); argparse reads the rest, and tells the mistakes. The values' conversions are in ``values``.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from docgen.base.i18n import LANGUAGES, _, translate_argparse
from docgen.commands import values
from docgen.commands.screens import help_width, split_lines
from docgen.commands.values import (
    DEFAULT_AGREEMENTS,
    DEFAULT_FORMS_NAME,
    DEFAULT_OUTPUT,
    DEFAULT_TEMPLATE_NAME,
    MAX_JOBS,
    date,
    jobs,
)


class _Formatter(argparse.HelpFormatter):
    """argparse's layout, with help in Japanese wrapped to the terminal: argparse breaks lines at spaces and
    counts characters, while Japanese has no spaces and each of its characters takes two columns
    (``screens.split_lines``, which the help screens laid out without argparse use too)."""

    def __init__(self, prog: str, **options: int) -> None:
        super().__init__(prog, width=help_width(), **options)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return split_lines(text, width)


class _DescribedFormatter(argparse.RawDescriptionHelpFormatter, _Formatter):
    """A command's help: its description as written, line by line; its options' help wrapped as above."""


def _lang(parser: argparse.ArgumentParser, *, shown: bool = True) -> None:
    """--lang: shown in docgen's own help; accepted after a command too, without a line in its help (it is
    docgen's option, not the command's)."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,  # after the command too, without hiding the one given before it
        help=_("the language of docgen's messages (default: from the locale: LANGUAGE, LC_ALL, LANG)")
        if shown
        else argparse.SUPPRESS,
    )


def date_option(parser: argparse.ArgumentParser, flag: str, help: str) -> None:
    parser.add_argument(flag, type=date, metavar="YYYY-MM-DD", help=help)


def build_parser(only: str | None = None, *, bare: bool = False) -> argparse.ArgumentParser:
    """docgen's parser; with ``only`` (the command given, a known one), only that command is added: parsing
    its arguments and its --help need no other, and argparse spends most of docgen's start-up on them. With
    ``bare`` (no command given at all: ``docgen --help``), each command is listed without its options."""
    translate_argparse()  # argparse's own words in the language set up, some translated as the parser is made
    parser = argparse.ArgumentParser(
        prog="docgen",
        formatter_class=_Formatter,
        description=_("Write Japanese inter-municipal agreements (連携協約) as Word documents from YAML."),
    )
    parser.add_argument("--version", action="store_true", help=_("show docgen's version and exit"))
    _lang(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser | None:
        if bare:  # listed in docgen's own help only; its -h asks our formatter (argparse's imports shutil)
            commands.add_parser(name, help=summary, formatter_class=_DescribedFormatter)
            return None
        if only not in (None, name):
            return None
        sub = commands.add_parser(
            name,
            help=summary,
            description=f"{summary}\n\n{description}",
            formatter_class=_DescribedFormatter,
        )
        _lang(sub, shown=False)
        return sub

    def paths(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "paths",
            nargs="*",
            type=Path,
            metavar="PATH",
            help=_("agreement files or folders (default: agreements/)"),
        )

    def output(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--output",
            "-o",
            type=Path,
            default=DEFAULT_OUTPUT,
            metavar="DIR",
            help=_("folder to write into (default: output/)"),
        )

    def template(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--template",
            "-t",
            type=Path,
            metavar="FILE",
            help=_("Word template (default: {template}, else the one docgen ships)").format(
                template=DEFAULT_TEMPLATE_NAME
            ),
        )

    def procedure(sub: argparse.ArgumentParser, help: str) -> None:
        sub.add_argument("--procedure", action="store_true", help=help)
        sub.add_argument(
            "--forms",
            type=Path,
            metavar="DIR",
            help=_(
                "folder of the form templates (default: {forms}); a municipality's own forms are in "
                "DIR/<municipality>/"
            ).format(forms=DEFAULT_FORMS_NAME),
        )

    def writing(sub: argparse.ArgumentParser, pdf: str) -> None:
        """--seal, --pdf and --jobs, for the commands that write documents."""
        sub.add_argument(
            "--seal", action="store_true", help=_("print 印 after each head's name, where the seal goes")
        )
        sub.add_argument("--pdf", action="store_true", help=pdf)
        sub.add_argument(
            "--jobs",
            "-j",
            type=jobs,
            metavar="N",
            help=_(
                "LibreOffice processes converting at once (default: the cores docgen may use, at most {most})"
            ).format(most=MAX_JOBS),
        )

    def mode(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--mode",
            type=values.mode,
            default="final",
            metavar="{final,draft,copy}",
            help=_(
                "final (default): the signing copy; draft: marked （案）, date and heads may be blank; "
                "copy: marked 写"
            ),
        )

    build = command(
        "build",
        _("Build the agreements in PATHS (default: agreements/)."),
        _(
            "PATHS are agreement files or folders of them.\n"
            "Every agreement is checked first: if one is wrong, all mistakes are listed and nothing is "
            "written.\n"
            "Then all documents are written together: <output>/<region>/<agreement>.docx, and with "
            "--procedure\n"
            "<output>/<region>/<agreement>/<party>-bill.docx, -notice.docx and -notification.docx."
        ),
    )
    if build is not None:
        paths(build)
        output(build)
        template(build)
        mode(build)
        writing(build, _("also write <agreement>.pdf beside each .docx (needs LibreOffice)"))
        procedure(
            build,
            _("also write each party's council bill (議案), public notice (告示) and notification (届出)"),
        )
        build.add_argument(
            "--clean",
            action="store_true",
            help=_(
                "remove the documents an earlier build wrote into the output folder whose agreement is gone "
                "(without it, the summary lists them); a file docgen did not write, or one changed since, is "
                "never removed"
            ),
        )

    check = command(
        "check",
        _("Check agreements and the template without writing anything."),
        _(
            'Lists every mistake and every value still to fill in (a value "TODO: …" left by `docgen new`)\n'
            "as file:line:column, and exits non-zero while there is any. With --procedure it also checks "
            "the\n"
            "forms and lists, as notes that do not fail the check, the numbers and dates they leave blank."
        ),
    )
    if check is not None:
        paths(check)
        template(check)
        mode(check)
        procedure(
            check,
            _("also check each party's council bill (議案), public notice (告示) and notification (届出)"),
        )
        date_option(
            check,
            "--date",
            _(
                "also list the heads who would sign on this day (a signing, an amendment or an abolition), "
                "to confirm; a municipality with no head recorded in office then is an error"
            ),
        )

    amend = command(
        "amend",
        _("Write the amending agreements and 新旧対照表 from OLD to NEW."),
        _(
            "OLD holds the agreements as signed (a copy of the folder, or a checkout of an earlier "
            "revision),\n"
            "NEW as they are to read; both are agreement files or folders, matched by their path below the\n"
            "folder given. For each agreement whose printed text differs it writes\n"
            "<output>/<region>/<name>.amendment.docx and <name>.comparison.docx; an unchanged one gets "
            "nothing.\n"
            "docgen checks that its 改め文, applied to OLD's text, give NEW's text before it writes anything."
        ),
    )
    if amend is not None:
        amend.add_argument(
            "old", type=Path, metavar="OLD", help=_("the agreements as signed (file or folder)")
        )
        amend.add_argument("new", type=Path, metavar="NEW", help=_("the agreements as they are to read"))
        output(amend)
        amend.add_argument(
            "--date",
            type=date,
            metavar="YYYY-MM-DD",
            help=_(
                "the amendment's signing date: the heads in office on it sign (a draft may leave it blank)"
            ),
        )
        amend.add_argument(
            "--effective",
            type=date,
            metavar="YYYY-MM-DD",
            help=_("the day the amendment takes effect (default: the signing date, 「締結の日から」)"),
        )
        mode(amend)
        writing(amend, _("also write a .pdf beside each .docx (needs LibreOffice)"))
        amend.add_argument(
            "--old-left",
            dest="new_left",
            action="store_false",
            help=_(
                "put the text before the change (変更前) in the left column of the 新旧対照表 (default: "
                "変更後)"
            ),
        )
        amend.add_argument(
            "--blank-sides",
            dest="marks",
            action="store_false",
            help=_(
                "leave empty the old side of a provision added and the new side of one deleted in the "
                "新旧対照表 (default: 「（新設）」 and 「（削る）」)"
            ),
        )
        amend.add_argument(
            "--style",
            choices=("kaibun", "table"),
            default="kaibun",
            help=_(
                "how the amending agreement amends: by 改め文 (default), or by a table of the changed "
                "provisions whose underlined old parts become the underlined new parts (新旧対照表方式)"
            ),
        )
        procedure(
            amend,
            _(
                "also write, for the change, each party's council bill (議案), public notice (告示) and "
                "notification (届出)"
            ),
        )

    shared = {
        "output": output,
        "mode": mode,
        "writing": writing,
        "procedure": procedure,
        "date_option": date_option,
    }
    # commands kept in docgen.commands.<name>, their library imported when run
    for name in ("new", "abolish"):
        if only in (None, name):
            module = importlib.import_module(f"docgen.commands.{name}")
            sub = command(name, _(module.SUMMARY), _(module.DESCRIPTION))
            if sub is not None:
                module.arguments(sub, shared)

    imported = command(
        "import",
        _("Turn a signed agreement in Word into docgen's YAML."),
        _(
            "Writes FOLDER/REGION/region.yaml (the text every agreement of the region shares, with "
            "references\n"
            "to the parties and articles), FOLDER/REGION/NAME.yaml (date and parties; NAME from the file's\n"
            "name) and the parties' entries in municipalities.yaml (appended; an entry already there is "
            "never\n"
            "changed). All files or none; an existing region or agreement is never overwritten. What could "
            "not\n"
            "be recognised is kept as literal text, with a warning naming its paragraph."
        ),
    )
    if imported is not None:
        imported.add_argument(
            "file", type=Path, metavar="FILE.docx", help=_("the signed agreement as a Word file")
        )
        imported.add_argument(
            "--output",
            "-o",
            dest="folder",
            type=Path,
            default=DEFAULT_AGREEMENTS,
            metavar="FOLDER",
            help=_("the folder that holds the regions (default: agreements/)"),
        )
        imported.add_argument(
            "--region",
            metavar="ID",
            help=_(
                "the region's id, the name of its folder (default: from the file's name), e.g. "
                "yamaguchi-kenou"
            ),
        )

    schema = command(
        "schema",
        _("Print the JSON Schema of a YAML file kind (default: agreement)."),
        _(
            "The kinds: an agreement file, region.yaml or municipalities.yaml.\n"
            "Editors with yaml-language-server use it for completion and checking: see the first line of "
            "each\n"
            "YAML file."
        ),
    )
    if schema is not None:
        schema.add_argument(
            "kind",
            nargs="?",
            default="agreement",
            type=values.schema_kind,
            metavar="{agreement,region,municipalities}",
            help=_("which file's schema (default: agreement)"),
        )
    if only in (None, "serve"):  # its arguments are kept beside the web app (Starlette only when it runs)
        from docgen.web import command as serve

        serve.add_parser(commands, _DescribedFormatter)
    return parser
