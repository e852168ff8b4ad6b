"""Recognise an agreement in a Word file's outline: cover, title, preamble, articles with their paragraphs
(項) and items (号), 附則, closing sentence, date, signature blocks and 別表.

Recognition reads the text, not Word's styles: a document typed by an office (indents made of ideographic
spaces, captions as plain paragraphs, 別表 as ordinary tables) reads the same as one docgen wrote. Labels are
read as the signed documents write them — 第1条, 2 (a paragraph), (1), ア, (ア), a, (a), 1, i, (i) (items, a
ladder of levels that is data: each document has its own) — with full-width or half-width parentheses and a
space (U+0020 or U+3000) or none after a parenthesised label.

Whatever is not recognised is kept: it stays as literal text in the nearest place (the front matter before
the title, an unnumbered paragraph of the article it follows, the text after the signature blocks, a row of
a literal 別表) and a warning names it, so that nothing of the document is lost.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from docgen.base import ja
from docgen.base.errors import DocxImportError
from docgen.importer.outline import Block, Paragraph, Table

SPACE = " \u3000\t"
_SP = "[ \u3000\t]"
CAPTION = re.compile(r"^[（(]([^（）()]{1,40})[）)]$")
ARTICLE = re.compile(rf"^第([0-9０-９]+)条(?:[（(]([^（）()]{{1,40}})[）)])?{_SP}*(.*)$", re.S)
SUPPLEMENTARY = re.compile(rf"^附{_SP}*則$")
DATE = re.compile(
    rf"^(明治|大正|昭和|平成|令和){_SP}*(元|[0-9０-９]+){_SP}*年{_SP}*([0-9０-９]+){_SP}*月{_SP}*([0-9０-９]+){_SP}*日$"
)
APPENDIX = re.compile(r"^別表(第[0-9０-９]+)?(?:[（(](.+)[）)])?$")
PARTY_LABEL = re.compile(rf"^([{''.join(ja.PARTY_LABELS)}])(?:{_SP}+(.*))?$", re.S)
TITLE_LINE = re.compile(rf"^(.+?(?:[市町村区]長|知事|広域連合長)){_SP}*(.*)$")
NAME_LINE = re.compile(r"^[^\s\u3000、。0-9０-９（）()「」]{1,12}?[都道府県市町村区]$")
CLOSING = re.compile(r"証するため|[0-9０-９]+通を作成")
SEAL = re.compile(rf"{_SP}*[（(]?印[）)]?$")
_KANA = ja.KANA_LABELS
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")

# label styles of items, as the model names them, and how a label of each style is read
_ITEM_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("(1)", re.compile(rf"^[（(]([0-9０-９]{{1,3}})[）)]{_SP}*(.*)$", re.S)),
    ("(ア)", re.compile(rf"^[（(]([{_KANA}])[）)]{_SP}*(.*)$", re.S)),
    ("(a)", re.compile(rf"^[（(]([a-z]{{1,4}})[）)]{_SP}*(.*)$", re.S)),
    ("1", re.compile(rf"^([0-9０-９]{{1,3}}){_SP}+(.*)$", re.S)),
    ("ア", re.compile(rf"^([{_KANA}]){_SP}+(.*)$", re.S)),
    ("a", re.compile(rf"^([a-z]{{1,4}}){_SP}+(.*)$", re.S)),
)
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_OTHER_LABEL = re.compile(rf"^[①-⑳⑴-⒇㈠-㈩][{SPACE}]*")


def digits(text: str) -> str:
    """Full-width digits as ASCII digits (only digits: everything else is kept)."""
    return "".join(unicodedata.normalize("NFKC", c) if "０" <= c <= "９" else c for c in text)


def strip(text: str) -> str:
    """The text without the spaces, ideographic spaces and tabs around it (an office's indents)."""
    return text.strip(SPACE + "\n")


def _candidates(style: str, value: str) -> list[tuple[str, int]]:
    """The (style, number) readings of an item label: 'i' may be the ninth letter or roman one."""
    paren = style.startswith("(")
    found = []
    if style in ("(1)", "1"):
        found.append((style, int(digits(value))))
    elif style in ("(ア)", "ア"):
        found.append((style, _KANA.index(value) + 1))
    else:
        if len(value) == 1:
            found.append(("(a)" if paren else "a", ord(value) - ord("a") + 1))
        if value in _ROMAN:
            found.append(("(i)" if paren else "i", _ROMAN.index(value) + 1))
    return found


@dataclass
class Item:
    label: str  # as written, e.g. (1)
    style: str  # the model's name of its style, e.g. "(1)"
    text: str
    where: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Para:
    """A paragraph (項) of an article; ``label`` None is numbered as docgen numbers it (none for the
    first, 2, 3, … after), "" is an unnumbered paragraph."""

    text: str
    where: str
    label: str | None = None
    items: list[Item] = field(default_factory=list)


@dataclass
class Article:
    number: int
    caption: str | None
    where: str
    paragraphs: list[Para] = field(default_factory=list)


@dataclass
class Signature:
    where: str
    label: str | None = None
    address: str | None = None
    name: str | None = None
    title: str | None = None
    head: str | None = None
    seal: bool = False


@dataclass
class Row:
    label: str
    item: str
    text: str
    roles: list[str]


@dataclass
class Group:
    number: str | None
    title: str | None
    rows: list[Row]


@dataclass
class Field:
    number: str
    title: str
    groups: list[Group]


@dataclass
class Appendix:
    title: str
    where: str
    heading: str | None = None  # a structured 別表 (取組 and roles) …
    role_headers: list[str] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    table: list[list[str]] | None = None  # … or a literal one
    header_rows: int = 1


@dataclass
class Recognised:
    """An agreement as recognised, before party references are put in."""

    source: str
    cover: list[str] = field(default_factory=list)  # the cover page's lines
    title: str = ""
    front: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    supplementary: list[str] = field(default_factory=list)
    closing: str | None = None
    date: dt.date | None = None
    signatures: list[Signature] = field(default_factory=list)
    back: list[str] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    kinds: list[tuple[str, str]] = field(default_factory=list)  # (place, what it was recognised as)
    warnings: list[str] = field(default_factory=list)

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"{self.source}: {where}: {message}")

    def item_styles(self) -> list[str]:
        """The label style of each item level, as the document uses them (the deepest levels last)."""
        styles: list[str] = []

        def walk(items: list[Item], level: int) -> None:
            for item in items:
                if level == len(styles):
                    styles.append(item.style)
                walk(item.items, level + 1)

        for article in self.articles:
            for paragraph in article.paragraphs:
                walk(paragraph.items, 0)
        return styles


