"""What a command shows in the terminal while it works: the progress bar of a build.

The library tells its progress through plain callbacks (``docgen.documents.batch.Progress``); this module
turns them into a rich progress bar on a terminal, and into nothing in a pipe, a log or CI.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from docgen.base.i18n import _


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
