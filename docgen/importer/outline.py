"""A Word file as an outline: its body's paragraphs and tables in order, with what recognition needs.

The package is checked first by ``docgen.word.package.read_docx`` (a zip within bounds, no macros, well-formed
XML without entities), so a damaged or hostile file is refused before its XML is parsed here. Then
``word/document.xml`` is read with lxml: each paragraph gives its text (a tab as TAB, a line break as a new
line), style name, alignment, indents, list numbering (the label Word would show, worked out from
``word/numbering.xml`` for the usual formats), page breaks before or inside it, and whether a section ends
with it; each table gives its rows of cells, with column spans and vertical merges. Paragraphs and tables
inside content controls are read as if the control were not there; text boxes, deleted text and field
codes are not read, as in the comparison the tests use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from lxml import etree

from docgen.base.errors import DocxImportError, TemplateError
from docgen.base.i18n import _
from docgen.base.ja import roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = frozenset(
    {
        f"{W}pPr",
        f"{W}rPr",
        f"{W}sdtPr",
        f"{W}sdtEndPr",
        f"{W}del",
        f"{W}moveFrom",
        f"{W}instrText",
        f"{W}delText",
        f"{W}txbxContent",
        f"{_MC}Fallback",
    }
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_T = TypeVar("_T")


@dataclass
class Paragraph:
    """A body paragraph: ``number`` counts the body's paragraphs from 1 (those in tables are not counted)."""

    number: int
    text: str  # a tab is TAB, a line break a newline; the numbering label Word shows is not in it
    style: str = ""
    label: str = ""  # the label of Word's list numbering, e.g. "(1)" or "ア", if the paragraph is numbered
    page_before: bool = False  # a page break before it (pageBreakBefore, or a break before its text)
    page_after: bool = False  # a page break after its text
    section_end: bool = False  # a section break follows it

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def where(self) -> str:
        return _("paragraph {number}").format(number=self.number)


@dataclass
class Cell:
    text: str  # its paragraphs joined by newlines
    span: int = 1  # grid columns it covers
    merged: bool = False  # a continuation of a vertically merged cell (shows nothing of its own)


@dataclass
class Table:
    """A body table: ``number`` counts the body's tables from 1; ``after`` is the number of the paragraph
    before it (0 at the start)."""

    number: int
    after: int
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def where(self) -> str:
        return _("table {number}").format(number=self.number)

    def grid_rows(self) -> list[list[str]]:
        """Each row as the texts of its grid columns: a cell spanning k columns, then k-1 empty ones; a
        merged continuation cell is empty."""
        result = []
        for row in self.rows:
            cells: list[str] = []
            for cell in row:
                cells.append("" if cell.merged else cell.text)
                cells.extend([""] * (cell.span - 1))
            result.append(cells)
        return result


Block = Paragraph | Table


def read_outline(data: bytes, source: Path | str) -> list[Block]:
    """The body of the .docx in ``data`` as paragraphs and tables; raises ``DocxImportError`` for a file
    that is not a .docx, is locked with a password, or is damaged."""
    from docgen.word.package import read_docx

    try:
        package = read_docx(data, str(source), template=False)
    except TemplateError as error:
        # read_docx names a template; here the file is the document being imported
        message = str(error)
        prefix = f"{source}: "
        raise DocxImportError(
            source=source, message=message[len(prefix) :] if message.startswith(prefix) else message
        ) from None
    document = _parse(package.xml["word/document.xml"], source, "word/document.xml")
    body = document.find(f"{W}body")
    if body is None:
        raise DocxImportError(source=source, message=_("not a Word document: word/document.xml has no body"))
    styles = _Styles(package.xml.get("word/styles.xml"), source)
    numbering = _Numbering(package.xml.get("word/numbering.xml"), source)
    reader = _Reader(styles, numbering)
    reader.blocks_of(body)
    return reader.blocks


def _parse(xml: bytes, source: Path | str, part: str) -> etree._Element:
    try:
        return etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as error:  # read_docx checked it with expat; lxml may still disagree
        raise DocxImportError(
            source=source, message=_("cannot be read ({part}: {reason})").format(part=part, reason=error)
        ) from None


def _val(element: etree._Element | None, name: str = "val") -> str | None:
    return None if element is None else element.get(f"{W}{name}")


def _on(element: etree._Element | None) -> bool | None:
    """A Word on/off property: absent → None, <w:x/> or val true/1/on → True, val false/0/off → False."""
    if element is None:
        return None
    return element.get(f"{W}val", "true").lower() not in ("false", "0", "off")


