"""Changes → the rows of the 新旧対照表.

Two columns, 変更後 | 変更前 (``new_left=False`` puts the old text on the left), one row per changed
provision: the title, the preamble, an article with its caption, number, 項 and 号, a part of a 別表 (its
title, its header, a field's or sub-field's title, a row). Each side is a list of lines as the agreement
prints them (a 見出し, 「第5条　…」, 「2　…」, 「(1)　…」), each line a list of segments, underlined or not.

What changed is underlined (傍線): in a provision the 改め文 quote, exactly the quoted phrases; a number that
changed (繰下げ, 繰上げ); an added provision wholly, on the new side, with nothing on the old side, and a
removed one the other way round. In what the 改め文 print anew (an article rewritten, a 別表) the phrases that
differ are underlined, found the same way as quoted ones; an item added or removed there is underlined whole.
A part of a 別表 is preceded by the lines that say where it is (the 別表's title, its field and sub-field),
not underlined, where the row before it on that side did not show them already.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from docgen.amend.diff import AppendixChange, AppendixPart, ArticleChange, Changes, PartChange, appendix_parts
from docgen.amend.phrases import Edit
from docgen.amend.tables import title_quote
from docgen.amend.text import AnyAppendix, Article, Item, Table, article_number

NOTE = "（傍線部分は変更部分）"
NEW_MARK = "（新設）"
"""What the old side of a provision added says, as most municipalities' tables print it."""
DELETED_MARK = "（削る）"
"""What the new side of a provision deleted says."""

LineKind = Literal["title", "preamble", "caption", "article", "paragraph", "item", "heading", "cells", "row"]


class Segment(NamedTuple):
    text: str
    underlined: bool


class Line(NamedTuple):
    """One printed line: what it is (a 見出し, an article's first line, a later 項, an item of ``level``,
    a heading of a 別表, a row of a table of text), and its segments; or a row of a 別表 of 取組
    (``kind`` "row"), printed as a small table: ``header`` (取組, 内容, 甲の役割, …) over ``cells``, each
    cell's segments."""

    kind: LineKind
    level: int
    segments: tuple[Segment, ...]
    header: tuple[str, ...] = ()
    cells: tuple[tuple[Segment, ...], ...] = ()

    @property
    def text(self) -> str:
        if self.kind == "row":
            return "\t".join("".join(s.text for s in cell) for cell in self.cells)
        return "".join(segment.text for segment in self.segments)


Side = tuple[Line, ...]


@dataclass(frozen=True)
class ComparisonRow:
    label: str  # 題名, 前文, （連絡会議）\n第5条, 別表, 別表　3(1)オ (not printed: the sides begin with it)
    left: Side
    right: Side


@dataclass(frozen=True)
class Comparison:
    headers: tuple[str, str]  # ("変更後", "変更前") with the new text on the left
    rows: tuple[ComparisonRow, ...]
    note: str = NOTE


class _Side:
    """The lines of one column, built piece by piece; adjacent pieces alike in underlining become one
    segment."""

    def __init__(self) -> None:
        self.lines: list[tuple[LineKind, int, list[Segment]] | Line] = []

    def line(self, kind: LineKind, level: int = 0) -> _Side:
        self.lines.append((kind, level, []))
        return self

    def add(self, text: str, underlined: bool = False) -> _Side:
        if not text:
            return self
        last = self.lines[-1]
        assert not isinstance(last, Line)
        segments = last[2]
        if segments and segments[-1].underlined == underlined:
            segments[-1] = Segment(segments[-1].text + text, underlined)
        else:
            segments.append(Segment(text, underlined))
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
        return tuple(
            row if isinstance(row, Line) else Line(row[0], row[1], tuple(row[2])) for row in self.lines
        )


def _spans(change: Edit | None, side: str) -> list[tuple[int, int]]:
    if change is None:
        return []
    if side == "new":
        return [(p.new_start, len(p.new)) for p in change.phrases]
    return [(p.old_start, len(p.old)) for p in change.phrases]


