"""Build templates/amendment.docx and templates/comparison.docx: the amending agreement (…の一部を変更する
連携協約) and its 新旧対照表, which ``docgen amend`` writes.

They use the agreement template's styles and parts (``make_template.py``): the same page, Mincho font,
article, item, signature and 別表 layouts. Run once (``python templates/make_amendment_templates.py``) to
recreate both from scratch; after that the committed .docx files are the source: open them in Word or
LibreOffice to change the layout or the wording they hold (the title pattern 「…の一部を変更する連携協約」,
the preamble sentence, the 附則 and the closing words, the note 「（傍線部分は変更部分）」 and the column
headers 変更後 / 変更前 are theirs, not docgen's).
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
import make_template as agreement
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from make_template import BODY_PT, add, cell_text, paragraph_style, set_cell_margins, set_table_borders

HERE = Path(__file__).resolve().parent
# the 新旧対照表 is set on A4 landscape: two columns of an article each need the width (on a portrait page a
# column holds about 20 characters a line, and an article runs over many lines)
LANDSCAPE_TEXT_WIDTH_MM = 297 - 25 - 25


def amendment_styles(doc) -> None:
    agreement.make_styles(doc)
    center = WD_ALIGN_PARAGRAPH.CENTER
    # the agreement's title style begins a page after the cover; an amendment has no cover
    paragraph_style(doc, "Amendment Title", size=14, align=center, after=BODY_PT * 2)
    # 改め文 stand like the preamble's paragraphs: the first line one character in
    paragraph_style(doc, "Amendment Sentence", first=1, before=4)
    # a 別表 printed after 「別表を次のように改める。」 follows on the same page
    paragraph_style(doc, "Attached Appendix Title", size=12, before=BODY_PT, after=BODY_PT, keep_next=True)


def amendment_body(doc) -> None:
    # ``instrument``: 連携協約, or 協定 for a 定住自立圏形成協定
    add(doc, "{{ original_title }}の一部を変更する{{ instrument }}", "Amendment Title")
    # the parties with their labels (山口市（以下「甲」という。）), or by name where the region calls them so
    add(
        doc,
        '{% if called_by_labels %}{{ parties | join_ja("{name}（以下「{label}」という。）") }}'
        '{% else %}{{ parties | join_ja("{name}") }}{% endif %}は、{{ original_date }}に締結した'
        "{{ original_title }}の一部を次のとおり変更する。",
        "Preamble",
    )
    # 新旧対照表方式 (--style table): the body is the table, and one sentence says how it amends (the wording
    # of bodies that amend their rules by a table, 「…改正前の欄中下線が引かれた部分を…のように改める」, said
    # of an agreement's 変更前 and 変更後)
    add(doc, "{%p if rows %}", "Amendment Sentence")
    add(
        doc,
        "次の表の変更前の欄中下線が引かれた部分を同表の変更後の欄中下線が引かれた部分のように改め、"
        "同表の変更後の欄に掲げる規定で変更前の欄に「（新設）」と記載されているものはこれを加え、"
        "同表の変更前の欄に掲げる規定で変更後の欄に「（削る）」と記載されているものはこれを削る。",
        "Amendment Sentence",
    )
    comparison_table(doc, agreement.TEXT_WIDTH_MM)
    add(doc, "{%p else %}", "Amendment Sentence")
    add(doc, "{%p for sentence in sentences %}", "Amendment Sentence")
    add(doc, "{{ sentence.text }}", "Amendment Sentence")
    # the articles a sentence adds or prints anew, laid out as in the agreement
    add(doc, "{%p for article in sentence.articles %}", "Article")
    agreement.article_paragraphs(doc)
    add(doc, "{%p endfor %}", "Article")
    # the 項 a sentence adds (「同条に次の1項を加える。」)
    agreement.article_lines(doc, "sentence.lines")
    # the 別表 a sentence prints anew
    agreement.appendix_tables(doc, "sentence.appendices", "Attached Appendix Title")
    # the rows a sentence adds to a 別表 (「別表1の項エの次に次のように加える。」), in the 別表's own columns
    add(doc, "{%p for appendix in sentence.row_tables %}", "Attached Appendix Title")
    add(doc, "{%p for group in appendix.groups %}", "Attached Appendix Title")
    agreement.appendix_table(doc)
    add(doc, "{%p endfor %}", "Attached Appendix Title")
    add(doc, "{%p endfor %}", "Attached Appendix Title")
    # the rows a sentence adds to a 別表 kept as a table of text (「別表第2のエの項の次に次のように加える。」)
    add(doc, "{%p for appendix in sentence.cell_tables %}", "Attached Appendix Title")
    agreement.literal_table(doc)
    add(doc, "{%p endfor %}", "Attached Appendix Title")
    add(doc, "{%p endfor %}", "Amendment Sentence")
    add(doc, "{%p endif %}", "Amendment Sentence")
    add(doc, "附　則", "Supplementary Title")
    add(
        doc,
        "この{{ instrument }}は、{% if effective %}{{ effective }}{% else %}締結の日{% endif "
        "%}から効力を生ずる。",
        "Preamble",
    )
    add(
        doc,
        "この{{ instrument }}の変更を証するため、本書{{ parties | length }}通を作成し、"
        '{{ parties | join_ja("{called}") }}が記名押印の上、それぞれ各1通を保有する。',
        "Closing",
    )
    add(doc, "{{ date }}", "Signature Date")
    agreement.signature_blocks(doc)


def comparison_styles(doc) -> None:
    agreement.make_styles(doc)
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph_style(doc, "Comparison Title", size=14, align=center)
    paragraph_style(doc, "Comparison Parties", align=center, after=BODY_PT)
    paragraph_style(doc, "Comparison Note", align=WD_ALIGN_PARAGRAPH.RIGHT, after=4)
    column_styles(doc)


def column_styles(doc) -> None:
    """The styles of the two columns' table, which the amending agreement has too (--style table)."""
    paragraph_style(doc, "Comparison Heading", align=WD_ALIGN_PARAGRAPH.CENTER)
    # the lines of a 別表 and the title in a column: at the left, wrapped lines under the first
    paragraph_style(doc, "Comparison Text", align=WD_ALIGN_PARAGRAPH.LEFT)
    style = paragraph_style(doc, "Cell End", size=1)
    style.paragraph_format.line_spacing = 1.0


