"""Appending documents to a form (``docgen.word.attach``): the attached body after its label, with its own
styles and page setup, and what cannot be attached refused.

Small documents are made with python-docx here; the real agreement attached to the real forms is checked in
test_procedure.py.
"""

from __future__ import annotations

import io
import re
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm, Pt
from docx_text import body_lines, header_texts
from lxml import etree
from test_pdf import pdf_tools  # noqa: F401  (the fixture: LibreOffice, fonts and poppler are there)

from docgen.base.errors import TemplateError
from docgen.office.pdf import convert_to_pdf
from docgen.word.attach import append_attachments

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def style(doc, name: str, size: float, *, page_break: bool = False) -> None:
    added = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    added.base_style = doc.styles["Normal"]
    added.font.size = Pt(size)
    added.paragraph_format.page_break_before = page_break


def saved(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def form(*labels: str, header: str = "") -> bytes:
    """A form: a line of its own, an 'Article' style of 12 pt, and one label paragraph per attachment."""
    doc = docx.Document()
    style(doc, "Attachment Label", 10.5, page_break=True)
    style(doc, "Article", 12)
    doc.add_paragraph("議案第　号", style="Article")
    for label in labels:
        doc.add_paragraph(label, style="Attachment Label")
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    return saved(doc)


def attachment(*lines: str, size: float = 9, landscape: bool = False, header: str = "") -> bytes:
    """An attached document: its lines in its own 'Article' style (of another size) and an 'Own' style."""
    doc = docx.Document()
    style(doc, "Article", size)
    style(doc, "Own", 8)
    for number, line in enumerate(lines):
        doc.add_paragraph(line, style="Article" if number % 2 == 0 else "Own")
    if landscape:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    return saved(doc)


def parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name)) for name in ("word/document.xml", "word/styles.xml")
        }


def paragraph_sizes(data: bytes) -> dict[str, float]:
    """Each paragraph's text → the font size its style gives it (following basedOn), in points."""
    xml = parts(data)
    styles = {s.get(f"{W}styleId"): s for s in xml["word/styles.xml"].iter(f"{W}style")}

    def size(style_id: str | None) -> float | None:
        while style_id:
            element = styles[style_id]
            found = element.find(f"{W}rPr/{W}sz")
            if found is not None:
                return int(found.get(f"{W}val")) / 2
            based = element.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return None

    result = {}
    for paragraph in xml["word/document.xml"].iter(f"{W}p"):
        text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        reference = paragraph.find(f"{W}pPr/{W}pStyle")
        result[text] = size(reference.get(f"{W}val") if reference is not None else None)
    return result


def test_each_attachment_follows_its_label_in_order() -> None:
    data = append_attachments(
        form("別紙", "参考"),
        [attachment("第1条　甲は", "第2条　乙は"), attachment("新旧対照表")],
        template="bill.docx",
    )
    assert body_lines(data) == ["議案第　号", "別紙", "第1条　甲は", "第2条　乙は", "参考", "新旧対照表"]


def test_the_attachment_keeps_its_own_styles_and_the_form_its_own() -> None:
    data = append_attachments(form("別紙"), [attachment("第1条　甲は", "注記", size=9)], template="bill.docx")
    # both have a style 'Article': the form's stays 12 pt, the attached text keeps its 9 pt under a new id
    assert paragraph_sizes(data) == {"議案第　号": 12, "別紙": 10.5, "第1条　甲は": 9, "注記": 8}
    names = [s.find(f"{W}name").get(f"{W}val") for s in parts(data)["word/styles.xml"].iter(f"{W}style")]
    assert len(names) == len(set(names))  # Word matches styles by name: no two share one
    assert "Article (A1)" in names and "Own" in names