def comparison(changes: Changes, *, new_left: bool = True, marks: bool = True) -> Comparison:
    """The 新旧対照表 of ``changes``: 変更後 on the left unless ``new_left`` is False; the side of a
    provision added or deleted that has no text reads 「（新設）」 or 「（削る）」, or is empty without
    ``marks``."""
    rows: list[tuple[str, Side, Side]] = []  # label, new side, old side
    for label, kind, change in (("題名", "title", changes.title), ("前文", "preamble", changes.preamble)):
        if change is not None:
            rows.append(
                (
                    label,
                    _Side().line(kind).marked(change.new, _spans(change, "new")).done(),
                    _Side().line(kind).marked(change.old, _spans(change, "old")).done(),
                )
            )
    rows += [_article_row(a) for a in changes.articles if a.changed or a.renumbered]
    for appendix in changes.appendices:
        rows += _appendix_rows(appendix, marks)
    if marks:
        rows = [(label, new or _mark(DELETED_MARK), old or _mark(NEW_MARK)) for label, new, old in rows]
    return Comparison(
        headers=("変更後", "変更前") if new_left else ("変更前", "変更後"),
        rows=tuple(
            ComparisonRow(label, *((new, old) if new_left else (old, new))) for label, new, old in rows
        ),
    )


# --- articles ---------------------------------------------------------------------------------------------


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
    for side, article, other_article, number in (
        ("new", new, old, change.new_number),
        ("old", old, new, change.old_number),
    ):
        out = _Side()
        if article.caption:
            out.line("caption")
            if change.caption is not None and not change.caption.whole:
                out.add("（").marked(article.caption, _spans(change.caption, side)).add("）")
            else:  # added, removed or replaced whole: quoted with its （）
                out.add(f"（{article.caption}）", change.caption_changed)
        out.line("article").add(article_number(number), change.renumbered).add("\u3000")
        for paragraph in change.paragraphs:
            k = paragraph.new_number if side == "new" else paragraph.old_number
            if k is None:
                continue
            other = paragraph.old_number if side == "new" else paragraph.new_number
            text = article.paragraphs[k - 1]
            if k > 1:
                label = article.labels[k - 1]
                relabelled = other is None or other_article.labels[other - 1] != label
                out.line("paragraph")
                if label:
                    out.add(label, relabelled).add("\u3000", other is None)
            items = article.items[k - 1]
            if other is None:  # a 項 added or removed, with its items
                out.add(text, True)
                _items(out, items, [True] * len(items))
                continue
            out.marked(text, _spans(paragraph.edit, side))
            if paragraph.restructured:
                _items(out, items, _unmatched(items, other_article.items[other - 1]))
            else:
                for item, item_edit in zip(items, paragraph.items or [None] * len(items), strict=True):
                    out.line("item", item.level).add(f"{item.label}\u3000").marked(
                        item.text, _spans(item_edit, side)
                    )
        sides[side] = out.done()
    return change.label, sides["new"], sides["old"]


def _mark(text: str) -> Side:
    return _Side().line("heading").add(text).done()


def _items(out: _Side, items: Sequence[Item], underlined: Sequence[bool]) -> None:
    for item, mark in zip(items, underlined, strict=True):
        out.line("item", item.level).add(f"{item.label}\u3000{item.text}", mark)


def _unmatched(items: Sequence[Item], others: Sequence[Item]) -> list[bool]:
    """Which of ``items`` have no equal item (level, label and text) in ``others``, in order."""
    matcher = difflib.SequenceMatcher(None, list(items), list(others), autojunk=False)
    marks = [True] * len(items)
    for block in matcher.get_matching_blocks():
        for k in range(block.a, block.a + block.size):
            marks[k] = False
    return marks


