"""The drafting rules of issue #21, case by case, as a 法制執務 reviewer reads them: `docgen amend OLD NEW` on
the region's agreement between 山口市 and 美祢市, the 改め文 read back sentence by sentence from the amending
agreement (.docx) and applied by the tests' own reader (``kaibun_reader``) to what `docgen build OLD`
prints, which must give what `docgen build NEW` prints (``proven``); the 新旧対照表's cells and underlines
read back from its .docx.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from amendment_reader import (
    AmendingAgreement,
    ComparisonTable,
    TableBlock,
    blocks,
    read_agreement,
    read_amendment,
    read_comparison,
)
from helpers import edit, reelect, run
from kaibun_reader import read
from test_amend import DATE, MINE, REGION, SYSTEM, amend_mine, built, proven, texts, unkeyed

from docgen.word.ooxml import explain, findings

ROOT = Path(__file__).resolve().parent.parent
PURPOSE_REFERENCE = "{{ parties | join_ja }}は、前条に規定する目的"


def remove_article(region: Path, key: str, following: str | None) -> None:
    text = region.read_text(encoding="utf-8")
    start = text.index(f"  - id: {key}\n")
    end = text.index(f"  - id: {following}\n") if following else text.index("\nclosing:")
    region.write_text(text[:start] + text[end:], encoding="utf-8")


# --- sentences composed as 法制執務 composes them -----------------------------------------------------


def test_a_renumbered_articles_change_and_its_renumbering_are_one_sentence(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # an article after 第3条: the signed 第4条's 「前条」 would name it, so the author names 第3条 by id
    edit(work / "new" / REGION, "  - id: costs\n", SYSTEM + "  - id: costs\n")
    edit(
        work / "new" / REGION,
        "      前条に規定する取組を実施する",
        "      {{ ref.roles }}に規定する取組を実施する",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == [
        "第6条を第7条とし、第5条を第6条とし、第4条中「前条」を「第3条」に改め、同条を第5条とし、"
        "第3条の次に次の1条を加える。"
    ]
    assert [a.number for a in amendment.sentences[0].articles] == ["第4条"]
    assert comparison.underlined()[1] == (["第5条", "第3条"], ["第4条", "前条"])


def test_a_deleted_article_is_cited_by_its_signed_number_and_never_renumbered(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 第5条 deleted and an article added after 第1条; 第2条's 「前条」 named 第1条 and is kept right by id
    remove_article(work / "new" / REGION, "meeting", "changes")
    edit(work / "new" / REGION, "  - id: policy\n", SYSTEM + "  - id: policy\n")
    edit(
        work / "new" / REGION, PURPOSE_REFERENCE, "{{ parties | join_ja }}は、{{ ref.purpose }}に規定する目的"
    )
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == [
        "第5条を削り、第4条を第5条とし、第3条を第4条とし、第2条中「前条」を「第1条」に改め、同条を第3条とし、"
        "第1条の次に次の1条を加える。",
        "別表中「第3条関係」を「第4条関係」に改める。",
    ]


def test_the_last_article_deleted(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    remove_article(work / "new" / REGION, "changes", None)
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == ["第6条を削る。"]
    new_side, old_side = comparison.texts()[0]
    assert new_side == ["（削る）"] and old_side[0] == "（連携協約の変更等）"
    assert comparison.underlined()[0][0] == []  # 「（削る）」 is a note, not a change


def test_a_caption_and_the_body_together(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(work / "new" / REGION, "caption: 連絡会議", "caption: 連絡協議会")
    edit(work / "new" / REGION, "毎年度、連絡会議を開催する", "毎年度、連絡協議会を開催する")
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == [
        "第5条の見出しを「（連絡協議会）」に改め、同条中「連絡会議」を「連絡協議会」に改める。"
    ]
    assert comparison.underlined() == [(["（連絡協議会）", "連絡協議会"], ["（連絡会議）", "連絡会議"])]


def test_a_paragraph_added(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meeting = (
        "{{ parties | join_ja }}の長は、この連携協約の推進に関し連絡調整を図るため、"
        "毎年度、連絡会議を開催するものとする。"
    )
    edit(
        work / "new" / REGION,
        f"    caption: 連絡会議\n    text: >-\n      {meeting}\n",
        f'    caption: 連絡会議\n    text:\n      - "{meeting}"\n'
        "      - 連絡会議の庶務は、甲において処理する。\n",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == ["第5条に次の1項を加える。"]
    (paragraph,) = amendment.sentences[0].paragraphs
    assert (paragraph.number, paragraph.text) == ("2", "連絡会議の庶務は、甲において処理する。")
    assert comparison.underlined() == [(["2\u3000連絡会議の庶務は、甲において処理する。"], [])]


def test_the_title_and_the_preamble(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        work / "new" / REGION,
        "title: 山口県央連携都市圏域形成に係る",
        "title: 山口県央連携都市圏域の形成に係る",
    )
    edit(work / "new" / REGION, "次のとおり連携協約を締結する。", "次に定めるとおり連携協約を締結する。")
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == [
        "題名中「山口県央連携都市圏域形成」を「山口県央連携都市圏域の形成」に改める。",
        "前文中「次のとおり」を「次に定めるとおり」に改める。",
    ]
    # the instrument names the agreement by its title as signed
    assert amendment.title == "山口県央連携都市圏域形成に係る連携協約の一部を変更する連携協約"
    assert comparison.underlined() == [
        (["山口県央連携都市圏域の形成"], ["山口県央連携都市圏域形成"]),
        (["次に定めるとおり"], ["次のとおり"]),
    ]


# --- quotes ------------------------------------------------------------------------------------------------


def test_a_phrase_changed_at_every_place_is_quoted_once(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for side in ("old", "new"):
        edit(
            work / side / REGION,
            "毎年度、連絡会議を開催するものとする。",
            "毎年度、連絡会議を開催し、毎年度、その結果を公表するものとする。",
        )
    edit(
        work / "new" / REGION,
        "毎年度、連絡会議を開催し、毎年度、その",
        "各年度、連絡会議を開催し、各年度、その",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == ["第5条中「毎年度」を「各年度」に改める。"]
    # the table underlines it at both places
    assert comparison.underlined() == [(["各年度", "各年度"], ["毎年度", "毎年度"])]


def test_quotes_keep_words_whole(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a change inside 「取り組む」 quotes the word, not 「組む」 or 「り組む」
    edit(
        work / "new" / REGION,
        "循環型社会構築、環境の保全などに取り組む。",
        "循環型社会構築、環境の保全などに取り組んでいく。",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == ["別表3の項(1)オ中「取り組む」を「取り組んでいく」に改める。"]


def test_the_analyser_is_loaded_only_when_amending(work: Path) -> None:
    # build, check and --help never import it; amend does
    code = (
        "import sys\n"
        "from docgen.cli import main\n"
        "try:\n"
        "    status = main(sys.argv[1:])\n"
        "except SystemExit as stop:\n"
        "    status = stop.code\n"
        "print(status, 'fugashi' in sys.modules)\n"
    )

    def loaded(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=work)
        return done.stdout.strip().splitlines()[-1]

    assert loaded("build", "new", "-o", "out") == "0 False"
    assert loaded("check", "new") == "0 False"
    assert loaded("--help") in ("0 False", "None False")
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    assert loaded("amend", f"old/{MINE}", f"new/{MINE}", "--date", DATE, "-o", "amended") == "0 True"


# --- the 別表 ---------------------------------------------------------------------------------------------


def test_two_rows_of_the_appendix_changed(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 「取り組む」 is in every row: each change is located by its row's labels as the table prints them
    edit(work / "new" / REGION, "戦略的な観光施策の展開に取り組む。", "戦略的な観光施策の展開に努める。")
    edit(
        work / "new" / REGION,
        "文化・芸術やスポーツによる交流の促進など、教育・文化・スポーツの振興に取り組む。",
        "文化・芸術やスポーツによる交流の促進など、教育・文化・スポーツの振興に努める。",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == [
        "別表1の項エ中「取り組む」を「努める」に改める。",
        "別表3の項(1)イ中「取り組む」を「努める」に改める。",
    ]
    assert comparison.underlined() == [(["努める"], ["取り組む"]), (["努める"], ["取り組む"])]
    # each row is a table of its own in its column; the 別表's title once on each side, side by side
    first, second = comparison.rows
    assert [p.text for p in first[0]][:2] == ["別表（第3条関係）", "1\u3000圏域全体の経済成長のけん引"]
    assert [p.text for p in first[1]][:2] == ["別表（第3条関係）", "1\u3000圏域全体の経済成長のけん引"]
    assert "別表（第3条関係）" not in [p.text for p in second[0]]
    table = first[0][-1]
    assert isinstance(table, TableBlock)
    header, cells = table.texts()
    assert header == ["取組", "内容", "甲の役割", "乙の役割"]
    assert cells[0] == "エ\u3000戦略的な観光施策の展開"
    assert table.underlined() == ["努める"]


def test_a_row_added_to_the_appendix(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        work / "new" / REGION,
        "        - item: その他\n          text: 交流人口の拡大や雇用の創出など、",
        "        - item: デジタル化の推進\n"
        "          text: 行政手続のデジタル化など、地域のデジタル化に取り組む。\n"
        "        - item: その他\n          text: 交流人口の拡大や雇用の創出など、",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    # the row after it relabelled first, from the back; the row printed after the sentence
    assert texts(amendment) == ["別表1の項オを同表1の項カとし、同表1の項エの次に次のように加える。"]
    (row,) = amendment.sentences[0].rows
    assert (row.label, row.item, row.text) == (
        "オ",
        "デジタル化の推進",
        "行政手続のデジタル化など、地域のデジタル化に取り組む。",
    )
    assert amendment.sentences[0].rows_heading == "取組"
    added, _ = comparison.rows
    assert [p.text for p in added[1]][-1] == "（新設）"
    assert comparison.underlined()[0][1] == []
    assert comparison.underlined()[1] == (["カ"], ["オ"])
    # the rows printed after the sentence, and the tables in the 新旧対照表's cells, are valid for Word
    for kind in ("amendment", "comparison"):
        path = Path(f"out/yamaguchi-kenou/mine.{kind}.docx")
        assert [explain(finding, path) for finding in findings(path)] == []


def test_a_row_deleted_from_the_appendix(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        work / "new" / REGION,
        "        - item: 戦略的な観光施策の展開\n"
        "          text: 観光資源の活用や創出、国内外の誘客促進など、戦略的な観光施策の展開に取り組む。\n",
        "",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == ["別表1の項エを削り、同表1の項オを同表1の項エとする。"]
    assert [p.text for p in comparison.rows[0][0]][-1] == "（削る）"


def test_much_of_the_appendix_changed_is_enacted_anew(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # every row's text rewritten: more than half the rows would need a sentence of their own
    region = work / "new" / REGION
    region.write_text(
        region.read_text(encoding="utf-8").replace("に取り組む。", "を推進する。"), encoding="utf-8"
    )
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == ["別表を次のように改める。"]


def test_a_cell_whose_quotes_do_not_pair_is_enacted_anew(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a 「 left open in one cell: no phrase of that cell can be quoted, and the 別表 is printed anew rather
    # than the amendment refused (found by test_amend_core's random edits)
    edit(work / "new" / REGION, "中堅企業及び中小企業の経営強化", "「中堅企業及び中小企業の経営強化")
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == ["別表を次のように改める。"]


# --- the 別表 amended in place: rows at the head, rows both ways, titles by their labels (#21) -------------


def test_a_row_added_at_the_head_of_a_sub_field(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # no row before it to follow: the rows are relabelled from the back and the row is added before the
    # one that now follows it, by its new label (as 「第1号を第2号とし、同号の前に次の1号を加える」)
    edit(
        work / "new" / REGION,
        "        - item: 経済戦略の策定及び推進\n",
        "        - item: デジタル化の推進\n"
        "          text: 行政手続のデジタル化など、地域のデジタル化に取り組む。\n"
        "        - item: 経済戦略の策定及び推進\n",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == [
        "別表1の項オを同表1の項カとし、同表1の項エを同表1の項オとし、同表1の項ウを同表1の項エとし、"
        "同表1の項イを同表1の項ウとし、同表1の項アを同表1の項イとし、同表1の項イの前に次のように加える。"
    ]
    (row,) = amendment.sentences[0].rows
    assert (row.label, row.item) == ("ア", "デジタル化の推進")
    added, *relabelled = comparison.rows
    assert [p.text for p in added[1]][-1] == "（新設）"
    # the row added underlined whole on the new side; each row relabelled at its label
    assert comparison.underlined()[0] == (
        [
            "ア\u3000デジタル化の推進",
            "行政手続のデジタル化など、地域のデジタル化に取り組む。",
            "乙と連携・協力して、取組を推進する。",
            "甲と連携・協力して実施する事業について、甲と取組を推進する。",
        ],
        [],
    )
    assert comparison.underlined()[1:] == [
        (["イ"], ["ア"]),
        (["ウ"], ["イ"]),
        (["エ"], ["ウ"]),
        (["オ"], ["エ"]),
        (["カ"], ["オ"]),
    ]


def test_rows_added_at_two_places_of_a_sub_field(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # one row before 1の項ア and one after 1の項ウ: the rows relabelled from the back in one sentence that
    # ends adding the first row before the row now after it; the second row, a block of its own, after the
    # row now before it (its new label), in a sentence of its own
    edit(
        work / "new" / REGION,
        "        - item: 経済戦略の策定及び推進\n",
        "        - item: デジタル化の推進\n"
        "          text: 行政手続のデジタル化など、地域のデジタル化に取り組む。\n"
        "        - item: 経済戦略の策定及び推進\n",
    )
    edit(
        work / "new" / REGION,
        "        - item: 戦略的な観光施策の展開\n",
        "        - item: 脱炭素化の推進\n"
        "          text: 再生可能エネルギーの導入など、地域の脱炭素化に取り組む。\n"
        "        - item: 戦略的な観光施策の展開\n",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == [
        "別表1の項オを同表1の項キとし、同表1の項エを同表1の項カとし、同表1の項ウを同表1の項エとし、"
        "同表1の項イを同表1の項ウとし、同表1の項アを同表1の項イとし、同表1の項イの前に次のように加える。",
        "別表1の項エの次に次のように加える。",
    ]
    first, second = (sentence.rows for sentence in amendment.sentences)
    assert [(row.label, row.item) for row in first] == [("ア", "デジタル化の推進")]
    assert [(row.label, row.item) for row in second] == [("オ", "脱炭素化の推進")]
    # both rows 「（新設）」 on the old side, underlined whole on the new; the rows relabelled at their labels
    underlined = comparison.underlined()
    assert [old for new, old in underlined if new and new[0].startswith(("ア\u3000", "オ\u3000"))] == [[], []]
    assert sorted(pair for pair in underlined if len(pair[0]) == 1) == [
        (["イ"], ["ア"]),
        (["ウ"], ["イ"]),
        (["エ"], ["ウ"]),
        (["カ"], ["エ"]),
        (["キ"], ["オ"]),
    ]
    assert [p.text for p in comparison.rows[0][1]][-1] == "（新設）"


def test_rows_added_and_deleted_in_one_sub_field(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 戦略産業の育成 (イ) deleted and a row added before その他 (オ): the deletion first, the rows after it
    # moved up from the front, then the row added after the row before it, by its new label
    edit(
        work / "new" / REGION,
        "        - item: 戦略産業の育成\n"
        "          text: 中堅企業及び中小企業の経営強化、創業促進、産業人材の育成、企業誘致の推進など、"
        "戦略産業の育成に取り組む。\n",
        "",
    )
    edit(
        work / "new" / REGION,
        "        - item: その他\n          text: 交流人口の拡大や雇用の創出など、",
        "        - item: デジタル化の推進\n"
        "          text: 行政手続のデジタル化など、地域のデジタル化に取り組む。\n"
        "        - item: その他\n          text: 交流人口の拡大や雇用の創出など、",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == [
        "別表1の項イを削り、同表1の項ウを同表1の項イとし、同表1の項エを同表1の項ウとし、"
        "同表1の項ウの次に次のように加える。"
    ]
    (row,) = amendment.sentences[0].rows
    assert (row.label, row.item) == ("エ", "デジタル化の推進")
    # the 新旧対照表 in the sentence's order: 「（削る）」, the rows moved up at their labels, 「（新設）」
    deleted, up, up2, added = comparison.underlined()
    assert deleted[0] == [] and deleted[1][0] == "イ\u3000戦略産業の育成"
    assert (up, up2) == ((["イ"], ["ウ"]), (["ウ"], ["エ"]))
    assert added[0][0] == "エ\u3000デジタル化の推進" and added[1] == []
    new_side, old_side = comparison.texts()[0]
    assert new_side[-1] == "（削る）" and old_side[-1].splitlines()[0] == "取組\t内容\t甲の役割\t乙の役割"
    assert comparison.texts()[-1][1] == ["（新設）"]


def test_a_field_title_that_its_rows_repeat_is_located_by_its_label(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        work / "new" / REGION,
        "    - title: 圏域全体の経済成長のけん引\n",
        "    - title: 圏域全体の経済成長の推進\n",
    )
    edit(
        work / "new" / REGION,
        "        - title: 生活機能の強化に係る政策分野\n",
        "        - title: 生活機能の充実に係る政策分野\n",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    # 「けん引」 and 「圏域全体の経済成長のけん引」 are in 1の項オ too: the title's line is quoted with its
    # label in its field; 「強化に係る」 is in the 別表 elsewhere, but in 3の項(1) only in its title
    assert texts(amendment) == [
        "別表1の項中「1\u3000圏域全体の経済成長のけん引」を「1\u3000圏域全体の経済成長の推進」に改める。",
        "別表3の項(1)中「強化に係る」を「充実に係る」に改める。",
    ]
    # the 新旧対照表 underlines exactly what the 改め文 quote (the guide's rule): the title's whole line with
    # its label, and 「強化に係る」, not only the words that differ
    assert comparison.underlined() == [
        (["1\u3000圏域全体の経済成長の推進"], ["1\u3000圏域全体の経済成長のけん引"]),
        (["充実に係る"], ["強化に係る"]),
    ]
    assert comparison.texts()[1] == (
        ["3\u3000圏域全体の生活関連機能サービスの向上", "(1)\u3000生活機能の充実に係る政策分野"],
        ["3\u3000圏域全体の生活関連機能サービスの向上", "(1)\u3000生活機能の強化に係る政策分野"],
    )


def test_the_heading_of_the_appendix_is_located_by_its_column(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 「取組」 is in every row's roles (「取組を推進する」): the heading is quoted in the column it heads,
    # named by it as the table prints it, where only the heading holds it
    edit(work / "new" / REGION, "  heading: 取組\n", "  heading: 連携する取組\n")
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == ["別表の取組の欄中「取組」を「連携する取組」に改める。"]
    assert comparison.underlined() == [(["連携する取組"], ["取組"])]
    # the header row as the 別表 prints it, a table of one row in its column, underlined in its cell
    ((new_side, old_side),) = comparison.texts()
    assert new_side == ["別表（第3条関係）", "連携する取組\t内容\t甲の役割\t乙の役割"]
    assert old_side == ["別表（第3条関係）", "取組\t内容\t甲の役割\t乙の役割"]
    (new_row,) = [b for b in comparison.rows[0][0] if isinstance(b, TableBlock)]
    assert new_row.texts() == [["連携する取組", "内容", "甲の役割", "乙の役割"]]
    path = Path("out/yamaguchi-kenou/mine.comparison.docx")
    assert [explain(finding, path) for finding in findings(path)] == []  # valid for Word


def test_the_appendix_sentences_follow_the_table(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a sub-field's title in 3の項 and rows of 1の項: 1の項 first, as the table reads; in 1の項, the phrase
    # located in ウ before the sentence that deletes イ and moves ウ up (it names ウ by its label as signed)
    edit(
        work / "new" / REGION,
        "        - title: 生活機能の強化に係る政策分野\n",
        "        - title: 生活機能の充実に係る政策分野\n",
    )
    edit(
        work / "new" / REGION,
        "地域資源を活用した地域経済の裾野拡大に取り組む。",
        "地域資源を活用した地域経済の裾野拡大に努める。",
    )
    edit(
        work / "new" / REGION,
        "        - item: 戦略産業の育成\n"
        "          text: 中堅企業及び中小企業の経営強化、創業促進、産業人材の育成、企業誘致の推進など、"
        "戦略産業の育成に取り組む。\n",
        "",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment) == [
        "別表1の項ウ中「取り組む」を「努める」に改める。",
        "別表1の項イを削り、同表1の項ウを同表1の項イとし、同表1の項エを同表1の項ウとし、同表1の項オを同表1の項エとする。",
        "別表3の項(1)中「強化に係る」を「充実に係る」に改める。",
    ]


# --- tables of text, and several 別表 ---------------------------------------------------------------------

TEXT_ROWS = """\
      - [ア, 医療の連携, 連携する]
      - [イ, 教育の連携, 連携する]
      - [ウ, 福祉の連携, 連携する]
      - [エ, 交通の連携, 連携する]
      - [オ, 防災の連携, 連携する]
  - title: 別表第3
    heading: 取組
    roles: {central: 推進する。, partner: 協力する。}
    fields:
      - title: 生活
        rows:
          - {item: 医療, text: 医療の充実に取り組む。}
          - {item: 福祉, text: 福祉の充実に取り組む。}
          - {item: 教育, text: 教育の充実に取り組む。}
          - {item: 交通, text: 交通の充実に取り組む。}
