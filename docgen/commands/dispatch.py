"""A command line read by argparse: whatever ``docgen.commands.words`` does not read itself (a mistake, an
abbreviated option, ``--version``, a help screen under another Python...), so that argparse tells each
mistake in its own words and exits 2; then the command runs (``execute``).

An ordinary command line never gets here (``docgen.cli`` reads it without argparse), nor does a bare help
screen (``docgen --help``, ``docgen build -h``: ``docgen.commands.screens``).
"""

from __future__ import annotations

import sys

from docgen.base.i18n import setup
from docgen.commands.execute import COMMANDS, execute
from docgen.commands.parser import build_parser
from docgen.commands.words import requested_language

EXIT_USAGE = 2


def main(argv: list[str] | None = None) -> int:
    """docgen's command line read by argparse, and run; returns the exit status."""
    words = sys.argv[1:] if argv is None else argv
    setup(requested_language(words))  # before the parser: its help, and argparse's own words, are translated
    # no command anywhere (`docgen --help`, a mistake): the commands are listed without their options
    bare = not any(word in COMMANDS for word in words)
    parser = build_parser(words[0] if words and words[0] in COMMANDS else None, bare=bare)
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
    return execute(args)