def _whole_article(article: Article | None, number: int | None) -> Side:
    if article is None or number is None:
        return ()
    out = _Side()
    if article.caption:
        out.line("caption").add(f"（{article.caption}）", True)
    out.line("article").add(f"{article_number(number)}\u3000{article.paragraphs[0]}", True)
    _items(out, article.items[0], [True] * len(article.items[0]))
    for k in range(1, len(article.paragraphs)):
        label = article.labels[k]
        out.line("paragraph").add(f"{label}\u3000" if label else "", True).add(article.paragraphs[k], True)
        _items(out, article.items[k], [True] * len(article.items[k]))
    return out.done()


# --- the 別表 ----------------------------------------------------------------------------------------------


def _contexts(appendix: AnyAppendix, name: str) -> dict[str, list[AppendixPart]]:
    """Each part's label → the parts that say where it is: the 別表's title, its field, its sub-field."""
    found: dict[str, list[AppendixPart]] = {}
    title: list[AppendixPart] = []
    field_: list[AppendixPart] = []
    group: list[AppendixPart] = []
    for part in appendix_parts(appendix, name):
        if part.kind == "title":
            found[part.label + "#title"] = []
            title = [part]
            continue
        if part.kind == "field":
            field_, group = [part], []
            found[part.label] = title
            continue
        if part.kind == "group":
            found[part.label] = title + field_
            group = [part]
            continue
        found[part.label] = title + field_ + group
    return found


def _key(part: AppendixPart) -> str:
    return part.label + "#title" if part.kind == "title" else part.label


def _appendix_rows(change: AppendixChange, marks: bool) -> list[tuple[str, Side, Side]]:
    """The rows of a 別表's changed parts. Each side says where a part is (the 別表's title, its field and
    sub-field) where the row above it on that side did not; the first row of the 別表 says it on both
    sides, so that the title stands once on each side, side by side, even over a row only one side has
    (whose other side reads 「（新設）」 or 「（削る）」)."""
    contexts = {"new": _contexts(change.new, change.name), "old": _contexts(change.old, change.name)}
    parties = {"new": _parties(change.new), "old": _parties(change.old)}
    headings = {"new": getattr(change.new, "heading", ""), "old": getattr(change.old, "heading", "")}
    text_headers = {"new": _text_header(change.new), "old": _text_header(change.old)}
    shown: dict[str, list[AppendixPart]] = {"new": [], "old": []}
    rows = []
    for part_change in change.parts:
        present = part_change.new or part_change.old
        assert present is not None
        sides = []
        for side in ("new", "old"):
            part = part_change.new if side == "new" else part_change.old
            if part is None and (shown[side] or not marks):
                sides.append(())
                continue
            out = _Side()
            context = _context(contexts, side, _key(part or present))
            before = shown[side]
            for depth, heading in enumerate(context):
                if depth < len(before) and before[depth] == heading:
                    continue
                out.line("heading").add(_heading(heading))
            if part is None:  # the first row of the 別表, only on the other side
                shown[side] = list(context)
                out.line("heading").add(NEW_MARK if side == "old" else DELETED_MARK)
                sides.append(out.done())
                continue
            shown[side] = [*context, part] if part.kind in ("title", "field", "group") else list(context)
            header = text_headers[side]
            if part.kind != "cells" or len(header) != len(part.cells) or part.cells == header:
                header = ()  # the header row itself, or a row of other cells: printed as a line
            quote = title_quote(change, part_change)
            _part(out, part, part_change, parties[side], side, headings[side], quote, header)
            sides.append(out.done())
        rows.append((present.label, sides[0], sides[1]))
    return rows


def _context(contexts: dict[str, dict[str, list[AppendixPart]]], side: str, key: str) -> list[AppendixPart]:
    """What says where a part is on ``side``; for a part only the other side has (a row added at the end
    of a table of text), this side's parts of the same labels, so that the 別表's title stands over its
    「（新設）」 or 「（削る）」."""
    if key in contexts[side]:
        return contexts[side][key]
    other = contexts["old" if side == "new" else "new"].get(key, [])
    mine = {_key(part): part for parts in contexts[side].values() for part in parts}
    return [mine.get(_key(part), part) for part in other]


