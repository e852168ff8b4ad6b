"""What a literal reference names (``docgen.base.denote``) and which ones a renumbering leaves naming another
provision (``references.stale_references``), on small texts written here: a 法制執務 reviewer's reading of
前条, 前2条, 前各条, 同条, 前項, 次項, 第N項, 前各項, 同項 and 第N条第M項."""

from __future__ import annotations

from docgen.amend.references import Stale, follow_renumbering, stale_references
from docgen.amend.text import Article, Version
from docgen.base.denote import reading, references


def named(text: str, where: tuple[int, int | None] | None, shape: list[int]) -> list[tuple[str, set]]:
    return [(r.written, set(r.targets)) for r in references(text, where, shape)]


def test_articles_counted_from_where_the_text_is() -> None:
    shape = [1, 1, 1, 2]
    assert named("前条及び次条", (1, 0), shape) == [("前条", {(0, None)}), ("次条", {(2, None)})]
    assert named("前2条に規定する", (3, 0), shape) == [("前2条", {(1, None), (2, None)})]
    assert named("前各条に規定する", (2, 0), shape) == [("前各条", {(0, None), (1, None)})]
    # 前条 in 第1条 and 次条 in the last name nothing
    assert named("前条", (0, 0), shape) == [("前条", set())]
    assert named("次条", (3, 1), shape) == [("次条", set())]


def test_paragraphs_and_numbers() -> None:
    shape = [1, 3, 1]
    assert named("前項の規定による", (1, 2), shape) == [("前項", {(1, 1)})]
    assert named("前各項", (1, 2), shape) == [("前各項", {(1, 0), (1, 1)})]
    assert named("第2項", (1, 0), shape) == [("第2項", {(1, 1)})]
    assert named("第2条第3項", (2, 0), shape) == [("第2条第3項", {(1, 2)})]
    # a law's article and 項, and a number beyond the agreement's articles, are not the agreement's
    assert named("地方自治法第252条の2第1項及び他の協定の第9条", (2, 0), shape) == []


def test_same_repeats_what_the_sentence_named_last() -> None:
    shape = [1, 2, 1]
    assert named("第2条第2項及び同条第1項", None, shape) == [
        ("第2条第2項", {(1, 1)}),
        ("同条第1項", {(1, 0)}),
    ]
    assert named("前項の規定により、同項", (1, 1), shape) == [("前項", {(1, 0)}), ("同項", {(1, 0)})]
    # not across a sentence
    assert named("第1条による。同条", None, shape) == [("第1条", {(0, None)}), ("同条", set())]


def test_how_a_reference_reads_from_where_it_is() -> None:
    name = lambda k: f"第{k + 1}条"  # noqa: E731
    assert reading(frozenset({(1, None)}), (2, 0), True, name) == "前条"
    assert reading(frozenset({(1, None)}), (3, 0), True, name) == "第2条"
    assert reading(frozenset({(4, 0)}), (4, 2), True, name) == "第1項"
    assert reading(frozenset({(4, 1)}), (4, 2), True, name) == "前項"
    assert reading(frozenset({(4, 1)}), (5, 0), False, name) == "第5条第2項"
    assert reading(frozenset({(1, None), (2, None), (3, None)}), None, False, name) == "第2条から第4条まで"


def article(key: str, *paragraphs: str) -> Article:
    return Article(key, None, tuple(paragraphs))


OLD = Version(
    "題名",
    "",
    (
        article("a", "目的を定める。"),
        article("b", "会議を置く。", "前項の会議は、年1回開く。"),
        article("c", "前2条に定めるほか、第2条第2項の会議で協議する。"),
    ),
)


def test_a_paragraph_added_in_front_moves_what_前項_and_第N条第M項_name() -> None:
    new = Version(
        "題名",
        "",
        (
            OLD.articles[0],
            article("b", "会議を置く。", "会議は、甲が招集する。", "前項の会議は、年1回開く。"),
            OLD.articles[2],
        ),
    )
    assert stale_references(OLD, new) == [
        Stale("第2条第3項", "前項", "第1項", None, True),
        Stale("第3条", "第2条第2項", "第2条第3項", None, True),
    ]
    followed = follow_renumbering(OLD, new)
    assert followed.articles[1].paragraphs[2] == "第1項の会議は、年1回開く。"
    assert followed.articles[2].paragraphs[0] == "前2条に定めるほか、第2条第3項の会議で協議する。"
    assert stale_references(OLD, followed) == []


def test_an_article_added_in_front_moves_what_前2条_names() -> None:
    added = article("x", "体制を整える。")
    new = Version("題名", "", (OLD.articles[0], added, *OLD.articles[1:]))
    assert stale_references(OLD, new) == [
        Stale("第4条", "前2条", "第1条及び第3条", None, False),
        Stale("第4条", "第2条第2項", "第3条第2項", None, True),
    ]


def test_a_paragraph_of_the_article_before() -> None:
    assert named("前条第2項の会議及び同条第1項", (2, 0), [1, 2, 1]) == [
        ("前条第2項", {(1, 1)}),
        ("同条第1項", {(1, 0)}),
    ]
    old = Version("題名", "", (OLD.articles[1], article("c", "前条第2項の会議で協議する。")))
    new = Version(
        "題名",
        "",
        (
            article("b", "会議を置く。", "会議は、甲が招集する。", "第1項の会議は、年1回開く。"),
            old.articles[1],
        ),
    )
    assert stale_references(old, new) == [Stale("第2条", "前条第2項", "前条第3項", None, True)]