def recognise(blocks: list[Block], source: Path | str) -> Recognised:
    """The agreement in ``blocks``; raises ``DocxImportError`` when it has no title, no article or no
    signature block."""
    return _Recogniser(blocks, str(source)).run()


class _Recogniser:
    def __init__(self, blocks: list[Block], source: str) -> None:
        # empty paragraphs are spacing, not text
        self.blocks = [b for b in blocks if isinstance(b, Table) or strip(b.text)]
        self.source = source
        self.doc = Recognised(source=source)
        self.at = 0

    # --- helpers ---------------------------------------------------------------------------------------

    def fail(self, message: str, where: str | None = None) -> DocxImportError:
        return DocxImportError(source=self.source, where=where, message=message)

    def peek(self) -> Block | None:
        return self.blocks[self.at] if self.at < len(self.blocks) else None

    def kind(self, block: Block, what: str) -> None:
        self.doc.kinds.append((block.where, what))

    def literal(self, block: Block, into: list[str], what: str = "") -> None:
        """Keep ``block`` as literal text in ``into``, with a warning that says ``what`` it was: a paragraph
        as one line; a table as one line per row, its cells joined by tabs, and the warning then says that a
        table was found where text was expected."""
        if isinstance(block, Table):
            into.extend("\t".join(cell.replace("\n", "") for cell in row) for row in block.grid_rows())
            what = "a table where text was expected"
        else:
            into.append(_joined(block))
        self.kind(block, "literal")
        self.doc.warn(block.where, "kept as literal text" + (f" ({what})" if what else ""))

    # --- the document ----------------------------------------------------------------------------------

    def run(self) -> Recognised:
        self.cover()
        self.title()
        self.before_articles()
        self.articles()
        self.after_articles()
        self.signature_blocks()
        self.back()
        self.appendices()
        return self.doc

    def cover(self) -> None:
        """The paragraphs before the first page break, if it comes early and before any article."""
        end = None
        for index, block in enumerate(self.blocks[:12]):
            if isinstance(block, Table):
                return
            text = strip(block.text)
            if CAPTION.match(text) or ARTICLE.match(text) or text.endswith("。"):
                return
            if index > 0 and block.page_before:
                end = index
                break
            if block.page_after or block.section_end:
                end = index + 1
                break
        if not end:
            return
        for block in self.blocks[:end]:
            assert isinstance(block, Paragraph)
            self.doc.cover.extend(strip(line) for line in block.lines if strip(line))
            self.kind(block, "cover")
        self.at = end

    def title(self) -> None:
        block = self.peek()
        text = strip(block.text) if isinstance(block, Paragraph) else ""
        if (
            not isinstance(block, Paragraph)
            or text.endswith("。")
            or CAPTION.match(text)
            or ARTICLE.match(text)
        ):
            where = block.where if block is not None else None
            raise self.fail(
                "no title: the agreement's title (e.g. …における連携中枢都市圏形成に係る連携協約) "
                "should come first, or after the cover page",
                where,
            )
        self.doc.title = " ".join(strip(line) for line in block.lines if strip(line))
        self.kind(block, "title")
        self.at += 1

    def before_articles(self) -> None:
        """Preamble sentences, and anything else between the title and the first article (front)."""
        while (block := self.peek()) is not None:
            if isinstance(block, Table):
                self.literal(block, self.doc.front)
                self.at += 1
                continue
            text = strip(block.text)
            if self.starts_article(self.at):
                return
            if text.endswith("。"):
                self.doc.preamble.append(_joined(block))
                self.kind(block, "preamble")
            elif self.doc.preamble:
                self.doc.preamble.append(_joined(block))
                self.kind(block, "preamble")
                self.doc.warn(block.where, "kept as literal text (in the preamble)")
            else:
                self.literal(block, self.doc.front, "before the preamble")
            self.at += 1

    def starts_article(self, index: int) -> bool:
        block = self.blocks[index] if index < len(self.blocks) else None
        if not isinstance(block, Paragraph):
            return False
        text = strip(block.text)
        if ARTICLE.match(text):
            return True
        following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        return bool(
            CAPTION.match(text) and isinstance(following, Paragraph) and ARTICLE.match(strip(following.text))
        )

    # --- articles --------------------------------------------------------------------------------------

    def articles(self) -> None:
        if not self.starts_article(self.at):
            block = self.peek()
            raise self.fail(
                "no article found: articles begin 第1条 (with a caption such as （目的） on the line "
                "before, or after the number)",
                block.where if block is not None else None,
            )
        while self.starts_article(self.at):
            self.article()

    def article(self) -> None:
        block = self.blocks[self.at]
        assert isinstance(block, Paragraph)
        caption = None
        text = strip(block.text)
        if CAPTION.match(text):
            caption = CAPTION.match(text).group(1)
            self.kind(block, "caption")
            if text != f"（{caption}）":
                self.doc.warn(block.where, f"caption {text} is printed （{caption}）")
            self.at += 1
            block = self.blocks[self.at]
            assert isinstance(block, Paragraph)
            text = strip(block.text)
        match = ARTICLE.match(text)
        assert match is not None
        number = int(digits(match.group(1)))
        body = _single_line(match.group(3))
        expected = len(self.doc.articles) + 1
        if number != expected:
            self.doc.warn(
                block.where,
                f"第{match.group(1)}条 where 第{expected}条 was expected: docgen numbers articles in order",
            )
        if match.group(2):
            # 「第1条（目的）…」: docgen prints a caption on its own line, above the article; kept in the text
            # so that the article reads as written
            body = f"{text[text.index('条') + 1 : match.start(3)].strip(SPACE)}{body}"
            if caption is None:
                self.doc.warn(block.where, "caption after the article number kept in the article's text")
            else:
                self.doc.warn(block.where, "a second caption after the article number kept in the text")
        if match.group(1) != digits(match.group(1)):
            self.doc.warn(block.where, f"第{match.group(1)}条 is printed 第{number}条 (half-width digits)")
        article = Article(number=expected, caption=caption, where=block.where)
        article.paragraphs.append(Para(text=body, where=block.where))
        self.kind(block, "article")
        self.doc.articles.append(article)
        self.at += 1
        stack: list[Item] = []  # the open items, one per level
        while (block := self.peek()) is not None and not self.ends_article(self.at):
            if isinstance(block, Table):
                rows: list[str] = []
                self.literal(block, rows)
                article.paragraphs.append(Para(text="".join(rows), where=block.where, label=""))
                stack = []
                self.at += 1
                continue
            stack = self.line(article, block, stack)
            self.at += 1

    def ends_article(self, index: int) -> bool:
        block = self.blocks[index]
        if isinstance(block, Table):
            return False
        text = strip(block.text)
        return bool(
            self.starts_article(index)
            or SUPPLEMENTARY.match(text)
            or CLOSING.search(text)
            or DATE.match(text)
            or APPENDIX.match(text.replace(" ", "").replace("\u3000", ""))
        )

    def line(self, article: Article, block: Paragraph, stack: list[Item]) -> list[Item]:
        """One paragraph inside an article: a numbered paragraph (項), an item (号) at some level, or text
        that continues what is above it. Returns the open items."""
        text = _joined(block)
        if block.label:  # Word's own numbering: its label is not in the text
            text = f"{block.label}\u3000{text}"
        paragraph = article.paragraphs[-1]
        readings = _item_readings(text)
        # an open level continues: (2) after (1), イ after ア, deepest first
        for depth in range(len(stack) - 1, -1, -1):
            for style, number, label, rest in readings:
                if stack[depth].style == style and _number(stack[depth]) + 1 == number:
                    item = Item(label=label, style=style, text=rest, where=block.where)
                    parent = stack[depth - 1].items if depth else paragraph.items
                    parent.append(item)
                    self.kind(block, f"item {depth + 1}")
                    self.check_label(block, label, style, number)
                    return [*stack[:depth], item]
        # a numbered paragraph: 2 after the first, 3 after 2, …
        expected = len(article.paragraphs) + 1
        for style, number, label, rest in readings:
            if style == "1" and number == expected and expected > 1:
                article.paragraphs.append(Para(text=rest, where=block.where))
                self.kind(block, "paragraph")
                if label != str(number):
                    self.doc.warn(block.where, f"paragraph number {label} is printed {number}")
                return []
        # a first item one level down
        for style, number, label, rest in readings:
            if number == 1 and len(stack) < 5 and style not in [item.style for item in stack]:
                item = Item(label=label, style=style, text=rest, where=block.where)
                (stack[-1].items if stack else paragraph.items).append(item)
                self.kind(block, f"item {len(stack) + 1}")
                self.check_label(block, label, style, number)
                return [*stack, item]
        if stack:
            # text on a line of its own under an item's label (「(a)　取組内容」, then the text): docgen
            # prints an item's text on its label's line
            stack[-1].text += text
            self.kind(block, "item text")
            self.doc.warn(block.where, f"text joined to the item {stack[-1].label} above it")
            return stack
        if _OTHER_LABEL.match(text) or readings:
            self.doc.warn(block.where, "kept as literal text (a label docgen does not number)")
            self.kind(block, "literal")
        else:
            self.kind(block, "unnumbered paragraph")
        article.paragraphs.append(Para(text=text, where=block.where, label=""))
        return []

    def check_label(self, block: Paragraph, label: str, style: str, number: int) -> None:
        printed = ja.item_label(style, number)
        if label != printed:
            self.doc.warn(block.where, f"item label {label} is printed {printed}")

    # --- after the articles ----------------------------------------------------------------------------

    def after_articles(self) -> None:
        while (block := self.peek()) is not None:
            text = strip(block.text) if isinstance(block, Paragraph) else ""
            if isinstance(block, Paragraph) and SUPPLEMENTARY.match(text):
                self.kind(block, "supplementary")
                self.at += 1
                while (inner := self.peek()) is not None and isinstance(inner, Paragraph):
                    inner_text = strip(inner.text)
                    if CLOSING.search(inner_text) or DATE.match(inner_text) or _is_appendix(inner_text):
                        break
                    self.doc.supplementary.append(_joined(inner))
                    self.kind(inner, "supplementary")
                    self.at += 1
                continue
            if isinstance(block, Paragraph) and CLOSING.search(text) and self.doc.closing is None:
                self.doc.closing = _joined(block)
                self.kind(block, "closing")
                self.at += 1
                continue
            if isinstance(block, Paragraph) and DATE.match(text):
                self.date(block, text)
                self.at += 1
                return
            if isinstance(block, Paragraph) and _is_appendix(text):
                return
            if self.signature_start(self.at):
                return
            self.literal(block, self.doc.back, "after the articles")
            self.at += 1

    def date(self, block: Paragraph, text: str) -> None:
        match = DATE.match(text)
        assert match is not None
        era, year_text, month, day = match.groups()
        year = 1 if year_text == "元" else int(digits(year_text))
        start = dict(ja.ERAS)[era]
        try:
            day_value = dt.date(start.year + year - 1, int(digits(month)), int(digits(day)))
            if ja.era_year(day_value) != (era, year):
                raise ValueError(f"{era}{year_text}年 has no {int(digits(month))}月{int(digits(day))}日")
        except ValueError as error:
            self.doc.warn(block.where, f"not a date ({error}): kept as literal text")
            self.doc.back.append(text)
            self.kind(block, "literal")
            return
        self.doc.date = day_value
        self.kind(block, "date")
        printed = ja.era_date(day_value)
        if text.replace(" ", "").replace("\u3000", "") != printed:
            self.doc.warn(block.where, f"the date {text} is printed {printed}")

    # --- signature blocks ------------------------------------------------------------------------------

    def signature_start(self, index: int) -> bool:
        block = self.blocks[index] if index < len(self.blocks) else None
        if isinstance(block, Table):
            return self.doc.date is not None
        if block is None:
            return False
        first = strip(block.lines[0])
        return bool(PARTY_LABEL.match(first) and strip(first[1:])) or (
            self.doc.date is not None and not _is_appendix(strip(block.text))
        )

    def signature_blocks(self) -> None:
        lines: list[tuple[str, Block]] = []
        while (block := self.peek()) is not None:
            if isinstance(block, Paragraph):
                if _is_appendix(strip(block.text)):
                    break
                if (self.doc.signatures or lines) and not _signature_like(block):
                    break
                lines.extend((strip(line), block) for line in block.lines if strip(line))
                self.kind(block, "signature")
            else:
                if self.doc.date is None or _looks_like_appendix_table(block):
                    break
                lines.extend((text, block) for text in _layout_table_lines(block))
                self.kind(block, "signature")
            self.at += 1
        self.doc.signatures = _signatures(lines)
        if not self.doc.signatures:
            block = self.peek()
            raise self.fail(
                "no signature block: after the date, each party's address, name, head's title and head are "
                "expected (e.g. 甲　山口市亀山町2番1号 / 山口市 / 山口市長　渡辺純忠)",
                block.where if block is not None else None,
            )
        for signature in self.doc.signatures:
            if signature.name is None or signature.title is None:
                raise self.fail(
                    "a signature block without the municipality's name and its head's title (e.g. 山口市 / "
                    "山口市長　渡辺純忠)",
                    signature.where,
                )

    def back(self) -> None:
        while (block := self.peek()) is not None:
            if isinstance(block, Paragraph) and _is_appendix(strip(block.text)):
                return
            self.literal(block, self.doc.back, "after the signature blocks")
            self.at += 1

    # --- 別表 ------------------------------------------------------------------------------------------

    def appendices(self) -> None:
        while (block := self.peek()) is not None:
            assert isinstance(block, Paragraph) and _is_appendix(strip(block.text))
            self.kind(block, "appendix title")
            appendix = Appendix(title=_joined(block), where=block.where)
            self.at += 1
            content: list[Block] = []
            while (inner := self.peek()) is not None and not (
                isinstance(inner, Paragraph) and _is_appendix(strip(inner.text))
            ):
                content.append(inner)
                self.at += 1
            self.appendix_content(appendix, content)
            self.doc.appendices.append(appendix)

    def appendix_content(self, appendix: Appendix, content: list[Block]) -> None:
        structured = _structured(content, len(self.doc.signatures))
        if structured is not None:
            appendix.heading, appendix.role_headers, appendix.fields = structured
            for block in content:
                self.kind(block, "appendix table" if isinstance(block, Table) else "appendix heading")
            return
        rows: list[list[str]] = []
        tables = [block for block in content if isinstance(block, Table)]
        for block in content:
            if isinstance(block, Table):
                rows.extend([cell.replace("\n", "") for cell in row] for row in block.grid_rows())
                self.kind(block, "appendix literal table")
            else:
                rows.append([_joined(block)])
                self.kind(block, "appendix literal row")
        if len(tables) != 1 or len(content) != 1:
            self.doc.warn(
                appendix.where,
                "kept as a literal table"
                + (" (its paragraphs as rows of one cell)" if len(content) > len(tables) else ""),
            )
        if not rows:
            rows = [[""]]
        appendix.table = rows
        appendix.header_rows = 1 if tables and isinstance(content[0], Table) else 0


