"""Fit each table's column grid to the columns its rows have after rendering, and turn a section's page
landscape when its table's loop columns would not fit upright.

A ``{%tc for %}`` loop gives a table one column per party, but Word's grid (``w:tblGrid``, which LibreOffice
reads for column widths) still lists the template's columns. The new grid starts from the widths the
template's author gave the cells of a one-column-per-cell row. When they no longer add up to the table's
width, the columns a loop made (the role columns) and the others (the 取組's item and text) are treated
differently, so that many parties stay readable:

- scaled in proportion when that leaves every other column at least ``KEEP`` (three quarters) of the width
  its author set (three parties in docgen's template);
- otherwise each other column keeps that much and the loop's columns share the rest;
- when the loop's columns would then be narrower than ``MIN_LOOP_COLUMN`` (about five characters) and the
  table is in a section of its own (not the document's first), that section's page turns landscape and its
  fitted tables take the landscape page's width, fitted by the same rule.

Parsing and writing the whole rendered part for that cost more than the rest of a render, so the compiled
template carries markers (``docgen.word.wordxml.with_table_marks``) where each table's width, grid, rows and
cells begin and where each section's properties are: after rendering, the part is split at the markers, each
cell's properties are read from the few bytes after its marker, and the grid for that shape of table is
computed once (``_fit`` is memoised by the shape: the same number of parties gives the same grid).

Reading the markers one by one still cost a sixth of a render, so what fitting does to a part is also
remembered by the part's sequence of markers (``Tables``): a render whose markers were seen before gets its
markers replaced in one slice assignment, and only the cells whose widths change are edited.
"""

from __future__ import annotations

import functools

from docgen.base.named import Named
from docgen.base.patterns import regex
from docgen.word.wordxml import MARK

# rows of cells: (span, has a span, dxa width, made by a loop)
Shape = tuple[tuple[tuple[int, bool, int | None, bool], ...], ...]

KEEP = 3 / 4
"""A column that no loop made keeps at least this share of the width its author set."""
MIN_LOOP_COLUMN = 1020
"""Twips (18 mm): narrower than this, a loop's column holds fewer than five characters of 9 points a line
beside the cell's margins, and the table's section turns landscape when it can."""

_ATTRIBUTE = regex(r"""([\w:]+)=(["'])(.*?)\2""")


class Broken(Exception):
    """The rendered part's tables do not nest: a block began in one table cell or row and ended in another."""


class _Cell(Named):
    token: int  # index of the text after the cell's marker: its w:tcPr comes first
    number: int  # its cell's number in the template's row
    span: int
    has_span: bool
    width: int | None  # the w:tcW width when its type is dxa
    width_element: tuple[int, int] | None  # where w:tcW is in that text

    def __new__(
        cls,
        token: int,
        number: int,
        span: int,
        has_span: bool,
        width: int | None,
        width_element: tuple[int, int] | None,
    ) -> _Cell:
        return tuple.__new__(cls, (token, number, span, has_span, width, width_element))


class _Open:
    """A table being read: its number in the template (None without a grid), where its width and grid go,
    its rows."""

    __slots__ = ("grid_token", "rows", "table", "width_token")

    def __init__(self, table: int | None, grid_token: int, width_token: int | None) -> None:
        self.table, self.grid_token, self.width_token = table, grid_token, width_token
        self.rows: list[list[_Cell]] = []


class Grid(Named):
    """A template table's grid as written: its columns' widths and the table's width (twips), if given."""

    widths: tuple[int, ...]
    width: int | None
    source: str  # the <w:tblGrid> element as written in the template
    width_source: str  # the <w:tblW> element as written, when the width is given in twips ("": it is not)
    landscape_width: int | None  # the table's width when its section turns landscape, if it may

    def __new__(
        cls,
        widths: tuple[int, ...],
        width: int | None,
        source: str,
        width_source: str = "",
        landscape_width: int | None = None,
    ) -> Grid:
        return tuple.__new__(cls, (widths, width, source, width_source, landscape_width))


