"""Runs of renumbered articles as 法制執務 writes them (issue #21). 法制執務研究会『新訂ワークブック法制執務』
(p.459, as quoted at hoti-ak.hatenadiary.org/entry/20100618/1276865826): articles are moved one by one
(「第E条を第G条とする」), except that four or more consecutive articles moved without a change of their text
have the back-most moved on its own and the rest together (「第E条を第G条とし、第B条から第D条までを2条ずつ
繰り下げる」). An article whose text changes breaks the run: the articles behind it are a run of their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import edit
from test_amend import REGION, SYSTEM, amend_mine, proven, texts

from docgen.amend import amend
from docgen.amend.text import Article, Version


def test_two_articles_behind_an_amended_one_are_moved_one_by_one(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # an article added after 第2条 (whose 次条 is kept right by id; 第4条's 前条 moves with 第3条), and the
    # signed 第5条 amended: 第3条 and 第4条, behind it, are two, moved one by one
    edit(work / "new" / REGION, "  - id: roles\n", SYSTEM + "  - id: roles\n")
    edit(work / "new" / REGION, "、次条に規定する取組", "、{{ ref.roles }}に規定する取組")
    edit(work / "new" / REGION, "毎年度、連絡会議", "毎年度1回以上、連絡会議")
    assert amend_mine(capsys)[0] == 0
    amendment, _ = proven(capsys)
    assert texts(amendment)[:2] == [
        "第2条中「次条」を「第4条」に改める。",
        "第6条を第7条とし、第5条中「毎年度、」を「毎年度1回以上、」に改め、同条を第6条とし、"
        "第4条を第5条とし、第3条を第4条とし、第2条の次に次の1条を加える。",
    ]


def article(key: str, text: str) -> Article:
    return Article(key, None, (text,))


def test_four_or_more_behind_an_amended_article_have_the_back_most_on_its_own() -> None:
    old = Version("題名", "", tuple(article(k, f"{k}の取組を実施する。") for k in "abcdefg"))
    changed = article("g", "gの事業を実施する。")
    new = Version("題名", "", (old.articles[0], article("x", "体制を整える。"), *old.articles[1:6], changed))
    assert [s.text for s in amend(old, new).sentences] == [
        "第7条中「取組」を「事業」に改め、同条を第8条とし、第6条を第7条とし、"
        "第2条から第5条までを1条ずつ繰り下げ、第1条の次に次の1条を加える。"
    ]
