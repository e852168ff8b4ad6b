"""Load an agreement with its region and municipalities, check it, and resolve it into what a template prints.

An agreement file is small: its region, date and parties. The region's ``region.yaml`` holds the shared text
and ``municipalities.yaml`` the parties' addresses and heads. Both are found by walking up from the
agreement's folder: ``<folder>/<region>/region.yaml`` (or ``region.yaml`` in a folder named after the region),
then the nearest ``municipalities.yaml`` above the region file. Labels (甲, 乙, …), joins (甲及び乙), numbers
(第1条, ア, (1)) and dates (平成29年3月30日) are derived here; all wording comes from the YAML and the
template.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, TypeVar

from docgen.base import ja
from docgen.base.chars import by_nfc, nfc
from docgen.base.errors import AgreementError, Problem, display
from docgen.base.i18n import _
from docgen.model import context as printing
from docgen.model.fields import Collector
from docgen.model.kinds import kind_of, too_early
from docgen.model.loader import Loaded, load_yaml, parse_yaml, read_file
from docgen.model.records import (
    Agreement,
    Article,
    MunicipalitiesFile,
    Region,
)
from docgen.model.resolved import (
    MUNICIPALITIES_FILE,
    REGION_FILE,
    Mode,
    Resolved,
    check_mode,
    find_municipalities_file,
    find_region_file,
)
from docgen.model.spec import INVALID, Record, check_record, loc_text, type_name

R = TypeVar("R", bound=Record)


def validate(loaded: Loaded, record: type[R]) -> R:
    """The file's data checked as a record; raises ``AgreementError`` with every problem of the file."""
    if loaded.data is None:
        # at 1:1, so that every mistake in a file has a place an editor can jump to
        raise AgreementError(Problem(loaded.shown, 1, 1, _("the file is empty")))
    if not isinstance(loaded.data, dict):
        message = _("expected a mapping of keys, not {kind}").format(kind=type_name(loaded.data))
        raise AgreementError(loaded.problem((), message))
    value, issues = check_record(record, loaded.data)
    if issues or value is INVALID:
        raise AgreementError([loaded.problem(i.loc, i.message, key=i.at_key) for i in issues])
    return value


class Sources:
    """Region and municipality files read once per batch, however many agreements use them.

    A file is parsed and checked again only when its bytes differ from the ones read before: it is read
    every time (a few kilobytes), so an edit between two renders in one process is always seen. Nothing is
    kept between processes.
    """

    def __init__(self) -> None:
        self._files: dict[tuple[Path, type, str], tuple[bytes, Loaded, Any]] = {}
        # where a path leads and how messages show it, and the region files found from a folder: asked for
        # every agreement of a batch about the same few files and folders, answered once per batch
        self._places: dict[Path, tuple[Path, str]] = {}
        self._regions: dict[tuple[str, str], tuple[Path | None, Path | None]] = {}
        # text fields whose render ran out of time, by their source: a region's field is rendered for each of
        # its agreements, and each would wait out the time limit again only to report the same mistake
        self.late: dict[str, str] = {}
        # what each region file leaves to fill in, by the file as parsed: every agreement of the region asks
        self.todo: dict[Path, tuple[Loaded, list[Problem]]] = {}

    def read(self, path: Path, record: type[R]) -> tuple[Loaded, R]:
        place = self._places.get(path)
        if place is None:
            place = self._places[path] = (path.resolve(), display(path))
        real, shown = place
        key = (real, record, shown)
        data = read_file(path, shown)
        kept = self._files.get(key)
        if kept is None or kept[0] != data:
            loaded = parse_yaml(data, path, display_path=shown)
            kept = (data, loaded, validate(loaded, record))
            self._files[key] = kept
        return kept[1], kept[2]

    def region_files(self, agreement: Path, region: str) -> tuple[Path | None, Path | None]:
        """The region file of ``region`` for the agreement file ``agreement``, and its municipalities file."""
        key = (os.path.dirname(os.path.realpath(agreement)), region)
        found = self._regions.get(key)
        if found is None:
            region_file = find_region_file(agreement, region)
            towns_file = find_municipalities_file(region_file) if region_file else None
            found = self._regions[key] = (region_file, towns_file)
        return found


def load_agreement(
    path: Path,
    *,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
    sources: Sources | None = None,
) -> Resolved:
    """Read, check and resolve one agreement file; raises ``AgreementError`` with every problem found."""
    check_mode(mode, seal)
    sources = sources or Sources()
    loaded = load_yaml(path, display_path=display(path))
    region_file, towns_file, towns_read = _inputs(path, loaded, sources)
    # What `docgen new` left to fill in is reported as such, together with the parties' unfilled entries, and
    # not as the mistakes it causes (a date "TODO: …" is no date, a party "TODO: …" no municipality).
    todo = unfilled(loaded)
    # the region's and the parties' entries: a draft prints them as written, with a warning
    later = _unfilled_parties(loaded, towns_read) + _unfilled_region(region_file, sources)
    drafted: list[str] = []
    if mode == "draft":
        drafted = [
            _("{problem}; the draft prints it as written").format(problem=problem) for problem in later
        ]
    else:
        todo += later
    try:
        resolved = _resolve(
            path,
            loaded,
            region_file,
            towns_file,
            towns_read,
            mode=mode,
            seal=seal,
            today=today,
            sources=sources,
        )
    except AgreementError as error:
        places = {(p.file, p.line, p.column) for p in todo}
        others = [p for p in error.problems if (p.file, p.line, p.column) not in places]
        raise AgreementError(todo + others) from None
    if todo:
        raise AgreementError(todo)
    resolved.warnings = (*drafted, *resolved.warnings)
    resolved.loaded = loaded
    return resolved


