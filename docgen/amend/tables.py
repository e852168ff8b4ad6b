"""The 改め文 of a 別表: amended in place while little of it changes, re-enacted whole past that.

In place, as drafters amend a table:

- a phrase that occurs once in the whole 別表 (or changes alike wherever it occurs, as a role's wording in
  every row) is quoted in the 別表: 「別表中「循環型社会構築」を「循環型社会の構築」に改める。」;
- any other phrase is located by the row's own labels as the table prints them (its field, sub-field and
  row: 1, (1), ア): 「別表3の項(1)オ中「A」を「B」に改める。」, the phrase unique in the row;
- a field's or sub-field's title by its labels: 「別表3の項(1)中「強化に係る」を「充実に係る」に改める。」,
  the phrase unique in that sub-field, or the title's whole line with its label where its rows repeat
  it: 「別表1の項中「1　圏域全体の経済成長のけん引」を「1　圏域全体の経済成長の推進」に改める。」;
- rows deleted and added in one sub-field, in one sentence: the rows deleted first, the rows kept
  relabelled (those moving up from the front, those moving down from the back, so that each label is free
  when a row is moved to it), then the rows added after the row before them, with the rows printed after
  the sentence: 「別表1の項イを削り、同表1の項ウを同表1の項イとし、同表1の項エを同表1の項ウとし、
  同表1の項ウの次に次のように加える。」; at the head of a sub-field, before the row after them, by its new
  label (as 「第1号を第2号とし、同号の前に次の1号を加える」): 「…同表1の項アを同表1の項イとし、
  同表1の項イの前に次のように加える。」; rows added at two or more places, each run in a sentence of its
  own after the sentence that relabels (a sentence brings one block of rows): 「別表1の項ウを同表1の項エとし、
  …同表1の項イの前に次のように加える。」 then 「別表1の項エの次に次のように加える。」;
- the heading of the 取組 column by that column, named by its heading as the table prints it (as fee
  tables are amended 「使用料の欄中」): 「別表の取組の欄中「取組」を「連携する取組」に改める。」;
- of several 別表, each by its name, with 「の」 before a field's number (「別表第31の項」 would misread):
  「別表第3の1の項イ中「充実」を「向上」に改める。」;
- a table of text (``text.Table``): a row by its first cell as printed (「別表第2のイの項中…」), deleted
  by it (「別表第2のオの項を削る。」), rows added after or before the row it names
  (「別表第2のオの項の次に次のように加える。」, the rows' cells printed after the sentence); rows whose first
  cells are ordinals (ア, イ…) relabelled as 表の項 with ordinal names are moved, from the back as 条 are, in
  the sentence that deletes or adds: 「別表第2のオの項を同表のカの項とし、同表のウの項の次に次のように
  加える。」.

The whole 別表 is printed anew (「別表を次のように改める。」) when its parties' columns change, its
heading's phrase is in its rows' 取組 too, a field or a sub-field is added or removed, the changes that
need a clause of their own (located, added or deleted) are more than ``WHOLE_SHARE`` of its rows (see
there why), and when docgen's own applier does not read the sentences back to the new 別表.
"""

from __future__ import annotations

from dataclasses import replace

from docgen.amend.appendix_edit import column_texts, row_texts
from docgen.amend.apply import apply
from docgen.amend.diff import AppendixChange, AppendixPart, PartChange, appendix_parts, pair_appendix_parts
from docgen.amend.kaibun import Clause, Sentence, join, phrase_clauses
from docgen.amend.phrases import Edit, Phrase, edit
from docgen.amend.text import Appendix, Row, Table, Version
from docgen.base.errors import AmendmentCheckError, AmendmentError
from docgen.base.ja import KANA_LABELS
from docgen.base.patterns import regex

WHOLE_SHARE = 1 / 2
"""The share of a 別表's rows that may need a sentence of their own before it is re-enacted whole.

Counted: each phrase quoted in the whole 別表 (a phrase changed alike at every place counts once), each row
located for its phrases, each row added or deleted (the rows relabelled with them are not counted: their
clauses are short and follow from the rows added or deleted). Why a half: each of them costs a clause or a
sentence that names it (and, added, prints it), and the reader of the amendment checks each against the
table; a 別表 re-enacted whole is read once. Past half of the rows the sentences and the rows printed after
them are about as long as the table itself, so 「別表を次のように改める。」 is as short and easier to check;
below it the sentences are shorter and say exactly what changes, which is why drafters amend tables in place.
No fixed rule of 法制執務 sets the line (表 have few strict rules of amendment: 「別表は法制執務上厳格な改正の
ルールがあるわけではありません」, lawinfo.joureikun.jp/faq/?p=562): it is docgen's, kept in this one place.
A single change is always made in place (``_too_much``): its one sentence is shorter than any table printed
anew, even a table of one row."""


