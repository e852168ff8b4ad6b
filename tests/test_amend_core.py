"""Amendments of the region's agreement: the 改め文 a user reads, the 新旧対照表's underlines, and the proof
that they agree: every 改め文, applied to the old text by the tests' own reader (tests/kaibun_reader.py),
gives the new text, for the cases of issue #13 and for random edits."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from amend_region import context
from hypothesis import given
from hypothesis import strategies as st
from kaibun_reader import quotes, read

from docgen.amend import Amendment, amend
from docgen.amend.comparison import Comparison, Segment, Side
from docgen.amend.compose import sentences
from docgen.amend.diff import ArticleChange, changes
from docgen.amend.kaibun import Sentence
from docgen.amend.references import Stale, follow_renumbering, stale_references
from docgen.amend.text import Article, Item, Table, Version, version_from_context
from docgen.amend.verify import check
from docgen.base.errors import AmendmentCheckError, AmendmentError

OLD = version_from_context(context())
A = OLD.articles
NEW_ARTICLE = Article(
    "system",
    "連携の推進体制",
    ("甲及び乙は、連携する取組を円滑に推進するため、必要な体制を整備するものとする。",),
)


def articles(*items: Article, base: Version = OLD) -> Version:
    return replace(base, articles=tuple(items))


def reworded(
    article: Article, *pairs: tuple[str, str], caption: str | None = None, paragraph: int = 0
) -> Article:
    texts = list(article.paragraphs)
    for old, new in pairs:
        assert texts[paragraph].count(old) == 1, old
        texts[paragraph] = texts[paragraph].replace(old, new)
    return replace(article, paragraphs=tuple(texts), caption=caption or article.caption)


def unkeyed(version: Version) -> Version:
    return replace(version, articles=tuple(replace(a, key=None) for a in version.articles))


def texts(amendment: Amendment) -> list[str]:
    return [s.text for s in amendment.sentences]


def marks(side: Side) -> list[str]:
    """The underlined texts of a side, those in the cells of a 別表's row too."""
    found = []
    for line in side:
        segments = [s for cell in line.cells for s in cell] if line.kind == "row" else line.segments
        found += [text for text, underlined in segments if underlined]
    return found


def shown(side: Side) -> str:
    """A side's text as printed, a line each."""
    return "\n".join(line.text for line in side)


def rows(comparison: Comparison) -> list[tuple[str, list[str], list[str]]]:
    """Each row's label with the underlined texts of its new and its old side."""
    return [(row.label, marks(row.left), marks(row.right)) for row in comparison.rows]


def amended(old: Version, new: Version, **options: bool) -> Amendment:
    """The amendment, after checking that the tests' own reader turns the old text into the new one."""
    amendment = amend(old, new, **options)
    assert unkeyed(read(old, amendment.sentences)) == unkeyed(amendment.new)
    return amendment


# --- the cases of issue #13 ---------------------------------------------------------------------------------


def test_a_phrase_unique_in_the_appendix_is_quoted_in_it() -> None:
    appendix = OLD.appendix
    assert appendix is not None
    field = appendix.fields[2]
    group = field.groups[0]
    row = group.rows[4]
    assert (row.label, row.item) == ("オ", "環境")
    rows_ = list(group.rows)
    rows_[4] = replace(row, text="循環型社会の構築、環境の保全などに取り組む。")
    group = replace(group, rows=tuple(rows_))
    new_appendix = replace(
        appendix, fields=(*appendix.fields[:2], replace(field, groups=(group, *field.groups[1:])))
    )
    amendment = amended(OLD, replace(OLD, appendices=(new_appendix,)))
    # one word in one cell: amended in place, not re-enacted (issue #21)
    assert texts(amendment) == ["別表中「循環型社会構築」を「循環型社会の構築」に改める。"]
    assert amendment.sentences[0].appendix is None
    assert rows(amendment.comparison) == [("別表\u30003(1)オ", ["循環型社会の構築"], ["循環型社会構築"])]
    row = amendment.comparison.rows[0]
    # where the row is (the 別表, its field and sub-field), then the row with the changed phrase underlined
    assert [line.text for line in row.left] == [
        "別表（第3条関係）",
        "3\u3000圏域全体の生活関連機能サービスの向上",
        "(1)\u3000生活機能の強化に係る政策分野",
        "オ\u3000環境\t循環型社会の構築、環境の保全などに取り組む。\t乙と連携・協力して、取組を推進する。"
        "\t甲と連携・協力して実施する事業について、甲と取組を推進する。",
    ]
    # the row is a table of its own in the column: the 別表's columns, underlined in its cells
    assert row.left[3].kind == "row"
    assert row.left[3].header == ("取組", "内容", "甲の役割", "乙の役割")
    assert row.left[3].cells[1] == (
        Segment("循環型社会の構築", True),
        Segment("、環境の保全などに取り組む。", False),
    )


def test_b_an_articles_text() -> None:
    new = articles(*A[:4], reworded(A[4], ("毎年度、", "毎年度1回以上、")), A[5])
    amendment = amended(OLD, new)
    assert texts(amendment) == ["第5条中「毎年度、」を「毎年度1回以上、」に改める。"]
    assert rows(amendment.comparison) == [("（連絡会議）\n第5条", ["毎年度1回以上、"], ["毎年度、"])]
    left = amendment.comparison.rows[0].left
    assert shown(left) == "（連絡会議）\n第5条\u3000" + new.articles[4].paragraphs[0]


