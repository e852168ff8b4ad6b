"""The 改め文 of a 別表: amended in place while little of it changes, re-enacted whole past that.

In place, as drafters amend a table:

- a phrase that occurs once in the whole 別表 (or changes alike wherever it occurs, as a role's wording in
  every row) is quoted in the 別表: 「別表中「循環型社会構築」を「循環型社会の構築」に改める。」;
- any other phrase is located by the row's own labels as the table prints them (its field, sub-field and
  row: 1, (1), ア): 「別表3の項(1)オ中「A」を「B」に改める。」, the phrase unique in the row;
- rows added after a row of the same sub-field, the rows after them relabelled from the back:
  「別表1の項オを同表1の項カとし、同表1の項エを同表1の項オとし、同表1の項ウの次に次のように加える。」
  with the rows printed after it; rows deleted, the rows after them relabelled from the front:
  「別表1の項ウを削り、同表1の項エを同表1の項ウとする。」.

The whole 別表 is printed anew (「別表を次のように改める。」) when its header, a field or a sub-field is
added, removed or changed other than by a unique phrase, when rows are added at the head of a sub-field or
added and deleted in one sub-field, when the rows that need a sentence of their own (located, added or
deleted) are more than ``WHOLE_SHARE`` of its rows (see there why), and when docgen's own applier does not
read the sentences back to the new 別表.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docgen.amend.apply import apply
from docgen.amend.diff import AppendixChange, AppendixPart, PartChange, pair_appendix_parts
from docgen.amend.kaibun import Clause, Sentence, join, phrase_clauses
from docgen.amend.phrases import Edit
from docgen.amend.text import Appendix, Row, Version
from docgen.base.errors import AmendmentCheckError, AmendmentError

WHOLE_SHARE = 1 / 2
"""The share of a 別表's rows that may need a sentence of their own before it is re-enacted whole.

