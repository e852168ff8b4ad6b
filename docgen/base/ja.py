"""Japanese legal-document conventions: 和暦 dates, party labels (甲乙丙…), joins and 公用文 numbering.

Pure functions without I/O. Everything is written for horizontal official writing (横書きの公用文), so numbers
are half-width Arabic digits without zero padding or spaces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from docgen.base.i18n import N_, _
from docgen.base.patterns import regex

# (name, first day in the Gregorian calendar), oldest first; a new era is one more row at the end.
ERAS: tuple[tuple[str, dt.date], ...] = (
    ("明治", dt.date(1868, 10, 23)),
    ("大正", dt.date(1912, 7, 30)),
    ("昭和", dt.date(1926, 12, 25)),
    ("平成", dt.date(1989, 1, 8)),
    ("令和", dt.date(2019, 5, 1)),
)

# Japan kept the lunisolar calendar until 明治5年12月2日; the next day was 明治6年1月1日 (1873-01-01).
# An earlier Gregorian date has no 和暦 form with the same month and day.
GREGORIAN_ADOPTED = dt.date(1873, 1, 1)

# The ten heavenly stems (十干), the customary labels of the parties to an agreement.
PARTY_LABELS: tuple[str, ...] = ("甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸")

# Items under (1), (2)… are labelled in 五十音 order; ヰ, ヱ, ヲ and ン are not used as labels.
KANA_LABELS: tuple[str, ...] = tuple(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
)

_IDEOGRAPHIC_SPACE = "\u3000"


def _as_date(d: dt.date) -> dt.date:
    # A datetime is a date too, but cannot be compared with one; only the calendar day matters here.
    return d.date() if isinstance(d, dt.datetime) else d


def _positive(n: int, message: str) -> None:
    """``message`` (marked with N_, a field ``{n}``) unless ``n`` is 1 or more."""
    if n < 1:
        raise ValueError(_(message).format(n=n))


def era_year(d: dt.date) -> tuple[str, int]:
    """The era of ``d`` and its year within the era: 2017-03-30 → ("平成", 29)."""
    d = _as_date(d)
    if d < GREGORIAN_ADOPTED:
        raise ValueError(
            _(
                "{date} is before 1873-01-01 (明治6年1月1日): Japan used the lunisolar calendar until "
                "明治5年12月2日, so this Gregorian date has no 和暦 form with the same month and day"
            ).format(date=d.isoformat())
        )
    for name, start in reversed(ERAS):
        if d >= start:
            # The year the era begins is its first year, whatever the month: eras count calendar years.
            return name, d.year - start.year + 1
    raise ValueError(
        _("{date} is before the first known era").format(date=d.isoformat())
    )  # unreachable while 明治 is in ERAS


def _year_text(year: int) -> str:
    # The first year of an era is written 元年, never 1年.
    return "元" if year == 1 else str(year)


def era_year_text(d: dt.date) -> str:
    """The year of ``d`` in 和暦: "平成29年", "令和元年"."""
    name, year = era_year(d)
    return f"{name}{_year_text(year)}年"


def era_date(d: dt.date) -> str:
    """``d`` in 和暦: 2017-03-30 → "平成29年3月30日", 2019-05-01 → "令和元年5月1日"."""
    d = _as_date(d)
    return f"{era_year_text(d)}{d.month}月{d.day}日"


def blank_date(d: dt.date) -> str:
    """The era of ``d`` with the year, month and day left blank for a draft: "令和　年　月　日"."""
    name, _ = era_year(d)
    sp = _IDEOGRAPHIC_SPACE
    return f"{name}{sp}年{sp}月{sp}日"


def party_labels(n: int) -> list[str]:
    """The labels of ``n`` parties: 3 → ["甲", "乙", "丙"]."""
    if n < 1 or n > len(PARTY_LABELS):
        raise ValueError(
            _(
                "cannot label {count} parties: at most {most} parties can be labelled ({first} to {last}), "
                "and at least 1"
            ).format(count=n, most=len(PARTY_LABELS), first=PARTY_LABELS[0], last=PARTY_LABELS[-1])
        )
    return list(PARTY_LABELS[:n])


def join_ja(items: Iterable[str]) -> str:
    """Join as in legal Japanese: "甲", "甲及び乙", "甲、乙及び丙" (及び goes only before the last item)."""
    parts = list(items)
    if not parts:
        raise ValueError(_("join_ja needs at least one item"))
    if len(parts) == 1:
        return parts[0]
    return "、".join(parts[:-1]) + "及び" + parts[-1]


def article_number(n: int) -> str:
    """The number of an article: 1 → "第1条"."""
    _positive(n, N_("an article number must be 1 or more, not {n}"))
    return f"第{n}条"


def paren_number(n: int) -> str:
    """The number of an item (号): 1 → "(1)", with half-width parentheses as in the signed documents."""
    _positive(n, N_("an item number must be 1 or more, not {n}"))
    return f"({n})"


def kana_label(i: int) -> str:
    """The label of a sub-item in 五十音 order: 1 → "ア", 2 → "イ", 6 → "カ", 44 → "ワ"."""
    _positive(i, N_("a kana label number must be 1 or more, not {n}"))
    if i > len(KANA_LABELS):
        raise ValueError(
            _("kana label {n} is out of range: only {count} labels (ア to ワ) exist").format(
                n=i, count=len(KANA_LABELS)
            )
        )
    return KANA_LABELS[i - 1]


def roman(n: int) -> str:
    """A lower-case Roman numeral, right up to 399: 4 → "iv", 40 → "xl" (Word's lowerRoman too)."""
    text = ""
    numerals = ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"))
    for value, letters in (*numerals, (1, "i")):
        while n >= value:
            text += letters
            n -= value
    return text


def item_label(style: str, n: int) -> str:
    """The label of the n-th item in a style of 公用文 numbering: (1), 1, ア, (ア), a, (a), i, (i).

    Parentheses and Latin letters are half-width, as in the signed documents ((1), not （１）).
    """
    _positive(n, N_("an item number must be 1 or more, not {n}"))
    inner = style.strip("()")
    if inner == "1":
        text = str(n)
    elif inner == "ア":
        text = kana_label(n)
    elif inner == "a":
        if n > 26:
            raise ValueError(_("item {n} is out of range: only 26 labels (a to z) exist").format(n=n))
        text = chr(ord("a") + n - 1)
    elif inner == "i":
        text = roman(n)
    else:
        raise ValueError(_("unknown item label style {style}").format(style=repr(style)))
    return f"({text})" if style.startswith("(") else text


# 第N条 of this agreement: not after a law's name or number (法, 令, 規則, 条例, 要綱, …）) and not a branch
# article (第252条の2), which agreements don't have
# (the amendment code follows these references; the model notes them where a text field writes one literally)
ARTICLE_NUMBER = regex(r"(?<![法令則例綱）)])第(\d+)条(?!の\d)")
