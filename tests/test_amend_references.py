"""ハネ for every kind of literal reference (issue #21): a 前項, 同条, 第N条第M項 … in NEW whose words are as
signed but that now names another provision is refused by `docgen amend` in final and copy modes, told in a
draft, naming the provision, the reference and the fix. The amendments that pass are proven as in
test_amend: the 改め文 read back from the amending agreement and applied by the tests' own reader to what
`docgen build OLD` prints give what `docgen build NEW` prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import edit
from test_amend import REGION, SYSTEM, amend_mine, proven, texts

MEETING = (
    "    caption: 連絡会議\n    text: >-\n      {{ parties | join_ja }}"
    "の長は、この連携協約の推進に関し連絡調整を"
    "図るため、毎年度、連絡会議を開催するものとする。\n"
)
HELD = (
    "{{ parties | join_ja }}の長は、この連携協約の"
    "推進に関し連絡調整を図るため、毎年度、連絡会議を開催するものとする。"
)
OFFICE = "前項の連絡会議の庶務は、甲において処理する。"
CALLED = "連絡会議は、甲の長が招集する。"


def at_line(path: Path, line: int, written: str) -> bool:
    """``written`` is on ``line`` of ``path``, or on the next (a block scalar's text follows its key)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return written in lines[line - 1] or written in lines[line]


def two_paragraphs(region: Path, *paragraphs: str) -> None:
    listed = "".join(f'      - "{text}"\n' for text in paragraphs)
    edit(region, MEETING, f"    caption: 連絡会議\n    text:\n{listed}")


def test_a_paragraph_added_before_one_that_says_the_paragraph_before(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the signed 第5条 has two 項, the second says 前項; a 項 added between them makes 前項 name the new one
    two_paragraphs(work / "old" / REGION, HELD, OFFICE)
    two_paragraphs(work / "new" / REGION, HELD, CALLED, OFFICE)
    stale = (
        "第5条第3項: 「前項」 is printed as before and now names another provision; the one it named is now "
        "第1項: write 「第1項」"
    )
    place = "new/yamaguchi-kenou/region.yaml:41:9"  # the 項 that says it
    assert at_line(work / "new" / REGION, 41, "前項")
    for mode in ("final", "copy"):
        assert amend_mine(capsys, "--mode", mode) == (1, "", f"error: {place}: {stale}\n")
        assert not (work / "out").exists()
    status, _, err = amend_mine(capsys, "--mode", "draft")
    assert (status, err) == (0, f"warning: {place}: {stale} (new/yamaguchi-kenou/mine.yaml)\n")
    # the number meant, written: signed; the 項 changed and moved in one sentence, the new 項 after 第1項
    edit(work / "new" / REGION, f'"{OFFICE}"', '"第1項の連絡会議の庶務は、甲において処理する。"')
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == [
        "第5条第2項中「前項」を「第1項」に改め、同項を同条第3項とし、同条第1項の次に次の1項を加える。"
    ]
    assert [(p.number, p.text) for p in amendment.sentences[0].paragraphs] == [("2", CALLED)]


def test_a_paragraph_named_by_number_from_another_article(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 第6条 names 第5条第2項; a 項 added in front of it in 第5条 leaves 第5条第2項 naming the new 項
    for side in ("old", "new"):
        two_paragraphs(work / side / REGION, HELD, OFFICE)
        edit(work / side / REGION, "この連携協約を変更し、", "第5条第2項の庶務のほか、この連携協約を変更し、")
    two_paragraphs_new = work / "new" / REGION
    edit(two_paragraphs_new, f'      - "{OFFICE}"\n', f'      - "{CALLED}"\n      - "{OFFICE}"\n')
    edit(two_paragraphs_new, f'"{OFFICE}"', '"第1項の連絡会議の庶務は、甲において処理する。"')
    status, out, err = amend_mine(capsys)
    assert (status, out) == (1, "")
    assert err == (
        "error: new/yamaguchi-kenou/region.yaml:44:11: 第6条: 「第5条第2項」 is printed as before and now "
        "names another provision; the one it named is now 第5条第3項: write 「第5条第3項」\n"
    )
    assert at_line(work / "new" / REGION, 44, "第5条第2項")


def test_same_article_follows_what_it_repeats(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 第4条 says 「前条に規定する取組 … 同条に規定する役割」: 同条 repeats 前条, and names what 前条 names
    for side in ("old", "new"):
        edit(
            work / side / REGION,
            "要する費用の分担については、",
            "要する費用の分担については、同条に規定する役割に応じ、",
        )
    edit(work / "new" / REGION, "  - id: costs\n", SYSTEM + "  - id: costs\n")
    # an article added after 第3条: 前条 names it; 同条, repeating 前条, is not told apart
    status, _, err = amend_mine(capsys)
    assert status == 1
    assert err == (
        "error: new/yamaguchi-kenou/region.yaml:38:11: 第5条: 「前条」 is printed as before and now names "
        "another article; the one it named is now 第3条: write {{ ref.roles }} to name it, which follows "
        "renumbering, or 「第3条」\n"
    )
    assert at_line(work / "new" / REGION, 38, "前条")
    # 前条 written as {{ ref.roles }}: 同条 repeats 第3条, as it did: signed
    edit(
        work / "new" / REGION,
        "      前条に規定する取組を実施する",
        "      {{ ref.roles }}に規定する取組を実施する",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == [
        "第6条を第7条とし、第5条を第6条とし、第4条中「前条」を「第3条」に改め、同条を第5条とし、"
        "第3条の次に次の1条を加える。"
    ]


def test_same_article_after_a_reference_the_author_changed(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the author makes 第2条's 前条 name 第1条 by number and keeps 「同条」 after it: as signed 同条 named
    # 第1条 through 前条, and still does; changed to 次条 (第3条), 同条 follows it to another article
    for side in ("old", "new"):
        edit(
            work / side / REGION,
            "前条に規定する目的を達成するため、",
            "前条に規定する目的を達成するため、同条の趣旨に沿い、",
        )
    edit(work / "new" / REGION, "、前条に規定する目的", "、第1条に規定する目的")
    status, _, err = amend_mine(capsys)
    assert (status, err) == (0, "")
    edit(work / "new" / REGION, "、第1条に規定する目的", "、次条に規定する目的")
    status, _, err = amend_mine(capsys)
    assert status == 1
    assert (
        "第2条: 「同条」 is printed as before and now names another article; the one it named is now 前条"
        in err
    )