def _text_header(appendix: AnyAppendix) -> tuple[str, ...]:
    """The header row of a table of text that its changed rows are shown under (its last, if several)."""
    if (
        not isinstance(appendix, Table)
        or not appendix.header_rows
        or len(appendix.rows) < appendix.header_rows
    ):
        return ()
    return appendix.rows[appendix.header_rows - 1]


def _parties(appendix: AnyAppendix) -> tuple[str, ...]:
    return getattr(appendix, "parties", ())


def _heading(part: AppendixPart) -> str:
    if part.kind == "title":
        return part.cells[0]
    return "\u3000".join(cell for cell in part.cells if cell)


def _part(
    out: _Side,
    part: AppendixPart,
    change: PartChange,
    parties: tuple[str, ...],
    side: str,
    heading: str = "",
    title: Edit | None = None,
    text_header: tuple[str, ...] = (),
) -> None:
    """A part of a 別表 as lines: its title; 「取組」 and 「甲の役割」 …; 「3　title」; 「ア　item」, its text
    and 「甲の役割　…」 for each party; a row of a table of text with its cells side by side. ``title``: what
    the 改め文 quote of a field's or sub-field's title located by its labels, underlined as quoted;
    ``text_header``: the header row of a table of text, over a row of it shown as a table."""
    cells = part.cells
    edits: Sequence[Edit | None] = change.edits or [None] * len(cells)
    whole = change.new is None or change.old is None

    def cell(index: int) -> None:
        text = cells[index]
        if whole:
            out.add(text, True)
        else:
            out.marked(text, _spans(edits[index] if index < len(edits) else None, side))

    if part.kind == "title":
        out.line("heading")
        cell(0)
    elif part.kind == "header":
        # the header row of 取組 as the 別表 prints it, a table row of its own: 取組, 内容, 甲の役割, …
        one = _Side()
        saved, out.lines = out.lines, one.line("cells").lines
        cell(0)
        out.lines = saved
        found = [tuple(one.done()[0].segments), (Segment("内容", whole),)]
        for index, party in enumerate(parties, 1):
            changed = whole or (
                index < len(edits) and edits[index] is not None and bool(edits[index].phrases)
            )
            found.append((Segment(f"{party}の役割", changed),))
        out.lines.append(Line("row", 0, (), (), tuple(found)))
    elif part.kind in ("field", "group") and title is not None:
        out.line("heading").marked(f"{cells[0]}\u3000{cells[1]}", _spans(title, side))
    elif part.kind in ("field", "group"):
        out.line("heading")
        cell(0)
        out.add("\u3000", whole)
        cell(1)
    elif part.kind == "cells" and text_header:
        # a row of a table of text as a table of its own under the table's header row, as a 別表's row
        found = []
        for index in range(len(cells)):
            one = _Side()
            saved, out.lines = out.lines, one.line("cells").lines
            cell(index)
            out.lines = saved
            found.append(tuple(one.done()[0].segments))
        out.lines.append(Line("row", 0, (), text_header, tuple(found)))
    elif part.kind == "cells":
        out.line("cells")
        for index in range(len(cells)):
            if index:
                out.add("\u3000", whole)
            cell(index)
    else:
        # a row of 取組 as the 別表 prints it: a table of its own, its header over its cells
        row = _Side()
        row.line("cells")
        before = len(out.lines)
        out.lines, saved = row.lines, out.lines
        cell(0)
        out.add("\u3000", whole)
        cell(1)
        for index in range(2, len(cells)):
            out.line("cells")
            cell(index)
        found = [tuple(line[2]) for line in out.lines if not isinstance(line, Line)]
        out.lines = saved
        assert len(out.lines) == before
        header = (heading or "取組", "内容", *(f"{label}の役割" for label in parties[: len(cells) - 3]))
        out.lines.append(Line("row", 0, (), header, tuple(found)))
