"""Tests of the .docx reading and reference comparison helper (tests/docx_text.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm
from docx.table import Table
from docx_text import (
    assert_matches_reference,
    body_lines,
    compare,
    document_text,
    header_texts,
    normalise,
    split_at_appendix,
)

REFERENCE = (Path(__file__).parent / "data" / "yamaguchi-mine-agreement.txt").read_text(encoding="utf-8")

# A legacy (VML) text box holding one paragraph, as Word writes it inside a run.
TEXT_BOX_RUN = (
    f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
    "<w:txbxContent><w:p><w:r><w:t>枠内</w:t></w:r></w:p></w:txbxContent>"
    "</v:textbox></v:shape></w:pict></w:r>"
)


def save(document: DocumentObject, tmp_path: Path, name: str = "test.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def add_row(table: Table, texts: list[str], *, merge_first_two: bool = False) -> None:
    row = table.add_row()
    if merge_first_two:
        row.cells[0].merge(row.cells[1])
    # After a merge python-docx gives the merged cell once per grid column; a new cell is already empty.
    for cell, text in zip(row.cells, texts, strict=True):
        if text:
            cell.text = text


def reference_document(text: str, *, free_layout: bool = False) -> DocumentObject:
    """A document built from a reference text: prose and headings as paragraphs, appendix rows as table rows.

    The first row of each appendix table (取組, empty, 甲の役割, 乙の役割) is one cell merged across the
    two left columns, as the template does. With ``free_layout`` the prose is laid out differently but with
    the same characters: the parties on the cover in a two-cell layout table, a label and its text
    (「第1条」, 「甲」, …) in separate runs with a tab between them.
    """
    document = Document()
    table = None
    in_appendix = False
    for line in text.split("\n"):
        in_appendix = in_appendix or line == "別表（第3条関係）"
        if in_appendix and "\t" in line:
            cells = line.split("\t")
            if table is None:
                table = document.add_table(rows=0, cols=len(cells))
                add_row(table, cells, merge_first_two=True)
            else:
                add_row(table, cells)
            continue
        table = None
        if not line:
            continue
        if free_layout and not in_appendix and "\u3000" in line:
            label, rest = line.split("\u3000", 1)
            if label == "山口市":
                layout = document.add_table(rows=0, cols=2)
                add_row(layout, [label, rest])
            else:
                paragraph = document.add_paragraph(label)
                paragraph.add_run().add_tab()
                paragraph.add_run(rest[:2])
                paragraph.add_run(rest[2:])
        else:
            document.add_paragraph(line)
    return document


# --- body_lines -----------------------------------------------------------------------------------------


def test_paragraph_runs_tab_and_line_break(tmp_path: Path) -> None:
    document = Document()
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(3))  # a w:tab in w:pPr, not text
    paragraph.add_run("連携協")
    paragraph.add_run("約書")
    run = paragraph.add_run("第1条")
    run.add_tab()
    run.add_text("目的")
    run.add_break(WD_BREAK.LINE)
    paragraph.add_run("続き")
    document.add_paragraph("")
    document.add_paragraph("二行目")

    assert body_lines(save(document, tmp_path)) == ["連携協約書第1条 目的 続き", "", "二行目"]


def test_reads_bytes_as_well_as_a_path(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("山口市　美祢市")
    path = save(document, tmp_path)

    assert body_lines(path.read_bytes()) == ["山口市　美祢市"]
    assert document_text(path) == "山口市　美祢市"


def test_deleted_text_is_left_out_and_inserted_text_read(tmp_path: Path) -> None:
    document = Document()
    paragraph = document.add_paragraph("協約")
    paragraph._p.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>旧</w:delText></w:r></w:del>')
    )
    paragraph._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t>新</w:t></w:r></w:ins>')
    )

    assert body_lines(save(document, tmp_path)) == ["協約新"]


def test_text_box_is_not_body_text(tmp_path: Path) -> None:
    document = Document()
    paragraph = document.add_paragraph("本文")
    paragraph._p.append(parse_xml(TEXT_BOX_RUN))

    assert body_lines(save(document, tmp_path)) == ["本文"]


def test_paragraph_in_block_content_control_is_read(tmp_path: Path) -> None:
    document = Document()
    after = document.add_paragraph("後")
    after._p.addprevious(
        parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="x"/></w:sdtPr>'
            "<w:sdtContent><w:p><w:r><w:t>統制内</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )

    assert body_lines(save(document, tmp_path)) == ["統制内", "後"]


def test_table_header_cell_spanning_two_columns(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("1 圏域全体の経済成長のけん引")
    table = document.add_table(rows=0, cols=4)
    add_row(table, ["取組", "", "甲の役割", "乙の役割"], merge_first_two=True)
    add_row(table, ["ア　経済戦略", "説明", "甲", "乙"])
    document.add_paragraph("後")
    path = save(document, tmp_path)

    with zipfile.ZipFile(path) as package:
        assert '<w:gridSpan w:val="2"/>' in package.read("word/document.xml").decode()
    assert body_lines(path) == [
        "1 圏域全体の経済成長のけん引",
        "取組\t\t甲の役割\t乙の役割",
        "ア　経済戦略\t説明\t甲\t乙",
        "後",
    ]


def test_vertically_merged_cell_continues_as_an_empty_cell(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "甲"
    for row, text in enumerate(["A", "B", "C"]):
        table.cell(row, 1).text = text
    # Text left in a continuation cell is not shown by Word and must not be read either.
    table.rows[1]._tr.tc_lst[0].p_lst[0].append(parse_xml(f"<w:r {nsdecls('w')}><w:t>残り</w:t></w:r>"))

    assert body_lines(save(document, tmp_path)) == ["甲\tA", "\tB", "\tC"]


def test_cell_merged_across_rows_and_columns(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "X"
    table.cell(0, 2).text = "C"
    table.cell(1, 2).text = "D"

    assert body_lines(save(document, tmp_path)) == ["X\t\tC", "\t\tD"]


def test_cell_paragraphs_are_joined_by_a_space(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "一"
    table.cell(0, 0).add_paragraph("二")
    table.cell(0, 1).text = "三"

    assert body_lines(save(document, tmp_path)) == ["一 二\t三"]


def test_document_text_joins_lines_without_normalising(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("第1条　この")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "甲"
    table.cell(0, 1).text = "乙"

    assert document_text(save(document, tmp_path)) == "第1条　この\n甲\t乙"


# --- header_texts --------------------------------------------------------------------------------------


def test_header_texts_reads_each_header_part(tmp_path: Path) -> None:
    document = Document()
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = "案"
    header._p.append(parse_xml(TEXT_BOX_RUN))
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "写"
    document.add_paragraph("本文")
    path = save(document, tmp_path)

    assert header_texts(path) == ["案\n枠内", "写"]
    assert body_lines(path) == ["本文"]


def test_header_texts_of_a_document_without_headers(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("本文")

    assert header_texts(save(document, tmp_path)) == []


# --- normalise and split_at_appendix ---------------------------------------------------------------------


def test_normalise_deletes_spaces_and_drops_empty_lines() -> None:
    lines = ["山口市　美祢市", "  ", "1 圏域 全体", "", "\u3000", "取組\t\t甲の役割", "\t"]

    assert normalise(lines) == ["山口市美祢市", "1圏域全体", "取組\t\t甲の役割", "\t"]


def test_split_at_appendix() -> None:
    lines = [
        "連携協約書",
        "甲\t山口市",
        "第1条この",
        "別表（第3条関係）",
        "1圏域",
        "取組\t\t甲の役割\t乙の役割",
    ]

    assert split_at_appendix(lines) == (
        "連携協約書甲山口市第1条この",
        ["別表（第3条関係）", "1圏域", "取組\t\t甲の役割\t乙の役割"],
    )


def test_split_without_appendix_is_all_prose() -> None:
    assert split_at_appendix(["連携協約書", "甲\t乙"]) == ("連携協約書甲乙", [])


def test_split_at_another_marker() -> None:
    assert split_at_appendix(["前文", "別表", "ア\tイ"], marker="別表") == ("前文", ["別表", "ア\tイ"])


# --- compare ----------------------------------------------------------------------------------------------


def test_reference_document_matches_the_reference(tmp_path: Path) -> None:
    path = save(reference_document(REFERENCE), tmp_path)

    assert compare(path, REFERENCE) == []
    assert_matches_reference(path, REFERENCE)
    # The document really has the reference's layout: one line per paragraph or table row, cells by TAB.
    assert body_lines(path)[:2] == ["連携協約書", "山口市　美祢市"]
    assert body_lines(path)[27:30] == [
        "1 圏域全体の経済成長のけん引",
        "取組\t\t甲の役割\t乙の役割",
        "ア　経済戦略の策定及び推進\t"
        "圏域内の各市町の経済団体等で構成する山口県央連携都市圏域ビジョン懇談会を開催し、"
        "圏域の経済戦略である山口県央連携都市圏域ビジョンの策定及び推進に取り組む。\t"
        "乙と連携・協力して、取組を推進する。\t"
        "甲と連携・協力して実施する事業について、甲と取組を推進する。",
    ]


def test_prose_may_be_laid_out_freely(tmp_path: Path) -> None:
    path = save(reference_document(REFERENCE, free_layout=True), tmp_path)

    assert body_lines(path)[1:3] == ["山口市\t美祢市", "山口県央連携都市圏域形成に係る連携協約"]
    assert body_lines(path)[5].startswith("第1条 この連携協約は、")
    assert compare(path, REFERENCE) == []


def test_headers_are_not_compared(tmp_path: Path) -> None:
    document = reference_document(REFERENCE)
    document.sections[0].header.paragraphs[0].text = "案"

    assert compare(save(document, tmp_path), REFERENCE) == []


def test_one_changed_character_of_an_article(tmp_path: Path) -> None:
    changed = REFERENCE.replace("費用の分担については", "費用の負担については")
    assert changed != REFERENCE
    path = save(reference_document(changed), tmp_path)

    assert compare(path, REFERENCE) == [
        "prose differs at character 406 (document 711 characters, reference 711):\n"
        "  document:  …用分担）第4条前条に規定する取組を実施するために要する費用の▶"
        "負担については、甲及び乙が協議して別に定める。（連絡会議）第…\n"
        "  reference: …用分担）第4条前条に規定する取組を実施するために要する費用の▶"
        "分担については、甲及び乙が協議して別に定める。（連絡会議）第…"
    ]
    with pytest.raises(AssertionError, match="prose differs at character 406"):
        assert_matches_reference(path, REFERENCE)


def test_missing_last_line_of_the_prose(tmp_path: Path) -> None:
    path = save(reference_document(REFERENCE.replace("西岡晃\n", "")), tmp_path)

    assert compare(path, REFERENCE) == [
        "prose differs at character 709 (document 708 characters, reference 711):\n"
        "  document:  …山口市長渡辺純忠乙美祢市大嶺町東分326番地1美祢市美祢市長▶(end)\n"
        "  reference: …山口市長渡辺純忠乙美祢市大嶺町東分326番地1美祢市美祢市長▶西岡晃"
    ]


def test_one_changed_table_cell(tmp_path: Path) -> None:
    changed = REFERENCE.replace("環境の保全", "環境の保護")
    assert changed != REFERENCE
    path = save(reference_document(changed), tmp_path)

    assert compare(path, REFERENCE) == [
        "appendix differs (cells separated by ' | '):\n"
        "--- reference\n"
        "+++ document\n"
        "@@ -21,3 +21,3 @@\n"
        " エ災害対策 | 災害時等の相互支援、防災・減災施策の推進など、災害対策に取り組む。"
        " | 乙と連携・協力して、取組を推進する。"
        " | 甲と連携・協力して実施する事業について、甲と取組を推進する。\n"
        "-オ環境 | 循環型社会構築、環境の保全などに取り組む。"
        " | 乙と連携・協力して、取組を推進する。"
        " | 甲と連携・協力して実施する事業について、甲と取組を推進する。\n"
        "+オ環境 | 循環型社会構築、環境の保護などに取り組む。"
        " | 乙と連携・協力して、取組を推進する。"
        " | 甲と連携・協力して実施する事業について、甲と取組を推進する。\n"
        " カその他 | 圏域における生活機能の強化に取り組む。"
        " | 乙と連携・協力して、取組を推進する。"
        " | 甲と連携・協力して実施する事業について、甲と取組を推進する。"
    ]
    with pytest.raises(AssertionError, match="appendix differs"):
        assert_matches_reference(path, REFERENCE)


def test_header_row_without_the_merge_is_a_difference(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("別表（第3条関係）")
    table = document.add_table(rows=0, cols=3)
    add_row(table, ["取組", "甲の役割", "乙の役割"])

    assert compare(save(document, tmp_path), "別表（第3条関係）\n取組\t\t甲の役割\t乙の役割\n") == [
        "appendix differs (cells separated by ' | '):\n"
        "--- reference\n"
        "+++ document\n"
        "@@ -1,2 +1,2 @@\n"
        " 別表（第3条関係）\n"
        "-取組 |  | 甲の役割 | 乙の役割\n"
        "+取組 | 甲の役割 | 乙の役割"
    ]


def test_missing_appendix(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("連携協約書")

    assert compare(
        save(document, tmp_path), "連携協約書\n別表（第3条関係）\n取組\t\t甲の役割\t乙の役割\n"
    ) == ["appendix missing: the document has no line '別表（第3条関係）'"]
