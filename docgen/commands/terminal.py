"""What docgen's commands show in the terminal around their work, and how they stop.

Notes on the options a command was given (``note_jobs``), its summary's folder (``folder_shown``), the
progress bar of a build (``progress_bar``), and what SIGTERM does (``stop_on_terminate``): one module, as
each module imported costs a cold ``docgen build`` its own share of Python's import machinery.

Printing is the CLI's part: the library never prints. The library tells its progress through plain
callbacks (``docgen.documents.batch.Progress``); ``progress_bar`` turns them into a rich progress bar on a
terminal, and into nothing in a pipe, a log or CI. SIGTERM unwinds as Ctrl-C does, so that what a command
staged is removed, and each command ends with the exit status a shell gives it (128 + the signal's number).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
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


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a killed job


class Terminated(KeyboardInterrupt):
    """SIGTERM: unwinds as Ctrl-C does, and exits with its own status."""


def stop_on_terminate(signum: int, frame: object) -> None:
    # SIGTERM (a killed job, a closed CI step) unwinds like Ctrl-C, so that staged files are removed
    raise Terminated


def exit_status(stop: KeyboardInterrupt) -> int:
    return EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED


def tell_leftovers(leftovers: list, clean: bool) -> None:
    """Each document an earlier build wrote whose agreement is gone: removed, or listed to remove."""
    for old in leftovers:
        if clean:
            message = _("removed {path}: its agreement {source} is gone")
        else:
            message = _("note: {path}: its agreement {source} is gone; docgen build --clean removes it")
        print(message.format(path=old.path, source=old.source))


class Bar:
    """What a build tells the progress bar: each document rendered or made a PDF (``advance``), and how many
    documents it writes, once it knows (``planned``). A plain class: ``--help`` does not import typing."""

    __slots__ = ("advance", "planned")

    def __init__(self, advance: Callable[[str, Path], None], planned: Callable[[int], None]) -> None:
        self.advance, self.planned = advance, planned


@contextlib.contextmanager
def progress_bar(*, pdf: bool) -> Iterator[Bar | None]:
    """A rich progress bar on stderr when it is a terminal; nothing at all in a pipe, a log or CI."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    stages = 2 if pdf else 1  # each document rendered, then made a PDF
    columns = (
        SpinnerColumn(),
        TextColumn("{task.fields[stage]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
    )
    # transient: the bar is erased when done, leaving the summary line (or the errors) alone on the screen
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        # no total while the agreements are checked: then the batch says how many documents, forms included
        task = bar.add_task("", total=None, stage=_("checking"))

        shown: set[str] = set()

        def advance(stage: str, target: Path) -> None:
            label = _("building") if stage == "render" else _("PDF")
            # drawn at once when a stage begins, so that even a quick batch shows where it is
            bar.update(task, advance=1, description=str(target), stage=label, refresh=stage not in shown)
            shown.add(stage)

        def planned(documents: int) -> None:
            bar.update(task, total=documents * stages, stage=_("building"))

        yield Bar(advance, planned)
