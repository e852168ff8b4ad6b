"""Read the text of a generated .docx back, and compare it with a reference text.

The comparison follows ``/work/shared/reference/README.md`` ("How a generated .docx is compared with it"):

1. The body is read in document order. A paragraph is one line: the text of its runs, where a tab or a line
   break counts as a space. A table row is one line: its cells' texts joined by TAB; a cell spanning k
   grid columns gives its text followed by k−1 empty cells; a vertically merged continuation cell gives an
   empty cell.
2. Spaces (U+0020) and ideographic spaces (U+3000) are deleted from every line; empty lines are dropped.
3. Everything before the line ``別表（第3条関係）`` is prose, compared as one stream of characters
   without line breaks and TABs, so the cover, articles and signature block may be laid out freely.
4. From that line on, lines are compared one by one, TABs included.

Text in text boxes, shapes, headers and footers is not part of the body text. The XML is read with lxml
directly: python-docx's ``row.cells`` repeats a merged cell once per grid column, which is not rule 1.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

APPENDIX_MARKER = "別表（第3条関係）"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P = f"{_W}p"
_TBL = f"{_W}tbl"
_TR = f"{_W}tr"
_TC = f"{_W}tc"
_T = f"{_W}t"
_SDT = f"{_W}sdt"
_SDT_CONTENT = f"{_W}sdtContent"
_CUSTOM_XML = f"{_W}customXml"
_TXBX_CONTENT = f"{_W}txbxContent"
_FALLBACK = f"{_MC}Fallback"

# Run content that reads as one space (rule 1: "a tab or line break inside it counts as a space").
_SPACE_TAGS = frozenset({f"{_W}tab", f"{_W}ptab", f"{_W}br", f"{_W}cr"})
# Subtrees of a paragraph that hold no text of the paragraph itself: properties (w:pPr holds tab-stop
# definitions named w:tab), deleted or moved-away revisions, text boxes (not read, per the README) and the
# mc:Fallback copy of a drawing whose mc:Choice is already there.
_SKIP_TAGS = frozenset(
    {
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}sdtPr",
        f"{_W}sdtEndPr",
        f"{_W}del",
        f"{_W}moveFrom",
        _TXBX_CONTENT,
        _FALLBACK,
    }
)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def _read_part(docx: bytes | Path, pattern: str) -> list[tuple[str, bytes]]:
    """The parts of the package whose names match ``pattern`` (a regular expression), as (name, bytes)."""
    source = io.BytesIO(docx) if isinstance(docx, bytes) else docx
    with zipfile.ZipFile(source) as package:
        return [(name, package.read(name)) for name in package.namelist() if re.fullmatch(pattern, name)]


def _document_body(docx: bytes | Path) -> etree._Element:
    parts = _read_part(docx, r"word/document\.xml")
    if not parts:
        raise ValueError("not a Word document: no word/document.xml in the package")
    body = etree.fromstring(parts[0][1], _PARSER).find(f"{_W}body")
    if body is None:
        raise ValueError("word/document.xml has no w:body")
    return body


def _content(element: etree._Element, tags: frozenset[str]) -> Iterator[etree._Element]:
    """Children of ``element`` with one of ``tags``, looking through content controls and custom XML."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag == _SDT:
            sdt_content = child.find(_SDT_CONTENT)
            if sdt_content is not None:
                yield from _content(sdt_content, tags)
        elif child.tag == _CUSTOM_XML:
            yield from _content(child, tags)


_BLOCKS = frozenset({_P, _TBL})


def _paragraph_text(paragraph: etree._Element) -> str:
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            if child.tag == _T:
                parts.append(child.text or "")
            elif child.tag in _SPACE_TAGS:
                parts.append(" ")
            elif child.tag not in _SKIP_TAGS:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _cell_paragraphs(cell: etree._Element) -> Iterator[str]:
    """The texts of a cell's paragraphs in order, those of a nested table included."""
    for block in _content(cell, _BLOCKS):
        if block.tag == _P:
            yield _paragraph_text(block)
        else:
            for row in _content(block, frozenset({_TR})):
                for inner in _content(row, frozenset({_TC})):
                    yield from _cell_paragraphs(inner)


