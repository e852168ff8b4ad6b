"""Word files for the import tests, made here with python-docx, and the texts they are made from.

``office_docx`` types a text as an office would: one plain paragraph per line (no docgen styles), indents
made of ideographic spaces, captions as plain paragraphs, the cover ended by a page break, the signature
blocks as separate paragraphs (or one paragraph per party with line breaks), and the 別表 as ordinary
tables (a line with TABs is a table row). The text it is made from is the reference the rebuilt document
is compared with (``tests/docx_text.py``).

``real_text`` gives a real agreement's text from ``tests/data/real`` (see SOURCES.md there): the stored
head of the published text, cut at its last complete paragraph, followed by the test-made ending in
``<name>.test-made-ending.txt`` (closing, date, signature blocks, 別表 made for these tests, not from the
source).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Mm

DATA = Path(__file__).parent / "data"
REAL = DATA / "real"
MINE_TEXT = (DATA / "yamaguchi-mine-agreement.txt").read_text(encoding="utf-8")
IDEOGRAPHIC = "\u3000"
_ARTICLE = re.compile(r"^第[0-9]+条")
_CAPTION = re.compile(r"^[ \u3000]*[（(][^（）()]+[）)]$")
_DATE = re.compile(r"^(明治|大正|昭和|平成|令和)")
_APPENDIX = re.compile(r"^別表")


def real_head(name: str) -> list[str]:
    """The stored text of a real agreement (tests/data/real/<name>.txt) as a document's lines: the 例規集's
    own header (○ before the title, the date and 告示 lines under it) left out, and the last paragraph,
    which the store cut short, dropped (with a caption left without its article)."""
    lines = (REAL / f"{name}.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    if lines[0].startswith("○"):
        title, rest = lines[0][1:], lines[1:]
        while rest and not rest[0].endswith("。") and not _CAPTION.match(rest[0]):
            rest = rest[1:]
        lines = [title, *rest]
    lines = lines[:-1]
    while lines and _CAPTION.match(lines[-1]):
        lines = lines[:-1]
    return lines


def real_text(name: str) -> str:
    """``real_head`` and the test-made ending, as one text (a line per paragraph or table row)."""
    ending = (REAL / f"{name}.test-made-ending.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    return "\n".join([*real_head(name), *ending])


def office_docx(text: str, *, cover: int = 0, signature: str = "paragraphs", indent: bool = True) -> bytes:
    """The text typed into a plain Word document, as an office would (see the module's docstring).

    ``cover``: how many first lines make the cover page (a page break follows them). ``signature``:
    "paragraphs" (each line of a signature block its own paragraph) or "breaks" (a party's block is one
    paragraph with line breaks). ``indent``: captions and items indented with ideographic spaces.
    """
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    lines = text.split("\n")
    table_rows: list[list[str]] = []
    in_signature = False
    blocks: list[list[str]] = []

    def flush_table() -> None:
        if not table_rows:
            return
        width = max(len(row) for row in table_rows)
        table = document.add_table(rows=len(table_rows), cols=width)
        table.style = document.styles["Table Grid"]
        for row, cells in zip(table.rows, table_rows, strict=True):
            for cell, value in zip(row.cells, cells, strict=False):
                cell.text = value
        table_rows.clear()

    def flush_signature() -> None:
        for block in blocks:
            paragraph = document.add_paragraph(IDEOGRAPHIC * 8 if indent else "")
            for index, line in enumerate(block):
                if index:
                    paragraph.add_run().add_break()
                paragraph.add_run(line)
        blocks.clear()

    for index, line in enumerate(lines):
        if "\t" in line:
            flush_signature()
            table_rows.append(line.split("\t"))
            continue
        flush_table()
        if _APPENDIX.match(line):
            in_signature = False
            flush_signature()
        if in_signature and signature == "breaks":
            starts = re.match(r"^[甲乙丙丁]\u3000", line) or (any(c.isdigit() for c in line) and blocks)
            if starts or not blocks:
                blocks.append([])
            blocks[-1].append(line)
            continue
        shown = line
        if indent and (_CAPTION.match(line) or re.match(r"^[（(]?[0-9a-zア-ン]{1,3}[）)]?[ \u3000]", line)):
            shown = IDEOGRAPHIC + line.lstrip(" \u3000")
        elif indent and in_signature:
            shown = IDEOGRAPHIC * 8 + line
        paragraph = document.add_paragraph(shown)
        if cover and index == cover - 1:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
        if _DATE.match(line) and line.rstrip().endswith("日"):
            in_signature = True
    flush_table()
    flush_signature()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def mine_docx(**layout: object) -> bytes:
    """The Mine agreement typed as an office would: its signed text with the cover on a page of its own."""
    return office_docx(MINE_TEXT, cover=2, **layout)  # type: ignore[arg-type]
