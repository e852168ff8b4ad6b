"""`docgen check` and `docgen build` warn of a 第N条 written as text where a reference ({{ ref.x }}) would
keep it right: a warning at the field's file:line:column, and both still succeed."""

from __future__ import annotations

import shutil
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
