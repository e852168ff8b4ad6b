"""References to renumbered articles and 項 in text the author did not touch (ハネ改正).

When an article is added before 第3条, 「別表（第3条関係）」 and 「第3条に規定する」 elsewhere still mean the
article that is now 第4条, and 「次条」 in 第2条 now names the new article instead; when a 項 is added before
第2項, the old 第2項's 「前項」 names the new 項. An author who edits the articles rarely edits every such
reference; ``follow_renumbering`` brings them up to date in the new text so that the amendment lists them
(「第2条中「次条」を「第4条」に改める。」). Every reference ``denote`` reads is followed: 第N条, 前条, 次条,
前2条, 前各条, 同条, 第N項, 前項, 次項, 前各項, 同項, 第N条第M項. What a reference names in the old text is
carried over to the new one through the articles and 項 paired (``match_articles``, and 項 by their text); a
reference whose words are unchanged and that now names something else is stale. 同条 and 同項 are stale only
when what they repeat is not itself brought up to date to the same provision.

Only references in text that is the same in both versions are followed: a reference the author wrote or
changed is taken as meant. References to laws (「地方自治法第252条の2」,
「（昭和22年法律第67号）第252条」) are not the agreement's and are left alone.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, replace

from docgen.amend.align import align
from docgen.amend.diff import match_articles, pair_appendix_parts
from docgen.amend.text import (
    AnyAppendix,
    AppendixField,
    Article,
    Group,
    Row,
    Table,
    Version,
    appendix_name,
    article_number,
)
from docgen.base.denote import Reference, Target, reading, references


@dataclass(frozen=True)
class Stale:
    """A reference in text the author left as it was that no longer names what it named: in ``provision``
    (第2条, 第5条第3項, 別表, 前文 as numbered in the new text), ``written`` (次条, 第3条, 前項) now names
    another provision or, if ``meant`` is None, what it named is gone; ``meant`` is how that is named now
    (第4条, 前条, 第1項), ``key`` the id of the article it names if it names one whole article that has one;
    ``paragraph``: it names 項 (which have no id to refer to them by)."""

    provision: str
    written: str
    meant: str | None
    key: str | None
    paragraph: bool = False


Where = "tuple[int, int | None] | None"  # (article, 項) indices from 0 of a text; None outside the articles
Visit = Callable[[str, str, "tuple[int, int | None] | None", "tuple[int, int | None] | None", str], str]
Pairs = list[tuple[int | None, int | None]]  # the articles paired as by ``match_articles``


@dataclass(frozen=True)
class _Map:
    """Where each article and 項 of the old version is in the new one, and both versions' shapes."""

    articles: dict[int, int]
    paragraphs: dict[tuple[int, int], int]
    old_shape: tuple[int, ...]
    new_shape: tuple[int, ...]

    def target(self, target: Target) -> Target | None:
        article, paragraph = target
        moved = self.articles.get(article)
        if moved is None:
            return None
        if paragraph is None:
            return (moved, None)
        found = self.paragraphs.get((article, paragraph))
        return None if found is None else (moved, found)


def follow_renumbering(old: Version, new: Version) -> Version:
    """``new`` with the references to articles and 項 that moved brought to how they are numbered now, where
    the text around them is unchanged from ``old``."""
    pairs = match_articles(old.articles, new.articles)
    moves = _map(old, new, pairs)

    def follow(before: str, after: str, was: Where, where: Where, provision: str) -> str:
        found = _stale(before, after, was, where, moves)
        for reference, meant, _ in sorted(found, key=lambda f: -f[0].start):
            if meant is not None:
                after = after[: reference.start] + meant + after[reference.end :]
        return after

    return _walk(old, new, pairs, follow)


def stale_references(old: Version, new: Version) -> list[Stale]:
    """The references of ``new`` that ``follow_renumbering`` would change, and those whose article or 項 is
    gone: where docgen prints the text as written (``{{ ref.x }}`` follows by itself; a literal 第3条, 次条
    or 前項 does not), each is worth a word to the author."""
    pairs = match_articles(old.articles, new.articles)
    moves = _map(old, new, pairs)
    found: list[Stale] = []

    def record(before: str, after: str, was: Where, where: Where, provision: str) -> str:
        for reference, meant, wanted in _stale(before, after, was, where, moves):
            paragraph = any(p is not None for _, p in wanted)
            key = new.articles[next(iter(wanted))[0]].key if len(wanted) == 1 and not paragraph else None
            found.append(Stale(provision, reference.written, meant, key if meant else None, paragraph))
        return after

    _walk(old, new, pairs, record)
    return found


