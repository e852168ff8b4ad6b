"""The ``docgen`` command's entry point (``docgen.cli:run``), and ``main`` for callers in Python.

An ordinary command line (``docgen build FILE -o DIR``) is read by ``docgen.commands.words`` from data
recorded ahead about docgen's argparse parser, and run by ``docgen.commands.execute``: argparse, its
gettext, and the parser with its translated help cost more than all the rest of docgen's command layer.
A help screen alone (``docgen --help``, ``docgen build -h``, with ``--lang``) is printed from
``docgen.commands.screens``, laid out from data worked out ahead. Everything else, usage mistakes
included, goes to ``docgen.commands.dispatch``, which parses with argparse (and tells the mistakes).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run docgen's command line on ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    from docgen.commands.words import parse

    words = sys.argv[1:] if argv is None else argv
    args = parse(words)
    if args is None:  # argparse's to read: a mistake, --version, an abbreviation...
        from docgen.commands.dispatch import main as dispatch

        return dispatch(words)
    from docgen.base.i18n import setup
    from docgen.commands.execute import execute
    from docgen.commands.words import requested_language

    setup(requested_language(words))
    return execute(args)


def run() -> None:
    """Console-script wrapper: exit with ``main``'s status.

    By the time ``main`` returns, docgen has closed every file it wrote, removed its staging folder and
    waited for every process it started. What Python would still do, freeing each module and object one
    by one, takes a fifth of a cold ``docgen build``; so the process ends at once, after flushing its two
    output streams.
    """
    from docgen.commands import collector
    from docgen.commands.words import asks_help

    collector.pause()  # the command resumes it once its modules are imported (docgen.commands.collector)
    words = sys.argv[1:]
    text = None
    if asks_help(words):  # only then may it be a screen printed without argparse
        from docgen.commands.screens import screen

        text = screen(words)
    if text is None:
        status = main(words)
    else:
        sys.stdout.write(text)
        status = 0
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (docgen check | head): as Python's own exit would say, status 120
        status = status or 120
    os._exit(status)


if __name__ == "__main__":
    run()