def _too_much(own: int, rows: int) -> bool:
    return own > 1 and own > WHOLE_SHARE * rows


_PLACE = regex(r"^(?P<field>\d+)(?P<group>\(\d+\))?(?P<row>.*)$")


def appendix_sentences(change: AppendixChange) -> list[Sentence]:
    whole = [Sentence(f"{change.name}を次のように改める。", appendix=change.new)]
    try:
        if change.whole or not isinstance(change.old, Appendix) or not isinstance(change.new, Appendix):
            found = _table_of_text(change)
            return found if found is not None and _gives(change, found) else whole
        found = _in_place(change)
    except AmendmentError:  # a cell whose 「」 do not pair up has no phrase to quote: printed anew
        return whole
    if found is None or not _gives(change, found):
        return whole
    return found


def _table_of_text(change: AppendixChange) -> list[Sentence] | None:
    """A table of text: phrases unique in the whole 別表 quoted in it, other phrases located by the
    row's first cell as the table prints it (「別表第2のアの項中」), rows deleted by it
    (「別表第2のイの項を削る。」), rows added after or before a row it names; rows whose first cells are
    ordinals (ア, イ…, 1, 2…) relabelled where rows are added or deleted before them, as 表の項 with
    ordinal names are moved (「別表第2のウの項を同表のエの項とし」); a change of kind prints it anew."""
    old = change.old
    if change.whole or not isinstance(old, Table) or not isinstance(change.new, Table):
        return None
    names = [row[0] if row else "" for row in old.rows]
    anywhere: list[Edit] = []
    located: list[tuple[str, list[Edit]]] = []
    deleted: list[str] = []
    added: list[AppendixPart] = []
    moved: list[tuple[str, str]] = []  # rows relabelled only: (old first cell, new first cell)
    for part in change.parts:
        if part.old is not None and part.new is None and _row_name(part.old, names):
            deleted.append(part.old.cells[0])
            continue
        if part.old is None and part.new is not None and part.new.kind == "cells":
            added.append(part.new)
            continue
        if part.old is None or part.new is None:
            return None
        if _relabelled(part.old, part.new) and _row_name(part.old, names):
            moved.append((part.old.cells[0], part.new.cells[0]))
            continue
        edits = [e for e in part.edits if e.phrases]
        if not edits:
            continue
        if _unique_in_table(change, edits):
            anywhere += edits
        elif _row_name(part.old, names) and part.old.cells[0] == part.new.cells[0]:
            located.append((part.old.cells[0], edits))
        else:
            return None
    if not _unique_in_table(change, anywhere):
        return None
    pairs = {(p.old, p.new) for e in anywhere for p in e.phrases}
    if _too_much(len(pairs) + len(located) + len(deleted) + len(added), len(old.rows) - old.header_rows):
        return None
    adding = _cells_clauses(change, added) if added else []
    if adding is None:
        return None
    found: list[Sentence] = []
    if anywhere:
        found.append(Sentence(join(phrase_clauses(change.name, *anywhere))))
    for name, edits in located:
        found.append(Sentence(join(phrase_clauses(_row_place(change.name, name), *edits))))
    # the rows deleted, then those moving up (from the front) and down (from the back), so that each name
    # is free when a row is moved to it, then the first rows added: one sentence; each further place of
    # rows added a sentence of its own (a sentence brings one block of rows)
    up = sorted((m for m in moved if _rank(m[1]) < _rank(m[0])), key=lambda m: _rank(m[0]))
    down = sorted((m for m in moved if _rank(m[1]) > _rank(m[0])), key=lambda m: -_rank(m[0]))
    clauses: list[Clause] = []
    for name in deleted:
        clauses.append((f"{_row_place('同表' if clauses else change.name, name)}を", "削る"))
    for before, after in [*up, *down]:
        clauses.append(
            (f"{_row_place('同表' if clauses else change.name, before)}を同表の{after}の項", "とする")
        )
    for clause, cells in adding:
        if clauses:
            clause = (
                clause[0].replace(change.name + ("の" if change.name[-1].isdigit() else ""), "同表の", 1),
                clause[1],
            )
        found.append(Sentence(join([*clauses, clause]), cells=cells))
        clauses = []
    if clauses:
        found.append(Sentence(join(clauses)))
    return found


