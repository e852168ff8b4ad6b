"""`docgen import`: a signed agreement in Word becomes region, agreement and municipality YAML that build
the same text; another partner in the imported region prints the new partner where the parties are meant.

The Word files are made here (tests/import_helpers.py): the Mine agreement as docgen builds it and as an
office types it, and real agreements of other regions (tests/data/real, see SOURCES.md there) in two
layouts. The round trip builds the imported files with docgen and compares the document with the text the
Word file was made from, by the rules of tests/docx_text.py.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docx_text import body_lines, compare
from helpers import ROOT, run, snapshot
from import_helpers import MINE_TEXT, mine_docx, office_docx, real_head, real_text

from docgen.documents.batch import render
from docgen.importer import import_docx, read_agreement
from docgen.importer.references import PartyRef, References, escape

MINE_MARKER = "別表（第3条関係）"
REAL = {
    # name: (the first 別表's title, the reference comparison's marker; "-" where the document has none)
    "kumamoto-yamaga": "別表第1（第3条関係）",
    "fukuyama-mihara": "-",
    "himeji-inami-v1": "-",
    "matsue-yonago-sakaiminato": "-",
    "okayama-tamano": "-",
}


@pytest.fixture(scope="module")
def built_mine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The Mine agreement as `docgen build` writes it from the repository's files."""
    return render(ROOT / "agreements" / "yamaguchi-kenou" / "mine.yaml")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def full_width_captions(text: str) -> str:
    """The text with each caption line's parentheses full-width, as docgen prints captions (the importer
    warns about each caption written with half-width ones)."""
    return re.sub(r"(?m)^ ?\(([^()]+)\)$", r"（\1）", text)


def imported(tmp_path: Path, name: str, data: bytes, region: str = "region") -> Path:
    """Import the Word file into tmp_path/agreements; returns the agreement file."""
    result = import_docx(write(tmp_path, f"{name}.docx", data), tmp_path / "agreements", region)
    return result.agreement_file


# --- recognition -------------------------------------------------------------------------------------------


def test_mine_as_docgen_builds_it_is_recognised_paragraph_by_paragraph(built_mine: bytes) -> None:
    doc, _ = read_agreement(built_mine, "mine.docx")
    kinds = dict(doc.kinds)
    # paragraphs that hold text, in order (the empty one that ends the signature page's section is not told)
    assert [kind for place, kind in doc.kinds if place.startswith("paragraph ")] == [
        "cover",
        "cover",
        "title",
        "preamble",
        *["caption", "article"] * 6,
        "closing",
        "date",
        "signature",
        "signature",
        "appendix title",
        *["appendix heading"] * 6,  # the three fields and the three sub-fields of field 3
    ]
    assert [kinds[f"table {n}"] for n in range(1, 6)] == ["appendix table"] * 5
    assert [(s.label, s.address, s.name, s.title, s.head) for s in doc.signatures] == [
        ("甲", "山口市亀山町2番1号", "山口市", "山口市長", "渡辺純忠"),
        ("乙", "美祢市大嶺町東分326番地1", "美祢市", "美祢市長", "西岡晃"),
    ]
    assert doc.warnings == []


def test_mine_imports_as_the_repository_writes_it(tmp_path: Path, built_mine: bytes) -> None:
    """The imported region says what agreements/yamaguchi-kenou/region.yaml says: the same texts and
    references, the same article ids."""
    agreement = imported(tmp_path, "mine", built_mine, "yamaguchi-kenou")
    region = yaml.safe_load((agreement.parent / "region.yaml").read_text(encoding="utf-8"))
    expected = yaml.safe_load((ROOT / "agreements/yamaguchi-kenou/region.yaml").read_text(encoding="utf-8"))
    assert region == expected
    assert agreement.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schema/agreement.schema.json\n"
        "region: yamaguchi-kenou\ndate: 2017-03-30\nparties:\n  - 山口市\n  - 美祢市\n"
    )
    towns = yaml.safe_load((tmp_path / "agreements/municipalities.yaml").read_text(encoding="utf-8"))
    assert towns == {
        "municipalities": {
            # the prefecture from the national list; the heads known in office on the day they signed
            "山口市": {
                "address": "山口市亀山町2番1号",
                "title": "山口市長",
                "prefecture": "山口県",
                "heads": [{"name": "渡辺純忠", "known": dt.date(2017, 3, 30)}],
            },
            "美祢市": {
                "address": "美祢市大嶺町東分326番地1",
                "title": "美祢市長",
                "prefecture": "山口県",
                "heads": [{"name": "西岡晃", "known": dt.date(2017, 3, 30)}],
            },
        }
    }


