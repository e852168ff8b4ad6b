"""The imported files as YAML text, and writing them: all of them or none.

The YAML is written by hand, in the layout of docgen's own files (a ``$schema`` line first, block
mappings and lists, plain scalars where YAML reads them back as the same text, double quotes elsewhere),
and read back before anything is written: what a file says is exactly the data imported.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import yaml

from docgen.base.errors import DocxImportError, UserError, display
from docgen.base.i18n import _
from docgen.base.output import Staging
from docgen.base.patterns import regex
from docgen.model.resolved import MUNICIPALITIES_FILE, REGION_FILE, find_municipalities_file

SCHEMAS = {
    "region": "region.schema.json",
    "agreement": "agreement.schema.json",
    "municipalities": "municipalities.schema.json",
}
_SPECIAL_START = set("-?:,[]{}#&*!|>'\"%@`")
_IMPLICIT = regex(
    r"[-+.0-9_:eE]*|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|"
    r"y|Y|n|N|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*"
)


def scalar(value: Any) -> str:
    """A YAML scalar that reads back as ``value``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (
        not text
        or text[0] in _SPECIAL_START
        or text[0].isspace()
        or text[-1].isspace()
        or text.endswith(":")
        or ": " in text
        or " #" in text
        or any(c in text for c in "\t\n\r\u2028\u2029\ufeff\x85")
        or _IMPLICIT.fullmatch(text)
        or not text.isprintable()
    ):
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return text


def _block_ok(value: Any) -> bool:
    """A text that needs quotes as a plain scalar but reads back the same as a folded block (``>-``): one
    line, no tab, nothing YAML would fold or strip."""
    if not isinstance(value, str) or scalar(value) == value:
        return False
    return (
        len(value) > 40
        and not value[0].isspace()
        and not value[-1].isspace()
        and value.isprintable()
        and "\t" not in value
    )


def _value(prefix: str, value: Any, indent: str) -> list[str]:
    """``prefix`` (``key:`` or ``-``) and a scalar: on its line, or as a folded block below it."""
    if _block_ok(value):
        return [f"{prefix} >-", f"{indent}  {value}"]
    return [f"{prefix} {scalar(value)}"]


def _lines(value: Any, indent: str) -> list[str]:
    """``value`` (a mapping or a list) as block YAML, each line starting with ``indent``."""
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if item is None:
                continue
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{indent}{scalar(key)}:")
                lines.extend(_lines(item, indent + "  "))
            elif isinstance(item, (dict, list)):
                lines.append(f"{indent}{scalar(key)}: {'{}' if isinstance(item, dict) else '[]'}")
            else:
                lines.extend(_value(f"{indent}{scalar(key)}:", item, indent))
        return lines
    for item in value:
        if isinstance(item, (dict, list)) and item:
            inner = _lines(item, indent + "  ")
            lines.append(f"{indent}- {inner[0][len(indent) + 2 :]}")
            lines.extend(inner[1:])
        else:
            lines.extend(_value(f"{indent}-", item, indent))
    return lines


def to_yaml(data: dict[str, Any], comments: list[str]) -> str:
    """The text of a YAML file: comment lines, then ``data``; raises AssertionError if it would read back
    as anything else (a bug, never the user's)."""
    text = "".join(f"# {line}\n" if line else "#\n" for line in comments)
    text += "\n".join(_lines(data, "")) + "\n"
    read_back = yaml.safe_load(text)
    expected = {k: v for k, v in data.items() if v is not None}
    assert read_back == expected, "the YAML written does not read back as the data imported"
    return text


def schema_line(target: Path, kind: str) -> str:
    """The ``yaml-language-server`` line: the schema in a ``schema/`` folder above the file, or where the
    repository keeps it (``schema/`` beside ``agreements/``)."""
    from docgen.model.scaffold import schema_above

    name = SCHEMAS[kind]
    found = schema_above(target.resolve().parent, name)
    if found is None:
        fallback = {"region": "../../schema/", "agreement": "../../schema/", "municipalities": "../schema/"}
        found = fallback[kind] + name
    return f"yaml-language-server: $schema={found}"