# --- helpers -------------------------------------------------------------------------------------------


def _number(item: Item) -> int:
    for style, number in _candidates(*_label_parts(item.label)):
        if style == item.style:
            return number
    return 0


def _label_parts(label: str) -> tuple[str, str]:
    paren = label[:1] in "(（"
    inner = label.strip("()（）")
    if inner.isdigit() or all("0" <= c <= "9" or "０" <= c <= "９" for c in inner):
        style = "(1)" if paren else "1"
    elif inner in _KANA:
        style = "(ア)" if paren else "ア"
    else:
        style = "(a)" if paren else "a"
    return style, inner


def _item_readings(text: str) -> list[tuple[str, int, str, str]]:
    """Every way the text's start reads as an item label: (style, number, label as written, rest)."""
    if text[:1] in _PAREN_DIGITS:  # ⑴: one character for (1)
        number = _PAREN_DIGITS.index(text[0]) + 1
        return [("(1)", number, text[0], strip(text[1:]))]
    readings = []
    for style, pattern in _ITEM_PATTERNS:
        match = pattern.match(text)
        if not match or not match.group(2).strip(SPACE):
            continue
        value = match.group(1)
        label = text[: match.start(2)].rstrip(SPACE)
        for reading_style, number in _candidates(style, value):
            readings.append((reading_style, number, label, _single_line(match.group(2))))
    return readings


