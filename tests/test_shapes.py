"""The shapes real agreements take, as region.yaml writes them and the template prints them: no cover page,
no preamble, parties called by name, items (号) nested in paragraphs (項), unnumbered paragraphs, 附則,
several 別表 (one kept as a table of text), references to articles by name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx_text import body_lines
from helpers import run, snapshot

ROOT = Path(__file__).resolve().parent.parent
REGION = """\
id: demo
name: 備後圏域
title: 福山市と三原市との間における連携中枢都市圏の形成に係る連携協約
parties_called: names
signature_address: false
articles:
  - id: purpose
    caption: 目的
    text: この連携協約は、{{ parties | join_ja("{name}") }}が連携することを目的とする。
  - id: roles
    caption: 連携する取組
    text:
      - text: "{{ parties | join_ja('{name}') }}は、次に掲げる取組を行う。"
        items:
          - 経済成長のけん引に関すること（別表第1）。
          - text: 高次の都市機能の集積に関すること。
            items:
              - 医療
              - text: 教育
                items: [高等教育, 研究]
      - 前項に定めるもののほか、必要な事項は協議して定める。
      - label: ""
        text: （注）この項には番号がない。
  - caption: 協約の期間
    text: この協約の期間は、{{ ref.purpose }}の目的を達するまでとする。
supplementary:
  - この協約は、令和2年4月1日から施行する。
closing: "この協約の締結を証するため、本書{{ parties | length }}通を作成し、\\
  {{ parties | join_ja('{title}') }}が記名押印の上、各自1通を保有する。"
appendices:
  - title: 別表第1（{{ ref.roles }}関係）
    heading: 取組
    roles: {central: 推進する。, partner: 協力する。}
    fields:
      - title: 経済
        rows:
          - {item: 産業, text: 産業を振興する。}
  - title: 別表第2
    table:
      - [区分, 内容, 備考]
      - [ア, 医療の連携, ""]
