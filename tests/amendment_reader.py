"""Read docgen's documents back the way a person reads them: an agreement as its printed text, an amending
agreement as its 改め文 with the articles and 別表 printed after them, a 新旧対照表 as rows of two columns
whose runs are underlined or not. Written for the tests from the .docx files alone (paragraph styles, table
cells, runs), independently of the code that made them, so that the tests can apply what an amendment says
(``kaibun_reader``) to what OLD printed and compare the result with what NEW printed.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docgen.amend.kaibun import PrintedArticle, PrintedParagraph, Sentence
from docgen.amend.text import Appendix, AppendixField, Article, Group, Item, Row, Table, Version

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Paragraph:
    style: str
    runs: tuple[tuple[str, bool], ...]  # (text, underlined), empty runs left out

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)

    def underlined(self) -> list[str]:
        """The underlined texts, adjacent underlined runs joined."""
        found: list[str] = []
        previous = False
        for text, mark in self.runs:
            if mark and previous:
                found[-1] += text
            elif mark:
                found.append(text)
            previous = mark
        return found


@dataclass(frozen=True)
class TableBlock:
    rows: tuple[
        tuple[tuple[Paragraph | TableBlock, ...], ...], ...
    ]  # rows of cells of paragraphs (or tables)

    def texts(self) -> list[list[str]]:
        return [["\n".join(p.text for p in cell if p.text) for cell in row] for row in self.rows]

    @property
    def text(self) -> str:
        """A table inside a cell as one piece of text: its rows a line each, its cells apart by TAB."""
        return "\n".join("\t".join(row) for row in self.texts())

    def underlined(self) -> list[str]:
        return [u for row in self.rows for cell in row for p in cell for u in p.underlined()]


Block = Paragraph | TableBlock


def _paragraph(element: etree._Element) -> Paragraph:
    style = element.find(f"{W}pPr/{W}pStyle")
    runs = []
    for run in element.iter(f"{W}r"):
        text = ""
        for child in run:
            if child.tag == f"{W}t":
                text += child.text or ""
            elif child.tag == f"{W}tab":
                text += "\t"
            elif child.tag == f"{W}br":
                text += "\n"
        underline = run.find(f"{W}rPr/{W}u")
        marked = underline is not None and underline.get(f"{W}val") not in (None, "none")
        if text:
            runs.append((text, marked))
    return Paragraph(style.get(f"{W}val") if style is not None else "Normal", tuple(runs))


def blocks(docx: Path | bytes) -> list[Block]:
    """The body of a .docx: its paragraphs and tables in order."""
    source = io.BytesIO(docx) if isinstance(docx, bytes) else docx
    with zipfile.ZipFile(source) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    found: list[Block] = []
    for element in body:
        if element.tag == f"{W}p":
            found.append(_paragraph(element))
        elif element.tag == f"{W}tbl":
            found.append(_table(element))
    return found


def _table(element: etree._Element) -> TableBlock:
    """A table: its own rows and cells (not those of a table inside a cell, which is an item of its cell)."""
    return TableBlock(
        tuple(
            tuple(
                tuple(
                    _paragraph(child) if child.tag == f"{W}p" else _table(child)
                    for child in cell
                    if child.tag in (f"{W}p", f"{W}tbl")
                )
                for cell in row.findall(f"{W}tc")
            )
            for row in element.findall(f"{W}tr")
        )
    )


def paragraphs(docx: Path | bytes) -> list[Paragraph]:
    """The body's paragraphs outside tables, empty ones left out."""
    return [b for b in blocks(docx) if isinstance(b, Paragraph) and b.text]


# --- an agreement and what an amendment prints after its sentences -----------------------------------------

_ARTICLE = re.compile(r"^第(\d+)条\u3000(.*)$", re.DOTALL)
_LABELLED = re.compile(r"^(\S+?)\u3000(.*)$", re.DOTALL)
_ITEM_STYLE = re.compile(r"^Item(\d)$")
_ROLE = re.compile(r"^(.+)の役割$")


class _Cursor:
    def __init__(self, items: list[Block]) -> None:
        self.items = [b for b in items if not (isinstance(b, Paragraph) and not b.text)]
        self.at = 0

    def peek(self) -> Block | None:
        return self.items[self.at] if self.at < len(self.items) else None

    def take(self) -> Block:
        block = self.items[self.at]
        self.at += 1
        return block

    def style(self) -> str | None:
        block = self.peek()
        return block.style if isinstance(block, Paragraph) else None


