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

    def texts(self, paragraph: int | None) -> list[tuple[int, int]]:
        """Where the texts of one 項 (from 1), or of all, are: (項 index, -1 for its text or an item's)."""
        chosen = range(len(self.paragraphs)) if paragraph is None else [paragraph - 1]
        return [(k, n) for k in chosen for n in range(-1, len(self.paragraphs[k][2]))]

    def read(self, at: tuple[int, int]) -> str:
        k, n = at
        return self.paragraphs[k][1] if n < 0 else self.paragraphs[k][2][n].text

    def write(self, at: tuple[int, int], text: str) -> None:
        k, n = at
        if n < 0:
            self.paragraphs[k][1] = text
        else:
            self.paragraphs[k][2][n] = replace(self.paragraphs[k][2][n], text=text)


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
    provision: tuple[str, Entry | None, int | None] | None = None  # where unnamed phrases go
    for clause in shape.split("、"):
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
            assert last == len(current.paragraphs), "only the last 項 are removed"
            del current.paragraphs[first - 1 :]
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
    assert not quoted and not blocks and not paragraphs, text
    assert appendix_used == (sentence.appendix is not None), text


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
    # the phrase must be nowhere else in the 別表; docgen quotes only the title this way
    if isinstance(appendix, Table):
        everything = [appendix.title, *(cell for row in appendix.rows for cell in row)]
    else:
        everything = [appendix.title, appendix.heading]
        for field_ in appendix.fields:
            everything.append(field_.title)
            for group in field_.groups:
                everything += [group.title or ""] + [
                    t for r in group.rows for t in (r.item, r.text, *r.roles)
                ]
    hits = sum(len(re.findall(f"(?={re.escape(old)})", text)) for text in everything)
    if hits != 1 or old not in appendix.title:
        raise ReadError(f"「{old}」 is found {hits} times in the 別表")
    return replace(appendix, title=appendix.title.replace(old, new, 1))
