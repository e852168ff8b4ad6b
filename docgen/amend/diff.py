"""Two versions of an agreement → what changed, provision by provision.

Articles are the same article in both versions when they have the same ``key`` (the id given in YAML); an
article without one is matched by its caption, then by position (see ``align``). An article whose key moved
against the others is removed at its old place and added at its new one. A removed article directly followed
by an added one at the same place is one article ``replaced`` (printed anew: 「第3条を次のように改める。」).

A 項 is compared with its items (号): the changes of its own text and of each item's text are quoted in the
項 as a whole (「第5条第2項中」, or 「第5条中」 for an article of one 項), which in legal citation holds its
号; items added, removed or labelled otherwise make the article printed anew.

Each 別表 is compared part by part (its title, the header, each field's and sub-field's title, each row, or
each row of a table of text), each changed cell's phrases unique in its part; ``tables`` chooses how the
改め文 amend it. A 別表 added or removed is refused (``AmendmentError``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from itertools import zip_longest
from typing import Literal

from docgen.amend.align import align
from docgen.amend.phrases import Edit, edit
from docgen.amend.text import AnyAppendix, Article, Item, Table, Version, appendix_name, article_number
from docgen.base.errors import AmendmentError
from docgen.base.i18n import _

Kind = Literal["same", "inserted", "deleted", "replaced"]


@dataclass(frozen=True)
class ParagraphChange:
    """One 項 in the old and the new article (numbers from 1; None where it was added or removed)."""

    old_number: int | None
    new_number: int | None
    edit: Edit | None  # its own text, both present and different
    items: tuple[Edit | None, ...] = ()  # its items' texts, when both have the same items (levels, labels)
    restructured: bool = False  # items added, removed or labelled otherwise: no phrase can say so

    @property
    def edits(self) -> tuple[Edit, ...]:
        """The changes of its texts in reading order (its own, then its items'), each quotable in the 項
        as the ones before it have left it."""
        return tuple(e for e in (self.edit, *self.items) if e is not None)

    @property
    def changed(self) -> bool:
        return bool(self.edits) or self.restructured or None in (self.old_number, self.new_number)


@dataclass(frozen=True)
class ArticleChange:
    """One article of the old or the new version (or both), in reading order."""

    kind: Kind
    old_number: int | None  # its position in the old version, 1 = 第1条
    new_number: int | None
    old: Article | None
    new: Article | None
    caption: Edit | None = None  # both captions present and different
    paragraphs: tuple[ParagraphChange, ...] = ()  # for "same": the 項 paired
    moved: bool = False  # deleted here and inserted elsewhere: its key is on both sides, out of order

    @property
    def caption_changed(self) -> bool:
        return (
            self.kind == "same"
            and self.old is not None
            and self.new is not None
            and (self.old.caption != self.new.caption)
        )

    @property
    def text_changed(self) -> bool:
        return any(p.changed for p in self.paragraphs)

    @property
    def changed(self) -> bool:
        """Its printed text differs, its number aside."""
        return self.kind != "same" or self.caption_changed or self.text_changed

    @property
    def renumbered(self) -> bool:
        return self.kind == "same" and self.old_number != self.new_number

    @property
    def label(self) -> str:
        """「（連絡会議）\\n第5条」: caption and number in the new version, or the old one if removed."""
        article, number = (self.new, self.new_number) if self.new is not None else (self.old, self.old_number)
        assert article is not None and number is not None
        heading = f"（{article.caption}）\n" if article.caption else ""
        return heading + article_number(number)


@dataclass(frozen=True)
class AppendixPart:
    """A printed part of a 別表. ``cells``: the title; the header (heading and party labels); a field's or
    sub-field's number and title; a row's label, item, text and roles; a row of a table of text."""

    kind: Literal["title", "header", "field", "group", "row", "cells"]
    label: str  # 別表, 別表　1, 別表　3(1), 別表　3(1)オ, 別表第2　2行
    cells: tuple[str, ...]


@dataclass(frozen=True)
class PartChange:
    old: AppendixPart | None
    new: AppendixPart | None
    edits: tuple[Edit, ...] = ()  # per cell, when both are present


@dataclass(frozen=True)
class AppendixChange:
    """One 別表 that changed (``index`` from 0, ``name`` 別表 or 別表第2 as the 改め文 name it)."""

    index: int
    name: str
    old: AnyAppendix
    new: AnyAppendix
    parts: tuple[PartChange, ...]  # the changed parts, in reading order
    whole: bool  # of another kind: only replaced whole; else ``tables`` chooses how to amend it
    title: Edit | None = None  # unused; kept for callers of the first model


@dataclass(frozen=True)
class Changes:
    old: Version
    new: Version
    title: Edit | None
    preamble: Edit | None
    articles: tuple[ArticleChange, ...]  # every article, changed or not, in reading order
    appendices: tuple[AppendixChange, ...]  # the 別表 that changed, in order

    @property
    def empty(self) -> bool:
        return (
            self.title is None
            and self.preamble is None
            and not self.appendices
            and not any(a.changed or a.renumbered for a in self.articles)
        )


def changes(old: Version, new: Version) -> Changes:
    """What turns ``old`` into ``new``, provision by provision."""
    if bool(old.preamble) != bool(new.preamble):
        raise AmendmentError(
            _(
                "the preamble is added or removed: docgen writes no 改め文 for that, write this amendment by "
                "hand"
            )
        )
    return Changes(
        old=old,
        new=new,
        title=_edit(old.title, new.title),
        preamble=_edit(old.preamble, new.preamble),
        articles=_articles(old.articles, new.articles),
        appendices=_appendices(old.appendices, new.appendices),
    )


def _edit(old: str, new: str, elsewhere: tuple[str, ...] = ()) -> Edit | None:
    return edit(old, new, elsewhere=elsewhere) if old != new else None


def _article_text(article: Article) -> str:
    return "\n".join([article.caption or "", *article.all_texts()])


def match_articles(old: tuple[Article, ...], new: tuple[Article, ...]) -> list[tuple[int | None, int | None]]:
    """The articles paired (indices from 0): by key, then by caption, then by position or likeness."""
    new_keys = {a.key: j for j, a in enumerate(new) if a.key is not None}
    anchors = [(i, new_keys[a.key]) for i, a in enumerate(old) if a.key is not None and a.key in new_keys]
    taken_old, taken_new = {i for i, _ in anchors}, {j for _, j in anchors}

    def keyless(a: Article, b: Article) -> bool:
        # two articles that both have an id are the same only if the ids are
        return a.key is None or b.key is None

    old_captions = _unique_captions(old, taken_old)
    new_captions = _unique_captions(new, taken_new)
    for caption, i in old_captions.items():
        j = new_captions.get(caption)
        if j is not None and keyless(old[i], new[j]):
            anchors.append((i, j))
    return align(old, new, anchors=anchors, text=_article_text, may_pair=keyless)


def _unique_captions(articles: tuple[Article, ...], taken: set[int]) -> dict[str, int]:
    seen: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        if index not in taken and article.caption:
            seen.setdefault(article.caption, []).append(index)
    return {caption: found[0] for caption, found in seen.items() if len(found) == 1}


def _articles(old: tuple[Article, ...], new: tuple[Article, ...]) -> tuple[ArticleChange, ...]:
    result: list[ArticleChange] = []
    pairs = match_articles(old, new)
    both = {a.key for a in old if a.key is not None} & {a.key for a in new if a.key is not None}
    at = 0
    while at < len(pairs):
        i, j = pairs[at]
        if i is not None and j is not None:
            result.append(_same(i, j, old[i], new[j]))
            at += 1
            continue
        # a run of removed articles directly followed by added ones: the first of each replaced in place
        removed = []
        while at < len(pairs) and pairs[at][1] is None:
            removed.append(pairs[at][0])
            at += 1
        added = []
        while at < len(pairs) and pairs[at][0] is None:
            added.append(pairs[at][1])
            at += 1
        for a, b in zip(removed, added, strict=False):  # the shorter run is all replaced
            result.append(ArticleChange("replaced", a + 1, b + 1, old[a], new[b]))
        for a in removed[len(added) :]:
            result.append(ArticleChange("deleted", a + 1, None, old[a], None, moved=old[a].key in both))
        for b in added[len(removed) :]:
            result.append(ArticleChange("inserted", None, b + 1, None, new[b], moved=new[b].key in both))
    return tuple(result)


def _same(i: int, j: int, old: Article, new: Article) -> ArticleChange:
    caption = _edit(old.caption, new.caption) if old.caption and new.caption else None
    old_units = tuple("\n".join(old.texts(k)) for k in range(len(old.paragraphs)))
    new_units = tuple("\n".join(new.texts(k)) for k in range(len(new.paragraphs)))
    pairs = align(
        old_units, new_units, anchors=_equal_pairs(old_units, new_units), text=str, by_likeness=True
    )
    paragraphs = tuple(
        _paragraph(old, new, a, b)
        if a is not None and b is not None
        else ParagraphChange(None if a is None else a + 1, None if b is None else b + 1, None)
        for a, b in pairs
    )
    return ArticleChange("same", i + 1, j + 1, old, new, caption, paragraphs)


def _shape(items: tuple[Item, ...]) -> list[tuple[int, str]]:
    return [(item.level, item.label) for item in items]


def _paragraph(old: Article, new: Article, a: int, b: int) -> ParagraphChange:
    """The 項 ``a`` of ``old`` and ``b`` of ``new`` (from 0): the changes of its own text and of each item's
    text, each phrase unique in the whole 項 at its turn (the texts before it already changed, those after
    it not yet)."""
    if _shape(old.items[a]) != _shape(new.items[b]):
        return ParagraphChange(a + 1, b + 1, None, restructured=True)
    before, after = old.texts(a), new.texts(b)
    edits = [
        _edit(x, y, (*after[:k], *before[k + 1 :]))
        for k, (x, y) in enumerate(zip(before, after, strict=True))
    ]
    return ParagraphChange(a + 1, b + 1, edits[0], tuple(edits[1:]))


def _equal_pairs(old: tuple[str, ...], new: tuple[str, ...]) -> list[tuple[int, int]]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(a + k, b + k) for a, b, size in matcher.get_matching_blocks() for k in range(size)]


# --- the 別表 ----------------------------------------------------------------------------------------------


def appendix_parts(appendix: AnyAppendix, name: str = "別表") -> list[AppendixPart]:
    """The printed parts of a 別表 in reading order; ``name`` as the 改め文 call it (別表, 別表第2)."""
    parts = [AppendixPart("title", name, (appendix.title,))]
    if isinstance(appendix, Table):
        parts += [
            AppendixPart("cells", f"{name}\u3000{number}行", row)
            for number, row in enumerate(appendix.rows, 1)
        ]
        return parts
    parts.append(AppendixPart("header", name, (appendix.heading, *appendix.parties)))
    for field_ in appendix.fields:
        parts.append(AppendixPart("field", f"{name}\u3000{field_.number}", (field_.number, field_.title)))
        for group in field_.groups:
            where = f"{field_.number}{group.number or ''}"
            if group.number or group.title:
                parts.append(
                    AppendixPart("group", f"{name}\u3000{where}", (group.number or "", group.title or ""))
                )
            for row in group.rows:
                parts.append(
                    AppendixPart(
                        "row", f"{name}\u3000{where}{row.label}", (row.label, row.item, row.text, *row.roles)
                    )
                )
    return parts


def _part_text(part: AppendixPart) -> str:
    # the label is left out: a row that moves down keeps its identity though its ア becomes イ
    cells = part.cells[1:] if part.kind not in ("title", "cells") else part.cells
    return part.kind + "\n" + "\n".join(cells)


def pair_appendix_parts(
    old: AnyAppendix, new: AnyAppendix, name: str = "別表"
) -> list[tuple[AppendixPart, AppendixPart]]:
    """The parts of two 別表 that are the same part (equal, or alike and of one kind)."""
    return [
        (a, b)
        for a, b in _aligned_parts(appendix_parts(old, name), appendix_parts(new, name))
        if a is not None and b is not None
    ]


def _aligned_parts(
    old_parts: list[AppendixPart], new_parts: list[AppendixPart]
) -> list[tuple[AppendixPart | None, AppendixPart | None]]:
    old_texts, new_texts = [_part_text(p) for p in old_parts], [_part_text(p) for p in new_parts]
    pairs = align(
        old_parts,
        new_parts,
        anchors=_equal_pairs(tuple(old_texts), tuple(new_texts)),
        text=_part_text,
        may_pair=lambda a, b: a.kind == b.kind,
    )
    return [(None if a is None else old_parts[a], None if b is None else new_parts[b]) for a, b in pairs]


def _appendices(old: tuple[AnyAppendix, ...], new: tuple[AnyAppendix, ...]) -> tuple[AppendixChange, ...]:
    if len(old) != len(new):
        if old and new:
            message = _(
                "a 別表 is added or removed: docgen writes no 改め文 for that, write this amendment by hand"
            )
        else:
            message = _(
                "the 別表 is added or removed: docgen writes no 改め文 for that, write this amendment by hand"
            )
        raise AmendmentError(message)
    found = (
        _appendix(index, appendix_name(index, len(new)), a, b)
        for index, (a, b) in enumerate(zip(old, new, strict=True))
    )
    return tuple(change for change in found if change is not None)


def _appendix(index: int, name: str, old: AnyAppendix, new: AnyAppendix) -> AppendixChange | None:
    if old == new:
        return None
    changed: list[PartChange] = []
    for before, after in _aligned_parts(appendix_parts(old, name), appendix_parts(new, name)):
        if before is not None and after is not None:
            if before.cells != after.cells:
                # a party more or fewer gives a row more or fewer roles; each phrase unique in its part (a
                # row: 「別表1の項ウ中」 names the row), so that a 改め文 can quote what the table underlines
                pairs = list(zip_longest(before.cells, after.cells, fillvalue=""))
                edits = tuple(
                    edit(x, y, elsewhere=tuple(c for k, (c, _) in enumerate(pairs) if k != at))
                    for at, (x, y) in enumerate(pairs)
                )
                changed.append(PartChange(before, after, edits))
        else:
            changed.append(PartChange(before, after))
    # no 改め文 but 「別表を次のように改める。」 says a change of kind (取組 and roles ↔ a table of text)
    whole = type(old) is not type(new) or (isinstance(old, Table) and old.header_rows != new.header_rows)
    return AppendixChange(index, name, old, new, tuple(changed), whole, None)
