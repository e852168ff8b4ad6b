"""A 定住自立圏形成協定 abolished by one party's notice (通告) under its own article, ``docgen abolish --by``:
the letter, the notifying party's bill, the day the 協定 loses effect as its article counts it, and what is
refused; read back from the documents."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from docx_text import body_lines
from helpers import edit, run, snapshot

from docgen.documents.abolition_notice import lapse_day

FIXTURE = Path(__file__).parent / "fixtures" / "region"
MINE = "agreements/yamaguchi-kenou/mine.yaml"
REGION = "agreements/yamaguchi-kenou/region.yaml"
TOWNS = "agreements/municipalities.yaml"
TITLE = "試験定住自立圏の形成に関する協定"
ORDINANCE = "美祢市議会の議決すべき事件を定める条例（平成20年美祢市条例第30号）"
# the model text's articles on change and abolition (第6条, 第7条): 「…当該通告を行った日から起算して2年を経過
# した日にその効力を失う。」
_MODEL = (Path(__file__).parent.parent / "docgen/model/data/region-teiju.yaml").read_text(encoding="utf-8")
KYOTEI_ARTICLES = _MODEL[_MODEL.index("  - id: changes") : _MODEL.index("\nclosing:")] + "\n"


def as_kyotei(articles: str = KYOTEI_ARTICLES, root: Path = Path(".")) -> None:
    """The fixture region (in ``root``) as a 定住自立圏形成協定 whose 第6条 and 第7条 are ``articles``."""
    region, towns = root / REGION, root / TOWNS
    text = region.read_text(encoding="utf-8")
    start, end = text.index("  - id: changes"), text.index("\nclosing:")
    text = text[:start] + articles + text[end:]
    text = text.replace("\nname: ", "\nkind: teiju\nname: ", 1)
    lines = [line if not line.startswith("title: ") else f"title: {TITLE}" for line in text.split("\n")]
    region.write_text("\n".join(lines), encoding="utf-8")
    edit(towns, "    title: 美祢市長\n", f"    title: 美祢市長\n    ordinance: {ORDINANCE}\n")


@pytest.fixture
def region(region: Path) -> Path:
    """conftest's copy of the fixture region, as a 定住自立圏形成協定."""
    as_kyotei()
    return region


def test_the_notice_cites_the_article_and_the_vote_and_the_day_it_gives(region: Path, capsys) -> None:
    edit(
        Path(MINE),
        "parties:",
        "abolition_procedure:\n  美祢市:\n    bill: {number: 12, vote: 2017-04-20}\nparties:",
    )
    status, out, err = run(["abolish", MINE, "--by", "美祢市", "--date", "2017-05-01", "-o", "out"], capsys)
    assert (status, out, err) == (0, "wrote 1 notice of abolition (1 documents) to out/\n", "")
    assert sorted(str(p.relative_to("out")) for p in Path("out").rglob("*")) == [
        "yamaguchi-kenou",
        "yamaguchi-kenou/mine.abolition-notice.docx",
    ]
    assert body_lines(Path("out/yamaguchi-kenou/mine.abolition-notice.docx")) == [
        "第　号",
        "平成29年5月1日",
        "山口市長　渡辺純忠　様",
        "美祢市長　西岡晃",
        f"{TITLE}の廃止について（通告）",
        f"山口市と平成29年3月30日に締結した{TITLE}（以下「協定」という。）の廃止について、{ORDINANCE}の規定"
        "による議会の議決を経たので、協定第7条第1項の規定により、協定の廃止を求める旨を通告します。",
        "記",
        f"1　協定の名称 {TITLE}",
        "2　締結の日 平成29年3月30日",
        "3　議会の議決の日 平成29年4月20日",
        # 2 years counted from the notice's day: the day that corresponds to it (民法第143条)
        "4　効力を失う日 令和元年5月1日（協定第7条第2項の規定による。）",
    ]