def _row_cells(row: etree._Element) -> Iterator[str]:
    for cell in _content(row, frozenset({_TC})):
        properties = cell.find(f"{_W}tcPr")
        span = 1
        text: str | None = None
        if properties is not None:
            grid_span = properties.find(f"{_W}gridSpan")
            if grid_span is not None:
                span = int(grid_span.get(f"{_W}val", "1"))
            v_merge = properties.find(f"{_W}vMerge")
            if v_merge is not None and v_merge.get(f"{_W}val", "continue") == "continue":
                text = ""
        yield " ".join(_cell_paragraphs(cell)) if text is None else text
        yield from [""] * (span - 1)


def _block_lines(container: etree._Element) -> Iterator[str]:
    for block in _content(container, _BLOCKS):
        if block.tag == _P:
            yield _paragraph_text(block)
        else:
            for row in _content(block, frozenset({_TR})):
                yield "\t".join(_row_cells(row))


def body_lines(docx: bytes | Path) -> list[str]:
    """The lines of the document body in document order (rule 1 of the reference README).

    A paragraph is one line: the text of its runs, with a tab or a line break as a space; deleted text,
    field codes and text boxes are left out. A table row is one line: its cells' texts joined by TAB. A cell's
    text is its paragraphs' texts joined by a space (a nested table's paragraphs included, in order); a cell
    spanning k grid columns is followed by k−1 empty cells; a vertically merged continuation cell
    (``w:vMerge`` without a value or with ``continue``) is an empty cell whatever it holds. Paragraphs and
    tables inside block-level content controls (``w:sdt``) are read as if the control were not there.
    Grid columns skipped by ``w:gridBefore``/``w:gridAfter`` are not cells and give nothing.

    ``docx`` is the document's bytes or the path of a .docx file. The lines are not normalised.
    """
    return list(_block_lines(_document_body(docx)))


# Run content that ends a line inside a paragraph (a tab does not: it stays a space).
_BREAK_TAGS = frozenset({f"{_W}br", f"{_W}cr"})


def _paragraph_breaks(paragraph: etree._Element) -> list[str]:
    """A paragraph's text split at its line breaks: joined by spaces, it is ``_paragraph_text``."""
    lines = [""]

    def walk(element: etree._Element) -> None:
        for child in element:
            if child.tag == _T:
                lines[-1] += child.text or ""
            elif child.tag in _BREAK_TAGS:
                lines.append("")
            elif child.tag in _SPACE_TAGS:
                lines[-1] += " "
            elif child.tag not in _SKIP_TAGS:
                walk(child)

    walk(paragraph)
    return lines


def paragraph_lines(docx: bytes | Path) -> list[list[str]]:
    """``body_lines`` with each paragraph split at its line breaks: the lines a paragraph shows on the page.

    Item i belongs to ``body_lines(docx)[i]``: a paragraph gives its text cut at each ``w:br`` and ``w:cr``
    (a tab still reads as a space), so that ``" ".join(item)`` is that body line; a table row gives a list of
    its one line. Not part of the reference comparison, which reads a line break as a space; for tests that
    check what stands on a line of its own inside a paragraph, such as a party's name in its signature block.
    """
    result: list[list[str]] = []
    for block in _content(_document_body(docx), _BLOCKS):
        if block.tag == _P:
            result.append(_paragraph_breaks(block))
        else:
            result.extend(["\t".join(_row_cells(row))] for row in _content(block, frozenset({_TR})))
    return result


def document_text(docx: bytes | Path) -> str:
    """All body lines joined by newlines, not normalised: for simple ``in`` assertions."""
    return "\n".join(body_lines(docx))