def _map(old: Version, new: Version, pairs: Pairs) -> _Map:
    articles = {i: j for i, j in pairs if i is not None and j is not None}
    paragraphs: dict[tuple[int, int], int] = {}
    for i, j in articles.items():
        for a, b in _paragraph_pairs(old.articles[i], new.articles[j]):
            if a is not None and b is not None:
                paragraphs[(i, a)] = b
    return _Map(
        articles,
        paragraphs,
        tuple(len(a.paragraphs) for a in old.articles),
        tuple(len(a.paragraphs) for a in new.articles),
    )


def _paragraph_pairs(old: Article, new: Article) -> list[tuple[int | None, int | None]]:
    """The 項 of an article in two versions paired: equal ones first, the others by their likeness (as
    ``diff`` pairs them)."""
    before = tuple("\n".join(old.texts(k)) for k in range(len(old.paragraphs)))
    after = tuple("\n".join(new.texts(k)) for k in range(len(new.paragraphs)))
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    equal = [(a + k, b + k) for a, b, size in matcher.get_matching_blocks() for k in range(size)]
    return align(before, after, anchors=equal, text=str, by_likeness=True)


def _twin(reference: Reference, blocks: list[difflib.Match], olds: dict[int, Reference]) -> Reference | None:
    """The reference of the old text that ``reference`` is, where the text around it is unchanged."""
    for block in blocks:
        if block.b <= reference.start and reference.end <= block.b + block.size:
            twin = olds.get(block.a + reference.start - block.b)
            if twin is not None and twin.written == reference.written:
                return twin
    return None


def _stale(
    before: str, after: str, was: Where, where: Where, moves: _Map
) -> list[tuple[Reference, str | None, frozenset[Target]]]:
    """The references in ``after`` that read as in ``before`` and name something else now: each with how it
    should read (None when what it named is gone) and what it should name."""
    blocks = difflib.SequenceMatcher(None, before, after, autojunk=False).get_matching_blocks()
    olds = {r.start: r for r in references(before, was, moves.old_shape)}
    found: list[tuple[Reference, str | None, frozenset[Target]]] = []
    fixed: dict[int, frozenset[Target]] = {}  # a reference's index in the new text → what it is brought to
    for index, reference in enumerate(references(after, where, moves.new_shape)):
        twin = _twin(reference, blocks, olds)
        if twin is None or not twin.targets:
            continue  # the author wrote it, or it named nothing of the agreement before
        mapped = [moves.target(target) for target in twin.targets]
        wanted = frozenset(t for t in mapped if t is not None)
        if len(wanted) < len(mapped):
            found.append((reference, None, wanted))
            continue
        if wanted == reference.targets:
            continue
        again = reference.antecedent
        if reference.repeats and again is not None and fixed.get(again) == wanted:
            continue  # 同条 repeats a reference that is brought to the same article: it stays right
        fixed[index] = wanted
        found.append((reference, reading(wanted, where, reference.relative, _article_name), wanted))
    return found


def _article_name(index: int) -> str:
    return article_number(index + 1)


def _walk(old: Version, new: Version, pairs: Pairs, visit: Visit) -> Version:
    """``new`` with each of its texts that has a counterpart in ``old`` passed through ``visit(before,
    after, (article, 項) of it in old, the same in new (None outside the articles), provision)``;
    ``pairs``: the articles paired as by ``match_articles``."""
    articles = list(new.articles)
    for i, j in pairs:
        if i is None or j is None:
            continue
        a, b = old.articles[i], new.articles[j]
        name = article_number(j + 1)
        caption = b.caption
        if a.caption and b.caption:
            caption = visit(a.caption, b.caption, (i, None), (j, None), f"{name}の見出し")
        paragraphs = list(b.paragraphs)
        items = [list(found) for found in b.items]
        for x, y in _paragraph_pairs(a, b):
            if x is None or y is None:
                continue
            where = f"{name}第{y + 1}項" if len(b.paragraphs) > 1 else name
            paragraphs[y] = visit(a.paragraphs[x], b.paragraphs[y], (i, x), (j, y), where)
            # items are paired by position: an item added in front leaves the others unequal, and nothing in
            # them is followed
            for n, item in enumerate(items[y][: len(a.items[x])]):
                items[y][n] = replace(item, text=visit(a.items[x][n].text, item.text, (i, x), (j, y), where))
        articles[j] = replace(
            b, caption=caption, paragraphs=tuple(paragraphs), items=tuple(tuple(found) for found in items)
        )
    appendices = list(new.appendices)
    if len(old.appendices) == len(new.appendices):
        for index, (before, after) in enumerate(zip(old.appendices, new.appendices, strict=True)):
            table = appendix_name(index, len(new.appendices))
            appendices[index] = _follow_appendix(
                before, after, table, lambda x, y, table=table: visit(x, y, None, None, table)
            )
    return Version(
        title=visit(old.title, new.title, None, None, "題名"),
        preamble=visit(old.preamble, new.preamble, None, None, "前文"),
        articles=tuple(articles),
        appendices=tuple(appendices),
    )


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