@pytest.mark.parametrize(
    "layout", [{}, {"signature": "breaks", "indent": False}], ids=["paragraphs", "breaks"]
)
def test_office_typed_mine_imports_to_the_same_files_as_docgens(
    tmp_path: Path, built_mine: bytes, layout: dict[str, object]
) -> None:
    """No docgen styles, ideographic spaces for indents, captions as plain paragraphs, 別表 as ordinary
    tables: the same region and agreement as from the document docgen built."""
    office = imported(tmp_path / "office", "mine", mine_docx(**layout), "yamaguchi-kenou")
    built = imported(tmp_path / "built", "mine", built_mine, "yamaguchi-kenou")
    for name in ("region.yaml", "mine.yaml"):
        assert (office.parent / name).read_text(encoding="utf-8") == (built.parent / name).read_text(
            encoding="utf-8"
        )


def test_items_of_a_real_agreement_nest_by_their_labels(tmp_path: Path) -> None:
    """松江市・米子市・境港市: (1) → 1 → ア → (ア), 「(1)生活機能」 without a space; three parties."""
    doc, converted = read_agreement(office_docx(real_text("matsue-yonago-sakaiminato")), "nakaumi.docx")
    article = converted.region["articles"][2]["text"][0]
    assert article["items"] == [
        {
            "text": "生活機能の強化に係る政策分野",
            "items": [
                {"text": "医療", "items": [{"text": "保健医療を担う病院への支援", "items": ["取組の内容"]}]}
            ],
        }
    ]
    assert converted.region["item_labels"] == ["(1)", "1", "ア", "(ア)"]
    # 甲及び乙並びに丙 is no join docgen writes: the names become references one by one, the labels stay
    assert converted.region["preamble"] == (
        "{{ parties[0].name }}(以下「甲」という。)及び{{ parties[1].name }}(以下「乙」という。)並びに"
        "{{ parties[2].name }}(以下「丙」という。)は、定住自立圏の形成に関し、次のとおり協定を締結する。"
    )
    assert converted.region["closing"] == (
        "この協定の締結を証するため、本協定書{{ parties | length }}通を作成し、"
        "{{ parties | join_ja }}が記名押印の上、それぞれ各1通を保有する。"
    )


def test_a_label_line_with_its_text_below_joins_the_text_to_the_item(tmp_path: Path) -> None:
    """姫路市・稲美町: 「(a)　取組内容」, then the text on a line of its own; roles as items i, ii."""
    doc, converted = read_agreement(office_docx(real_text("himeji-inami-v1")), "inami.docx")
    item = converted.region["articles"][2]["text"][0]["items"][0]["items"][0]
    assert item["text"] == "産学金官民一体となった経済戦略の策定、国の成長戦略実施のための体制整備"
    assert item["items"][0] == (
        "取組内容圏域内の企業、大学、研究機関、金融機関、連携する市町等が一体となった協議会の運営並びに"
        "圏域の経済戦略の策定、推進及び進捗管理を行う。"
    )
    assert [i if isinstance(i, str) else i["text"] for i in item["items"][1]["items"]] == [
        "甲の役割事務局として協議会の運営に当たるとともに、中心となって圏域の経済戦略の策定、推進及び進捗管理を行う。",
        "乙の役割",
    ]
    assert converted.region["item_labels"] == ["(1)", "a", "(a)", "i"]
    warnings = [w for w in converted.warnings if "joined" in w]
    assert warnings == [
        "inami.docx: paragraph 12: text joined to the item (a) above it",
        "inami.docx: paragraph 15: text joined to the item i above it",
    ]


def test_names_in_a_member_list_and_in_a_place_stay_as_written() -> None:
    refs = References(
        [PartyRef(0, "甲", "福山市", "福山市長", True), PartyRef(1, "乙", "三原市", "三原市長")], {3: "roles"}
    )
    text = (
        "福山市及び三原市が、福山市、三原市、尾道市、府中市、世羅町、神石高原町、笠岡市及び井原市の区域で構成"
        "される圏域において、三原市立病院の運営を第3条に、地方自治法第3条の規定により定める。"
    )
    assert refs.text(text) == (
        '{{ parties | join_ja("{name}") }}が、福山市、三原市、尾道市、府中市、世羅町、神石高原町、'
        "笠岡市及び井原市の区域で構成される圏域において、三原市立病院の運営を{{ ref.roles }}に、"
        "地方自治法第3条の規定により定める。"
    )
    assert refs.kept == 1
    assert dict(refs.counts) == {"join": 1, "article": 1}


