"""Changes → the rows of the 新旧対照表.

Two columns, 変更後 | 変更前 (``new_left=False`` puts the old text on the left), one row per changed
provision: the title, the preamble, an article with its caption and number, a part of the 別表 (its title, a
field's or sub-field's title, a row). What changed is underlined (傍線): in a provision the 改め文 quote,
exactly the quoted phrases; a number that changed (繰下げ, 繰上げ); an added provision wholly, on the new
side, with nothing on the old side, and a removed one the other way round. In what the 改め文 print anew (an
article rewritten, the 別表) the phrases that differ are underlined, found the same way as quoted ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .diff import AppendixChange, ArticleChange, Changes, PartChange
from .phrases import Edit
from .text import Article, article_number

NOTE = "（傍線部分は変更部分）"


class Segment(NamedTuple):
    text: str
    underlined: bool


Side = tuple[Segment, ...]


@dataclass(frozen=True)
class ComparisonRow:
    label: str  # 題名, 前文, （連絡会議）\n第5条, 別表, 別表　3(1)オ
    left: Side
    right: Side


@dataclass(frozen=True)
class Comparison:
    headers: tuple[str, str]  # ("変更後", "変更前") with the new text on the left
    rows: tuple[ComparisonRow, ...]
    note: str = NOTE


class _Side:
    """Text of one column, built piece by piece; adjacent pieces alike in underlining become one segment."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []

    def add(self, text: str, underlined: bool = False) -> _Side:
        if not text:
            return self
        if self.segments and self.segments[-1].underlined == underlined:
            self.segments[-1] = Segment(self.segments[-1].text + text, underlined)
        else:
            self.segments.append(Segment(text, underlined))
        return self

    def marked(self, text: str, spans: Iterable[tuple[int, int]]) -> _Side:
        """``text`` with the (start, length) spans underlined."""
        at = 0
        for start, length in sorted(spans):
            if length:
                self.add(text[at:start]).add(text[start : start + length], True)
                at = start + length
        return self.add(text[at:])

    def done(self) -> Side:
        return tuple(self.segments)


def _spans(change: Edit | None, side: str) -> list[tuple[int, int]]:
    if change is None:
        return []
    if side == "new":
        return [(p.new_start, len(p.new)) for p in change.phrases]
    return [(p.old_start, len(p.old)) for p in change.phrases]


def comparison(changes: Changes, *, new_left: bool = True) -> Comparison:
    """The 新旧対照表 of ``changes``: 変更後 on the left unless ``new_left`` is False."""
    rows: list[tuple[str, Side, Side]] = []  # label, new side, old side
    for label, change in (("題名", changes.title), ("前文", changes.preamble)):
        if change is not None:
            rows.append(
                (
                    label,
                    _Side().marked(change.new, _spans(change, "new")).done(),
                    _Side().marked(change.old, _spans(change, "old")).done(),
                )
            )
    rows += [_article_row(a) for a in changes.articles if a.changed or a.renumbered]
    if changes.appendix is not None:
        rows += [_part_row(part, changes.appendix) for part in changes.appendix.parts]
    return Comparison(
        headers=("変更後", "変更前") if new_left else ("変更前", "変更後"),
        rows=tuple(
            ComparisonRow(label, *((new, old) if new_left else (old, new))) for label, new, old in rows
        ),
    )


def _article_row(change: ArticleChange) -> tuple[str, Side, Side]:
    if change.kind != "same":  # inserted, deleted or printed anew in another's place: wholly underlined
        return (
            change.label,
            _whole_article(change.new, change.new_number),
            _whole_article(change.old, change.old_number),
        )
    old, new = change.old, change.new
    assert old is not None and new is not None and change.old_number and change.new_number
    sides = {}
    for side, article, number in (("new", new, change.new_number), ("old", old, change.old_number)):
        out = _Side()
        if article.caption:
            if change.caption is not None and not change.caption.whole:
                out.add("（").marked(article.caption, _spans(change.caption, side)).add("）")
            else:  # added, removed or replaced whole: quoted with its （）
                out.add(f"（{article.caption}）", change.caption_changed)
            out.add("\n")
        out.add(article_number(number), change.renumbered).add("\u3000")
        for paragraph in change.paragraphs:
            k = paragraph.new_number if side == "new" else paragraph.old_number
            if k is None:
                continue
            other = paragraph.old_number if side == "new" else paragraph.new_number
            text = article.paragraphs[k - 1]
            if k > 1:
                out.add("\n").add(str(k), other != k).add("\u3000", other is None)
            if other is None:
                out.add(text, True)
            else:
                out.marked(text, _spans(paragraph.edit, side))
        sides[side] = out.done()
    return change.label, sides["new"], sides["old"]


def _whole_article(article: Article | None, number: int | None) -> Side:
    if article is None or number is None:
        return ()
    out = _Side()
    if article.caption:
        out.add(f"（{article.caption}）\n", True)
    out.add(f"{article_number(number)}\u3000{article.paragraphs[0]}", True)
    for k, text in enumerate(article.paragraphs[1:], 2):
        out.add("\n").add(f"{k}\u3000{text}", True)
    return out.done()


def _part_row(change: PartChange, appendix: AppendixChange) -> tuple[str, Side, Side]:
    part = change.new or change.old
    assert part is not None
    sides = []
    for cells, parties, side in (
        (change.new.cells if change.new else None, appendix.new.parties, "new"),
        (change.old.cells if change.old else None, appendix.old.parties, "old"),
    ):
        if cells is None:
            sides.append(())
            continue
        edits: Sequence[Edit | None] = change.edits or [None] * len(cells)
        whole = change.new is None or change.old is None
        sides.append(_part_side(part.kind, cells, parties, edits, side, whole))
    return part.label, sides[0], sides[1]


def _part_side(
    kind: str,
    cells: tuple[str, ...],
    parties: tuple[str, ...],
    edits: Sequence[Edit | None],
    side: str,
    whole: bool,
) -> Side:
    """A part of the 別表 as lines: 「ア　item」, its text, 「甲の役割　…」 for each party."""
    out = _Side()

    def cell(index: int) -> None:
        text = cells[index]
        change = edits[index] if index < len(edits) else None
        if whole:
            out.add(text, True)
        else:
            out.marked(text, _spans(change, side))

    if kind == "title":
        cell(0)
    elif kind == "header":
        cell(0)
        for index, party in enumerate(parties, 1):
            out.add("\n").add(
                f"{party}の役割", whole or (edits[index] is not None and bool(edits[index].phrases))
            )
    elif kind in ("field", "group"):
        cell(0)
        out.add("\u3000")
        cell(1)
    else:
        cell(0)
        out.add("\u3000")
        cell(1)
        out.add("\n")
        cell(2)
        for index in range(3, len(cells)):
            out.add("\n")
            label = parties[index - 3] if index - 3 < len(parties) else ""
            out.add(f"{label}の役割\u3000", whole)
            cell(index)
    return out.done()
