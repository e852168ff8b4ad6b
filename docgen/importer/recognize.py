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
from pathlib import Path

from docgen.base import ja
from docgen.base.errors import DocxImportError
from docgen.base.i18n import N_, _
from docgen.importer.blocks import (
    is_appendix,
    item_number,
    item_readings,
    joined_text,
    layout_table_lines,
    looks_like_appendix_table,
    read_signatures,
    signature_like,
    single_line,
    structured_appendix,
)
from docgen.importer.outline import Block, Paragraph, Table
from docgen.importer.recognised import (
    APPENDIX,
    ARTICLE,
    CAPTION,
    CLOSING,
    DATE,
    OTHER_LABEL,
    PARTY_LABEL,
    SPACE,
    SUPPLEMENTARY,
    Appendix,
    Article,
    Item,
    Para,
    Recognised,
    digits,
    strip,
)

_KEPT = N_("kept as literal text")
_KEPT_TABLE = N_("kept as literal text (a table where text was expected)")


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

    def literal(self, block: Block, into: list[str], warning: str = _KEPT) -> None:
        """Keep ``block`` as literal text in ``into``, with a ``warning`` (marked with N_) that says where it
        was: a paragraph as one line; a table as one line per row, its cells joined by tabs, and the warning
        then says that a table was found where text was expected."""
        if isinstance(block, Table):
            into.extend("\t".join(cell.replace("\n", "") for cell in row) for row in block.grid_rows())
            warning = _KEPT_TABLE
        else:
            into.append(joined_text(block))
        self.kind(block, "literal")
        self.doc.warn(block.where, _(warning))

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
                _(
                    "no title: the agreement's title (e.g. …における連携中枢都市圏形成に係る連携協約) should "
                    "come first, or after the cover page"
                ),
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
                self.doc.preamble.append(joined_text(block))
                self.kind(block, "preamble")
            elif self.doc.preamble:
                self.doc.preamble.append(joined_text(block))
                self.kind(block, "preamble")
                self.doc.warn(block.where, _("kept as literal text (in the preamble)"))
            else:
                self.literal(block, self.doc.front, N_("kept as literal text (before the preamble)"))
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
                _(
                    "no article found: articles begin 第1条 (with a caption such as （目的） on the line "
                    "before, or after the number)"
                ),
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
                self.doc.warn(
                    block.where,
                    _("caption {text} is printed （{caption}）").format(text=text, caption=caption),
                )
            self.at += 1
            block = self.blocks[self.at]
            assert isinstance(block, Paragraph)
            text = strip(block.text)
        match = ARTICLE.match(text)
        assert match is not None
        number = int(digits(match.group(1)))
        body = single_line(match.group(3))
        expected = len(self.doc.articles) + 1
        if number != expected:
            self.doc.warn(
                block.where,
                _("第{written}条 where 第{expected}条 was expected: docgen numbers articles in order").format(
                    written=match.group(1), expected=expected
                ),
            )
        if match.group(2):
            # 「第1条（目的）…」: docgen prints a caption on its own line, above the article; kept in the text
            # so that the article reads as written
            body = f"{text[text.index('条') + 1 : match.start(3)].strip(SPACE)}{body}"
            if caption is None:
                self.doc.warn(block.where, _("caption after the article number kept in the article's text"))
            else:
                self.doc.warn(block.where, _("a second caption after the article number kept in the text"))
        if match.group(1) != digits(match.group(1)):
            self.doc.warn(
                block.where,
                _("第{written}条 is printed 第{number}条 (half-width digits)").format(
                    written=match.group(1), number=number
                ),
            )
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
        text = joined_text(block)
        if block.label:  # Word's own numbering: its label is not in the text
            text = f"{block.label}\u3000{text}"
        paragraph = article.paragraphs[-1]
        readings = item_readings(text)
        # an open level continues: (2) after (1), イ after ア, deepest first
        for depth in range(len(stack) - 1, -1, -1):
            for style, number, label, rest in readings:
                if stack[depth].style == style and item_number(stack[depth]) + 1 == number:
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
                    self.doc.warn(
                        block.where,
                        _("paragraph number {label} is printed {number}").format(label=label, number=number),
                    )
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
            self.doc.warn(
                block.where, _("text joined to the item {label} above it").format(label=stack[-1].label)
            )
            return stack
        if OTHER_LABEL.match(text) or readings:
            self.doc.warn(block.where, _("kept as literal text (a label docgen does not number)"))
            self.kind(block, "literal")
        else:
            self.kind(block, "unnumbered paragraph")
        article.paragraphs.append(Para(text=text, where=block.where, label=""))
        return []

    def check_label(self, block: Paragraph, label: str, style: str, number: int) -> None:
        printed = ja.item_label(style, number)
        if label != printed:
            self.doc.warn(
                block.where, _("item label {label} is printed {printed}").format(label=label, printed=printed)
            )

    # --- after the articles ----------------------------------------------------------------------------

    def after_articles(self) -> None:
        while (block := self.peek()) is not None:
            text = strip(block.text) if isinstance(block, Paragraph) else ""
            if isinstance(block, Paragraph) and SUPPLEMENTARY.match(text):
                self.kind(block, "supplementary")
                self.at += 1
                while (inner := self.peek()) is not None and isinstance(inner, Paragraph):
                    inner_text = strip(inner.text)
                    if CLOSING.search(inner_text) or DATE.match(inner_text) or is_appendix(inner_text):
                        break
                    self.doc.supplementary.append(joined_text(inner))
                    self.kind(inner, "supplementary")
                    self.at += 1
                continue
            if isinstance(block, Paragraph) and CLOSING.search(text) and self.doc.closing is None:
                self.doc.closing = joined_text(block)
                self.kind(block, "closing")
                self.at += 1
                continue
            if isinstance(block, Paragraph) and DATE.match(text):
                self.date(block, text)
                self.at += 1
                return
            if isinstance(block, Paragraph) and is_appendix(text):
                return
            if self.signature_start(self.at):
                return
            self.literal(block, self.doc.back, N_("kept as literal text (after the articles)"))
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
                raise ValueError(
                    _("{era}{year}年 has no {month}月{day}日").format(
                        era=era, year=year_text, month=int(digits(month)), day=int(digits(day))
                    )
                )
        except ValueError as error:
            self.doc.warn(block.where, _("not a date ({reason}): kept as literal text").format(reason=error))
            self.doc.back.append(text)
            self.kind(block, "literal")
            return
        self.doc.date = day_value
        self.kind(block, "date")
        printed = ja.era_date(day_value)
        if text.replace(" ", "").replace("\u3000", "") != printed:
            self.doc.warn(
                block.where, _("the date {text} is printed {printed}").format(text=text, printed=printed)
            )

    # --- signature blocks ------------------------------------------------------------------------------

    def signature_start(self, index: int) -> bool:
        block = self.blocks[index] if index < len(self.blocks) else None
        if isinstance(block, Table):
            return self.doc.date is not None
        if block is None:
            return False
        first = strip(block.lines[0])
        return bool(PARTY_LABEL.match(first) and strip(first[1:])) or (
            self.doc.date is not None and not is_appendix(strip(block.text))
        )

    def signature_blocks(self) -> None:
        lines: list[tuple[str, Block]] = []
        while (block := self.peek()) is not None:
            if isinstance(block, Paragraph):
                if is_appendix(strip(block.text)):
                    break
                if (self.doc.signatures or lines) and not signature_like(block):
                    break
                lines.extend((strip(line), block) for line in block.lines if strip(line))
                self.kind(block, "signature")
            else:
                if self.doc.date is None or looks_like_appendix_table(block):
                    break
                lines.extend((text, block) for text in layout_table_lines(block))
                self.kind(block, "signature")
            self.at += 1
        self.doc.signatures = read_signatures(lines)
        if not self.doc.signatures:
            block = self.peek()
            raise self.fail(
                _(
                    "no signature block: after the date, each party's address, name, head's title and head "
                    "are expected (e.g. 甲　山口市亀山町2番1号 / 山口市 / 山口市長　渡辺純忠)"
                ),
                block.where if block is not None else None,
            )
        for signature in self.doc.signatures:
            if signature.name is None or signature.title is None:
                raise self.fail(
                    _(
                        "a signature block without the municipality's name and its head's title (e.g. 山口市 "
                        "/ 山口市長　渡辺純忠)"
                    ),
                    signature.where,
                )

    def back(self) -> None:
        while (block := self.peek()) is not None:
            if isinstance(block, Paragraph) and is_appendix(strip(block.text)):
                return
            self.literal(block, self.doc.back, N_("kept as literal text (after the signature blocks)"))
            self.at += 1

    # --- 別表 ------------------------------------------------------------------------------------------

    def appendices(self) -> None:
        while (block := self.peek()) is not None:
            assert isinstance(block, Paragraph) and is_appendix(strip(block.text))
            self.kind(block, "appendix title")
            appendix = Appendix(title=joined_text(block), where=block.where)
            self.at += 1
            content: list[Block] = []
            while (inner := self.peek()) is not None and not (
                isinstance(inner, Paragraph) and is_appendix(strip(inner.text))
            ):
                content.append(inner)
                self.at += 1
            self.appendix_content(appendix, content)
            self.doc.appendices.append(appendix)

    def appendix_content(self, appendix: Appendix, content: list[Block]) -> None:
        structured = structured_appendix(content, len(self.doc.signatures))
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
                rows.append([joined_text(block)])
                self.kind(block, "appendix literal row")
        if len(tables) != 1 or len(content) != 1:
            self.doc.warn(
                appendix.where,
                _("kept as a literal table (its paragraphs as rows of one cell)")
                if len(content) > len(tables)
                else _("kept as a literal table"),
            )
        if not rows:
            rows = [[""]]
        appendix.table = rows
        appendix.header_rows = 1 if tables and isinstance(content[0], Table) else 0