def test_c_a_caption_replaced_whole() -> None:
    amendment = amended(OLD, articles(*A[:4], replace(A[4], caption="連絡協議会"), A[5]))
    assert texts(amendment) == ["第5条の見出しを「（連絡協議会）」に改める。"]
    assert rows(amendment.comparison) == [("（連絡協議会）\n第5条", ["（連絡協議会）"], ["（連絡会議）"])]


def test_c_a_phrase_of_a_caption() -> None:
    amendment = amended(OLD, articles(*A[:5], replace(A[5], caption="連携協約の変更又は廃止")))
    assert texts(amendment) == ["第6条の見出し中「変更等」を「変更又は廃止」に改める。"]
    assert rows(amendment.comparison) == [("（連携協約の変更又は廃止）\n第6条", ["変更又は廃止"], ["変更等"])]


def test_d_an_article_inserted_before_article_3_renumbers_and_follows_references() -> None:
    amendment = amended(OLD, articles(*A[:2], NEW_ARTICLE, *A[2:]))
    assert texts(amendment) == [
        "第2条中「次条」を「第4条」に改める。",
        "第6条を第7条とし、第3条から第5条までを1条ずつ繰り下げ、第2条の次に次の1条を加える。",
        "別表中「第3条関係」を「第4条関係」に改める。",
    ]
    assert amendment.sentences[1].lines()[1:] == [
        "（連携の推進体制）",
        "第3条\u3000甲及び乙は、連携する取組を円滑に推進するため、必要な体制を整備するものとする。",
    ]
    assert rows(amendment.comparison) == [
        ("（基本方針）\n第2条", ["第4条"], ["次条"]),
        (
            "（連携の推進体制）\n第3条",
            ["（連携の推進体制）", "第3条\u3000" + NEW_ARTICLE.paragraphs[0]],
            [],
        ),
        ("（連携する取組及び役割）\n第4条", ["第4条"], ["第3条"]),
        ("（費用分担）\n第5条", ["第5条"], ["第4条"]),
        ("（連絡会議）\n第6条", ["第6条"], ["第5条"]),
        ("（連携協約の変更等）\n第7条", ["第7条"], ["第6条"]),
        ("別表", ["第4条関係"], ["第3条関係"]),
    ]
    # a new article: the old side reads 「（新設）」, not underlined; empty with marks=False
    assert [line.text for line in amendment.comparison.rows[1].right] == ["（新設）"]
    assert amend(OLD, amendment.new, marks=False).comparison.rows[1].right == ()
    assert amendment.new.appendix is not None and amendment.new.appendix.title == "別表（第4条関係）"


def test_e_an_article_deleted() -> None:
    amendment = amended(OLD, articles(*A[:4], A[5]))
    assert texts(amendment) == ["第5条を削り、第6条を第5条とする。"]
    assert rows(amendment.comparison) == [
        ("（連絡会議）\n第5条", [], ["（連絡会議）", "第5条\u3000" + A[4].paragraphs[0]]),
        ("（連携協約の変更等）\n第5条", ["第5条"], ["第6条"]),
    ]
    assert [line.text for line in amendment.comparison.rows[0].left] == ["（削る）"]
    assert amend(OLD, amendment.new, marks=False).comparison.rows[0].left == ()


def test_f_two_changes_in_one_article() -> None:
    new = articles(
        *A[:5],
        reworded(
            A[5], ("廃止しようとする", "廃止する"), ("議決を経なければならない", "議決を経るものとする")
        ),
    )
    amendment = amended(OLD, new)
    assert texts(amendment) == [
        "第6条中「廃止しようとする」を「廃止する」に、「経なければならない」を「経るものとする」に改める。"
    ]
    assert rows(amendment.comparison) == [
        (
            "（連携協約の変更等）\n第6条",
            ["廃止する", "経るものとする"],
            ["廃止しようとする", "経なければならない"],
        )
    ]


# --- more of what an amendment meets ------------------------------------------------------------------------


def test_a_caption_and_the_text_of_one_article() -> None:
    new = articles(*A[:4], reworded(A[4], ("連絡会議", "連絡協議会"), caption="連絡協議会"), A[5])
    amendment = amended(OLD, new)
    assert texts(amendment) == [
        "第5条の見出しを「（連絡協議会）」に改め、同条中「連絡会議」を「連絡協議会」に改める。"
    ]
    assert rows(amendment.comparison) == [
        ("（連絡協議会）\n第5条", ["（連絡協議会）", "連絡協議会"], ["（連絡会議）", "連絡会議"])
    ]


def test_a_phrase_of_a_caption_and_of_the_text() -> None:
    new = articles(*A[:5], reworded(A[5], ("廃止しようとする", "廃止する"), caption="連携協約の変更又は廃止"))
    amendment = amended(OLD, new)
    assert texts(amendment) == [
        "第6条の見出し中「変更等」を「変更又は廃止」に改め、同条中「廃止しようとする」を「廃止する」に改める。"
    ]


TWO_PARAGRAPHS = replace(
    A[5],
    paragraphs=(
        "この連携協約を変更し、又は廃止しようとするときは、甲及び乙の協議によらなければならない。",
        "前項の場合において、甲及び乙は、地方自治法第252条の2第4項の規定により、当該協議について議会の議決を"
        "経なければならない。",
    ),
)