Counted: each phrase quoted in the whole 別表 (a phrase changed alike at every place counts once), each row
located for its phrases, each row added or deleted. Why a half: each of them costs a clause or a sentence
that names it (and, added, prints it), and the reader of the amendment checks each against the table; a
別表 re-enacted whole is read once. Past half of the rows the sentences and the rows printed after them are
about as long as the table itself, and reviewers expect 「別表を次のように改める。」 there, as drafting
manuals advise when much of a table changes; below it the sentences are shorter and say exactly what
changes, which is why drafters amend tables in place."""

_PLACE = re.compile(r"^(?P<field>\d+)(?P<group>\(\d+\))?(?P<row>.+)$")


def appendix_sentences(change: AppendixChange) -> list[Sentence]:
    whole = [Sentence(f"{change.name}を次のように改める。", appendix=change.new)]
    try:
        if change.whole or not isinstance(change.old, Appendix) or not isinstance(change.new, Appendix):
            found = _table_of_text(change)
            return found if found is not None else whole
        found = _in_place(change)
    except AmendmentError:  # a cell whose 「」 do not pair up has no phrase to quote: printed anew
        return whole
    if found is None or not _gives(change, found):
        return whole
    return found


def _table_of_text(change: AppendixChange) -> list[Sentence] | None:
    """A table of text, or a change of kind: in place only by phrases unique in the whole 別表."""
    if change.whole or any(p.old is None or p.new is None for p in change.parts):
        return None
    edits = [e for p in change.parts for e in p.edits if e.phrases]
    if not edits or not _unique_in_table(change, edits):
        return None
    found = [Sentence(join(phrase_clauses(change.name, *edits)))]
    return found if _gives(change, found) else None


def _texts(part: AppendixPart) -> tuple[str, ...]:
    """The texts of a part that phrases are quoted from (a row's label is its place, not a phrase)."""
    return part.cells[1:] if part.kind == "row" else part.cells


def _part_edits(part: PartChange) -> list[Edit]:
    assert part.old is not None
    edits = part.edits[1:] if part.old.kind == "row" else part.edits
    return [e for e in edits if e.phrases]


def _unique_in_table(change: AppendixChange, edits: list[Edit]) -> bool:
    """Each phrase occurs in the 別表 only where it changes, and alike at each place: quoting it in the
    別表 as a whole changes exactly those places."""
    texts = change.old.texts()
    planned: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for edit in edits:
        for phrase in edit.phrases:
            planned.setdefault(phrase.old, set()).add(phrase.new)
            counts[phrase.old] = counts.get(phrase.old, 0) + 1
    for old, news in planned.items():
        if len(news) != 1:
            return False
        found = sum(_count(text, old) for text in texts)
        if found != counts[old] or any(old in new for new in news):
            return False
    return True


def _count(text: str, phrase: str) -> int:
    return sum(1 for k in range(len(text)) if text.startswith(phrase, k))


def _place(name: str, part: AppendixPart, same: bool = False) -> str:
    """「別表1の項ウ」, 「別表3の項(1)オ」 (「同表…」 after the first)."""
    where = _PLACE.match(part.label.split("\u3000", 1)[1])
    assert where is not None, part.label
    table = "同表" if same else name
    return f"{table}{where.group('field')}の項{where.group('group') or ''}{where.group('row')}"


def _group(part: AppendixPart) -> str:
    where = _PLACE.match(part.label.split("\u3000", 1)[1])
    assert where is not None
    return where.group("field") + (where.group("group") or "")


def _in_place(change: AppendixChange) -> list[Sentence] | None:
    old, new = change.old, change.new
    assert isinstance(old, Appendix) and isinstance(new, Appendix)
    if _shape(old) != _shape(new):
        return None  # a field or sub-field added or removed
    anywhere: list[Edit] = []
    located: list[PartChange] = []
    added: dict[str, list[AppendixPart]] = {}
    deleted: dict[str, list[AppendixPart]] = {}
    for part in change.parts:
        if part.old is None or part.new is None:
            present = part.new or part.old
            assert present is not None
            if present.kind != "row":
                return None
            (added if part.old is None else deleted).setdefault(_group(present), []).append(present)
            continue
        if part.old.kind == "header":
            return None
        edits = _part_edits(part)
        if not edits:
            continue  # relabelled only: said by the renumbering of its sub-field
        if _unique_in_table(change, edits):
            anywhere += edits
        elif part.old.kind == "row":
            located.append(part)
        else:
            return None
    if not _unique_in_table(change, anywhere):
        return None  # phrases unique one by one, not together
    rows = sum(len(g.rows) for f in old.fields for g in f.groups)
    pairs = {(p.old, p.new) for e in anywhere for p in e.phrases}  # a phrase changed alike: once
    own = len(pairs) + len(located) + sum(map(len, added.values())) + sum(map(len, deleted.values()))
    if own > WHOLE_SHARE * rows:
        return None
    found: list[Sentence] = []
    if anywhere:
        found.append(Sentence(join(phrase_clauses(change.name, *anywhere))))
    for part in located:
        assert part.old is not None
        found.append(Sentence(join(phrase_clauses(_place(change.name, part.old), *_part_edits(part)))))
    for group in sorted(set(added) | set(deleted), key=_group_order):
        sentence = _rows_sentence(change, group, added.get(group, []), deleted.get(group, []))
        if sentence is None:
            return None
        found.append(sentence)
    return found


def _group_order(group: str) -> tuple[int, str]:
    digits = re.match(r"\d+", group)
    return (int(digits.group()) if digits else 0, group)


def _shape(appendix: Appendix) -> list[tuple[str, list[str | None]]]:
    return [(f.number, [g.number for g in f.groups]) for f in appendix.fields]


def _rows_sentence(
    change: AppendixChange, group: str, added: list[AppendixPart], deleted: list[AppendixPart]
) -> Sentence | None:
    """The rows of one sub-field added or deleted, and the rows after them relabelled."""
    if added and deleted:
        return None
    kept = [
        (a, b)
        for a, b in pair_appendix_parts(change.old, change.new, change.name)
        if a.kind == "row" and _group(a) == group
    ]
    moved = [(a, b) for a, b in kept if a.cells[0] != b.cells[0]]
    clauses: list[Clause] = []

    def place(part: AppendixPart) -> str:
        return _place(change.name, part, same=bool(clauses))

    if deleted:
        # front to back: each label is free when a row is moved up to it
        for part in deleted:
            clauses.append((f"{place(part)}を", "削る"))
        for a, b in moved:
            clauses.append((f"{place(a)}を{_place(change.name, b, same=True)}", "とする"))
        return Sentence(join(clauses))
    new_rows = _rows_of(change.new, group)
    labels = [row.label for row in new_rows]
    first = labels.index(added[0].cells[0])
    if first == 0 or [p.cells[0] for p in added] != labels[first : first + len(added)]:
        return None  # at the head of its sub-field, or added at two places
    previous = next((b for _, b in kept if b.cells[0] == labels[first - 1]), None)
    if previous is None:
        return None
    for a, b in reversed(moved):  # from the back: each label is free when a row is moved down to it
        clauses.append((f"{place(a)}を{_place(change.name, b, same=True)}", "とする"))
    clauses.append((f"{place(previous)}の次に次のように", "加える"))
    rows = tuple(row for row in new_rows if row.label in {p.cells[0] for p in added})
    assert isinstance(change.new, Appendix)
    return Sentence(join(clauses), rows=rows, rows_heading=change.new.heading)


def _rows_of(appendix: Appendix, group: str) -> tuple[Row, ...]:
    for field_ in appendix.fields:
        for g in field_.groups:
            if field_.number + (g.number or "") == group:
                return g.rows
    return ()


def _gives(change: AppendixChange, found: list[Sentence]) -> bool:
    """The sentences, read back by docgen's applier, give the new 別表 (else it is re-enacted whole)."""
    number = 1 if change.name == "別表" else int(change.name.removeprefix("別表第"))
    count = 1 if change.name == "別表" else max(number, 2)
    appendices = [change.old] * count
    before = Version("", "", (), tuple(appendices))
    try:
        after = apply(before, found)
    except AmendmentCheckError:
        return False
    return after.appendices[number - 1] == change.new and replace(after, appendices=()) == replace(
        before, appendices=()
    )