def test_literal_jinja_in_a_document_prints_as_written(tmp_path: Path) -> None:
    text = MINE_TEXT.replace(
        "相互に連携を図るものとする。", "相互に連携を図る{{ x }}{% y %}{# z #}ものとする。"
    )
    agreement = imported(tmp_path, "mine", mine_docx_text(text), "yamaguchi-kenou")
    assert "{{ '{{' }} x }}{{ '{%' }} y %}{{ '{#' }} z #}" in (agreement.parent / "region.yaml").read_text(
        "utf-8"
    )
    assert escape("a{{b") == "a{{ '{{' }}b"
    assert compare(render(agreement), text) == []


def mine_docx_text(text: str) -> bytes:
    return office_docx(text, cover=2)


def test_a_paragraph_with_a_label_docgen_does_not_number_is_kept_with_a_warning(tmp_path: Path) -> None:
    text = MINE_TEXT.replace(
        "相互に連携を図るものとする。\n", "相互に連携を図るものとする。\n①　この文は丸数字で始まる。\n"
    )
    path = write(tmp_path, "mine.docx", mine_docx_text(text))
    result = import_docx(path, tmp_path / "agreements", "yamaguchi-kenou")
    assert (
        f"{result.source}: paragraph 9: kept as literal text (a label docgen does not number)"
        in result.warnings
    )
    region = yaml.safe_load(result.region_file.read_text(encoding="utf-8"))
    assert region["articles"][1]["text"][1] == {"text": "①　この文は丸数字で始まる。", "label": ""}
    assert compare(render(result.agreement_file), text) == []


def test_word_numbering_gives_the_labels_word_shows(tmp_path: Path) -> None:
    """Items numbered by Word's list numbering ((%1) decimal, then aiueoFullWidth) read as labelled."""
    text = real_text("kumamoto-yamaga")
    data = numbered(
        office_docx(text, indent=False), {"(1) 圏域全体": 0, "(2) 高次": 0, "(3) 圏域全体の生活": 0}
    )
    doc, converted = read_agreement(data, "yamaga.docx")
    assert converted.region["articles"][2]["text"][0]["items"] == [
        "圏域全体の経済成長のけん引に係る政策分野(別表第1)",
        "高次の都市機能の集積・強化に係る政策分野(別表第2)",
        "圏域全体の生活関連機能サービスの向上に係る政策分野(別表第3)",
    ]


def numbered(data: bytes, starts: dict[str, int]) -> bytes:
    """The document with each paragraph that starts with a key numbered by a Word list "(%1)" instead of
    its typed label."""
    numbering = (
        b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        b'<w:numFmt w:val="decimal"/>'
        b'<w:lvlText w:val="(%1)"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
        b'<w:numFmt w:val="aiueoFullWidth"/><w:lvlText w:val="%2"/></w:lvl></w:abstractNum>'
        b'<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>'
    )
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                xml = content.decode("utf-8")
                for start in starts:
                    label, rest = start.split(" ", 1)
                    xml = xml.replace(
                        f"<w:p><w:r><w:t>{label} {rest}",
                        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>'
                        f"<w:r><w:t>{rest}",
                    )
                content = xml.encode("utf-8")
            elif info.filename == "word/numbering.xml":
                content = numbering
            target.writestr(info, content)
    return out.getvalue()