def _text_runs(paragraph, segments: str) -> None:
    """The ``segments`` of a line or a cell: each an underlined run (傍線) or a plain one, as the segment
    says."""
    paragraph.add_run(f"{{%r for segment in {segments} %}}")
    paragraph.add_run("{%r if segment.underlined %}")
    underlined = paragraph.add_run("{{ segment.text }}")
    underlined.font.underline = True  # <w:u w:val="single"/>
    paragraph.add_run("{%r else %}")
    paragraph.add_run("{{ segment.text }}")
    paragraph.add_run("{%r endif %}")
    paragraph.add_run("{%r endfor %}")


def _side(cell, lines: str, width_mm: float) -> None:
    """A column of a row: one paragraph per line, in the style the line names (見出し, 条, 項, 号 …), or
    for a row of a 別表 a small table of its own: the 別表's header (取組, 内容, 甲の役割, …) over the
    row's cells, underlined in the cells."""
    first = cell.paragraphs[0]
    first.style = "Comparison Text"
    first.add_run(f"{{%p for line in {lines} %}}")
    cell.add_paragraph("{%p if line.table %}", style="Comparison Text")
    _row_table(cell, width_mm)
    # python-docx ends a cell with a paragraph after a table it adds: that paragraph is the {%p else %}
    cell.paragraphs[-1].style = "Comparison Text"
    cell.paragraphs[-1].add_run("{%p else %}")
    line = cell.add_paragraph(style="Comparison Text")
    line._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), "{{ line.style }}")
    _text_runs(line, "line.segments")
    cell.add_paragraph("{%p endif %}", style="Comparison Text")
    cell.add_paragraph("{%p endfor %}", style="Comparison Text")
    # Word wants a paragraph after a table at the end of a cell: a point high, it adds no line
    cell.add_paragraph(style="Cell End")


