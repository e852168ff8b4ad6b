"""Reading and writing the texts and rows of a 別表, for docgen's applier of 改め文 (``apply``).

Pure functions over ``text.Appendix`` and ``text.Table``; a place that does not exist raises ``LookupError``
with a sentence that ``apply`` reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

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


RowsChange = Callable[[tuple[Row, ...], int], tuple[Row, ...]]


def change_rows(appendix: AnyAppendix, field: str, group: str, label: str, change: RowsChange) -> Appendix:
    """``appendix`` with the rows of the sub-field holding row ``label`` of field ``field`` and sub-field
    ``group`` ("" when the field has none) changed by ``change(rows, index of that row)``."""
    if not isinstance(appendix, Appendix):
        raise LookupError(_("the 別表 is a table of text, without rows of 取組"))
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


def row_texts(appendix: AnyAppendix, field: str, group: str, label: str) -> list[str]:
    """The texts of one row that a phrase may be in: its item, text and roles."""
    found: list[str] = []

    def take(rows: tuple[Row, ...], at: int) -> tuple[Row, ...]:
        found.extend([rows[at].item, rows[at].text, *rows[at].roles])
        return rows

    change_rows(appendix, field, group, label, take)
    return found


def with_row_texts(appendix: AnyAppendix, field: str, group: str, label: str, texts: list[str]) -> Appendix:
    def put(rows: tuple[Row, ...], at: int) -> tuple[Row, ...]:
        row = replace(rows[at], item=texts[0], text=texts[1], roles=tuple(texts[2:]))
        return (*rows[:at], row, *rows[at + 1 :])

    return change_rows(appendix, field, group, label, put)


def duplicate_labels(appendix: AnyAppendix) -> str | None:
    """A sub-field where two rows have one label, as 「1の項」, or None."""
    for field_ in getattr(appendix, "fields", ()):
        for group in field_.groups:
            labels = [row.label for row in group.rows]
            if len(labels) != len(set(labels)):
                return f"{field_.number}の項{group.number or ''}"
    return None