def test_with_procedure_the_notifying_party_s_bill_attaches_the_notice(region: Path, capsys) -> None:
    argv = ["abolish", MINE, "--by", "美祢市", "--date", "2017-05-01", "-o", "out", "--procedure", "--seal"]
    status, out, err = run(argv, capsys)
    assert (status, out, err) == (0, "wrote 1 notice of abolition (2 documents) to out/\n", "")
    assert [p.name for p in Path("out/yamaguchi-kenou/mine").iterdir()] == ["美祢市-abolition-bill.docx"]
    bill = body_lines(Path("out/yamaguchi-kenou/mine/美祢市-abolition-bill.docx"))
    assert bill[:8] == [
        "議案第　号",
        f"{TITLE}の廃止について",
        f"山口市との間において平成29年3月30日に締結した{TITLE}の廃止を求める旨を、同協定第7条第1項の規定に"
        f"より、別紙のとおり山口市に通告することについて、{ORDINANCE}の規定により、議会の議決を求める。",
        "平成　年　月　日提出",
        "美祢市長　西岡晃",
        "提案理由",
        f"山口市と締結した{TITLE}を廃止するため、同協定第7条第1項の規定により山口市に通告することについて、"
        f"{ORDINANCE}の規定により議会の議決を求めるものである。",
        "別紙",
    ]
    # the letter as the council sees it: without 印 (the signed letter has it)
    assert bill[8:13] == [
        "第　号",
        "平成29年5月1日",
        "山口市長　渡辺純忠　様",
        "美祢市長　西岡晃",
        f"{TITLE}の廃止について（通告）",
    ]
    letter = body_lines(Path("out/yamaguchi-kenou/mine.abolition-notice.docx"))
    assert letter[3] == "美祢市長　西岡晃　印"
    for document in (bill, letter):
        assert not any("第252条の2" in line or "連携協約" in line for line in document)


@pytest.mark.parametrize(
    ("notice", "period", "lapses"),
    [
        ("2024-04-01", "2年", "2026-04-01"),
        ("2024-02-29", "1年", "2025-03-01"),  # no 2月29日 in 2025: the period ends with February
        ("2024-08-31", "6月", "2025-03-01"),  # ends 2月28日, the last of the month
        ("2024-01-31", "1箇月", "2024-03-01"),
    ],
)
def test_the_day_a_period_has_passed(notice: str, period: str, lapses: str) -> None:
    count, unit = int(period.rstrip("年月箇日")), period.lstrip("0123456789")
    assert lapse_day(dt.date.fromisoformat(notice), (count, unit, False)) == dt.date.fromisoformat(lapses)


def test_counted_from_the_next_day(region: Path, capsys) -> None:
    edit(Path(REGION), "当該通告を行った日から起算して2年", "当該通告を行った日の翌日から起算して6月")
    status, _, err = run(["abolish", MINE, "--by", "山口市", "--date", "2017-05-30", "-o", "out"], capsys)
    assert status == 0, err
    lines = body_lines(Path("out/yamaguchi-kenou/mine.abolition-notice.docx"))
    assert lines[2:4] == ["美祢市長　西岡晃　様", "山口市長　渡辺純忠"]
    assert lines[-1] == "4　効力を失う日 平成29年12月1日（協定第7条第2項の規定による。）"


def test_an_article_without_a_period_asks_for_effective(region: Path, capsys) -> None:
    edit(
        Path(REGION),
        "当該通告を行った日から起算して2年を経過した日にその効力を失う",
        "甲及び乙が協議して定める日にその効力を失う",
    )
    before = snapshot(Path.cwd())
    status, out, err = run(["abolish", MINE, "--by", "美祢市", "--date", "2017-05-01", "-o", "out"], capsys)
    assert (status, out) == (1, "")
    assert (
        "第7条第1項 of this 協定 states no period after which it loses effect: give --effective YYYY-MM-DD"
        in err
    )
    assert snapshot(Path.cwd()) == before
    argv = [
        "abolish",
        MINE,
        "--by",
        "美祢市",
        "--date",
        "2017-05-01",
        "--effective",
        "2018-03-31",
        "-o",
        "out",
    ]
    status, _, err = run(argv, capsys)
    assert status == 0, err
    assert (
        body_lines(Path("out/yamaguchi-kenou/mine.abolition-notice.docx"))[-1]
        == "4　効力を失う日 平成30年3月31日"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--by", "宇部市"],
            "--by 宇部市: not a party of this agreement (山口市, 美祢市)",
        ),
        (
            ["--by", "美祢市", "--effective", "2018-05-01"],
            "--effective 2018-05-01 is not the day 第7条第2項 of this 協定 gives: a notice on 2017-05-01 "
            "ends it on 2019-05-01",
        ),
        (
            ["--by", "美祢市", "--by-agreement"],
            "--by (abolition by notice) and --by-agreement (by an agreement) exclude each other",
        ),
        (
            [],
            "a 定住自立圏形成協定 is abolished as its own article on 廃止 says: give --by PARTY to write "
            "the notice (通告) that party gives after its council's vote, or --by-agreement",
        ),
    ],
)
def test_what_cannot_be_is_refused_and_nothing_is_written(region: Path, capsys, args, message) -> None:
    before = snapshot(Path.cwd())
    status, out, err = run(["abolish", MINE, "--date", "2017-05-01", "-o", "out", *args], capsys)
    assert (status, out) == (1, "")
    assert message in err
    assert "Traceback" not in err
    assert snapshot(Path.cwd()) == before


