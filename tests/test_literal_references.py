"""`docgen check` and `docgen build` warn of a 第N条 written as text where a reference ({{ ref.x }}) would
keep it right: a warning at the field's file:line:column, and both still succeed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import edit, run

ROOT = Path(__file__).resolve().parent.parent
REGION = Path("agreements/yamaguchi-kenou/region.yaml")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return run(["check"], capsys)


OK = "ok: 11 agreements, template renkei-kyoyaku.docx (docgen's own)\n"
WARNING = (
    "warning: agreements/yamaguchi-kenou/region.yaml:34:11: articles[3].text: 「第3条」 is written as "
    "text and keeps naming 第3条 when articles are added or removed before it; write {{ ref.roles }}, "
    "which prints the article's number as it is\n"
)


def test_the_region_as_it_is_has_none(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 「地方自治法（昭和22年法律第67号）第252条の2第1項」 and 「地方自治法第252条の2第4項」 cite a law
    assert check(capsys) == (0, OK, "")


def test_a_literal_article_number_is_noted_with_the_reference_to_write(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(work / REGION, "      前条に規定する取組を実施する", "      第3条に規定する取組を実施する")
    assert check(capsys) == (0, OK, WARNING)


def test_an_article_without_an_id_is_to_be_given_one(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(work / REGION, "  - id: meeting\n    caption: 連絡会議", "  - caption: 連絡会議")
    edit(
        work / REGION,
        "      前条に規定する取組を実施する",
        "      第5条に規定する会議で協議した取組を実施する",
    )
    _, out, err = check(capsys)
    assert out == OK
    assert err.endswith(
        "give that article an id (articles[4].id) and write {{ ref.<id> }}, which prints the article's "
        "number as it is\n"
    )


def test_laws_other_documents_and_references_are_not_noted(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        work / REGION,
        "      前条に規定する取組を実施する",
        # a law's article, an article beyond the agreement's six, and a reference
        "      同法第3条及び他の協定の第9条並びに{{ ref.roles }}に規定する取組を実施する",
    )
    assert check(capsys) == (0, OK, "")


def test_a_literal_number_in_an_agreement_file_is_noted_there(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = work / "agreements/yamaguchi-kenou/mine.yaml"
    mine.write_text(
        mine.read_text(encoding="utf-8") + "rows:\n  1ア:\n    text: 第5条の連絡会議で協議して取り組む。\n",
        encoding="utf-8",
    )
    _, _, err = check(capsys)
    assert err.startswith(
        "warning: agreements/yamaguchi-kenou/mine.yaml:10:11: rows.1ア.text: 「第5条」 is written as text "
        "and keeps naming 第5条 when articles are added or removed before it; write {{ ref.meeting }}"
    )


def test_build_says_the_same(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(work / REGION, "      前条に規定する取組を実施する", "      第3条に規定する取組を実施する")
    assert run(["build", "-o", "out"], capsys) == (0, "wrote 11 documents to out/\n", WARNING)


# --- 前条, 次条, 前項 judged by what they say they name (issue #21) ---------------------------------------

SYSTEM = """\
  - id: system
    caption: 連携の推進体制
    text: >-
      {{ parties | join_ja }}は、連携する取組を円滑に推進するため、必要な体制を整備するものとする。
"""
POLICY_WARNING = (
    "warning: agreements/yamaguchi-kenou/region.yaml:{line}:11: articles[2].text: 「前条に規定する目的」 in "
    "第3条 names 第2条, which does not mention 「目的」; 第1条 d"
    "oes: if it is meant, write {{{{ ref.purpose }}}}, "
    "which follows renumbering, or 「第1条」\n"
)


def test_an_article_added_before_one_that_says_the_article_before(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # an article added after 第1条: 第2条's 「前条に規定する目的」 is now 第3条's and names the new 第2条,
    # which says nothing of 目的; its 「次条に規定する取組」 names 第4条, which defines them, and is right
    edit(work / REGION, "  - id: policy\n", SYSTEM + "  - id: policy\n")
    warning = POLICY_WARNING.format(line=30)
    assert check(capsys) == (0, OK, warning)
    # build says the same, and writes every document
    assert run(["build", "-o", "out"], capsys) == (0, "wrote 11 documents to out/\n", warning)
    assert len(list((work / "out").rglob("*.docx"))) == 11
    # the number meant, written as a reference: nothing to say
    edit(work / REGION, "は、前条に規定する目的", "は、{{ ref.purpose }}に規定する目的")
    assert check(capsys) == (0, OK, "")


def test_the_article_before_the_first_names_nothing(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(work / REGION, "この連携協約は、{{ parties", "前条の規定によるほか、この連携協約は、{{ parties")
    assert check(capsys) == (
        0,
        OK,
        "warning: agreements/yamaguchi-kenou/region.yaml:22:11: articles[0].text: 「前条」 in 第1条 names no "
        "provision of this agreement: write the one meant, "
        "as {{ ref.<id> }} for an article or by its number\n",
    )


def test_the_paragraph_before(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 第5条 in two 項 whose second says 「前項の規定による連絡会議」: right; with a 項 between them, 前項
    # names one that does not mention 連絡会議
    held = (
        "{{ parties | join_ja }}の長は、この連携協約の"
        "推進に関し連絡調整を図るため、毎年度、連絡会議を開催するものとする。"
    )
    meeting = f"    caption: 連絡会議\n    text: >-\n      {held}\n"
    office = "前項の規定による連絡会議の庶務は、甲において処理する。"
    edit(work / REGION, meeting, f'    caption: 連絡会議\n    text:\n      - "{held}"\n      - "{office}"\n')
    assert check(capsys) == (0, OK, "")
    edit(
        work / REGION,
        f'      - "{office}"\n',
        f'      - "会議の日時は、甲の長が定める。"\n      - "{office}"\n',
    )
    _, out, err = check(capsys)
    assert out == OK
    assert err == (
        "warning: agreements/yamaguchi-kenou/region.ya"
        "ml:41:9: articles[4].text[2]: 「前項の規定による連絡会議」 "
        "in 第5条 names 第5条第2項, which does not mention 「連絡会議」: if another 項 is meant, write its "
        "number (第N項)\n"
    )


def test_in_japanese(work: Path) -> None:
    edit(work / REGION, "  - id: policy\n", SYSTEM + "  - id: policy\n")
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "ja_JP.UTF-8"},
    )
    assert done.returncode == 0
    assert done.stderr == (
        "警告: agreements/yamaguchi-kenou/region.yaml"
        ":30:11: articles[2].text: 第3条の「前条に規定する目的」は"
        "第2条を指していますが、第2条は「目的」に触れていません。第1条は触れています。第1条を指すのであれば、"
        "条の番号が変わっても追随する {{ ref.purpose }} か「第1条」と書いてください\n"
    )