def test_a_cover_with_a_date_and_blocks_without_heads(tmp_path: Path) -> None:
    """The third-party copy of the 松山市・東温市 協約書: cover with a date, parties named, signature blocks
    with addresses and no heads' names (signed by hand)."""
    lines = real_head(
        "matsuyama-toon-mirror"
    )  # the head ends in the 別表's heading: the whole text before it
    path = write(tmp_path, "toon.docx", office_docx("\n".join(lines[: lines.index("東温市長") + 1]), cover=3))
    result = import_docx(path, tmp_path / "agreements", "matsuyama")
    region = yaml.safe_load(result.region_file.read_text(encoding="utf-8"))
    # docgen's cover holds its title and the names; the date on the cover goes after the title, told
    assert region["cover"] == "連携中枢都市圏形成に係る連携協約書"
    assert region["front"] == ["平成28年7月8日"]
    told = "cover page: 平成28年7月8日 kept as text after the title (front): docgen's cover holds its title"
    assert f"{result.source}: {told} and the parties' names" in result.warnings
    assert region["parties_called"] == "names"
    towns = yaml.safe_load(result.municipalities_file.read_text(encoding="utf-8"))["municipalities"]
    assert towns["松山市"]["address"] == "愛媛県松山市二番町四丁目7番地2"
    assert towns["東温市"]["heads"] == [
        {"name": "TODO: the head in office on the agreement's date", "known": dt.date(2016, 7, 8)}
    ]
    assert towns["東温市"]["prefecture"] == "愛媛県"
    assert any("no head's name in the signature block of 東温市" in w for w in result.warnings)
    assert region["closing"] == (
        "この協約の締結を証するため、本協約書{{ parties | length }}通を作成し、"
        '{{ parties | join_ja("{name}") }}が署名押印の 上、それぞれ各1通を保有する。'
    )


# --- the round trip --------------------------------------------------------------------------------------

LAYOUTS = {"paragraphs": {}, "breaks": {"signature": "breaks", "indent": False}}
CASES = [("mine", layout) for layout in LAYOUTS] + [(name, layout) for name in REAL for layout in LAYOUTS]


def case(name: str, layout: str) -> tuple[bytes, str, str]:
    """(the Word file, the text it shows as docgen prints it, the 別表 marker)."""
    if name == "mine":
        return mine_docx(**LAYOUTS[layout]), MINE_TEXT, MINE_MARKER
    text = real_text(name)
    return office_docx(text, **LAYOUTS[layout]), full_width_captions(text), REAL[name]


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_docgen_builds_the_imported_text(tmp_path: Path, name: str, layout: str) -> None:
    data, text, marker = case(name, layout)
    document = render(imported(tmp_path, name, data))
    assert compare(document, text, marker) == []


def test_docgen_builds_the_imported_mine_as_signed(tmp_path: Path, built_mine: bytes) -> None:
    assert compare(render(imported(tmp_path, "mine", built_mine, "yamaguchi-kenou")), MINE_TEXT) == []


# --- another partner in an imported region ---------------------------------------------------------------


def another_partner(agreement: Path, old: str, new: str) -> Path:
    """An agreement of the imported region with ``new`` instead of ``old``, as `docgen new` writes one,
    and ``new``'s entry in municipalities.yaml."""
    towns = agreement.parent.parent / "municipalities.yaml"
    signed = yaml.safe_load(agreement.read_text(encoding="utf-8"))["date"]  # the new head signs that day
    towns.write_text(
        towns.read_text(encoding="utf-8")
        + f"\n  {new}:\n    address: {new}試験町9番9号\n    title: {new}長\n"
        + f"    heads:\n      - name: 試験九郎\n        known: {signed}\n",
        encoding="utf-8",
    )
    target = agreement.with_name("other.yaml")
    target.write_text(agreement.read_text(encoding="utf-8").replace(f"  - {old}\n", f"  - {new}\n"), "utf-8")
    return target


@pytest.mark.parametrize(
    ("name", "old", "new", "fixed"),
    [
        ("mine", "美祢市", "周南市", 0),
        ("kumamoto-yamaga", "山鹿市", "菊池市", 0),
        ("fukuyama-mihara", "三原市", "尾道市", 1),  # 三原市 stays in the list of the region's members
        ("okayama-tamano", "玉野市", "備前市", 1),  # the preamble lists the members
    ],
)
def test_another_partner_is_printed_wherever_the_parties_are_meant(
    tmp_path: Path, name: str, old: str, new: str, fixed: int
) -> None:
    data, _text, _marker = case(name, "paragraphs")
    other = another_partner(imported(tmp_path, name, data), old, new)
    lines = body_lines(render(other))
    prose = "".join(lines)
    # a title that names the parties is the region's, with references: the new partner's title names it
    assert "title" not in yaml.safe_load(other.read_text("utf-8"))
    assert prose.count(old) == fixed
    assert prose.count(new) >= 3  # the signature block's name, title and at least one text
    # its signature block: one paragraph, the lines of which read as separated by spaces
    assert any(line.endswith(f"{new}試験町9番9号 {new} {new}長\u3000試験九郎") for line in lines)


