"""Tests of docgen.base.ja: 和暦 dates, party labels, joins and 公用文 numbering, against hand-written
strings."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.base import ja

D = dt.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Each era boundary: the last day of the old era, then 元年 of the new one.
        (D(1912, 7, 29), "明治45年7月29日"),
        (D(1912, 7, 30), "大正元年7月30日"),
        (D(1926, 12, 24), "大正15年12月24日"),
        (D(1926, 12, 25), "昭和元年12月25日"),
        (D(1989, 1, 7), "昭和64年1月7日"),
        (D(1989, 1, 8), "平成元年1月8日"),
        (D(2019, 4, 30), "平成31年4月30日"),
        (D(2019, 5, 1), "令和元年5月1日"),
        # Ordinary dates.
        (D(2017, 3, 30), "平成29年3月30日"),
        (D(1873, 1, 1), "明治6年1月1日"),
        (D(2026, 11, 25), "令和8年11月25日"),
    ],
)
def test_era_date(day: dt.date, expected: str) -> None:
    assert ja.era_date(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2017, 3, 30), ("平成", 29)),
        (D(2019, 5, 1), ("令和", 1)),
        (D(1873, 1, 1), ("明治", 6)),
        (D(1912, 7, 29), ("明治", 45)),
    ],
)
def test_era_year(day: dt.date, expected: tuple[str, int]) -> None:
    assert ja.era_year(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2017, 3, 30), "平成29年"),
        (D(2019, 5, 1), "令和元年"),
        (D(1989, 1, 7), "昭和64年"),
    ],
)
def test_era_year_text(day: dt.date, expected: str) -> None:
    assert ja.era_year_text(day) == expected


@pytest.mark.parametrize("day", [D(1872, 12, 31), D(1868, 10, 23), D(1800, 1, 1)])
@pytest.mark.parametrize("func", [ja.era_date, ja.era_year, ja.era_year_text, ja.blank_date])
def test_before_gregorian_calendar(func, day: dt.date) -> None:
    with pytest.raises(ValueError, match="lunisolar"):
        func(day)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2017, 3, 30), "平成\u3000年\u3000月\u3000日"),
        (D(2026, 11, 25), "令和\u3000年\u3000月\u3000日"),
        (D(2019, 5, 1), "令和　年　月　日"),  # the same string typed with ideographic spaces
    ],
)
def test_blank_date(day: dt.date, expected: str) -> None:
    assert ja.blank_date(day) == expected


def test_datetime_is_read_as_its_day() -> None:
    assert ja.era_date(dt.datetime(2019, 5, 1, 9, 30)) == "令和元年5月1日"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, ["甲"]),
        (2, ["甲", "乙"]),
        (3, ["甲", "乙", "丙"]),
        (10, ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]),
    ],
)
def test_party_labels(n: int, expected: list[str]) -> None:
    assert ja.party_labels(n) == expected


@pytest.mark.parametrize("n", [0, 11, -1])
def test_party_labels_out_of_range(n: int) -> None:
    with pytest.raises(ValueError, match="at most 10 parties"):
        ja.party_labels(n)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["甲"], "甲"),
        (["甲", "乙"], "甲及び乙"),
        (["甲", "乙", "丙"], "甲、乙及び丙"),
        (["甲", "乙", "丙", "丁"], "甲、乙、丙及び丁"),
        (("下関市", "長門市"), "下関市及び長門市"),
        (iter(["甲", "乙", "丙"]), "甲、乙及び丙"),
    ],
)
def test_join_ja(items, expected: str) -> None:
    assert ja.join_ja(items) == expected


@pytest.mark.parametrize("items", [[], (), iter([])])
def test_join_ja_empty(items) -> None:
    with pytest.raises(ValueError):
        ja.join_ja(items)


@pytest.mark.parametrize(("n", "expected"), [(1, "第1条"), (2, "第2条"), (12, "第12条")])
def test_article_number(n: int, expected: str) -> None:
    assert ja.article_number(n) == expected


@pytest.mark.parametrize(("n", "expected"), [(1, "(1)"), (3, "(3)"), (10, "(10)")])
def test_paren_number(n: int, expected: str) -> None:
    assert ja.paren_number(n) == expected


@pytest.mark.parametrize(("i", "expected"), [(1, "ア"), (2, "イ"), (6, "カ"), (44, "ワ")])
def test_kana_label(i: int, expected: str) -> None:
    assert ja.kana_label(i) == expected


def test_kana_labels_in_full() -> None:
    expected = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
    assert "".join(ja.kana_label(i) for i in range(1, 45)) == expected


@pytest.mark.parametrize("i", [45, 0, -1])
def test_kana_label_out_of_range(i: int) -> None:
    with pytest.raises(ValueError):
        ja.kana_label(i)


@pytest.mark.parametrize("func", [ja.article_number, ja.paren_number])
@pytest.mark.parametrize("n", [0, -1])
def test_numbers_must_be_positive(func, n: int) -> None:
    with pytest.raises(ValueError):
        func(n)
