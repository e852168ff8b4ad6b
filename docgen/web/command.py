"""``docgen serve``: its arguments and its run, kept beside the web app so that the command layer only names
it.

Imports nothing but contextlib, pathlib and docgen.base.i18n at module level, argparse only where a parser
is built or a port is refused: a command line read without argparse (``docgen.commands.words``) converts
--port with ``port`` too.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from docgen.base.i18n import N_, _

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    import argparse

# marked here, translated when the parser is built (the language is set up after this module is imported)
SUMMARY = N_("Open a workspace in the browser over the agreements of FOLDER.")
DESCRIPTION = N_(
    "Serves on 127.0.0.1 only and prints an address with a one-time token that signs your browser in.\n"
    "Pages follow the files: save a YAML file in an editor and open pages update within a second or two.\n"
    "Forms draft a new agreement, record a new head, add a municipality and show an amendment; they write\n"
    "the same YAML files the commands write. Stop it with Ctrl-C."
)
DEFAULT_PORT = 8390


def port(value: str) -> int:
    """--port: a port number (argparse's ``type=``)."""
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        import argparse

        raise argparse.ArgumentTypeError(
            _("'{value}' is not a port number from 0 to 65535").format(value=value)
        )
    return int(value)


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    formatter_class: type[argparse.HelpFormatter],
) -> None:
    """``docgen serve`` among the commands (``commands``: what argparse's ``add_subparsers`` gave), its help
    laid out by ``formatter_class`` (docgen's, which does not import shutil)."""
    summary = _(SUMMARY)
    described = f"{summary}\n\n{_(DESCRIPTION)}"
    arguments(
        commands.add_parser("serve", help=summary, description=described, formatter_class=formatter_class)
    )


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=Path("agreements"),
        metavar="FOLDER",
        help=_("the folder that holds the regions (default: agreements/)"),
    )
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        default=Path("output"),
        metavar="DIR",
        help=_("folder the workspace writes documents into (default: output/)"),
    )
    parser.add_argument(
        "--port",
        type=port,
        default=DEFAULT_PORT,
        metavar="N",
        help=_("the port on 127.0.0.1 (default: {port}; 0: any free port)").format(port=DEFAULT_PORT),
    )
    parser.add_argument(
        "--no-browser",
        dest="browser",
        action="store_false",
        help=_("print the address; do not open a browser"),
    )


def run(args: argparse.Namespace) -> None:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        from docgen.base.errors import UserError

        raise UserError(
            _("docgen serve needs Starlette and uvicorn: install them with pip install 'docgen[web]'")
        ) from None
    from docgen.web.server import serve

    def announce(url: str) -> None:
        print(_("docgen serve: {folder} on {url}").format(folder=args.folder, url=url), flush=True)
        print(_("open that address in your browser; stop with Ctrl-C"), flush=True)

    with contextlib.suppress(KeyboardInterrupt):
        serve(args.folder, args.output, port=args.port, open_browser=args.browser, announce=announce)
    print(_("stopped"), flush=True)
