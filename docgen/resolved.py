"""What a resolved agreement is, and where its files are: what a template prints, and where it is written.

The rest of docgen passes ``Resolved`` values around; reading and checking the YAML is ``docgen.agreement``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, NamedTuple

from .errors import UserError

REGION_FILE = "region.yaml"
MUNICIPALITIES_FILE = "municipalities.yaml"
SUPPORT_FILES = frozenset({REGION_FILE, MUNICIPALITIES_FILE})
Mode = Literal["final", "draft", "copy"]
MODES: tuple[Mode, ...] = ("final", "draft", "copy")


def check_mode(mode: str, seal: bool) -> None:
    """A mode docgen knows, and 印 only where a seal goes: a published copy (写) prints the names without
    it."""
    if mode not in MODES:
        raise UserError(f"unknown mode '{mode}' (final, draft or copy)")
    if seal and mode == "copy":
        raise UserError(
            "--seal is for the signing copy (final) and drafts: a published copy (--mode copy) "
            "prints the heads' names without 印"
        )


class Party:
    """One signatory as the documents print it."""

    __slots__ = ("address", "called", "head", "label", "name", "role", "title")

    def __init__(
        self,
        *,
        label: str,
        name: str,
        address: str,
        title: str,
        head: str,
        role: str,
        called: str | None = None,
    ) -> None:
        self.label, self.name, self.address, self.title, self.head, self.role = (
            label,
            name,
            address,
            title,
            head,
            role,
        )
        # how the text calls it: its label (甲), or its name where a region calls the parties by name
        self.called = label if called is None else called

    def __eq__(self, other: object) -> bool:
        return type(other) is Party and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Party(label={self.label!r}, name={self.name!r}, role={self.role!r})"

    def _key(self) -> tuple[str, ...]:
        return (self.label, self.name, self.address, self.title, self.head, self.role, self.called)

    def fields(self) -> dict[str, str]:
        return {
            "label": self.label,
            "name": self.name,
            "address": self.address,
            "title": self.title,
            "head": self.head,
            "called": self.called,
        }

    def __str__(self) -> str:
        return self.label


class TableRow(NamedTuple):
    """A row of the 別表 as printed: its label (ア), the 取組, what it is, and each party's role in it.

    A small tuple, not a dict: a batch holds every checked agreement until its document is written, and
    the rows are most of an agreement's context.
    """

    label: str
    item: str
    text: str
    roles: tuple[str, ...]


def article_line(kind: str, level: int, label: str, text: str) -> dict[str, Any]:
    """A line of an article after its first, as the agreement template prints it: a 項 (``paragraph``, level
    0, style Article) or a 号 (``item``, level 1 and below, style Item1 … Item5)."""
    style = f"Item{level}" if kind == "item" else "Article"
    return {"kind": kind, "level": level, "label": label, "text": text, "style": style}


def literal_appendix(title: str, rows: list[Any], header_rows: int) -> dict[str, Any]:
    """A 別表 kept as a table of text (each row's cells as given), as the agreement template prints it."""
    return {
        "title": title,
        "heading": None,
        "fields": [],
        "table": [{"cells": row} for row in rows],
        "header_rows": header_rows,
    }


class Resolved:
    """An agreement ready to render: the template's context and the document's properties."""

    __slots__ = ("context", "date", "inputs", "path", "region", "title")

    def __init__(
        self,
        *,
        path: Path,
        region: str,
        context: dict[str, Any],
        title: str,
        date: dt.date | None,
        inputs: tuple[Path, ...] = (),  # the agreement, region and municipality files it is made of
    ) -> None:
        self.path, self.region, self.context, self.title, self.date, self.inputs = (
            path,
            region,
            context,
            title,
            date,
            inputs,
        )

    @property
    def output_name(self) -> Path:
        """``<region>/<agreement file's stem>.docx``, relative to the output folder."""
        return Path(self.region) / (self.path.stem + ".docx")


def display(path: Path) -> str:
    """A path as messages show it: relative to the current folder when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def find_region_file(agreement_path: Path, region: str) -> Path | None:
    start = agreement_path.resolve().parent
    for folder in (start, *start.parents):
        candidate = folder / REGION_FILE if folder.name == region else folder / region / REGION_FILE
        if _is_file(candidate):
            return candidate
    return None


def _is_file(path: Path) -> bool:
    # Path.is_file raises for some errors (a name too long, a folder that cannot be read): here they all
    # mean "not found", which the caller reports
    try:
        return path.is_file()
    except OSError:
        return False


def find_municipalities_file(region_file: Path) -> Path | None:
    for folder in region_file.parents:
        candidate = folder / MUNICIPALITIES_FILE
        if _is_file(candidate):
            return candidate
    return None


def agreement_files(paths: Iterable[Path]) -> list[Path]:
    """The agreement files named, or found in the folders named (region and municipality files excluded)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*.y*ml")
                    if p.suffix in (".yaml", ".yml") and p.name not in SUPPORT_FILES and p.is_file()
                )
            )
        else:
            files.append(path)
    seen: set[Path] = set()
    return [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]
