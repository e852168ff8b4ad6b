"""References to renumbered articles in text the author did not touch (ハネ改正).

When an article is added before 第3条, 「別表（第3条関係）」 and 「第3条に規定する」 elsewhere still mean the
article that is now 第4条, and 「次条」 in 第2条 now names the new article instead. An author who edits the
articles rarely edits every such reference; ``follow_renumbering`` brings them up to date in the new text so
that the amendment lists them (「第2条中「次条」を「第4条」に改める。」). Only references in text that is the
same in both versions are followed: a reference the author wrote or changed is taken as meant. References to
laws (「地方自治法第252条の2」, 「（昭和22年法律第67号）第252条」) are not the agreement's and are left alone.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from docgen.amend.diff import match_articles, pair_appendix_parts
from docgen.amend.text import (
    AnyAppendix,
    AppendixField,
    Group,
    Row,
    Table,
    Version,
    appendix_name,
    article_number,
)
from docgen.base.ja import ARTICLE_NUMBER

_RELATIVE = re.compile(r"前条|次条")


@dataclass(frozen=True)
class Stale:
    """A reference in text the author left as it was that no longer names the article it named: in
    ``provision`` (第2条, 別表, 前文 as numbered in the new text), ``written`` (次条, 第3条) now names
    another article or, if ``meant`` is None, the article it named is gone; ``meant`` is how that article
    is named now (第4条, 前条), ``key`` its id if it has one."""

    provision: str
    written: str
    meant: str | None
    key: str | None


Visit = Callable[[str, str, "tuple[int, int] | None", str], str]
Pairs = list[tuple[int | None, int | None]]  # the articles paired as by ``match_articles``


def follow_renumbering(old: Version, new: Version) -> Version:
    """``new`` with the references to articles that moved brought to their new numbers, where the text around
    them is unchanged from ``old``."""
    pairs = match_articles(old.articles, new.articles)
    moved = _moved(pairs)
    count = len(old.articles)

    def follow(before: str, after: str, where: tuple[int, int] | None, provision: str) -> str:
        for start, end, target, _ in sorted(_references(before, after, moved, count, where), reverse=True):
            if target is not None:
                after = after[:start] + target + after[end:]
        return after

    return _walk(old, new, pairs, follow)


def stale_references(old: Version, new: Version) -> list[Stale]:
    """The references of ``new`` that ``follow_renumbering`` would change, and those whose article is gone:
    where docgen prints the text as written (``{{ ref.x }}`` follows by itself; a literal 第3条 or 次条 does
    not), each is worth a word to the author."""
    pairs = match_articles(old.articles, new.articles)
    moved = _moved(pairs)
    count = len(old.articles)
    found: list[Stale] = []

    def record(before: str, after: str, where: tuple[int, int] | None, provision: str) -> str:
        for _, _, target, written in _references(before, after, moved, count, where):
            key = None
            if target is not None:
                number = _number(target, where)
                key = new.articles[number - 1].key if number is not None else None
            found.append(Stale(provision, written, target, key))
        return after

    _walk(old, new, pairs, record)
    return found


def _moved(pairs: Pairs) -> dict[int, int]:
    """Old article number → new number, for the articles in both versions."""
    return {i + 1: j + 1 for i, j in pairs if i is not None and j is not None}


def _number(target: str, where: tuple[int, int] | None) -> int | None:
    """The new number of the article a reference as it reads now names."""
    if target == "前条" and where is not None:
        return where[1] - 1
    if target == "次条" and where is not None:
        return where[1] + 1
    match = re.fullmatch(r"第(\d+)条", target)
    return int(match.group(1)) if match else None


def _walk(old: Version, new: Version, pairs: Pairs, visit: Visit) -> Version:
    """``new`` with each of its texts that has a counterpart in ``old`` passed through ``visit(before,
    after, (old number, new number) of its article or None, provision)``; ``pairs``: the articles paired as
    by ``match_articles``."""
    articles = list(new.articles)
    for i, j in pairs:
        if i is None or j is None:
            continue
        a, b = old.articles[i], new.articles[j]
        where = (i + 1, j + 1)
        name = article_number(j + 1)
        caption = b.caption
        if a.caption and b.caption:
            caption = visit(a.caption, b.caption, where, f"{name}の見出し")
        paragraphs = list(b.paragraphs)
        items = [list(found) for found in b.items]
        for k, text in enumerate(b.paragraphs):
            # 項 and items are paired by position here: after one added in front the others' text is unequal,
            # and nothing in them is followed
            if k < len(a.paragraphs):
                paragraphs[k] = visit(a.paragraphs[k], text, where, name)
                for n, item in enumerate(items[k][: len(a.items[k])]):
                    items[k][n] = replace(item, text=visit(a.items[k][n].text, item.text, where, name))
        articles[j] = replace(
            b, caption=caption, paragraphs=tuple(paragraphs), items=tuple(tuple(found) for found in items)
        )
    appendices = list(new.appendices)
    if len(old.appendices) == len(new.appendices):
        for index, (before, after) in enumerate(zip(old.appendices, new.appendices, strict=True)):
            table = appendix_name(index, len(new.appendices))
            appendices[index] = _follow_appendix(
                before, after, table, lambda x, y, table=table: visit(x, y, None, table)
            )
    return Version(
        title=visit(old.title, new.title, None, "題名"),
        preamble=visit(old.preamble, new.preamble, None, "前文"),
        articles=tuple(articles),
        appendices=tuple(appendices),
    )


def _references(
    before: str, after: str, moved: dict[int, int], count: int, where: tuple[int, int] | None
) -> list[tuple[int, int, str | None, str]]:
    """The references in ``after`` that read as in ``before`` and name another article now: (start, end,
    how they should read, or None when their article is gone, how they read). ``moved``: old article number
    → new, for the articles in both versions; ``count``: how many articles the old version has."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    found: list[tuple[int, int, str | None, str]] = []
    for block in matcher.get_matching_blocks():
        for pattern in (ARTICLE_NUMBER, _RELATIVE):
            for match in pattern.finditer(after, block.b, block.b + block.size):
                if match.end() > block.b + block.size:
                    continue
                at = block.a + match.start() - block.b
                twin = pattern.match(before, at)
                if twin is None or twin.group() != match.group():
                    continue  # the old text around it reads differently
                meant = _meant(match, count, where)
                if meant is None:
                    continue
                target = moved.get(meant)
                relative = match.re is _RELATIVE
                reads = None if target is None else _reading(target, where if relative else None)
                if reads != match.group():
                    found.append((match.start(), match.end(), reads, match.group()))
    return found