def test_docgen_new_in_an_imported_region_prints_the_new_partner(
    tmp_path: Path, built_mine: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from docx_text import document_text

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "mine.docx", built_mine)
    assert run(["import", "mine.docx", "--region", "kenou"], capsys)[0] == 0
    status, out, err = run(
        ["new", "kenou", "shunan", "--party", "山口市", "--party", "周南市", "--date", "2017-03-30"], capsys
    )
    assert status == 0, err
    towns = Path("agreements/municipalities.yaml")
    towns.write_text(
        towns.read_text("utf-8")
        .replace('"TODO: the town hall\'s address as written in a signature block"', "周南市岐山通1丁目1番地")
        .replace('"TODO: the head\'s title, e.g. 周南市長"', "周南市長")
        .replace('"TODO: the head in office on the agreement\'s date"', "木村健一郎"),
        "utf-8",
    )
    status, out, err = run(["build", "agreements/kenou/shunan.yaml", "-o", "out"], capsys)
    assert status == 0, err
    text = document_text(Path("out/kenou/shunan.docx"))
    assert "美祢市" not in text
    assert text.count("周南市") >= 3


# --- the command ------------------------------------------------------------------------------------------


def test_command_prints_what_it_wrote_and_replaced(
    tmp_path: Path, built_mine: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "mine.docx", built_mine)
    status, out, err = run(["import", "mine.docx", "--region", "yamaguchi-kenou"], capsys)
    assert (status, err) == (0, "")
    assert out == (
        "wrote agreements/yamaguchi-kenou/region.yaml, agreements/yamaguchi-kenou/mine.yaml\n"
        "added 山口市, 美祢市 to agreements/municipalities.yaml\n"
        "parties (from the signature blocks): 山口市 (甲)、美祢市 (乙)\n"
        "written as references (check that each denotes the parties):\n"
        "    2  the parties' names on the cover\n"
        "    1  the parties' definitions (山口市（以下「甲」という。）…)\n"
        "    9  joins of the parties (甲及び乙, 福山市及び三原市, 熊本市長及び山鹿市長)\n"
        "    1  the number of originals (本協約書2通)\n"
        "    1  references to articles (第3条)\n"
        "    2  role headers in the 別表 (甲の役割)\n"
        "   38  role wording in the 別表 (乙と連携…)\n"
        "    2  signature blocks\n"
        "next: docgen check agreements/yamaguchi-kenou/mine.yaml, then docgen build "
        "agreements/yamaguchi-kenou/mine.yaml and compare it with mine.docx\n"
    )
    assert sorted(snapshot(tmp_path)) == [
        "agreements",
        "agreements/municipalities.yaml",
        "agreements/yamaguchi-kenou",
        "agreements/yamaguchi-kenou/mine.yaml",
        "agreements/yamaguchi-kenou/region.yaml",
        "mine.docx",
    ]


def test_command_warns_on_stderr_naming_the_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "inami.docx", office_docx(real_text("himeji-inami-v1")))
    status, out, err = run(["import", "inami.docx"], capsys)
    assert status == 0
    assert out.startswith("wrote agreements/inami/region.yaml, agreements/inami/inami.yaml\n")
    assert err.splitlines()[:2] == [
        "warning: inami.docx: paragraph 3: caption (目的) is printed （目的）",
        "warning: inami.docx: paragraph 5: caption (基本方針) is printed （基本方針）",
    ]
    assert "warning: inami.docx: paragraph 12: text joined to the item (a) above it" in err.splitlines()


def not_a_zip(tmp_path: Path) -> bytes:
    return "連携協約書\n".encode()


def locked(tmp_path: Path) -> bytes:
    # Word keeps a password-protected .docx in an OLE compound file, not a zip
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def truncated(tmp_path: Path) -> bytes:
    return mine_docx()[:3000]


