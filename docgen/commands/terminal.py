"""What docgen's commands print around their work: notes on the options a command was given.

Printing is the CLI's part: the library never prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.base.i18n import _


def note_jobs(jobs: int | None, *, pdf: bool) -> None:
    """Say so when --jobs asks for more LibreOffice processes than the cores docgen may use: it runs no more
    (two on one core only share it, each paying LibreOffice's start)."""
    if not pdf or jobs is None:
        return
    from docgen.office.pdf import usable_cores

    cores = usable_cores()
    if jobs <= cores:
        return
    if cores == 1:
        message = _("note: --jobs {jobs}: docgen may use one core here, so it runs one LibreOffice process")
    else:
        message = _(
            "note: --jobs {jobs}: docgen may use {cores} cores here, so it runs {cores} LibreOffice "
            "processes at once"
        )
    print(message.format(jobs=jobs, cores=cores), file=sys.stderr)


def folder_shown(path: Path) -> str:
    """An output folder as a command's summary line names it: with a trailing slash."""
    return str(path).rstrip("/") + "/"