def _twips(value: str | None) -> int:
    try:
        return int(float(value)) if value else 0
    except ValueError:
        return 0


class _Styles:
    """Paragraph styles: name, and what a paragraph inherits from them (page break before, numbering)."""

    def __init__(self, xml: bytes | None, source: Path | str) -> None:
        self.names: dict[str, str] = {}
        self._based: dict[str, str] = {}
        self._page_before: dict[str, bool] = {}
        self._numbering: dict[str, tuple[str | None, int | None]] = {}
        self.default = ""
        if xml is None:
            return
        root = _parse(xml, source, "word/styles.xml")
        for style in root.iterchildren(f"{W}style"):
            if style.get(f"{W}type") != "paragraph":
                continue
            style_id = style.get(f"{W}styleId", "")
            self.names[style_id] = _val(style.find(f"{W}name")) or style_id
            if style.get(f"{W}default") in ("1", "true", "on"):
                self.default = style_id
            based = _val(style.find(f"{W}basedOn"))
            if based:
                self._based[style_id] = based
            ppr = style.find(f"{W}pPr")
            if ppr is not None:
                page = _on(ppr.find(f"{W}pageBreakBefore"))
                if page is not None:
                    self._page_before[style_id] = page
                num = ppr.find(f"{W}numPr")
                if num is not None:
                    self._numbering[style_id] = (_val(num.find(f"{W}numId")), _int(num.find(f"{W}ilvl")))

    def _chain(self, style_id: str) -> list[str]:
        chain: list[str] = []
        while style_id and style_id not in chain and len(chain) < 32:
            chain.append(style_id)
            style_id = self._based.get(style_id, "")
        return chain

    def _inherited(self, values: dict[str, _T], style_id: str, default: _T) -> _T:
        """The value the style (or the default style) sets, or the nearest one it is based on; else
        ``default``."""
        for sid in self._chain(style_id or self.default):
            if sid in values:
                return values[sid]
        return default

    def page_before(self, style_id: str) -> bool:
        return self._inherited(self._page_before, style_id, False)

    def numbering(self, style_id: str) -> tuple[str | None, int | None]:
        return self._inherited(self._numbering, style_id, (None, None))


def _int(element: etree._Element | None) -> int | None:
    value = _val(element)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# Word's number formats that agreements use, and how the n-th label reads
_KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def format_number(kind: str, n: int) -> str:
    """The n-th number in one of Word's numbering formats (w:numFmt); an unknown format gives digits."""
    if kind in ("aiueo", "aiueoFullWidth") and n <= len(_KANA):
        return _KANA[n - 1]
    if kind in ("iroha", "irohaFullWidth") and n <= len(_IROHA):
        return _IROHA[n - 1]
    if kind == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if kind == "upperLetter":
        return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if kind == "lowerRoman":
        return roman(n)
    if kind == "upperRoman":
        return roman(n).upper()
    if kind in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_DIGITS)
    if kind == "decimalEnclosedCircle" and n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if kind == "none":
        return ""
    return str(n)


