"""Values are text, never markup or code: XML-special characters and Jinja syntax in a YAML value appear in
the document exactly as written, and the document still opens (in python-docx; LibreOffice converts it).

Plain docxtpl without autoescape writes ``&`` into the XML as it is and Word refuses the document; and a value
that is evaluated as Jinja would run code from an agreement file. Only the fields meant as templates (article
text, preamble, closing, role wording) are rendered, in the sandbox, and what they print is not rendered
again.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx_text import body_lines, document_text, header_texts

from docgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
REGION = Path("agreements/yamaguchi-kenou")

# Every character that means something to XML or to Jinja, and docxtpl's own escapes ({_{ prints {{ in a
# template, but not in a value)
NAME = "甲&乙<市>\"引用\"'単'{{ 7 * 7 }}{% if true %}x{% endif %}{_{ }_}"
ADDRESS = "1番地 & <b>2号</b> \"本館\" 'A' {{ parties }} {# 注 #}"
HEAD = "<w:t>山田</w:t> &amp; 太郎 {{ range(9) | list }}"
TITLE = "市長 & 副市長 <代理>"
ROW_ITEM = "A&B <取組> {{ x }}"
ROW_TEXT = '"&lt;" は < のこと、{% for x in y %}{{ x }}{% endfor %} はそのまま。'
AGREEMENT_TITLE = '連携協約 & <覚書> "案"'


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(value, ensure_ascii=False)


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """The region with a municipality whose every value is hostile, and an agreement between it and 山口市."""
    (tmp_path / REGION).mkdir(parents=True)
    shutil.copy(ROOT / REGION / "region.yaml", tmp_path / REGION)
    towns = (ROOT / "agreements/municipalities.yaml").read_text(encoding="utf-8")
    towns += (
        f"\n  {yaml_text(NAME)}:\n    address: {yaml_text(ADDRESS)}\n    title: {yaml_text(TITLE)}\n"
        f"    heads:\n      - name: {yaml_text(HEAD)}\n        known: 2017-03-30\n"
    )
    (tmp_path / "agreements/municipalities.yaml").write_text(towns, encoding="utf-8")
    (tmp_path / REGION / "hostile.yaml").write_text(
        "region: yamaguchi-kenou\n"
        "date: 2017-03-30\n"
        f"title: {yaml_text(AGREEMENT_TITLE)}\n"
        f"parties:\n  - 山口市\n  - {yaml_text(NAME)}\n"
        f"rows:\n  1ア:\n    item: {yaml_text(ROW_ITEM)}\n    text: {yaml_text(ROW_TEXT)}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    status = main(["build", "-o", "out", str(REGION / "hostile.yaml")])
    assert (status, capsys.readouterr().err) == (0, "")
    return tmp_path / "out/yamaguchi-kenou/hostile.docx"


def test_values_appear_literally(built: Path) -> None:
    lines = body_lines(built)
    text = "\n".join(lines)
    # the signature block, however the template lays it out: label and address, name, title and head
    assert f"乙\u3000{ADDRESS}" in text
    assert f"{TITLE}\u3000{HEAD}" in text
    # the cover prints the names (this one, longer than a cover line, on a line of its own after a line break,
    # which body_lines reads as a space); the preamble prints them through a template field
    # ({{ parties | join_ja }})
    assert f"山口市 {NAME}" in lines
    assert f"山口市（以下「甲」という。）及び{NAME}（以下「乙」という。）は、" in text
    # a 別表 row changed by the agreement
    assert any(line.startswith(f"ア\u3000{ROW_ITEM}\t{ROW_TEXT}\t") for line in lines)
    assert AGREEMENT_TITLE in lines
    # nothing was evaluated: no 49, no [0, 1, …], no list of the parties
    assert "49" not in text and "[0, 1" not in text and "Party(" not in text


def test_the_document_opens(built: Path) -> None:
    document = Document(str(built))  # python-docx parses every part it reads
    assert document.core_properties.title == AGREEMENT_TITLE
    assert any(NAME in paragraph.text for paragraph in document.paragraphs)
    with zipfile.ZipFile(built) as package:
        assert package.testzip() is None


def test_template_fields_are_rendered_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A template field is rendered in the sandbox; what it prints (a tagged name) is not rendered again."""
    (tmp_path / REGION).mkdir(parents=True)
    shutil.copy(ROOT / REGION / "region.yaml", tmp_path / REGION)
    towns = (ROOT / "agreements/municipalities.yaml").read_text(encoding="utf-8")
    towns += f"\n  {yaml_text('{{ 6 * 7 }}町')}:\n    address: 住所\n    title: 町長\n"
    towns += "    heads:\n      - name: 某\n        known: 2017-03-30\n"
    (tmp_path / "agreements/municipalities.yaml").write_text(towns, encoding="utf-8")
    (tmp_path / REGION / "t.yaml").write_text(
        "region: yamaguchi-kenou\ndate: 2017-03-30\nparties: [山口市, '{{ 6 * 7 }}町']\n"
        "closing: '{{ parties | length * 2 }}通 & {{ parties[1].name }} <以上>'\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-o", "out", str(REGION / "t.yaml")]) == 0
    lines = body_lines(tmp_path / "out/yamaguchi-kenou/t.docx")
    assert "4通 & {{ 6 * 7 }}町 <以上>" in lines
    assert not any("42" in line for line in lines)


