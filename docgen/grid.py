"""Fit each table's column grid to the columns its rows have after rendering.

A ``{%tc for %}`` loop gives a table one column per party, but Word's grid (``w:tblGrid``, which LibreOffice
reads for column widths) still lists the template's columns. The new grid takes the widths the template's
author gave the cells of a one-column-per-cell row, scaled to the table's width when they no longer fit;
every cell's width follows.

Parsing and writing the whole rendered part for that cost more than the rest of a render, so the compiled
template carries markers (``docgen.wordxml.with_table_marks``) where each table's grid, rows and cells begin:
after rendering, the part is split at the markers, each cell's properties are read from the few bytes after
its marker, and the grid for that shape of table is computed once (``_fit`` is memoised by the shape: the
same number of parties gives the same grid).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .wordxml import MARK

Shape = tuple[tuple[tuple[int, bool, int | None], ...], ...]  # rows of cells: (span, has a span, dxa width)

_ATTRIBUTE = re.compile(r"""([\w:]+)=(["'])(.*?)\2""")


class Broken(Exception):
    """The rendered part's tables do not nest: a block began in one table cell or row and ended in another."""


class _Cell(NamedTuple):
    token: int  # index of the text after the cell's marker: its w:tcPr comes first
    span: int
    has_span: bool
    width: int | None  # the w:tcW width when its type is dxa
    width_element: tuple[int, int] | None  # where w:tcW is in that text


class _Open:
    """A table being read: its number in the template (None without a grid), where its grid goes, its rows."""

    __slots__ = ("grid_token", "rows", "table")

    def __init__(self, table: int | None, grid_token: int) -> None:
        self.table, self.grid_token = table, grid_token
        self.rows: list[list[_Cell]] = []


class Grid(NamedTuple):
    """A template table's grid as written: its columns' widths and the table's width (twips), if given."""

    widths: tuple[int, ...]
    width: int | None
    source: str  # the <w:tblGrid> element as written in the template


def fit_tables(xml: str, grids: list[Grid]) -> str:
    """The rendered part with every table's grid fitted and the markers removed."""
    if MARK not in xml:
        return xml
    tokens = xml.split(MARK)
    if len(tokens) % 2 == 0:
        raise Broken
    stack: list[_Open] = []
    for index in range(1, len(tokens), 2):
        marker = tokens[index]
        if marker[:1] == "G":
            number = None if marker == "G-" else _number(marker[1:], len(grids))
            stack.append(_Open(number, index))
        elif marker == "R" and stack:
            stack[-1].rows.append([])
        elif marker == "C" and stack and stack[-1].rows:
            stack[-1].rows[-1].append(_cell(tokens, index + 1))
        elif marker == "E" and stack:
            _finish(tokens, stack.pop(), grids)
        else:
            raise Broken
        if marker[:1] != "G":
            tokens[index] = ""
    if stack:
        raise Broken
    return "".join(tokens)


def _number(text: str, count: int) -> int:
    if not text.isdigit() or int(text) >= count:
        raise Broken
    return int(text)


def _cell(tokens: list[str], token: int) -> _Cell:
    text = tokens[token]
    span, has_span, width, element = 1, False, None, None
    if text.startswith("<w:tcPr"):
        properties = text[: max(text.find("</w:tcPr>"), 0)]
        at = properties.find("<w:gridSpan")
        if at >= 0:
            has_span = True
            value = _attributes(properties[at : properties.find(">", at) + 1]).get("w:val", "1")
            span = int(value) if value.isdigit() else 1
        at = properties.find("<w:tcW")
        if at >= 0:
            element = (at, properties.find(">", at) + 1)
            values = _attributes(properties[element[0] : element[1]])
            if values.get("w:type") == "dxa" and values.get("w:w", "").isdigit():
                width = int(values["w:w"])
    return _Cell(token, span, has_span, width, element)


def _attributes(element: str) -> dict[str, str]:
    return {name: value for name, _, value in _ATTRIBUTE.findall(element)}


def _finish(tokens: list[str], table: _Open, grids: list[Grid]) -> None:
    if table.table is None:  # no grid to fit
        tokens[table.grid_token] = ""
        return
    grid = grids[table.table]
    shape: Shape = tuple(tuple((c.span, c.has_span, c.width) for c in row) for row in table.rows)
    fitted = _fit(grid.widths, grid.width, shape)
    if fitted is None:
        tokens[table.grid_token] = grid.source
        return
    columns, cells = fitted
    tokens[table.grid_token] = (
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{width}"/>' for width in columns) + "</w:tblGrid>"
    )
    if cells is None:
        return
    for row in table.rows:
        index = 0
        for cell in row:
            if cell.width_element is not None:
                start, end = cell.width_element
                text = tokens[cell.token]
                element = _set_width(text[start:end], sum(cells[index : index + cell.span]))
                tokens[cell.token] = text[:start] + element + text[end:]
            index += cell.span


def _set_width(element: str, width: int) -> str:
    """A w:tcW element with its width and type dxa, its attributes in their order."""
    values = _attributes(element)
    values["w:w"] = str(width)
    values["w:type"] = "dxa"
    return "<w:tcW " + " ".join(f'{name}="{value}"' for name, value in values.items()) + "/>"


@functools.lru_cache(maxsize=256)
def _fit(
    template: tuple[int, ...], table_width: int | None, shape: Shape
) -> tuple[list[int], list[int] | None] | None:
    """The grid for a table of this shape (None: the template's grid fits), and the cells' widths when they
    had to be scaled to the table's width (None: the cells keep theirs)."""
    if not shape:
        return None
    counts = [sum(span for span, _, _ in row) for row in shape]
    count = max(counts)
    plain = next(
        (row for row, n in zip(shape, counts, strict=True) if n == count and not any(s for _, s, _ in row)),
        None,
    )
    widths = [width for _, _, width in plain if width is not None] if plain is not None else []
    # The same number of columns is not enough: three parties give the template's five (item, text, two loop
    # markers, one role), and two of the roles would be left in the markers' narrow columns.
    if count == len(template) and (len(widths) != count or widths == list(template)):
        return None
    total = table_width if table_width is not None else sum(template)
    if len(widths) != count or 0 in widths:
        widths = [1] * count
    if abs(sum(widths) - total) > count:  # more than rounding to whole twips
        widths = [int(width * total / sum(widths)) for width in widths]
        return widths, widths
    return widths, None