def test_a_renkei_kyoyaku_is_not_abolished_by_notice(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE, tmp_path / "agreements")
    status, out, err = run(["abolish", MINE, "--by", "美祢市", "--date", "2017-05-01", "-o", "out"], capsys)
    assert (status, out) == (1, "")
    assert (
        f"error: {MINE}: --by gives notice (通告) of the abolition of a 定住自立圏形成協定; this is a "
        "連携協約, abolished by an agreement of its parties (地方自治法第252条の2第4項): leave out --by\n"
    ) in err
    assert not Path("out").exists()


def test_a_kyotei_without_an_article_on_notice_is_abolished_by_agreement(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE, tmp_path / "agreements")
    as_kyotei(KYOTEI_ARTICLES.split("  - id: abolition")[0])
    status, out, err = run(["abolish", MINE, "--by", "美祢市", "--date", "2017-05-01", "-o", "out"], capsys)
    assert (status, out) == (1, "")
    assert "no article of this 協定 provides for its abolition by notice (通告)" in err
    status, out, err = run(["abolish", MINE, "--by-agreement", "--date", "2017-05-01", "-o", "out"], capsys)
    assert (status, err) == (0, "")
    assert body_lines(Path("out/yamaguchi-kenou/mine.abolition.docx"))[0] == f"{TITLE}を廃止する協定"


def test_a_vote_after_the_notice_is_refused_in_the_kyotei_s_words(region: Path, capsys) -> None:
    edit(Path(MINE), "parties:", "abolition_procedure:\n  美祢市:\n    bill: {vote: 2017-05-10}\nparties:")
    for lang, words in (
        ("en", "is after the notice of abolition (2017-05-01)"),
        ("ja", "廃止の通告（2017-05-01）より後です"),
    ):
        argv = ["--lang", lang, "abolish", MINE, "--by", "美祢市", "--date", "2017-05-01", "-o", "out"]
        status, out, err = run(argv, capsys)
        assert (status, out) == (1, ""), err
        assert words in err
        assert "第252条の2" not in err
    assert not Path("out").exists()


def test_the_heads_in_office_on_the_notice_s_date_sign_and_are_addressed(region: Path, capsys) -> None:
    status, out, err = run(["abolish", MINE, "--by", "美祢市", "--date", "2024-04-01", "-o", "out"], capsys)
    assert (status, out) == (1, "")
    assert "no head of 山口市 recorded in office on 2024-04-01" in err
    argv = ["abolish", MINE, "--by", "美祢市", "--date", "2024-04-01", "-o", "out", "--mode", "draft"]
    status, _, err = run(argv, capsys)
    assert status == 0, err
    assert body_lines(Path("out/yamaguchi-kenou/mine.abolition-notice.docx"))[2:4] == [
        "山口市長　　様",
        "美祢市長　",
    ]


