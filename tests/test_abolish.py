"""``docgen abolish`` and ``docgen.abolish``: the agreement abolishing an agreement, and with --procedure each
party's bill, notice and notification of the 廃止 (地方自治法第252条の2第4項), read back from the
documents."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from docx_text import body_lines
from helpers import edit, run, snapshot
from lxml import etree

import docgen

FIXTURE = Path(__file__).parent / "fixtures" / "region"
MINE = "agreements/yamaguchi-kenou/mine.yaml"
TITLE = "山口県央連携都市圏域形成に係る連携協約"
LAW = "地方自治法（昭和22年法律第67号）"
BY_EXAMPLE = "第252条の2第4項の規定によりその例によることとされる同条"


def test_the_abolishing_agreement_names_what_it_abolishes(region: Path, capsys) -> None:
    status, out, err = run(
        ["abolish", MINE, "--date", "2017-05-01", "--effective", "2017-06-01", "-o", "out", "--seal"], capsys
    )
    assert (status, out, err) == (0, "wrote 1 abolition (1 documents) to out/\n", "")
    assert body_lines(Path("out/yamaguchi-kenou/mine.abolition.docx")) == [
        f"{TITLE}を廃止する協約",
        f"山口市（以下「甲」という。）及び美祢市（以下「乙」という。）は、平成29年3月30日に締結した{TITLE}を"
        "廃止する。",
        "附　則",
        "この協約は、平成29年6月1日から効力を生ずる。",
        "この協約の締結を証するため、本書2通を作成し、甲及び乙が記名押印の上、それぞれ各1通を保有する。",
        "平成29年5月1日",
        "甲　山口市亀山町2番1号 山口市 山口市長　渡辺純忠 印",
        "乙　美祢市大嶺町東分326番地1 美祢市 美祢市長　西岡晃 印",
    ]


def test_the_template_is_valid_ooxml_in_schema_order() -> None:
    """Every pPr child in the order ECMA-376 gives (pStyle first, rPr last), as Word requires."""
    order = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "spacing", "ind", "jc", "rPr"]
    root = Path(__file__).resolve().parent.parent
    with zipfile.ZipFile(root / "templates/abolition.docx") as package:
        tree = etree.fromstring(package.read("word/document.xml"))
    for ppr in tree.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pPr"):
        names = [etree.QName(child).localname for child in ppr]
        known = [order.index(name) for name in names if name in order]
        assert known == sorted(known), names


def test_the_heads_in_office_on_its_date_sign_and_none_refuses(region: Path, capsys) -> None:
    status, out, err = run(["abolish", MINE, "--date", "2024-04-01", "-o", "out"], capsys)
    assert (status, out) == (1, "")
    assert "no head of 山口市 recorded in office on 2024-04-01" in err
    assert "(the abolition's date)" in err
    assert not Path("out").exists()
    status, out, err = run(["abolish", MINE, "--date", "2024-04-01", "-o", "out", "--mode", "draft"], capsys)
    assert status == 0, err
    assert body_lines(Path("out/yamaguchi-kenou/mine.abolition.docx"))[-2:] == [
        "甲　山口市亀山町2番1号 山口市 山口市長　",
        "乙　美祢市大嶺町東分326番地1 美祢市 美祢市長　",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [],
            "the abolition's signing date is missing: give --dat"
            "e YYYY-MM-DD (only --mode draft may leave it blank)",
        ),
        (
            ["--date", "2017-03-01"],
            "the abolition is signed on 2017-03-01, before the agreement was signed (2017-03-30)",
        ),
        (
            ["--date", "2017-05-01", "--effective", "2017-04-01"],
            "the abolition takes effect (2017-04-01) before it is signed (2017-05-01)",
        ),
    ],
)
def test_impossible_dates_are_refused_and_nothing_is_written(region: Path, capsys, args, message) -> None:
    before = snapshot(Path.cwd())
    status, out, err = run(["abolish", MINE, "-o", "out", *args], capsys)
    assert (status, out) == (1, "")
    assert message in err
    assert snapshot(Path.cwd()) == before


def test_procedure_bills_notices_and_notifications_of_the_abolition(region: Path, capsys) -> None:
    edit(
        Path(MINE),
        "parties:",
        "abolition_procedure:\n  美祢市:\n    bill: {number: 20, vote: 2017-04-20}\nparties:",
    )
    status, out, err = run(["abolish", MINE, "--date", "2017-05-01", "-o", "out", "--procedure"], capsys)
    assert (status, out, err) == (0, "wrote 1 abolition (7 documents) to out/\n", "")
    folder = Path("out/yamaguchi-kenou/mine")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{party}-abolition-{form}.docx"
        for party in ("山口市", "美祢市")
        for form in ("bill", "notice", "notification")
    )
    bill = body_lines(folder / "美祢市-abolition-bill.docx")
    assert bill[:3] == [
        "議案第20号",
        f"{TITLE}の廃止について",
        f"山口市との間において平成29年3月30日に締結した{TITLE}を別紙のとおり廃止することについて、{LAW}"
        f"{BY_EXAMPLE}第3項の規定により、議会の議決を求める。",
    ]
    assert bill[7:9] == ["別紙", f"{TITLE}を廃止する協約"]
    notice = body_lines(folder / "山口市-abolition-notice.docx")
    assert notice[1] == (
        f"{LAW}{BY_EXAMPLE}第1項の規定により、美祢市と平成29年3月30日に締結した{TITLE}を廃止したので、同条"
        "第4項の規定によりその例によることとされる同条第2項の規定により告示する。"
    )
    letter = body_lines(folder / "美祢市-abolition-notification.docx")
    assert letter[4:6] == [
        "連携協約の廃止について（届出）",
        f"{LAW}{BY_EXAMPLE}第2項の規定により、下記のとおり届け出ます。",
    ]
    assert letter[-3] == "(1)　廃止協約書の写し"


@pytest.mark.parametrize(
    ("effective", "day"), [(["--effective", "2017-06-01"], "平成29年6月1日"), ([], "平成29年5月1日")]
)
def test_the_notification_gives_the_day_the_abolition_takes_effect(
    region: Path, capsys, effective, day
) -> None:
    """Item 3 of the 届出 is the day of the 廃止: the day it takes effect (--effective, else the 附則's
    「締結の日」), not the day the abolition is signed."""
    argv = ["abolish", MINE, "--date", "2017-05-01", *effective, "-o", "out", "--procedure"]
    status, _, err = run(argv, capsys)
    assert status == 0, err
    letter = body_lines(Path("out/yamaguchi-kenou/mine/山口市-abolition-notification.docx"))
    assert letter[7:10] == [f"1　連携協約の名称 {TITLE}", "2　連携協約の相手方 美祢市", f"3　廃止の日 {day}"]
    agreement = body_lines(Path("out/yamaguchi-kenou/mine.abolition.docx"))
    assert agreement[3] == f"この協約は、{day if effective else '締結の日'}から効力を生ずる。"


def test_a_kyotei_is_abolished_by_a_kyotei(region: Path, capsys) -> None:
    region_file = Path("agreements/yamaguchi-kenou/region.yaml")
    edit(region_file, "\nname: ", "\nkind: teiju\nname: ")
    argv = ["abolish", MINE, "--date", "2017-05-01", "--effective", "2017-07-01", "-o", "out", "--procedure"]
    status, _, err = run([*argv, "--by-agreement"], capsys)
    assert status == 0, err
    report = body_lines(Path("out/yamaguchi-kenou/mine/美祢市-abolition-notification.docx"))
    assert report[9] == "3　廃止の日 平成29年7月1日"
    lines = body_lines(Path("out/yamaguchi-kenou/mine.abolition.docx"))
    assert lines[0].endswith("を廃止する協定")
    assert lines[3] == "この協定は、平成29年7月1日から効力を生ずる。"
    bill = body_lines(Path("out/yamaguchi-kenou/mine/山口市-abolition-bill.docx"))
    assert "第252条の2" not in bill[2] and "議会の議決すべき事件を定める条例" in bill[2]
    assert body_lines(Path("out/yamaguchi-kenou/mine/山口市-abolition-notice.docx"))[1].endswith(
        "を廃止したので、公表する。"
    )


def test_the_public_api_abolishes_and_returns_the_files(region: Path) -> None:
    written = docgen.abolish([MINE], "api-out", date=dt.date(2017, 5, 1))
    assert written == [Path("api-out/yamaguchi-kenou/mine.abolition.docx")]
    assert body_lines(written[0])[0] == f"{TITLE}を廃止する協約"
