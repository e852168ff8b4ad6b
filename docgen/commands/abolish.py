"""``docgen abolish AGREEMENT... --date D``: the agreement that abolishes each agreement, and with
--procedure each party's bill, notice and notification of the abolition."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

SUMMARY = "Write the agreements that abolish AGREEMENTS."
DESCRIPTION = (
    "For each agreement file (or each in a folder) it writes <output>/<region>/<name>.abolition.docx: the\n"
    "agreement abolishing it (「…を廃止する協約」, for a 定住自立圏形成協定 「…を廃止する協定」), naming it\n"
    "and the day it was signed, signed by the heads in office on --date. With --procedure, also each\n"
    "party's council bill, notice and notification of the abolition:\n"
    "<output>/<region>/<name>/<party>-abolition-bill.docx, …-notice.docx, …-notification.docx.\n"
    "All documents are written together, or none."
)


def arguments(parser: argparse.ArgumentParser, shared: dict[str, Callable[..., None]]) -> None:
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="AGREEMENT", help="agreement files or folders to abolish"
    )
    shared["output"](parser)
    shared["date_option"](
        parser,
        "--date",
        "the abolition's signing date: the heads in office on it sign (a draft may leave it)",
    )
    shared["date_option"](
        parser,
        "--effective",
        "the day the abolition takes effect (default: the signing date, 「締結の日から」)",
    )
    shared["mode"](parser)
    shared["writing"](parser, "also write a .pdf beside each .docx (needs LibreOffice)")
    shared["procedure"](parser, "also write, for the abolition,")


def run(args: argparse.Namespace) -> None:
    from docgen.documents.abolition import write_abolitions

    if args.forms is not None and not args.procedure:
        from docgen.base.errors import UserError

        raise UserError("--forms names the templates of the procedure documents: add --procedure")
    abolitions, written = write_abolitions(
        args.paths,
        args.output,
        date=args.date,
        effective=args.effective,
        mode=args.mode,
        seal=args.seal,
        pdf=args.pdf,
        jobs=args.jobs,
        procedure=args.procedure,
        forms=args.forms,
    )
    count = len(abolitions)
    noun = "abolition" if count == 1 else "abolitions"
    folder = str(args.output) if str(args.output).endswith("/") else f"{args.output}/"
    sys.stdout.write(f"wrote {count} {noun} ({len(written)} documents) to {folder}\n")