class Page(Named):
    """A section's properties (``w:sectPr``) as written, and turned landscape (None: it stays upright)."""

    source: str
    landscape: str | None

    def __new__(cls, source: str, landscape: str | None) -> Page:
        return tuple.__new__(cls, (source, landscape))


class Fit(Named):
    """A table's new grid, its cells' widths when they change, and whether its loop columns are cramped."""

    columns: tuple[int, ...]
    cells: tuple[int, ...] | None
    cramped: bool

    def __new__(cls, columns: tuple[int, ...], cells: tuple[int, ...] | None, cramped: bool) -> Fit:
        return tuple.__new__(cls, (columns, cells, cramped))


class _Fitted(Named):
    table: _Open
    grid: Grid
    shape: Shape

    def __new__(cls, table: _Open, grid: Grid, shape: Shape) -> _Fitted:
        return tuple.__new__(cls, (table, grid, shape))


class Tables:
    """A part's tables and sections as its template wrote them, and the fit of each shape of output seen.

    What fitting does to a rendered part depends only on its markers (which tables, rows and cells it has)
    and on the properties (``w:tcPr``) that follow each cell's marker. Each cell's marker names the cell
    (``C<k>.<id>``), so when every cell's properties are written as they are in the template, with no tag in
    them (``static``), the same markers call for the same changes: those are worked out once (a ``_Plan``)
    and applied to every later render with these markers, without reading the part again.
    """

    __slots__ = ("_plans", "grids", "pages", "static")

    def __init__(self, grids: list[Grid], pages: list[Page], source: str) -> None:
        self.grids, self.pages = grids, pages
        self.static = _static_cells(source)
        self._plans: dict[tuple[str, ...], _Plan] = {}

    def fit(self, xml: str) -> str:
        """The rendered part with each table's grid fitted, landscape sections turned, the markers removed."""
        if MARK not in xml:
            return xml
        tokens = xml.split(MARK)
        if len(tokens) % 2 == 0:
            raise Broken
        markers = tuple(tokens[1::2])
        plan = self._plans.get(markers)
        if plan is None:
            plan = _plan(tokens, self.grids, self.pages)
            cells = (marker for marker in markers if marker[:1] == "C")
            if len(self._plans) < MAX_PLANS and all(cell in self.static for cell in cells):
                self._plans[markers] = plan
        tokens[1::2] = plan.markers
        for index, start, end, element in plan.widths:
            text = tokens[index]
            tokens[index] = text[:start] + element + text[end:]
        return "".join(tokens)


MAX_PLANS = 256
"""Shapes of output remembered for one part: one for each number of parties and each choice of rows."""


class _Plan(Named):
    """What fitting does to a part with these markers: what each marker becomes, and each cell width
    rewritten (the token after the cell's marker, where its w:tcW is, the new element)."""

    markers: tuple[str, ...]
    widths: tuple[tuple[int, int, int, str], ...]

    def __new__(cls, markers: tuple[str, ...], widths: tuple[tuple[int, int, int, str], ...]) -> _Plan:
        return tuple.__new__(cls, (markers, widths))


def _static_cells(source: str) -> frozenset[str]:
    """The cell markers of the template's source whose properties, as far as fitting reads them, are written
    as they are: no tag in them (nor a tag with ``{%-`` right after them, which would strip their end)."""
    static = set()
    tokens = source.split(MARK)
    for index in range(1, len(tokens) - 1, 2):
        if tokens[index][:1] != "C":
            continue
        text = tokens[index + 1]
        if not text.startswith("<w:tcPr"):
            read = text[: len("<w:tcPr")]  # what _cell reads of it
        elif "</w:tcPr>" in text:
            read = text[: text.index("</w:tcPr>") + len("</w:tcPr>")]
        else:
            read = text
        stripped = len(read) < len(text) and read[-1:].isspace()  # a {%- after it would strip its end
        if "{" not in read and not any(c in read for c in "\t\n\r\a\f") and not stripped:
            static.add(tokens[index])
    return frozenset(static)


