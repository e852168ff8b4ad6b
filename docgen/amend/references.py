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
from dataclasses import replace

from .diff import match_articles, pair_appendix_parts
from .text import AnyAppendix, AppendixField, Group, Row, Table, Version, appendix_name, article_number

# 第N条 of this agreement: not after a law's name or number (法, 令, 規則, 条例, 要綱, …）) and not a branch
# article (第252条の2), which agreements don't have
_ABSOLUTE = re.compile(r"(?<![法令則例綱）)])第(\d+)条(?!の\d)")
_RELATIVE = re.compile(r"前条|次条")


def follow_renumbering(old: Version, new: Version) -> Version:
    """``new`` with the references to articles that moved brought to their new numbers, where the text around
    them is unchanged from ``old``."""
    pairs = match_articles(old.articles, new.articles)
    moved = {i + 1: j + 1 for i, j in pairs if i is not None and j is not None}

    def follow(before: str, after: str, where: tuple[int, int] | None = None) -> str:
        return _follow(before, after, moved, where)

    articles = list(new.articles)
    for i, j in pairs:
        if i is None or j is None:
            continue
        a, b = old.articles[i], new.articles[j]
        where = (i + 1, j + 1)
        caption = follow(a.caption, b.caption, where) if a.caption and b.caption else b.caption
        paragraphs = list(b.paragraphs)
        items = [list(found) for found in b.items]
        for k, text in enumerate(b.paragraphs):
            # 項 and items are paired by position here: after one added in front the others' text is unequal,
            # and nothing in them is followed
            if k < len(a.paragraphs):
                paragraphs[k] = follow(a.paragraphs[k], text, where)
                for n, item in enumerate(items[k][: len(a.items[k])]):
                    items[k][n] = replace(item, text=follow(a.items[k][n].text, item.text, where))
        articles[j] = replace(
            b, caption=caption, paragraphs=tuple(paragraphs), items=tuple(tuple(found) for found in items)
        )
    appendices = list(new.appendices)
    if len(old.appendices) == len(new.appendices):
        for index, (before, after) in enumerate(zip(old.appendices, new.appendices, strict=True)):
            name = appendix_name(index, len(new.appendices))
            appendices[index] = _follow_appendix(before, after, name, follow)
    return Version(
        title=follow(old.title, new.title),
        preamble=follow(old.preamble, new.preamble),
        articles=tuple(articles),
        appendices=tuple(appendices),
    )


def _follow(before: str, after: str, moved: dict[int, int], where: tuple[int, int] | None) -> str:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    edits: list[tuple[int, int, str]] = []
    for block in matcher.get_matching_blocks():
        for pattern in (_ABSOLUTE, _RELATIVE):
            for match in pattern.finditer(after, block.b, block.b + block.size):
                if match.end() > block.b + block.size:
                    continue
                at = block.a + match.start() - block.b
                twin = pattern.match(before, at)
                if twin is None or twin.group() != match.group():
                    continue  # the old text around it reads differently
                target = _target(match, moved, where)
                if target is not None and target != match.group():
                    edits.append((match.start(), match.end(), target))
    for start, end, text in sorted(edits, reverse=True):
        after = after[:start] + text + after[end:]
    return after


def _target(match: re.Match[str], moved: dict[int, int], where: tuple[int, int] | None) -> str | None:
    """How the reference reads now, or None when its article is gone (left for the author)."""
    if match.re is _ABSOLUTE:
        number = moved.get(int(match.group(1)))
        return None if number is None else article_number(number)
    if where is None:  # 前条 outside an article means nothing here
        return None
    old_number, new_number = where
    number = moved.get(old_number - 1 if match.group() == "前条" else old_number + 1)
    if number is None:
        return None
    if number == new_number - 1:
        return "前条"
    if number == new_number + 1:
        return "次条"
    return article_number(number)


def _follow_appendix(
    old: AnyAppendix, new: AnyAppendix, name: str, follow: Callable[[str, str], str]
) -> AnyAppendix:
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