def test_a_change_in_a_later_paragraph() -> None:
    old = articles(*A[:5], TWO_PARAGRAPHS)
    new = articles(*A[:5], reworded(TWO_PARAGRAPHS, ("経なければならない", "経るものとする"), paragraph=1))
    amendment = amended(old, new)
    assert texts(amendment) == ["第6条第2項中「経なければならない」を「経るものとする」に改める。"]
    (row,) = amendment.comparison.rows
    assert marks(row.left) == ["経るものとする"] and marks(row.right) == ["経なければならない"]
    assert shown(row.right).startswith("（連携協約の変更等）\n第6条\u3000この連携協約を")
    assert "\n2\u3000前項の場合において、" in shown(row.right)


def test_changes_in_two_paragraphs_chain_with_dojo() -> None:
    old = articles(*A[:5], TWO_PARAGRAPHS)
    changed = reworded(TWO_PARAGRAPHS, ("廃止しようとする", "廃止する"))
    new = articles(*A[:5], reworded(changed, ("経なければならない", "経るものとする"), paragraph=1))
    assert texts(amended(old, new)) == [
        "第6条第1項中「廃止しようとする」を「廃止する」に改め、"
        "同条第2項中「経なければならない」を「経るものとする」に改める。"
    ]


def test_a_paragraph_added_and_removed_at_the_end() -> None:
    one = articles(*A[:5], replace(TWO_PARAGRAPHS, paragraphs=TWO_PARAGRAPHS.paragraphs[:1]))
    two = articles(*A[:5], TWO_PARAGRAPHS)
    added = amended(one, two)
    assert texts(added) == ["第6条に次の1項を加える。"]
    assert added.sentences[0].lines()[1:] == ["2\u3000" + TWO_PARAGRAPHS.paragraphs[1]]
    assert rows(added.comparison) == [
        ("（連携協約の変更等）\n第6条", ["2\u3000" + TWO_PARAGRAPHS.paragraphs[1]], [])
    ]
    assert texts(amended(two, one)) == ["第6条第2項を削る。"]


def test_a_phrase_that_is_not_unique_is_widened() -> None:
    # 「甲及び乙」 is twice in 第3条; the second is meant
    new = articles(*A[:2], reworded(A[2], ("甲及び乙の役割", "各当事者の役割")), *A[3:])
    amendment = amended(OLD, new)
    assert texts(amendment) == ["第3条中「甲及び乙の役割」を「各当事者の役割」に改める。"]
    assert rows(amendment.comparison) == [
        ("（連携する取組及び役割）\n第3条", ["各当事者の役割"], ["甲及び乙の役割"])
    ]


def test_a_second_occurrence_in_a_long_article_is_widened() -> None:
    # 「甲及び乙」 is in 第6条 twice; only the second changes
    new = articles(*A[:5], reworded(A[5], ("甲及び乙は", "甲、乙及び丙は")))
    assert texts(amended(OLD, new)) == ["第6条中「甲及び乙は」を「甲、乙及び丙は」に改める。"]


def test_kana_alone_is_never_quoted() -> None:
    new = articles(reworded(A[0], ("活力ある", "活力のある")), *A[1:])
    amendment = amended(OLD, new)
    assert texts(amendment) == ["第1条中「活力ある」を「活力のある」に改める。"]
    assert rows(amendment.comparison) == [("（目的）\n第1条", ["活力のある"], ["活力ある"])]


def test_a_particle_changed_takes_its_word() -> None:
    new = articles(*A[:3], reworded(A[3], ("取組を実施する", "取組に実施する")), *A[4:])
    assert texts(amended(OLD, new)) == ["第4条中「取組を実施」を「取組に実施」に改める。"]


def test_a_phrase_removed() -> None:
    new = articles(*A[:4], reworded(A[4], ("この連携協約の推進に関し", "")), A[5])
    assert texts(amended(OLD, new)) == ["第5条中「この連携協約の推進に関し」を削る。"]


def test_a_reference_by_number_follows_the_renumbering() -> None:
    # a variant of the region where 第4条 names 第3条 by number; 第6条 names a law's article, left alone
    old = articles(*A[:3], reworded(A[3], ("前条に規定する", "第3条に規定する")), *A[4:])
    amendment = amended(old, articles(*old.articles[:2], NEW_ARTICLE, *old.articles[2:]))
    assert texts(amendment) == [
        "第2条中「次条」を「第4条」に改める。",
        # the signed 第4条 is amended by that number and renumbered in one chain (同条)
        "第6条を第7条とし、第5条を第6条とし、第4条中「第3条」を「第4条」に改め、同条を第5条とし、"
        "第3条を第4条とし、第2条の次に次の1条を加える。",
        "別表中「第3条関係」を「第4条関係」に改める。",
    ]
    assert "地方自治法第252条の2第4項" in amendment.new.articles[6].paragraphs[0]


def test_stale_references_are_the_ones_follow_would_change_and_those_whose_article_is_gone() -> None:
    inserted = articles(*A[:2], NEW_ARTICLE, *A[2:])
    assert stale_references(OLD, inserted) == [
        Stale("第2条", "次条", "第4条", "roles"),
        Stale("別表", "第3条", "第4条", "roles"),
    ]
    # 第3条 deleted: 第2条's 次条 and what was 第4条's 前条 named it
    assert stale_references(OLD, articles(*A[:2], *A[3:])) == [
        Stale("第2条", "次条", None, None),
        Stale("第3条", "前条", None, None),
        Stale("別表", "第3条", None, None),
    ]
    assert stale_references(OLD, follow_renumbering(OLD, inserted)) == []