def header_texts(docx: bytes | Path) -> list[str]:
    """The text of each header part (``word/header1.xml``, ``word/header2.xml``, … in number order).

    A header's text is its paragraphs' texts joined by newlines, text boxes and table cells included (each
    paragraph its own line), so that a mark drawn in a shape is found too.
    """
    parts = _read_part(docx, r"word/header\d*\.xml")
    parts.sort(key=lambda part: int(re.sub(r"\D", "", part[0]) or 0))
    texts = []
    for _name, xml in parts:
        root = etree.fromstring(xml, _PARSER)
        paragraphs = (p for p in root.iter(_P) if not any(a.tag == _FALLBACK for a in p.iterancestors()))
        texts.append("\n".join(_paragraph_text(p) for p in paragraphs))
    return texts


def normalise(lines: Iterable[str]) -> list[str]:
    """Rule 2: delete spaces (U+0020) and ideographic spaces (U+3000) in every line; drop empty lines.

    TABs stay, so a table row of empty cells is not an empty line.
    """
    stripped = (line.replace(" ", "").replace("\u3000", "") for line in lines)
    return [line for line in stripped if line]


def split_at_appendix(lines: Iterable[str], marker: str = APPENDIX_MARKER) -> tuple[str, list[str]]:
    """Rules 3 and 4: (prose, appendix lines) of normalised ``lines``.

    The prose is every line before the first line equal to ``marker``, joined without line breaks and with
    TABs removed; the appendix is the marker line and all lines after it, TABs kept. Without a marker line
    everything is prose and the appendix is empty.
    """
    lines = list(lines)
    at = lines.index(marker) if marker in lines else len(lines)
    return "".join(lines[:at]).replace("\t", ""), lines[at:]


_CONTEXT = 30


def _excerpt(text: str, at: int) -> str:
    """``text`` around position ``at``, with ▶ just before the character at ``at``."""
    start = max(0, at - _CONTEXT)
    before = ("…" if start > 0 else "") + text[start:at]
    after = text[at : at + _CONTEXT] + ("…" if at + _CONTEXT < len(text) else "")
    return f"{before}▶{after or '(end)'}"


def _prose_difference(document: str, reference: str) -> str | None:
    if document == reference:
        return None
    at = next(
        (i for i, (a, b) in enumerate(zip(document, reference, strict=False)) if a != b),
        min(len(document), len(reference)),
    )
    return (
        f"prose differs at character {at + 1} "
        f"(document {len(document)} characters, reference {len(reference)}):\n"
        f"  document:  {_excerpt(document, at)}\n"
        f"  reference: {_excerpt(reference, at)}"
    )


def _appendix_difference(document: list[str], reference: list[str], marker: str) -> str | None:
    if document == reference:
        return None
    if not document:
        return f"appendix missing: the document has no line {marker!r}"
    diff = difflib.unified_diff(reference, document, "reference", "document", lineterm="", n=1)
    shown = "\n".join(line.replace("\t", " | ") for line in diff)
    return f"appendix differs (cells separated by ' | '):\n{shown}"


def compare(docx: bytes | Path, reference_text: str, marker: str = APPENDIX_MARKER) -> list[str]:
    """The differences between the document's body and ``reference_text``; empty when they match.

    ``reference_text`` is split on newlines (a table row is one line, cells separated by TAB) and normalised
    like the document. The first item, if any, describes the first differing character of the prose with
    about 30 characters of context from both sides (▶ marks the position); the next, if any, is a unified diff
    of the appendix lines, reference first.
    """
    document_prose, document_appendix = split_at_appendix(normalise(body_lines(docx)), marker)
    reference_prose, reference_appendix = split_at_appendix(normalise(reference_text.split("\n")), marker)
    differences = [
        _prose_difference(document_prose, reference_prose),
        _appendix_difference(document_appendix, reference_appendix, marker),
    ]
    return [difference for difference in differences if difference is not None]


def assert_matches_reference(docx: bytes | Path, reference_text: str, marker: str = APPENDIX_MARKER) -> None:
    """Raise AssertionError listing the differences when the document does not match the reference."""
    __tracebackhide__ = True
    differences = compare(docx, reference_text, marker)
    if differences:
        raise AssertionError("the document does not match the reference text:\n" + "\n\n".join(differences))
