"""Two versions of an agreement → what changed, provision by provision.

Articles are the same article in both versions when they have the same ``key`` (the id given in YAML); an
article without one is matched by its caption, then by position (see ``align``). An article whose key moved
against the others is removed at its old place and added at its new one. A removed article directly followed
by an added one at the same place is one article ``replaced`` (printed anew: 「第3条を次のように改める。」).

The 別表 is compared part by part (its title, the header, each field's and sub-field's title, each row) for
the 新旧対照表; the 改め文 replaces it whole when anything but its title changed, as is common for tables.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from itertools import zip_longest
from typing import Literal

from ..errors import AmendmentError
from .align import align
from .phrases import Edit, edit
from .text import Appendix, Article, Version, article_number

Kind = Literal["same", "inserted", "deleted", "replaced"]


@dataclass(frozen=True)
class ParagraphChange:
    """One 項 in the old and the new article (numbers from 1; None where it was added or removed)."""

    old_number: int | None
    new_number: int | None
    edit: Edit | None  # both present and different


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
        return any(p.edit is not None or None in (p.old_number, p.new_number) for p in self.paragraphs)

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
    """A printed part of the 別表. ``cells``: the title; the header (heading and party labels); a field's or
    sub-field's number and title; a row's label, item, text and roles."""

    kind: Literal["title", "header", "field", "group", "row"]
    label: str  # 別表, 別表　1, 別表　3(1), 別表　3(1)オ
    cells: tuple[str, ...]


@dataclass(frozen=True)
class PartChange:
    old: AppendixPart | None
    new: AppendixPart | None
    edits: tuple[Edit, ...] = ()  # per cell, when both are present


@dataclass(frozen=True)
class AppendixChange:
    old: Appendix
    new: Appendix
    parts: tuple[PartChange, ...]  # the changed parts, in reading order
    whole: bool  # replaced whole; else only the title changed, quoted as 「別表中「A」を「B」に改める。」
    title: Edit | None  # the title's change, its phrases unique in the whole 別表


@dataclass(frozen=True)
class Changes:
    old: Version
    new: Version
    title: Edit | None
    preamble: Edit | None
    articles: tuple[ArticleChange, ...]  # every article, changed or not, in reading order
    appendix: AppendixChange | None

    @property
    def empty(self) -> bool:
        return (
            self.title is None
            and self.preamble is None
            and self.appendix is None
            and not any(a.changed or a.renumbered for a in self.articles)
        )


def changes(old: Version, new: Version) -> Changes:
    """What turns ``old`` into ``new``, provision by provision."""
    return Changes(
        old=old,
        new=new,
        title=_edit(old.title, new.title),
        preamble=_edit(old.preamble, new.preamble),
        articles=_articles(old.articles, new.articles),
        appendix=_appendix(old.appendix, new.appendix),
    )


def _edit(old: str, new: str, elsewhere: tuple[str, ...] = ()) -> Edit | None:
    return edit(old, new, elsewhere=elsewhere) if old != new else None


def _article_text(article: Article) -> str:
    return "\n".join([article.caption or "", *article.paragraphs])


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
    pairs = align(
        old.paragraphs, new.paragraphs, anchors=_equal_pairs(old.paragraphs, new.paragraphs), text=str
    )
    paragraphs = tuple(
        ParagraphChange(
            None if a is None else a + 1,
            None if b is None else b + 1,
            _edit(old.paragraphs[a], new.paragraphs[b]) if a is not None and b is not None else None,
        )
        for a, b in pairs
    )
    return ArticleChange("same", i + 1, j + 1, old, new, caption, paragraphs)


def _equal_pairs(old: tuple[str, ...], new: tuple[str, ...]) -> list[tuple[int, int]]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(a + k, b + k) for a, b, size in matcher.get_matching_blocks() for k in range(size)]


# --- the 別表 ----------------------------------------------------------------------------------------------


def appendix_parts(appendix: Appendix) -> list[AppendixPart]:
    parts = [
        AppendixPart("title", "別表", (appendix.title,)),
        AppendixPart("header", "別表", (appendix.heading, *appendix.parties)),
    ]
    for field_ in appendix.fields:
        parts.append(AppendixPart("field", f"別表\u3000{field_.number}", (field_.number, field_.title)))
        for group in field_.groups:
            where = f"{field_.number}{group.number or ''}"
            if group.number or group.title:
                parts.append(
                    AppendixPart("group", f"別表\u3000{where}", (group.number or "", group.title or ""))
                )
            for row in group.rows:
                parts.append(
                    AppendixPart(
                        "row", f"別表\u3000{where}{row.label}", (row.label, row.item, row.text, *row.roles)
                    )
                )
    return parts


def _part_text(part: AppendixPart) -> str:
    # the label is left out: a row that moves down keeps its identity though its ア becomes イ
    return part.kind + "\n" + "\n".join(part.cells[1:] if part.kind != "title" else part.cells)


def pair_appendix_parts(old: Appendix, new: Appendix) -> list[tuple[AppendixPart, AppendixPart]]:
    """The parts of two 別表 that are the same part (equal, or alike and of one kind)."""
    return [
        (a, b)
        for a, b in _aligned_parts(appendix_parts(old), appendix_parts(new))
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


def _appendix(old: Appendix | None, new: Appendix | None) -> AppendixChange | None:
    if old == new:
        return None
    if old is None or new is None:
        raise AmendmentError(
            "the 別表 is added or removed: docgen writes no 改め文 for that, write this amendment by hand"
        )
    changed: list[PartChange] = []
    for before, after in _aligned_parts(appendix_parts(old), appendix_parts(new)):
        if before is not None and after is not None:
            if before.cells != after.cells:
                # a party more or fewer gives a row more or fewer roles
                edits = tuple(edit(x, y) for x, y in zip_longest(before.cells, after.cells, fillvalue=""))
                changed.append(PartChange(before, after, edits))
        else:
            changed.append(PartChange(before, after))
    whole = any(change.old is None or change.new is None or change.old.kind != "title" for change in changed)
    title = None
    if not whole:
        others = tuple(old.texts())[1:]  # the title is the first text
        title = edit(old.title, new.title, elsewhere=others)
        changed = [PartChange(changed[0].old, changed[0].new, (title,))]
    return AppendixChange(old, new, tuple(changed), whole, title)