def test_a_reference_the_author_changed_is_taken_as_written() -> None:
    new = articles(*A[:2], NEW_ARTICLE, *A[2:])
    new = replace(
        new, articles=(new.articles[0], reworded(A[1], ("次条", "次条及び第4条")), *new.articles[2:])
    )
    amendment = amended(OLD, new)
    assert amendment.sentences[0].text == "第2条中「次条」を「次条及び第4条」に改める。"


def test_without_following_the_references_stay() -> None:
    amendment = amended(OLD, articles(*A[:2], NEW_ARTICLE, *A[2:]), follow=False)
    assert texts(amendment) == [
        "第6条を第7条とし、第3条から第5条までを1条ずつ繰り下げ、第2条の次に次の1条を加える。"
    ]


def test_two_insertions() -> None:
    second = Article("report", "報告", ("甲及び乙は、毎年度、取組の実施状況を相互に報告するものとする。",))
    amendment = amended(OLD, articles(*A[:2], NEW_ARTICLE, *A[2:4], second, *A[4:]), follow=False)
    # one sentence from the back: split, the numbers would have a gap between its sentences
    assert texts(amendment) == [
        "第6条を第8条とし、第5条を第7条とし、第4条を第5条とし、第5条の次に次の1条を加え、"
        "第3条を第4条とし、第2条の次に次の1条を加える。",
    ]
    assert [a.number for a in amendment.sentences[0].articles] == ["第6条", "第3条"]


def test_two_articles_inserted_together() -> None:
    second = Article("report", "報告", ("甲及び乙は、毎年度、取組の実施状況を相互に報告するものとする。",))
    amendment = amended(OLD, articles(*A[:4], NEW_ARTICLE, second, *A[4:]))
    assert texts(amendment) == ["第6条を第8条とし、第5条を第7条とし、第4条の次に次の2条を加える。"]
    assert [a.number for a in amendment.sentences[0].articles] == ["第5条", "第6条"]


def test_an_insertion_and_a_deletion() -> None:
    amendment = amended(OLD, articles(*A[:3], *A[4:5], NEW_ARTICLE, A[5]))
    # the deleted 第4条 by its signed number; 第6条 ends where it was and is not moved
    assert texts(amendment) == ["第4条を削り、第5条を第4条とし、第4条の次に次の1条を加える。"]
    assert [label for label, _, _ in rows(amendment.comparison)] == [
        "（費用分担）\n第4条",
        "（連絡会議）\n第4条",
        "（連携の推進体制）\n第5条",
    ]


def test_a_deletion_then_a_change_in_one_chain() -> None:
    new = articles(*A[:3], *A[4:5], reworded(A[5], ("廃止しようとする", "廃止する")))
    assert texts(amended(OLD, new)) == [
        "第4条を削り、第5条を第4条とし、第6条中「廃止しようとする」を「廃止する」に改め、同条を第5条とする。",
    ]


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            articles(NEW_ARTICLE, *A),
            ["第6条を第7条とし、第1条から第5条までを1条ずつ繰り下げ、第1条として次の1条を加える。"],
        ),
        (articles(*A, NEW_ARTICLE), ["第6条の次に次の1条を加える。"]),
        (articles(*A[:5]), ["第6条を削る。"]),
        (articles(*A[:3], A[5]), ["第4条及び第5条を削り、第6条を第4条とする。"]),
        (articles(A[0], *A[4:]), ["第2条から第4条までを削り、第5条を第2条とし、第6条を第3条とする。"]),
        (articles(*A[:2], *A[3:]), ["第3条を削り、第4条を第3条とし、第5条及び第6条を1条ずつ繰り上げる。"]),
        (
            articles(*A[:1], *A[2:]),
            ["第2条を削り、第3条を第2条とし、第4条から第6条までを1条ずつ繰り上げる。"],
        ),
        (
            articles(*A[:3], NEW_ARTICLE, *A[3:]),
            ["第6条を第7条とし、第4条及び第5条を1条ずつ繰り下げ、第3条の次に次の1条を加える。"],
        ),
        (articles(*A[:2], NEW_ARTICLE, *A[3:]), ["第3条を次のように改める。"]),
        (articles(*A[:4], replace(A[4], caption=None), A[5]), ["第5条の見出しを削る。"]),
    ],
    ids=[
        "first",
        "last",
        "delete-last",
        "delete-two",
        "delete-three",
        "move-up-three",
        "move-up-four",
        "move-down-three",
        "replaced",
        "caption-removed",
    ],
)
def test_numbering_forms(new: Version, expected: list[str]) -> None:
    assert texts(amended(OLD, new, follow=False)) == expected


def test_a_caption_added() -> None:
    old = articles(*A[:4], replace(A[4], caption=None), A[5])
    assert texts(amended(old, OLD)) == ["第5条に見出しとして「（連絡会議）」を付する。"]


def test_a_moved_article_is_deleted_and_added() -> None:
    amendment = amended(OLD, articles(*A[:3], A[4], A[3], A[5]), follow=False)
    moved = [(a.kind, a.old_number, a.new_number) for a in amendment.changes.articles if a.moved]
    assert moved == [("deleted", 4, None), ("inserted", None, 5)]
    # 第6条 stays where it is: nothing moves it away and back
    assert texts(amendment) == ["第4条を削り、第5条を第4条とし、第4条の次に次の1条を加える。"]