def unsigned(tmp_path: Path) -> bytes:
    return office_docx(MINE_TEXT.split("\n平成29年3月30日")[0], cover=2)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("mine.txt", lambda p: b"text", "error: mine.txt: not a Word document (.docx)\n"),
        (
            "mine.doc",
            lambda p: b"text",
            "error: mine.doc: not a Word document (.docx) (an old .doc: open it in Word and save it "
            "as .docx)\n",
        ),
        ("mine.docx", not_a_zip, "error: mine.docx: not a Word document (.docx): File is not a zip file\n"),
        (
            "mine.docx",
            locked,
            "error: mine.docx: not a Word document (.docx): it is password-protected or an old .doc file; "
            "open it in Word and save it as a Word Document (.docx) without a password\n",
        ),
        ("mine.docx", truncated, "error: mine.docx: not a Word document (.docx): File is not a zip file\n"),
        (
            "mine.docx",
            unsigned,
            "error: mine.docx: no signature block: after the date, each party's address, name, head's "
            "title and head are expected (e.g. 甲　山口市亀山町2番1号 / 山口市 / 山口市長　渡辺純忠)\n",
        ),
        ("missing.docx", None, "error: missing.docx: no such file\n"),
    ],
    ids=["not-docx", "doc", "not-a-zip", "password", "truncated", "no-signature", "missing"],
)
def test_bad_input_is_told_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name, make, message
) -> None:
    monkeypatch.chdir(tmp_path)
    if make is not None:
        write(tmp_path, name, make(tmp_path))
    before = snapshot(tmp_path)
    status, out, err = run(["import", name, "--region", "kenou"], capsys)
    assert (status, out, err) == (1, "", message)
    assert snapshot(tmp_path) == before


