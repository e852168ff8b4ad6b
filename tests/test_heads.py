"""Heads over time (地方自治法第140条: a term of four years; 第152条: one who acts for the head): which head
signs a document on its date, read back from the documents a user gets, and what docgen says when it knows
none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx_text import body_lines, paragraph_lines
from helpers import edit, run

FIXTURE = Path(__file__).parent / "fixtures" / "region"
MINE = "agreements/yamaguchi-kenou/mine.yaml"
TOWNS = "agreements/municipalities.yaml"


def dated(day: str) -> None:
    edit(Path(MINE), "date: 2017-03-30", f"date: {day}")


def signatures(path: str) -> list[list[str]]:
    paragraphs = paragraph_lines(Path(path))
    return [lines for lines in paragraphs if len(lines) == 3 and lines[1] in ("山口市", "美祢市")]


def test_a_head_known_in_office_signs_within_90_days_of_that_day(region: Path, capsys) -> None:
    dated("2017-06-28")  # 90 days after 2017-03-30
    assert run(["build", MINE, "-o", "out"], capsys)[:2] == (0, "wrote 1 document to out/\n")
    assert [lines[2] for lines in signatures("out/yamaguchi-kenou/mine.docx")] == [
        "山口市長　渡辺純忠",
        "美祢市長　西岡晃",
    ]


@pytest.mark.parametrize("mode", ["final", "copy"])
def test_final_and_copy_refuse_a_date_no_recorded_term_covers(region: Path, capsys, mode: str) -> None:
    dated("2024-04-01")
    status, out, err = run(["build", MINE, "-o", "out", "--mode", mode], capsys)
    assert (status, out) == (1, "")
    assert err.splitlines()[0] == (
        "error: agreements/yamaguchi-kenou/mine.yaml:4:5: "
        "parties[0]: no head of 山口市 recorded in office on "
        "2024-04-01: the last recorded is 渡辺純忠 (known in office on 2017-03-30); a term lasts at most 4 "
        "years (地方自治法第140条). Add the head in office then to municipalities.yaml under 山口市.heads, "
        "e.g. '- {name: …, since: YYYY-MM-DD}' (a re-elected head is a new entry)"
    )
    assert "no head of 美祢市 recorded in office on 2024-04-01" in err.splitlines()[1]
    assert not Path("out").exists()


def test_a_draft_prints_the_name_blank_and_warns(region: Path, capsys) -> None:
    dated("2024-04-01")
    status, out, err = run(["build", MINE, "-o", "out", "--mode", "draft"], capsys)
    assert (status, out) == (0, "wrote 1 document to out/\n")
    assert err.count("warning: ") == 2
    assert "the draft leaves the name blank\n" in err
    assert [lines[2] for lines in signatures("out/yamaguchi-kenou/mine.docx")] == ["山口市長　", "美祢市長　"]


def test_a_term_lasts_four_years_from_since(region: Path, capsys) -> None:
    edit(
        Path(TOWNS),
        "      - name: 西岡晃\n        known: 2017-03-30\n",
        "      - name: 西岡晃\n        known: 2017-03-30\n"
        "      - name: 篠田洋司\n        since: 2021-04-25\n",
    )
    dated("2025-04-24")  # the last day of the term that began on 2021-04-25
    edit(
        Path(TOWNS),
        "      - name: 渡辺純忠\n        known: 2017-03-30\n",
        "      - name: 渡辺純忠\n        known: 2017-03-30\n"
        "      - name: 伊藤和貴\n        since: 2021-04-26\n",
    )
    assert run(["build", MINE, "-o", "out"], capsys)[0] == 0
    assert signatures("out/yamaguchi-kenou/mine.docx")[1][2] == "美祢市長　篠田洋司"
    edit(Path(MINE), "date: 2025-04-24", "date: 2025-04-25")  # four years on: the term has ended
    status, _, err = run(["build", MINE, "-o", "out2"], capsys)
    assert status == 1
    assert (
        "no head of 美祢市 recorded in office on 2025-04-25: the last recorded is 篠田洋司 (since 2021-04-25)"
        in err
    )


def test_one_acting_for_the_head_signs_as_such(region: Path, capsys) -> None:
    edit(
        Path(TOWNS),
        "      - name: 渡辺純忠\n        known: 2017-03-30\n",
        "      - name: 渡辺純忠\n        known: 2017-03-30\n"
        "      - name: 試験副市長\n        since: 2017-04-01\n        acting: 山口市副市長\n",
    )
    dated("2017-04-10")
    assert run(["build", MINE, "-o", "out"], capsys)[0] == 0
    # 地方自治法第152条: 「山口市長職務代理者　山口市副市長　○○○○」
    assert signatures("out/yamaguchi-kenou/mine.docx")[0][2] == "山口市長職務代理者　山口市副市長　試験副市長"
    # the text still names the office: 甲 is 山口市, whose head is 山口市長
    assert body_lines(Path("out/yamaguchi-kenou/mine.docx"))[3].startswith("山口市（以下「甲」という。）")


def test_check_date_lists_the_heads_to_confirm(region: Path, capsys) -> None:
    status, out, err = run(["check", MINE, "--date", "2017-04-20"], capsys)
    assert (status, err) == (0, "")
    assert out.splitlines()[:2] == [
        "head: 山口市: 山口市長　渡辺純忠 — recorded as 渡辺純忠 (kn"
        "own in office on 2017-03-30): confirm they "
        "are in office on 2017-04-20",
        "head: 美祢市: 美祢市長　西岡晃 — recorded as 西岡晃 (known"
        " in office on 2017-03-30): confirm they are "
        "in office on 2017-04-20",
    ]
    status, out, err = run(["check", MINE, "--date", "2024-04-01"], capsys)
    assert (status, out) == (1, "")
    assert err.startswith(
        "error: agreements/municipalities.yaml:9:7: munic"
        "ipalities.山口市.heads: no head of 山口市 recorded in "
        "office on 2024-04-01"
    )


def test_an_amendment_is_signed_by_the_heads_in_office_on_its_date(region: Path, capsys) -> None:
    shutil.copytree("agreements", "new")
    edit(Path("new/yamaguchi-kenou/region.yaml"), "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    status, out, err = run(
        ["amend", MINE, "new/yamaguchi-kenou/mine.yaml", "--date", "2024-04-01", "-o", "out"], capsys
    )
    assert (status, out) == (1, "")
    assert "municipalities.山口市.heads: no head of 山口市 recorded in office on 2024-04-01" in err
    assert "(the amendment's date)" in err


@pytest.mark.parametrize("what", ["amendment", "abolition", "notice of abolition"])
def test_a_draft_amendment_or_abolition_prints_the_name_blank_and_warns(region: Path, capsys, what) -> None:
    """As a draft agreement does: a head not recorded in office on the date is left blank, and told."""
    shutil.copytree("agreements", "new")
    edit(Path("new/yamaguchi-kenou/region.yaml"), "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    if what != "amendment":  # a 定住自立圏形成協定 whose article lets a party give notice
        as_kyotei_with_notice()
    argv = {
        "amendment": ["amend", MINE, "new/yamaguchi-kenou/mine.yaml"],
        "abolition": ["abolish", MINE, "--by-agreement"],
        "notice of abolition": ["abolish", MINE, "--by", "美祢市", "--effective", "2026-04-01"],
    }[what]
    status, _, err = run([*argv, "--date", "2024-04-01", "-o", "out", "--mode", "draft"], capsys)
    assert status == 0, err
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 2, err
    for warning, town in zip(warnings, ("山口市", "美祢市"), strict=True):
        assert f"no head of {town} recorded in office on 2024-04-01" in warning
        assert warning.endswith("; the draft leaves the name blank")


def as_kyotei_with_notice() -> None:
    region = Path("agreements/yamaguchi-kenou/region.yaml")
    edit(region, "\nname: ", "\nkind: teiju\nname: ")
    edit(
        region,
        "この連携協約を変更し、又は廃止しようとするときは",
        "甲又は乙は、議会の議決を経て相手方に廃止を求める旨の通告をすることができる。"
        "この連携協約を変更しようとするときは",
    )