def _single_line(text: str) -> str:
    """A paragraph's text on one line: line breaks inside it are layout (the comparison reads them as
    nothing), and the spaces around it are indents."""
    return strip("".join(strip(line) if i else line.rstrip(SPACE) for i, line in enumerate(text.split("\n"))))


def _joined(block: Paragraph) -> str:
    return _single_line(strip(block.text))


def _is_appendix(text: str) -> bool:
    compact = text.replace(" ", "").replace("\u3000", "")
    return bool(APPENDIX.match(compact)) and len(compact) <= 40


def _signature_like(block: Paragraph) -> bool:
    """A paragraph that can belong to a signature block: short lines, none of them a sentence."""
    return all(len(strip(line)) <= 40 and not strip(line).endswith("。") for line in block.lines)


def _layout_table_lines(table: Table) -> list[str]:
    """The lines of a layout table that holds signature blocks: column by column when each column holds a
    party (its first cell starts with a label or the columns are as many as the blocks), else row by row."""
    rows = table.grid_rows()
    width = max((len(row) for row in rows), default=0)
    first = rows[0] if rows else []
    labelled = [cell for cell in first if PARTY_LABEL.match(strip(cell.split("\n")[0]) or "-")]
    by_column = width > 1 and len(labelled) > 1
    cells = (
        [row[c] if c < len(row) else "" for c in range(width) for row in rows]
        if by_column
        else [cell for row in rows for cell in row]
    )
    return [strip(line) for cell in cells for line in cell.split("\n") if strip(line)]