def _meant(match: re.Match[str], count: int, where: tuple[int, int] | None) -> int | None:
    """The old number of the article a reference named, or None when it named none of this agreement's
    (``count``: how many articles the old version has; a 第N条 beyond them is not one of its articles)."""
    if match.re is ARTICLE_NUMBER:
        number = int(match.group(1))
    elif where is None:  # 前条 outside an article means nothing here
        return None
    else:
        number = where[0] - 1 if match.group() == "前条" else where[0] + 1
    return number if 1 <= number <= count else None


def _reading(number: int, where: tuple[int, int] | None) -> str:
    """How a reference to the article now numbered ``number`` reads from the article ``where`` is (None: a
    reference by number): 前条 and 次条 stay relative while the article is next to it, others are 第N条."""
    if where is not None and number == where[1] - 1:
        return "前条"
    if where is not None and number == where[1] + 1:
        return "次条"
    return article_number(number)


def _follow_appendix(
    old: AnyAppendix, new: AnyAppendix, name: str, follow: Callable[[str, str], str]
) -> AnyAppendix:
    """``new`` with each text that has a counterpart in ``old`` passed through ``follow``."""
    texts = {}
    for a, b in pair_appendix_parts(old, new, name):
        for index, (x, y) in enumerate(zip(a.cells, b.cells, strict=False)):
            texts[(b.label, b.kind, index)] = follow(x, y)
    title = texts.get((name, "title", 0), new.title)
    if isinstance(new, Table):
        rows = tuple(
            tuple(texts.get((f"{name}\u3000{number}行", "cells", k), cell) for k, cell in enumerate(row))
            for number, row in enumerate(new.rows, 1)
        )
        return replace(new, title=title, rows=rows)
    fields = []
    for field_ in new.fields:
        label = f"{name}\u3000{field_.number}"
        groups = []
        for group in field_.groups:
            where = f"{field_.number}{group.number or ''}"
            rows_ = []
            for row in group.rows:
                row_name = f"{name}\u3000{where}{row.label}"
                cells = [
                    texts.get((row_name, "row", k), cell)
                    for k, cell in enumerate((row.label, row.item, row.text, *row.roles))
                ]
                rows_.append(Row(row.label, cells[1], cells[2], tuple(cells[3:])))
            group_title = (
                texts.get((f"{name}\u3000{where}", "group", 1), group.title) if group.title else group.title
            )
            groups.append(Group(group.number, group_title, tuple(rows_)))
        fields.append(
            AppendixField(field_.number, texts.get((label, "field", 1), field_.title), tuple(groups))
        )
    return replace(new, title=title, fields=tuple(fields))