def test_the_title_and_the_preamble() -> None:
    new = replace(
        OLD,
        title="山口県央連携都市圏域の形成に係る連携協約",
        preamble=OLD.preamble.replace("次のとおり", "次に定めるとおり"),
    )
    amendment = amended(OLD, new)
    assert texts(amendment) == [
        "題名中「山口県央連携都市圏域形成」を「山口県央連携都市圏域の形成」に改める。",
        "前文中「次のとおり」を「次に定めるとおり」に改める。",
    ]
    assert [label for label, _, _ in rows(amendment.comparison)] == ["題名", "前文"]


def test_articles_without_ids_are_matched_by_caption() -> None:
    old = unkeyed(OLD)
    new = unkeyed(
        articles(*A[:2], NEW_ARTICLE, *A[2:4], reworded(A[4], ("毎年度、", "毎年度1回以上、")), A[5])
    )
    assert texts(amended(old, new, follow=False)) == [
        "第6条を第7条とし、第5条中「毎年度、」を「毎年度1回以上、」に改め、同条を第6条とし、"
        "第4条を第5条とし、第3条を第4条とし、第2条の次に次の1条を加える。",
    ]


def test_articles_without_ids_or_captions_are_matched_by_position() -> None:
    bare = unkeyed(replace(OLD, articles=tuple(replace(a, caption=None) for a in A)))
    new = replace(
        bare,
        articles=(
            *bare.articles[:4],
            reworded(bare.articles[4], ("毎年度、", "毎年度1回以上、")),
            bare.articles[5],
        ),
    )
    assert texts(amended(bare, new)) == ["第5条中「毎年度、」を「毎年度1回以上、」に改める。"]


def test_a_text_whose_quotes_do_not_pair_is_refused_or_printed_anew() -> None:
    with pytest.raises(AmendmentError, match="^前文: its 「」 do not pair up"):
        amend(OLD, replace(OLD, preamble=OLD.preamble.replace("（以下「圏域」", "（以下「圏域")))
    new = articles(*A[:4], reworded(A[4], ("毎年度、", "毎年度「、")), A[5])
    assert texts(amended(OLD, new)) == ["第5条を次のように改める。"]


def test_adding_the_appendix_is_refused() -> None:
    with pytest.raises(AmendmentError, match="the 別表 is added or removed"):
        amend(replace(OLD, appendices=()), OLD)


def test_nothing_changed() -> None:
    amendment = amended(OLD, OLD)
    assert amendment.sentences == ()
    assert amendment.comparison.rows == ()
    assert amendment.changes.empty


def test_the_old_text_on_the_left() -> None:
    new = articles(*A[:4], reworded(A[4], ("毎年度、", "毎年度1回以上、")), A[5])
    comparison = amended(OLD, new, new_left=False).comparison
    assert comparison.headers == ("変更前", "変更後")
    assert rows(comparison) == [("（連絡会議）\n第5条", ["毎年度、"], ["毎年度1回以上、"])]
    assert amended(OLD, new).comparison.headers == ("変更後", "変更前")
    assert comparison.note == "（傍線部分は変更部分）"


def test_check_names_the_first_provision_that_differs() -> None:
    new = articles(*A[:4], reworded(A[4], ("毎年度、", "毎年度1回以上、")), A[5])
    wrong = [replace(s, text=s.text.replace("1回以上", "2回以上")) for s in sentences(changes(OLD, new))]
    with pytest.raises(AmendmentCheckError) as caught:
        check(OLD, new, wrong)
    assert str(caught.value).startswith(
        "第5条第1項: the 改め文 applied to the old text give 「甲及び乙の長は、"
    )
    assert caught.value.provision == "第5条第1項"


def test_check_refuses_a_phrase_that_is_not_unique() -> None:
    new = articles(*A[:5], reworded(A[5], ("甲及び乙は", "甲、乙及び丙は")))
    wrong = [
        replace(s, text="第6条中「甲及び乙」を「甲、乙及び丙」に改める。")
        for s in sentences(changes(OLD, new))
    ]
    with pytest.raises(AmendmentCheckError, match="第6条第1項: the 改め文 applied to the old text give"):
        check(OLD, new, wrong)


def test_check_refuses_renumbering_that_clashes() -> None:
    new = articles(*A[:2], NEW_ARTICLE, *A[2:])
    (sentence,) = sentences(changes(OLD, new))
    wrong = replace(
        sentence, text="第3条を第4条とし、第4条から第6条までを1条ずつ繰り下げ、第2条の次に次の1条を加える。"
    )
    with pytest.raises(AmendmentCheckError, match="第4条 exists already"):
        check(OLD, new, [wrong])


# --- random edits ------------------------------------------------------------------------------------------

# the region's own characters, some kana and kanji of their own, digits and 、。, and 「」 in pairs
ALPHABET = sorted({c for a in A for c in a.paragraphs[0]} | set("のをにはがとも新規定数条12") - set("「」"))
WORDS = [
    "連携",
    "協議",
    "甲及び乙",
    "の",
    "を",
    "、",
    "毎年度",
    "第3条",
    "取組",
    "別表",
    "相互に",
    "必要な",
    "「協約」",
]
text_piece = st.text(alphabet=ALPHABET, min_size=1, max_size=6) | st.sampled_from(WORDS)