TODO = "TODO"
"""A value that starts with this is still to be filled in, e.g. ``date: "TODO: the signing date"``."""


def strings_in(value: Any, loc: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    """Every text in ``value`` (found at ``loc``) with its place: a mapping's values in its keys' order, a
    list's items in order.

    A stack rather than recursive generators: each file of a build is walked for its TODOs and its
    references, and a text nested n deep would pass through n generators."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [(loc, value)]
    while stack:
        at, item = stack.pop()
        if isinstance(item, str):
            found.append((at, item))
        elif isinstance(item, dict):
            stack.extend(((*at, key), inner) for key, inner in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(((*at, index), inner) for index, inner in reversed(list(enumerate(item))))
    return found


def unfilled(loaded: Loaded, loc: tuple[str | int, ...] = ()) -> list[Problem]:
    """Every text value at or below ``loc`` that starts with ``TODO``, as a problem 'to fill in'."""
    value = loaded.data
    for part in loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return []
    found: list[Problem] = []
    for at, text in strings_in(value, tuple(loc)):
        if text.startswith(TODO):
            hint = text[len(TODO) :].lstrip(" :：")
            if hint:
                message = _("{field}: to fill in: {hint}").format(field=loc_text(at), hint=hint)
            else:
                message = _("{field}: to fill in").format(field=loc_text(at))
            found.append(loaded.problem(at, message))
    return found


_Towns = tuple[Loaded, MunicipalitiesFile] | AgreementError | None
"""The municipalities as read for an agreement, the problem reading them, or None (no file, or not sought)."""


def _inputs(path: Path, loaded: Loaded, sources: Sources) -> tuple[Path | None, Path | None, _Towns]:
    """The region file and the municipalities file of the raw agreement data, each found once, and the
    municipalities read once: both ``_unfilled_parties`` and ``_resolve`` use them.

    A problem reading the municipalities is kept, not raised: ``_resolve`` reports it after the region file's.
    Nothing is looked for unless the region is text and the parties a list, as validation requires.
    """
    data = loaded.data if isinstance(loaded.data, dict) else {}
    region, parties = data.get("region"), data.get("parties")
    if not isinstance(region, str) or not isinstance(parties, list):
        return None, None, None
    region_file, towns_file = sources.region_files(path, region)
    if towns_file is None:
        return region_file, None, None
    try:
        return region_file, towns_file, sources.read(towns_file, MunicipalitiesFile)
    except AgreementError as error:
        return region_file, towns_file, error


def _unfilled_parties(loaded: Loaded, towns_read: _Towns) -> list[Problem]:
    """The unfilled values of the parties' entries in municipalities.yaml, read from the raw agreement data so
    that they are listed even while the agreement itself is incomplete."""
    if not isinstance(towns_read, tuple):
        return []  # no file, or a problem reading it: ``_resolve`` reports that for the agreement
    towns_loaded, towns = towns_read
    names = [party.get("name") if isinstance(party, dict) else party for party in loaded.data["parties"]]
    names = [name for name in names if isinstance(name, str)]  # a list or a mapping is reported by validation
    known = by_nfc(towns.municipalities)  # as ``_parties`` compares them
    found = dict.fromkeys(known[nfc(name)] for name in names if nfc(name) in known)
    return [problem for name in found for problem in unfilled(towns_loaded, ("municipalities", name))]


def _unfilled_region(region_file: Path | None, sources: Sources) -> list[Problem]:
    """The values of region.yaml still to fill in (a region started by ``docgen new --kind``)."""
    if region_file is None:
        return []
    try:
        region_loaded, _ = sources.read(region_file, Region)
    except AgreementError:
        return []  # told by ``_resolve``
    kept = sources.todo.get(region_file)
    if kept is None or kept[0] is not region_loaded:  # parsed again: its bytes changed
        kept = sources.todo[region_file] = (region_loaded, unfilled(region_loaded))
    return list(kept[1])


def _resolve(
    path: Path,
    loaded: Loaded,
    region_file: Path | None,
    towns_file: Path | None,
    towns_read: _Towns,
    *,
    mode: Mode,
    seal: bool,
    today: dt.date | None,
    sources: Sources,
) -> Resolved:
    agreement = validate(loaded, Agreement)  # valid, so ``_inputs`` has looked for its region's files
    if region_file is None:
        hint = _region_hint(path, agreement.region)
        if hint:
            message = _("region: no {file} found in this folder or above (did you mean '{suggestion}'?)")
        else:
            message = _("region: no {file} found in this folder or above")
        shown = f"{agreement.region}/{REGION_FILE}"
        raise AgreementError(loaded.problem(("region",), message.format(file=shown, suggestion=hint)))
    region_loaded, region = sources.read(region_file, Region)
    if region.id != agreement.region:
        raise AgreementError(
            region_loaded.problem(
                ("id",),
                _("id: '{id}' differs from the folder's name '{folder}'").format(
                    id=region.id, folder=agreement.region
                ),
            )
        )
    if towns_file is None:
        # a file that is not there has no line: the message names where it was looked for
        message = _(
            "no {towns} found in {folder} or a folder above it: it holds the parties' addresses and heads; "
            "create one (docgen schema municipalities describes it)"
        ).format(towns=MUNICIPALITIES_FILE, folder=display(region_file.parent))
        raise AgreementError(Problem(loaded.shown, None, None, message))
    if isinstance(towns_read, AgreementError):
        raise towns_read
    towns = towns_read[1]

    found = Collector(sources.late)
    day = agreement.date
    if day is None and mode != "draft":
        found.problems.append(
            loaded.problem((), _("required field 'date' is missing (only a draft may leave it out)"))
        )
    kind = kind_of(region.kind)
    try:
        printed_date = ja.era_date(day) if day else ja.blank_date(today or dt.date.today())
    except ValueError as error:  # a date that has no 和暦 form (before 明治6年): told alone
        found.problems.append(loaded.problem(("date",), _("date: {message}").format(message=error)))
        printed_date, day = "", None
    early = too_early(kind, day) if day else None
    if early is not None:
        message = _("date: {message} (region.yaml: kind: {kind})").format(message=early, kind=kind.key)
        found.problems.append(loaded.problem(("date",), message))
    # the texts are rendered even after a mistake in the parties (with the parties known), so that one run
    # also reports the mistakes of the region's texts
    called_by_name = region.parties_called == "names"
    warnings: list[str] = []
    parties = printing.parties(
        loaded,
        agreement,
        towns.municipalities,
        day,
        mode,
        found,
        called_by_name,
        display(towns_file),
        warnings,
    )
    own = agreement.articles is not None
    article_list: list[Article] = agreement.articles if own else region.articles
    ref = printing.references(article_list, loaded if own else region_loaded, found)

    def texts(field: str) -> list[str]:
        """A field that is one text or several paragraphs, the agreement's own or the region's."""
        own = getattr(agreement, field, None)
        source, where = (own, loaded) if own is not None else (getattr(region, field), region_loaded)
        if source is None:
            return []
        if isinstance(source, str):
            source = [source]
        return [
            found.text(where, (field, index) if len(source) > 1 else (field,), text, parties=parties, ref=ref)
            for index, text in enumerate(source)
        ]

    articles = printing.articles(article_list, loaded if own else region_loaded, region, parties, ref, found)
    if any(party.role == "central" for party in parties):
        appendices = printing.appendices(agreement, region, loaded, region_loaded, parties, ref, found)
    else:  # the 別表's wording of a partner names the central cities: the mistake is the parties'
        message = _(
            "parties: no central city: the first party is the central city (連携中枢都市) unless it says "
            "role: partner; give one party role: central"
        )
        found.problems.append(loaded.problem(("parties",), message))
        appendices = []
    preamble = texts("preamble")
    closing = texts("closing")
    context = {
        "cover": (texts("cover") or [None])[0],
        "title": texts("title")[0],
        "region": region.name,
        "front": texts("front"),
        # one text, as templates made before several paragraphs were possible print it
        "preamble": "\n".join(preamble),
        "preamble_paragraphs": preamble,
        "articles": articles,
        "supplementary": texts("supplementary"),
        "closing": closing[0] if closing else "",
        "date": printed_date,
        "parties": parties,
        "signature_address": region.signature_address is not False,
        "back": texts("back"),
        "appendix": appendices[0] if appendices else None,
        "appendices": appendices,
        "mode": mode,
        "seal": seal,
    }
    if found.problems:
        raise AgreementError(found.problems)
    return Resolved(
        path=path,
        region=agreement.region,
        context=context,
        title=context["title"],
        date=day,
        inputs=(path, region_file, towns_file),
        kind=kind.key,
        warnings=tuple(warnings),
    )


def _region_hint(path: Path, region: str) -> str:
    """A region found from the agreement's folder whose name is close to ``region`` (else "")."""
    import difflib  # only for a mistake

    start = path.resolve().parent
    known = {folder.name for folder in (start, *start.parents) if (folder / REGION_FILE).is_file()}
    for folder in (start, *start.parents):
        try:
            known |= {entry.name for entry in folder.iterdir() if (entry / REGION_FILE).is_file()}
        except OSError:
            continue
    hint = difflib.get_close_matches(region, sorted(known), n=1)
    return hint[0] if hint else ""
