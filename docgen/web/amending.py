"""The amendment view: the agreements as signed (a folder of the workspace, or a git revision of the
repository that holds it) against the agreements as they are now, through ``docgen amend``'s own code.
The page shows what the documents will say — their paragraphs, the 新旧対照表's rows with the changed
phrases underlined — read back from the .docx bytes that would be written.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from docgen.base.errors import UserError
from docgen.base.i18n import _
from docgen.base.patterns import regex

REVISION = regex(r"^[A-Za-z0-9_][A-Za-z0-9_./~^@{}-]{0,99}$")  # a branch, tag, hash, HEAD~1; no option


@dataclass
class Shown:
    """One amended agreement as the page shows it."""

    agreement: str
    paragraphs: list[str]
    tables: list[list[Cell]]  # the 改め文's tables (a new 別表): rows of cells
    rows: list[list[Cell]]  # the 新旧対照表: rows of cells


def from_revision(folder: Path, revision: str, work: Path) -> Path:
    """``folder`` as it was in ``revision`` of its git repository, exported into ``work``."""
    if not REVISION.fullmatch(revision) or ".." in revision:
        raise UserError(
            _("'{revision}' is not a git revision: e.g. HEAD, HEAD~1, a tag or a commit").format(
                revision=revision
            )
        )

    def git(*args: str, where: Path = folder) -> bytes:
        try:
            done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise UserError(_("git could not be run: {error}").format(error=error)) from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise UserError(
                _("git: {message}").format(message=message[-1])
                if message
                else _("git: exit status {status}").format(status=done.returncode)
            )
        return done.stdout

    top = Path(git("rev-parse", "--show-toplevel").decode().strip())
    commit = git("rev-parse", "--verify", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    below = folder.resolve().relative_to(top.resolve()).as_posix()
    # the folder's tree itself (commit:path): its files land at the archive's top
    archive = git("archive", "--format=tar", f"{commit}:{below}" if below else commit, where=top)
    target = work / f"signed-{commit[:12]}"
    if not target.exists():
        target.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")  # refuses links and paths that leave the folder
    return target


Runs = list[tuple[str, bool]]


class Cell(NamedTuple):
    runs: Runs  # (text, underlined); "\n" between lines
    span: int  # the grid columns it spans


def shown(docx: bytes) -> tuple[list[str], list[list[Cell]]]:
    """A document's paragraphs, and its tables' rows with each run's underline."""
    from docx import Document

    document = Document(io.BytesIO(docx))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    rows = [_cells(row) for table in document.tables for row in table.rows]
    return paragraphs, rows


def _cells(row: Any) -> list[Cell]:
    """A table row's cells, each its runs in order: paragraphs on lines of their own, and a table inside a
    cell (a 別表 in the 新旧対照表) a line per row, its cells apart by a full-width space."""
    from docx.table import Table

    cells = []
    seen: set[int] = set()
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
            continue
        seen.add(id(cell._tc))
        runs: Runs = []
        for block in cell.iter_inner_content():
            if isinstance(block, Table):
                for inner in block.rows:
                    for number, part in enumerate(_cells(inner)):
                        runs += [("\u3000", False)] * bool(number) + part.runs
                    runs.append(("\n", False))
                continue
            runs += [(run.text, bool(run.underline)) for run in block.runs if run.text]
            runs.append(("\n", False))
        while runs and runs[-1] == ("\n", False):
            runs.pop()
        cells.append(Cell(runs, cell.grid_span))
    return cells