def _articles(cursor: _Cursor) -> list[PrintedArticle]:
    """Articles as printed: 見出し （…）, 「第N条　…」, then 項 「2　…」 and items in the Item styles."""
    found: list[PrintedArticle] = []
    while cursor.style() == "ArticleCaption" or (
        cursor.style() == "Article" and _ARTICLE.match(cursor.peek().text)  # type: ignore[union-attr]
    ):
        caption = None
        if cursor.style() == "ArticleCaption":
            text = cursor.take().text  # type: ignore[union-attr]
            assert text.startswith("（") and text.endswith("）"), text
            caption = text[1:-1]
        first = _ARTICLE.match(cursor.take().text)  # type: ignore[union-attr]
        assert first, "an article begins with 第N条"
        items: list[Item] = []
        paragraphs: list[PrintedParagraph] = []
        while True:
            style = cursor.style()
            if style is None:
                break
            level = _ITEM_STYLE.match(style)
            if level:
                label, text = _LABELLED.match(cursor.peek().text).groups()  # type: ignore[union-attr]
                cursor.take()
                item = Item(int(level.group(1)), label, text)
                if paragraphs:
                    last = paragraphs[-1]
                    paragraphs[-1] = PrintedParagraph(last.number, last.text, (*last.items, item))
                else:
                    items.append(item)
            elif style == "Article" and not _ARTICLE.match(cursor.peek().text):  # type: ignore[union-attr]
                text = cursor.take().text  # type: ignore[union-attr]
                labelled = _LABELLED.match(text)
                if labelled and re.fullmatch(r"\d+", labelled.group(1)):
                    paragraphs.append(PrintedParagraph(labelled.group(1), labelled.group(2)))
                else:
                    paragraphs.append(PrintedParagraph("", text))
            else:
                break
        found.append(
            PrintedArticle(f"第{first.group(1)}条", caption, first.group(2), tuple(paragraphs), tuple(items))
        )
    return found


def _appendix(cursor: _Cursor, title_style: str) -> Appendix | Table:
    title = cursor.take().text  # type: ignore[union-attr]
    if isinstance(cursor.peek(), TableBlock):  # a table of text, straight after its title
        rows = cursor.take().texts()  # type: ignore[union-attr]
        return Table(title, tuple(tuple(row) for row in rows))
    fields: list[AppendixField] = []
    heading, parties = "", ()
    while cursor.style() == "AppendixField":
        number, field_title = _LABELLED.match(cursor.take().text).groups()  # type: ignore[union-attr]
        groups: list[Group] = []
        while True:
            group_number = group_title = None
            if cursor.style() == "AppendixSection":
                group_number, group_title = _LABELLED.match(cursor.take().text).groups()  # type: ignore[union-attr]
            if not isinstance(cursor.peek(), TableBlock):
                break
            header, *body = cursor.take().texts()  # type: ignore[union-attr]
            heading = header[0]
            parties = tuple(_ROLE.match(cell).group(1) for cell in header[1:] if cell)
            rows = []
            for cells in body:
                label, item = _LABELLED.match(cells[0]).groups()
                rows.append(Row(label, item, cells[1], tuple(cells[2:])))
            groups.append(Group(group_number, group_title, tuple(rows)))
            if cursor.style() != "AppendixSection":
                break
        fields.append(AppendixField(number, field_title, tuple(groups)))
    return Appendix(title, heading, parties, tuple(fields))


def read_agreement(docx: Path | bytes) -> Version:
    """An agreement as printed: its title, preamble, articles with their 項 and items, and its 別表."""
    cursor = _Cursor(blocks(docx))
    while cursor.style() != "AgreementTitle":
        cursor.take()
    title = cursor.take().text  # type: ignore[union-attr]
    preamble = []
    while cursor.style() == "Preamble":
        preamble.append(cursor.take().text)  # type: ignore[union-attr]
    articles = [
        Article(
            None,
            printed.caption,
            (printed.text, *(p.text for p in printed.paragraphs)),
            (printed.items, *(p.items for p in printed.paragraphs)),
            ("", *(p.number for p in printed.paragraphs)),
        )
        for printed in _articles(cursor)
    ]
    appendices = []
    while cursor.peek() is not None:
        if cursor.style() == "AppendixTitle":
            appendices.append(_appendix(cursor, "AppendixTitle"))
        else:
            cursor.take()
    return Version(title, "\n".join(preamble), tuple(articles), tuple(appendices))