@st.composite
def edited_text(draw: st.DrawFn, text: str, *, keep_brackets: bool = False) -> str:
    """``text`` with up to three pieces replaced, inserted or deleted; with ``keep_brackets`` no 「 or 」 of
    it is cut (so that its quotes still pair up)."""
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 8)))
        if keep_brackets and any(c in "「」" for c in text[start:end]):
            end = start
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        if action == "insert":
            text = text[:start] + draw(text_piece) + text[start:]
        elif action == "delete" and end - start < len(text):
            text = text[:start] + text[end:]
        else:
            text = text[:start] + draw(text_piece) + text[end:]
    return text or "新規定"


@st.composite
def edited_version(draw: st.DrawFn) -> tuple[Version, Version]:
    keyed = draw(st.booleans())
    old = OLD if draw(st.booleans()) else articles(*A[:5], TWO_PARAGRAPHS)
    old = old if keyed else unkeyed(old)
    result = []
    for article in old.articles:
        action = draw(st.sampled_from(["keep", "keep", "text", "text", "caption", "delete", "paragraph"]))
        if action == "delete":
            continue
        if action == "text":
            k = draw(st.integers(0, len(article.paragraphs) - 1))
            texts_ = list(article.paragraphs)
            texts_[k] = draw(edited_text(texts_[k]))
            article = replace(article, paragraphs=tuple(texts_))
        elif action == "caption":
            caption = draw(
                st.one_of(st.none(), st.sampled_from(["目的及び方針", "会議", "連絡調整"]), text_piece)
            )
            article = replace(article, caption=caption)
        elif action == "paragraph":
            if len(article.paragraphs) > 1 and draw(st.booleans()):
                article = replace(article, paragraphs=article.paragraphs[:-1])
            else:
                added = draw(edited_text("前項の規定は、協議に準用する。"))
                article = replace(article, paragraphs=(*article.paragraphs, added))
        result.append(article)
    for n in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(result)))
        body = draw(edited_text("甲及び乙は、相互に協力して取組を推進するものとする。"))
        result.insert(
            at, Article(f"new{n}" if keyed else None, draw(st.one_of(st.none(), text_piece)), (body,))
        )
    if not result:
        result = [Article(None, None, ("新規定",))]
    new = replace(old, articles=tuple(result))
    if draw(st.integers(0, 3)) == 0:
        new = replace(new, preamble=draw(edited_text(old.preamble, keep_brackets=True)))
    if draw(st.integers(0, 3)) == 0:
        assert old.appendix is not None
        field = old.appendix.fields[0]
        group = field.groups[0]
        row = group.rows[1]
        group = replace(
            group, rows=(group.rows[0], replace(row, text=draw(edited_text(row.text))), *group.rows[2:])
        )
        appendix = replace(old.appendix, fields=(replace(field, groups=(group,)), *old.appendix.fields[1:]))
        new = replace(new, appendices=(appendix,))
    return old, new


ARTICLE_SENTENCE = re.compile(r"^第(\d+)条(?:中|の見出し|に見出し|第\d+項|に次の\d+項)")


def quoted(sentence: str) -> tuple[list[str], list[str]]:
    """The old and the new phrases a sentence quotes: 「A」を「B」に → A, B; 「A」を削る → A; a 見出し given
    whole (「（B）」) → B on the new side."""
    shape, quoted_ = quotes(sentence)
    old, new, at = [], [], 0
    for match in re.finditer(r"QをQに|Qを削|見出しをQに|見出しとしてQを", shape):
        if match.group() == "QをQに":
            old.append(quoted_[at])
            new.append(quoted_[at + 1])
            at += 2
        elif match.group() == "Qを削":
            old.append(quoted_[at])
            at += 1
        else:
            new.append(quoted_[at])
            at += 1
    return old, new


def _once(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))


@given(edited_version(), st.booleans())
def test_random_edits_read_back_to_the_new_text(versions: tuple[Version, Version], follow: bool) -> None:
    old, new = versions
    amendment = amended(old, new, follow=follow)
    # what the 改め文 quote in an article is what the 新旧対照表 underlines in its row, and nothing else
    by_number = {}
    for sentence in texts(amendment):
        match = ARTICLE_SENTENCE.match(sentence)
        if match:
            by_number[int(match.group(1))] = sentence
    changed = [a for a in amendment.changes.articles if a.changed or a.renumbered]
    article_rows = [r for r in amendment.comparison.rows if r.label not in ("題名", "前文")][: len(changed)]
    for change, row in zip(changed, article_rows, strict=True):
        assert row.label == change.label
        # an article renumbered is amended inside the sentence that renumbers it, by the number it has
        # there: only the articles that keep their number have a sentence of their own to compare
        if change.kind != "same" or change.renumbered or change.new_number not in by_number:
            continue
        quoted_old, quoted_new = quoted(by_number[change.new_number])
        # a phrase changed alike at every place is underlined at each and quoted once
        assert _once(without_numbers(marks(row.left), change, "new")) == _once(quoted_new)
        assert _once(without_numbers(marks(row.right), change, "old")) == _once(quoted_old)


