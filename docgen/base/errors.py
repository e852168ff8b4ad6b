"""The error hierarchy.

``UserError`` and its subclasses are mistakes a user can fix (bad YAML, a broken template, a missing
LibreOffice); the CLI prints their message and exits non-zero. Anything else is a bug in docgen and keeps
its traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

from docgen.base.i18n import _
from docgen.base.named import Named


class DocgenError(Exception):
    """Base of every error docgen raises on purpose."""


class UserError(DocgenError):
    """A mistake the user can fix; ``str(error)`` is the whole message, one problem per line."""


class Problem(Named):
    """One mistake at one place of one input file. Lines and columns count from 1."""

    file: Path | str
    line: int | None
    column: int | None
    message: str

    def __new__(cls, file: Path | str, line: int | None, column: int | None, message: str) -> Problem:
        return tuple.__new__(cls, (file, line, column, message))

    def __str__(self) -> str:
        place = str(self.file)
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return f"{place}: {self.message}"


class AgreementError(UserError):
    """One or more problems in agreement, region or municipality files."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: list[Problem] = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class TemplateError(UserError):
    """A Word template that cannot be compiled or rendered."""

    def __init__(
        self, *, template: Path | str, part: str | None = None, message: str, tag: str | None = None
    ):
        self.template, self.part, self.tag = template, part, tag
        place = f"{template} ({part})" if part else str(template)
        if tag:
            text = _("{place}: {message} in {tag}").format(place=place, message=message, tag=tag)
        else:
            text = f"{place}: {message}"
        super().__init__(text)


class OutputError(UserError):
    """The output folder or file cannot be written."""


class PdfError(UserError):
    """LibreOffice is missing or a conversion failed."""


class AmendmentError(UserError):
    """Two versions of an agreement that no 改め文 docgen writes can join (the 別表 added or removed, a text
    whose 「」 do not pair up)."""


class AmendmentCheckError(DocgenError):
    """docgen's own 改め文, applied to the old text, do not give the new text (or cannot be read back): a bug
    in docgen, never the user's, so the amendment is not written. ``agreement`` names the agreement file,
    where one is known."""

    def __init__(self, *, provision: str, message: str, agreement: str | None = None) -> None:
        self.provision, self.detail, self.agreement = provision, message, agreement
        place = f"{agreement}: {provision}" if agreement else provision
        super().__init__(f"{place}: {message}")


class DocxImportError(UserError):
    """A Word file that ``docgen import`` cannot read as an agreement: not a .docx, locked, damaged, or
    without the parts an agreement needs (a title, a signature block)."""

    def __init__(self, *, source: Path | str, message: str, where: str | None = None) -> None:
        self.source, self.where = source, where
        place = f"{source}: {where}" if where else str(source)
        super().__init__(f"{place}: {message}")


def display(path: Path) -> str:
    """A path as messages show it: relative to the current folder when it is below it."""
    # os.path rather than Path.resolve and relative_to: the same answer at a third of the cost, paid for
    # every agreement of a batch
    real, here = os.path.realpath(path), os.path.realpath(os.getcwd())
    if real == here:
        return "."
    inside = here.rstrip("/") + "/"
    return real[len(inside) :] if real.startswith(inside) else str(path)
