"""The core job: agreement YAML + region text + template → the Word document the mayors signed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx_text import assert_matches_reference, body_lines, document_text
from helpers import copy_mine_agreement, reelect

import docgen
from docgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = (Path(__file__).parent / "data" / "yamaguchi-mine-agreement.txt").read_text(encoding="utf-8")
TEMPLATE = ROOT / "templates" / "renkei-kyoyaku.docx"


@pytest.fixture
def region(tmp_path: Path) -> Path:
    """A copy of the Mine agreement's files to edit."""
    return copy_mine_agreement(tmp_path)


def test_docgen_build_command_writes_the_signed_mine_agreement(region_output: Path) -> None:
    # region_output (conftest.py): the installed command, run from the repository with no paths, as a user
    # does after the README's set-up command
    assert_matches_reference(region_output / "mine.docx", REFERENCE)


def test_render_returns_the_document_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = docgen.render(ROOT / "agreements" / "yamaguchi-kenou" / "mine.yaml")
    assert data[:2] == b"PK"
    assert list(tmp_path.iterdir()) == []
    assert_matches_reference(data, REFERENCE)


def test_build_of_one_file_names_the_output_after_region_and_file(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    status = main(
        ["build", str(region / "yamaguchi-kenou" / "mine.yaml"), "-o", str(out), "--template", str(TEMPLATE)]
    )
    assert status == 0
    assert capsys.readouterr().out == f"wrote 1 document to {out}/\n"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        ".docgen-written.json",  # what docgen wrote there, for --clean
        "yamaguchi-kenou",
        "yamaguchi-kenou/mine.docx",
    ]


def test_changing_the_mayor_in_yaml_changes_the_signature_block(region: Path) -> None:
    towns = region / "municipalities.yaml"
    towns.write_text(towns.read_text(encoding="utf-8").replace("西岡晃", "美祢太郎"), encoding="utf-8")
    text = document_text(docgen.render(region / "yamaguchi-kenou" / "mine.yaml", template=TEMPLATE))
    assert "美祢市長　美祢太郎" in text
    assert "西岡晃" not in text


def test_changing_a_row_in_the_region_changes_that_table_row(region: Path) -> None:
    file = region / "yamaguchi-kenou" / "region.yaml"
    old = "循環型社会構築、環境の保全などに取り組む。"
    file.write_text(
        file.read_text(encoding="utf-8").replace(old, "再生可能エネルギーの導入に取り組む。"),
        encoding="utf-8",
    )
    lines = body_lines(docgen.render(region / "yamaguchi-kenou" / "mine.yaml", template=TEMPLATE))
    row = next(line for line in lines if line.startswith("オ　環境"))
    assert row.split("\t") == [
        "オ　環境",
        "再生可能エネルギーの導入に取り組む。",
        "乙と連携・協力して、取組を推進する。",
        "甲と連携・協力して実施する事業について、甲と取組を推進する。",
    ]
    assert old not in "\n".join(lines)


def test_an_agreement_can_change_one_row_of_the_region(region: Path) -> None:
    file = region / "yamaguchi-kenou" / "mine.yaml"
    file.write_text(
        file.read_text(encoding="utf-8") + "rows:\n  2イ:\n    text: 交通網の強化に取り組む。\n"
        "    roles:\n      乙: 甲と共に取り組む。\n",
        encoding="utf-8",
    )
    lines = body_lines(docgen.render(file, template=TEMPLATE))
    row = (
        "イ　高度な中心拠点の整備・広域的な交通網の強化\t交通網の強化に取り組む。\t"
        "乙と連携・協力して、取組を推進する。\t甲と共に取り組む。"
    )
    assert row in lines
    # the other rows keep the region's wording
    assert "ウ　高等教育・研究開発の環境整備" in "\n".join(lines)


def test_a_later_date_is_written_in_the_era_of_that_date(region: Path) -> None:
    file = region / "yamaguchi-kenou" / "mine.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("2017-03-30", "2019-05-01"), encoding="utf-8")
    reelect(region / "municipalities.yaml", since="2019-04-01")  # heads in office on the new date
    assert "\n令和元年5月1日\n" in document_text(docgen.render(file, template=TEMPLATE))


def test_articles_may_have_numbered_paragraphs(region: Path) -> None:
    file = region / "yamaguchi-kenou" / "mine.yaml"
    file.write_text(
        # the region's 別表 refers to the article named roles: an agreement with articles of its own names one
        file.read_text(encoding="utf-8") + "articles:\n  - id: roles\n    caption: 目的\n    text:\n"
        "      - '{{ parties | join_ja }}は、連携する。'\n      - 前項の連携は、毎年度見直す。\n",
        encoding="utf-8",
    )
    text = document_text(docgen.render(file, template=TEMPLATE))
    assert "（目的）\n第1条　甲及び乙は、連携する。\n2　前項の連携は、毎年度見直す。\n" in text
    assert "第2条" not in text
    assert "別表（第1条関係）" in text


def test_template_is_an_a4_mincho_word_document_with_the_merged_header() -> None:
    document = docx.Document(str(TEMPLATE))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    with zipfile.ZipFile(TEMPLATE) as package:
        assert '<w:pgSz w:w="11906" w:h="16838"' in package.read("word/document.xml").decode()  # A4 in twips
        styles = package.read("word/styles.xml").decode()
        fonts = package.read("word/fontTable.xml").decode()
    assert 'w:eastAsia="ＭＳ 明朝"' in styles
    assert "Theme" not in styles.split("<w:docDefaults>")[1].split("</w:docDefaults>")[0]
    # the font table says what to substitute: a Japanese (Shift_JIS, 80) roman face, i.e. a Mincho
    assert '<w:font w:name="ＭＳ 明朝"><w:altName w:val="MS Mincho"/>' in fonts
    assert '<w:charset w:val="80"/><w:family w:val="roman"/>' in fonts
    roles = next(table for table in document.tables if "{{ appendix.heading }}" in table.cell(0, 0).text)
    header_row = roles.rows[0]._tr
    spans = header_row.xpath("./w:tc/w:tcPr/w:gridSpan/@w:val")
    assert spans == ["2"]
    names = {style.name for style in document.styles}
    assert {"Article", "Article Caption", "Signature", "Appendix Title", "Table Text"} <= names


# --- which template: the folder's own, else the one docgen ships -------------------------------------------


def test_a_folder_without_templates_builds_with_the_template_docgen_ships(
    region: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # as after `pip install docgen`: a folder that holds only agreements/ (CI also runs this from the wheel)
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    assert capsys.readouterr() == ("wrote 1 document to output/\n", "")
    assert_matches_reference(tmp_path / "output/yamaguchi-kenou/mine.docx", REFERENCE)
    assert main(["check"]) == 0
    assert capsys.readouterr() == ("ok: 1 agreement, template renkei-kyoyaku.docx (docgen's own)\n", "")


def test_a_local_templates_folder_wins_over_the_shipped_template(
    region: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    document = docx.Document(str(TEMPLATE))
    cover = next(p for p in document.paragraphs if p.text == "{{ cover }}")
    cover.runs[0].text = "{{ cover }}（当市の様式）"
    (tmp_path / "templates").mkdir()
    document.save(str(tmp_path / "templates" / "renkei-kyoyaku.docx"))
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    assert body_lines(tmp_path / "output/yamaguchi-kenou/mine.docx")[0] == "連携協約書（当市の様式）"
    assert main(["check"]) == 0
    assert capsys.readouterr().out.endswith("ok: 1 agreement, template templates/renkei-kyoyaku.docx\n")
