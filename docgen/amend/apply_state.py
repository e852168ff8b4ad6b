"""The text as 改め文 amend it, and where a sentence's words point in it: the article 同条 means, the 項
or 別表 row a phrase is looked for in, the 別表 同表 means. ``apply`` reads the clauses that change it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from docgen.amend.appendix_edit import appendix_strings, row_texts, with_row_texts, with_string
from docgen.amend.kaibun import PrintedArticle, PrintedParagraph, Sentence
from docgen.amend.phrases import occurrences
from docgen.amend.text import AnyAppendix, Item, article_number
from docgen.base.errors import AmendmentCheckError
from docgen.base.i18n import N_, _


@dataclass
class Paragraph:
    label: str
    text: str
    items: list[Item]


@dataclass
class ArticleText:
    key: str | None
    caption: str | None
    paragraphs: dict[int, Paragraph]


@dataclass
class Text:
    title: str
    preamble: str
    articles: dict[int, ArticleText]
    appendices: list[AnyAppendix]


@dataclass
class Reading:
    """One sentence being read: what it names and what it still has to give."""

    sentence: Sentence
    quotes: list[str]
    articles: list[PrintedArticle] = field(default_factory=list)
    paragraphs: list[PrintedParagraph] = field(default_factory=list)
    last: ArticleText | None = None  # what 同条 means
    paragraph: Paragraph | None = None  # what 同項 means
    target: Place | None = None  # where a phrase without its provision (「、「C」を「D」に」) is
    table: int | None = None  # the 別表 that 同表 means
    rows_given: bool = False  # the rows printed after the sentence were added

    def fail(self, message: str, **fields: object) -> AmendmentCheckError:
        """``message`` (marked with N_) in the user's language, its fields filled."""
        return AmendmentCheckError(provision=self.sentence.text, message=_(message).format(**fields))


def article_at(text: Text, reading: Reading, match: re.Match[str]) -> ArticleText:
    if match.groupdict().get("same"):
        if reading.last is None:
            raise reading.fail(N_("同条 before any article"))
        return reading.last
    number = int(match.group("art"))
    if number not in text.articles:
        raise reading.fail(N_("there is no {provision}"), provision=article_number(number))
    reading.last = text.articles[number]
    return reading.last


@dataclass
class Place:
    """Where a quoted phrase is looked for: the texts of one provision (a 項, all 項 of an article, a 見出し,
    every cell of the 別表), read and written by index."""

    name: str
    read: Callable[[], list[str]]
    write: Callable[[int, str], None]


def table_index(text: Text, reading: Reading, match: re.Match[str]) -> int:
    """The 別表 a sentence names: 別表 when there is only one, 別表第N of several."""
    count, number = len(text.appendices), match.group("tab")
    if count == 0:
        raise reading.fail(N_("there is no 別表"))
    if number is None:
        if count > 1:
            raise reading.fail(N_("別表 without its number, and there are {count}"), count=count)
        return 0
    if count == 1 or not 1 <= int(number) <= count:
        raise reading.fail(N_("there is no {provision}"), provision=match.group("table"))
    return int(number) - 1


def place_of(text: Text, reading: Reading, match: re.Match[str]) -> Place:
    subject = match.group("subject")
    if subject is None:
        if reading.target is None:
            raise reading.fail(N_("a phrase without the provision it is in"))
        return reading.target
    if subject == "題名":
        place = Place(subject, lambda: [text.title], lambda _, s: setattr(text, "title", s))
    elif subject == "前文":
        place = Place(subject, lambda: [text.preamble], lambda _, s: setattr(text, "preamble", s))
    elif match.group("table"):
        index = table_index(text, reading, match)
        place = Place(
            subject,
            lambda: appendix_strings(text.appendices[index]),
            lambda i, s: text.appendices.__setitem__(index, with_string(text.appendices[index], i, s)),
        )
    else:
        article = article_at(text, reading, match)
        if match.group("caption"):
            if article.caption is None:
                raise reading.fail(N_("the article has no 見出し"))
            place = Place(
                subject, lambda: [article.caption or ""], lambda _, s: setattr(article, "caption", s)
            )
        else:
            if match.group("para"):
                numbers = [int(match.group("para"))]
                reading.paragraph = article.paragraphs.get(numbers[0])
                if numbers[0] not in article.paragraphs:
                    raise reading.fail(N_("there is no {provision}"), provision=subject)
            else:
                numbers = sorted(article.paragraphs)
            # a 項 holds its items: 「第5条第2項中」 finds a phrase in 第2項's items too
            slots = [(k, i) for k in numbers for i in range(-1, len(article.paragraphs[k].items))]
            place = Place(
                subject,
                lambda: [_slot_text(article, k, i) for k, i in slots],
                lambda n, s: _set_slot(article, *slots[n], s),
            )
    reading.target = place
    return place


def _slot_text(article: ArticleText, paragraph: int, item: int) -> str:
    found = article.paragraphs[paragraph]
    return found.text if item < 0 else found.items[item].text


def _set_slot(article: ArticleText, paragraph: int, item: int, value: str) -> None:
    found = article.paragraphs[paragraph]
    if item < 0:
        found.text = value
    else:
        found.items[item] = replace(found.items[item], text=value)


def replace_phrase(reading: Reading, place: Place, old: str, new: str) -> None:
    """A quote replaces its phrase wherever it occurs in the provision (a phrase changed alike at every
    place is quoted once)."""
    texts = place.read()
    if not any(occurrences(text, old) for text in texts):
        raise reading.fail(N_("「{old}」 occurs nowhere in {place}"), old=old, place=place.name)
    for index, text in enumerate(texts):
        if old in text:
            place.write(index, text.replace(old, new))


def row_table(text: Text, reading: Reading, match: re.Match[str]) -> int:
    if match.group("rtable") == "同表":
        if reading.table is None:
            raise reading.fail(N_("同表 before any 別表"))
        return reading.table
    count, number = len(text.appendices), match.group("rtab")
    if count == 0 or (number is None and count > 1) or (number is not None and not 1 <= int(number) <= count):
        raise reading.fail(N_("there is no {provision}"), provision=match.group("rtable"))
    reading.table = 0 if number is None else int(number) - 1
    return reading.table


def row_where(match: re.Match[str]) -> tuple[str, str, str]:
    """(field, sub-field, row) as a sentence names them; a table of text's row: (its first cell, "", "")."""
    return (match.group("field") or match.group("name"), match.group("group") or "", match.group("row") or "")


def row_place(text: Text, reading: Reading, match: re.Match[str]) -> Place:
    index = row_table(text, reading, match)
    where = row_where(match)
    try:
        row_texts(text.appendices[index], *where)
    except LookupError as error:
        raise reading.fail("{reason}", reason=error) from None

    def write(i: int, value: str) -> None:
        texts = row_texts(text.appendices[index], *where)
        try:  # a quote that changes a title's label (「1　」) is read as a mistake
            text.appendices[index] = with_row_texts(
                text.appendices[index], *where, [*texts[:i], value, *texts[i + 1 :]]
            )
        except LookupError as error:
            raise reading.fail("{reason}", reason=error) from None

    place = Place("".join(where), lambda: row_texts(text.appendices[index], *where), write)
    reading.target = place
    return place