def test_an_existing_region_is_never_overwritten(
    tmp_path: Path, built_mine: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    write(tmp_path, "mine.docx", built_mine)
    before = snapshot(tmp_path)
    status, out, err = run(["import", "mine.docx", "--region", "yamaguchi-kenou"], capsys)
    assert (status, out) == (1, "")
    assert err == (
        "error: agreements/yamaguchi-kenou/region.yaml already exists: import into another region "
        "(--region ID) or folder (-o FOLDER); docgen never overwrites a region or an agreement\n"
    )
    assert snapshot(tmp_path) == before


def test_municipalities_are_appended_and_an_entry_that_differs_is_kept(
    tmp_path: Path, built_mine: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into the repository's folder as a new region: 山口市 is there as signed, 美祢市 is there with
    another address (changed here), and both are kept as they are."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    towns = tmp_path / "agreements/municipalities.yaml"
    towns.write_text(
        towns.read_text("utf-8").replace("美祢市大嶺町東分326番地1", "美祢市大嶺町東分1番地"), "utf-8"
    )
    before = towns.read_bytes()
    write(tmp_path, "mine.docx", built_mine)
    status, out, err = run(["import", "mine.docx", "--region", "kenou"], capsys)
    assert status == 0
    assert "agreements/municipalities.yaml already has 山口市 as the document signs\n" in out
    assert "added" not in out
    assert err == (
        "warning: agreements/municipalities.yaml: 美祢市 is there with address '美祢市大嶺町東分1番地' "
        "(the document: '美祢市大嶺町東分326番地1'): kept as it is\n"
    )
    assert towns.read_bytes() == before


def test_a_new_party_is_appended_to_the_file_as_it_was(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    towns = tmp_path / "agreements/municipalities.yaml"
    before = towns.read_text("utf-8")
    write(tmp_path, "nakaumi.docx", office_docx(real_text("matsue-yonago-sakaiminato")))
    status, out, err = run(["import", "nakaumi.docx"], capsys)
    assert status == 0
    assert "added 松江市, 米子市, 境港市 to agreements/municipalities.yaml\n" in out
    after = towns.read_text("utf-8")
    assert after.startswith(before)
    assert after[len(before) :] == (
        "\n  松江市:  # imported from nakaumi.docx\n    address: 松江市試験町1番1号\n    title: 松江市長\n"
        "    prefecture: 島根県\n    heads:\n      - name: 試験一郎\n        known: 2009-10-07\n"
        "\n  米子市:  # imported from nakaumi.docx\n    address: 米子市試験町2番2号\n    title: 米子市長\n"
        "    prefecture: 鳥取県\n    heads:\n      - name: 試験二郎\n        known: 2009-10-07\n"
        "\n  境港市:  # imported from nakaumi.docx\n    address: 境港市試験町3番3号\n    title: 境港市長\n"
        "    prefecture: 鳥取県\n    heads:\n      - name: 試験三郎\n        known: 2009-10-07\n"
    )


def test_new_parties_are_appended_at_the_indent_of_a_file_indented_by_four_spaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A municipalities.yaml of the user's, indented by four spaces: the new entries are appended at its
    indent, as `docgen new` appends them, and the file still reads as one mapping."""
    monkeypatch.chdir(tmp_path)
    towns = tmp_path / "agreements/municipalities.yaml"
    towns.parent.mkdir()
    before = (
        "municipalities:\n"
        "    山口市:\n"
        "        address: 山口市亀山町2番1号\n"
        "        title: 山口市長\n"
        "        heads:\n"
        "            - name: 渡辺純忠\n"
    )
    towns.write_text(before, "utf-8")
    write(tmp_path, "nakaumi.docx", office_docx(real_text("matsue-yonago-sakaiminato")))
    status, out, err = run(["import", "nakaumi.docx"], capsys)
    assert status == 0
    assert "added 松江市, 米子市, 境港市 to agreements/municipalities.yaml\n" in out
    after = towns.read_text("utf-8")
    assert after.startswith(before)
    assert after[len(before) :] == (
        "\n    松江市:  # imported from nakaumi.docx\n"
        "      address: 松江市試験町1番1号\n      title: 松江市長\n      prefecture: 島根県\n"
        "      heads:\n        - name: 試験一郎\n          known: 2009-10-07\n"
        "\n    米子市:  # imported from nakaumi.docx\n"
        "      address: 米子市試験町2番2号\n      title: 米子市長\n      prefecture: 鳥取県\n"
        "      heads:\n        - name: 試験二郎\n          known: 2009-10-07\n"
        "\n    境港市:  # imported from nakaumi.docx\n"
        "      address: 境港市試験町3番3号\n      title: 境港市長\n      prefecture: 鳥取県\n"
        "      heads:\n        - name: 試験三郎\n          known: 2009-10-07\n"
    )
    municipalities = yaml.safe_load(after)["municipalities"]
    assert list(municipalities) == ["山口市", "松江市", "米子市", "境港市"]
    assert municipalities["境港市"] == {
        "address": "境港市試験町3番3号",
        "title": "境港市長",
        "prefecture": "鳥取県",
        "heads": [{"name": "試験三郎", "known": dt.date(2009, 10, 7)}],
    }


def test_signature_blocks_side_by_side_in_a_layout_table() -> None:
    """A table after the date, one party a column: read column by column."""
    head, rest = MINE_TEXT.split("\n甲　山口市亀山町2番1号")
    document = docx.Document()
    for line in head.split("\n"):
        document.add_paragraph(line)
    table = document.add_table(rows=4, cols=2)
    blocks = [("甲　山口市亀山町2番1号", "乙　美祢市大嶺町東分326番地1"), ("山口市", "美祢市")]
    blocks += [("山口市長", "美祢市長"), ("渡辺純忠", "西岡晃")]
    for row, cells in zip(table.rows, blocks, strict=True):
        row.cells[0].text, row.cells[1].text = cells
    out = io.BytesIO()
    document.save(out)
    doc, _ = read_agreement(out.getvalue(), "table.docx")
    assert [(s.label, s.address, s.name, s.title, s.head) for s in doc.signatures] == [
        ("甲", "山口市亀山町2番1号", "山口市", "山口市長", "渡辺純忠"),
        ("乙", "美祢市大嶺町東分326番地1", "美祢市", "美祢市長", "西岡晃"),
    ]
    assert ("table 1", "signature") in doc.kinds


def test_a_line_that_only_looks_like_a_label_imports_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """「( ) 」 and 「' 」 at a line's start are no kana labels (the character class once held the tuple's
    quotes, commas, spaces and parentheses, and the import stopped with a traceback)."""
    monkeypatch.chdir(tmp_path)
    lines = [
        "( ) 前項の協議が調わないときは、甲及び乙が別に定める。",
        "' この連携協約に定めのない事項は、甲及び乙が協議して定める。",
    ]
    text = MINE_TEXT.replace(
        "議会の議決を経なければならない。\n", "議会の議決を経なければならない。\n" + "\n".join(lines) + "\n"
    )
    assert text != MINE_TEXT
    write(tmp_path, "mine.docx", office_docx(text))
    status, out, err = run(["import", "mine.docx", "--region", "yamaguchi-kenou"], capsys)
    assert status == 0, err
    assert "Traceback" not in err
    region = Path("agreements/yamaguchi-kenou/region.yaml").read_text(encoding="utf-8")
    # each line kept as written, as a paragraph of the article (甲及び乙 becomes a reference, as elsewhere)
    assert "( ) 前項の協議が調わないときは、{{ parties | join_ja }}が別に定める。" in region
    assert "' この連携協約に定めのない事項は、{{ parties | join_ja }}が協議して定める。" in region
