"""`docgen amend OLD NEW`: the amending agreement and the 新旧対照表 of the region's agreements, read back
from the documents a user gets (text, which runs are underlined, exit code, exact messages).

Every case is also proven: the 改め文 read back from the amending agreement, applied to the text that
`docgen build OLD` prints by the tests' own reader of 改め文 (``kaibun_reader``), give the text that `docgen
build NEW` prints; both texts are read back from the built documents (``amendment_reader``).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from amendment_reader import (
    AmendingAgreement,
    ComparisonTable,
    read_agreement,
    read_amendment,
    read_comparison,
)
from docx_text import assert_matches_reference, document_text, header_texts
from helpers import edit, reelect, run, snapshot
from kaibun_reader import read

import docgen.amend
from docgen.amend.text import Version

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = (Path(__file__).parent / "data" / "yamaguchi-mine-agreement.txt").read_text(encoding="utf-8")
REGION = Path("yamaguchi-kenou/region.yaml")
MINE = Path("yamaguchi-kenou/mine.yaml")
# in the order docgen lists them: by file name
ELEVEN = [
    p.stem for p in sorted((ROOT / "agreements/yamaguchi-kenou").glob("*.yaml")) if p.name != "region.yaml"
]
DATE = "2024-04-01"
PREAMBLE = (
    "山口市（以下「甲」という。）及び美祢市（以下「乙」という。）は、平成29年3月30日に締結した"
    "山口県央連携都市圏域形成に係る連携協約の一部を次のとおり変更する。"
)
TITLE = "山口県央連携都市圏域形成に係る連携協約の一部を変更する連携協約"
SYSTEM = """\
  - id: system
    caption: 連携の推進体制
    text: >-
      {{ parties | join_ja }}は、連携する取組を円滑に推進するため、必要な体制を整備するものとする。
"""
SYSTEM_TEXT = "甲及び乙は、連携する取組を円滑に推進するため、必要な体制を整備するものとする。"


def amend_mine(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str, str]:
    return run(["amend", f"old/{MINE}", f"new/{MINE}", "--date", DATE, "-o", "out", *options], capsys)


def built(
    side: str, capsys: pytest.CaptureFixture[str], name: str = "mine", region: str = "yamaguchi-kenou"
) -> Path:
    """`docgen build` of one agreement of a side, into built-<side>/."""
    status, _, err = run(["build", f"{side}/{region}/{name}.yaml", "-o", f"built-{side}"], capsys)
    assert (status, err) == (0, "")
    return Path(f"built-{side}/{region}/{name}.docx")


def unkeyed(version: Version) -> Version:
    return replace(version, articles=tuple(replace(a, key=None) for a in version.articles))


def proven(
    capsys: pytest.CaptureFixture[str], name: str = "mine"
) -> tuple[AmendingAgreement, ComparisonTable]:
    """The documents of one agreement's amendment, read back, once the amendment is proven: its 改め文,
    applied by the tests' reader to what `docgen build OLD` prints, give what `docgen build NEW` prints."""
    amendment = read_amendment(Path(f"out/yamaguchi-kenou/{name}.amendment.docx"))
    comparison = read_comparison(Path(f"out/yamaguchi-kenou/{name}.comparison.docx"))
    old = read_agreement(built("old", capsys, name))
    new = read_agreement(built("new", capsys, name))
    assert old != new
    assert unkeyed(read(old, amendment.sentences)) == unkeyed(new)
    return amendment, comparison


def texts(amendment: AmendingAgreement) -> list[str]:
    return [sentence.text for sentence in amendment.sentences]


# --- the cases of issue #13 ---------------------------------------------------------------------------------


