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
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from docgen.base import ja
from docgen.base.budget import Late
from docgen.base.errors import AgreementError, Problem, display
from docgen.base.printed import Party, TableRow, article_line, literal_appendix
from docgen.base.quick import render_quick
from docgen.base.sandbox import make_environment
from docgen.model.loader import (
    _BAD_TEXT,
    Loaded,
    _char_message,
    by_nfc,
    load_yaml,
    nfc,
    parse_yaml,
    read_file,
)
from docgen.model.records import (
    ITEM_LABELS,
    Agreement,
    Appendix,
    Article,
    MunicipalitiesFile,
    Municipality,
    Region,
    Row,
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
ITEM_LABELS_DEFAULT = ("(1)", "ア", "(ア)", "a", "(a)")  # 号, then the usual ladder of 公用文
assert set(ITEM_LABELS_DEFAULT) <= set(ITEM_LABELS)


def validate(loaded: Loaded, record: type[R]) -> R:
    """The file's data checked as a record; raises ``AgreementError`` with every problem of the file."""
    if loaded.data is None:
        # at 1:1, so that every mistake in a file has a place an editor can jump to
        raise AgreementError(Problem(loaded.shown, 1, 1, "the file is empty"))
    if not isinstance(loaded.data, dict):
        raise AgreementError(loaded.problem((), f"expected a mapping of keys, not {type_name(loaded.data)}"))
    value, issues = check_record(record, loaded.data)
    if issues or value is INVALID:
        raise AgreementError([loaded.problem(i.loc, i.message, key=i.at_key) for i in issues])
    return value


@lru_cache(maxsize=4096)
def _text_template(source: str):
    return _text_environment().get_template(source)


@lru_cache(maxsize=1)
def _text_environment():
    from jinja2 import FunctionLoader

    env = make_environment(xml=False)
    # a text field's source is its own name: Jinja then keeps each compiled field under it (auto_reload is
    # off, and a source never changes under its own name)
    env.loader = FunctionLoader(lambda source: (source, None, lambda: True))
    return env


class Sources:
    """Region and municipality files read once per batch, however many agreements use them.

    A file is parsed and checked again only when its bytes differ from the ones read before: it is read
    every time (a few kilobytes), so an edit between two renders in one process is always seen. Nothing is
    kept between processes.
    """

    def __init__(self) -> None:
        self._files: dict[tuple[Path, type, str], tuple[bytes, Loaded, Any]] = {}
        # text fields whose render ran out of time, by their source: a region's field is rendered for each of
        # its agreements, and each would wait out the time limit again only to report the same mistake
        self.late: dict[str, str] = {}

    def read(self, path: Path, record: type[R]) -> tuple[Loaded, R]:
        shown = display(path)
        key = (path.resolve(), record, shown)
        data = read_file(path, shown)
        kept = self._files.get(key)
        if kept is None or kept[0] != data:
            loaded = parse_yaml(data, path, display_path=shown)
            kept = (data, loaded, validate(loaded, record))
            self._files[key] = kept
        return kept[1], kept[2]


def head_on(municipality: Municipality, day: dt.date) -> str | None:
    """The head in office on ``day``: the last one whose term began on or before it."""
    current = None
    for head in municipality.heads:
        if head.since is None or head.since <= day:
            current = head.name
    return current


def _name_hint(message: str, context: dict[str, Any]) -> str:
    """' (did you mean 'parties'?)' after "'partys' is undefined", when a known name is close."""
    match = re.fullmatch(r"'(\w+)' is undefined", message)
    if not match:
        return ""
    import difflib  # only for a mistake

    hint = difflib.get_close_matches(match.group(1), list(context), n=1)
    return f" (did you mean '{hint[0]}'?)" if hint else ""


class _Collector:
    """Gathers problems so that one run reports every mistake of a file, not only the first."""

    def __init__(self, late: dict[str, str] | None = None) -> None:
        self.problems: list[Problem] = []
        self._memo: dict[tuple[str, str], str] = {}
        self._roles: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._late = {} if late is None else late  # shared by a batch (Sources.late)

    def text(self, loaded: Loaded, loc: tuple, source: str, **context: Any) -> str:
        """Render one YAML text field in the sandbox; a mistake in it is reported at the field."""
        if source in self._late:  # ran out of time for an earlier agreement of this batch
            self.problems.append(loaded.problem(loc, f"{loc_text(loc)}: {self._late[source]}"))
            return ""
        quick = render_quick(source, context, _text_environment())
        try:
            result = quick if quick is not None else _text_template(source).render(**context)
        except Exception as error:  # any failure inside a user's template is the user's to fix
            message = getattr(error, "message", None) or str(error)
            message += _name_hint(message, context)
            if isinstance(error, Late):
                self._late[source] = message
            self.problems.append(loaded.problem(loc, f"{loc_text(loc)}: {message}"))
            return ""
        bad = _BAD_TEXT.search(result)
        if bad:  # "{{ '\x01' }}" makes a character that a Word document cannot hold
            message = _char_message(bad.group(), "in a document")
            self.problems.append(loaded.problem(loc, f"{loc_text(loc)}: {message} (the text renders to it)"))
            return ""
        return result

    def shared(self, roles: tuple[str, ...]) -> tuple[str, ...]:
        """One tuple for equal role lists: most rows of an agreement have the same roles."""
        return self._roles.setdefault(roles, roles)

    def role(self, loaded: Loaded, loc: tuple, source: str, party: Party, **context: Any) -> str:
        """Role wording: the same source gives the same text for one party in every row, so render it once."""
        key = (source, party.label)
        if key not in self._memo:
            self._memo[key] = self.text(loaded, loc, source, party=party, **context)
        return self._memo[key]


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
    todo = unfilled(loaded) + _unfilled_parties(loaded, towns_read)
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
    return resolved


TODO = "TODO"
"""A value that starts with this is still to be filled in, e.g. ``date: "TODO: the signing date"``."""


def strings_in(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text in ``value`` (found at ``loc``) with its place: a mapping's values in its keys' order, a
    list's items in order."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings_in(item, (*loc, index))


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
            found.append(loaded.problem(at, f"{loc_text(at)}: to fill in" + (f": {hint}" if hint else "")))
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
    region_file = find_region_file(path, region)
    towns_file = find_municipalities_file(region_file) if region_file else None
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
        message = f"region: no {agreement.region}/{REGION_FILE} found in this folder or above"
        raise AgreementError(loaded.problem(("region",), message + _region_hint(path, agreement.region)))
    region_loaded, region = sources.read(region_file, Region)
    if region.id != agreement.region:
        raise AgreementError(
            region_loaded.problem(
                ("id",), f"id: '{region.id}' differs from the folder's name '{agreement.region}'"
            )
        )
    if towns_file is None:
        raise AgreementError(
            region_loaded.problem((), f"no {MUNICIPALITIES_FILE} found in this folder or above")
        )
    if isinstance(towns_read, AgreementError):
        raise towns_read
    _, towns = towns_read

    found = _Collector(sources.late)
    day = agreement.date
    if day is None and mode != "draft":
        found.problems.append(
            loaded.problem((), "required field 'date' is missing (only a draft may leave it out)")
        )
    try:
        printed_date = ja.era_date(day) if day else ja.blank_date(today or dt.date.today())
    except ValueError as error:  # a date that has no 和暦 form (before 明治6年)
        found.problems.append(loaded.problem(("date",), f"date: {error}"))
        printed_date = ""
    # the texts are rendered even after a mistake in the parties (with the parties known), so that one run
    # also reports the mistakes of the region's texts
    called_by_name = region.parties_called == "names"
    parties = _parties(loaded, agreement, towns.municipalities, day, mode, found, called_by_name)
    own = agreement.articles is not None
    article_list: list[Article] = agreement.articles if own else region.articles
    ref = _references(article_list, loaded if own else region_loaded, found)

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

    articles = _articles(article_list, loaded if own else region_loaded, region, parties, ref, found)
    if any(party.role == "central" for party in parties):
        appendices = _appendices(agreement, region, loaded, region_loaded, parties, ref, found)
    else:  # the 別表's wording of a partner names the central cities: the mistake is the parties'
        message = (
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
    )


def _region_hint(path: Path, region: str) -> str:
    """' (did you mean 'yamaguchi-kenou'?)' when a region found from the agreement's folder is close."""
    import difflib  # only for a mistake

    start = path.resolve().parent
    known = {folder.name for folder in (start, *start.parents) if (folder / REGION_FILE).is_file()}
    for folder in (start, *start.parents):
        try:
            known |= {entry.name for entry in folder.iterdir() if (entry / REGION_FILE).is_file()}
        except OSError:
            continue
    hint = difflib.get_close_matches(region, sorted(known), n=1)
    return f" (did you mean '{hint[0]}'?)" if hint else ""


def _parties(
    loaded: Loaded,
    agreement: Agreement,
    towns: dict[str, Municipality],
    day: dt.date | None,
    mode: Mode,
    found: _Collector,
    called_by_name: bool = False,
) -> list[Party]:
    labels = ja.party_labels(len(agreement.parties))
    parties = []
    # names are compared in NFC: 美祢市 typed in decomposed form is 美祢市, and prints as municipalities.yaml
    # writes it
    known = by_nfc(towns)
    for index, (ref, label) in enumerate(zip(agreement.parties, labels, strict=True)):
        loc = ("parties", index, "name")
        key = known.get(nfc(ref.name))
        town = towns[key] if key is not None else None
        role = ref.role or ("central" if index == 0 else "partner")
        if town is None:
            import difflib  # only for a mistake

            hint = difflib.get_close_matches(ref.name, list(towns), n=1, cutoff=0.5)
            found.problems.append(
                loaded.problem(
                    loc,
                    f"parties[{index}]: unknown municipality '{ref.name}'"
                    + (f" (did you mean '{hint[0]}'?)" if hint else ""),
                )
            )
            # kept, without address and head, so that the texts still render for their own mistakes
            parties.append(
                Party(
                    label=label,
                    name=ref.name,
                    address="",
                    title="",
                    head="",
                    role=role,
                    called=ref.name if called_by_name else label,
                )
            )
            continue
        head = head_on(town, day) if day else None
        if head is None and day is not None and mode != "draft":
            first = town.heads[0].since
            found.problems.append(
                loaded.problem(
                    loc,
                    f"parties[{index}]: no head of {ref.name} in office on "
                    f"{day.isoformat()} (the first recorded term begins {first})",
                )
            )
        parties.append(
            Party(
                label=label,
                name=key,
                address=town.address,
                title=town.title,
                head=head or "",
                role=role,
                called=key if called_by_name else label,
            )
        )
    names = [nfc(r.name) for r in agreement.parties]
    for index, ref in enumerate(agreement.parties):
        if names.index(names[index]) != index:
            found.problems.append(
                loaded.problem(
                    ("parties", index, "name"), f"parties[{index}]: '{ref.name}' is already a party"
                )
            )
    return parties


class References:
    """``ref`` in a text: ``{{ ref.roles }}`` prints the number of the article named roles (第3条), so that
    a reference stays right when articles are added or removed."""

    def __init__(self, numbers: dict[str, str]) -> None:
        self._numbers = numbers

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._numbers[name]
        except KeyError:
            from jinja2.exceptions import UndefinedError

            known = ", ".join(self._numbers) or "none: give an article an 'id'"
            raise UndefinedError(f"no article named '{name}' (articles with a name: {known})") from None

    def __getitem__(self, name: str) -> str:
        return self.__getattr__(name)


def _references(articles: list[Article], where: Loaded, found: _Collector) -> References:
    numbers: dict[str, str] = {}
    for index, article in enumerate(articles):
        if article.id is None:
            continue
        if article.id in numbers:
            message = f"articles[{index}].id: '{article.id}' names another article already"
            found.problems.append(where.problem(("articles", index, "id"), message))
            continue
        numbers[article.id] = ja.article_number(index + 1)
    return References(numbers)


def _articles(
    articles: list[Article],
    where: Loaded,
    region: Region,
    parties: list[Party],
    ref: References,
    found: _Collector,
) -> list[dict[str, Any]]:
    styles = region.item_labels or list(ITEM_LABELS_DEFAULT)

    def render(loc: tuple, source: str) -> str:
        return found.text(where, loc, source, parties=parties, ref=ref)

    def add_items(lines: list[dict[str, Any]], items: list, loc: tuple, level: int) -> None:
        if level > len(styles):
            message = (
                f"{loc_text(loc)}: items nested {level} deep, and item_labels labels {len(styles)} levels"
            )
            found.problems.append(where.problem(loc, message))
            return
        for position, item in enumerate(items, start=1):
            at = (*loc, position - 1)
            try:
                label = ja.item_label(styles[level - 1], position)
            except ValueError as error:
                found.problems.append(where.problem(at, f"{loc_text(at)}: {error}"))
                label = ""
            if isinstance(item, str):
                text, inner = render(at, item), None
            else:
                text, inner = render((*at, "text"), item.text), item.items
            lines.append(article_line("item", level, label, text))
            if inner:
                add_items(lines, inner, (*at, "items"), level + 1)

    result = []
    for number, article in enumerate(articles, start=1):
        base = ("articles", number - 1, "text")
        lines: list[dict[str, Any]] = []
        first = ""
        for index, paragraph in enumerate(article.text):
            loc = (*base, index)  # a text written alone is found at its list's place: text[0] is text
            is_record = not isinstance(paragraph, str)
            text = render((*loc, "text") if is_record else loc, paragraph.text if is_record else paragraph)
            if index == 0:
                first = text
            else:
                label = paragraph.label if is_record and paragraph.label is not None else str(index + 1)
                lines.append(article_line("paragraph", 0, label, text))
            if is_record and paragraph.items:
                add_items(lines, paragraph.items, (*loc, "items"), 1)
        result.append(
            {
                "id": article.id,
                "number": ja.article_number(number),
                "caption": article.caption,
                "text": first,
                # 項 after the first, numbered 2, 3, … (Arabic digits in horizontal writing), as templates
                # made before items were possible print them
                "paragraphs": [
                    {"number": line["label"], "text": line["text"]}
                    for line in lines
                    if line["kind"] == "paragraph"
                ],
                # every line after the first: 項 (level 0) and 号 (level 1 and below), in order
                "lines": lines,
            }
        )
    return result


def _appendices(
    agreement: Agreement,
    region: Region,
    loaded: Loaded,
    region_loaded: Loaded,
    parties: list[Party],
    ref: References,
    found: _Collector,
) -> list[dict[str, Any]]:
    if region.appendices is not None:
        tables = [(appendix, ("appendices", index)) for index, appendix in enumerate(region.appendices)]
    elif region.appendix is not None:
        tables = [(region.appendix, ("appendix",))]
    else:
        tables = []
    changes = by_nfc(agreement.rows)  # NFC form → the key as written
    result = []
    for number, (appendix, loc) in enumerate(tables, start=1):
        prefix = f"{number}:" if len(tables) > 1 else ""
        title = found.text(region_loaded, (*loc, "title"), appendix.title, parties=parties, ref=ref)
        if appendix.table is not None:
            header_rows = appendix.header_rows if appendix.header_rows is not None else 1
            result.append(literal_appendix(title, appendix.table, header_rows))
            continue
        structured = _appendix(
            agreement, appendix, loc, prefix, changes, loaded, region_loaded, parties, found
        )
        result.append({**structured, "title": title, "table": [], "header_rows": 0})
    for key in changes.values():
        found.problems.append(
            loaded.problem(
                ("rows", key), f"rows: no 別表 row '{key}' (rows are named like 1ア or 3(1)イ)", key=True
            )
        )
    return result


def _appendix(
    agreement: Agreement,
    appendix: Appendix,
    base: tuple,
    prefix: str,
    changes: dict[str, str],
    loaded: Loaded,
    region_loaded: Loaded,
    parties: list[Party],
    found: _Collector,
) -> dict[str, Any]:
    fields = []
    for f_index, field_ in enumerate(appendix.fields):
        number = str(f_index + 1)
        groups = []
        if field_.rows is not None:
            sections = [(None, None, field_.rows, (*base, "fields", f_index, "rows"))]
        else:
            sections = [
                (
                    ja.paren_number(s_index + 1),
                    section.title,
                    section.rows,
                    (*base, "fields", f_index, "sections", s_index, "rows"),
                )
                for s_index, section in enumerate(field_.sections or [])
            ]
        for group_number, title, rows, loc in sections:
            resolved_rows = []
            if len(rows) > len(ja.KANA_LABELS):
                found.problems.append(
                    region_loaded.problem(
                        (*loc, len(ja.KANA_LABELS)),
                        f"{loc_text(loc)}: {len(rows)} rows, and rows are labelled ア to ワ: at most "
                        f"{len(ja.KANA_LABELS)}; divide the field into sections (1), (2), … ('sections:')",
                    )
                )
                rows = rows[: len(ja.KANA_LABELS)]
            for r_index, row in enumerate(rows):
                label = ja.kana_label(r_index + 1)
                key = f"{prefix}{number}{group_number or ''}{label}"
                written = changes.pop(key, None)
                if written is None and prefix == "1:":  # the first 別表's rows may be named without 1:
                    written = changes.pop(key[2:], None)
                change = agreement.rows[written] if written is not None else None
                resolved_rows.append(
                    _row(
                        row,
                        change,
                        written if written is not None else key,
                        label,
                        appendix,
                        base,
                        agreement,
                        loaded,
                        region_loaded,
                        (*loc, r_index),
                        parties,
                        found,
                    )
                )
            groups.append({"number": group_number, "title": title, "rows": resolved_rows})
        fields.append({"number": number, "title": field_.title, "groups": groups})
    return {"heading": appendix.heading, "fields": fields}


def _row(
    row: Row,
    change: Any,
    key: str,
    label: str,
    appendix: Appendix,
    appendix_loc: tuple,
    agreement: Agreement,
    loaded: Loaded,
    region_loaded: Loaded,
    loc: tuple,
    parties: list[Party],
    found: _Collector,
) -> TableRow:
    for where, keys, base in (
        (region_loaded, row.roles, loc),
        (loaded, change.roles if change else {}, ("rows", key)),
    ):
        for role_key in keys:
            labels = ja.PARTY_LABELS[: len(agreement.parties)]
            if role_key not in ("central", "partner") and role_key not in labels:
                found.problems.append(
                    where.problem(
                        (*base, "roles", role_key),
                        f"roles: '{role_key}' is neither a role (central, partner) nor a party's label",
                        key=True,
                    )
                )
    roles = []
    for party in parties:
        candidates: Iterable[tuple[Loaded, tuple, dict[str, str]]] = (
            (loaded, ("rows", key, "roles"), change.roles if change else {}),
            (region_loaded, (*loc, "roles"), row.roles),
            (loaded, ("roles",), agreement.roles),
            (region_loaded, (*appendix_loc, "roles"), appendix.roles),
        )
        for where, base, wording in candidates:
            pick = party.label if party.label in wording else party.role
            if pick in wording:
                others = [p for p in parties if p is not party]
                centrals = [p for p in others if p.role == "central"]
                roles.append(
                    found.role(
                        where,
                        (*base, pick),
                        wording[pick],
                        party,
                        parties=parties,
                        others=others,
                        centrals=centrals,
                    )
                )
                break
        else:
            found.problems.append(
                region_loaded.problem(
                    (*appendix_loc, "roles"),
                    f"{loc_text((*appendix_loc, 'roles'))}: no wording for the role '{party.role}'",
                )
            )
    return TableRow(
        label,
        change.item if change and change.item else row.item,
        change.text if change and change.text else row.text,
        found.shared(tuple(roles)),
    )