def _rank(name: str) -> int:
    return KANA_LABELS.index(name) if name in KANA_LABELS else int(name)


def _relabelled(old: AppendixPart, new: AppendixPart) -> bool:
    """A row of a table of text whose first cell, an ordinal (ア, イ… or 1, 2…), alone changes."""

    def ordinal(name: str) -> bool:
        return name in KANA_LABELS or (name.isascii() and name.isdigit())

    return (
        old.kind == new.kind == "cells"
        and len(old.cells) == len(new.cells) > 1
        and old.cells[1:] == new.cells[1:]
        and old.cells[0] != new.cells[0]
        and ordinal(old.cells[0])
        and ordinal(new.cells[0])
        and (old.cells[0] in KANA_LABELS) == (new.cells[0] in KANA_LABELS)
    )


def _cells_clauses(
    change: AppendixChange, added: list[AppendixPart]
) -> list[tuple[Clause, tuple[tuple[str, ...], ...]]] | None:
    """Rows added to a table of text, run by run: each after the row before it (before the row after it
    at the head of its rows), named by its first cell as the table prints it then, 「別表第2のオの項の次に
    次のように加える」, with the rows printed after its sentence."""
    new = change.new
    assert isinstance(new, Table)
    at = sorted(int(part.label.rsplit("\u3000", 1)[1].removesuffix("行")) - 1 for part in added)
    if at[0] < new.header_rows:
        return None  # among the headers
    runs: list[list[int]] = []
    for k in at:
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    names = [row[0] if row else "" for k, row in enumerate(new.rows) if k not in at]
    found: list[tuple[Clause, tuple[tuple[str, ...], ...]]] = []
    for run in runs:
        after = run[-1] + 1
        if run[0] > new.header_rows or after >= len(new.rows):
            anchor, side = new.rows[run[0] - 1], "次"
        else:
            anchor, side = new.rows[after], "前"
        if run[0] - 1 in at and side == "次" or not _row_name(AppendixPart("cells", "", anchor), names):
            return None
        clause = (f"{_row_place(change.name, anchor[0])}の{side}に次のように", "加える")
        found.append((clause, tuple(new.rows[k] for k in run)))
    return found


def _row_place(table: str, name: str) -> str:
    """「別表アの項」, 「別表第2のアの項」 (の apart from the 別表's number), 「同表のイの項」 (as 表の項 are
    cited: 「別表第一の四の項を同表の五の項とし」)."""
    return f"{table}{'の' if table[-1].isdigit() or table == '同表' else ''}{name}の項"


def _row_name(part: AppendixPart, names: list[str]) -> bool:
    """A row of a table of text that its first cell names: the only one that cell begins, and a name a
    sentence can hold (no 「」, 、 or 。)."""
    name = part.cells[0] if part.kind == "cells" and part.cells else ""
    return bool(name) and names.count(name) == 1 and not set(name) & set("「」、。")


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
    return _unique_in(change.old.texts(), edits)


def _unique_in(texts: tuple[str, ...] | list[str], edits: list[Edit]) -> bool:
    planned: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for change in edits:
        for phrase in change.phrases:
            planned.setdefault(phrase.old, set()).add(phrase.new)
            counts[phrase.old] = counts.get(phrase.old, 0) + 1
    for old, news in planned.items():
        if len(news) != 1:
            return False
        found = sum(_count(text, old) for text in texts)
        # nor in any phrase put in: the quotes are applied one after another, and 「教育」を「福祉」に、
        # 「福祉」を「観光」に would make the 福祉 just put in 観光
        if found != counts[old] or any(old in new for put in planned.values() for new in put):
            return False
    return True