def test_a_row_of_the_appendix(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(work / "new" / REGION, "循環型社会構築、環境の保全", "循環型社会の構築、環境の保全")
    assert amend_mine(capsys) == (
        0,
        "amended: new/yamaguchi-kenou/mine.yaml\nwrote 1 amendment (2 documents) to out/\n",
        "",
    )
    amendment, comparison = proven(capsys)
    # one word in one cell: amended in place, the phrase found once in the whole 別表 (issue #21)
    assert texts(amendment) == ["別表中「循環型社会構築」を「循環型社会の構築」に改める。"]
    assert amendment.sentences[0].appendix is None
    # where the row is (the 別表's title, its field and sub-field), then the row as a table of its own in the
    # column, the 別表's columns over its cells; only the changed phrase underlined
    row = "取組\t内容\t甲の役割\t乙の役割\nオ\u3000環境\t{}、環境の保全などに取り組む。\t{}\t{}"
    roles = (
        "乙と連携・協力して、取組を推進する。",
        "甲と連携・協力して実施する事業について、甲と取組を推進する。",
    )
    where = [
        "別表（第3条関係）",
        "3\u3000圏域全体の生活関連機能サービスの向上",
        "(1)\u3000生活機能の強化に係る政策分野",
    ]
    assert comparison.texts() == [
        ([*where, row.format("循環型社会の構築", *roles)], [*where, row.format("循環型社会構築", *roles)])
    ]
    assert comparison.underlined() == [(["循環型社会の構築"], ["循環型社会構築"])]


def test_b_an_articles_text(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    # the whole amending agreement as a user reads it
    assert amendment.title == TITLE
    assert amendment.preamble == PREAMBLE
    assert texts(amendment) == ["第5条中「毎年度、」を「毎年度1回以上、」に改める。"]
    assert amendment.supplementary == ["附　則", "この連携協約は、締結の日から効力を生ずる。"]
    assert amendment.closing == (
        "この連携協約の変更を証するため、本書2通を作成し、甲及び乙が記名押印の上、それぞれ各1通を保有する。"
    )
    assert amendment.date == "令和6年4月1日"
    assert amendment.signatures == [
        "甲　山口市亀山町2番1号\n山口市\n山口市長　渡辺純忠",
        "乙　美祢市大嶺町東分326番地1\n美祢市\n美祢市長　西岡晃",
    ]
    # the 新旧対照表: its title, the note, 変更後 on the left, the article with its phrase underlined
    assert (comparison.title, comparison.parties, comparison.note) == (
        "山口県央連携都市圏域形成に係る連携協約新旧対照表",
        "（山口市及び美祢市）",
        "（傍線部分は変更部分）",
    )
    assert comparison.headers == ("変更後", "変更前")
    assert comparison.texts() == [
        (
            [
                "（連絡会議）",
                "第5条\u3000甲及び乙の長は、この連携協約の推進に関し連絡調整を図るため、毎年度1回以上、連絡会議を"
                "開催するものとする。",
            ],
            [
                "（連絡会議）",
                "第5条\u3000甲及び乙の長は、この連携協約の推進に関し連絡調整を図るため、毎年度、連絡会議を開催する"
                "ものとする。",
            ],
        )
    ]
    assert comparison.underlined() == [(["毎年度1回以上、"], ["毎年度、"])]
    # the styles of the agreement: 見出し and the article's hanging indent
    assert [p.style for p in comparison.rows[0][0]] == ["ArticleCaption", "Article"]
    # the same inputs give the same bytes
    assert run(["amend", f"old/{MINE}", f"new/{MINE}", "--date", DATE, "-o", "again"], capsys)[0] == 0
    for kind in ("amendment", "comparison"):
        name = f"yamaguchi-kenou/mine.{kind}.docx"
        assert (work / "again" / name).read_bytes() == (work / "out" / name).read_bytes()


def test_c_a_caption(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(work / "new" / REGION, "caption: 連絡会議", "caption: 連絡協議会")
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == ["第5条の見出しを「（連絡協議会）」に改める。"]
    assert comparison.underlined() == [(["（連絡協議会）"], ["（連絡会議）"])]


def test_d_an_article_inserted_before_article_3(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(work / "new" / REGION, "  - id: roles\n", SYSTEM + "  - id: roles\n")
    # 第2条 says 次条 as text: it now names the new article (ハネ改正 missed). What is to be signed is
    # refused, naming the article, the reference and the fix; nothing is written
    stale = (
        "第2条: 「次条」 is printed as before and now names another article; the one it named is now 第4条: "
        "write {{ ref.roles }} to name it, which follows renumbering, or 「第4条」"
    )
    for mode in ("final", "copy"):
        assert amend_mine(capsys, "--mode", mode) == (
            1,
            "",
            f"error: new/yamaguchi-kenou/region.yaml:26:11: {stale}\n",  # 第2条's text, told once
        )
        assert not (work / "out").exists()
    # a draft is for finding such things: it warns and writes
    status, out, err = amend_mine(capsys, "--mode", "draft")
    assert status == 0
    assert err == f"warning: new/yamaguchi-kenou/region.yaml:26:11: {stale} (new/yamaguchi-kenou/mine.yaml)\n"
    lines = (work / "new" / REGION).read_text(encoding="utf-8").splitlines()
    assert lines[25].strip() == "text: >-" and "次条に規定する取組" in lines[26]  # 第2条's text: line 26
    amendment, comparison = proven(capsys)
    # the 別表's title is 別表（{{ ref.roles }}関係）: it follows, and the amendment lists that change itself
    assert texts(amendment) == [
        "第6条を第7条とし、第3条から第5条までを1条ずつ繰り下げ、第2条の次に次の1条を加える。",
        "別表中「第3条関係」を「第4条関係」に改める。",
    ]
    (article,) = amendment.sentences[0].articles
    assert (article.number, article.caption, article.text) == ("第3条", "連携の推進体制", SYSTEM_TEXT)
    assert comparison.underlined() == [
        (["（連携の推進体制）", f"第3条\u3000{SYSTEM_TEXT}"], []),  # new: nothing on the old side
        (["第4条"], ["第3条"]),
        (["第5条"], ["第4条"]),
        (["第6条"], ["第5条"]),
        (["第7条"], ["第6条"]),
        (["第4条関係"], ["第3条関係"]),
    ]
    assert comparison.texts()[0][1] == ["（新設）"]  # new: the old side says so, not underlined
    assert comparison.texts()[-1] == (["別表（第4条関係）"], ["別表（第3条関係）"])


def test_d_references_by_id_are_renumbered_and_listed(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a region whose articles name 第3条 by reference: 「第3条」 in 第2条 and 第4条 becomes 「第4条」
    for side in ("old", "new"):
        edit(
            work / side / REGION,
            "は、前条に規定する目的を達成するため、次条に規定する",
            "は、前条に規定する目的を達成するため、{{ ref.roles }}に規定する",
        )
        edit(
            work / side / REGION,
            "      前条に規定する取組を実施する",
            "      {{ ref.roles }}に規定する取組を実施する",
        )
    edit(work / "new" / REGION, "  - id: roles\n", SYSTEM + "  - id: roles\n")
    assert amend_mine(capsys) == (
        0,
        "amended: new/yamaguchi-kenou/mine.yaml\nwrote 1 amendment (2 documents) to out/\n",
        "",
    )
    amendment, comparison = proven(capsys)
    assert texts(amendment) == [
        "第2条中「第3条」を「第4条」に改める。",
        # the signed 第4条's text change and its renumbering in one chain, by its signed number
        "第6条を第7条とし、第5条を第6条とし、第4条中「第3条」を「第4条」に改め、同条を第5条とし、"
        "第3条を第4条とし、第2条の次に次の1条を加える。",
        "別表中「第3条関係」を「第4条関係」に改める。",
    ]
    assert comparison.underlined()[0] == (["第4条"], ["第3条"])
    assert comparison.underlined()[3] == (["第5条", "第4条"], ["第4条", "第3条"])


def test_e_an_article_deleted(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    region = work / "new" / REGION
    text = region.read_text(encoding="utf-8")
    start, end = text.index("  - id: meeting\n"), text.index("  - id: changes\n")
    region.write_text(text[:start] + text[end:], encoding="utf-8")
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == ["第5条を削り、第6条を第5条とする。"]
    assert comparison.texts()[0][0] == ["（削る）"]  # deleted: the new side says so, not underlined
    assert comparison.underlined() == [
        (
            [],
            [
                "（連絡会議）",
                "第5条\u3000甲及び乙の長は、この連携協約の推進に関し連絡調整を図るため、毎年度、連絡会議を開催する"
                "ものとする。",
            ],
        ),
        (["第5条"], ["第6条"]),
    ]


def test_f_two_changes_in_one_article(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(work / "new" / REGION, "又は廃止しようとするときは", "又は廃止するときは")
    edit(work / "new" / REGION, "議会の議決を経なければならない。", "議会の議決を経るものとする。")
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == [
        "第6条中「廃止しようとする」を「廃止する」に、「経なければならない」を「経るものとする」に改める。"
    ]
    assert comparison.underlined() == [
        (["廃止する", "経るものとする"], ["廃止しようとする", "経なければならない"])
    ]


def test_a_paragraph_added_is_printed_after_its_sentence(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        work / "new" / REGION,
        "毎年度、連絡会議を開催するものとする。\n",
        "毎年度、連絡会議を開催するものとする。\n"
        "      - 前項の連絡会議は、必要に応じて臨時に開催することができる。\n",
    )
    edit(
        work / "new" / REGION,
        "  - id: meeting\n    caption: 連絡会議\n    text: >-\n      ",
        "  - id: meeting\n    caption: 連絡会議\n    text:\n      - >-\n        ",
    )
    assert amend_mine(capsys)[0] == 0
    amendment, comparison = proven(capsys)
    assert texts(amendment) == ["第5条に次の1項を加える。"]
    assert [(p.number, p.text) for p in amendment.sentences[0].paragraphs] == [
        ("2", "前項の連絡会議は、必要に応じて臨時に開催することができる。")
    ]
    assert comparison.underlined() == [
        (["2\u3000前項の連絡会議は、必要に応じて臨時に開催することができる。"], [])
    ]


# --- which agreements are amended ---------------------------------------------------------------------------


def test_a_change_of_region_yaml_amends_all_eleven_in_one_run(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    status, out, err = run(["amend", "old", "new", "--date", DATE, "-o", "out"], capsys)
    assert (status, err) == (0, "")
    assert out == (
        "".join(f"amended: new/yamaguchi-kenou/{name}.yaml\n" for name in ELEVEN)
        + "wrote 11 amendments (22 documents) to out/\n"
    )
    assert sorted(p.name for p in (work / "out/yamaguchi-kenou").iterdir()) == sorted(
        f"{name}{kind}" for name in ELEVEN for kind in (".amendment.docx", ".comparison.docx")
    )
    # each names its own parties; 宇部市 is 甲 of its agreements
    ube_hagi = read_amendment(work / "out/yamaguchi-kenou/ube-hagi.amendment.docx")
    assert ube_hagi.preamble.startswith("宇部市（以下「甲」という。）及び萩市（以下「乙」という。）は、")
    assert texts(ube_hagi) == ["第5条中「毎年度、」を「毎年度1回以上、」に改める。"]
    for name in ("ube", "tsuwano"):
        proven(capsys, name)


def test_a_change_of_one_agreements_rows_amends_it_alone(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "new" / MINE).write_text(
        (work / "new" / MINE).read_text(encoding="utf-8")
        + "rows:\n  3(1)イ:\n    text: 文化・芸術やスポーツによる交流の促進に取り組む。\n",
        encoding="utf-8",
    )
    status, out, err = run(["amend", "old", "new", "--date", DATE, "-o", "out"], capsys)
    assert (status, err) == (0, "")
    assert out == (
        "amended: new/yamaguchi-kenou/mine.yaml\n"
        + "".join(f"unchanged: new/yamaguchi-kenou/{name}.yaml\n" for name in ELEVEN if name != "mine")
        + "wrote 1 amendment (2 documents) to out/\n"
    )
    assert sorted(p.name for p in (work / "out/yamaguchi-kenou").iterdir()) == [
        "mine.amendment.docx",
        "mine.comparison.docx",
    ]
    amendment, comparison = proven(capsys)
    # a phrase found once in the whole 別表: amended in place (issue #21)
    assert texts(amendment) == ["別表中「促進など、教育・文化・スポーツの振興」を「促進」に改める。"]
    assert comparison.underlined() == [(["促進"], ["促進など、教育・文化・スポーツの振興"])]


def test_nothing_changed_writes_nothing(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(work)
    status, out, err = run(["amend", "old", "new", "--date", DATE, "-o", "out"], capsys)
    assert (status, err) == (0, "")
    assert out == (
        "".join(f"unchanged: new/yamaguchi-kenou/{name}.yaml\n" for name in ELEVEN)
        + "no agreement's text changed: nothing written\n"
    )
    assert snapshot(work) == before


def test_a_new_head_is_not_an_amendment_but_signs_one(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    towns = work / "new/municipalities.yaml"
    shutil.copy(ROOT / "agreements/municipalities.yaml", towns)
    reelect(towns, 山口市="伊藤和貴")
    status, out, _ = run(["amend", f"old/{MINE}", f"new/{MINE}", "--date", DATE, "-o", "out"], capsys)
    assert (status, out) == (
        0,
        "unchanged: new/yamaguchi-kenou/mine.yaml\nno agreement's text changed: nothing written\n",
    )
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert amendment.signatures[0] == "甲　山口市亀山町2番1号\n山口市\n山口市長　伊藤和貴"
    # the consolidated text keeps the heads who signed it
    assert "山口市長\u3000渡辺純忠" in document_text(built("new", capsys))


def test_agreements_in_one_folder_only_are_listed(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(work / "new" / MINE, work / "new/yamaguchi-kenou/shunan-draft.yaml")
    (work / "old/yamaguchi-kenou/hagi.yaml").rename(work / "old/yamaguchi-kenou/hagi-old.yaml")
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    status, out, _ = run(["amend", "old", "new", "--date", DATE, "-o", "out"], capsys)
    assert status == 0
    assert "only in OLD, not amended: old/yamaguchi-kenou/hagi-old.yaml\n" in out
    assert (
        "only in NEW, a new agreement rather than an amendment (docgen build writes it): "
        "new/yamaguchi-kenou/shunan-draft.yaml\n" in out
    )
    assert "new/yamaguchi-kenou/hagi.yaml\n" in out  # only in NEW under its name
    assert "wrote 10 amendments (20 documents) to out/\n" in out


# --- dates, modes, options ----------------------------------------------------------------------------------


def test_effective_date_old_on_the_left_draft_and_seal(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    assert amend_mine(capsys, "--effective", "2024-05-01", "--old-left", "--mode", "draft", "--seal")[0] == 0
    amendment, comparison = proven(capsys)
    assert amendment.supplementary[1] == "この連携協約は、令和6年5月1日から効力を生ずる。"
    assert amendment.signatures[1].endswith("美祢市長　西岡晃\t印")
    assert comparison.headers == ("変更前", "変更後")
    assert comparison.underlined() == [(["毎年度、"], ["毎年度1回以上、"])]
    for kind in ("amendment", "comparison"):
        assert header_texts(Path(f"out/yamaguchi-kenou/mine.{kind}.docx")) == ["（案）"]


def test_a_draft_may_leave_the_date_and_the_heads_blank(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    status, _, err = run(["amend", f"old/{MINE}", f"new/{MINE}", "-o", "out", "--mode", "draft"], capsys)
    assert (status, err) == (0, "")
    amendment = read_amendment(Path("out/yamaguchi-kenou/mine.amendment.docx"))
    assert amendment.date.endswith("\u3000年\u3000月\u3000日")
    assert amendment.signatures[0].endswith("山口市長\u3000")


def test_pdf_beside_each_document(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    status, out, err = amend_mine(capsys, "--pdf")
    assert (status, err) == (0, "")
    assert out.endswith("wrote 1 amendment (4 documents, .docx and .pdf) to out/\n")
    for kind in ("amendment", "comparison"):
        pdf = work / f"out/yamaguchi-kenou/mine.{kind}.pdf"
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "毎年度1回以上" in text.replace(" ", "")


def test_old_builds_the_signed_text_and_nothing_is_written_beside_old_or_new(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    sources = {side: snapshot(work / side) for side in ("old", "new")}
    assert amend_mine(capsys)[0] == 0
    assert {side: snapshot(work / side) for side in ("old", "new")} == sources
    old = built("old", capsys)
    assert_matches_reference(old, REFERENCE)
    status, _, _ = run(["build", str(ROOT / "agreements" / MINE), "-o", "repository"], capsys)
    assert status == 0 and old.read_bytes() == Path("repository/yamaguchi-kenou/mine.docx").read_bytes()


def test_old_from_an_earlier_revision_with_git_worktree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the README's way: the signed text is a commit; `git worktree add` checks it out beside the current text
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "agreements", repo / "agreements")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "signed"], check=True)
    subprocess.run([*git, "tag", "signed-2017"], check=True)
    edit(repo / "agreements" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    reelect(repo / "agreements/municipalities.yaml")  # heads in office on DATE
    subprocess.run([*git, "worktree", "add", "-q", str(tmp_path / "signed"), "signed-2017"], check=True)
    monkeypatch.chdir(repo)
    status, out, _ = run(["amend", "../signed/agreements", "agreements", "--date", DATE], capsys)
    assert status == 0 and out.endswith("wrote 11 amendments (22 documents) to output/\n")
    assert texts(read_amendment(repo / "output/yamaguchi-kenou/mine.amendment.docx")) == [
        "第5条中「毎年度、」を「毎年度1回以上、」に改める。"
    ]


# --- mistakes: a message, a non-zero exit, nothing written --------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            [],
            "error: the amendment's signing date is missing: give --date YYYY-MM-DD (only --mode draft may "
            "leave it blank)\n",
        ),
        (
            ["--date", DATE, "--effective", "2024-03-01"],
            "error: the amendment takes effect (2024-03-01) before it is signed (2024-04-01)\n",
        ),
        (
            ["--date", "2017-01-01"],
            "error: new/yamaguchi-kenou/mine.yaml: the amendment signed on 2017-01-01, before the agreement "
            "was signed (2017-03-30)\n",
        ),
        (
            ["--date", "2017-01-01", "--mode", "copy", "--seal"],
            "error: --seal is for the signing copy (final) and drafts: a published copy (--mode copy) prints "
            "the heads' names without 印\n",
        ),
    ],
    ids=["no-date", "effective-before-date", "before-the-original", "copy-with-seal"],
)
def test_dates_and_modes_that_cannot_be(
    work: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    before = snapshot(work)
    assert run(["amend", f"old/{MINE}", f"new/{MINE}", "-o", "out", *options], capsys) == (1, "", message)
    assert snapshot(work) == before


def test_a_mistake_in_new_is_told_at_its_place(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(work / "new" / REGION, "{{ parties | join_ja }}の長は", "{{ partys | join_ja }}の長は")
    before = snapshot(work)
    status, out, err = run(["amend", "old", "new", "--date", DATE, "-o", "out"], capsys)
    assert (status, out) == (1, "")
    assert err == (
        "error: new/yamaguchi-kenou/region.yaml:38:11: articles[4].text[0]: 'partys' is undefined "
        "(did you mean 'parties'?)\n"
    )
    assert snapshot(work) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda work: edit(work / "new" / MINE, "  - 美祢市\n", "  - 萩市\n"),
            "error: new/yamaguchi-kenou/mine.yaml: the parties differ (山口市、美祢市 → 山口市、萩市): an "
            "amendment changes the text between the same parties; a party that joins or leaves makes a new "
            "agreement\n",
        ),
        (
            lambda work: edit(
                work / "new" / REGION,
                "closing: >-",
                "supplementary: この協約は、締結の日から効力を生ずる。\nclosing: >-",
            ),
            "error: new/yamaguchi-kenou/mine.yaml: 附則 changed: docgen writes no 改め文 for that, write "
            "this amendment by hand\n",
        ),
    ],
    ids=["parties", "supplementary"],
)
def test_a_change_no_amendment_of_docgen_expresses(
    work: Path, capsys: pytest.CaptureFixture[str], change, message: str
) -> None:
    change(work)
    before = snapshot(work)
    assert amend_mine(capsys) == (1, "", message)
    assert snapshot(work) == before


def test_the_appendix_removed_is_refused(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    region = work / "new" / REGION
    text = region.read_text(encoding="utf-8")
    region.write_text(text[: text.index("appendix:")], encoding="utf-8")
    edit(region, "別表に定めるとおりとする。", "別に定めるとおりとする。")
    status, out, err = amend_mine(capsys)
    assert (status, out) == (1, "")
    assert err == (
        "error: new/yamaguchi-kenou/mine.yaml: the 別表 is added or removed: docgen writes no 改め文 for "
        "that, write this amendment by hand\n"
    )
    assert not (work / "out").exists()


def test_old_and_new_of_different_kinds(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["amend", f"old/{MINE}", "new", "--date", DATE], capsys) == (
        1,
        "",
        "error: old/yamaguchi-kenou/mine.yaml and new: OLD and NEW are both agreement files or both folders "
        "of agreements\n",
    )
    assert run(["amend", "old/yamaguchi-kenou", "new", "--date", DATE], capsys)[2].startswith(
        "error: no agreement of old/yamaguchi-kenou is in new: agreements are matched by their path below "
        "the folders given"
    )


def test_when_docgens_own_check_fails_it_says_so_and_writes_nothing(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    wrong = docgen.amend.sentences

    def miswritten(changes):  # a bug in writing the 改め文: another phrase than the text's
        return tuple(replace(s, text=s.text.replace("1回以上", "2回以上")) for s in wrong(changes))

    monkeypatch.setattr(docgen.amend, "sentences", miswritten)
    before = snapshot(work)
    status, out, err = amend_mine(capsys)
    assert (status, out) == (3, "")
    assert err.startswith(
        "error: internal error in docgen (please report it): its 改め文, applied to the old text, do not "
        "give the new text, so nothing was written\n"
        "error: new/yamaguchi-kenou/mine.yaml: 第5条第1項: the 改め文 applied to the old text give "
        "「甲及び乙の長は、"
    )
    assert snapshot(work) == before


# --- other shapes: parties by name, items, several 別表, a 別表 kept as text --------------------------------


def test_items_and_tables_of_text_with_parties_called_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_shapes import AGREEMENT
    from test_shapes import REGION as SHAPES

    for side in ("old", "new"):
        (tmp_path / side / "demo").mkdir(parents=True)
        shutil.copy(ROOT / "agreements/municipalities.yaml", tmp_path / side)
        (tmp_path / side / "demo/region.yaml").write_text(SHAPES, encoding="utf-8")
        (tmp_path / side / "demo/mihara.yaml").write_text(AGREEMENT, encoding="utf-8")
        reelect(tmp_path / side / "municipalities.yaml")  # heads in office on DATE
    monkeypatch.chdir(tmp_path)
    edit(tmp_path / "new/demo/region.yaml", "              - 医療\n", "              - 地域医療\n")
    edit(
        tmp_path / "new/demo/region.yaml",
        '[ア, 医療の連携, ""]',
        '[ア, 医療の連携, ""]\n      - [イ, 教育の連携, 新設]',
    )
    status, out, err = run(["amend", "old", "new", "--date", DATE, "-o", "out"], capsys)
    assert (status, out, err) == (
        0,
        "amended: new/demo/mihara.yaml\nwrote 1 amendment (2 documents) to out/\n",
        "",
    )
    amendment = read_amendment(Path("out/demo/mihara.amendment.docx"))
    comparison = read_comparison(Path("out/demo/mihara.comparison.docx"))
    assert amendment.preamble == (
        "山口市及び美祢市は、平成29年3月30日に締結した福山市と三原市との間における連携中枢都市圏の形成に係る連携協約の"
        "一部を次のとおり変更する。"
    )
    # a row added to a 別表 kept as a table of text: after the row its first cell names
    assert texts(amendment) == [
        "第2条第1項中「医療」を「地域医療」に改める。",
        "別表第2のアの項の次に次のように加える。",
    ]
    assert amendment.sentences[1].cells == (("イ", "教育の連携", "新設"),)
    assert amendment.closing == (
        "この連携協約の変更を証するため、本書2通を作成し、山口市及び美祢市が記名押印の上、それぞれ各1通を保有する。"
    )
    assert amendment.signatures == [
        "山口市\n山口市長　渡辺純忠",
        "美祢市\n美祢市長　西岡晃",
    ]  # no labels, no addresses
    assert comparison.underlined() == [(["地域医療"], ["医療"]), (["イ", "教育の連携", "新設"], [])]
    assert comparison.texts()[1] == (
        ["別表第2", "区分\t内容\t備考\nイ\t教育の連携\t新設"],
        ["別表第2", "（新設）"],
    )
    assert comparison.texts()[0][0][4] == "ア\u3000地域医療"
    assert [p.style for p in comparison.rows[0][0]][2:7] == ["Item1", "Item1", "Item2", "Item2", "Item3"]
    old = read_agreement(built("old", capsys, "mihara", "demo"))
    new = read_agreement(built("new", capsys, "mihara", "demo"))
    assert unkeyed(read(old, amendment.sentences)) == unkeyed(new)


def test_amend_writes_only_its_documents(tmp_path: Path) -> None:
    from test_no_hidden_state import run_in_empty_environment

    for side in ("old", "new"):
        shutil.copytree(ROOT / "agreements", tmp_path / side)
        reelect(tmp_path / side / "municipalities.yaml")  # heads in office on DATE
    edit(tmp_path / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    result, empty = run_in_empty_environment(
        tmp_path, "amend", f"old/{MINE}", f"new/{MINE}", "--date", DATE, "-o", "out", "--pdf"
    )
    assert result.returncode == 0, result.stderr
    for name, folder in empty.items():
        assert list(folder.rglob("*")) == [], f"{name} was written into"
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")) == [
        "yamaguchi-kenou",
        "yamaguchi-kenou/mine.amendment.docx",
        "yamaguchi-kenou/mine.amendment.pdf",
        "yamaguchi-kenou/mine.comparison.docx",
        "yamaguchi-kenou/mine.comparison.pdf",
    ]


def test_procedure_of_a_change_bills_notices_and_notifications_for_every_party(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A change repeats the procedure (第252条の2第4項): each party's bill is titled …の変更について,
    cites 第4項 and attaches the amending agreement and the 新旧対照表; the notice publishes the amending
    agreement; 津和野町 notifies 島根県知事. The change's numbers come from change_procedure, not the
    conclusion's."""
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    agreement = work / "new" / "yamaguchi-kenou/tsuwano.yaml"
    agreement.write_text(
        agreement.read_text(encoding="utf-8")
        + "procedure:\n  山口市:\n    bill: {number: 45}\n"  # the conclusion's: not printed by a change
        + "change_procedure:\n  山口市:\n    bill: {number: 12, vote: 2024-03-15}\n",
        encoding="utf-8",
    )
    status, out, err = run(["amend", "old", "new", "--date", DATE, "-o", "out", "--procedure"], capsys)
    assert (status, err) == (0, "")
    assert out.endswith("wrote 11 amendments (88 documents) to out/\n")  # 11 × (2 + 2 parties × 3 forms)
    folder = work / "out/yamaguchi-kenou/tsuwano"
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{party}-change-{form}.docx"
        for party in ("山口市", "島根県津和野町")
        for form in ("bill", "notice", "notification")
    ]
    bill = document_text(folder / "山口市-change-bill.docx")
    assert "議案第12号" in bill and "議案第45号" not in bill
    assert "山口県央連携都市圏域形成に係る連携協約の変更について" in bill
    assert "第252条の2第4項" in bill
    assert "第5条中「毎年度、」を「毎年度1回以上、」に改める。" in bill  # the amending agreement, attached
    assert "（傍線部分は変更部分）" in bill  # the 新旧対照表, attached
    notice = document_text(folder / "島根県津和野町-change-notice.docx")
    assert notice.startswith("津和野町告示第　号")
    assert "第5条中「毎年度、」を「毎年度1回以上、」に改める。" in notice
    notification = document_text(folder / "島根県津和野町-change-notification.docx")
    assert "島根県知事　様" in notification
    assert "山口県知事" in document_text(folder / "山口市-change-notification.docx")
