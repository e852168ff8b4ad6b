"""Word opens every document docgen writes (issue #26): each kind of document is valid Office Open XML by
openxml-audit (the Open XML SDK's checks, Office 2019 rules), and the check finds an element written out of
the schema's order.

Each kind is made once and checked once (about 30 ms a document once the validator has loaded its schemas,
half a second, once a process): the agreement in each mode and with seals, of 2 and of 10 parties (the
landscape 別表), the amending agreement and its 新旧対照表 (underlines, a landscape page), the council bill,
notice and notification of a conclusion and of a change (the agreement and the 新旧対照表 attached), a
定住自立圏形成協定's notice of abolition (通告書) and the bill attaching it, and an agreement imported from
Word and built again. docs/reference/ooxml.en.md says what this proves and what not.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx_text import body_lines, header_texts
from helpers import edit, reelect, run
from import_helpers import office_docx, real_text
from test_many_parties import agreements, render  # noqa: F401  (the fixture: ten parties' agreement)

import docgen
from docgen.cli import main
from docgen.importer import import_docx
from docgen.word import ooxml
from docgen.word.ooxml import Finding, explain, false_positive, findings, insert_in_order, raw_findings

ROOT = Path(__file__).resolve().parent.parent
MINE = Path("yamaguchi-kenou/mine.yaml")
TITLE = "山口県央連携都市圏域形成に係る連携協約"
DOCUMENT = "word/document.xml"


def part(path: Path, name: str = DOCUMENT) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


def with_part(source: Path, target: Path, change: Callable[[str], str], name: str = DOCUMENT) -> Path:
    """A copy of the package at ``source`` with one part changed, written to ``target``."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in package.infolist():
            data = package.read(entry.filename)
            if entry.filename == name:
                changed = change(data.decode("utf-8"))
                assert changed != data.decode("utf-8"), "the change changed nothing"
                data = changed.encode("utf-8")
            copy.writestr(entry, data)
    target.write_bytes(out.getvalue())
    return target


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, agreements: Path) -> dict[str, Path]:  # noqa: F811
    """One document of each kind docgen writes, by name."""
    root = tmp_path_factory.mktemp("kinds")
    mine = ROOT / "agreements" / MINE
    kinds: dict[str, Path] = {}

    def keep(name: str, data: bytes) -> None:
        kinds[name] = root / f"{name}.docx"
        kinds[name].write_bytes(data)

    keep("agreement final, 2 parties", docgen.render(mine))
    keep("agreement draft with seals", docgen.render(mine, mode="draft", seal=True))
    keep("agreement copy", docgen.render(mine, mode="copy"))
    keep("agreement of 10 parties", render(agreements, 10))

    status = main(["build", "--procedure", str(mine), "-o", str(root / "built")])
    assert status == 0
    for form in ("bill", "notice", "notification"):
        kinds[f"{form} of a conclusion"] = root / "built" / "yamaguchi-kenou" / "mine" / f"美祢市-{form}.docx"

    abolished = root / "abolished"
    assert main(["abolish", str(mine), "--date", "2017-05-01", "--procedure", "-o", str(abolished)]) == 0
    kinds["abolishing agreement"] = abolished / "yamaguchi-kenou" / "mine.abolition.docx"
    for form in ("bill", "notice", "notification"):
        folder = abolished / "yamaguchi-kenou" / "mine"
        kinds[f"{form} of an abolition"] = folder / f"美祢市-abolition-{form}.docx"

    # a 定住自立圏形成協定 (the model text's article on 廃止) abolished by one party's notice: the letter, and
    # the bill that attaches it
    kyotei = root / "kyotei"
    shutil.copytree(ROOT / "agreements", kyotei)
    model = (ROOT / "docgen/model/data/region-teiju.yaml").read_text(encoding="utf-8")
    region = (kyotei / "yamaguchi-kenou/region.yaml").read_text(encoding="utf-8")
    region = (
        region[: region.index("  - id: changes")]
        + model[model.index("  - id: changes") : model.index("\nclosing:")]
        + region[region.index("\nclosing:") :]
    ).replace("\nkind: renkei", "\nkind: teiju")
    (kyotei / "yamaguchi-kenou/region.yaml").write_text(region, encoding="utf-8")
    notified = root / "notified"
    argv = ["abolish", str(kyotei / MINE), "--by", "美祢市", "--date", "2017-05-01", "--procedure", "--seal"]
    assert main([*argv, "-o", str(notified)]) == 0
    kinds["notice of abolition (通告書)"] = notified / "yamaguchi-kenou" / "mine.abolition-notice.docx"
    kinds["bill of an abolition by notice"] = (
        notified / "yamaguchi-kenou" / "mine" / "美祢市-abolition-bill.docx"
    )

    for side in ("old", "new"):
        shutil.copytree(ROOT / "agreements", root / side)
    reelect(root / "new" / "municipalities.yaml")  # heads in office on the change's date (2024)
    # a phrase of the 別表 and a word of an article change: both underlined in the 新旧対照表
    edit(
        root / "new" / "yamaguchi-kenou" / "region.yaml",
        "循環型社会構築、環境の保全",
        "循環型社会の構築、環境の保全",
    )
    edit(root / "new" / "yamaguchi-kenou" / "region.yaml", "毎年度、連絡会議", "毎年度、連携会議")
    changed = root / "changed"
    argv = [
        "amend",
        str(root / "old" / MINE),
        str(root / "new" / MINE),
        "--date",
        "2024-04-01",
        "--procedure",
    ]
    assert main([*argv, "-o", str(changed)]) == 0
    kinds["amending agreement"] = changed / "yamaguchi-kenou" / "mine.amendment.docx"
    kinds["新旧対照表"] = changed / "yamaguchi-kenou" / "mine.comparison.docx"
    for form in ("bill", "notice", "notification"):
        kinds[f"{form} of a change"] = changed / "yamaguchi-kenou" / "mine" / f"美祢市-change-{form}.docx"

    imported = root / "imported"
    source = root / "kumamoto-yamaga.docx"
    source.write_bytes(office_docx(real_text("kumamoto-yamaga")))
    import_docx(source, imported, region="kumamoto-yamaga")
    agreement = next(p for p in (imported / "kumamoto-yamaga").glob("*.yaml") if p.name != "region.yaml")
    keep("imported, then built", docgen.render(agreement))
    return kinds