def _signatures(lines: list[tuple[str, Block]]) -> list[Signature]:
    """Signature blocks from their lines: [label] address, name, title [head] — a label, or an address
    after a finished block, begins the next."""
    blocks: list[Signature] = []
    current: Signature | None = None

    def new(where: str) -> Signature:
        nonlocal current
        current = Signature(where=where)
        blocks.append(current)
        return current

    for index, (text, block) in enumerate(lines):
        text = text.strip(SPACE)
        following = lines[index + 1][0] if index + 1 < len(lines) else ""
        sealed = bool(SEAL.search(text)) and len(text) > 1
        if sealed:
            text = SEAL.sub("", text)
        label = PARTY_LABEL.match(text)
        if label and (current is None or current.title is not None or current.label is None):
            signature = new(block.where)
            signature.label = label.group(1)
            rest = strip(label.group(2) or "")
            if rest:
                signature.address = rest
            continue
        title = TITLE_LINE.match(text)
        if title and (current is None or current.title is None) and len(text) <= 30:
            signature = current if current is not None else new(block.where)
            signature.title = title.group(1)
            head = strip(title.group(2))
            if head:
                signature.head = head
                signature.seal = sealed
            continue
        # a name line followed by its head's title begins the next block, even where a head was expected
        names_next = (
            bool(NAME_LINE.match(text)) and following.startswith(text) and TITLE_LINE.match(following)
        )
        if (
            current is not None
            and current.title is not None
            and current.head is None
            and _is_head(text)
            and not names_next
        ):
            current.head = text
            current.seal = sealed
            continue
        if NAME_LINE.match(text) and (current is None or current.name is None) and not _is_address(text):
            signature = current if current is not None and current.title is None else new(block.where)
            signature.name = text
            continue
        # an address: it begins a block, unless the block begun by a label has none yet
        if current is None or current.title is not None or current.name is not None or current.address:
            signature = new(block.where)
        else:
            signature = current
        signature.address = text
    return [b for b in blocks if b.name or b.title or b.address]


