"""Kinds of agreement: a 連携協約 (地方自治法第252条の2, from 平成26年11月1日) and a 定住自立圏形成協定
(定住自立圏構想推進要綱, from 平成20年12月26日): the dates each allows, and the procedure forms of a 協定,
read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_text import body_lines
from helpers import edit, run

FIXTURE = Path(__file__).parent / "fixtures" / "region"
MINE = "agreements/yamaguchi-kenou/mine.yaml"
REGION = "agreements/yamaguchi-kenou/region.yaml"
TOWNS = "agreements/municipalities.yaml"
LAW = "地方自治法（昭和22年法律第67号）"


def as_teiju(title: str = "試験定住自立圏の形成に関する協定") -> None:
    """The fixture region as a 定住自立圏形成協定."""
    text = Path(REGION).read_text(encoding="utf-8")
    text = text.replace("\nname: ", "\nkind: teiju\nname: ", 1)
    lines = [line if not line.startswith("title: ") else f"title: {title}" for line in text.split("\n")]
    Path(REGION).write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("teiju", "day", "message"),
    [
        (
            False,
            "2014-10-31",
            "date: 2014-10-31 is before a 連携協約 could be made: 地方自治法第252条の2 applies from "
            "平成26年11月1日 (2014-11-01) (region.yaml: kind: renkei)",
        ),
        (
            True,
            "2008-12-25",
            "date: 2008-12-25 is before a 定住自立圏形成協定 "
            "could be made: 定住自立圏構想推進要綱 applies from "
            "平成20年12月26日 (2008-12-26) (region.yaml: kind: teiju)",
        ),
    ],
)
def test_a_date_before_the_kind_existed_is_refused_at_its_line(
    region: Path, capsys, teiju: bool, day: str, message: str
) -> None:
    if teiju:
        as_teiju()
    edit(Path(MINE), "date: 2017-03-30", f"date: {day}")
    status, out, err = run(["check", MINE], capsys)
    assert (status, out) == (1, "")
    line = Path(MINE).read_text(encoding="utf-8").splitlines().index(f"date: {day}") + 1
    assert f"error: {MINE}:{line}:7: {message}\n" in err


def test_the_first_day_of_each_kind_is_allowed(region: Path, capsys) -> None:
    # the heads: known in office around these days (test-made)
    text = Path(TOWNS).read_text(encoding="utf-8").replace("known: 2017-03-30", "known: 2014-11-01")
    Path(TOWNS).write_text(text, encoding="utf-8")
    edit(Path(MINE), "date: 2017-03-30", "date: 2014-11-01")
    assert run(["check", MINE], capsys)[0] == 0


@pytest.fixture
def teiju_forms(region: Path, capsys) -> Path:
    as_teiju()
    edit(
        Path(TOWNS),
        "    title: 山口市長\n",
        "    title: 山口市長\n    ordinance: 山口"
        "市議会の議決すべき事件を定める条例（平成17年山口市条例第99号）\n",
    )
    status, out, err = run(["build", MINE, "-o", "out", "--procedure"], capsys)
    assert status == 0, err
    return Path("out/yamaguchi-kenou/mine")


def test_a_kyotei_bill_cites_the_ordinance_never_252_2(teiju_forms: Path) -> None:
    title = "試験定住自立圏の形成に関する協定"
    yamaguchi = body_lines(teiju_forms / "山口市-bill.docx")
    assert yamaguchi[:7] == [
        "議案第　号",
        f"{title}の締結について",
        f"美祢市との間において、別紙のとおり{title}を締結することについて、山口市議会の議決すべき事件を定める"
        "条例（平成17年山口市条例第99号）の規定により、議会の議決を求める。",
        "平成　年　月　日提出",
        "山口市長　渡辺純忠",
        "提案理由",
        f"美祢市と{title}を締結するため、山口市議会の議決すべき事件を定める条例（平成17年山口市条例第99号）の"
        "規定により議会の議決を求めるものである。",
    ]
    # 美祢市 has not recorded its ordinance: a blank to fill in
    assert body_lines(teiju_forms / "美祢市-bill.docx")[2] == (
        f"山口市との間において、別紙のとおり{title}を締結することについて、美祢市議会の議決すべき事件を定める"
        "条例（　　年美祢市条例第　号）の規定により、議会の議決を求める。"
    )


def test_no_form_of_a_kyotei_cites_252_2_or_calls_it_a_renkei_kyoyaku(teiju_forms: Path) -> None:
    for form in sorted(teiju_forms.iterdir()):
        lines = body_lines(form)
        attached = lines.index("別紙") if "別紙" in lines else len(lines)
        if form.name.endswith("-notice.docx"):
            attached = lines.index("")
        own = "\n".join(lines[:attached])  # the form's own words, before the 協定 it attaches
        assert "第252条の2" not in own, form.name
        assert "連携協約" not in own, form.name


def test_a_kyotei_is_made_public_and_reported(teiju_forms: Path) -> None:
    title = "試験定住自立圏の形成に関する協定"
    notice = body_lines(teiju_forms / "美祢市-notice.docx")
    assert notice[:2] == ["美祢市告示第　号", f"山口市と{title}を締結したので、公表する。"]
    assert notice[5] == title  # the text without the cover sheet 定住自立圏形成協定書 / 連携協約書
    report = body_lines(teiju_forms / "美祢市-notification.docx")
    assert report[2:] == [
        "山口県知事　様",
        "美祢市長　西岡晃",
        "定住自立圏形成協定の締結について（報告）",
        f"山口市と{title}を締結したので、定住自立圏構想推進要綱に基づき、下記のとおり報告します。",
        "記",
        f"1　協定の名称 {title}",
        "2　協定の相手方 山口市",
        "3　締結の日 平成29年3月30日",
        "4　議会の議決の日 平成　年　月　日",
        "5　公表の日及び番号 平成　年　月　日（美祢市告示第　号）",
        "添付書類",
        "(1)　協定書の写し",
        "(2)　議会の議決書の写し",
    ]


def test_check_procedure_lists_an_ordinance_still_blank(region: Path, capsys) -> None:
    as_teiju()
    status, out, err = run(["check", MINE, "--procedure"], capsys)
    assert (status, err) == (0, "")
    assert "municipalities.美祢市.ordinance" in out
    assert "municipalities.山口市.ordinance" in out


@pytest.mark.parametrize(
    ("command", "field", "step", "english", "japanese"),
    [
        (
            ["build", MINE, "-o", "out", "--procedure"],
            "procedure",
            "bill: {vote: 2017-04-20}",
            "the council approves a 定住自立圏形成協定 before it is signed, under the municipality's "
            "ordinance on matters for its vote (地方自治法第96条第2項)",
            "議会の議決すべき事件を定める条例（地方自治法第96条第2項）による議決を経てから締結します",
        ),
        (
            ["build", MINE, "-o", "out", "--procedure"],
            "procedure",
            "notice: {date: 2017-03-01}",
            "a 定住自立圏形成協定 is made public (公表) after it is signed",
            "公表（2017-03-01）が締結（2017-03-30）より前です。定住自立圏形成協定は、締結の後に公表します",
        ),
        (
            ["abolish", MINE, "--date", "2017-03-31", "--by-agreement", "-o", "out", "--procedure"],
            "abolition_procedure",
            "notification: {date: 2017-03-01}",
            "the abolition of a 定住自立圏形成協定 is reported to the prefecture after it is signed",
            "報告（2017-03-01）が廃止協定の締結（2017-03-31）より前です",
        ),
    ],
)
def test_a_kyotei_s_misordered_date_is_told_without_252_2(
    region: Path, capsys, command, field, step, english, japanese
) -> None:
    """The order of the dates, told in a 協定's words: its council votes under the municipality's ordinance
    (第96条第2項), it is made public and reported; 第252条の2 is no law of a 協定."""
    as_teiju()
    if "vote" in step:  # a vote after the signing
        step = step.replace("2017-04-20", "2017-04-01")
    edit(Path(MINE), "parties:", f"{field}:\n  美祢市:\n    {step}\nparties:")
    for lang, words in (("en", english), ("ja", japanese)):
        status, out, err = run(["--lang", lang, *command], capsys)
        assert (status, out) == (1, ""), err
        assert words in err, err
        assert "第252条の2" not in err and "連携協約" not in err, err
    assert not Path("out").exists()
