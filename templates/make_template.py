"""Build templates/renkei-kyoyaku.docx, the Word template of a 連携協約.

Run once (``python templates/make_template.py``) to recreate the template from scratch; after that the
committed .docx is the source: open it in Word or LibreOffice to change the layout or the wording it holds.
Every format lives in the template's named styles (font, size, indents, page breaks), so the body paragraphs
carry no direct formatting and a user restyles the document by editing a style.

The Jinja tags use docxtpl's syntax: ``{{ }}`` for a value, ``{%p %}`` for a tag that owns its paragraph,
``{%tr %}`` for one that owns a table row and ``{%tc %}`` for one that owns a table cell.
"""

from __future__ import annotations

import copy
import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from docgen.word.ooxml import insert_in_order

MINCHO = (
    "ＭＳ 明朝"  # what a Japanese office's Word has; docgen's fonts.conf maps it to IPAex Mincho on Linux
)
BODY_PT = 10.5  # one full-width character: indents below are counted in characters, as Japanese drafters do
CHAR = Pt(BODY_PT)
TEXT_WIDTH_MM = 210 - 30 - 25  # A4 less the left and right margins
# 別表 columns: item, description, then one role column per party (2 in the template; see
# docgen/word/template.py)
COLUMNS_MM = (36, 59, 30, 30)
COVER_PARTIES_PT = 16
# full-width characters a cover line holds: the parties' names break between names, never inside one
COVER_LINE_CHARS = int(Mm(TEXT_WIDTH_MM).pt // COVER_PARTIES_PT)
SEAL_TAB_CHARS = (
    32  # where 印 stands, in characters from the left margin (the signature block is indented 17)
)

# Parts of python-docx's default package that a template does not need (~1 MB of styles, a thumbnail, ...)
DROP_PARTS = (
    "word/stylesWithEffects.xml",
    "docProps/thumbnail.jpeg",
    "customXml/",
    "word/numbering.xml",
    "word/webSettings.xml",
)


def set_fonts(rpr_parent) -> None:
    """Name ＭＳ 明朝 for every script; theme font attributes would override explicit names, so none are
    kept."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), MINCHO)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "ja-JP")


def paragraph_style(
    doc,
    name: str,
    *,
    base: str = "Normal",
    size: float | None = None,
    align=None,
    left: float = 0,
    first: float = 0,
    before: float = 0,
    after: float = 0,
    page_break: bool = False,
    keep_next: bool = False,
    bold: bool = False,
):
    """A paragraph style; indents in full-width characters, spacing in points."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    char = size or BODY_PT
    if left:
        fmt.left_indent = Pt(char * left)
    if first:
        fmt.first_line_indent = Pt(char * first)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.page_break_before = page_break
    fmt.keep_with_next = keep_next
    if size:
        style.font.size = Pt(size)
    if bold:
        style.font.bold = True
    return style


def make_styles(doc) -> None:
    normal = doc.styles["Normal"]
    set_fonts(normal.element)
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.25
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # the docDefaults of python-docx's template name theme fonts; they would win over Normal in some viewers
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    for fonts in defaults.iter(qn("w:rFonts")):
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), MINCHO)
    for lang in defaults.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "ja-JP")

    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph_style(doc, "Cover Title", size=26, align=center, before=200, after=0)
    paragraph_style(doc, "Cover Parties", size=COVER_PARTIES_PT, align=center, before=180)
    paragraph_style(doc, "Agreement Title", size=14, align=center, after=BODY_PT * 2, page_break=True)
    paragraph_style(doc, "Preamble", first=1, after=BODY_PT)
    # 公用文: the caption stands one character in, above its article, and stays with it
    paragraph_style(doc, "Article Caption", left=1, keep_next=True)
    # 第N条 at the margin, following lines one character in (hanging indent)
    paragraph_style(doc, "Article", left=1, first=-1)
    # 号 (1), then ア, (ア), …: each level one character further in, wrapped lines one character in from
    # the label
    for level in range(1, 6):
        paragraph_style(doc, f"Item {level}", left=level + 1, first=-1)
    paragraph_style(doc, "Supplementary Title", left=3, before=BODY_PT, keep_next=True)
    # the closing words attest the signatures below them: closing, date and the first party stay on one page
    paragraph_style(doc, "Closing", first=1, before=BODY_PT, keep_next=True)
    paragraph_style(doc, "Signature Date", left=2, before=BODY_PT, after=BODY_PT, keep_next=True)
    # the signature block: one paragraph per party (label and address, municipality, title and name, on lines
    # of their own), kept together: LibreOffice does not reliably keep a chain of "keep with next" paragraphs
    # on one page, and a party's name must never stand alone on the next page
    style = paragraph_style(
        doc, "Signature", left=17, first=-2, before=BODY_PT, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    style.paragraph_format.keep_together = True
    # 印 (--seal) at one tab stop for every party, in line however long the name, and with room to write a
    # name a draft leaves blank; Word measures tab stops from the margin, so this is 15 characters past the
    # indent
    style.paragraph_format.tab_stops.add_tab_stop(Pt(BODY_PT * SEAL_TAB_CHARS))
    paragraph_style(doc, "Appendix Title", size=12, page_break=True, after=BODY_PT)
    paragraph_style(doc, "Appendix Field", before=BODY_PT, after=4, keep_next=True)
    paragraph_style(doc, "Appendix Section", left=1, before=8, after=4, keep_next=True)
    paragraph_style(
        doc, "Table Text", size=9, align=WD_ALIGN_PARAGRAPH.LEFT
    ).paragraph_format.line_spacing = 1.1
    # ア　item name: a long name wraps under the name, not under ア
    style = paragraph_style(doc, "Table Item", size=9, left=2, first=-2, align=WD_ALIGN_PARAGRAPH.LEFT)
    style.base_style = doc.styles["Table Text"]
    style = paragraph_style(doc, "Table Heading", size=9, align=center)
    style.base_style = doc.styles["Table Text"]
    paragraph_style(doc, "Header Mark", size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)


def add(doc, text: str, style: str):
    return doc.add_paragraph(text, style=style)


def cell_text(cell, text: str, style: str = "Table Text") -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    paragraph.add_run(text)


def set_table_borders(table) -> None:
    """Thin black borders around and between the cells, and a fixed layout (the grid's widths, not the
    text's, decide the columns). Each element goes where the schema's order puts it in w:tblPr (Word may
    refuse a table whose properties are out of order; see docgen/word/ooxml.py)."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    insert_in_order(tbl_pr, borders)
    table.autofit = False  # w:tblLayout w:type="fixed", one only, in its place


def set_cell_margins(table, twips: int = 57) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(twips if edge in ("left", "right") else twips // 2))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    insert_in_order(table._tbl.tblPr, margins)


def set_table_width(table, twips: int) -> None:
    """The table's w:tblW: a width in twips (dxa), in place of python-docx's automatic one."""
    table_width = OxmlElement("w:tblW")
    table_width.set(qn("w:w"), str(twips))
    table_width.set(qn("w:type"), "dxa")
    existing = table._tbl.tblPr.find(qn("w:tblW"))
    if existing is not None:
        table._tbl.tblPr.remove(existing)
    insert_in_order(table._tbl.tblPr, table_width)


def finish(doc, title: str, comments: str) -> bytes:
    """The document's properties, then its bytes without python-docx's unused parts (``clean_package``)."""
    props = doc.core_properties
    props.title = title
    props.author = props.last_modified_by = "docgen"
    props.comments = comments
    out = io.BytesIO()
    doc.save(out)
    return clean_package(out.getvalue())


def literal_table(doc) -> None:
    """A 別表 kept as text (imported, not read as 取組 and roles): its rows and cells as written."""
    table = doc.add_table(rows=3, cols=3)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    set_table_borders(table)
    set_cell_margins(table)
    set_table_width(table, Mm(TEXT_WIDTH_MM).twips)
    marker = 4
    for column, width in zip(table.columns, (marker, TEXT_WIDTH_MM - 2 * marker, marker), strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    loop_start, row, loop_end = table.rows
    cell_text(loop_start.cells[0], "{%tr for row in appendix.table %}")
    cell_text(row.cells[0], "{%tc for cell in row.cells %}")
    cell_text(row.cells[1], "{{ cell }}")
    cell_text(row.cells[2], "{%tc endfor %}")
    cant_split = OxmlElement("w:cantSplit")
    row._tr.get_or_add_trPr().append(cant_split)
    cell_text(loop_end.cells[0], "{%tr endfor %}")


def appendix_table(doc) -> None:
    """One 別表 table: header row, then a row per 取組; role columns repeat per party with {%tc %}."""
    # 5 template columns: item, description, {%tc for%}, role, {%tc endfor%}; docgen fits the grid after
    # rendering
    table = doc.add_table(rows=4, cols=5)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # no w:bidiVisual: left to right is the default, and python-docx's <w:bidiVisual w:val="0"/>, valid by
    # ECMA-376, is one Office's own schema (on/off only) rejects (docs/reference/ooxml.en.md)
    table.autofit = False
    set_table_borders(table)
    set_cell_margins(table)
    # the table's width is the text width; docgen shares it among the columns a render produces: the sum of
    # the rendered columns' widths in whole twips, so that docgen keeps the widths as they are
    set_table_width(table, sum(Mm(width).twips for width in COLUMNS_MM))
    marker = 4  # mm: the {%tc %} marker cells vanish when rendered
    widths = (COLUMNS_MM[0], COLUMNS_MM[1], marker, COLUMNS_MM[2], marker)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    header, loop_start, row, loop_end = table.rows
    heading = header.cells[0].merge(header.cells[1])
    cell_text(heading, "{{ appendix.heading }}", "Table Heading")
    cell_text(header.cells[2], "{%tc for party in parties %}", "Table Heading")
    cell_text(header.cells[3], "{{ party.called }}の役割", "Table Heading")
    cell_text(header.cells[4], "{%tc endfor %}", "Table Heading")
    # the header row repeats on every page a long table runs over
    tr_pr = header._tr.get_or_add_trPr()
    tbl_header = OxmlElement("w:tblHeader")
    tr_pr.append(tbl_header)
    cell_text(loop_start.cells[0], "{%tr for row in group.rows %}")
    cell_text(row.cells[0], "{{ row.label }}　{{ row.item }}", "Table Item")
    cell_text(row.cells[1], "{{ row.text }}")
    cell_text(row.cells[2], "{%tc for role in row.roles %}")
    cell_text(row.cells[3], "{{ role }}")
    cell_text(row.cells[4], "{%tc endfor %}")
    # a row of the table is never split across two pages
    cant_split = OxmlElement("w:cantSplit")
    row._tr.get_or_add_trPr().append(cant_split)
    cell_text(loop_end.cells[0], "{%tr endfor %}")


def appendix_section_break(doc) -> None:
    """End a section here, so that the 別表 after it has a section of its own: docgen turns that section's
    page landscape when the role columns would be too narrow upright (many parties; see docgen/word/grid.py).

    The section's properties (w:sectPr) sit in an empty paragraph of their own, which no tag removes; its
    style is one point high, so that it never adds a line to the signature page.
    """
    style = paragraph_style(doc, "Section Break", size=1)
    style.paragraph_format.line_spacing = 1.0
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.paragraphs[-1].style = style


def article_paragraphs(doc) -> None:
    """An article as the agreement prints it, for ``article`` inside a loop: its caption, 「第N条　…」 and
    every further line (項 and 号)."""
    add(doc, "{%p if article.caption %}", "Article Caption")
    add(doc, "（{{ article.caption }}）", "Article Caption")
    add(doc, "{%p endif %}", "Article Caption")
    add(doc, "{{ article.number }}　{{ article.text }}", "Article")
    # the lines after the first: 項 (2, 3, … at the margin) and 号 with the items inside them, each in the
    # style of its level (Article, Item 1 … Item 5): one paragraph whose style name is a tag, rather than a
    # branch per level, which Jinja would compile on every start
    article_lines(doc, "article.lines")


def article_lines(doc, lines: str) -> None:
    """Lines with a label, a text and a style name (項 and 号), one paragraph each."""
    add(doc, f"{{%p for line in {lines} %}}", "Article")
    line = add(doc, "{% if line.label %}{{ line.label }}　{% endif %}{{ line.text }}", "Article")
    line._p.pPr.pStyle.set(qn("w:val"), "{{ line.style }}")
    add(doc, "{%p endfor %}", "Article")


def signature_blocks(doc) -> None:
    """Each party's signature block, one paragraph with line breaks."""
    add(doc, "{%p for party in parties %}", "Signature")
    # the label (甲) where the parties are called by labels, the address where the region prints it
    signature = add(
        doc,
        "{% if party.called == party.label %}{{ party.label }}　{% endif %}"
        "{% if signature_address %}{{ party.address }}",
        "Signature",
    )
    signature.add_run().add_break()
    signature.add_run("{% endif %}")
    signature.add_run("{{ party.name }}")
    signature.add_run().add_break()
    # the title, or for one acting for the head 「山口市長職務代理者　山口市副市長」 (地方自治法第152条)
    signature.add_run("{{ party.signer }}　{{ party.head }}{% if seal %}\t印{% endif %}")
    add(doc, "{%p endfor %}", "Signature")


def appendix_tables(doc, appendices: str, title_style: str = "Appendix Title") -> None:
    """Every 別表 of ``appendices``: its title, then a table of text or its fields with a table each."""
    add(doc, f"{{%p for appendix in {appendices} %}}", title_style)
    add(doc, "{{ appendix.title }}", title_style)
    add(doc, "{%p if appendix.table %}", "Appendix Field")
    literal_table(doc)
    add(doc, "{%p else %}", "Appendix Field")
    add(doc, "{%p for field in appendix.fields %}", "Appendix Field")
    add(doc, "{{ field.number }}　{{ field.title }}", "Appendix Field")
    add(doc, "{%p for group in field.groups %}", "Appendix Section")
    # a group with a title is a sub-field (1), (2), ...; its heading also keeps two tables apart
    add(doc, "{%p if group.title %}", "Appendix Section")
    add(doc, "{{ group.number }}　{{ group.title }}", "Appendix Section")
    add(doc, "{%p endif %}", "Appendix Section")
    appendix_table(doc)
    add(doc, "{%p endfor %}", "Appendix Section")
    add(doc, "{%p endfor %}", "Appendix Field")
    add(doc, "{%p endif %}", "Appendix Field")
    add(doc, "{%p endfor %}", "Appendix Field")


def paragraph_loop(doc, values: str, style: str) -> None:
    """A paragraph in ``style`` for each text of ``values`` (none when there are none)."""
    add(doc, f"{{%p for paragraph in {values} %}}", style)
    add(doc, "{{ paragraph }}", style)
    add(doc, "{%p endfor %}", style)


def make_body(doc) -> None:
    add(doc, "{%p if cover %}", "Cover Title")
    add(doc, "{{ cover }}", "Cover Title")
    add(doc, f"{{{{ parties | join_lines({COVER_LINE_CHARS}, attribute='name') }}}}", "Cover Parties")
    add(doc, "{%p endif %}", "Cover Parties")

    add(doc, "{{ title }}", "Agreement Title")
    paragraph_loop(doc, "front", "Preamble")
    paragraph_loop(doc, "preamble_paragraphs", "Preamble")
    add(doc, "{%p for article in articles %}", "Article")
    article_paragraphs(doc)
    add(doc, "{%p endfor %}", "Article")
    # 附則
    add(doc, "{%p if supplementary %}", "Supplementary Title")
    add(doc, "附　則", "Supplementary Title")
    paragraph_loop(doc, "supplementary", "Preamble")
    add(doc, "{%p endif %}", "Preamble")
    add(doc, "{%p if closing %}", "Closing")
    add(doc, "{{ closing }}", "Closing")
    add(doc, "{%p endif %}", "Closing")
    add(doc, "{{ date }}", "Signature Date")

    signature_blocks(doc)
    paragraph_loop(doc, "back", "Preamble")

    # the 別表 in a section of their own (which docgen may turn landscape), when there are any: a section
    # break with nothing after it would leave an empty last page
    add(doc, "{%p if appendices %}", "Appendix Title")
    appendix_section_break(doc)
    add(doc, "{%p endif %}", "Appendix Title")
    appendix_tables(doc, "appendices")


def make_header(doc) -> None:
    section = doc.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = doc.styles["Header Mark"]
    # 「（案）」 on every page of a draft, 「写」 on a published copy, nothing on the signing copy
    paragraph.add_run("{% if mode == 'draft' %}（案）{% elif mode == 'copy' %}写{% endif %}")


def page_setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(30), Mm(25)
    section.left_margin, section.right_margin = Mm(30), Mm(25)
    section.header_distance, section.footer_distance = Mm(15), Mm(12)


def prune_styles(doc, named: frozenset[str] | set[str] | None = None) -> None:
    """Keep only the styles the template uses, those ``named`` (default ``KEEP_STYLES``: styles only a tag
    names) and the styles they are based on; drop the latent styles."""
    styles = doc.styles.element
    by_id = {el.get(qn("w:styleId")): el for el in styles.iterchildren(qn("w:style"))}
    named = KEEP_STYLES if named is None else named
    keep = {style.style_id for style in doc.styles if style.name in named}
    parts = [doc.element.body] + [doc.sections[0].header._element]
    for part in parts:
        keep |= {el.get(qn("w:val")) for el in part.iter(qn("w:pStyle"), qn("w:tblStyle"))}
    pending = list(keep)
    while pending:
        element = by_id.get(pending.pop())
        if element is None:
            continue
        for ref in element.iter(qn("w:basedOn"), qn("w:next"), qn("w:link")):
            if ref.get(qn("w:val")) not in keep:
                keep.add(ref.get(qn("w:val")))
                pending.append(ref.get(qn("w:val")))
    for style_id, element in by_id.items():
        if style_id not in keep:
            styles.remove(element)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)