"""


@pytest.fixture
def shapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """old/ and new/ of the region of test_shapes (parties by name, 別表第1 of 取組, 別表第2 a table of
    text), with rows in 別表第2 and a 別表第3 of 取組 as 定住自立圏 協定 have (別表第1–第3)."""
    from test_shapes import AGREEMENT
    from test_shapes import REGION as SHAPES

    region = SHAPES.replace('      - [ア, 医療の連携, ""]\n', TEXT_ROWS)
    for side in ("old", "new"):
        (tmp_path / side / "demo").mkdir(parents=True)
        shutil.copy(ROOT / "agreements/municipalities.yaml", tmp_path / side)
        (tmp_path / side / "demo/region.yaml").write_text(region, encoding="utf-8")
        (tmp_path / side / "demo/mihara.yaml").write_text(AGREEMENT, encoding="utf-8")
        reelect(tmp_path / side / "municipalities.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def amend_shapes(capsys: pytest.CaptureFixture[str]) -> tuple[AmendingAgreement, ComparisonTable]:
    """`docgen amend old new` of the shapes region, proven as ``proven`` proves the region's: the 改め文,
    applied by the tests' reader to what `docgen build OLD` prints, give what `docgen build NEW` prints."""
    status, _, err = run(["amend", "old", "new", "--date", DATE, "-o", "out"], capsys)
    assert (status, err) == (0, "")
    amendment = read_amendment(Path("out/demo/mihara.amendment.docx"))
    comparison = read_comparison(Path("out/demo/mihara.comparison.docx"))
    old = read_agreement(built("old", capsys, "mihara", "demo"))
    new = read_agreement(built("new", capsys, "mihara", "demo"))
    assert old != new
    assert unkeyed(read(old, amendment.sentences)) == unkeyed(new)
    return amendment, comparison