def _plan(tokens: list[str], grids: list[Grid], pages: list[Page]) -> _Plan:
    """Read the rendered part's markers and its cells' properties; raise ``Broken`` when they do not nest."""
    tokens = list(tokens)  # the markers' replacements are written in a copy; the widths are listed
    widths: list[tuple[int, int, int, str]] = []
    stack: list[_Open] = []
    opened: dict[int, int] = {}  # a table's number → the token of its W marker, which comes before its G
    section: list[_Fitted] = []  # the fitted tables of the section being read
    for index in range(1, len(tokens), 2):
        marker = tokens[index]
        kind = marker[:1]
        if kind == "G":
            number = None if marker == "G-" else _number(marker[1:], len(grids))
            width_token = opened.pop(number, None) if number is not None else None
            stack.append(_Open(number, index, width_token))
        elif kind == "W":
            opened[_number(marker[1:], len(grids))] = index
        elif marker == "R" and stack:
            stack[-1].rows.append([])
        elif kind == "C" and stack and stack[-1].rows:
            number, _, cell = marker[1:].partition(".")
            # the cell's id in the part, which the copies a loop made share: Tables reads it
            _number(cell, 1 << 32)
            stack[-1].rows[-1].append(_cell(tokens, index + 1, _number(number, 1 << 16)))
        elif marker == "E" and stack:
            fitted = _shape(tokens, stack.pop(), grids)
            if fitted is not None:
                section.append(fitted)
        elif kind == "S":
            page = pages[_number(marker[1:], len(pages))]
            turn = page.landscape is not None and any(_cramped(item) for item in section)
            tokens[index] = page.landscape if turn and page.landscape is not None else page.source
            _write(tokens, widths, section, landscape=turn)
            section = []
            continue
        else:
            raise Broken
        if kind not in "GW":
            tokens[index] = ""
    if stack or opened:
        raise Broken
    # tables after the last section's properties (headers, …)
    _write(tokens, widths, section, landscape=False)
    return _Plan(tuple(tokens[1::2]), tuple(widths))


def _number(text: str, count: int) -> int:
    if not text.isdigit() or int(text) >= count:
        raise Broken
    return int(text)


def _cell(tokens: list[str], token: int, number: int) -> _Cell:
    text = tokens[token]
    if not text.startswith("<w:tcPr"):
        return _Cell(token, number, 1, False, None, None)
    return _Cell(token, number, *_properties(text[: max(text.find("</w:tcPr>"), 0)]))


@functools.lru_cache(maxsize=1024)
def _properties(properties: str) -> tuple[int, bool, int | None, tuple[int, int] | None]:
    """A cell's span, whether it says one, its width in twips, and where its w:tcW is: read once for each
    w:tcPr as written (the cells of one column, repeated by a loop, have the same)."""
    span, has_span, width, element = 1, False, None, None
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
    return span, has_span, width, element


def _attributes(element: str) -> dict[str, str]:
    return {name: value for name, _, value in _ATTRIBUTE.findall(element)}


def _shape(tokens: list[str], table: _Open, grids: list[Grid]) -> _Fitted | None:
    """A finished table to fit when its section is known; a table without a grid is left as it is."""
    if table.table is None:  # no grid to fit
        tokens[table.grid_token] = ""
        return None
    grid = grids[table.table]
    shape: Shape = tuple(_row_shape(row) for row in table.rows)
    return _Fitted(table, grid, shape)


def _row_shape(row: list[_Cell]) -> tuple[tuple[int, bool, int | None, bool], ...]:
    """A row's cells as its shape has them; a cell made by a loop shares its number with its copies."""
    numbers = [cell.number for cell in row]
    return tuple((c.span, c.has_span, c.width, numbers.count(c.number) > 1) for c in row)


def _cramped(item: _Fitted) -> bool:
    fit = _fit(item.grid.widths, item.grid.width, item.shape)
    return fit is not None and fit.cramped