# the Item styles are named by a tag ({{ line.style }}), not by a paragraph of the template
KEEP_STYLES = {
    "Normal",
    "Default Paragraph Font",
    "Table Normal",
    "No List",
    *(f"Item {n}" for n in range(1, 6)),
}


FONT_TABLE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
<w:font w:name="ＭＳ 明朝"><w:altName w:val="MS Mincho"/><w:panose1 w:val="02020609040205080304"/>\
<w:charset w:val="80"/><w:family w:val="roman"/><w:pitch w:val="fixed"/></w:font>\
<w:font w:name="IPAex明朝"><w:altName w:val="IPAexMincho"/><w:charset w:val="80"/><w:family w:val="roman"/>\
<w:pitch w:val="variable"/></w:font>\
</w:fonts>"""


def clean_package(data: bytes) -> bytes:
    """Drop the unused parts of python-docx's default package and declare the Mincho fonts.

    The font table names ＭＳ 明朝 with its Windows alias, the Shift_JIS charset and the roman (serif) family,
    so that a program that lacks the face substitutes a Japanese serif (Mincho) face, not a Gothic one.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            name = info.filename
            if any(name.startswith(prefix) for prefix in DROP_PARTS):
                continue
            content = source.read(name)
            if name == "word/fontTable.xml":
                content = FONT_TABLE.encode()
            elif name.endswith(".rels") or name == "[Content_Types].xml":
                content = drop_references(content)
            entry = copy.copy(info)
            entry.date_time = (1980, 1, 1, 0, 0, 0)  # not the clock: the same script makes the same bytes
            target.writestr(entry, content)
    return out.getvalue()


def drop_references(xml: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(xml)
    for element in list(root):
        target = element.get("Target") or element.get("PartName") or ""
        target = target.lstrip("/")
        if (
            any(
                target.startswith(prefix) or target.endswith(prefix.split("/")[-1] or "\0")
                for prefix in DROP_PARTS
            )
            or target.startswith("../customXml")
            or "customXml" in target
        ):
            root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build() -> bytes:
    doc = docx.Document()
    # python-docx's default package comes with one empty paragraph
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    page_setup(doc)
    make_styles(doc)
    make_body(doc)
    make_header(doc)
    prune_styles(doc)
    return finish(doc, "連携協約", "docgen template: Jinja tags in docxtpl syntax")


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("renkei-kyoyaku.docx")
    target.write_bytes(build())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