def test_a_table_of_text_amended_by_row(shapes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 「連携する」 is in every row: the change is located by its row's first cell as the table prints it;
    # a row deleted by it
    edit(shapes / "new/demo/region.yaml", "[イ, 教育の連携, 連携する]", "[イ, 教育の連携, 協力する]")
    edit(shapes / "new/demo/region.yaml", "      - [オ, 防災の連携, 連携する]\n", "")
    amendment, comparison = amend_shapes(capsys)
    assert texts(amendment) == [
        "別表第2のイの項中「連携する」を「協力する」に改める。",
        "別表第2のオの項を削る。",
    ]
    # each row a table of its own under the table's header row, as the 別表 prints it, underlined in its
    # cells: the changed words, a row deleted whole
    header = "区分\t内容\t備考\n"
    assert comparison.underlined() == [
        (["協力する"], ["連携する"]),
        ([], ["オ", "防災の連携", "連携する"]),
    ]
    assert comparison.texts() == [
        (["別表第2", header + "イ\t教育の連携\t協力する"], ["別表第2", header + "イ\t教育の連携\t連携する"]),
        (["（削る）"], [header + "オ\t防災の連携\t連携する"]),
    ]
    ((new_row, *_), (old_row, *_)) = [
        [b for b in side if isinstance(b, TableBlock)] for side in comparison.rows[0]
    ]
    assert new_row.texts() == [["区分", "内容", "備考"], ["イ", "教育の連携", "協力する"]]
    assert old_row.texts() == [["区分", "内容", "備考"], ["イ", "教育の連携", "連携する"]]


def test_rows_added_to_a_table_of_text(shapes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # after the row before it, named by its first cell; the row printed after the sentence as a table of
    # its cells
    region = shapes / "new/demo/region.yaml"
    edit(
        region,
        "      - [オ, 防災の連携, 連携する]\n",
        "      - [オ, 防災の連携, 連携する]\n      - [カ, 観光の連携, 連携する]\n",
    )
    amendment, comparison = amend_shapes(capsys)
    assert texts(amendment) == ["別表第2のオの項の次に次のように加える。"]
    assert amendment.sentences[0].cells == (("カ", "観光の連携", "連携する"),)
    # the row as a table under the header row; the old side names the 別表 over its 「（新設）」
    ((new_side, old_side),) = comparison.texts()
    assert new_side == ["別表第2", "区分\t内容\t備考\nカ\t観光の連携\t連携する"]
    assert old_side == ["別表第2", "（新設）"]
    assert comparison.underlined() == [(["カ", "観光の連携", "連携する"], [])]
    path = Path("out/demo/mihara.amendment.docx")
    assert [explain(finding, path) for finding in findings(path)] == []  # valid for Word
    # at the head of the rows, before the row after it
    edit(region, "      - [カ, 観光の連携, 連携する]\n", "")
    edit(
        region,
        "      - [ア, 医療の連携, 連携する]\n",
        "      - [総合, 総合的な連携, 連携する]\n      - [ア, 医療の連携, 連携する]\n",
    )
    amendment, _ = amend_shapes(capsys)
    assert texts(amendment) == ["別表第2のアの項の前に次のように加える。"]
    assert amendment.sentences[0].cells == (("総合", "総合的な連携", "連携する"),)
    edit(
        region,
        "      - [オ, 防災の連携, 連携する]\n",
        "      - [オ, 防災の連携, 連携する]\n      - [カ, 観光の連携, 連携する]\n",
    )
    # at two places: the second place a sentence of its own (a sentence brings one block of rows)
    amendment, _ = amend_shapes(capsys)
    assert texts(amendment) == [
        "別表第2のアの項の前に次のように加える。",
        "別表第2のオの項の次に次のように加える。",
    ]
    assert [s.cells for s in amendment.sentences] == [
        (("総合", "総合的な連携", "連携する"),),
        (("カ", "観光の連携", "連携する"),),
    ]


def test_rows_of_a_table_of_text_relabelled(shapes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the rows' first cells are ordinals (ア, イ…): a row added after ウ moves エ and オ down, from the back,
    # as 表の項 with ordinal names are moved (「別表第一の四の項を同表の五の項とし」), in the sentence that
    # adds it, named by the label of the row before it
    region = shapes / "new/demo/region.yaml"
    edit(
        region,
        "      - [エ, 交通の連携, 連携する]\n      - [オ, 防災の連携, 連携する]\n",
        "      - [エ, 観光の連携, 連携する]\n      - [オ, 交通の連携, 連携する]\n"
        "      - [カ, 防災の連携, 連携する]\n",
    )
    amendment, comparison = amend_shapes(capsys)
    assert texts(amendment) == [
        "別表第2のオの項を同表のカの項とし、同表のエの項を同表のオの項とし、同表のウの項の次に次のように加える。"
    ]
    assert amendment.sentences[0].cells == (("エ", "観光の連携", "連携する"),)
    # the 新旧対照表: each row moved underlined at its first cell, the row added underlined whole
    underlined = comparison.underlined()
    assert (["エ", "観光の連携", "連携する"], []) in underlined
    assert (["オ"], ["エ"]) in underlined and (["カ"], ["オ"]) in underlined
    # a row deleted: the rows after it moved up, from the front
    edit(
        region,
        "      - [エ, 観光の連携, 連携する]\n      - [オ, 交通の連携, 連携する]\n"
        "      - [カ, 防災の連携, 連携する]\n",
        "      - [ウ, 交通の連携, 連携する]\n      - [エ, 防災の連携, 連携する]\n",
    )
    edit(
        region,
        "      - [イ, 教育の連携, 連携する]\n      - [ウ, 福祉の連携, 連携する]\n",
        "      - [イ, 福祉の連携, 連携する]\n",
    )
    amendment, comparison = amend_shapes(capsys)
    assert texts(amendment) == [
        "別表第2のイの項を削り、同表のウの項を同表のイの項とし、同表のエの項を同表のウの項とし、"
        "同表のオの項を同表のエの項とする。"
    ]
    assert ([], ["イ", "教育の連携", "連携する"]) in comparison.underlined()


def test_several_appendices_each_amended_in_place(shapes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(shapes / "new/demo/region.yaml", "産業を振興する。", "産業を育成する。")
    edit(shapes / "new/demo/region.yaml", "[ウ, 福祉の連携, 連携する]", "[ウ, 介護の連携, 連携する]")
    edit(shapes / "new/demo/region.yaml", "福祉の充実に取り組む。", "福祉の向上に取り組む。")
    edit(
        shapes / "new/demo/region.yaml",
        "          - {item: 交通, text: 交通の充実に取り組む。}\n",
        "          - {item: 交通, text: 交通の充実に取り組む。}\n"
        "          - {item: 防災, text: 防災に取り組む。}\n",
    )
    amendment, comparison = amend_shapes(capsys)
    # each 別表 by its own name; 「福祉」 is in 別表第3 too, but 「別表第2中」 names 別表第2 alone; a row of
    # 別表第3 by its labels after 「の」 (「別表第31の項」 would misread)
    assert texts(amendment) == [
        "別表第1中「振興」を「育成」に改める。",
        "別表第2中「福祉」を「介護」に改める。",
        "別表第3の1の項イ中「充実」を「向上」に改める。",
        "別表第3の1の項エの次に次のように加える。",
    ]
    (row,) = amendment.sentences[3].rows
    assert (row.label, row.item, row.text, row.roles) == (
        "オ",
        "防災",
        "防災に取り組む。",
        ("推進する。", "協力する。"),
    )
    assert comparison.underlined() == [
        (["育成"], ["振興"]),
        (["介護"], ["福祉"]),
        (["向上"], ["充実"]),
        (["オ\u3000防災", "防災に取り組む。", "推進する。", "協力する。"], []),
    ]
    # each 別表's title once on each side, at its first row
    assert [(new[0], old[0]) for new, old in comparison.texts()[:3]] == [
        ("別表第1（第2条関係）", "別表第1（第2条関係）"),
        ("別表第2", "別表第2"),
        ("別表第3", "別表第3"),
    ]


# --- options -----------------------------------------------------------------------------------------------


def test_blank_sides_leaves_the_marks_out(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    remove_article(work / "new" / REGION, "changes", None)
    assert amend_mine(capsys, "--blank-sides")[0] == 0
    comparison = read_comparison(Path("out/yamaguchi-kenou/mine.comparison.docx"))
    assert comparison.texts()[0][0] == []


def test_the_table_style(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    remove_article(work / "new" / REGION, "changes", None)
    assert amend_mine(capsys, "--style", "table")[0] == 0
    found = blocks(Path("out/yamaguchi-kenou/mine.amendment.docx"))
    paragraphs = [b.text for b in found if not isinstance(b, TableBlock) and b.text]
    assert paragraphs[0] == "山口県央連携都市圏域形成に係る連携協約の一部を変更する連携協約"
    assert paragraphs[2] == (
        "次の表の変更前の欄中下線が引かれた部分を同表の変更後の欄中下線が引かれた部分のように改め、"
        "同表の変更後の欄に掲げる規定で変更前の欄に「（新設）」と記載されているものはこれを加え、"
        "同表の変更前の欄に掲げる規定で変更後の欄に「（削る）」と記載されているものはこれを削る。"
    )
    assert paragraphs[3] == "附\u3000則"  # no 改め文: the table is the body
    (table,) = [b for b in found if isinstance(b, TableBlock)]
    header, *rows = table.rows
    assert ["".join(p.text for p in cell) for cell in header] == ["変更後", "変更前"]
    # the same rows and underlines as the 新旧対照表
    comparison = read_comparison(Path("out/yamaguchi-kenou/mine.comparison.docx"))
    assert [[u for p in left for u in p.underlined()] for left, _ in rows] == [
        left for left, _ in comparison.underlined()
    ]
    assert [[u for p in right for u in p.underlined()] for _, right in rows] == [
        r for _, r in comparison.underlined()
    ]
    assert comparison.underlined()[0] == (["毎年度1回以上、"], ["毎年度、"])
    path = Path("out/yamaguchi-kenou/mine.amendment.docx")
    assert [explain(finding, path) for finding in findings(path)] == []  # valid for Word
    status, _, err = amend_mine(capsys, "--style", "table", "--blank-sides")
    assert status == 1 and "--blank-sides and --style table do not go together" in err
