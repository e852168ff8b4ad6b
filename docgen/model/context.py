"""Records → what the agreement template prints: the parties with their labels and heads, the articles with
their 項 and 号 numbered, references to articles by number, and the 別表 rows with each party's role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from docgen.base import ja
from docgen.base.chars import by_nfc, nfc
from docgen.base.i18n import _
from docgen.base.printed import Party, TableRow, article_line, literal_appendix
from docgen.model.fields import Collector
from docgen.model.heads import head_in_office, no_head_message, signer
from docgen.model.loader import Loaded
from docgen.model.records import (
    ITEM_LABELS,
    Agreement,
    Appendix,
    Article,
    Municipality,
    Region,
    Row,
)
from docgen.model.resolved import (
    Mode,
)
from docgen.model.spec import loc_text

ITEM_LABELS_DEFAULT = ("(1)", "ア", "(ア)", "a", "(a)")  # 号, then the usual ladder of 公用文
assert set(ITEM_LABELS_DEFAULT) <= set(ITEM_LABELS)


def parties(
    loaded: Loaded,
    agreement: Agreement,
    towns: dict[str, Municipality],
    day: dt.date | None,
    mode: Mode,
    found: Collector,
    called_by_name: bool = False,
    towns_file: str = "municipalities.yaml",
    warnings: list[str] | None = None,
) -> list[Party]:
    """The parties as the documents print them; on a day municipalities.yaml shows no head in office, a
    final or published document is refused and a draft prints the name blank, with a warning."""
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
            if hint:
                message = _(
                    "parties[{index}]: unknown municipality '{name}' (did you mean '{hint}'?); if it is "
                    "new, add its entry (address, title, heads) to {towns}, or let "
                    "`docgen new --new-municipality` add one to fill in"
                )
            else:
                message = _(
                    "parties[{index}]: unknown municipality '{name}': add its entry (address, title, heads) "
                    "to {towns}, or let `docgen new --new-municipality` add one to fill in"
                )
            message = message.format(
                index=index, name=ref.name, hint=hint[0] if hint else "", towns=towns_file
            )
            found.problems.append(loaded.problem(loc, message))
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
        head = head_in_office(town, day) if day else None
        if head is None and day is not None:
            message = _("parties[{index}]: {message}").format(
                index=index, message=no_head_message(key, town, day)
            )
            if mode != "draft":
                found.problems.append(loaded.problem(loc, message))
            elif warnings is not None:
                blank = _("{message}; the draft leaves the name blank").format(message=message)
                warnings.append(str(loaded.problem(loc, blank)))
        parties.append(
            Party(
                label=label,
                name=key,
                address=town.address,
                title=town.title,
                head=head.name if head is not None else "",
                role=role,
                called=key if called_by_name else label,
                signer=signer(town, head),
            )
        )
    names = [nfc(r.name) for r in agreement.parties]
    for index, ref in enumerate(agreement.parties):
        if names.index(names[index]) != index:
            found.problems.append(
                loaded.problem(
                    ("parties", index, "name"),
                    _("parties[{index}]: '{name}' is already a party").format(index=index, name=ref.name),
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

            if self._numbers:
                message = _("no article named '{name}' (articles with a name: {known})")
            else:
                message = _("no article named '{name}' (articles with a name: none: give an article an 'id')")
            raise UndefinedError(message.format(name=name, known=", ".join(self._numbers))) from None

    def __getitem__(self, name: str) -> str:
        return self.__getattr__(name)


def references(articles: list[Article], where: Loaded, found: Collector) -> References:
    numbers: dict[str, str] = {}
    for index, article in enumerate(articles):
        if article.id is None:
            continue
        if article.id in numbers:
            message = _("articles[{index}].id: '{id}' names another article already").format(
                index=index, id=article.id
            )
            found.problems.append(where.problem(("articles", index, "id"), message))
            continue
        numbers[article.id] = ja.article_number(index + 1)
    return References(numbers)


def articles(
    articles: list[Article],
    where: Loaded,
    region: Region,
    parties: list[Party],
    ref: References,
    found: Collector,
) -> list[dict[str, Any]]:
    styles = region.item_labels or list(ITEM_LABELS_DEFAULT)

    def render(loc: tuple, source: str) -> str:
        return found.text(where, loc, source, parties=parties, ref=ref)

    def add_items(lines: list[dict[str, Any]], items: list, loc: tuple, level: int) -> None:
        if level > len(styles):
            message = _("{field}: items nested {level} deep, and item_labels labels {count} levels").format(
                field=loc_text(loc), level=level, count=len(styles)
            )
            found.problems.append(where.problem(loc, message))
            return
        for position, item in enumerate(items, start=1):
            at = (*loc, position - 1)
            try:
                label = ja.item_label(styles[level - 1], position)
            except ValueError as error:
                found.problems.append(
                    where.problem(at, _("{field}: {message}").format(field=loc_text(at), message=error))
                )
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


def appendices(
    agreement: Agreement,
    region: Region,
    loaded: Loaded,
    region_loaded: Loaded,
    parties: list[Party],
    ref: References,
    found: Collector,
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
            cells = [
                [
                    found.text(region_loaded, (*loc, "table", r, c), cell, parties=parties, ref=ref)
                    for c, cell in enumerate(row)
                ]
                for r, row in enumerate(appendix.table)
            ]
            result.append(literal_appendix(title, cells, header_rows))
            continue
        structured = _appendix(
            agreement, appendix, loc, prefix, changes, loaded, region_loaded, parties, found, ref
        )
        result.append({**structured, "title": title, "table": [], "header_rows": 0})
    for key in changes.values():
        found.problems.append(
            loaded.problem(
                ("rows", key),
                _("rows: no 別表 row '{key}' (rows are named like 1ア or 3(1)イ)").format(key=key),
                key=True,
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
    found: Collector,
    ref: References,
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
                        _(
                            "{field}: {count} rows, and rows are labelled ア to ワ: at most {most}; divide "
                            "the field into sections (1), (2), … ('sections:')"
                        ).format(field=loc_text(loc), count=len(rows), most=len(ja.KANA_LABELS)),
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
                        ref,
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
    found: Collector,
    ref: References,
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
                        _("roles: '{key}' is neither a role (central, partner) nor a party's label").format(
                            key=role_key
                        ),
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
                    _("{field}: no wording for the role '{role}'").format(
                        field=loc_text((*appendix_loc, "roles")), role=party.role
                    ),
                )
            )
    # the region's 取組 may name the parties ({{ parties[1].name }}); an agreement's own wording is text
    item = (
        change.item
        if change and change.item
        else found.text(region_loaded, (*loc, "item"), row.item, parties=parties, ref=ref)
    )
    text = (
        change.text
        if change and change.text
        else found.text(region_loaded, (*loc, "text"), row.text, parties=parties, ref=ref)
    )
    return TableRow(label, item, text, found.shared(tuple(roles)))
