"""``docgen abolish AGREEMENT... --date D``: the agreement that abolishes each agreement, and with
--procedure each party's bill, notice and notification of the abolition."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from docgen.base.i18n import N_, _, ngettext

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

SUMMARY = N_("Write the agreements that abolish AGREEMENTS.")
DESCRIPTION = N_(
    "For each agreement file (or each in a folder) it writes <output>/<region>/<name>.abolition.docx: the\n"
    "agreement abolishing it (「…を廃止する協約」, for a 定住自立圏形成協定 「…を廃止する協定」), naming it\n"
    "and the day it was signed, signed by the heads in office on --date. With --procedure, also each\n"
    "party's council bill, notice and notification of the abolition:\n"
    "<output>/<region>/<name>/<party>-abolition-bill.docx, …-notice.docx, …-notification.docx.\n"
    "A 定住自立圏形成協定 is abolished as its own article on 廃止 says: with --by PARTY, the notice (通告)\n"
    "that party gives the other after its council's vote, <output>/<region>/<name>.abolition-notice.docx,\n"
    "and with --procedure that party's bill; the day the 協定 loses effect is the one its article gives,\n"
    "else --effective. --by-agreement writes an agreement of both parties abolishing it instead.\n"
    "All documents are written together, or none."
)


def arguments(parser: argparse.ArgumentParser, shared: dict[str, Callable[..., None]]) -> None:
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="AGREEMENT", help=_("agreement files or folders to abolish")
    )
    shared["output"](parser)
    shared["date_option"](
        parser,
        "--date",
        _(
            "the abolition's signing date (with --by: the notice's date): the heads in office on it sign "
            "(a draft may leave it blank)"
        ),
    )
    shared["date_option"](
        parser,
        "--effective",
        _(
            "the day the abolition takes effect (default: the signing date, 「締結の日から」; with --by: "
            "the day the 協定's article gives)"
        ),
    )
    parser.add_argument(
        "--by",
        metavar="PARTY",
        help=_(
            "a 定住自立圏形成協定 only: the party that gives notice (通告) of the abolition, as its own "
            "article says; writes that notice instead of an abolishing agreement"
        ),
    )
    parser.add_argument(
        "--by-agreement",
        action="store_true",
        help=_("a 定住自立圏形成協定 only: abolish it by an agreement of both parties instead of by notice"),
    )
    shared["mode"](parser)
    shared["writing"](parser, _("also write a .pdf beside each .docx (needs LibreOffice)"))
    shared["procedure"](
        parser,
        _(
            "also write, for the abolition, each party's council bill (議案), public notice (告示) and "
            "notification (届出)"
        ),
    )


def run(args: argparse.Namespace) -> None:
    from docgen.documents.abolition import write_abolitions

    if args.forms is not None and not args.procedure:
        from docgen.base.errors import UserError

        raise UserError(_("--forms names the templates of the procedure documents: add --procedure"))
    if args.by is not None:
        if args.by_agreement:
            from docgen.base.errors import UserError

            raise UserError(
                _("--by (abolition by notice) and --by-agreement (by an agreement) exclude each other")
            )
        notify(args)
        return
    warnings: list[str] = []
    abolitions, written = write_abolitions(
        args.paths, args.output, by_agreement=args.by_agreement, warn=warnings.append, **_common(args)
    )
    tell(warnings)
    wrote = ngettext(
        "wrote {count} abolition ({documents} documents) to {folder}",
        "wrote {count} abolitions ({documents} documents) to {folder}",
        len(abolitions),
    )
    _summary(wrote, len(abolitions), len(written), args.output)


def _common(args: argparse.Namespace) -> dict[str, Any]:
    """The options an abolition by agreement and one by notice take alike."""
    names = ("date", "effective", "mode", "seal", "pdf", "jobs", "procedure", "forms")
    return {name: getattr(args, name) for name in names}


def _summary(wrote: str, count: int, documents: int, output: Path) -> None:
    from docgen.commands.terminal import folder_shown

    folder = folder_shown(output)
    sys.stdout.write(wrote.format(count=count, documents=documents, folder=folder) + "\n")


def notify(args: argparse.Namespace) -> None:
    """``--by PARTY``: the notice of abolition of each 定住自立圏形成協定 (and with --procedure the bill)."""
    from docgen.documents.abolition_notice import write_notices_of_abolition

    warnings: list[str] = []
    notices, written = write_notices_of_abolition(
        args.paths, args.output, by=args.by, warn=warnings.append, **_common(args)
    )
    tell(warnings)
    wrote = ngettext(
        "wrote {count} notice of abolition ({documents} documents) to {folder}",
        "wrote {count} notices of abolition ({documents} documents) to {folder}",
        len(notices),
    )
    _summary(wrote, len(notices), len(written), args.output)


def tell(warnings: list[str]) -> None:
    """A draft's warnings (a head left blank), as docgen build tells them."""
    for warning in dict.fromkeys(warnings):
        sys.stderr.write(_("warning: {message}").format(message=warning) + "\n")
