"""項 inserted, deleted and moved other than at the end (issue #21), as 法制執務 writes them: renumbered
from the back, each 項 named in full (同条第N項) once one is deleted, changed or added as the first, a run
of four or more moved alike as 「第2項及び第3項を1項ずつ繰り下げ」 (『新訂ワークブック法制執務』 p.459;
農林省設置法の一部を改正する法律 (昭和39年法律第128号): 「第18条の6中第4項を第5項とし、第2項及び第3項を
1項ずつ繰り下げ、第1項の次に次の1項を加える。」). Each case runs `docgen amend OLD NEW` on the region's
agreement with
第5条 (連絡会議) given several 項, reads the 改め文 back from the amending agreement and applies them with the
tests' own reader to what `docgen build OLD` prints (``proven``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import edit
from test_amend import REGION, SYSTEM, amend_mine, proven, texts

FIRST = (
    "{{ parties | join_ja }}の長は、この連携協約の推進に関し連絡調整を図るため、"
    "毎年度、連絡会議を開催するものとする。"
)
MEETING = f"    caption: 連絡会議\n    text: >-\n      {FIRST}\n"
A = "連絡会議は、必要に応じて臨時に開催することができる。"
B = "連絡会議の庶務は、甲において処理する。"
C = "連絡会議の議事は、出席者の合意により決する。"
D = "連絡会議の運営に関し必要な事項は、別に定める。"
X = "連絡会議には、関係者の出席を求めることができる。"


def paragraphs(region: Path, *texts_: str) -> None:
    """第5条 with the first 項 as signed and ``texts_`` after it."""
    lines = "".join(f'      - "{t}"\n' for t in (FIRST, *texts_))
    edit(region, MEETING, f"    caption: 連絡会議\n    text:\n{lines}")


def test_a_paragraph_inserted_after_the_first(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paragraphs(work / "old" / REGION, A, B)
    paragraphs(work / "new" / REGION, X, A, B)
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == ["第5条中第3項を第4項とし、第2項を第3項とし、第1項の次に次の1項を加える。"]
    (paragraph,) = amendment.sentences[0].paragraphs
    assert (paragraph.number, paragraph.text) == ("2", X)


def test_a_run_of_paragraphs_moved_down(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paragraphs(work / "old" / REGION, A, B, C)
    paragraphs(work / "new" / REGION, X, A, B, C)
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == [
        "第5条中第4項を第5項とし、第2項及び第3項を1項ずつ繰り下げ、第1項の次に次の1項を加える。"
    ]


def test_a_run_of_four_paragraphs_moved_down_and_up(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # four moved alike: the back-most alone, the rest 「から…まで」; moving up, the front-most alone
    paragraphs(work / "old" / REGION, A, B, C, D)
    paragraphs(work / "new" / REGION, X, A, B, C, D)
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == [
        "第5条中第5項を第6項とし、第2項から第4項までを1項ずつ繰り下げ、第1項の次に次の1項を加える。"
    ]
    edit(work / "new" / REGION, f'      - "{FIRST}"\n      - "{X}"\n', "")
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == [
        "第5条第1項を削り、同条第2項を同条第1項とし、同条第3項から第5項までを1項ずつ繰り上げる。"
    ]


def test_paragraphs_added_at_two_places(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # from the back: the 項 before the last one added moved to its final number first; the 項 printed
    # after the sentence in the order of its clauses
    paragraphs(work / "old" / REGION, A)
    paragraphs(work / "new" / REGION, X, A, D)
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == [
        "第5条中第2項を第3項とし、第3項の次に次の1項を加え、第1項の次に次の1項を加える。"
    ]
    assert [(p.number, p.text) for p in amendment.sentences[0].paragraphs] == [("4", D), ("2", X)]


def test_a_paragraph_deleted_other_than_the_last(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paragraphs(work / "old" / REGION, A, B)
    paragraphs(work / "new" / REGION, B)
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == ["第5条第2項を削り、同条第3項を同条第2項とする。"]


def test_a_paragraph_changed_and_renumbered_in_one_sentence(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paragraphs(work / "old" / REGION, A, B)
    paragraphs(work / "new" / REGION, X, A, B.replace("甲", "乙"))
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == [
        "第5条第3項中「甲」を「乙」に改め、同項を同条第4項とし、同条第2項を同条第3項とし、"
        "同条第1項の次に次の1項を加える。"
    ]
    assert [(p.number, p.text) for p in amendment.sentences[0].paragraphs] == [("2", X)]


def test_a_paragraph_deleted_and_one_added_after_the_one_moved_up(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the 項 added follows the 項 just moved: 「同項を同条第2項とし、同項の次に次の1項を加える」 (the form
    # hoti-ak.hatenadiary.org gives for 平成26年環境省令第17号: 「第11条第1項を削り、同条第2項中……を加え、
    # 同項を同条第1項とし、同項の次に次の1項を加える。」)
    paragraphs(work / "old" / REGION, A, B)
    paragraphs(work / "new" / REGION, B, X)
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == ["第5条第2項を削り、同条第3項を同条第2項とし、同項の次に次の1項を加える。"]
    assert [(p.number, p.text) for p in amendment.sentences[0].paragraphs] == [("3", X)]


def test_a_paragraph_deleted_the_next_changed_and_one_added_are_paired_by_likeness(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # [F, A, B] → [F, B′, Y]: an equal-size gap, where position would pair A with B′ and B with Y and print
    # the article anew; paired by likeness (as articles are), A is deleted, B changed and moved up, Y added
    paragraphs(work / "old" / REGION, A, B)
    paragraphs(work / "new" / REGION, B.replace("甲", "乙"), X)
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == [
        "第5条第2項を削り、同条第3項中「甲」を「乙」に改め、同項を同条第2項とし、同項の次に次の1項を加える。"
    ]
    assert [(p.number, p.text) for p in amendment.sentences[0].paragraphs] == [("3", X)]
    # the 新旧対照表 (new side first): A underlined whole on the old side, B's number and 甲 against 2 and 乙,
    # Y underlined whole on the new side
    assert comparison.underlined() == [
        (["2", "乙", f"3\u3000{X}"], [f"2\u3000{A}", "3", "甲"]),
    ]


def test_a_paragraph_added_as_the_first(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paragraphs(work / "old" / REGION, A)
    edit(
        work / "new" / REGION,
        MEETING,
        f'    caption: 連絡会議\n    text:\n      - "{X}"\n      - "{FIRST}"\n      - "{A}"\n',
    )
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == [
        "第5条第2項を同条第3項とし、同条第1項を同条第2項とし、同条に第1項として次の1項を加える。"
    ]
    assert [(p.number, p.text) for p in amendment.sentences[0].paragraphs] == [("", X)]


def test_paragraphs_moved_in_an_article_also_renumbered(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # its 項 are amended first, by its signed number, in a sentence of its own (the 項 printed after it
    # follow that sentence), then the chain renumbers it
    paragraphs(work / "old" / REGION, A, B)
    paragraphs(work / "new" / REGION, X, A, B)
    edit(work / "new" / REGION, "  - id: costs\n", SYSTEM + "  - id: costs\n")
    edit(
        work / "new" / REGION,
        "      前条に規定する取組を実施する",
        "      {{ ref.roles }}に規定する取組を実施する",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == [
        "第5条中第3項を第4項とし、第2項を第3項とし、第1項の次に次の1項を加える。",
        "第6条を第7条とし、第5条を第6条とし、第4条中「前条」を「第3条」に改め、同条を第5条とし、"
        "第3条の次に次の1条を加える。",
    ]


def test_a_paragraph_deleted_in_an_article_also_renumbered_is_one_chain(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # no 項 printed after it: the 項 clauses join the article's renumbering, by its signed number, and
    # 同条 then still names the article
    paragraphs(work / "old" / REGION, A, B)
    paragraphs(work / "new" / REGION, B)
    edit(work / "new" / REGION, "  - id: costs\n", SYSTEM + "  - id: costs\n")
    edit(
        work / "new" / REGION,
        "      前条に規定する取組を実施する",
        "      {{ ref.roles }}に規定する取組を実施する",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == [
        "第6条を第7条とし、第5条第2項を削り、同条第3項を同条第2項とし、同条を第6条とし、"
        "第4条中「前条」を「第3条」に改め、同条を第5条とし、第3条の次に次の1条を加える。"
    ]


def test_a_paragraph_inserted_before_a_reference_to_the_one_before_it_is_refused(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 第2項's 「前項」 named 第1項; with a 項 inserted after 第1項 it would name the new one (ハネ)
    referring = "前項の連絡会議の庶務は、甲において処理する。"
    paragraphs(work / "old" / REGION, referring)
    paragraphs(work / "new" / REGION, X, referring)
    code, _, err = amend_mine(capsys)
    assert code != 0
    assert "前項" in err
    assert not Path("out/yamaguchi-kenou/mine.amendment.docx").exists()
