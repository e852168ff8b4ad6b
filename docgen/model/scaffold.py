"""``docgen new``: the YAML skeleton of a new agreement in an existing region.

The skeleton names the region and the parties, and marks every value still to be decided with a text that
starts with ``TODO`` (``date: "TODO: the signing date, e.g. 2017-03-30"``). ``docgen check`` and
``docgen build`` list such values as "to fill in" instead of building a document that prints them. A party
that municipalities.yaml does not know yet gets an entry appended there, its address, title and head marked
the same way, so that the same ``docgen check`` lists them too; but a name close to a known one (美弥市 for
美祢市) is most likely a typo, and is added only when the user says it is new.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from docgen.base import ja
from docgen.base.chars import ascii_shown, by_nfc, name_problem, nfc
from docgen.base.errors import AgreementError, UserError, display
from docgen.base.i18n import _
from docgen.base.output import Staging
from docgen.model.agreement import TODO, validate
from docgen.model.loader import load_yaml, parse_yaml
from docgen.model.records import MunicipalitiesFile, Region
from docgen.model.resolved import MUNICIPALITIES_FILE, REGION_FILE, SUPPORT_FILES, find_municipalities_file

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
MODELINE = "# yaml-language-server: $schema="


class Created(NamedTuple):
    """What ``new_agreement`` wrote: the agreement file and the municipalities added to ``municipalities``."""

    agreement: Path
    municipalities: Path
    added: tuple[str, ...]


def new_agreement(
    agreements: Path,
    region_id: str,
    name: str,
    parties: list[str],
    date: dt.date | None = None,
    *,
    new_municipalities: bool = False,
) -> Created:
    """Write ``<agreements>/<region_id>/<name>.yaml``; never overwrites a file.

    Everything is checked before anything is written: the region exists, the name can be a file name, the
    parties are distinct and can be labelled (甲 to 癸), and a party that municipalities.yaml does not know
    is not close to a name it knows, unless ``new_municipalities`` says the new ones are meant.
    """
    problem = name_problem(region_id, "region id")
    if problem:
        raise UserError(_("{region}: {problem}").format(region=ascii_shown(region_id), problem=problem))
    for party in parties:
        problem = name_problem(party, "municipality name")
        if problem:
            raise UserError(_("--party {party}: {problem}").format(party=ascii_shown(party), problem=problem))
    name = name.removesuffix(".yaml")
    if not NAME.fullmatch(name) or f"{name}.yaml" in SUPPORT_FILES:
        raise UserError(
            _(
                "'{name}' cannot name an agreement file: use letters a-z, digits, '-' and '_' "
                "(e.g. shunan), and not '{region}' or '{municipalities}'"
            ).format(name=name, region=REGION_FILE[:-5], municipalities=MUNICIPALITIES_FILE[:-5])
        )
    region_file = agreements / region_id / REGION_FILE
    if not region_file.is_file():
        known = sorted(p.parent.name for p in agreements.glob(f"*/{REGION_FILE}"))
        raise UserError(
            (
                _("no region '{region}': {file} does not exist (regions: {known})")
                if known
                else _("no region '{region}': {file} does not exist")
            ).format(region=region_id, file=display(region_file), known=", ".join(known))
        )
    target = region_file.parent / f"{name}.yaml"
    if target.exists():
        raise UserError(
            _("{file} already exists: choose another name, or edit that file").format(file=display(target))
        )
    duplicates = sorted({party for party in parties if parties.count(party) > 1})
    if duplicates:
        raise UserError(_("--party {name} is given twice").format(name=duplicates[0]))
    if len(parties) > len(ja.PARTY_LABELS):
        raise UserError(
            _("{count} parties: at most {most} can be labelled ({first} to {last})").format(
                count=len(parties),
                most=len(ja.PARTY_LABELS),
                first=ja.PARTY_LABELS[0],
                last=ja.PARTY_LABELS[-1],
            )
        )
    region_loaded = load_yaml(region_file, display_path=display(region_file))
    region = validate(region_loaded, Region)
    towns_file = find_municipalities_file(region_file)
    if towns_file is None:
        raise UserError(
            _("no {file} found in {folder} or above").format(
                file=MUNICIPALITIES_FILE, folder=display(region_file.parent)
            )
        )
    towns_loaded = load_yaml(towns_file, display_path=display(towns_file))
    towns = validate(towns_loaded, MunicipalitiesFile)
    known = by_nfc(towns.municipalities)
    parties = [known.get(nfc(party), party) for party in parties]  # written as municipalities.yaml has it
    missing = tuple(party for party in parties if party not in towns.municipalities)
    if not new_municipalities:
        _refuse_near_misses(missing, list(towns.municipalities), display(towns_file))

    towns_text = _with_entries(towns_file, towns_loaded.data, missing, display(target)) if missing else None
    text = skeleton(region_id, region, parties, date, display(region_file))
    line = schema_line(region_file)
    files = {target: ((line + "\n" if line else "") + text).encode("utf-8")}
    if towns_text is not None:
        files[towns_file] = towns_text.encode("utf-8")
    # both files or neither (a full disk, Ctrl-C): staged in their common folder, then put in place together
    root = Path(os.path.commonpath([path.parent.absolute() for path in files]))
    with Staging(root) as staging:
        for path, data in files.items():
            staging.write(path.absolute(), data)
            if path.exists():  # municipalities.yaml keeps its mode, as write_atomic keeps it
                os.chmod(staging.path(path.absolute()), stat.S_IMODE(path.stat().st_mode))
        staging.commit()
    return Created(agreement=target, municipalities=towns_file, added=missing)


def _refuse_near_misses(missing: tuple[str, ...], known: list[str], towns: str) -> None:
    """A new name close to a known one is told as ``docgen build`` tells an unknown party, and refused."""
    import difflib

    problems = []
    for party in missing:
        hint = difflib.get_close_matches(party, known, n=1, cutoff=0.5)  # as docgen.model.agreement's hint
        if hint:
            problems.append(
                _(
                    "--party {name}: unknown municipality '{name}' (did you mean '{suggestion}'?); if {name} "
                    "is new, give --new-municipality to add it to {file}"
                ).format(name=party, suggestion=hint[0], file=towns)
            )
    if problems:
        raise UserError("\n".join(problems))


def schema_line(region_file: Path) -> str | None:
    """The editor's schema line for an agreement beside ``region_file``: the one region.yaml has, pointing
    at agreement.schema.json in the same folder; else the nearest schema/ folder (``schema_above``); else
    none."""
    try:
        first = region_file.read_text(encoding="utf-8").split("\n", 1)[0].strip()
    except (OSError, UnicodeDecodeError):
        first = ""
    if first.startswith(MODELINE) and first.endswith("region.schema.json"):
        return first.removesuffix("region.schema.json") + "agreement.schema.json"
    found = schema_above(region_file.resolve().parent, "agreement.schema.json")
    return MODELINE + found if found is not None else None


def schema_above(folder: Path, name: str) -> str | None:
    """The path from ``folder`` to ``schema/<name>`` in the nearest of ``folder`` and the folders above it
    that has one (``/`` between names, as a modeline has it on every system); None if none has."""
    for above in (folder, *folder.parents):
        if (above / "schema" / name).is_file():
            return Path(*[".."] * len(folder.relative_to(above).parts), "schema", name).as_posix()
    return None


def skeleton(
    region_id: str, region: Region, parties: list[str], date: dt.date | None, region_path: str
) -> str:
    """The text of a new agreement file."""
    labels = ja.PARTY_LABELS
    named = [f"{party} ({label})" for party, label in zip(parties, labels, strict=False)]
    first_row = _first_row(region)
    lines = [
        f"# {region.title}: {', '.join(named) if named else 'a new agreement'}.",
        '# Written by `docgen new`: replace every "TODO: …" value, then run `docgen check` on this file.',
        f"# The title, preamble, articles and 別表 are the region's, from {region_path}.",
        "# This file names the date and the parties: the first party is 甲 and a central city, the others",
        "# are partners; write another central city as {name: …, role: central}.",
        "# To change one 別表 row for this agreement only:",
        "#   rows:",
        f"#     {first_row[0]}:",
        f"#       text: {first_row[1]}",
        f"region: {region_id}",
        f"date: {date.isoformat()}" if date else f'date: "{TODO}: the signing date, e.g. 2017-03-30"',
        "parties:",
    ]
    lines += [f"  - {_scalar(party)}" for party in parties]
    for label in labels[len(parties) : 2]:
        role = "a central city" if label == labels[0] else "a partner"
        lines.append(f'  - "{TODO}: {label}, {role}: its name in {MUNICIPALITIES_FILE}"')
    return "\n".join(lines) + "\n"


def _first_row(region: Region) -> tuple[str, str]:
    """The name (1ア) and text of the region's first 別表 row, for the skeleton's example."""
    field = region.appendix.fields[0]
    rows = field.rows if field.rows is not None else (field.sections or [])[0].rows
    group = "" if field.rows is not None else ja.paren_number(1)
    return f"1{group}{ja.kana_label(1)}", rows[0].text


def municipality_entry(name: str, indent: str, agreement: str) -> str:
    """A municipalities.yaml entry whose values are still to fill in."""
    return (
        "\n".join(
            [
                f"{indent}{_scalar(name)}:  # added by `docgen new` for {agreement}: replace the TODO values",
                f'{indent}  address: "{TODO}: the town hall\'s address as written in a signature block"',
                f'{indent}  title: "{TODO}: the head\'s title, e.g. {name}長"',
                f"{indent}  heads:",
                f'{indent}    - name: "{TODO}: the head in office on the agreement\'s date"',
            ]
        )
        + "\n"
    )


def _with_entries(towns_file: Path, data: object, names: tuple[str, ...], agreement: str) -> str:
    """municipalities.yaml with entries appended (see ``append_entries``); if they do not land in its
    mapping, the user is told what to add instead."""
    known = list(data["municipalities"]) if isinstance(data, dict) else []  # validated: a mapping
    new_text = append_entries(
        towns_file.read_text(encoding="utf-8"),
        towns_file,
        known,
        names,
        lambda name, indent: municipality_entry(name, indent, agreement),
    )
    if new_text is None:
        snippet = "".join(municipality_entry(name, "  ", agreement) for name in names)
        raise UserError(
            _(
                "{file}: could not add {names} by appending; add under 'municipalities:' and fill "
                "in:\n{entries}"
            ).format(file=display(towns_file), names=", ".join(names), entries=snippet.rstrip())
        )
    return new_text


def append_entries(
    text: str,
    towns_file: Path,
    known: list[str],
    names: tuple[str, ...],
    entry: Callable[[str, str], str],
) -> str | None:
    """``text``, the text of ``towns_file`` (municipalities.yaml, whose mapping holds ``known``), with the
    entry of each of ``names`` appended, its text and comments kept as they are; ``entry(name, indent)`` is
    an entry's text, indented as the file indents its first entry. Shared by ``docgen new`` and
    ``docgen import``.

    Appending is right only when the ``municipalities:`` mapping ends the file, as it does in the files docgen
    ships; the new text is read back before it replaces the file, and None is returned when the entries do
    not land in that mapping.
    """
    indent = "  "
    for line in text.splitlines():
        if known and line.lstrip().startswith(f"{known[0]}:"):
            indent = line[: len(line) - len(line.lstrip())]
            break
    addition = "".join("\n" + entry(name, indent) for name in names)
    new_text = (text if text.endswith("\n") or not text else text + "\n") + addition
    return new_text if _lands_in_mapping(new_text, towns_file, known, names) else None


def _lands_in_mapping(text: str, towns_file: Path, known: list[str], names: tuple[str, ...]) -> bool:
    """Whether the appended text reads as the same mapping with the new names at its end (checked in
    memory: nothing is written before the answer is yes)."""
    try:
        towns = validate(parse_yaml(text.encode("utf-8"), towns_file), MunicipalitiesFile)
    except AgreementError:
        return False
    return list(towns.municipalities) == [*known, *names]


def _scalar(text: str) -> str:
    """A YAML scalar for a name: plain when it is a plain word (山口市), quoted otherwise."""
    if text.isalnum() and not text.isascii():
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
