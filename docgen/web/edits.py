"""What the workspace's forms write: a new agreement (``docgen new``'s own code), a new head and a new
municipality in municipalities.yaml.

Each edit is made to the file's text, keeping its comments and layout, read back and checked before the
file is replaced (atomically), and refused when the file changed on disk since the form was shown: the
form sends the SHA-256 of the text it was made from, and a different hash now means someone else saved it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from docgen.base.errors import UserError, display
from docgen.base.i18n import _
from docgen.base.output import write_atomic
from docgen.model.loader import parse_yaml
from docgen.model.records import MunicipalitiesFile
from docgen.model.resolved import MUNICIPALITIES_FILE
from docgen.web.workspace import content_hash


class Conflict(UserError):
    """The file changed on disk since the form was loaded: nothing was written."""


def check_unchanged(path: Path, sent: str) -> None:
    if content_hash(path) != sent:
        raise Conflict(
            _(
                "{file} changed on disk since this page was loaded: nothing was written; reload the page and "
                "make the change again"
            ).format(file=display(path))
        )


def new_agreement(
    folder: Path, region: str, name: str, parties: list[str], date: dt.date | None, *, base: str, new: bool
) -> Path:
    """``docgen new``'s agreement file (and entries for new parties), if municipalities.yaml is as sent."""
    from docgen.model.scaffold import new_agreement as scaffold

    check_unchanged(folder / MUNICIPALITIES_FILE, base)
    created = scaffold(folder, region, name, parties, date, new_municipalities=new)
    return created.agreement


def _scalar(text: str) -> str:
    """A YAML scalar: plain when it is a Japanese word (山口市), quoted otherwise."""
    if text.isalnum() and not text.isascii():
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _parsed(text: str, path: Path) -> dict[str, object]:
    """The municipalities of ``text``, checked as docgen checks municipalities.yaml (``AgreementError``
    with the place of each mistake)."""
    from docgen.model.agreement import validate

    loaded = parse_yaml(text.encode("utf-8"), path, display_path=display(path))
    return dict(validate(loaded, MunicipalitiesFile).municipalities)


def add_head(
    folder: Path, town: str, head: str, since: dt.date | None, *, known: dt.date | None = None, base: str
) -> None:
    """Append a head to ``town``'s heads in municipalities.yaml: from ``since`` (the first day of the term),
    or, without it, ``known`` in office on that day; one of them is needed (a head with neither is in office
    on no day, docs/heads.md)."""
    if since is None and known is None:
        raise UserError(
            _(
                "a new head needs the first day of the term (In office from) or a day they were known to be "
                "in office (Known in office on)"
            )
        )
    path = folder / MUNICIPALITIES_FILE
    check_unchanged(path, base)
    text = path.read_text(encoding="utf-8")
    before = _parsed(text, path)
    if town not in before:
        raise UserError(_("{file}: no municipality {town}").format(file=display(path), town=town))
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip().startswith(f"{town}:")), None)
    if start is None:
        raise UserError(
            _("{file}: {town} is not written as a key of its own line").format(file=display(path), town=town)
        )
    indent = len(lines[start]) - len(lines[start].lstrip())
    heads = None
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and not line.lstrip().startswith("#"):
            if len(line) - len(line.lstrip()) <= indent:
                break
            if line.strip() == "heads:":
                heads = end
        end += 1
    if heads is None:
        raise UserError(
            _("{file}: {town} has no 'heads:' line to add the head under; add it by hand").format(
                file=display(path), town=town
            )
        )
    heads_indent = len(lines[heads]) - len(lines[heads].lstrip())
    last = heads
    item_indent = None
    for number in range(heads + 1, end):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        depth = len(line) - len(line.lstrip())
        if depth < heads_indent or (depth == heads_indent and not line.lstrip().startswith("-")):
            break
        if line.lstrip().startswith("-") and item_indent is None:
            item_indent = depth
        last = number
    pad = " " * (item_indent if item_indent is not None else heads_indent + 2)
    day = f"{pad}  since: {since.isoformat()}" if since is not None else f"{pad}  known: {known.isoformat()}"  # type: ignore[union-attr]
    lines[last + 1 : last + 1] = [f"{pad}- name: {_scalar(head)}", day]
    new_text = "\n".join(lines)
    after = _parsed(new_text, path)
    heads_after = after[town].heads  # type: ignore[attr-defined]
    if (
        list(after) != list(before)
        or len(heads_after) != len(before[town].heads) + 1  # type: ignore[attr-defined]
        or (heads_after[-1].name, heads_after[-1].since, heads_after[-1].known) != (head, since, known)
    ):
        raise UserError(
            _("{file}: could not add the head by appending to {town}'s heads; add it by hand").format(
                file=display(path), town=town
            )
        )
    write_atomic(path, new_text.encode("utf-8"))


def add_municipality(
    folder: Path,
    name: str,
    *,
    address: str,
    title: str,
    prefecture: str,
    head: str,
    since: dt.date | None,
    base: str,
) -> None:
    """Append a municipality to municipalities.yaml, as ``docgen new`` appends one (comments kept)."""
    from docgen.model.scaffold import append_entries

    path = folder / MUNICIPALITIES_FILE
    check_unchanged(path, base)
    text = path.read_text(encoding="utf-8")
    known = list(_parsed(text, path))
    if name in known:
        raise UserError(_("{file}: {name} is already there").format(file=display(path), name=name))

    def entry(town: str, indent: str) -> str:
        lines = [
            f"{indent}{_scalar(town)}:",
            f"{indent}  address: {_scalar(address)}",
            f"{indent}  title: {_scalar(title)}",
        ]
        if prefecture:
            lines.append(f"{indent}  prefecture: {_scalar(prefecture)}")
        lines += [f"{indent}  heads:", f"{indent}    - name: {_scalar(head)}"]
        if since is not None:
            lines.append(f"{indent}      since: {since.isoformat()}")
        return "\n".join(lines) + "\n"

    new_text = append_entries(text, path, known, (name,), entry)
    if new_text is None:
        raise UserError(
            _("{file}: could not add {name} by appending to the file; add it by hand").format(
                file=display(path), name=name
            )
        )
    _parsed(new_text, path)  # the new entry itself checks
    write_atomic(path, new_text.encode("utf-8"))