def _row_table(cell, width_mm: float) -> None:
    """The table of one 別表 row inside a column: a {%tc %} loop over the header's texts, one over the
    cells' segments. A changed header row of 取組 is shown as cells under no header: the header row is
    only where the line has one ({%tr if %})."""
    marker = 4  # mm: the {%tc %} marker cells vanish when rendered; docgen fits the grid after rendering
    table = cell.add_table(rows=4, cols=3)
    table.style = cell.part.document.styles["Table Grid"]
    table.autofit = False
    set_table_borders(table)
    set_cell_margins(table)
    inner = width_mm - 4  # inside the column's margins
    agreement.set_table_width(table, Mm(inner).twips)
    for column, width in zip(table.columns, (marker, inner - 2 * marker, marker), strict=True):
        column.width = Mm(width)
        for each in column.cells:
            each.width = Mm(width)
    when, header, end, row = table.rows
    cell_text(when.cells[0], "{%tr if line.table.header %}")
    cell_text(end.cells[0], "{%tr endif %}")
    cell_text(header.cells[0], "{%tc for heading in line.table.header %}", "Table Heading")
    cell_text(header.cells[1], "{{ heading }}", "Table Heading")
    cell_text(header.cells[2], "{%tc endfor %}", "Table Heading")
    cell_text(row.cells[0], "{%tc for text in line.table.cells %}")
    _text_runs(row.cells[1].paragraphs[0], "text")
    row.cells[1].paragraphs[0].style = "Table Text"
    cell_text(row.cells[2], "{%tc endfor %}")


def comparison_body(doc, text_width_mm: float) -> None:
    add(doc, "{{ original_title }}新旧対照表", "Comparison Title")
    add(doc, "（{{ parties | join_ja('{name}') }}）", "Comparison Parties")
    add(doc, "（傍線部分は変更部分）", "Comparison Note")
    comparison_table(doc, text_width_mm)


def comparison_table(doc, text_width_mm: float) -> None:
    """The two columns (変更後 | 変更前, or the other way round with --old-left), a row per provision."""
    table = doc.add_table(rows=4, cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    set_table_borders(table)
    set_cell_margins(table, twips=85)
    agreement.set_table_width(table, Mm(text_width_mm).twips)
    for column in table.columns:
        column.width = Mm(text_width_mm / 2)
        for cell in column.cells:
            cell.width = Mm(text_width_mm / 2)
    header, loop_start, row, loop_end = table.rows
    # 変更後 | 変更前 by default; the words are the template's, the order docgen's (--old-left)
    cell_text(header.cells[0], "{% if new_left %}変更後{% else %}変更前{% endif %}", "Comparison Heading")
    cell_text(header.cells[1], "{% if new_left %}変更前{% else %}変更後{% endif %}", "Comparison Heading")
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
    cell_text(loop_start.cells[0], "{%tr for row in rows %}")
    _side(row.cells[0], "row.left", text_width_mm / 2)
    _side(row.cells[1], "row.right", text_width_mm / 2)
    # a provision is not split over two pages unless it is longer than a page
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cell_text(loop_end.cells[0], "{%tr endfor %}")


def landscape(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin, section.right_margin = Mm(25), Mm(25)
    section.header_distance, section.footer_distance = Mm(12), Mm(10)


# styles that only a tag names ({{ line.style }}): kept though no paragraph of the template names them
TAG_STYLES = {
    *(f"Item {n}" for n in range(1, 6)),
    "Article",
    "Article Caption",
    "Preamble",
    "Comparison Text",
}


def build(kind: str) -> bytes:
    doc = docx.Document()
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    agreement.page_setup(doc)
    if kind == "amendment":
        amendment_styles(doc)
        column_styles(doc)
        amendment_body(doc)
        title = "連携協約の一部変更"
    else:
        landscape(doc)
        comparison_styles(doc)
        comparison_body(doc, LANDSCAPE_TEXT_WIDTH_MM)
        title = "新旧対照表"
    agreement.make_header(doc)
    agreement.prune_styles(doc, agreement.KEEP_STYLES | TAG_STYLES)
    return agreement.finish(doc, title, "docgen template: Jinja tags in docxtpl syntax")


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for kind in ("amendment", "comparison"):
        target = folder / f"{kind}.docx"
        target.write_bytes(build(kind))
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
