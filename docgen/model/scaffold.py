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
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from docgen.base import ja
from docgen.base.chars import ascii_shown, by_nfc, name_problem, nfc
from docgen.base.errors import AgreementError, UserError, display
from docgen.base.i18n import _
from docgen.base.output import Staging
from docgen.base.patterns import regex
from docgen.model.agreement import TODO, validate
from docgen.model.kinds import KINDS
from docgen.model.loader import load_yaml, parse_yaml
from docgen.model.records import MunicipalitiesFile, Region
from docgen.model.region_models import region_text as region_text_of
from docgen.model.resolved import MUNICIPALITIES_FILE, REGION_FILE, SUPPORT_FILES, find_municipalities_file

NAME = regex(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
MODELINE = "# yaml-language-server: $schema="


class Created(NamedTuple):
    """What ``new_agreement`` wrote: the agreement file, the municipalities added to ``municipalities``, and
    the region file when it started one."""

    agreement: Path
    municipalities: Path
    added: tuple[str, ...]
    region: Path | None = None


def new_agreement(
    agreements: Path,
    region_id: str,
    name: str,
    parties: list[str],
    date: dt.date | None = None,
    *,
    new_municipalities: bool = False,
    kind: str | None = None,
) -> Created:
    """Write ``<agreements>/<region_id>/<name>.yaml``; never overwrites a file. With ``kind`` (renkei or
    teiju) and no such region yet, also ``<agreements>/<region_id>/region.yaml`` from docgen's model text of
    that kind (``docgen.model.region_models``).

    Everything is checked before anything is written, and the files are written together or not at all: the
    region exists (or is to be started), the name can be a file name, the parties are distinct and can be
    labelled (甲 to 癸), a party that municipalities.yaml does not know is a municipality of Japan (the
    national list: its prefecture is written with it) and not close to a name it knows, unless
    ``new_municipalities`` says the new ones are meant.
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
            ).format(name=ascii_shown(name), region=REGION_FILE[:-5], municipalities=MUNICIPALITIES_FILE[:-5])
        )
    if region_id in (".", "..") or "/" in region_id or "\\" in region_id:  # never a folder outside
        _refuse_folder_name(region_id)
    region_file = agreements / region_id / REGION_FILE
    region_text = None
    if not region_file.is_file():
        region_text = _new_region(agreements, region_id, region_file, kind, parties)
    elif kind is not None:
        raise UserError(
            _(
                "--kind starts a new region, and {file} exists: leave --kind out to add an agreement to it"
            ).format(file=display(region_file))
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
    if region_text is None:
        region_loaded = load_yaml(region_file, display_path=display(region_file))
    else:
        region_loaded = parse_yaml(
            region_text.encode("utf-8"), region_file, display_path=display(region_file)
        )
    region = validate(region_loaded, Region)
    towns_file = find_municipalities_file(region_file) if region_text is None else None
    if towns_file is None and region_text is not None:
        towns_file = find_municipalities_file(region_file) or agreements / MUNICIPALITIES_FILE
    if towns_file is None:
        raise UserError(
            _("no {file} found in {folder} or above").format(
                file=MUNICIPALITIES_FILE, folder=display(region_file.parent)
            )
        )
    if towns_file.is_file():
        towns_loaded = load_yaml(towns_file, display_path=display(towns_file))
        towns_data = towns_loaded.data
        known_towns = list(validate(towns_loaded, MunicipalitiesFile).municipalities)
    else:  # a first region in a new folder
        towns_data, known_towns = {"municipalities": {}}, []
    known = by_nfc(known_towns)
    parties = [known.get(nfc(party), party) for party in parties]  # written as municipalities.yaml has it
    missing = tuple(party for party in parties if party not in known_towns)
    national = _national(missing, tuple(known_towns))  # a name of no municipality of Japan is refused
    if not new_municipalities:
        _refuse_near_misses(missing, known_towns, display(towns_file))

    towns_text = (
        _with_entries(towns_file, towns_data, missing, display(target), national, date) if missing else None
    )
    text = skeleton(region_id, region, parties, date, display(region_file))
    line = schema_line(region_file)
    files = {target: (line + "\n" if line else "") + text}
    if region_text is not None:
        files[region_file] = region_text
    if towns_text is not None:
        files[towns_file] = towns_text
    write_together(agreements, files)
    return Created(
        agreement=target,
        municipalities=towns_file,
        added=missing,
        region=region_file if region_text else None,
    )


def _refuse_folder_name(region_id: str) -> None:
    raise UserError(
        _(
            "'{region}' cannot name a region's folder: use letters a-z, digits, '-' and '_' (e.g. okayama)"
        ).format(region=ascii_shown(region_id))
    )


def _new_region(
    agreements: Path, region_id: str, region_file: Path, kind: str | None, parties: list[str]
) -> str:
    """The text of a region to start, or the error that says how to start one."""
    # a name that cannot be a folder is told first: advising `docgen new .. NAME --kind …` would only be
    # refused next
    if not NAME.fullmatch(region_id) or len(region_id) > 64:
        _refuse_folder_name(region_id)
    if kind is None:
        known = sorted(p.parent.name for p in agreements.glob(f"*/{REGION_FILE}"))
        shown = " ".join(f"--party {party}" for party in parties) or "--party A --party B"
        if known:
            message = _(
                "no region '{region}': {file} does not exist (regions: {regions}). To start it, say what its "
                "agreements are: docgen new {region} NAME {parties} --kind renkei (a 連携協約 of a "
                "連携中枢都市圏) or --kind teiju (a 定住自立圏形成協定)"
            )
        else:
            message = _(
                "no region '{region}': {file} does not exist. To start it, say what its agreements are: "
                "docgen new {region} NAME {parties} --kind renkei (a 連携協約 of a 連携中枢都市圏) or "
                "--kind teiju (a 定住自立圏形成協定)"
            )
        raise UserError(
            message.format(
                region=region_id, file=display(region_file), regions=", ".join(known), parties=shown
            )
        )
    if kind not in KINDS:
        raise UserError(
            _("--kind {kind}: a kind is renkei (連携協約) or teiju (定住自立圏形成協定)").format(kind=kind)
        )
    modeline = (
        schema_above(region_file.parent.resolve(), "region.schema.json")
        if region_file.parent.exists()
        else None
    )
    if modeline is None:
        found = schema_above(agreements.resolve(), "region.schema.json")
        modeline = "../" + found if found is not None else None
    return region_text_of(region_id, kind, f"yaml-language-server: $schema={modeline}" if modeline else None)


def _national(missing: tuple[str, ...], known: tuple[str, ...]) -> dict[str, Any]:
    """Each new party as the national list knows it (its prefecture); a name of no municipality of Japan, or
    of several, is refused."""
    if not missing:
        return {}
    from docgen.model.national import NotInJapan, find

    found, problems = {}, []
    for party in missing:
        try:
            found[party] = find(party, known)
        except NotInJapan as error:
            problems.append(_("--party {party}: {problem}").format(party=party, problem=error))
    if problems:
        raise UserError("\n".join(problems))
    return found


def write_together(root: Path, texts: dict[Path, str]) -> None:
    """Write every file or none (a full disk, Ctrl-C): staged in the files' common folder, then put in place
    together; a file replaced keeps its mode, as ``write_atomic`` keeps it. ``root`` is made first."""
    root.mkdir(parents=True, exist_ok=True)
    common = Path(os.path.commonpath([path.parent.absolute() for path in texts]))
    while not common.exists():  # a region's folder that is still to be made
        common = common.parent
    with Staging(common) as staging:
        for path, text in texts.items():
            staging.write(path.absolute(), text.encode("utf-8"))
            if path.exists():  # municipalities.yaml keeps its mode
                os.chmod(staging.path(path.absolute()), stat.S_IMODE(path.stat().st_mode))
        staging.commit()


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
        *(
            [
                "# To change one 別表 row for this agreement only:",
                "#   rows:",
                f"#     {first_row[0]}:",
                f"#       text: {first_row[1]}",
            ]
            if first_row is not None
            else []
        ),
        f"region: {region_id}",
        f"date: {date.isoformat()}" if date else f'date: "{TODO}: the signing date, e.g. 2017-03-30"',
        "parties:",
    ]
    lines += [f"  - {_scalar(party)}" for party in parties]
    for label in labels[len(parties) : 2]:
        role = "a central city" if label == labels[0] else "a partner"
        lines.append(f'  - "{TODO}: {label}, {role}: its name in {MUNICIPALITIES_FILE}"')
    return "\n".join(lines) + "\n"


def _first_row(region: Region) -> tuple[str, str] | None:
    """The name (1ア, or 2:1ア in the second of several 別表) and text of the region's first 別表 row, for the
    skeleton's example; None when no 別表 has rows (none at all, or tables of text only)."""
    tables = region.appendices if region.appendices is not None else [region.appendix]
    for index, appendix in enumerate(tables):
        if appendix is None or not appendix.fields:
            continue
        field = appendix.fields[0]
        rows = field.rows if field.rows is not None else (field.sections or [])[0].rows
        group = "" if field.rows is not None else ja.paren_number(1)
        prefix = f"{index + 1}:" if index > 0 else ""
        return f"{prefix}1{group}{ja.kana_label(1)}", rows[0].text
    return None


def municipality_entry(
    name: str, indent: str, agreement: str, found: Any = None, date: dt.date | None = None
) -> str:
    """A municipalities.yaml entry whose values are still to fill in; ``found``: the municipality as the
    national list knows it (its prefecture is written); ``date``: the agreement's, when the head was in
    office."""
    own = found.name if found is not None else name
    lines = [
        f"{indent}{_scalar(name)}:  # added by `docgen new` for {agreement}: replace the TODO values",
        f'{indent}  address: "{TODO}: the town hall\'s address as written in a signature block"',
        f'{indent}  title: "{TODO}: the head\'s title, e.g. {own}長"',
    ]
    if found is not None and found.kind == "prefecture":
        lines.append(f"{indent}  kind: prefecture")
    elif found is not None:
        lines.append(f"{indent}  prefecture: {found.prefecture}")
    lines += [
        f"{indent}  heads:",
        f'{indent}    - name: "{TODO}: the head in office on the agreement\'s date"',
    ]
    if date is not None:  # the head who signs was in office on the agreement's date
        lines.append(f"{indent}      known: {date.isoformat()}")
    return "\n".join(lines) + "\n"


def _with_entries(
    towns_file: Path,
    data: object,
    names: tuple[str, ...],
    agreement: str,
    national: dict[str, Any],
    date: dt.date | None,
) -> str:
    """municipalities.yaml with entries appended (see ``append_entries``); if they do not land in its
    mapping, the user is told what to add instead."""
    known = list(data["municipalities"]) if isinstance(data, dict) else []  # validated: a mapping
    text = towns_file.read_text(encoding="utf-8") if towns_file.is_file() else _new_towns_file(towns_file)

    def entry(name: str, indent: str) -> str:
        return municipality_entry(name, indent, agreement, national.get(name), date)

    new_text = append_entries(text, towns_file, known, names, entry)
    if new_text is None:
        snippet = "".join(entry(name, "  ") for name in names)
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


def _new_towns_file(towns_file: Path) -> str:
    found = schema_above(towns_file.parent.resolve(), "municipalities.schema.json")
    line = f"{MODELINE}{found}\n" if found else ""
    return (
        line
        + "# Each municipality once: address, head's title, prefecture and heads\n"
        + "# (see docgen schema municipalities)\nmunicipalities:\n"
    )


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
