"""``docgen new REGION NAME --party A --party B [--kind renkei|teiju] [--date D] [--new-municipality]``: a new
agreement in a region, and with --kind a new region from docgen's model text."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from docgen.base.i18n import N_, _

SUMMARY = N_("Start a new agreement: agreements/REGION/NAME.yaml.")
DESCRIPTION = N_(
    'Values still to decide read "TODO: …"; `docgen check` lists them. A party not yet in\n'
    "municipalities.yaml is added there with its prefecture (from the national list of municipalities) and\n"
    "its address, title and head to fill in; a name that is no municipality of Japan is refused, and one\n"
    "close to a known one (美弥市, 美祢市) is added only with --new-municipality. With --kind and a REGION\n"
    "that does not exist yet, docgen also writes agreements/REGION/region.yaml from its model text of that\n"
    "kind: renkei (a 連携協約 of a 連携中枢都市圏) or teiju (a 定住自立圏形成協定).\n"
    "An existing file is never overwritten; all files are written together, or none."
)
DEFAULT_AGREEMENTS = Path("agreements")


def arguments(parser: argparse.ArgumentParser, shared: dict[str, Callable[..., None]]) -> None:
    parser.add_argument(
        "region", metavar="REGION", help=_("the region's id (its folder), e.g. yamaguchi-kenou")
    )
    parser.add_argument("name", metavar="NAME", help=_("the new agreement's file name, e.g. shunan"))
    parser.add_argument(
        "--party",
        "-p",
        dest="parties",
        action="append",
        default=[],
        metavar="NAME",
        help=_("a party as named in municipalities.yaml, 甲 first; repeat for each party"),
    )
    shared["date_option"](parser, "--date", _("the signing date (default: left to fill in)"))
    parser.add_argument(
        "--kind",
        choices=("renkei", "teiju"),
        help=_(
            "start the region REGION: renkei (連携協約, 地方自治法第252条の2) or teiju (定住自立圏形成協定)"
        ),
    )
    parser.add_argument(
        "--new-municipality",
        dest="new_municipalities",
        action="store_true",
        help=_(
            "the parties municipalities.yaml does not know are new: add them even when a name is close "
            "to a known one"
        ),
    )
    parser.add_argument(
        "--agreements",
        dest="folder",
        type=Path,
        default=DEFAULT_AGREEMENTS,
        metavar="DIR",
        help=_("the folder that holds the regions (default: agreements/)"),
    )


def run(args: argparse.Namespace) -> None:
    from docgen.base.errors import display
    from docgen.model.scaffold import new_agreement

    created = new_agreement(
        args.folder,
        args.region,
        args.name,
        list(args.parties),
        args.date,
        new_municipalities=args.new_municipalities,
        kind=args.kind,
    )
    shown = display(created.agreement)
    if created.region is not None:
        print(
            _("wrote {file} (a {kind} region from docgen's model text)").format(
                file=display(created.region), kind=args.kind
            )
        )
    print(_("wrote {file}").format(file=shown))
    if created.added:
        print(
            _("added {names} to {file}: fill in the address, the head's title and name").format(
                names=", ".join(created.added), file=display(created.municipalities)
            )
        )
    if created.region is not None:
        print(
            _(
                'next: replace every "TODO: …" value (docgen check {file} lists them); '
                "docgen build --mode draft {file} builds it now"
            ).format(file=shown)
        )
    elif created.added or args.date is None or len(args.parties) < 2:
        print(_('next: replace every "TODO: …" value, then run: docgen check {file}').format(file=shown))
    else:
        print(_("next: docgen build {file}").format(file=shown))
