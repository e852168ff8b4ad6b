"""An applier of 改め文 written for the tests, independently of ``docgen.amend.apply``.

It reads each sentence the way a clerk would consolidate an amendment by hand: find the provision the
sentence names, find the quoted phrase there (it must occur exactly once), replace it; move, add and delete
articles by the numbers the sentence gives, each at its turn, and at the end of every sentence the articles
must be numbered 1, 2, 3, … without gaps. The new text a sentence brings is taken from what is printed after
it (``Sentence.articles``, ``.paragraphs``, ``.appendix``), and its printed number must fit. A 項 holds its
items (号): 「第5条第2項中」 finds the phrase in 第2項 or in one of its items, 「第5条中」 anywhere in the
article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from docgen.amend.kaibun import PrintedArticle, Sentence
from docgen.amend.text import Article, Table, Version


def quotes(sentence: str) -> tuple[str, list[str]]:
    """The sentence with each quoted phrase replaced by Q, and the phrases; a phrase may hold 「」 pairs."""
    shape, found, depth, start = "", [], 0, 0
    for at, char in enumerate(sentence):
        if char == "「":
            if depth == 0:
                start = at + 1
            depth += 1
        elif char == "」":
            depth -= 1
            if depth < 0:
                raise ReadError(f"」 without 「 in 「{sentence}」")
            if depth == 0:
                found.append(sentence[start:at])
                shape += "Q"
        elif depth == 0:
            shape += char
    if depth:
        raise ReadError(f"「 without 」 in 「{sentence}」")
    return shape, found


NUMBER = re.compile(r"第(\d+)条")


class ReadError(AssertionError):
    pass


@dataclass
class Entry:
    """An article with the number it has at this moment: each 項 as [label, text, items]."""

    number: int
    key: str | None
    caption: str | None
    paragraphs: list[list]

    # while a sentence moves its 項: each 項 by the number it has at this moment, gaps and all
    moving: dict[int, list] | None = None

    def numbered(self) -> dict[int, list]:
        if self.moving is None:
            return {k: p for k, p in enumerate(self.paragraphs, 1)}
        return self.moving

    def texts(self, paragraph: int | None) -> list[tuple[int, int]]:
        """Where the texts of one 項 (from 1), or of all, are: (項 number, -1 for its text or an item's)."""
        found = self.numbered()
        chosen = sorted(found) if paragraph is None else [paragraph]
        return [(k, n) for k in chosen for n in range(-1, len(found[k][2]))]

    def read(self, at: tuple[int, int]) -> str:
        k, n = at
        found = self.numbered()[k]
        return found[1] if n < 0 else found[2][n].text

    def write(self, at: tuple[int, int], text: str) -> None:
        k, n = at
        found = self.numbered()[k]
        if n < 0:
            found[1] = text
        else:
            found[2][n] = replace(found[2][n], text=text)

    def move(self, moves: list[tuple[int, int]]) -> None:
        if self.moving is None:
            self.moving = self.numbered()
        taken = {before: self.moving.pop(before) for before, _ in moves}
        for before, after in moves:
            assert after not in self.moving and after >= 1, f"第{after}項 is taken"
            self.moving[after] = taken[before]

    def settle(self) -> None:
        """At a sentence's end its 項 run 1, 2, 3, … again, each labelled by its number."""
        if self.moving is None:
            return
        numbers = sorted(self.moving)
        if numbers != list(range(1, len(numbers) + 1)):
            raise ReadError(f"第{self.number}条's 項 are numbered {numbers}")
        self.paragraphs = [["" if k == 1 else str(k), *self.moving[k][1:]] for k in numbers]
        self.moving = None


def this_number(entry: Entry, this: list | None) -> int:
    """The number 同項 has now."""
    found = [k for k, p in entry.numbered().items() if p is this]
    assert found, "同項 before any 項"
    return found[0]


def added_paragraphs(entry: Entry, printed: list, after: int, count: int) -> None:
    """``count`` 項 printed after the sentence, numbered from after + 1."""
    entry.move([])
    assert entry.moving is not None
    for k in range(after + 1, after + count + 1):
        block = printed.pop(0)
        assert block.number == ("" if k == 1 else str(k)), (block.number, k)
        assert k not in entry.moving, f"第{k}項 is taken"
        entry.moving[k] = [block.number, block.text, list(block.items)]


def _entry(number: int, key: str | None, block: PrintedArticle) -> Entry:
    paragraphs = [["", block.text, list(block.items)]]
    paragraphs += [[p.number, p.text, list(p.items)] for p in block.paragraphs]
    return Entry(number, key, block.caption, paragraphs)


class Document:
    def __init__(self, version: Version) -> None:
        self.title = version.title
        self.preamble = version.preamble
        self.entries = [
            Entry(
                n,
                a.key,
                a.caption,
                [[a.labels[k], a.paragraphs[k], list(a.items[k])] for k in range(len(a.paragraphs))],
            )
            for n, a in enumerate(version.articles, 1)
        ]
        self.appendices = list(version.appendices)

    def entry(self, number: int) -> Entry:
        found = [e for e in self.entries if e.number == number]
        if len(found) != 1:
            raise ReadError(f"第{number}条: {len(found)} articles have this number")
        return found[0]

    def version(self) -> Version:
        ordered = sorted(self.entries, key=lambda e: e.number)
        return Version(
            self.title,
            self.preamble,
            tuple(
                Article(
                    e.key,
                    e.caption,
                    tuple(p[1] for p in e.paragraphs),
                    tuple(tuple(p[2]) for p in e.paragraphs),
                    ("", *(p[0] for p in e.paragraphs[1:])),
                )
                for e in ordered
            ),
            tuple(self.appendices),
        )

    def appendix_index(self, name: str) -> int:
        """別表 is the only one; 別表第N one of several."""
        if name == "別表":
            assert len(self.appendices) == 1, name
            return 0
        number = int(name.removeprefix("別表第"))
        assert len(self.appendices) > 1 and 1 <= number <= len(self.appendices), name
        return number - 1


def read(old: Version, sentences: tuple[Sentence, ...] | list[Sentence]) -> Version:
    document = Document(old)
    for sentence in sentences:
        _sentence(document, sentence)
        numbers = sorted(e.number for e in document.entries)
        if numbers != list(range(1, len(numbers) + 1)):
            raise ReadError(f"after 「{sentence.text}」 the articles are {numbers}")
    return document.version()


def _replace_once(texts: list[str], old: str, new: str, where: str) -> list[str]:
    """A quote replaces the phrase wherever it occurs in the provision it names (法制執務: a phrase changed
    at every place is quoted once); it must occur somewhere, and not overlapping itself, where "every place"
    would be unclear."""
    hits = [
        (i, m.start()) for i, text in enumerate(texts) for m in re.finditer(f"(?={re.escape(old)})", text)
    ]
    if not hits:
        raise ReadError(f"「{old}」 is found nowhere in {where}")
    if any(i == j and 0 < b - a < len(old) for (i, a), (j, b) in zip(hits, hits[1:], strict=False)):
        raise ReadError(f"「{old}」 overlaps itself in {where}")
    return [text.replace(old, new) for text in texts]


def _sentence(document: Document, sentence: Sentence) -> None:
    text = sentence.text
    assert text.endswith("。"), text
    shape, quoted = quotes(text)
    shape = shape[:-1]
    blocks = list(sentence.articles)
    paragraphs = list(sentence.paragraphs)
    appendix_used = False
    current: Entry | None = None  # 同条
    this: list | None = None  # 同項: the 項 named or moved last
    provision: tuple[str, Entry | None, int | None] | None = None  # where unnamed phrases go
    row_place: list[tuple[str, tuple[str, str, str]]] = [("", ("", "", ""))]  # the row phrases go to
    table: str | None = None  # what 同表 means
    rows_used = not (sentence.rows or sentence.cells)
    for clause in shape.split("、"):
        # a row of a 別表, named by its labels as the table prints them: 別表1の項ウ, 同表3の項(1)オ,
        # 別表第2の1の項ウ; a field or sub-field 別表1の項, 別表3の項(1); a table of text's row by its first
        # cell: 別表第2のアの項
        if row := _ROW_CLAUSE.fullmatch(clause):
            table = table if row.group("table") == "同表" else row.group("table")
            assert table is not None, clause
            where = _row_place(row, "")
            rest = row.group("rest")
            if rest.startswith("中"):
                provision = ("row", None, None)
                row_place[0] = (table, where)
                if not re.fullmatch(r"中(QをQに(改め|改める)?|Qを(削り|削る))", rest):
                    raise ReadError(f"cannot read 「{clause}」 in 「{text}」")
                old = quoted.pop(0)
                new = quoted.pop(0) if rest.startswith("中QをQ") else ""
                _row_phrase(document, table, where, old, new)
            elif re.fullmatch(r"を(削り|削る)", rest):
                _row_edit(document, table, where, lambda rows, k: rows[:k] + rows[k + 1 :])
            elif target := re.fullmatch(r"を同表の?(\d+)の項(\(\d+\))?([ァ-ヺ]+)と(し|する)", rest):
                assert (target.group(1), target.group(2) or "") == where[:2], clause
                label = target.group(3)
                _row_edit(
                    document,
                    table,
                    where,
                    lambda rows, k, label=label: (*rows[:k], replace(rows[k], label=label), *rows[k + 1 :]),
                )
            elif target := re.fullmatch(r"を同表の([^「」、]+?)の項と(し|する)", rest):
                # a table of text's row whose first cell is an ordinal, moved: its first cell is its name
                assert isinstance(document.appendices[document.appendix_index(table)], Table), clause
                name = target.group(1)
                _row_edit(
                    document,
                    table,
                    where,
                    lambda rows, k, name=name: (*rows[:k], (name, *rows[k][1:]), *rows[k + 1 :]),
                )
            elif side := re.fullmatch(r"の(次|前)に次のように加え(る)?", rest):
                # rows of 取組, or a table of text's rows of cells, printed after the sentence
                of_text = isinstance(document.appendices[document.appendix_index(table)], Table)
                added = sentence.cells if of_text else sentence.rows
                assert added and not rows_used, clause
                rows_used = True
                at = 1 if side.group(1) == "次" else 0  # after the row named, or before it
                _row_edit(
                    document,
                    table,
                    where,
                    lambda rows, k, at=at, added=added: (*rows[: k + at], *added, *rows[k + at :]),
                )
            else:
                raise ReadError(f"cannot read 「{clause}」 in 「{text}」")
            continue
        if (
            provision is not None
            and provision[0] == "row"
            and re.fullmatch(r"QをQに(改め|改める)?|Qを(削り|削る)", clause)
        ):
            old = quoted.pop(0)
            new = quoted.pop(0) if clause.startswith("QをQ") else ""
            _row_phrase(document, row_place[0][0], row_place[0][1], old, new)
            continue
        # a column of 取組 by its heading as printed: 別表の取組の欄中 (its heading, each row's 「ア　item」)
        if column := re.fullmatch(r"(別表(?:第\d+)?)の([^「」、]+?)の欄中(.*)", clause):
            provision = (f"{column.group(1)}|{column.group(2)}の欄", None, None)
            clause = column.group(3)
            old, new = quoted.pop(0), quoted.pop(0)
            assert re.fullmatch(r"QをQに(改め|改める)?", clause), clause
            _phrase(document, provision, old, new)
            continue
        # 項 moved, added and deleted inside an article: 第5条中第3項を第4項とし、第2項を第3項とし、…, or
        # each named in full: 第5条第2項を削り、同条第3項を同条第2項とし、同項の次に次の1項を加え
        owner = r"(?:(第(\d+)条|同条)中?)?"
        if p := re.fullmatch(owner + r"(?:第(\d+)項|(同項))を(?:同条)?第(\d+)項と(し|する)", clause):
            current = document.entry(int(p.group(2))) if p.group(2) else current
            assert current is not None, clause
            before = this_number(current, this) if p.group(4) else int(p.group(3))
            current.move([(before, int(p.group(5)))])
            this = current.numbered()[int(p.group(5))]
            continue
        if p := re.fullmatch(
            owner + r"第(\d+)項(及び|から)第(\d+)項(まで)?を(\d+)項ずつ繰り(下げ|上げ)(る)?", clause
        ):
            current = document.entry(int(p.group(2))) if p.group(2) else current
            assert current is not None, clause
            by = int(p.group(7)) * (1 if p.group(8) == "下げ" else -1)
            current.move([(k, k + by) for k in range(int(p.group(3)), int(p.group(5)) + 1)])
            continue
        if p := re.fullmatch(owner + r"(?:第(\d+)項|(同項))の次に次の(\d+)項を加え(る)?", clause):
            current = document.entry(int(p.group(2))) if p.group(2) else current
            assert current is not None, clause
            after = this_number(current, this) if p.group(4) else int(p.group(3))
            assert after in current.numbered(), clause
            added_paragraphs(current, paragraphs, after, int(p.group(5)))
            continue
        if p := re.fullmatch(
            r"(第(\d+)条|同条)に第1項(?:(及び|から)第(\d+)項(まで)?)?として次の(\d+)項を加え(る)?", clause
        ):
            current = document.entry(int(p.group(2))) if p.group(2) else current
            assert current is not None, clause
            assert int(p.group(6)) == (int(p.group(4)) if p.group(4) else 1), clause
            added_paragraphs(current, paragraphs, 0, int(p.group(6)))
            continue
        # the provision a clause names, if any, and what follows it
        m = re.match(r"^(題名|前文|別表(?:第\d+)?|第(\d+)条|同条)(の見出し|第(\d+)項)?(中)?(.*)$", clause)
        rest = clause
        if m and m.group(5):
            kind = m.group(1)
            if kind.startswith("第") or kind == "同条":
                current = document.entry(int(m.group(2))) if m.group(2) else current
                assert current is not None
                kind = "見出し" if m.group(3) == "の見出し" else "条"
            provision = (kind, current, int(m.group(4)) if m.group(4) else None)
            if m.group(4) and current is not None:
                this = current.numbered()[int(m.group(4))]
            rest = m.group(6)
        if re.fullmatch(r"QをQに(改め|改める)?", rest) or re.fullmatch(r"Qを(削り|削る)", rest):
            old = quoted.pop(0)
            new = quoted.pop(0) if rest.startswith("QをQ") else ""
            assert provision is not None, clause
            _phrase(document, provision, old, new)
            continue
        provision = None
        if m2 := re.fullmatch(r"(第(\d+)条|同条)の見出しをQに改め(る)?", clause):
            current = document.entry(int(m2.group(2))) if m2.group(2) else current
            assert current is not None and current.caption is not None
            current.caption = _caption(quoted.pop(0))
        elif m2 := re.fullmatch(r"(第(\d+)条|同条)に見出しとしてQを付(し|する)", clause):
            current = document.entry(int(m2.group(2))) if m2.group(2) else current
            assert current is not None and current.caption is None
            current.caption = _caption(quoted.pop(0))
        elif m2 := re.fullmatch(r"(第(\d+)条|同条)の見出しを削(り|る)", clause):
            current = document.entry(int(m2.group(2))) if m2.group(2) else current
            assert current is not None and current.caption is not None
            current.caption = None
        elif m2 := re.fullmatch(r"(第(\d+)条|同条)に次の(\d+)項を加え(る)?", clause):
            current = document.entry(int(m2.group(2))) if m2.group(2) else current
            assert current is not None
            for _ in range(int(m2.group(3))):
                block = paragraphs.pop(0)
                assert block.number == str(len(current.paragraphs) + 1), block
                current.paragraphs.append([block.number, block.text, list(block.items)])
        elif m2 := re.fullmatch(
            r"(第(\d+)条|同条)第(\d+)項(?:(及び|から)第(\d+)項(まで)?)?を削(り|る)", clause
        ):
            current = document.entry(int(m2.group(2))) if m2.group(2) else current
            assert current is not None
            first = int(m2.group(3))
            last = int(m2.group(5)) if m2.group(5) else first
            current.move([])
            assert current.moving is not None
            for k in range(first, last + 1):
                del current.moving[k]
        elif m2 := re.fullmatch(r"第(\d+)条を次のように改め(る)?", clause):
            entry = document.entry(int(m2.group(1)))
            block = blocks.pop(0)
            assert block.number == f"第{entry.number}条", block
            entry.caption = block.caption
            entry.paragraphs = _entry(entry.number, entry.key, block).paragraphs
        elif m2 := re.fullmatch(r"(?:第(\d+)条|同条)を第(\d+)条と(し|する)", clause):
            # 同条: the article this sentence named last, by whatever number it has now
            moved = document.entry(int(m2.group(1))) if m2.group(1) else current
            assert moved is not None, clause
            moved.number = int(m2.group(2))
            _no_clash(document, clause)
        elif m2 := re.fullmatch(
            r"第(\d+)条(及び|から)第(\d+)条(まで)?を(\d+)条ずつ繰り(下げ|上げ)(る)?", clause
        ):
            first, last, by = int(m2.group(1)), int(m2.group(3)), int(m2.group(5))
            moving = [document.entry(n) for n in range(first, last + 1)]
            for entry in moving:
                entry.number += by if m2.group(6) == "下げ" else -by
            _no_clash(document, clause)
        elif m2 := re.fullmatch(r"第(\d+)条の次に次の(\d+)条を加え(る)?", clause):
            after, count = int(m2.group(1)), int(m2.group(2))
            document.entry(after)
            for n in range(after + 1, after + count + 1):
                _add(document, blocks.pop(0), n)
        elif m2 := re.fullmatch(r"第1条(?:(及び|から)第(\d+)条(まで)?)?として次の(\d+)条を加え(る)?", clause):
            count = int(m2.group(4))
            assert count == (int(m2.group(2)) if m2.group(2) else 1)
            for n in range(1, count + 1):
                _add(document, blocks.pop(0), n)
        elif m2 := re.fullmatch(r"第(\d+)条(?:(及び|から)第(\d+)条(まで)?)?を削(り|る)", clause):
            first = int(m2.group(1))
            last = int(m2.group(3)) if m2.group(3) else first
            for n in range(first, last + 1):
                document.entries.remove(document.entry(n))
        elif m2 := re.fullmatch(r"(別表(?:第\d+)?)を次のように改め(る)?", clause):
            assert sentence.appendix is not None
            document.appendices[document.appendix_index(m2.group(1))] = sentence.appendix
            appendix_used = True
        else:
            raise ReadError(f"cannot read 「{clause}」 in 「{text}」")
    for entry in document.entries:
        entry.settle()
    assert not quoted and not blocks and not paragraphs and rows_used, text
    assert appendix_used == (sentence.appendix is not None), text
    for appendix in document.appendices:
        for field_ in getattr(appendix, "fields", ()):
            for group in field_.groups:
                labels = [r.label for r in group.rows]
                if len(labels) != len(set(labels)):
                    raise ReadError(f"after 「{text}」 two rows of a 別表 have one label: {labels}")


_ROW_CLAUSE = re.compile(
    r"(?P<table>別表(?:第\d+)?|同表)の?(?:(?P<field>\d+)の項(?P<group>\(\d+\))?(?P<row>[ァ-ヺ]+)?"
    r"|(?P<name>[^「」、]+?)の項)(?P<rest>(?:中|を|の次に|の前に).*)"
)


def _row_place(match: re.Match[str], _: str) -> tuple[str, str, str]:
    return match.group("field") or match.group("name"), match.group("group") or "", match.group("row") or ""


def _row_edit(document: Document, table: str, where: tuple[str, str, str], change) -> None:
    """The rows of the sub-field ``where`` names, changed by ``change(rows, index of the row named)``; of a
    table of text, its rows, at the one whose first cell ``where`` names."""
    index = document.appendix_index(table)
    appendix = document.appendices[index]
    field_number, group_number, label = where
    if isinstance(appendix, Table):
        found = [k for k, cells in enumerate(appendix.rows) if cells and cells[0] == field_number]
        if len(found) != 1 or group_number or label:
            raise ReadError(f"{table}の{field_number}の項: {len(found)} rows")
        document.appendices[index] = replace(appendix, rows=tuple(change(appendix.rows, found[0])))
        return
    if not label:
        raise ReadError(f"{table}{field_number}の項{group_number} is no row")
    fields = []
    hits = 0
    for field_ in appendix.fields:
        groups = []
        for group in field_.groups:
            if field_.number == field_number and (group.number or "") == group_number:
                found = [k for k, r in enumerate(group.rows) if r.label == label]
                hits += len(found)
                if len(found) == 1:
                    group = replace(group, rows=tuple(change(group.rows, found[0])))
            groups.append(group)
        fields.append(replace(field_, groups=tuple(groups)))
    if hits != 1:
        raise ReadError(f"{table}{field_number}の項{group_number}{label}: {hits} rows")
    document.appendices[index] = replace(appendix, fields=tuple(fields))


def _row_phrase(document: Document, table: str, where: tuple[str, str, str], old: str, new: str) -> None:
    index = document.appendix_index(table)
    if not where[2] and not isinstance(document.appendices[index], Table):
        document.appendices[index] = _part_phrase(document.appendices[index], where, old, new)
        return

    def change(rows, k):
        row = rows[k]
        if isinstance(row, tuple):  # a table of text's row: its cells
            return (*rows[:k], tuple(_replace_once(list(row), old, new, f"{table} {where}")), *rows[k + 1 :])
        texts = _replace_once([row.item, row.text, *row.roles], old, new, f"{table} {where}")
        return (*rows[:k], replace(row, item=texts[0], text=texts[1], roles=tuple(texts[2:])), *rows[k + 1 :])

    _row_edit(document, table, where, change)


def _part_phrase(appendix, where: tuple[str, str, str], old: str, new: str):
    """「別表1の項中」 (a field: its title, its sub-fields' titles and their rows' texts) or
    「別表3の項(1)中」 (a sub-field: its title and its rows' texts)."""
    field_number, group_number, _ = where
    hits = [f for f in appendix.fields if f.number == field_number]
    assert len(hits) == 1, where
    chosen = hits[0]
    groups = [g for g in chosen.groups if not group_number or g.number == group_number]
    assert groups, where
    # a title is read as its line prints it, after its label: 「1　圏域全体の…」, 「(1)　生活機能の…」
    texts = [] if group_number else [f"{chosen.number}\u3000{chosen.title}"]
    for group in groups:
        texts.append(f"{group.number}\u3000{group.title}" if group.number and group.title is not None else "")
        for r in group.rows:
            texts += [r.item, r.text, *r.roles]
    it = iter(_replace_once(texts, old, new, f"{field_number}の項{group_number}"))
    title = chosen.title if group_number else _unlabelled(next(it), chosen.number)
    new_groups = []
    for group in chosen.groups:
        if group in groups:
            group_title = next(it)
            if group.number and group.title is not None:
                group_title = _unlabelled(group_title, group.number)
            rows = tuple(
                replace(r, item=next(it), text=next(it), roles=tuple(next(it) for _ in r.roles))
                for r in group.rows
            )
            group = replace(group, title=group_title if group.title is not None else None, rows=rows)
        new_groups.append(group)
    fields = tuple(
        replace(f, title=title, groups=tuple(new_groups)) if f is chosen else f for f in appendix.fields
    )
    return replace(appendix, fields=fields)


def _column_phrase(appendix, column: str, old: str, new: str):
    """「別表の取組の欄中」: the column whose heading is ``column``: its heading, each row's 「ア　item」."""
    assert appendix.heading == column, column
    rows = [r for f in appendix.fields for g in f.groups for r in g.rows]
    texts = _replace_once([appendix.heading, *(f"{r.label}\u3000{r.item}" for r in rows)], old, new, column)
    items = iter(texts[1:])
    fields = tuple(
        replace(
            f,
            groups=tuple(
                replace(g, rows=tuple(replace(r, item=_unlabelled(next(items), r.label)) for r in g.rows))
                for g in f.groups
            ),
        )
        for f in appendix.fields
    )
    return replace(appendix, heading=texts[0], fields=fields)


def _unlabelled(line: str, label: str) -> str:
    if not line.startswith(f"{label}\u3000"):
        raise ReadError(f"the label of 「{line}」 is changed")
    return line[len(label) + 1 :]


def _no_clash(document: Document, clause: str) -> None:
    numbers = [e.number for e in document.entries]
    if len(numbers) != len(set(numbers)):
        raise ReadError(f"「{clause}」 gives two articles one number")


def _add(document: Document, block: PrintedArticle, number: int) -> None:
    assert block.number == f"第{number}条", (block.number, number)
    assert all(e.number != number for e in document.entries), f"第{number}条 exists"
    document.entries.append(_entry(number, None, block))


def _caption(quoted: str) -> str:
    assert quoted.startswith("（") and quoted.endswith("）"), quoted
    return quoted[1:-1]


def _phrase(document: Document, provision: tuple[str, Entry | None, int | None], old: str, new: str) -> None:
    kind, entry, paragraph = provision
    if kind == "題名":
        document.title = _replace_once([document.title], old, new, kind)[0]
    elif kind == "前文":
        document.preamble = _replace_once([document.preamble], old, new, kind)[0]
    elif kind.endswith("の欄"):
        table, column = kind.removesuffix("の欄").split("|")
        index = document.appendix_index(table)
        document.appendices[index] = _column_phrase(document.appendices[index], column, old, new)
    elif kind.startswith("別表"):
        index = document.appendix_index(kind)
        document.appendices[index] = _appendix_title(document.appendices[index], old, new)
    elif kind == "見出し":
        assert entry is not None and entry.caption is not None
        entry.caption = _replace_once([entry.caption], old, new, "見出し")[0]
    else:
        assert entry is not None
        places = entry.texts(paragraph)
        texts = _replace_once([entry.read(at) for at in places], old, new, f"第{entry.number}条")
        for at, text in zip(places, texts, strict=True):
            entry.write(at, text)


def _appendix_title(appendix, old: str, new: str):
    """「別表中「A」を「B」に」: the phrase wherever it occurs in the 別表's texts (its title, header, the
    fields' and sub-fields' titles, the rows' items, texts and roles, or a table's cells)."""
    if isinstance(appendix, Table):
        texts = _replace_once(
            [appendix.title, *(cell for row in appendix.rows for cell in row)], old, new, "the 別表"
        )
        title, *cells = texts
        rows, at = [], 0
        for row in appendix.rows:
            rows.append(tuple(cells[at : at + len(row)]))
            at += len(row)
        return replace(appendix, title=title, rows=tuple(rows))
    everything = [appendix.title, appendix.heading]
    for field_ in appendix.fields:
        everything.append(field_.title)
        for group in field_.groups:
            everything.append(group.title or "")
            for row in group.rows:
                everything += [row.item, row.text, *row.roles]
    texts = iter(_replace_once(everything, old, new, "the 別表"))
    title, heading = next(texts), next(texts)
    fields = []
    for field_ in appendix.fields:
        field_title = next(texts)
        groups = []
        for group in field_.groups:
            group_title = next(texts)
            rows = tuple(
                replace(r, item=next(texts), text=next(texts), roles=tuple(next(texts) for _ in r.roles))
                for r in group.rows
            )
            groups.append(replace(group, title=group_title if group.title is not None else None, rows=rows))
        fields.append(replace(field_, title=field_title, groups=tuple(groups)))
    return replace(appendix, title=title, heading=heading, fields=tuple(fields))
