"""The folder ``docgen serve`` shows: its regions and agreements, each checked as ``docgen check`` checks it,
and the paths a request may name — only inside the folder (and its output folder), never through ``..``, an
absolute path or a symbolic link that leads out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from docgen.base.errors import AgreementError, Problem, UserError, display
from docgen.base.i18n import _
from docgen.base.patterns import regex
from docgen.model.resolved import MUNICIPALITIES_FILE, REGION_FILE, Resolved, agreement_files

# a region's folder or an agreement's file name as a URL names it: no slash, no dot first, nothing to decode
NAME = regex(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class NotInside(UserError):
    """A path a request named that is not a file of the workspace (answered 404, never opened)."""


@dataclass
class Entry:
    """One agreement as the list shows it."""

    region: str
    name: str
    path: Path
    parties: list[str] = field(default_factory=list)
    date: str = ""
    problems: list[str] = field(default_factory=list)
    resolved: Resolved | None = None


@dataclass
class RegionView:
    id: str
    title: str
    agreements: list[Entry]


def inside(root: Path, *names: str) -> Path:
    """``root/names…`` if each name is a plain name and the path, symbolic links followed, stays in
    ``root``."""
    for name in names:
        if not NAME.fullmatch(name.removesuffix(".yaml")):
            raise NotInside(_("{name!r} is not a name in the workspace").format(name=name))
    path = root.joinpath(*names)
    try:
        if not path.resolve().is_relative_to(root.resolve()):
            raise NotInside(_("{path} leads outside the workspace").format(path="/".join(names)))
    except (OSError, RuntimeError):  # a loop of symbolic links
        raise NotInside(_("{path} cannot be read").format(path="/".join(names))) from None
    return path


def fingerprint(folder: Path) -> str:
    """A hash of the names and contents of every YAML file in ``folder``: it changes when any is saved."""
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*.y*ml")):
        try:
            data = path.read_bytes()
        except OSError:
            data = b"?"
        sha.update(str(path.relative_to(folder)).encode() + b"\0" + hashlib.sha256(data).digest())
    return sha.hexdigest()[:16]


def content_hash(path: Path) -> str:
    """What a form sends back to say which version of a file it was made from ('' for no file)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def regions(folder: Path) -> list[RegionView]:
    """Every region of ``folder`` with its agreements, each resolved or with its problems."""
    from docgen.documents.batch import resolve
    from docgen.model.agreement import Sources

    found = []
    sources = Sources()
    for region_file in sorted(folder.glob(f"*/{REGION_FILE}")):
        region = region_file.parent
        if not NAME.fullmatch(region.name) or not region_file.resolve().is_relative_to(folder.resolve()):
            continue
        title = _region_title(region_file)
        entries = []
        for path in agreement_files([region]):
            if path.parent != region or not NAME.fullmatch(path.stem):
                continue
            entry = Entry(region.name, path.stem, path)
            try:
                entry.resolved = resolve(path, sources=sources)
                entry.parties = [party.name for party in entry.resolved.context["parties"]]
                entry.date = entry.resolved.context.get("date") or ""
            except AgreementError as error:
                entry.problems = [str(problem) for problem in error.problems]
                entry.parties = _raw_parties(path)
            except UserError as error:
                entry.problems = str(error).splitlines()
            entries.append(entry)
        found.append(RegionView(region.name, title, entries))
    return found


def _region_title(region_file: Path) -> str:
    from docgen.model.loader import load_yaml

    try:
        data = load_yaml(region_file, display_path=display(region_file)).data
    except AgreementError:
        return region_file.parent.name
    title = data.get("title") if isinstance(data, dict) else None
    return title if isinstance(title, str) else region_file.parent.name


def _raw_parties(path: Path) -> list[str]:
    """The parties as written, for the list, when the agreement does not check."""
    from docgen.model.loader import load_yaml

    try:
        data = load_yaml(path, display_path=display(path)).data
    except AgreementError:
        return []
    parties = data.get("parties") if isinstance(data, dict) else None
    if not isinstance(parties, list):
        return []
    return [
        p if isinstance(p, str) else str(p.get("name", "")) for p in parties if isinstance(p, (str, dict))
    ]


def check(path: Path) -> tuple[Resolved | None, list[Problem | str]]:
    """One agreement checked as ``docgen check`` checks it: resolved, or its problems."""
    from docgen.documents.batch import ProcedureCheck, resolve_all

    try:
        resolved = resolve_all([path], check=ProcedureCheck(forms=False))
    except AgreementError as error:
        return None, list(error.problems)
    except UserError as error:
        return None, list(str(error).splitlines())
    return resolved[0], []


def municipalities(folder: Path) -> dict[str, dict[str, object]]:
    """The entries of ``folder``'s municipalities.yaml as written ({} when it cannot be read)."""
    from docgen.model.loader import load_yaml

    towns = folder / MUNICIPALITIES_FILE
    try:
        data = load_yaml(towns, display_path=display(towns)).data
    except AgreementError:
        return {}
    found = data.get("municipalities") if isinstance(data, dict) else None
    return {str(k): v if isinstance(v, dict) else {} for k, v in (found or {}).items()}