def _column_edit(appendix: Appendix, part: PartChange) -> Edit | None:
    """The heading of the 取組 column changed, quoted in that column named by its heading as the table
    prints it (「別表の取組の欄中」, as fee tables are amended 「使用料の欄中」): the phrase found in the
    column (the heading and each row's 取組) only in its heading; None when the parties' columns change
    too or the phrase is in a row."""
    assert part.old is not None and part.new is not None
    heading = part.old.cells[0]
    if part.old.cells[1:] != part.new.cells[1:] or not heading or set(heading) & set("「」、。"):
        return None
    texts = column_texts(appendix, heading)
    found = edit(heading, part.new.cells[0], elsewhere=texts[1:])
    if not found.phrases or any(sum(_count(t, p.old) for t in texts) != 1 for p in found.phrases):
        return None
    return found


def _title_edit(appendix: Appendix, part: PartChange) -> Edit | None:
    """A field's or sub-field's changed title, quoted in that field or sub-field (「別表1の項中」): a phrase
    found there only where it changes, widened up to the title's whole line with its label (「1　…」,
    as the table prints it) where the title's words occur in its rows too; None when even that is not
    unique."""
    assert part.old is not None and part.new is not None
    where = _PLACE.match(part.old.label.split("\u3000", 1)[1])
    if part.old.kind not in ("field", "group") or where is None:
        return None
    try:
        texts = row_texts(appendix, where.group("field"), where.group("group") or "", "")
    except LookupError:
        return None
    label = f"{part.old.cells[0]}\u3000"
    if not texts or texts[0] != label + part.old.cells[1]:
        return None
    found = edit(texts[0], label + part.new.cells[1], elsewhere=texts[1:])
    if any(phrase.old_start < len(label) for phrase in found.phrases):  # 「　圏域…」: the whole line
        found = Edit(found.old, found.new, (Phrase(found.old, found.new, 0, 0),))
    if not found.phrases or not _unique_in(texts, [found]):
        return None
    return found


def title_quote(change: AppendixChange, part: PartChange) -> Edit | None:
    """What the 改め文 quote of a field's or sub-field's changed title where they locate it by its labels
    (「別表1の項中「1　圏域全体の経済成長のけん引」を…」), as an edit of its line 「1　title」; None where its
    phrases are quoted in the 別表 as a whole (or it is no title, or not located so). The 新旧対照表
    underlines exactly this."""
    if part.old is None or part.new is None or part.old.kind not in ("field", "group"):
        return None
    if not isinstance(change.old, Appendix):
        return None
    edits = _part_edits(part)
    if not edits or _unique_in_table(change, edits):
        return None
    return _title_edit(change.old, part)


def _count(text: str, phrase: str) -> int:
    return sum(1 for k in range(len(text)) if text.startswith(phrase, k))


def _place(name: str, part: AppendixPart, same: bool = False) -> str:
    """「別表1の項ウ」, 「別表3の項(1)オ」, 「別表第2の1の項ウ」 (「同表…」 after the first); a field
    「別表1の項」, a sub-field 「別表3の項(1)」."""
    where = _PLACE.match(part.label.split("\u3000", 1)[1])
    assert where is not None, part.label
    # 「別表第2の1の項」: の keeps the 別表's number apart from the field's (「別表第21の項」 misreads)
    table = "同表" if same else name + ("の" if name[-1].isdigit() else "")
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
    located: list[tuple[AppendixPart, list[Edit]]] = []
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
        if part.old.kind == "header" and not _unique_in_table(change, _part_edits(part)):
            heading = _column_edit(old, part)  # by its column: 「別表の取組の欄中「取組」を「事業」に」
            if heading is None:
                return None
            located.append((part.old, [heading]))
            continue
        edits = _part_edits(part)
        if not edits:
            continue  # relabelled only: said by the renumbering of its sub-field
        if _unique_in_table(change, edits):
            anywhere += edits
        elif part.old.kind == "row":
            located.append((part.old, _part_edits(part)))
        elif (title := _title_edit(old, part)) is not None:
            located.append((part.old, [title]))  # by the labels of its field or sub-field: 「別表1の項中」
        else:
            return None
    if not _unique_in_table(change, anywhere):
        return None  # phrases unique one by one, not together
    rows = sum(len(g.rows) for f in old.fields for g in f.groups)
    pairs = {(p.old, p.new) for e in anywhere for p in e.phrases}  # a phrase changed alike: once
    own = len(pairs) + len(located) + sum(map(len, added.values())) + sum(map(len, deleted.values()))
    if _too_much(own, rows):
        return None
    # in the table's order; a sub-field's rows added or deleted after the phrases located in its rows,
    # which name the rows by the labels they had before
    parts = appendix_parts(old, change.name)
    labels = [part.label for part in parts]
    ordered: list[tuple[int, Sentence]] = []
    for part, edits in located:
        if part.kind == "header":
            place = f"{change.name}の{part.cells[0]}の欄"
            ordered.append((0, Sentence(join(phrase_clauses(place, *edits)))))
            continue
        ordered.append(
            (labels.index(part.label), Sentence(join(phrase_clauses(_place(change.name, part), *edits))))
        )
    for group in set(added) | set(deleted):
        sentences = _rows_sentence(change, group, added.get(group, []), deleted.get(group, []))
        if sentences is None:
            return None
        last = max(k for k, part in enumerate(parts) if part.kind == "row" and _group(part) == group)
        ordered += [(last, sentence) for sentence in sentences]
    found = [Sentence(join(phrase_clauses(change.name, *anywhere)))] if anywhere else []
    return found + [sentence for _, sentence in sorted(ordered, key=lambda pair: pair[0])]


