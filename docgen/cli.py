"""The ``docgen`` command's entry point (``docgen.cli:run``), and ``main`` for callers in Python.

A help screen alone (``docgen --help``, ``docgen build -h``, with ``--lang``) is printed from
``docgen.commands.screens``, laid out from data worked out ahead: the screen needs its text and the terminal's
width, not argparse (whose import and layout cost more than starting Python). Everything else, usage mistakes
included, goes to ``docgen.commands.dispatch``, which parses with argparse and runs the command.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run docgen's command line on ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    from docgen.commands.dispatch import main as dispatch

    return dispatch(argv)


def run() -> None:
    """Console-script wrapper: exit with ``main``'s status.

    By the time ``main`` returns, docgen has closed every file it wrote, removed its staging folder and
    waited for every process it started. What Python would still do, freeing each module and object one
    by one, takes a fifth of a cold ``docgen build``; so the process ends at once, after flushing its two
    output streams.
    """
    from docgen.commands.screens import screen

    text = screen(sys.argv[1:])
    if text is None:
        status = main()
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