"""
AGREEMENT = "region: demo\ndate: 2017-03-30\nparties: [山口市, 美祢市]\n"


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "agreements/demo").mkdir(parents=True)
    shutil.copy(ROOT / "agreements/municipalities.yaml", tmp_path / "agreements")
    (tmp_path / "agreements/demo/region.yaml").write_text(REGION, encoding="utf-8")
    (tmp_path / "agreements/demo/mihara.yaml").write_text(AGREEMENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def built_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    status, out, err = run(["build", "-o", "out", "-t", str(ROOT / "templates/renkei-kyoyaku.docx")], capsys)
    assert (status, err) == (0, ""), err
    return body_lines(Path("out/demo/mihara.docx"))


def test_every_shape_prints_as_written(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = built_lines(capsys)
    assert lines == [
        "福山市と三原市との間における連携中枢都市圏の形成に係る連携協約",  # no cover page, no preamble
        "（目的）",
        "第1条　この連携協約は、山口市及び美祢市が連携することを目的とする。",
        "（連携する取組）",
        "第2条　山口市及び美祢市は、次に掲げる取組を行う。",
        "(1)　経済成長のけん引に関すること（別表第1）。",
        "(2)　高次の都市機能の集積に関すること。",
        "ア　医療",
        "イ　教育",
        "(ア)　高等教育",
        "(イ)　研究",
        "2　前項に定めるもののほか、必要な事項は協議して定める。",
        "（注）この項には番号がない。",
        "（協約の期間）",
        "第3条　この協約の期間は、第1条の目的を達するまでとする。",
        "附　則",
        "この協約は、令和2年4月1日から施行する。",
        "この協約の締結を証するため、本書2通を作成し、山口市長及び美祢市長が記名押印の上、各自1通を保有する。",
        "平成29年3月30日",
        # parties called by name: no label, and no address (signature_address: false)
        "山口市 山口市長　渡辺純忠",
        "美祢市 美祢市長　西岡晃",
        "",  # the empty paragraph that ends the section: the 別表 have a section of their own
        "別表第1（第2条関係）",
        "1　経済",
        "取組\t\t山口市の役割\t美祢市の役割",
        "ア　産業\t産業を振興する。\t推進する。\t協力する。",
        "別表第2",
        "区分\t内容\t備考",
        "ア\t医療の連携\t",
    ]


def test_item_labels_follow_the_region(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    region = demo / "agreements/demo/region.yaml"
    region.write_text(REGION + 'item_labels: ["1", "a", "(a)"]\n', encoding="utf-8")
    lines = built_lines(capsys)
    assert "1　経済成長のけん引に関すること（別表第1）。" in lines
    assert "a　医療" in lines and "(a)　高等教育" in lines and "(b)　研究" in lines


def test_a_reference_to_an_article_follows_its_number(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An article put in front renumbers the others, and every {{ ref }} with them."""
    region = demo / "agreements/demo/region.yaml"
    text = REGION.replace(
        "articles:\n",
        "articles:\n  - caption: 定義\n    text: この協約において用語の意義は、次のとおりとする。\n",
        1,
    )
    region.write_text(text, encoding="utf-8")
    lines = built_lines(capsys)
    assert "第4条　この協約の期間は、第2条の目的を達するまでとする。" in lines
    assert "別表第1（第3条関係）" in lines


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "{{ ref.purpose }}の目的",
            "{{ ref.purpse }}の目的",
            "articles[2].text[0]: no article named 'purpse' (articles with a name: purpose, roles)",
        ),
        (
            "  - caption: 協約の期間\n",
            "  - id: roles\n    caption: 協約の期間\n",
            "articles[2].id: 'roles' names another article already",
        ),
        (
            "                items: [高等教育, 研究]",
            "                items: [高等教育, {text: 研究, items: [a, {text: b, items: "
            "[c, {text: d, items: [e]}]}]}]",
            "articles[1].text[0].items[1].items[1].items[1].items[1].items[1].items: items nested 6 deep, "
            "and item_labels labels 5 levels",
        ),
        (
            "    table:\n",
            "    heading: 区分\n    table:\n",
            "appendices[1]: a 別表 has either 'heading', 'roles' and 'fields', or a 'table' of text, "
            "not both",
        ),
        (
            "    heading: 取組\n",
            "",
            "appendices[0]: a 別表 needs 'heading', or a 'table' of text",
        ),
        (
            "appendices:\n",
            "appendix: {title: 別表, table: [[a]]}\nappendices:\n",
            "a region has either 'appendix' (one 別表) or 'appendices' (several), not both",
        ),
        (
            "parties_called: names",
            "parties_called: name",
            "parties_called: must be 'labels' or 'names', not 'name'",
        ),
    ],
    ids=[
        "unknown-reference",
        "same-id-twice",
        "nested-too-deep",
        "table-and-fields",
        "missing-heading",
        "appendix-and-appendices",
        "parties-called",
    ],
)
def test_mistakes_in_the_new_shapes_are_told_where_they_are(
    demo: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, message: str
) -> None:
    region = demo / "agreements/demo/region.yaml"
    assert old in REGION
    region.write_text(REGION.replace(old, new, 1), encoding="utf-8")
    before = snapshot(demo)
    status, out, err = run(["build", "-o", "out", "-t", str(ROOT / "templates/renkei-kyoyaku.docx")], capsys)
    assert (status, out) == (1, "")
    assert err.startswith("error: agreements/demo/region.yaml:") and err.rstrip("\n").endswith(message), err
    assert err.count("\n") == 1
    assert snapshot(demo) == before


def test_each_level_of_items_has_a_style_of_its_own(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Items are indented by their level's style (Item 1 … Item 5), which the template defines."""
    import zipfile

    from lxml import etree

    built_lines(capsys)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile("out/demo/mihara.docx") as package:
        body = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
    defined = {style.get(w + "styleId"): style for style in styles.iter(w + "style")}
    found = {}
    for paragraph in body.iter(w + "p"):
        text = "".join(t.text or "" for t in paragraph.iter(w + "t"))
        style = paragraph.find(f"{w}pPr/{w}pStyle")
        found[text] = style.get(w + "val") if style is not None else None
    assert found["(1)　経済成長のけん引に関すること（別表第1）。"] == "Item1"
    assert found["ア　医療"] == "Item2"
    assert found["(ア)　高等教育"] == "Item3"
    assert found["2　前項に定めるもののほか、必要な事項は協議して定める。"] == "Article"
    indents = [int(defined[f"Item{level}"].find(f"{w}pPr/{w}ind").get(w + "left")) for level in (1, 2, 3)]
    assert indents == sorted(indents) and len(set(indents)) == 3  # each level further in


def test_without_a_table_there_is_no_section_break_and_no_empty_page(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    region = demo / "agreements/demo/region.yaml"
    region.write_text(REGION.split("appendices:")[0], encoding="utf-8")
    lines = built_lines(capsys)
    assert lines[-1] == "美祢市 美祢市長　西岡晃"  # the signatures end the document
    import zipfile

    with zipfile.ZipFile("out/demo/mihara.docx") as package:
        assert package.read("word/document.xml").count(b"<w:sectPr") == 1  # one section