def without_numbers(underlined: list[str], change: ArticleChange, side: str) -> list[str]:
    """The underlined texts of an article's side that a sentence quotes: not its number when it was
    renumbered, not a 項 added or removed whole, not the old 見出し when the new one is quoted whole."""
    found = [t for t in underlined if not re.match(r"^\d+\u3000", t)]
    caption = change.caption
    whole = change.caption_changed and (caption is None or caption.whole)
    before = 0
    if change.caption_changed and not whole:
        before = sum(1 for p in caption.phrases if (p.old if side == "old" else p.new))
    if whole and (change.old if side == "old" else change.new).caption is not None:
        if side == "old":
            found.pop(0)  # the sentence quotes only the new 見出し
        else:
            before = 1
    if change.renumbered:
        number = change.new_number if side == "new" else change.old_number
        assert found.pop(before) == f"第{number}条"
    return found


def test_version_from_a_resolved_context() -> None:
    from docgen.base.printed import Party

    resolved = context()
    resolved["parties"] = [
        Party(label=label, name=name, address="", title="", head="", role=role)
        for label, name, role in (("甲", "山口市", "central"), ("乙", "美祢市", "partner"))
    ]
    for article in resolved["articles"]:
        del article["id"]  # the context of today's templates has no ids yet
    resolved["articles"][5]["paragraphs"] = [{"number": "2", "text": "前項の協議は、書面により行う。"}]
    version = version_from_context(resolved)
    assert [a.key for a in version.articles] == [None] * 6
    assert version.articles[5].paragraphs == (A[5].paragraphs[0], "前項の協議は、書面により行う。")
    assert version.appendix is not None and version.appendix.parties == ("甲", "乙")
    assert version.appendix.fields[2].groups[1].number == "(2)"
    assert version.appendix.fields[0].groups[0].rows[2].label == "ウ"


def test_check_refuses_a_sentence_it_cannot_read() -> None:
    with pytest.raises(AmendmentCheckError, match="cannot read 「第5条をQに直す」"):
        check(OLD, OLD, [Sentence("第5条を「毎年度」に直す。")])
    with pytest.raises(
        AmendmentCheckError, match="the sentence ends in 「第5条中QをQに改め」, which is not 終止形"
    ):
        check(OLD, OLD, [Sentence("第5条中「毎年度、」を「毎年度、」に改め。")])


# --- items (号), 項 labelled otherwise, several 別表 and a 別表 kept as text --------------------------------

ROLES_ITEMS = (
    Item(1, "(1)", "経済成長のけん引に関すること（別表第1）。"),
    Item(1, "(2)", "高次の都市機能の集積に関すること。"),
    Item(2, "ア", "医療"),
    Item(2, "イ", "教育"),
)
SHAPES = Version(
    title="福山市と三原市との間における連携中枢都市圏の形成に係る連携協約",
    preamble="",
    articles=(
        Article("purpose", "目的", ("この連携協約は、福山市及び三原市が連携することを目的とする。",)),
        Article(
            "roles",
            "連携する取組",
            (
                "福山市及び三原市は、次に掲げる取組を行う。",
                "前項に定めるもののほか、必要な事項は協議して定める。",
            ),
            items=(ROLES_ITEMS, ()),
        ),
        Article("term", "協約の期間", ("この協約の期間は、第1条の目的を達するまでとする。",)),
    ),
    appendices=(
        replace(
            OLD.appendices[0],
            title="別表第1（第2条関係）",
            fields=OLD.appendices[0].fields[:1],
            parties=("福山市", "三原市"),
        ),
        Table("別表第2", (("区分", "内容", "備考"), ("ア", "医療の連携", ""))),
    ),
)
S = SHAPES.articles


def with_items(article: Article, *items: Item, paragraph: int = 0) -> Article:
    found = list(article.items)
    found[paragraph] = tuple(items)
    return replace(article, items=tuple(found))


def test_a_phrase_in_an_item_is_quoted_in_its_paragraph() -> None:
    changed = with_items(S[1], *ROLES_ITEMS[:2], Item(2, "ア", "地域医療"), ROLES_ITEMS[3])
    amendment = amended(SHAPES, replace(SHAPES, articles=(S[0], changed, S[2])))
    assert texts(amendment) == ["第2条第1項中「医療」を「地域医療」に改める。"]
    (row,) = amendment.comparison.rows
    assert marks(row.left) == ["地域医療"] and marks(row.right) == ["医療"]
    assert [(line.kind, line.level, line.text) for line in row.left] == [
        ("caption", 0, "（連携する取組）"),
        ("article", 0, "第2条\u3000福山市及び三原市は、次に掲げる取組を行う。"),
        ("item", 1, "(1)\u3000経済成長のけん引に関すること（別表第1）。"),
        ("item", 1, "(2)\u3000高次の都市機能の集積に関すること。"),
        ("item", 2, "ア\u3000地域医療"),
        ("item", 2, "イ\u3000教育"),
        ("paragraph", 0, "2\u3000前項に定めるもののほか、必要な事項は協議して定める。"),
    ]


def test_a_phrase_of_an_item_that_its_paragraph_also_holds_is_widened() -> None:
    # 「関」 is in both items (1) and (2): the phrase takes in enough to be the only one in 第1項
    changed = with_items(
        S[1], replace(ROLES_ITEMS[0], text="経済成長のけん引に係ること（別表第1）。"), *ROLES_ITEMS[1:]
    )
    amendment = amended(SHAPES, replace(SHAPES, articles=(S[0], changed, S[2])))
    (sentence,) = texts(amendment)
    _, (before, after) = quotes(sentence)
    assert sentence.startswith("第2条第1項中「") and "関" in before and "係" in after
    assert sum(text.count(before) for text in S[1].texts(0)) == 1
    (row,) = amendment.comparison.rows
    assert marks(row.left) == [after] and marks(row.right) == [before]