class Files:
    """Where the import writes: the region's folder, its two files, and the municipalities file."""

    def __init__(self, out: Path, region_id: str, name: str) -> None:
        self.out = out
        self.region_file = out / region_id / REGION_FILE
        self.agreement_file = out / region_id / f"{name}.yaml"
        found = find_municipalities_file(self.region_file)
        self.municipalities_file = found if found is not None else out / MUNICIPALITIES_FILE
        for path in (self.region_file, self.agreement_file):
            if path.exists():
                raise UserError(
                    _(
                        "{file} already exists: import into another region (--region ID) or folder (-o "
                        "FOLDER); docgen never overwrites a region or an agreement"
                    ).format(file=display(path))
                )


def municipalities_text(
    files: Files, entries: dict[str, dict[str, Any]], source: str
) -> tuple[str, list[str], list[str], list[str]]:
    """(the new text of municipalities.yaml, names added, names already there alike, messages about
    names there that differ). An entry that differs is never overwritten; new ones are appended as
    ``docgen new`` appends them, indented as the file's first entry."""
    from docgen.model.agreement import validate
    from docgen.model.loader import parse_yaml
    from docgen.model.records import MunicipalitiesFile
    from docgen.model.scaffold import append_entries

    path = files.municipalities_file
    added, same, differing = [], [], []
    if path.exists():
        text = path.read_text(encoding="utf-8")
        loaded = parse_yaml(text.encode("utf-8"), path, display_path=display(path))
        known = validate(loaded, MunicipalitiesFile).municipalities
    else:
        text = "".join(f"# {line}\n" for line in (schema_line(path, "municipalities"),)) + "municipalities:\n"
        known = {}
    for name, entry in entries.items():
        if name not in known:
            added.append(name)
            continue
        town = known[name]
        head = entry["heads"][0]["name"]
        found = {"address": town.address, "title": town.title, "head": town.heads[-1].name}
        wanted = {"address": entry["address"], "title": entry["title"], "head": head}
        diff = [key for key in wanted if not wanted[key].startswith("TODO") and found[key] != wanted[key]]
        if diff:
            shown = ", ".join(
                _("{key} {value} (the document: {wanted})").format(
                    key=key, value=repr(found[key]), wanted=repr(wanted[key])
                )
                for key in diff
            )
            differing.append(
                _("{file}: {name} is there with {values}: kept as it is").format(
                    file=display(path), name=name, values=shown
                )
            )
        else:
            same.append(name)
    if added:
        appended = append_entries(
            text,
            path,
            list(known),
            tuple(added),
            lambda name, indent: _entry(name, entries[name], source, indent),
        )
        if appended is None:
            raise UserError(
                _(
                    "{file}: could not add {names} by appending to the file; its 'municipalities:' mapping "
                    "must end the file"
                ).format(file=display(path), names=", ".join(added))
            )
        text = appended
    return text, added, same, differing


def _entry(name: str, entry: dict[str, Any], source: str, indent: str) -> str:
    body = _lines({name: entry}, indent)
    body[0] += f"  # imported from {source}"
    return "\n".join(body) + "\n"


def write_all(files: Files, texts: dict[Path, str]) -> None:
    """Write every file or none: staged beside the targets, then put in place together."""
    root = _common_folder([files.out, *texts])
    try:
        with Staging(root) as staging:
            for path, text in texts.items():
                staging.write(path.resolve() if not path.is_absolute() else path, text.encode("utf-8"))
            staging.commit()
    except OSError as error:  # pragma: no cover - Staging turns these into OutputError
        raise DocxImportError(source=files.out, message=str(error)) from None


def _common_folder(paths: list[Path]) -> Path:
    resolved = [p.resolve() for p in paths]
    common = Path(os.path.commonpath([str(p) for p in resolved]))
    return common if common not in resolved[1:] else common.parent
