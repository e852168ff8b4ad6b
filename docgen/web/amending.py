"""The amendment view: the agreements as signed (a folder of the workspace, or a git revision of the
repository that holds it) against the agreements as they are now, through ``docgen amend``'s own code.
The page shows what the documents will say — their paragraphs, the 新旧対照表's rows with the changed
phrases underlined — read back from the .docx bytes that would be written.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from docgen.base.errors import UserError

REVISION = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./~^@{}-]{0,99}$")  # a branch, tag, hash, HEAD~1; no option


@dataclass
class Shown:
    """One amended agreement as the page shows it."""

    agreement: str
    paragraphs: list[str]
    tables: list[list[list[tuple[str, bool]]]]  # the 改め文's tables (a new 別表), rows → cells → runs
    rows: list[list[list[tuple[str, bool]]]]  # the 新旧対照表: rows → cells → runs (text, underlined)


def from_revision(folder: Path, revision: str, work: Path) -> Path:
    """``folder`` as it was in ``revision`` of its git repository, exported into ``work``."""
    if not REVISION.fullmatch(revision) or ".." in revision:
        raise UserError(f"'{revision}' is not a git revision: e.g. HEAD, HEAD~1, a tag or a commit")

    def git(*args: str, where: Path = folder) -> bytes:
        try:
            done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise UserError(f"git could not be run: {error}") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise UserError(
                "git: {message}".format(message=message[-1] if message else f"exit status {done.returncode}")
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


def shown(docx: bytes) -> tuple[list[str], list[list[list[tuple[str, bool]]]]]:
    """A document's paragraphs, and its tables' rows with each run's underline."""
    from docx import Document

    document = Document(io.BytesIO(docx))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    rows = []
    for table in document.tables:
        for row in table.rows:
            cells = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
                    continue
                seen.add(id(cell._tc))
                runs: list[tuple[str, bool]] = []
                for number, paragraph in enumerate(cell.paragraphs):
                    if number:
                        runs.append(("\n", False))
                    runs += [(run.text, bool(run.underline)) for run in paragraph.runs if run.text]
                cells.append(runs)
            rows.append(cells)
    return paragraphs, rows