# what shows that each document is of the kind it is named for: its text, its header, its XML
KINDS: dict[str, Callable[[Path], bool]] = {
    "agreement final, 2 parties": lambda p: (
        body_lines(p)[1:3] == ["山口市\u3000美祢市", TITLE] and header_texts(p) == [""]
    ),
    "agreement draft with seals": lambda p: (
        header_texts(p) == ["（案）"] and '<w:tab/><w:t xml:space="preserve">印' in part(p)
    ),
    "agreement copy": lambda p: header_texts(p) == ["写"],
    "agreement of 10 parties": lambda p: 'w:orient="landscape"' in part(p) and "島根県吉賀町" in part(p),
    "bill of a conclusion": lambda p: "別紙" in body_lines(p) and TITLE in body_lines(p),
    "notice of a conclusion": lambda p: TITLE in body_lines(p),
    "notification of a conclusion": lambda p: body_lines(p)[2] == "山口県知事\u3000様",
    "amending agreement": lambda p: body_lines(p)[0] == f"{TITLE}の一部を変更する連携協約",
    "新旧対照表": lambda p: '<w:u w:val="single"/>' in part(p) and 'w:orient="landscape"' in part(p),
    # the change's bill carries the amending agreement and the landscape 新旧対照表, a section of its own
    "bill of a change": lambda p: "変更" in "".join(body_lines(p)) and 'w:orient="landscape"' in part(p),
    "notice of a change": lambda p: "変更" in "".join(body_lines(p)),
    "notification of a change": lambda p: body_lines(p)[2] == "山口県知事\u3000様" and "変更" in part(p),
    "notice of abolition (通告書)": lambda p: body_lines(p)[2] == "山口市長\u3000渡辺純忠\u3000様",
    "bill of an abolition by notice": lambda p: (
        "別紙" in body_lines(p) and "（通告）" in "".join(body_lines(p))
    ),
    "imported, then built": lambda p: "<w:tbl>" in part(p) and "山鹿市" in "".join(body_lines(p)),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_document_is_valid_office_open_xml(made: dict[str, Path], kind: str) -> None:
    path = made[kind]
    assert KINDS[kind](path), f"{path.name} is not a {kind}"
    assert [explain(finding, path) for finding in findings(path)] == []


# --- the check finds what Word may refuse -------------------------------------------------------------------

# an element moved out of the schema's order in each kind of properties docgen writes
OUT_OF_ORDER = {
    "tblPr": (r'(<w:tblBorders>.*?</w:tblBorders>)(<w:tblLayout w:type="fixed"/>)', r"\2\1", "tblBorders"),
    "tcPr": (r"(<w:tcW [^>]*/>)(<w:gridSpan [^>]*/>)", r"\2\1", "tcW"),
    "sectPr": (r"(<w:pgSz [^>]*/>)(<w:pgMar [^>]*/>)", r"\2\1", "pgSz"),
    "pPr": (r"<w:pPr>(<w:pStyle [^>]*/>)</w:pPr>", r'<w:pPr><w:jc w:val="left"/>\1</w:pPr>', "jc"),
    "rPr": (r'<w:rPr><w:u w:val="single"/></w:rPr>', r'<w:rPr><w:u w:val="single"/><w:b/></w:rPr>', "u"),
}


@pytest.mark.parametrize("properties", list(OUT_OF_ORDER))
def test_an_element_out_of_the_schema_s_order_is_found(
    made: dict[str, Path], tmp_path: Path, properties: str
) -> None:
    pattern, replacement, _ = OUT_OF_ORDER[properties]
    source = made["新旧対照表" if properties == "rPr" else "agreement final, 2 parties"]
    broken = with_part(
        source, tmp_path / "broken.docx", lambda xml: re.sub(pattern, replacement, xml, count=1)
    )
    found = findings(broken)
    assert len(found) == 1
    assert found[0].path.endswith(f"/{properties}[1]") and found[0].description.startswith(
        "Unexpected element"
    )


def test_the_warning_says_what_the_schema_expects(made: dict[str, Path], tmp_path: Path) -> None:
    pattern, replacement, _ = OUT_OF_ORDER["tblPr"]
    source = made["agreement final, 2 parties"]
    broken = with_part(
        source, tmp_path / "broken.docx", lambda xml: re.sub(pattern, replacement, xml, count=1)
    )
    (finding,) = findings(broken)
    assert explain(finding, broken) == (
        "/document[1]/body[1]/tbl[1]/tblPr[1]: w:tblBorders is out of the schema's order in w:tblPr: it must "
        "come before w:tblLayout (the order is w:tblStyle, w:tblW, w:jc, w:tblBorders, w:tblLayout, "
        "w:tblCellMar, w:tblLook, each once; the template has w:tblStyle, w:tblW, w:jc, w:tblLayout, "
        "w:tblBorders, w:tblCellMar, w:tblLook). Move it, or open the template in LibreOffice or Word and "
        "save it again as .docx, which writes the schema's order"
    )


# --- the validator's false positives, dropped by one narrow rule --------------------------------------------


def boolean_finding(element: str, value: str, attribute: str = "val") -> Finding:
    return Finding(
        "/word/document.xml",
        f"/document[1]/body[1]/tbl[1]/tr[2]/trPr[1]/{element}[1]",
        attribute,
        f"Invalid value for attribute '{attribute}': Value '{value}' is not in allowed values: ['off', 'on']",
    )


@pytest.mark.parametrize("value", ["0", "1", "true", "false"])
@pytest.mark.parametrize("element", ["cantSplit", "tblHeader", "bidiVisual", "hideMark", "semiHidden"])
def test_an_xsd_boolean_on_an_on_off_element_is_not_a_fault(element: str, value: str) -> None:
    # ECMA-376 types these CT_OnOff (xsd:boolean or on/off); Office's own schema, and so the validator, on/off
    assert false_positive(boolean_finding(element, value))


@pytest.mark.parametrize(
    "finding",
    [
        boolean_finding("cantSplit", "2"),  # not an xsd:boolean
        boolean_finding("cantSplit", "yes"),
        boolean_finding("cantSplit", "0", attribute="w"),  # another attribute
        boolean_finding("jc", "0"),  # an element that is no CT_OnOff
        boolean_finding("tblHeaderX", "0"),
        Finding(
            "/word/document.xml",
            "/document[1]/body[1]/tbl[1]/tblPr[1]",
            "tblBorders",
            "Unexpected element 'tblBorders' found",
        ),  # fmt: skip
        Finding(
            "/word/document.xml",
            "/document[1]/body[1]/tbl[1]/tr[2]/trPr[1]/cantSplit[1]",
            "val",
            "Invalid value for attribute 'val': Value '0' is not in allowed values: ['auto']",
        ),  # fmt: skip
    ],
    ids=str,
)
def test_nothing_else_is_dropped(finding: Finding) -> None:
    assert not false_positive(finding)


def test_the_validator_s_false_positive_is_dropped_in_a_document_and_a_true_fault_is_not(
    made: dict[str, Path], tmp_path: Path
) -> None:
    source = made["agreement final, 2 parties"]
    assert "<w:cantSplit/>" in part(source)
    lenient = with_part(
        source,
        tmp_path / "zero.docx",
        lambda xml: xml.replace("<w:cantSplit/>", '<w:cantSplit w:val="0"/>', 1),
    )
    assert [f.node for f in raw_findings(lenient)] == ["val"]  # the validator's words, which docgen drops
    assert findings(lenient) == []
    wrong = with_part(
        source,
        tmp_path / "two.docx",
        lambda xml: xml.replace("<w:cantSplit/>", '<w:cantSplit w:val="2"/>', 1),
    )
    assert [f.description for f in findings(wrong)] == [
        "Invalid value for attribute 'val': Value '2' is not in allowed values: ['off', 'on']"
    ]


# --- docgen's own XML edits keep the schema's order ---------------------------------------------------------


def test_insert_in_order_puts_a_property_where_the_schema_does() -> None:
    from lxml import etree

    w = f"{{{ooxml.W}}}"
    properties = etree.fromstring(
        f'<w:tblPr xmlns:w="{ooxml.W}"><w:tblStyle/><w:jc/><w:tblLayout/><w:tblLook/></w:tblPr>'
    )
    insert_in_order(properties, etree.Element(w + "tblBorders"))
    insert_in_order(properties, etree.Element(w + "tblW"))
    insert_in_order(properties, etree.Element(w + "tblDescription"))
    assert [etree.QName(c).localname for c in properties] == [
        "tblStyle", "tblW", "jc", "tblBorders", "tblLayout", "tblLook", "tblDescription"
    ]  # fmt: skip


# --- docgen check --template --------------------------------------------------------------------------------


@pytest.fixture
def region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the real agreements and no templates/ (docgen's own are used): the current folder."""
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_warns_of_a_template_whose_table_properties_are_out_of_order(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = with_part(
        ROOT / "templates" / "renkei-kyoyaku.docx",
        region / "mine.docx",
        lambda xml: xml.replace(
            '<w:tblW w:w="8787" w:type="dxa"/><w:jc w:val="center"/>',
            '<w:jc w:val="center"/><w:tblW w:w="8787" w:type="dxa"/>',
            1,
        ),  # fmt: skip
    )
    status, out, err = run(["check", "--template", broken.name], capsys)
    assert (status, out) == (0, "ok: 11 agreements, template mine.docx\n")
    assert err == (
        "warning: mine.docx (word/document.xml): Word may refuse or repair the documents made from this "
        "template: /document[1]/body[1]/tbl[1]/tblPr[1]: w:tblW is out of the schema's order in w:tblPr: it "
        "must come before w:jc (the order is w:tblStyle, w:tblW, w:jc, w:tblBorders, w:tblLayout, "
        "w:tblCellMar, w:tblLook, each once; the template has w:tblStyle, w:jc, w:tblW, w:tblBorders, "
        "w:tblLayout, w:tblCellMar, w:tblLook). Move it, or open the template in LibreOffice or Word and "
        "save it again as .docx, which writes the schema's order\n"
    )


def test_check_says_nothing_of_docgen_s_own_templates(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["check", "--procedure"], capsys)
    summary = "ok: 11 agreements, template renkei-kyoyaku.docx (docgen's own), forms (docgen's own) ("
    assert status == 0 and out.splitlines()[-1].startswith(summary)
    assert "warning" not in err


def test_check_says_when_it_cannot_check_the_schema(
    region: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ooxml, "_validator", None)
    monkeypatch.setitem(sys.modules, "openxml_audit", None)  # not installed: importing it fails
    own = with_part(  # a template of the user's own: docgen's, retitled
        ROOT / "templates" / "renkei-kyoyaku.docx",
        region / "own.docx",
        lambda xml: xml.replace("<dc:title>連携協約</dc:title>", "<dc:title>連携協約（当市）</dc:title>"),
        name="docProps/core.xml",
    )
    status, out, err = run(["check", "--template", own.name], capsys)
    assert (status, out) == (0, "ok: 11 agreements, template own.docx\n")
    assert err == (
        "warning: the templates were not checked against Word's schema: openxml-audit is not installed "
        "(pip install 'docgen[validate]')\n"
    )


def test_check_goes_on_when_the_validator_fails(
    region: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(path: Path) -> list[Finding]:
        raise RuntimeError("a part it cannot read")

    monkeypatch.setattr(ooxml, "findings", failing)
    own = with_part(
        ROOT / "templates" / "renkei-kyoyaku.docx",
        region / "own.docx",
        lambda xml: xml.replace("<dc:title>連携協約</dc:title>", "<dc:title>連携協約（当市）</dc:title>"),
        name="docProps/core.xml",
    )
    status, out, err = run(["check", "--template", own.name], capsys)
    assert (status, out) == (0, "ok: 11 agreements, template own.docx\n")
    assert err == (
        "warning: own.docx: openxml-audit could not check the template (RuntimeError: a part it cannot "
        "read)\n"
    )


# --- a valid template stays valid ---------------------------------------------------------------------------


def test_a_valid_template_with_more_properties_stays_valid_in_every_document_docgen_makes_of_it(
    agreements: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """docgen edits a table's width and grid, turns a section landscape and attaches the agreement to the
    forms; the properties a user's template has besides docgen's own stay, and stay in the schema's order."""

    def richer(xml: str) -> str:
        xml = xml.replace('<w:jc w:val="center"/><w:tblBorders>', '<w:jc w:val="center"/><w:tblInd w:w="0" '
                          'w:type="dxa"/><w:tblBorders>')  # fmt: skip
        xml = xml.replace("</w:tblBorders><w:tblLayout", '</w:tblBorders><w:shd w:val="clear" w:color="auto" '
                          'w:fill="auto"/><w:tblLayout')  # fmt: skip
        xml = re.sub(r"(<w:tcW [^>]*/>)(</w:tcPr>)", r'\1<w:vAlign w:val="top"/>\2', xml)
        return re.sub(r"(<w:cols [^>]*/>)", r'<w:pgNumType w:start="1"/>\1<w:titlePg w:val="0"/>', xml)

    template = with_part(ROOT / "templates" / "renkei-kyoyaku.docx", tmp_path / "richer.docx", richer)
    own = [f for f in findings(template) if "{{" not in f.description]
    assert own == []
    ten = tmp_path / "ten.docx"
    ten.write_bytes(docgen.render(agreements / "yamaguchi-kenou" / "parties-10.yaml", template=template))
    status = main(
        ["build", "--procedure", "--template", str(template), str(ROOT / "agreements" / MINE), "-o",
         str(tmp_path / "out")]
    )  # fmt: skip
    assert status == 0
    bill = tmp_path / "out" / "yamaguchi-kenou" / "mine" / "美祢市-bill.docx"
    assert 'w:orient="landscape"' in part(ten)  # the 別表 of ten parties turned
    for document in (ten, bill):
        xml = part(document)
        assert "<w:tblInd " in xml and "<w:pgNumType " in xml and "<w:vAlign " in xml
        assert [explain(finding, document) for finding in findings(document)] == []


def test_check_procedure_warns_of_a_form_template_of_the_user_s_own(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forms = region / "templates" / "forms"
    shutil.copytree(ROOT / "templates" / "forms", forms)
    pattern, replacement, _ = OUT_OF_ORDER["sectPr"]
    bill = forms / "bill.docx"
    with_part(bill, bill, lambda xml: re.sub(pattern, replacement, xml, count=1))
    status, out, err = run(
        ["check", "--procedure", "--template", str(ROOT / "templates" / "renkei-kyoyaku.docx")], capsys
    )
    assert status == 0 and out.splitlines()[-1].startswith("ok: 11 agreements")
    (warning,) = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert warning.startswith(
        "warning: templates/forms/bill.docx (word/document.xml): Word may refuse or repair the documents "
        "made from this template: /document[1]/body[1]/sectPr[1]: w:pgSz is out of the schema's order in "
        "w:sectPr: it must come before w:pgMar (the order is w:headerReference, w:pgSz, w:pgMar, "
    )