def _is_address(text: str) -> bool:
    return any(c.isdigit() for c in text) or "番" in text or "丁目" in text


def _is_head(text: str) -> bool:
    return 1 < len(text.replace(" ", "").replace("\u3000", "")) <= 12 and not any(c.isdigit() for c in text)


def _looks_like_appendix_table(table: Table) -> bool:
    rows = table.grid_rows()
    return bool(rows) and any("の役割" in cell for cell in rows[0])


_FIELD = re.compile(rf"^([0-9]+){_SP}+(.+)$")
_SECTION = re.compile(rf"^[（(]([0-9]+)[）)]{_SP}*(.+)$")


def _structured(content: list[Block], parties: int) -> tuple[str, list[str], list[Field]] | None:
    """A 別表 in docgen's shape — fields 「1　…」, sub-fields 「(1)　…」, each with a table of 取組 and
    one role column per party — as (heading, role headers, fields); None when it is not in that shape."""
    fields: list[Field] = []
    heading: str | None = None
    headers: list[str] | None = None
    pending_section: tuple[str, str] | None = None
    for block in content:
        if isinstance(block, Paragraph):
            text = _joined(block)
            section = _SECTION.match(text)
            field_match = _FIELD.match(text)
            if field_match and int(field_match.group(1)) == len(fields) + 1 and pending_section is None:
                if fields and not fields[-1].groups:
                    return None
                fields.append(
                    Field(number=field_match.group(1), title=strip(field_match.group(2)), groups=[])
                )
            elif section and fields and pending_section is None:
                number = int(section.group(1))
                titled = [g for g in fields[-1].groups if g.title is not None]
                if number != len(titled) + 1 or (fields[-1].groups and not titled):
                    return None
                pending_section = (f"({number})", strip(section.group(2)))
            else:
                return None
            continue
        if not fields:
            return None
        table = _role_table(block, parties)
        if table is None:
            return None
        table_heading, table_headers, rows = table
        if heading is None:
            heading, headers = table_heading, table_headers
        elif (heading, headers) != (table_heading, table_headers):
            return None
        groups = fields[-1].groups
        if pending_section is None:
            if groups:  # a field has one table, or sub-fields with one each
                return None
            groups.append(Group(number=None, title=None, rows=rows))
        else:
            groups.append(Group(number=pending_section[0], title=pending_section[1], rows=rows))
            pending_section = None
    if not fields or pending_section is not None or any(not f.groups for f in fields):
        return None
    assert heading is not None and headers is not None
    return heading, headers, fields


def _role_table(table: Table, parties: int) -> tuple[str, list[str], list[Row]] | None:
    rows = [[strip(_single_line(cell)) for cell in row] for row in table.grid_rows()]
    if len(rows) < 2 or any(len(row) != 2 + parties for row in rows):
        return None
    header = rows[0]
    if not header[0] or header[1] not in ("", header[0]):
        return None
    if not all(cell.endswith("の役割") and len(cell) > 3 for cell in header[2:]):
        return None
    result = []
    for index, row in enumerate(rows[1:]):
        label = _KANA[index] if index < len(_KANA) else None
        match = re.match(rf"^([{_KANA}]){_SP}+(.+)$", row[0])
        if label is None or not match or match.group(1) != label:
            return None
        result.append(Row(label=label, item=strip(match.group(2)), text=row[1], roles=row[2:]))
    return header[0], header[2:], result