@dataclass(frozen=True)
class AmendingAgreement:
    """An amending agreement as printed."""

    title: str
    preamble: str
    sentences: list[Sentence]
    supplementary: list[str]  # 附　則 and its paragraph
    closing: str
    date: str
    signatures: list[str]


# rows added after or before a row of 取組 named by its labels (別表1の項エ, 別表第3の1の項(1)エ)
_OF_LABELS = re.compile(r"\d+の項(?:\(\d+\))?[ァ-ヺ]+の(?:次|前)に次のように加え")


def read_amendment(docx: Path | bytes) -> AmendingAgreement:
    cursor = _Cursor(blocks(docx))
    title = cursor.take().text  # type: ignore[union-attr]
    preamble = cursor.take().text  # type: ignore[union-attr]
    sentences: list[Sentence] = []
    while cursor.style() == "AmendmentSentence":
        text = cursor.take().text  # type: ignore[union-attr]
        articles = _articles(cursor)
        paragraphs: list[PrintedParagraph] = []
        while cursor.style() == "Article":  # 項 added to an article: 「2　…」
            line = cursor.take().text  # type: ignore[union-attr]
            labelled = _LABELLED.match(line)  # a 項 added as the first has no number
            number, rest = labelled.groups() if labelled else ("", line)
            paragraphs.append(PrintedParagraph(number, rest))
        appendix = None
        if cursor.style() == "AttachedAppendixTitle":
            appendix = _appendix(cursor, "AttachedAppendixTitle")
        rows: list[Row] = []
        heading = ""
        cells: tuple[tuple[str, ...], ...] = ()
        if isinstance(cursor.peek(), TableBlock) and not _OF_LABELS.search(text):
            # rows added to a 別表 kept as a table of text, named by a row's first cell: their cells alone
            cells = tuple(tuple(row) for row in cursor.take().texts())  # type: ignore[union-attr]
        elif isinstance(cursor.peek(), TableBlock):  # rows added to a 別表: its header, then the rows
            header, *body = cursor.take().texts()  # type: ignore[union-attr]
            heading = header[0]
            for row in body:
                label, item = _LABELLED.match(row[0]).groups()
                rows.append(Row(label, item, row[1], tuple(row[2:])))
        sentences.append(
            Sentence(text, tuple(articles), tuple(paragraphs), appendix, tuple(rows), heading, cells)
        )
    supplementary = [cursor.take().text, cursor.take().text]  # type: ignore[union-attr]
    closing = cursor.take().text  # type: ignore[union-attr]
    date = cursor.take().text  # type: ignore[union-attr]
    signatures = [block.text for block in cursor.items[cursor.at :] if isinstance(block, Paragraph)]
    return AmendingAgreement(title, preamble, sentences, supplementary, closing, date, signatures)


@dataclass(frozen=True)
class ComparisonTable:
    title: str
    parties: str
    note: str
    headers: tuple[str, str]
    # each row's left and right column, a line each; a 別表's row is a table of its own (TableBlock)
    rows: list[tuple[list[Paragraph | TableBlock], list[Paragraph | TableBlock]]]

    def underlined(self) -> list[tuple[list[str], list[str]]]:
        """Each row's underlined texts, left and right."""
        return [
            ([u for p in left for u in p.underlined()], [u for p in right for u in p.underlined()])
            for left, right in self.rows
        ]

    def texts(self) -> list[tuple[list[str], list[str]]]:
        """Each row's lines, left and right."""
        return [
            ([p.text for p in left if p.text], [p.text for p in right if p.text]) for left, right in self.rows
        ]


def read_comparison(docx: Path | bytes) -> ComparisonTable:
    found = blocks(docx)
    texts = [b.text for b in found if isinstance(b, Paragraph) and b.text]
    (table,) = [b for b in found if isinstance(b, TableBlock)]
    header, *rows = table.rows
    headers = tuple("".join(p.text for p in cell) for cell in header)
    return ComparisonTable(
        texts[0],
        texts[1],
        texts[2],
        headers,  # type: ignore[arg-type]
        [([p for p in left if p.text], [p for p in right if p.text]) for left, right in rows],
    )