class _Numbering:
    """Word's list numbering: the label a numbered paragraph shows, counted as Word counts it."""

    def __init__(self, xml: bytes | None, source: Path | str) -> None:
        self._levels: dict[
            str, dict[int, tuple[str, str, int]]
        ] = {}  # abstract id → level → (fmt, text, start)
        self._abstract: dict[str, str] = {}  # num id → abstract id
        self._overrides: dict[str, dict[int, int]] = {}  # num id → level → start
        self._counters: dict[str, list[int]] = {}
        if xml is None:
            return
        root = _parse(xml, source, "word/numbering.xml")
        for abstract in root.iterchildren(f"{W}abstractNum"):
            levels = {}
            for level in abstract.iterchildren(f"{W}lvl"):
                index = _twips(level.get(f"{W}ilvl"))
                levels[index] = (
                    _val(level.find(f"{W}numFmt")) or "decimal",
                    _val(level.find(f"{W}lvlText")) or "",
                    _int(level.find(f"{W}start")) or 1,
                )
            self._levels[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in root.iterchildren(f"{W}num"):
            num_id = num.get(f"{W}numId", "")
            self._abstract[num_id] = _val(num.find(f"{W}abstractNumId")) or ""
            for override in num.iterchildren(f"{W}lvlOverride"):
                start = _int(override.find(f"{W}startOverride"))
                if start is not None:
                    level = _twips(override.get(f"{W}ilvl"))
                    self._overrides.setdefault(num_id, {})[level] = start

    def label(self, num_id: str | None, level: int | None) -> str:
        if not num_id or num_id == "0":
            return ""
        levels = self._levels.get(self._abstract.get(num_id, ""), {})
        level = level or 0
        if level not in levels:
            return ""
        # Word counts per abstract list, restarting deeper levels when a shallower one advances
        key = self._abstract.get(num_id, num_id)
        counters = self._counters.setdefault(key, [0] * 9)
        starts = {lvl: self._overrides.get(num_id, {}).get(lvl, spec[2]) for lvl, spec in levels.items()}
        if counters[level] == 0:
            counters[level] = starts.get(level, 1)
        else:
            counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        fmt, text, _start = levels[level]
        for index in range(level, -1, -1):
            if f"%{index + 1}" in text:
                shown = counters[index] or starts.get(index, 1)
                number = format_number(levels.get(index, (fmt, "", 1))[0], shown)
                text = text.replace(f"%{index + 1}", number)
        return text


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles, self.numbering = styles, numbering
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0

    def blocks_of(self, container: etree._Element) -> None:
        for child in _children(container, f"{W}p", f"{W}tbl"):
            if child.tag == f"{W}p":
                self.paragraph(child)
            else:
                self.table(child)

    def paragraph(self, element: etree._Element) -> None:
        self.paragraphs += 1
        ppr = element.find(f"{W}pPr")
        style_id = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
        style_id = style_id or self.styles.default
        text, page_before, page_after = _paragraph_text(element)
        paragraph = Paragraph(number=self.paragraphs, text=text, style=self.styles.names.get(style_id, ""))
        paragraph.page_before = page_before or self.styles.page_before(style_id)
        paragraph.page_after = page_after
        num_id, level = self.styles.numbering(style_id)
        if ppr is not None:
            page = _on(ppr.find(f"{W}pageBreakBefore"))
            if page is not None:
                paragraph.page_before = page or page_before
            num = ppr.find(f"{W}numPr")
            if num is not None:
                num_id = _val(num.find(f"{W}numId"))
                level = _int(num.find(f"{W}ilvl"))
            paragraph.section_end = ppr.find(f"{W}sectPr") is not None
        paragraph.label = self.numbering.label(num_id, level)
        self.blocks.append(paragraph)

    def table(self, element: etree._Element) -> None:
        self.tables += 1
        table = Table(number=self.tables, after=self.paragraphs)
        for row in _children(element, f"{W}tr"):
            cells = []
            for cell in _children(row, f"{W}tc"):
                tcpr = cell.find(f"{W}tcPr")
                span = _int(tcpr.find(f"{W}gridSpan")) if tcpr is not None else None
                merge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                merged = merge is not None and merge.get(f"{W}val", "continue") == "continue"
                cells.append(Cell(text="\n".join(_cell_texts(cell)), span=max(span or 1, 1), merged=merged))
            table.rows.append(cells)
        self.blocks.append(table)


def _children(element: etree._Element, *tags: str):
    """The children of ``element`` with one of ``tags``, in order; those inside content controls (w:sdt)
    and custom XML are read as if the control were not there."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            inner = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if inner is not None:
                yield from _children(inner, *tags)


def _cell_texts(cell: etree._Element):
    for block in _children(cell, f"{W}p", f"{W}tbl"):
        if block.tag == f"{W}p":
            yield _paragraph_text(block)[0]
        else:  # a nested table: its cells' paragraphs in order
            for row in _children(block, f"{W}tr"):
                for inner in _children(row, f"{W}tc"):
                    yield from _cell_texts(inner)


def _paragraph_text(paragraph: etree._Element) -> tuple[str, bool, bool]:
    """(text, a page break before any text, a page break after text)."""
    parts: list[str] = []
    breaks = {"before": False, "after": False}

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                parts.append("\t")
            elif tag == f"{W}br":
                kind = child.get(f"{W}type", "textWrapping")
                if kind == "page":
                    breaks["after" if "".join(parts).strip() else "before"] = True
                elif kind != "column":
                    parts.append("\n")
            elif tag == f"{W}cr":
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("\u2011")
            elif tag not in _SKIP:
                walk(child)

    walk(paragraph)
    return "".join(parts), breaks["before"], breaks["after"]
