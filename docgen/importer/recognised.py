"""What recognising an agreement reads and finds: the patterns of its lines (labels, captions, dates,
signature lines) and the records it fills (articles, 項 and 号, signature blocks, 別表).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from docgen.base import ja
from docgen.base.patterns import regex

SPACE = " \u3000\t"
SP = "[ \u3000\t]"
CAPTION = regex(r"^[（(]([^（）()]{1,40})[）)]$")
ARTICLE = regex(rf"^第([0-9０-９]+)条(?:[（(]([^（）()]{{1,40}})[）)])?{SP}*(.*)$", re.S)
SUPPLEMENTARY = regex(rf"^附{SP}*則$")
DATE = regex(
    rf"^(明治|大正|昭和|平成|令和){SP}*(元|[0-9０-９]+){SP}*年{SP}*([0-9０-９]+){SP}*月{SP}*([0-9０-９]+){SP}*日$"
)
APPENDIX = regex(r"^別表(第[0-9０-９]+)?(?:[（(](.+)[）)])?$")
PARTY_LABEL = regex(rf"^([{''.join(ja.PARTY_LABELS)}])(?:{SP}+(.*))?$", re.S)
TITLE_LINE = regex(rf"^(.+?(?:[市町村区]長|知事|広域連合長)){SP}*(.*)$")
NAME_LINE = regex(r"^[^\s\u3000、。0-9０-９（）()「」]{1,12}?[都道府県市町村区]$")
CLOSING = regex(r"証するため|[0-9０-９]+通を作成")
SEAL = regex(rf"{SP}*[（(]?印[）)]?$")
KANA = ja.KANA_LABELS
_KANA_CLASS = "".join(KANA)  # the labels' characters, as a regular expression's class holds them
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")

# label styles of items, as the model names them, and how a label of each style is read
ITEM_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("(1)", regex(rf"^[（(]([0-9０-９]{{1,3}})[）)]{SP}*(.*)$", re.S)),
    ("(ア)", regex(rf"^[（(]([{_KANA_CLASS}])[）)]{SP}*(.*)$", re.S)),
    ("(a)", regex(rf"^[（(]([a-z]{{1,4}})[）)]{SP}*(.*)$", re.S)),
    ("1", regex(rf"^([0-9０-９]{{1,3}}){SP}+(.*)$", re.S)),
    ("ア", regex(rf"^([{_KANA_CLASS}]){SP}+(.*)$", re.S)),
    ("a", regex(rf"^([a-z]{{1,4}}){SP}+(.*)$", re.S)),
)
PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
OTHER_LABEL = regex(rf"^[①-⑳⑴-⒇㈠-㈩][{SPACE}]*")


def digits(text: str) -> str:
    """Full-width digits as ASCII digits (only digits: everything else is kept)."""
    return "".join(unicodedata.normalize("NFKC", c) if "０" <= c <= "９" else c for c in text)


def strip(text: str) -> str:
    """The text without the spaces, ideographic spaces and tabs around it (an office's indents)."""
    return text.strip(SPACE + "\n")


def candidates(style: str, value: str) -> list[tuple[str, int]]:
    """The (style, number) readings of an item label: 'i' may be the ninth letter or roman one."""
    paren = style.startswith("(")
    found = []
    if style in ("(1)", "1"):
        found.append((style, int(digits(value))))
    elif style in ("(ア)", "ア"):
        found.append((style, KANA.index(value) + 1))
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
