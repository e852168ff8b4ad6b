"""What a resolved agreement is, and where its files are: what a template prints, and where it is written.

The rest of docgen passes ``Resolved`` values around; reading and checking the YAML is
``docgen.model.agreement``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from docgen.base.errors import UserError
from docgen.base.i18n import _

REGION_FILE = "region.yaml"
MUNICIPALITIES_FILE = "municipalities.yaml"
SUPPORT_FILES = frozenset({REGION_FILE, MUNICIPALITIES_FILE})
Mode = Literal["final", "draft", "copy"]
MODES: tuple[Mode, ...] = ("final", "draft", "copy")


def check_mode(mode: str, seal: bool) -> None:
    """A mode docgen knows, and 印 only where a seal goes: a published copy (写) prints the names without
    it."""
    if mode not in MODES:
        raise UserError(_("unknown mode '{mode}' (final, draft or copy)").format(mode=mode))
    if seal and mode == "copy":
        raise UserError(
            _(
                "--seal is for the signing copy (final) and drafts: a published copy (--mode copy) "
                "prints the heads' names without 印"
            )
        )


class Resolved:
    """An agreement ready to render: the template's context and the document's properties."""

    __slots__ = ("context", "date", "inputs", "kind", "loaded", "path", "region", "title", "warnings")

    def __init__(
        self,
        *,
        path: Path,
        region: str,
        context: dict[str, Any],
        title: str,
        date: dt.date | None,
        inputs: tuple[Path, ...] = (),  # the agreement, region and municipality files it is made of
        kind: str = "renkei",  # the region's kind of agreement (docgen.model.kinds)
        warnings: tuple[str, ...] = (),  # what a draft leaves out that a final document could not
    ) -> None:
        self.path, self.region, self.context, self.title, self.date, self.inputs = (
            path,
            region,
            context,
            title,
            date,
            inputs,
        )
        self.kind, self.warnings = kind, warnings
        # the agreement file as parsed (docgen.model.loader.Loaded), for a caller that reads it again (its
        # literal references) right after resolving; None once let go
        self.loaded: Any = None

    def signed_by(self, parties: list[Any], date: dt.date | None) -> Resolved:
        """This agreement as a later instrument about it (its change, its abolition) is signed: by
        ``parties`` (the heads in office then) on ``date``; what was printed stays as it is."""
        return Resolved(
            path=self.path,
            region=self.region,
            context={**self.context, "parties": list(parties)},
            title=self.title,
            date=date,
            inputs=self.inputs,
            kind=self.kind,
        )

    @property
    def output_name(self) -> Path:
        """``<region>/<agreement file's stem>.docx``, relative to the output folder."""
        return Path(self.region) / (self.path.stem + ".docx")


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
    # the same file named twice (or through a link) once: by its real path as text, worked out once each (a
    # Path's resolve() would keep every name's parts interned for the whole batch)
    seen: set[str] = set()
    return [f for f in files if not ((real := os.path.realpath(f)) in seen or seen.add(real))]
