"""Procedure documents (``--procedure``): each party's council bill (議案), public notice (告示) and
notification (届出), read back from the .docx a user gets.

The tests of the real region (``agreements/``) say so in their names; the others work on copies of the
fixture region in ``tmp_path``.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
from docx_text import body_lines, header_texts
from helpers import reelect, run, snapshot
from test_pdf import pdf_tools  # noqa: F401  (the fixture: LibreOffice, fonts and poppler are there)
from test_region import ELEVEN, SIGNATORIES

from docgen.base.errors import AgreementError
from docgen.documents.batch import resolve
from docgen.documents.forms import FormTemplates, render_forms
from docgen.documents.procedure import Attachment, load_procedure

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "region"
TITLE = "山口県央連携都市圏域形成に係る連携協約"
LAW = "地方自治法（昭和22年法律第67号）"
FORMS = ("bill", "notice", "notification")
# how each party names itself in its own documents (告示): without the prefecture of a town written with it
OWN_NAME = {name: name.removeprefix("島根県") for name in SIGNATORIES}


@pytest.fixture(scope="module")
def real_forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real region built once with `docgen build --procedure`, run from the repository."""
    out = tmp_path_factory.mktemp("procedure") / "output"
    result = subprocess.run(
        [sys.executable, "-m", "docgen", "build", "--procedure", "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"wrote 77 documents to {out}/: 11 agreements and 66 procedure documents\n"
        "note: the forms of 22 parties leave numbers or dates blank, to fill in by hand; "
        "`docgen check --procedure` lists them\n"
    )
    assert result.stderr == ""
    return out / "yamaguchi-kenou"


def parties_of(name: str) -> list[tuple[str, str]]:
    """(party, its partner) for both parties of an agreement of the region."""
    first, second = ELEVEN[name]
    return [(first, second), (second, first)]


# --- the real region --------------------------------------------------------------------------------


def test_real_region_writes_three_forms_for_each_party_beside_each_agreement(real_forms: Path) -> None:
    expected = {f"{name}.docx" for name in ELEVEN} | {
        f"{name}/{party}-{form}.docx" for name in ELEVEN for party, _ in parties_of(name) for form in FORMS
    }
    written = {p.relative_to(real_forms).as_posix() for p in real_forms.rglob("*") if p.is_file()}
    assert written == expected
    assert len(expected) == 11 + 11 * 2 * 3


def text_without_cover(lines: list[str]) -> list[str]:
    """A document's lines from its title on, without the 別表's header rows (a table continued on the next
    page repeats them, and a text without its cover page breaks its pages elsewhere)."""
    lines = lines[lines.index(TITLE) :]
    return [line for line in lines if not line.startswith("取組\t")]


@pytest.mark.parametrize("name", ELEVEN)
def test_real_bills_ask_each_council_to_approve_the_agreement_with_its_partner(
    real_forms: Path, name: str
) -> None:
    for party, other in parties_of(name):
        lines = body_lines(real_forms / name / f"{party}-bill.docx")
        title, head = SIGNATORIES[party][2].split("　")
        assert lines[:7] == [
            "議案第　号",
            f"{TITLE}の締結について",
            f"{other}との間において、別紙のとおり{TITLE}を締結することについて、{LAW}第252条の2第3項の規定"
            "により、議会の議決を求める。",
            "平成　年　月　日提出",  # blank, in the era of the agreement's date
            f"{title}　{head}",
            "提案理由",
            f"{other}と{TITLE}を締結するため、地方自治法第252条の2第3項の規定により議会の議決を求めるもの"
            "である。",
        ]
        # 別紙: the agreement's text as its own document prints it, without the cover sheet 「連携協約書」
        assert lines[7] == "別紙"
        assert lines[8] == TITLE
        assert text_without_cover(lines[8:]) == text_without_cover(body_lines(real_forms / f"{name}.docx"))


@pytest.mark.parametrize("name", ELEVEN)
def test_real_notices_publish_the_agreement_under_each_partys_own_name(real_forms: Path, name: str) -> None:
    for party, other in parties_of(name):
        lines = body_lines(real_forms / name / f"{party}-notice.docx")
        title, head = SIGNATORIES[party][2].split("　")
        assert lines[:6] == [
            f"{OWN_NAME[party]}告示第　号",
            f"{LAW}第252条の2第1項の規定により、{other}と{TITLE}を締結したので、同条第2項の規定により告示する。",
            "平成　年　月　日",
            f"{title}　{head}",
            "",  # the label before the full text is empty
            TITLE,  # the agreement's text, without the signing copy's cover sheet 「連携協約書」
        ]
        assert text_without_cover(lines[5:]) == text_without_cover(body_lines(real_forms / f"{name}.docx"))
        assert "連携協約書" not in lines


@pytest.mark.parametrize("name", ELEVEN)
def test_real_notifications_go_to_the_governor_of_each_partys_prefecture(real_forms: Path, name: str) -> None:
    for party, other in parties_of(name):
        lines = body_lines(real_forms / name / f"{party}-notification.docx")
        title, head = SIGNATORIES[party][2].split("　")
        governor = "島根県知事" if party == "島根県津和野町" else "山口県知事"
        assert lines == [
            "第　号",
            "平成　年　月　日",
            f"{governor}　様",
            f"{title}　{head}",
            "連携協約の締結について（届出）",
            f"{LAW}第252条の2第2項の規定により、下記のとおり届け出ます。",
            "記",
            f"1　連携協約の名称 {TITLE}",  # a tab reads as a space
            f"2　連携協約の相手方 {other}",
            "3　締結の日 平成29年3月30日",
            "4　議会の議決の日 平成　年　月　日",
            f"5　告示の日及び番号 平成　年　月　日（{OWN_NAME[party]}告示第　号）",
            "添付書類",
            "(1)　連携協約書の写し",
            "(2)　議会の議決書の写し",
            "(3)　告示の写し",
        ]


def test_real_tsuwano_notifies_shimane_and_every_other_party_yamaguchi(real_forms: Path) -> None:
    addressees = {
        (name, party): body_lines(real_forms / name / f"{party}-notification.docx")[2]
        for name in ELEVEN
        for party, _ in parties_of(name)
    }
    assert {key for key, value in addressees.items() if value == "島根県知事　様"} == {
        ("tsuwano", "島根県津和野町"),
        ("ube-tsuwano", "島根県津和野町"),
    }
    assert sum(value == "山口県知事　様" for value in addressees.values()) == 20


def test_real_region_check_procedure_notes_the_blanks_and_passes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    status, out, err = run(["check", "--procedure"], capsys)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    blanks = (
        "blank in the forms, to fill in by hand: bill.number, bill.date, bill.vote, notice.number, "
        "notice.date, notification.number, notification.date"
    )
    assert lines[:2] == [
        f"note: agreements/yamaguchi-kenou/hagi.yaml:8:5: procedure.山口市: {blanks}",
        f"note: agreements/yamaguchi-kenou/hagi.yaml:9:5: procedure.萩市: {blanks}",
    ]
    assert len(lines) == 23 and all(line.startswith("note: ") for line in lines[:22])
    assert lines[22] == (
        "ok: 11 agreements, template templates/renkei-kyoyaku.docx, forms templates/forms "
        "(22 with blanks to fill in by hand, noted above)"
    )


# --- numbers, dates and heads from the agreement file ----------------------------------------------


@pytest.fixture
def region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture region as ./agreements/yamaguchi-kenou in a fresh working folder."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE, tmp_path / "agreements")
    return tmp_path / "agreements" / "yamaguchi-kenou"


def agreement(region: Path, name: str, *parties: str, date: str = "2017-03-30", procedure: str = "") -> Path:
    path = region / f"{name}.yaml"
    lines = ["region: yamaguchi-kenou", f"date: {date}", "parties:", *(f"  - {p}" for p in parties)]
    path.write_text("\n".join(lines) + "\n" + procedure, encoding="utf-8")
    return path


FILLED = """\
procedure:
  山口市:
    bill: {number: 45, date: 2017-02-24, vote: 2017-03-16}
    notice: {number: 30, date: 2017-03-31}
    notification: {number: 山企第123号, date: 2017-04-03}
  島根県津和野町:
    bill:
      number: 12
      vote: 2017-03-10
"""


def build(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run(["build", "--procedure", *args], capsys)


def test_numbers_and_dates_given_are_printed_and_the_rest_is_blank(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agreement(region, "tsuwano", "山口市", "島根県津和野町", procedure=FILLED)
    status, _, err = build(capsys, "agreements/yamaguchi-kenou/tsuwano.yaml")
    assert (status, err) == (0, "")
    folder = Path("output/yamaguchi-kenou/tsuwano")
    bill = body_lines(folder / "山口市-bill.docx")
    assert bill[0] == "議案第45号" and bill[3] == "平成29年2月24日提出"
    assert body_lines(folder / "山口市-notice.docx")[:3] == [
        "山口市告示第30号",
        f"{LAW}第252条の2第1項の規定により、島根県津和野町と{TITLE}を締結したので、同条第2項の規定により告示する。",
        "平成29年3月31日",
    ]
    letter = body_lines(folder / "山口市-notification.docx")
    assert letter[:2] == ["山企第123号", "平成29年4月3日"]
    assert letter[10:12] == [
        "4　議会の議決の日 平成29年3月16日",
        "5　告示の日及び番号 平成29年3月31日（山口市告示第30号）",
    ]
    # 津和野町 gave its bill's number and vote only
    assert body_lines(folder / "島根県津和野町-bill.docx")[0] == "議案第12号"
    assert body_lines(folder / "島根県津和野町-bill.docx")[3] == "平成　年　月　日提出"
    letter = body_lines(folder / "島根県津和野町-notification.docx")
    assert letter[:3] == ["第　号", "平成　年　月　日", "島根県知事　様"]
    assert letter[10:12] == [
        "4　議会の議決の日 平成29年3月10日",
        "5　告示の日及び番号 平成　年　月　日（津和野町告示第　号）",
    ]


def test_check_procedure_notes_only_what_is_still_blank(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agreement(region, "tsuwano", "山口市", "島根県津和野町", procedure=FILLED)
    status, out, err = run(["check", "--procedure", "agreements/yamaguchi-kenou/tsuwano.yaml"], capsys)
    assert (status, err) == (0, "")
    assert out == (
        "note: agreements/yamaguchi-kenou/tsuwano.yaml:11:3: procedure.島根県津和野町: blank in the forms, "
        "to fill in by hand: bill.date, notice.number, notice.date, notification.number, notification.date\n"
        # the folder holds agreements only: the template and the forms are the ones docgen ships
        "ok: 1 agreement, template renkei-kyoyaku.docx (docgen's own), forms (docgen's own) (1 with blanks "
        "to fill in by hand, noted above)\n"
    )
    # without --procedure the blanks are not the check's business
    assert run(["check", "agreements/yamaguchi-kenou/tsuwano.yaml"], capsys) == (
        0,
        "ok: 1 agreement, template renkei-kyoyaku.docx (docgen's own)\n",
        "",
    )


@pytest.mark.parametrize(
    ("procedure", "place", "message"),
    [
        (
            "    bill: {vote: 2017-04-01}\n",
            "8:18",
            "procedure.山口市.bill.vote: the council's vote (2017-04-01) is after the signing (2017-03-30): "
            "by 地方自治法第252条の2第3項 the council approves an agreement before it is signed",
        ),
        (
            "    notice:\n      number: 3\n      date: 2017-03-29\n",
            "10:13",
            "procedure.山口市.notice.date: the notice (2017-03-29) is before the signing (2017-03-30): by "
            "地方自治法第252条の2第2項 an agreement is published and notified after it is signed",
        ),
        (
            "    notification: {date: 2017-03-01}\n",
            "8:26",
            "procedure.山口市.notification.date: the notification (2017-03-01) is before the signing "
            "(2017-03-30): by 地方自治法第252条の2第2項 an agreement is published and notified after it is "
            "signed",
        ),
        (
            "    notice: {date: 2017-04-05}\n    notification: {date: 2017-04-03}\n",
            "9:26",
            "procedure.山口市.notification.date: the notification (2017-04-03) is before the notice it "
            "reports (2017-04-05)",
        ),
        (
            "    bill: {date: 2017-03-20, vote: 2017-03-16}\n",
            "8:18",
            "procedure.山口市.bill.date: the bill is dated 2017-03-20, after the council's vote on it "
            "(2017-03-16)",
        ),
    ],
    ids=[
        "vote-after-signing",
        "notice-before",
        "notification-before",
        "letter-before-notice",
        "bill-after-vote",
    ],
)
@pytest.mark.parametrize("command", ["build", "check"])
def test_dates_against_the_laws_order_are_refused_where_written(
    region: Path, capsys: pytest.CaptureFixture[str], procedure: str, place: str, message: str, command: str
) -> None:
    agreement(region, "tsuwano", "山口市", "島根県津和野町", procedure="procedure:\n  山口市:\n" + procedure)
    before = snapshot(region.parent.parent)
    # refused with or without --procedure: the data is wrong either way
    status, out, err = run([command, "agreements/yamaguchi-kenou/tsuwano.yaml"], capsys)
    assert (status, out, err) == (
        1,
        "",
        f"error: agreements/yamaguchi-kenou/tsuwano.yaml:{place}: {message}\n",
    )
    assert snapshot(region.parent.parent) == before  # nothing written


def test_a_procedure_key_that_names_no_party_is_refused_with_a_hint(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agreement(region, "mine", "山口市", "美祢市", procedure="procedure:\n  美弥市:\n    bill: {number: 3}\n")
    status, out, err = build(capsys, "agreements/yamaguchi-kenou/mine.yaml")
    assert (status, out) == (1, "")
    assert err == (
        "error: agreements/yamaguchi-kenou/mine.yaml:7:3: procedure: '美弥市' is not a party of this "
        "agreement (did you mean '美祢市'?)\n"
    )
    assert not Path("output").exists()


GLASS = "ガラス町"  # ガ is カ + U+3099 in NFD, as macOS writes names


def add_glass_town(region: Path, since: str = "") -> None:
    towns = region.parent / "municipalities.yaml"
    entry = f"\n  {GLASS}:\n    address: {GLASS}1番地\n    title: {GLASS}長\n    prefecture: 山口県\n"
    head = "    heads:\n      - name: 硝子太郎\n" + (
        f"        since: {since}\n" if since else "        known: 2017-03-30\n"
    )
    towns.write_text(towns.read_text(encoding="utf-8") + entry + head, encoding="utf-8")


def test_a_party_named_in_another_unicode_form_is_the_same_party(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_glass_town(region)
    decomposed = unicodedata.normalize("NFD", GLASS)
    assert decomposed != GLASS
    agreement(
        region, "glass", "山口市", GLASS, procedure=f"procedure:\n  {decomposed}:\n    bill: {{number: 7}}\n"
    )
    assert build(capsys, "agreements/yamaguchi-kenou/glass.yaml")[0] == 0
    assert body_lines(Path(f"output/yamaguchi-kenou/glass/{GLASS}-bill.docx"))[0] == "議案第7号"


def test_without_a_prefecture_the_forms_are_refused_and_the_agreement_still_builds(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    towns = region.parent / "municipalities.yaml"
    text = towns.read_text(encoding="utf-8")
    towns.write_text(text.replace("    prefecture: 山口県\n", "", 1), encoding="utf-8")  # 山口市's
    line = text.splitlines().index("  山口市:") + 1
    status, out, err = build(capsys, "agreements/yamaguchi-kenou/mine.yaml")
    assert (status, out) == (1, "")
    assert err == (
        f"error: agreements/municipalities.yaml:{line}:3: municipalities.山口市: no 'prefecture': the "
        "notification (届出) is addressed to its governor; write prefecture: 山口県 (or kind: "
        "prefecture for a prefecture, which notifies 総務大臣)\n"  # 山口県: the national list's
    )
    assert not Path("output").exists()
    assert run(["build", "agreements/yamaguchi-kenou/mine.yaml"], capsys)[:2] == (
        0,
        "wrote 1 document to output/\n",
    )


def test_a_prefecture_that_is_a_party_notifies_the_minister(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    towns = region.parent / "municipalities.yaml"
    towns.write_text(
        towns.read_text(encoding="utf-8")
        + "\n  山口県:\n    address: 山口市滝町1番1号\n    title: 山口県知事\n    kind: prefecture\n"
        "    heads:\n      - name: 村岡嗣政\n        known: 2017-03-30\n",
        encoding="utf-8",
    )
    agreement(region, "pref", "山口県", "美祢市")
    assert build(capsys, "agreements/yamaguchi-kenou/pref.yaml")[0] == 0
    folder = Path("output/yamaguchi-kenou/pref")
    assert body_lines(folder / "山口県-notification.docx")[2:4] == ["総務大臣　様", "山口県知事　村岡嗣政"]
    assert body_lines(folder / "山口県-notice.docx")[0] == "山口県告示第　号"
    assert body_lines(folder / "美祢市-notification.docx")[2] == "山口県知事　様"


def test_each_form_is_signed_by_the_head_in_office_on_its_date(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 白井博文 until 2017-04-23, 藤田剛二 from 2017-04-24 (tests/fixtures/region/municipalities.yaml)
    procedure = """\
procedure:
  山陽小野田市:
    bill: {date: 2017-02-20, vote: 2017-03-15}
    notice: {date: 2017-04-24}
"""
    agreement(region, "sanyo-onoda", "山口市", "山陽小野田市", procedure=procedure)
    assert build(capsys, "agreements/yamaguchi-kenou/sanyo-onoda.yaml")[0] == 0
    folder = Path("output/yamaguchi-kenou/sanyo-onoda")
    assert body_lines(folder / "山陽小野田市-bill.docx")[4] == "山陽小野田市長　白井博文"
    assert body_lines(folder / "山陽小野田市-notice.docx")[3] == "山陽小野田市長　藤田剛二"
    # a letter not yet dated follows its notice
    assert body_lines(folder / "山陽小野田市-notification.docx")[3] == "山陽小野田市長　藤田剛二"
    # and the agreement itself, signed 2017-03-30, by 白井博文
    assert "山陽小野田市長　白井博文" in " ".join(body_lines(Path("output/yamaguchi-kenou/sanyo-onoda.docx")))


def test_a_document_dated_before_any_recorded_head_is_refused_at_its_date(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_glass_town(region, since="2017-04-01")
    procedure = f"procedure:\n  {GLASS}:\n    bill: {{vote: 2017-03-20}}\n"
    agreement(region, "glass", "山口市", GLASS, date="2017-04-10", procedure=procedure)
    assert run(["check", "agreements/yamaguchi-kenou/glass.yaml"], capsys) == (
        1,
        "",
        f"error: agreements/yamaguchi-kenou/glass.yaml:8:18: procedure.{GLASS}.bill.vote: no head of {GLASS} "
        f"recorded in office on 2017-03-20: the first recorded is 硝子太郎 (since 2017-04-01). Add the head "
        f"in office then to municipalities.yaml before the others under {GLASS}.heads, e.g. "
        "'- {name: …, known: 2017-03-20}'\n",
    )


def test_three_parties_name_both_partners(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(capsys, "agreements/yamaguchi-kenou/three-party.yaml")[0] == 0
    folder = Path("output/yamaguchi-kenou/three-party")
    assert body_lines(folder / "美祢市-bill.docx")[2].startswith("山口市及び宇部市との間において、")
    assert body_lines(folder / "山口市-notification.docx")[8] == "2　連携協約の相手方 宇部市及び美祢市"
    assert len(list(folder.iterdir())) == 9


def test_the_attached_agreement_has_no_seal_and_no_header(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, _ = build(capsys, "--mode", "draft", "--seal", "agreements/yamaguchi-kenou/mine.yaml")
    assert status == 0
    agreement_text = " ".join(body_lines(Path("output/yamaguchi-kenou/mine.docx")))
    bill = Path("output/yamaguchi-kenou/mine/美祢市-bill.docx")
    assert " 印" in agreement_text  # the agreement to sign is sealed
    assert " 印" not in " ".join(body_lines(bill))  # its 別紙 is not
    assert header_texts(bill) == ["（案）"]  # the bill's own draft mark, once: the agreement's is not copied


def test_a_municipalitys_own_form_is_used_for_it_alone(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_glass_town(region)
    agreement(region, "glass", "山口市", GLASS)
    forms = Path("forms")
    shutil.copytree(ROOT / "templates" / "forms", forms)
    own = docx.Document(str(forms / "bill.docx"))
    own.paragraphs[0].runs[0].text = "ガラス町議会議案第{{ bill.number }}号"
    for run_ in own.paragraphs[0].runs[1:]:
        run_.text = ""
    # a folder made on macOS is named in decomposed form; it is still ガラス町's
    folder = forms / unicodedata.normalize("NFD", GLASS)
    folder.mkdir()
    own.save(str(folder / "bill.docx"))
    status, _, err = build(capsys, "--forms", "forms", "agreements/yamaguchi-kenou/glass.yaml")
    assert (status, err) == (0, "")
    assert body_lines(Path(f"output/yamaguchi-kenou/glass/{GLASS}-bill.docx"))[0] == "ガラス町議会議案第　号"
    assert body_lines(Path("output/yamaguchi-kenou/glass/山口市-bill.docx"))[0] == "議案第　号"
    # its notice and notification are the shared ones
    assert body_lines(Path(f"output/yamaguchi-kenou/glass/{GLASS}-notice.docx"))[0] == "ガラス町告示第　号"


@pytest.mark.parametrize("command", ["build", "check"])
def test_forms_without_procedure_is_a_mistake(
    region: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    assert run([command, "--forms", "forms"], capsys) == (
        1,
        "",
        "error: --forms names the templates of the procedure documents: add --procedure\n",
    )
    assert not Path("output").exists()


def test_a_form_template_that_reads_an_unknown_value_is_named_by_check(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forms = Path("forms")
    shutil.copytree(ROOT / "templates" / "forms", forms)
    broken = docx.Document(str(forms / "notice.docx"))
    broken.add_paragraph("{{ party.haed }}")
    broken.save(str(forms / "notice.docx"))
    status, out, err = run(
        ["check", "--procedure", "--forms", "forms", "agreements/yamaguchi-kenou/mine.yaml"], capsys
    )
    assert (status, out) == (1, "")
    assert err == (
        "error: forms/notice.docx (word/document.xml): unknown variable 'party.haed' (did you mean 'head'?) "
        "in {{ party.haed }}\n"
    )


def test_nothing_is_written_outside_the_output_folder(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(region.parent)
    assert build(capsys)[0] == 0
    assert snapshot(region.parent) == before
    written = sorted(p.as_posix() for p in Path(".").rglob("*") if p.is_file() and p.parts[0] != "agreements")
    assert written == sorted(
        [f"output/yamaguchi-kenou/{name}.docx" for name in ("mine", "sanyo-onoda", "three-party")]
        + ["output/.docgen-written.json"]  # what the build wrote there, for --clean
        + [
            f"output/yamaguchi-kenou/{name}/{party}-{form}.docx"
            for name, parties in (
                ("mine", ("山口市", "美祢市")),
                ("sanyo-onoda", ("山口市", "山陽小野田市")),
                ("three-party", ("山口市", "宇部市", "美祢市")),
            )
            for party in parties
            for form in FORMS
        ]
    )


def test_the_forms_are_the_same_bytes_on_every_build(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(capsys, "-o", "one")[0] == 0
    assert build(capsys, "-o", "two")[0] == 0
    assert snapshot(Path("one")) == snapshot(Path("two"))


def test_a_draft_without_a_date_leaves_the_dates_blank_in_todays_era(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = region / "mine.yaml"
    path.write_text("region: yamaguchi-kenou\nparties:\n  - 山口市\n  - 美祢市\n", encoding="utf-8")
    status, _, err = build(capsys, "--mode", "draft", "agreements/yamaguchi-kenou/mine.yaml")
    assert (status, err) == (0, "")
    letter = body_lines(Path("output/yamaguchi-kenou/mine/美祢市-notification.docx"))
    assert letter[1] == "令和　年　月　日"
    assert letter[3] == "美祢市長　"  # no date, no head in office to name: written in by hand
    assert letter[9] == "3　締結の日 令和　年　月　日"
    assert header_texts(Path("output/yamaguchi-kenou/mine/美祢市-notification.docx")) == ["（案）"]


# --- a change (変更) -------------------------------------------------------------------------------


def document(*lines: str) -> bytes:
    doc = docx.Document()
    for line in lines:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_change_asks_for_the_vote_under_paragraph_4_and_attaches_both_documents(region: Path) -> None:
    # the agreement as changed, signed on the day of the change; its change_procedure is the change's
    reelect(region.parent / "municipalities.yaml", since="2019-03-01")  # heads in office in 2019
    path = agreement(
        region,
        "mine",
        "山口市",
        "美祢市",
        date="2019-05-01",
        procedure="change_procedure:\n  美祢市:\n    bill: {number: 8, vote: 2019-03-20}\n",
    )
    resolved = resolve(path)
    procedure = load_procedure(resolved, action="変更", original=dt.date(2017, 3, 30))
    amending = document(f"{TITLE}の一部を変更する連携協約", "第3条中「甲」を「乙」に改める。")
    comparison = document("新旧対照表", "（傍線部分は変更部分）")
    forms = {
        (made.party, made.form): made.docx
        for made in render_forms(
            procedure,
            [Attachment("agreement", amending), Attachment("comparison", comparison)],
            FormTemplates(),
        )
    }
    bill = body_lines(forms["美祢市", "bill"])
    assert bill[:7] == [
        "議案第8号",
        f"{TITLE}の変更について",
        f"山口市との間において平成29年3月30日に締結した{TITLE}を別紙のとおり変更することについて、{LAW}"
        "第252条の2第4項の規定によりその例によることとされる同条第3項の規定により、議会の議決を求める。",
        "令和　年　月　日提出",  # blank, in the era of the change's date (令和元年5月1日)
        "美祢市長　西岡晃",
        "提案理由",
        f"山口市と締結した{TITLE}を変更するため、地方自治法第252条の2第4項の規定によりその例によることとされる"
        "同条第3項の規定により議会の議決を求めるものである。",
    ]
    # the amending agreement as 別紙, the 新旧対照表 as 参考
    assert bill[7:] == [
        "別紙",
        f"{TITLE}の一部を変更する連携協約",
        "第3条中「甲」を「乙」に改める。",
        "参考",
        "新旧対照表",
        "（傍線部分は変更部分）",
    ]
    notice = body_lines(forms["美祢市", "notice"])
    assert notice[1] == (
        f"{LAW}第252条の2第4項の規定によりその例によることとされる同条第1項の規定により、山口市と平成29年3月30日"
        f"に締結した{TITLE}を変更したので、同条第4項の規定によりその例によることとされる同条第2項の規定により告示"
        "する。"
    )
    # the notice publishes the amending agreement, not the 新旧対照表
    assert notice[4:] == ["", f"{TITLE}の一部を変更する連携協約", "第3条中「甲」を「乙」に改める。"]
    letter = body_lines(forms["美祢市", "notification"])
    assert letter[4:6] == [
        "連携協約の変更について（届出）",
        f"{LAW}第252条の2第4項の規定によりその例によることとされる同条第2項の規定により、下記のとおり届け出ます。",
    ]
    assert letter[9:11] == ["3　変更の日 令和元年5月1日", "4　議会の議決の日 平成31年3月20日"]
    assert letter[13] == "(1)　変更連携協約書の写し"


def test_a_changes_vote_after_the_change_is_signed_is_refused(region: Path) -> None:
    reelect(region.parent / "municipalities.yaml", since="2019-03-01")  # heads in office in 2019
    path = agreement(
        region,
        "mine",
        "山口市",
        "美祢市",
        date="2019-05-01",
        procedure="change_procedure:\n  山口市:\n    bill: {vote: 2019-05-02}\n",
    )
    with pytest.raises(AgreementError) as caught:
        load_procedure(resolve(path), action="変更", original=dt.date(2017, 3, 30))
    assert str(caught.value) == (
        "agreements/yamaguchi-kenou/mine.yaml:8:18: change_procedure.山口市.bill.vote: the council's vote "
        "(2019-05-02) is after the change's signing (2019-05-01): by 地方自治法第252条の2第3項 the council "
        "approves an agreement before it is signed"
    )


# --- PDF ------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("pdf_tools")
def test_pdf_is_written_beside_every_form(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = build(capsys, "--pdf", "agreements/yamaguchi-kenou/mine.yaml")
    assert (status, err) == (0, "")
    assert out.startswith(
        "wrote 7 documents (.docx and .pdf) to output/: 1 agreement and 6 procedure documents"
    )
    pdfs = sorted(p.name for p in Path("output/yamaguchi-kenou/mine").glob("*.pdf"))
    assert pdfs == sorted(f"{party}-{form}.pdf" for party in ("山口市", "美祢市") for form in FORMS)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "output/yamaguchi-kenou/mine/美祢市-notification.pdf", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "山口県知事" in text and "連携協約の締結について（届出）" in text