def _write(
    tokens: list[str], widths: list[tuple[int, int, int, str]], fitted: list[_Fitted], *, landscape: bool
) -> None:
    for table, grid, shape in fitted:
        width = grid.landscape_width if landscape and grid.landscape_width is not None else grid.width
        fit = _fit(grid.widths, width, shape)
        if table.width_token is not None:
            tokens[table.width_token] = grid.width_source
        if fit is None:
            tokens[table.grid_token] = grid.source
            continue
        tokens[table.grid_token] = (
            "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{width}"/>' for width in fit.columns) + "</w:tblGrid>"
        )
        if width != grid.width and table.width_token is not None:
            tokens[table.width_token] = _set_width(grid.width_source, sum(fit.columns))
        if fit.cells is None:
            continue
        for row in table.rows:
            index = 0
            for cell in row:
                if cell.width_element is not None:
                    start, end = cell.width_element
                    element = _set_width(
                        tokens[cell.token][start:end], sum(fit.cells[index : index + cell.span])
                    )
                    widths.append((cell.token, start, end, element))
                index += cell.span


def _set_width(element: str, width: int) -> str:
    """A w:tcW (or w:tblW) element with its width and type dxa, its attributes in their order."""
    name = element[1 : element.index(" ")] if " " in element else "w:tcW"
    values = _attributes(element)
    values["w:w"] = str(width)
    values["w:type"] = "dxa"
    return f"<{name} " + " ".join(f'{key}="{value}"' for key, value in values.items()) + "/>"


@functools.lru_cache(maxsize=256)
def _fit(template: tuple[int, ...], table_width: int | None, shape: Shape) -> Fit | None:
    """The grid for a table of this shape (None: the template's grid fits as it is)."""
    if not shape:
        return None
    counts = [sum(span for span, _, _, _ in row) for row in shape]
    count = max(counts)
    plain = next(
        (row for row, n in zip(shape, counts, strict=True) if n == count and not any(c[1] for c in row)),
        None,
    )
    widths = [width for _, _, width, _ in plain if width is not None] if plain is not None else []
    # The same number of columns is not enough: three parties give the template's five (item, text, two loop
    # markers, one role), and two of the roles would be left in the markers' narrow columns.
    if count == len(template) and (len(widths) != count or widths == list(template)):
        return None
    total = table_width if table_width is not None else sum(template)
    if len(widths) != count or 0 in widths:
        widths = [1] * count
        looped = [False] * count  # nothing to go by: every column alike
    else:
        looped = [made_by_loop for _, _, _, made_by_loop in plain]  # type: ignore[union-attr]
    if abs(sum(widths) - total) <= count:  # no more than rounding to whole twips
        return Fit(tuple(widths), None, _narrowest(widths, looped) < MIN_LOOP_COLUMN)
    columns = _share(widths, looped, total)
    return Fit(columns, columns, _narrowest(columns, looped) < MIN_LOOP_COLUMN)


def _share(widths: list[int], looped: list[bool], total: int) -> tuple[int, ...]:
    """Widths that add up to ``total``: in proportion, unless that takes a column no loop made below
    ``KEEP`` of its width; then those columns keep that much (or their share, if more) and the loop's
    columns share the rest in proportion."""
    scale = total / sum(widths)
    proportional = [int(width * scale) for width in widths]
    floors = [0 if made else int(width * KEEP) for width, made in zip(widths, looped, strict=True)]
    if not any(looped) or all(p >= f for p, f in zip(proportional, floors, strict=True)):
        return tuple(proportional)
    kept = [max(p, f) for p, f in zip(proportional, floors, strict=True)]
    rest = max(total - sum(k for k, made in zip(kept, looped, strict=True) if not made), 0)
    loop_total = sum(width for width, made in zip(widths, looped, strict=True) if made)
    return tuple(
        int(width * rest / loop_total) if made else k
        for width, made, k in zip(widths, looped, kept, strict=True)
    )


def _narrowest(widths: list[int] | tuple[int, ...], looped: list[bool]) -> int:
    return min((width for width, made in zip(widths, looped, strict=True) if made), default=MIN_LOOP_COLUMN)
