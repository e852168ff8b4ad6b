"""What a resolved agreement is, and where its files are: the part of docgen that needs neither YAML nor
pydantic.

``docgen build`` imports this module at start; ``docgen.agreement`` (YAML, pydantic, the region's texts) is
imported only when an agreement has to be read and checked, not when its result comes from the cache
(``docgen.cache``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

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


@dataclass(frozen=True)
class Party:
    """One signatory as the documents print it."""

    label: str
    name: str
    address: str
    title: str
    head: str
    role: str

    def fields(self) -> dict[str, str]:
        return {
            "label": self.label,
            "name": self.name,
            "address": self.address,
            "title": self.title,
            "head": self.head,
        }

    def __str__(self) -> str:
        return self.label


@dataclass
class Resolved:
    """An agreement ready to render: the template's context and the document's properties."""

    path: Path
    region: str
    context: dict[str, Any]
    title: str
    date: dt.date | None
    inputs: tuple[Path, ...] = field(default=())  # the agreement, region and municipality files it is made of

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


def to_data(resolved: Resolved) -> dict[str, Any]:
    """A resolved agreement as JSON-able data (for the cache); ``from_data`` gives it back."""

    def encode(value: Any) -> Any:
        if isinstance(value, Party):
            return {"__party__": value.__dict__}
        if isinstance(value, dict):
            return {key: encode(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [encode(item) for item in value]
        if value is None or isinstance(value, (str, bool, int, float)):
            return value
        raise TypeError(f"cannot keep a {type(value).__name__} in the cache")

    return {
        "region": resolved.region,
        "context": encode(resolved.context),
        "title": resolved.title,
        "date": resolved.date.isoformat() if resolved.date else None,
    }


def from_data(path: Path, inputs: tuple[Path, ...], data: dict[str, Any]) -> Resolved:
    def decode(value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"__party__"}:
                return Party(**value["__party__"])
            return {key: decode(item) for key, item in value.items()}
        if isinstance(value, list):
            return [decode(item) for item in value]
        return value

    day = dt.date.fromisoformat(data["date"]) if data["date"] else None
    return Resolved(
        path=path,
        region=data["region"],
        context=decode(data["context"]),
        title=data["title"],
        date=day,
        inputs=inputs,
    )