def test_a_style_defined_alike_is_shared_not_copied() -> None:
    data = append_attachments(form("別紙"), [attachment("第1条　甲は", size=12)], template="bill.docx")
    styles = parts(data)["word/styles.xml"]
    ids = [s.get(f"{W}styleId") for s in styles.iter(f"{W}style")]
    assert ids.count("Article") == 1 and not any(i.startswith("ArticleA") for i in ids)
    assert paragraph_sizes(data)["第1条　甲は"] == 12


def test_the_attachments_header_is_not_copied() -> None:
    data = append_attachments(
        form("別紙", header="（案）"), [attachment("第1条　甲は", header="写")], template="bill.docx"
    )
    assert header_texts(data) == ["（案）"]
    assert "写" not in "".join(body_lines(data))


def test_a_form_without_one_label_per_attachment_is_named() -> None:
    with pytest.raises(TemplateError) as caught:
        append_attachments(form("別紙"), [attachment("a"), attachment("b")], template="forms/bill.docx")
    assert str(caught.value) == (
        "forms/bill.docx (word/document.xml): has 1 paragraphs in the style 'Attachment Label' for 2 "
        "attached documents: each attached document follows one such paragraph"
    )


def test_nothing_to_attach_leaves_the_form_as_it_is() -> None:
    base = form()
    assert append_attachments(base, [], template="forms/notification.docx") == base


def test_an_attachment_with_a_numbered_list_is_refused() -> None:
    doc = docx.Document()
    doc.add_paragraph("一", style="List Number")
    with pytest.raises(TemplateError) as caught:
        append_attachments(form("別紙"), [saved(doc)], template="bill.docx")
    assert str(caught.value) == (
        "bill.docx: attached document 1 (word/styles.xml): holds a numbered list (the style 'ListNumber'), "
        "which cannot be attached to another document"
    )


def png_1x1() -> bytes:
    """The smallest PNG: one white pixel."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xff"))
        + chunk(b"IEND", b"")
    )


def test_an_attachment_with_an_image_is_refused() -> None:
    doc = docx.Document()
    doc.add_picture(io.BytesIO(png_1x1()))
    with pytest.raises(TemplateError, match="holds an image or a link, which cannot be attached"):
        append_attachments(form("別紙"), [saved(doc)], template="bill.docx")


def pdf_pages(data: bytes, folder: Path) -> list[tuple[tuple[int, int], str]]:
    """Each page of the document as LibreOffice prints it: its size in points and its text."""
    source = folder / "form.docx"
    source.write_bytes(data)
    (pdf,) = convert_to_pdf([source], folder)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, flags=re.M)
    texts = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    return [((round(float(w)), round(float(h))), text) for (w, h), text in zip(sizes, texts, strict=False)]


LETTER, A4_LANDSCAPE = (612, 792), (842, 595)


@pytest.mark.usefixtures("pdf_tools")
def test_a_landscape_attachment_gets_landscape_pages_under_the_forms_header(tmp_path: Path) -> None:
    data = append_attachments(
        form("別紙", header="（案）"),
        [attachment("新旧対照表", landscape=True, header="写")],
        template="bill",
    )
    pages = pdf_pages(data, tmp_path)
    # the form on portrait Letter (python-docx's page), the label and the table on landscape A4, and no empty
    # page after them
    assert [size for size, _ in pages] == [LETTER, A4_LANDSCAPE]
    assert "議案第" in pages[0][1] and "別紙" in pages[1][1] and "新旧対照表" in pages[1][1]
    assert all("（案）" in text and "写" not in text for _, text in pages)


@pytest.mark.usefixtures("pdf_tools")
def test_after_a_landscape_attachment_the_next_one_is_on_the_forms_pages_again(tmp_path: Path) -> None:
    data = append_attachments(
        form("参考", "別紙"),
        [attachment("新旧対照表", landscape=True), attachment("第1条　甲は")],
        template="bill",
    )
    pages = pdf_pages(data, tmp_path)
    assert [size for size, _ in pages] == [LETTER, A4_LANDSCAPE, LETTER]
    assert "新旧対照表" in pages[1][1] and "第1条" in pages[2][1]