def test_from_python(region: Path) -> None:
    import docgen

    written = docgen.abolish([MINE], "out", by="美祢市", date=dt.date(2017, 5, 1), procedure=True)
    assert [str(p) for p in written] == [
        "out/yamaguchi-kenou/mine.abolition-notice.docx",
        "out/yamaguchi-kenou/mine/美祢市-abolition-bill.docx",
    ]
    written = docgen.abolish([MINE], "agreed", date=dt.date(2017, 5, 1), by_agreement=True)
    assert [str(p) for p in written] == ["agreed/yamaguchi-kenou/mine.abolition.docx"]


def test_no_document_of_a_kyotei_s_life_says_renkei_kyoyaku_or_252_2(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """Every form of a 協定 (bills, notices, reports of its conclusion, change and abolition, by agreement or
    by notice), the amending and abolishing 協定, the 新旧対照表 and the notice letter: their own words never
    call it a 連携協約 or cite 第252条の2 (the 協定's text they attach is the region's, and not checked)."""
    monkeypatch.chdir(tmp_path)
    for side in ("old", "new"):
        shutil.copytree(FIXTURE, tmp_path / side / "agreements")
        as_kyotei(root=tmp_path / side)
    edit(tmp_path / "new" / REGION, "毎年度、連絡会議", "毎年度、連携会議")
    old, new = f"old/{MINE}", f"new/{MINE}"
    runs = [
        ["build", new, "-o", "built", "--procedure"],
        ["amend", old, new, "--date", "2017-05-01", "-o", "changed", "--procedure"],
        ["abolish", old, "--by-agreement", "--date", "2017-05-01", "-o", "agreed", "--procedure"],
        ["abolish", old, "--by", "美祢市", "--date", "2017-05-01", "-o", "notified", "--procedure"],
    ]
    for argv in runs:
        status, _, err = run(argv, capsys)
        assert status == 0, (argv, err)
    checked = []
    for folder in ("built", "changed", "agreed", "notified"):
        for document in sorted(Path(folder).rglob("*.docx")):
            if document.name == "mine.docx":
                continue  # the 協定 itself: the fixture region's text
            lines = body_lines(document)
            # a form's own words end where the document it attaches begins
            labels = ("別紙", "参考") if document.name.endswith("-bill.docx") else ("",)
            if document.name == "mine.comparison.docx":
                lines = lines[:4]  # its title and headings; the rest quotes the 協定's provisions
            if document.parent.name == "mine":
                end = min((lines.index(label) for label in labels if label in lines), default=len(lines))
                lines = lines[:end]
            own = "\n".join(lines)
            assert "第252条の2" not in own and "連携協約" not in own, (document, own)
            checked.append(str(document))
    # built: 6 forms; changed: the amending 協定, its 新旧対照表, 6 forms; agreed: the abolishing 協定,
    # 6 forms; notified: the letter and its bill
    assert len(checked) == 6 + 8 + 7 + 2, checked


def test_by_names_the_party_with_or_without_its_prefecture(region: Path, capsys) -> None:
    edit(Path(TOWNS), "\n  美祢市:", "\n  山口県美祢市:")
    edit(Path(MINE), "  - 美祢市", "  - 山口県美祢市")
    status, _, err = run(["abolish", MINE, "--by", "美祢市", "--date", "2017-05-01", "-o", "out"], capsys)
    assert status == 0, err
    assert body_lines(Path("out/yamaguchi-kenou/mine.abolition-notice.docx"))[2:4] == [
        "山口市長　渡辺純忠　様",
        "美祢市長　西岡晃",
    ]


def test_the_documents_follow_the_umask(region: Path, capsys) -> None:
    import os
    import stat

    previous = os.umask(0o027)
    try:
        argv = ["abolish", MINE, "--by", "美祢市", "--date", "2017-05-01", "-o", "out", "--procedure"]
        status, _, err = run(argv, capsys)
    finally:
        os.umask(previous)
    assert (status, err) == (0, "")
    for path in (
        "yamaguchi-kenou/mine.abolition-notice.docx",
        "yamaguchi-kenou/mine/美祢市-abolition-bill.docx",
    ):
        assert stat.S_IMODE((Path("out") / path).stat().st_mode) == 0o640, path
    assert stat.S_IMODE(Path("out/yamaguchi-kenou/mine").stat().st_mode) == 0o750