def test_an_item_added_prints_the_article_anew_with_its_items() -> None:
    changed = with_items(S[1], *ROLES_ITEMS, Item(2, "ウ", "福祉"))
    amendment = amended(SHAPES, replace(SHAPES, articles=(S[0], changed, S[2])))
    assert texts(amendment) == ["第2条を次のように改める。"]
    assert amendment.sentences[0].lines()[1:] == [
        "（連携する取組）",
        "第2条\u3000福山市及び三原市は、次に掲げる取組を行う。",
        "(1)\u3000経済成長のけん引に関すること（別表第1）。",
        "(2)\u3000高次の都市機能の集積に関すること。",
        "ア\u3000医療",
        "イ\u3000教育",
        "ウ\u3000福祉",
        "2\u3000前項に定めるもののほか、必要な事項は協議して定める。",
    ]
    (row,) = amendment.comparison.rows
    assert marks(row.left) == ["ウ\u3000福祉"] and marks(row.right) == []


def test_an_unnumbered_paragraph_is_printed_as_labelled() -> None:
    old = replace(SHAPES, articles=(S[0], replace(S[1], labels=("", "")), S[2]))
    text = "前項に定めるもののほか、細目は協議して定める。"
    new = replace(old, articles=(S[0], replace(old.articles[1], paragraphs=(S[1].paragraphs[0], text)), S[2]))
    amendment = amended(old, new)
    assert texts(amendment) == ["第2条第2項中「必要な事項」を「細目」に改める。"]
    (row,) = amendment.comparison.rows
    # no label before it on either side
    assert (row.left[-1].text, row.right[-1].text) == (text, S[1].paragraphs[1])


def test_several_appendices_are_named_by_number() -> None:
    first, second = SHAPES.appendices
    table = replace(second, rows=(*second.rows, ("イ", "教育の連携", "")))
    amendment = amended(
        SHAPES, replace(SHAPES, appendices=(replace(first, title="別表第1（第3条関係）"), table))
    )
    assert texts(amendment) == [
        "別表第1中「第2条関係」を「第3条関係」に改める。",
        "別表第2のアの項の次に次のように加える。",
    ]
    assert amendment.sentences[1].lines()[1:] == ["イ\t教育の連携\t"]
    assert rows(amendment.comparison) == [
        ("別表第1", ["第3条関係"], ["第2条関係"]),
        ("別表第2\u30003行", ["イ", "教育の連携"], []),  # a table of its cells, the empty one empty
    ]
    (*_, added) = amendment.comparison.rows[1].left
    assert (added.kind, added.header) == ("row", ("区分", "内容", "備考"))
    assert [line.text for line in amendment.comparison.rows[1].left] == ["別表第2", "イ\t教育の連携\t"]
    # the old side names the 別表 over its 「（新設）」: the row is the first of 別表第2 on that side
    assert [line.text for line in amendment.comparison.rows[1].right] == ["別表第2", "（新設）"]


def test_references_follow_in_items_and_in_every_appendix() -> None:
    inserted = Article("system", "推進体制", ("福山市及び三原市は、推進体制を整備する。",))
    amendment = amended(SHAPES, replace(SHAPES, articles=(inserted, *S)))
    assert texts(amendment) == [
        "第3条中「第1条」を「第2条」に改め、同条を第4条とし、第2条を第3条とし、第1条を第2条とし、"
        "第1条として次の1条を加える。",
        "別表第1中「第2条関係」を「第3条関係」に改める。",
    ]


def test_a_bad_reading_of_an_item_is_refused_by_both_readers() -> None:
    changed = with_items(S[1], *ROLES_ITEMS[:2], Item(2, "ア", "地域医療"), ROLES_ITEMS[3])
    new = replace(SHAPES, articles=(S[0], changed, S[2]))
    wrong = [Sentence("第2条第2項中「医療」を「地域医療」に改める。")]
    with pytest.raises(AmendmentCheckError, match="「医療」 occurs nowhere in 第2条第2項"):
        check(SHAPES, new, wrong)
    with pytest.raises(AssertionError):
        read(SHAPES, wrong)


@st.composite
def edited_items(draw: st.DrawFn) -> Version:
    """SHAPES with the items of 第2条 edited: texts changed, items added or removed."""
    items = list(ROLES_ITEMS)
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["text", "text", "text", "add", "remove"]))
        at = draw(st.integers(0, len(items) - 1))
        if action == "text":
            items[at] = replace(items[at], text=draw(edited_text(items[at].text)))
        elif action == "add":
            items.insert(at, Item(2, "ウ", draw(edited_text("福祉"))))
        elif len(items) > 1:
            del items[at]
    paragraph = draw(st.sampled_from([0, 1]))
    article = with_items(S[1], *items, paragraph=paragraph)
    if paragraph == 1:
        article = with_items(article, paragraph=0)
    return replace(SHAPES, articles=(S[0], article, S[2]))


@given(edited_items())
def test_random_item_edits_read_back_to_the_new_text(new: Version) -> None:
    amendment = amended(SHAPES, new)
    for row in amendment.comparison.rows:
        for side in (row.left, row.right):
            assert all(not line.segments or line.text for line in side)