def test_header_mark_and_values_together(built: Path, tmp_path: Path) -> None:
    """The header (the draft mark) is rendered too and stays a valid part."""
    assert header_texts(built) == [""]


@pytest.mark.skipif(
    shutil.which("soffice") is None and os.environ.get("CI") != "true",
    reason="LibreOffice is not installed (CI installs it and runs this test)",
)
def test_libreoffice_converts_it(built: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    assert soffice is not None, "CI must have LibreOffice: .ci/run installs it"
    profile = tmp_path / "profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(built),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "pdf" / "hostile.pdf"
    assert pdf.is_file(), result.stdout + result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "甲&乙<市>" in text.replace("\n", "")


def test_rendered_documents_are_valid_xml(built: Path) -> None:
    from lxml import etree

    with zipfile.ZipFile(built) as package:
        for name in package.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.parse(io.BytesIO(package.read(name)))  # raises on the first broken part


def test_literal_braces_in_the_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docxtpl's escape {_{ … }_} prints {{ … }} from the template's text; a value's "{_{" stays as it is."""
    (tmp_path / REGION).mkdir(parents=True)
    (tmp_path / "templates").mkdir()
    shutil.copy(ROOT / REGION / "region.yaml", tmp_path / REGION)
    shutil.copy(ROOT / "agreements/municipalities.yaml", tmp_path / "agreements")
    (tmp_path / REGION / "t.yaml").write_text(
        "region: yamaguchi-kenou\ndate: 2017-03-30\nparties: [山口市, 美祢市]\ntitle: 題名{_{ 値 }_}\n",
        encoding="utf-8",
    )
    template = Document(str(ROOT / "templates/renkei-kyoyaku.docx"))
    closing = next(p for p in template.paragraphs if p.text == "{{ closing }}")
    closing.runs[0].text = "{{ closing }}{_{ 記入例 }_}"
    template.save(str(tmp_path / "templates/braces.docx"))
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-o", "out", "-t", "templates/braces.docx", str(REGION / "t.yaml")]) == 0
    lines = body_lines(tmp_path / "out/yamaguchi-kenou/t.docx")
    assert any(line.endswith("それぞれ各1通を保有する。{{ 記入例 }}") for line in lines)
    assert "題名{_{ 値 }_}" in lines


def test_tabs_and_line_breaks_in_a_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A line break typed in a value (a YAML block) is a line break in Word, not a broken document."""
    (tmp_path / REGION).mkdir(parents=True)
    shutil.copy(ROOT / REGION / "region.yaml", tmp_path / REGION)
    shutil.copy(ROOT / "agreements/municipalities.yaml", tmp_path / "agreements")
    (tmp_path / REGION / "t.yaml").write_text(
        "region: yamaguchi-kenou\ndate: 2017-03-30\nparties: [山口市, 美祢市]\n"
        "rows:\n  1イ:\n    text: |-\n      一行目 & <二>\n      \t三行目\n"
        '  1ウ:\n    text: "CR\\rで改行\\r\\nCRLF"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-o", "out", str(REGION / "t.yaml")]) == 0
    docx = tmp_path / "out/yamaguchi-kenou/t.docx"
    # body_lines reads a tab or a line break inside a paragraph as a space
    assert any("\t一行目 & <二>  三行目\t" in line for line in body_lines(docx))
    # a carriage return ("\r" in YAML) is a line break like "\n", never a raw character in the XML
    assert any("\tCR で改行 CRLF\t" in line for line in body_lines(docx))
    with zipfile.ZipFile(docx) as package:
        assert b"\r" not in package.read("word/document.xml")
    assert Document(str(docx)).paragraphs
    assert "一行目" in document_text(docx)
