"""Reading and writing the texts and rows of a 別表, for docgen's applier of 改め文 (``apply``).

Pure functions over ``text.Appendix`` and ``text.Table``; a place that does not exist raises ``LookupError``
with a sentence that ``apply`` reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from docgen.amend.text import AnyAppendix, Appendix, AppendixField, Group, Row, Table
from docgen.base.i18n import _


def appendix_strings(appendix: AnyAppendix) -> list[str]:
    """Every text a phrase of 「別表中」 may be in, in order."""
    if isinstance(appendix, Table):
        return [appendix.title, *(cell for row in appendix.rows for cell in row)]
    strings = [appendix.title, appendix.heading]
    for field_ in appendix.fields:
        strings.append(field_.title)
        for group in field_.groups:
            strings.append(group.title or "")
            for row in group.rows:
                strings += [row.item, row.text, *row.roles]
    return strings


def with_string(appendix: AnyAppendix, index: int, value: str) -> AnyAppendix:
    """``appendix`` with its ``index``-th text (as ``appendix_strings`` counts) set to ``value``."""
    strings = appendix_strings(appendix)
    strings[index] = value
    it = iter(strings)
    if isinstance(appendix, Table):
        title = next(it)
        rows = tuple(tuple(next(it) for _ in row) for row in appendix.rows)
        return replace(appendix, title=title, rows=rows)
    title, heading = next(it), next(it)
    fields = []
    for field_ in appendix.fields:
        field_title = next(it)
        groups = []
        for group in field_.groups:
            group_title = next(it)
            rows_ = tuple(
                Row(row.label, next(it), next(it), tuple(next(it) for _ in row.roles)) for row in group.rows
            )
            groups.append(Group(group.number, group_title if group.title is not None else None, rows_))
        fields.append(AppendixField(field_.number, field_title, tuple(groups)))
    return replace(appendix, title=title, heading=heading, fields=tuple(fields))


RowsChange = Callable[[tuple[Any, ...], int], tuple[Any, ...]]
"""A change of the rows of one sub-field (``Row``) or of a table of text (tuples of cells), given the index
of the row a sentence names."""


def change_rows(appendix: AnyAppendix, field: str, group: str, label: str, change: RowsChange) -> AnyAppendix:
    """``appendix`` with the rows of the sub-field holding row ``label`` of field ``field`` and sub-field
    ``group`` ("" when the field has none) changed by ``change(rows, index of that row)``; of a table of
    text, its rows changed at the row whose first cell is ``field`` (「別表第2のアの項」)."""
    if isinstance(appendix, Table):
        at = [k for k, row in enumerate(appendix.rows) if row and row[0] == field]
        if group or label or len(at) != 1:
            raise LookupError(
                _("{name}の項 names {count} rows").format(name=field + group + label, count=len(at))
            )
        return replace(appendix, rows=tuple(change(appendix.rows, at[0])))
    if not label:
        raise LookupError(_("{field}の項{group} names a field, not a row").format(field=field, group=group))
    fields = []
    found = 0
    for field_ in appendix.fields:
        groups = []
        for g in field_.groups:
            if field_.number == field and (g.number or "") == group:
                at = [k for k, row in enumerate(g.rows) if row.label == label]
                found += len(at)
                if len(at) == 1:
                    g = replace(g, rows=change(g.rows, at[0]))
            groups.append(g)
        fields.append(replace(field_, groups=tuple(groups)))
    if found != 1:
        raise LookupError(
            _("{field}の項{group}{label} names {count} rows").format(
                field=field, group=group, label=label, count=found
            )
        )
    return replace(appendix, fields=tuple(fields))


def _slots(appendix: Appendix, field: str, group: str) -> list[tuple[int, str]]:
    """The texts of a field (``group`` "") or of one of its sub-fields, which 「別表1の項中」 and
    「別表3の項(1)中」 name: (where each is among ``appendix_strings``, the label it is printed after). A
    title is read as its line prints it, 「1　圏域全体の経済成長のけん引」, so that a quote may hold the
    label where the title alone is not unique in the field."""
    at = 2
    for field_ in appendix.fields:
        slots = [(at, f"{field_.number}\u3000")]
        at += 1
        for g in field_.groups:
            size = sum(2 + len(row.roles) for row in g.rows)
            label = f"{g.number}\u3000" if g.number and g.title is not None else ""
            own = [(at, label), *((k, "") for k in range(at + 1, at + 1 + size))]
            if field_.number == field and group and (g.number or "") == group:
                return own
            slots += own
            at += 1 + size
        if field_.number == field and not group:
            return slots
    raise LookupError(_("there is no {field}の項{group}").format(field=field, group=group))


def row_texts(appendix: AnyAppendix, field: str, group: str, label: str) -> list[str]:
    """The texts of one row that a phrase may be in: its item, text and roles (a table of text: its
    cells); without ``label``, those of a whole field or sub-field, its titles included."""
    if isinstance(appendix, Appendix) and not label:
        strings = appendix_strings(appendix)
        return [prefix + strings[k] for k, prefix in _slots(appendix, field, group)]
    found: list[str] = []

    def take(rows: tuple[Any, ...], at: int) -> tuple[Any, ...]:
        row = rows[at]
        found.extend(list(row) if isinstance(row, tuple) else [row.item, row.text, *row.roles])
        return rows

    change_rows(appendix, field, group, label, take)
    return found


def with_row_texts(
    appendix: AnyAppendix, field: str, group: str, label: str, texts: list[str]
) -> AnyAppendix:
    if isinstance(appendix, Appendix) and not label:
        for (k, prefix), text in zip(_slots(appendix, field, group), texts, strict=True):
            if not text.startswith(prefix):
                raise LookupError(_("the label 「{label}」 is changed").format(label=prefix.strip()))
            appendix = with_string(appendix, k, text.removeprefix(prefix))
        return appendix

    def put(rows: tuple[Any, ...], at: int) -> tuple[Any, ...]:
        if isinstance(rows[at], tuple):
            row: Any = tuple(texts)
        else:
            row = replace(rows[at], item=texts[0], text=texts[1], roles=tuple(texts[2:]))
        return (*rows[:at], row, *rows[at + 1 :])

    return change_rows(appendix, field, group, label, put)


def column_texts(appendix: AnyAppendix, column: str) -> list[str]:
    """The column of 取組 that 「別表の取組の欄中」 names by its heading: the heading, then each row's
    label and item as printed (「エ　戦略的な観光施策の展開」)."""
    if not isinstance(appendix, Appendix) or appendix.heading != column:
        raise LookupError(_("there is no {column}の欄").format(column=column))
    rows = [row for field_ in appendix.fields for group in field_.groups for row in group.rows]
    return [appendix.heading, *(f"{row.label}\u3000{row.item}" for row in rows)]


def with_column_texts(appendix: AnyAppendix, column: str, texts: list[str]) -> Appendix:
    assert isinstance(appendix, Appendix)
    it = iter(texts[1:])

    def item(row: Row) -> Row:
        printed = next(it)
        if not printed.startswith(f"{row.label}\u3000"):
            raise LookupError(_("the label 「{label}」 is changed").format(label=row.label))
        return replace(row, item=printed.removeprefix(f"{row.label}\u3000"))

    fields = tuple(
        replace(f, groups=tuple(replace(g, rows=tuple(item(r) for r in g.rows)) for g in f.groups))
        for f in appendix.fields
    )
    return replace(appendix, heading=texts[0], fields=fields)


def duplicate_labels(appendix: AnyAppendix) -> str | None:
    """A sub-field where two rows have one label, as 「1の項」, or None."""
    for field_ in getattr(appendix, "fields", ()):
        for group in field_.groups:
            labels = [row.label for row in group.rows]
            if len(labels) != len(set(labels)):
                return f"{field_.number}の項{group.number or ''}"
    return None
