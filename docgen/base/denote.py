"""What a literal reference in an agreement's text names, read as a 法制執務 reviewer reads it.

A reference names whole articles (第3条, 前条, 次条, 前2条, 前各条, 同条) or 項 of one (第2項, 前項,
次項, 前2項, 前各項, 同項, 第3条第2項, 同条第2項, 前条第2項). 前条 and 前項 count from where the text is;
同条 and 同項 name the article or 項 named last before them in the same sentence (up to 「。」). A 第N条
after 法, 令, 則, 例, 綱 or 「）」 is a law's (「地方自治法第252条の2」) and names nothing of the agreement,
as does a number beyond its articles or 項. 各号 names the items of the 項 it is in, which move with it:
it is not read here.

``Target``: (article index from 0, 項 index from 0 or None for the whole article).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docgen.base.named import Named
from docgen.base.patterns import regex

Target = tuple[int, "int | None"]

_LAW = r"(?<![法令則例綱）)])"
_PATTERN = regex(
    rf"{_LAW}第(?P<article>\d+)条(?!の\d)(?:第(?P<article_paragraph>\d+)項)?"
    r"|同条(?:第(?P<same_paragraph>\d+)項)?"
    r"|(?P<near>前条|次条)第(?P<near_paragraph>\d+)項"
    r"|前各条|前(?P<articles_before>\d+)条|前条|次条"
    r"|前各項|前(?P<paragraphs_before>\d+)項|前項|次項|同項"
    r"|(?<![\d条])第(?P<paragraph>\d+)項"
)
_BEFORE = regex(r"前(\d+)")  # 前2条: the count of 前N条, 前N項


class Reference(Named):
    """A reference at ``start``:``end`` of a text, as ``written``, naming ``targets`` (empty: nothing this
    agreement has, e.g. 前条 in 第1条). ``antecedent``: for 同条 and 同項, the index (in the text's list of
    references) of the reference it repeats."""

    start: int
    end: int
    written: str
    targets: frozenset[Target]
    antecedent: int | None

    def __new__(
        cls, start: int, end: int, written: str, targets: frozenset[Target], antecedent: int | None = None
    ) -> Reference:
        return tuple.__new__(cls, (start, end, written, targets, antecedent))

    @property
    def relative(self) -> bool:
        """Counted from where it is (前条, 次項, 前各項…), not a number."""
        return not self.written.startswith("第")

    @property
    def repeats(self) -> bool:
        return self.written.startswith("同")


def references(text: str, where: tuple[int, int | None] | None, shape: Sequence[int]) -> list[Reference]:
    """The references in ``text``, which is in the article and 項 ``where`` (indices from 0; None outside
    the articles, 項 None in a caption) of an agreement whose articles have ``shape[i]`` 項 each."""
    found: list[Reference] = []
    last_article: int | None = None  # the index in ``found`` of what 同条 repeats
    last_paragraph: int | None = None
    sentence_end = -1
    article, paragraph = where if where is not None else (None, None)
    for match in _PATTERN.finditer(text):
        if text.find("。", sentence_end + 1, match.start()) >= 0:
            last_article = last_paragraph = None  # 同条 does not reach back into the sentence before
        sentence_end = match.start() - 1
        written = match.group()
        antecedent: int | None = None
        targets: set[Target] = set()
        groups = match.groupdict()
        if groups["article"] is not None:
            number = int(groups["article"])
            if not 1 <= number <= len(shape):
                continue  # another document's article, or a law's
            if groups["article_paragraph"] is not None:
                targets = _paragraphs(number - 1, [int(groups["article_paragraph"])], shape)
            else:
                targets = {(number - 1, None)}
        elif written.startswith("同条"):
            antecedent = last_article
            before = _single_article(found[antecedent].targets) if antecedent is not None else None
            if before is not None and groups["same_paragraph"] is not None:
                targets = _paragraphs(before, [int(groups["same_paragraph"])], shape)
            elif before is not None:
                targets = {(before, None)}
        elif written == "同項":
            antecedent = last_paragraph
            if antecedent is not None:
                targets = set(found[antecedent].targets)
        elif groups["near"] is not None:
            if article is None:
                continue
            near = _around(groups["near"], article, len(shape))
            if near:
                targets = _paragraphs(near[0], [int(groups["near_paragraph"])], shape)
        elif written.endswith("条"):
            if article is None:
                continue  # 前条 in the preamble or a 別表 names nothing here
            targets = {(k, None) for k in _around(written, article, len(shape))}
        elif article is not None and paragraph is not None:
            if groups["paragraph"] is not None:
                targets = _paragraphs(article, [int(groups["paragraph"])], shape)
            else:
                targets = {(article, k) for k in _around(written, paragraph, shape[article])}
        else:
            continue  # a 項 named outside a 項
        index = len(found)
        found.append(Reference(match.start(), match.end(), written, frozenset(targets), antecedent))
        if targets and all(p is None for _, p in targets):
            last_article = index
        elif len(targets) == 1:
            last_paragraph = index
            repeated = groups["article"] is not None or groups["near"] is not None
            last_article = index if repeated else last_article
    return found


def _single_article(targets: frozenset[Target]) -> int | None:
    articles = {a for a, _ in targets}
    return next(iter(articles)) if len(articles) == 1 else None


def _paragraphs(article: int, numbers: list[int], shape: Sequence[int]) -> set[Target]:
    return {(article, n - 1) for n in numbers if 1 <= n <= shape[article]}


def _around(written: str, at: int, count: int) -> list[int]:
    """The indices 前条, 次条, 前2条, 前各条 (or the same of 項) name from index ``at`` among ``count``."""
    kind = written[0]
    if kind == "次":
        return [at + 1] if at + 1 < count else []
    if written[1] == "各":
        return list(range(at))
    many = _BEFORE.match(written)
    back = int(many.group(1)) if many else 1
    return list(range(at - back, at)) if at - back >= 0 else []


def reading(
    targets: frozenset[Target],
    where: tuple[int, int | None] | None,
    relative: bool,
    name_article: Callable[[int], str],
) -> str:
    """How a reference from ``where`` to ``targets`` reads: counted from there when ``relative`` and the
    targets are next to it (前条, 次項), else by number (第4条, 第1項, 第3条第2項, 第2条及び第3条);
    ``name_article(index)`` names an article by number."""
    at_article, at_paragraph = where if where is not None else (None, None)
    articles = sorted({a for a, _ in targets})
    whole = all(p is None for _, p in targets)
    if whole:
        if relative and at_article is not None and articles == [at_article - 1]:
            return "前条"
        if relative and at_article is not None and articles == [at_article + 1]:
            return "次条"
        return _range(articles, name_article)
    parts = []
    for article in articles:
        numbers = sorted(p for a, p in targets if a == article and p is not None)
        if article == at_article and at_paragraph is not None and relative and len(numbers) == 1:
            if numbers[0] == at_paragraph - 1:
                parts.append("前項")
                continue
            if numbers[0] == at_paragraph + 1:
                parts.append("次項")
                continue
        named = _range(numbers, lambda k: f"第{k + 1}項")
        if article == at_article:
            parts.append(named)
        elif relative and at_article is not None and abs(article - at_article) == 1:
            parts.append(("前条" if article < at_article else "次条") + named)
        else:
            parts.append(f"{name_article(article)}{named}")
    return "、".join(parts)


def _range(indices: list[int], name: Callable[[int], str]) -> str:
    """第3条 / 第3条及び第4条 / 第3条から第5条まで (consecutive), else each named, the last with 及び."""
    if len(indices) == 1:
        return name(indices[0])
    if indices == list(range(indices[0], indices[-1] + 1)):
        joiner = "及び" if len(indices) == 2 else "から"
        return f"{name(indices[0])}{joiner}{name(indices[-1])}{'まで' if joiner == 'から' else ''}"
    return "、".join(name(k) for k in indices[:-1]) + f"及び{name(indices[-1])}"