def _shape(appendix: Appendix) -> list[tuple[str, list[str | None]]]:
    return [(f.number, [g.number for g in f.groups]) for f in appendix.fields]


def _rows_sentence(
    change: AppendixChange, group: str, added: list[AppendixPart], deleted: list[AppendixPart]
) -> list[Sentence] | None:
    """The rows of one sub-field deleted and added, and the rows kept relabelled between: deleted first,
    rows moving up relabelled from the front, rows moving down from the back (each label is free when a
    row is moved to it), then the rows added after the row before them, or before the row after them when
    they head the sub-field (as 「第1号を第2号とし、同号の前に次の1号を加える」)."""
    kept = [
        (a, b)
        for a, b in pair_appendix_parts(change.old, change.new, change.name)
        if a.kind == "row" and _group(a) == group
    ]

    def rank(label: str) -> int:
        return KANA_LABELS.index(label) if label in KANA_LABELS else -1

    moved = [(a, b) for a, b in kept if a.cells[0] != b.cells[0]]
    if any(rank(a.cells[0]) < 0 or rank(b.cells[0]) < 0 for a, b in moved):
        return None  # labels whose order docgen does not know
    up = [(a, b) for a, b in moved if rank(b.cells[0]) < rank(a.cells[0])]
    down = [(a, b) for a, b in reversed(moved) if rank(b.cells[0]) > rank(a.cells[0])]
    clauses: list[Clause] = []

    def place(part: AppendixPart) -> str:
        return _place(change.name, part, same=bool(clauses))

    for part in deleted:
        clauses.append((f"{place(part)}を", "削る"))
    for a, b in [*up, *down]:
        clauses.append((f"{place(a)}を{_place(change.name, b, same=True)}", "とする"))
    if not added:
        return [Sentence(join(clauses))]
    new_rows = _rows_of(change.new, group)
    labels = [row.label for row in new_rows]
    fresh = {p.cells[0] for p in added}
    # the rows added, in runs: each run after the kept row before it, or before the row after it at the head
    runs: list[list[int]] = []
    for k, label in enumerate(labels):
        if label in fresh:
            if runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            else:
                runs.append([k])
    sentences: list[Sentence] = []
    assert isinstance(change.new, Appendix)
    for run in runs:
        if run[0]:
            where = next((b for _, b in kept if b.cells[0] == labels[run[0] - 1]), None)
            side = "次"
        else:
            after = labels[run[-1] + 1] if run[-1] + 1 < len(labels) else None
            where = next((b for _, b in kept if b.cells[0] == after), None)
            side = "前"
        if where is None:
            return None
        # the first run ends the sentence that relabels; each further run, with its rows printed after it,
        # is a sentence of its own (a sentence brings one block of rows), naming the 別表 anew
        clauses.append((f"{place(where)}の{side}に次のように", "加える"))
        rows = tuple(new_rows[k] for k in run)
        sentences.append(Sentence(join(clauses), rows=rows, rows_heading=change.new.heading))
        clauses = []
    return sentences


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
