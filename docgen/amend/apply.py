"""docgen's own reading of 改め文: apply the sentences' text to the old version, and check the result.

The sentences are read as a person reads them, from their words, not from the changes they were made from:
quoted phrases are found in the provision the sentence names, and must occur there exactly once; articles and
項 carry numbers that a sentence may leave with gaps or clashes only until its end (第6条を第7条とし、…);
after each sentence they must run 1, 2, 3, … again. The text a sentence adds (an article, a 項, the 別表) is
the one printed after it, and its printed number must be the one the sentence gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from docgen.amend.appendix_edit import (
    RowsChange,
    change_rows,
    column_texts,
    duplicate_labels,
    with_column_texts,
)
from docgen.amend.apply_state import (
    ArticleText,
    Paragraph,
    Place,
    Reading,
    Text,
    article_at,
    place_of,
    replace_phrase,
    row_place,
    row_table,
    row_where,
    table_index,
)
from docgen.amend.kaibun import PrintedArticle, Sentence
from docgen.amend.phrases import skeleton
from docgen.amend.text import Article, Table, Version, article_number
from docgen.base.errors import AmendmentCheckError
from docgen.base.i18n import N_
from docgen.base.patterns import regex

_ART = r"(?:第(?P<art>\d+)条|(?P<same>同条))"
_TABLE = r"(?P<table>別表(?:第(?P<tab>\d+))?)"
_SUBJECT = rf"(?P<subject>題名|前文|{_TABLE}|{_ART}(?:(?P<caption>の見出し)|第(?P<para>\d+)項)?)"
# a row of a 別表 by its labels as printed: 別表1の項ウ, 同表3の項(1)オ, 別表第2の1の項ウ; a field or
# sub-field: 別表1の項, 別表3の項(1); a row of a table of text by its first cell: 別表第2のアの項
_KANA = r"[\u30a1-\u30fa]+"
_ROW = (
    r"(?P<rtable>別表(?:第(?P<rtab>\d+))?|同表)の?(?:(?P<field>\d+)の項(?P<group>\(\d+\))?"
    rf"(?P<row>{_KANA})?|(?P<name>[^「」、]+?)の項)"
)
_MORE = r"(?:及び第(?P<second>\d+)(?P=unit)|から第(?P<last>\d+)(?P=unit)まで)"
_PIECES: list[tuple[str, re.Pattern[str]]] = [
    (kind, regex(pattern))
    for kind, pattern in [
        ("row_replace", rf"^{_ROW}中QをQに(?P<verb>改め|改める)?$"),
        ("row_remove_phrase", rf"^{_ROW}中Qを(?P<verb>削り|削る)$"),
        ("row_delete", rf"^{_ROW}を(?P<verb>削り|削る)$"),
        (
            "row_relabel",
            rf"^{_ROW}を同表の?(?P<field2>\d+)の項(?P<group2>\(\d+\))?(?P<row2>{_KANA})と(?P<verb>し|する)$",
        ),
        # a row of a table of text whose first cell is an ordinal, moved: 別表第2のウの項を同表のエの項とし
        ("row_rename", rf"^{_ROW}を同表の(?P<name2>[^「」、]+?)の項と(?P<verb>し|する)$"),
        ("row_add", rf"^{_ROW}の次に次のように(?P<verb>加え|加える)$"),
        ("row_add_before", rf"^{_ROW}の前に次のように(?P<verb>加え|加える)$"),
        # the column of 取組 by its heading: 別表の取組の欄
        ("column_replace", rf"^{_TABLE}の(?P<column>[^「」、]+?)の欄中QをQに(?P<verb>改め|改める)?$"),
        ("replace", rf"^(?:{_SUBJECT}中)?QをQに(?P<verb>改め|改める)?$"),
        ("remove_phrase", rf"^(?:{_SUBJECT}中)?Qを(?P<verb>削り|削る)$"),
        ("caption_set", rf"^{_ART}の見出しをQに(?P<verb>改め|改める)$"),
        ("caption_add", rf"^{_ART}に見出しとしてQを(?P<verb>付し|付する)$"),
        ("caption_remove", rf"^{_ART}の見出しを(?P<verb>削り|削る)$"),
        ("paragraphs_add", rf"^{_ART}に次の(?P<count>\d+)項を(?P<verb>加え|加える)$"),
        (
            "paragraphs_remove",
            rf"^{_ART}第(?P<first>\d+)(?P<unit>項){_MORE}?"
            r"を(?P<verb>削り|削る)$",
        ),
        # 項 moved and added inside an article: 第5条中第3項を第4項とし、第2項を第3項とし、… (named by the
        # article once), or each named in full: 同条第3項を同条第2項とし、同項の次に次の1項を加え
        ("para_move", rf"^(?:{_ART}中?)?第(?P<first>\d+)項を(?:同条)?第(?P<to>\d+)項と(?P<verb>し|する)$"),
        ("para_move", r"^(?P<this>同項)を同条第(?P<to>\d+)項と(?P<verb>し|する)$"),
        (
            "para_shift",
            rf"^(?:{_ART}中?)?第(?P<first>\d+)(?P<unit>項){_MORE}を(?P<by>\d+)項ずつ"
            r"(?P<verb>繰り下げ|繰り下げる|繰り上げ|繰り上げる)$",
        ),
        (
            "para_insert",
            rf"^(?:{_ART}中?)?(?:第(?P<after>\d+)項|(?P<this>同項))の次に次の(?P<count>\d+)項を(?P<verb>加え|加える)$",
        ),
        (
            "para_insert",
            rf"^{_ART}に第(?P<first>1)(?P<unit>項){_MORE}?として次の(?P<count>\d+)項を(?P<verb>加え|加える)$",
        ),
        ("rewrite", r"^第(?P<art>\d+)条を次のように(?P<verb>改め|改める)$"),
        ("renumber", r"^(?:第(?P<first>\d+)条|(?P<same>同条))を第(?P<to>\d+)条と(?P<verb>し|する)$"),
        (
            "shift",
            rf"^第(?P<first>\d+)(?P<unit>条){_MORE}を(?P<by>\d+)条ずつ"
            r"(?P<verb>繰り下げ|繰り下げる|繰り上げ|繰り上げる)$",
        ),
        ("insert_after", r"^第(?P<after>\d+)条の次に次の(?P<count>\d+)条を(?P<verb>加え|加える)$"),
        (
            "insert_first",
            rf"^第(?P<first>\d+)(?P<unit>条){_MORE}?として次の(?P<count>\d+)条を(?P<verb>加え|加える)$",
        ),
        ("delete", rf"^第(?P<first>\d+)(?P<unit>条){_MORE}?を(?P<verb>削り|削る)$"),
        ("appendix", rf"^{_TABLE}を次のように(?P<verb>改め|改める)$"),
    ]
]
# the verbs that end a sentence (終止形); every other clause ends in 連用形 or, in a list of phrases,
# in 「に」
_FINAL = {"改める", "削る", "付する", "加える", "する", "繰り下げる", "繰り上げる"}


def apply(old: Version, sentences: Sequence[Sentence]) -> Version:
    """``old`` amended by ``sentences``, read from their text. Raises ``AmendmentCheckError`` for a sentence
    that cannot be read or applied."""
    text = Text(
        title=old.title,
        preamble=old.preamble,
        articles={
            n: ArticleText(
                a.key,
                a.caption,
                {
                    k + 1: Paragraph(a.labels[k], a.paragraphs[k], list(a.items[k]))
                    for k in range(len(a.paragraphs))
                },
            )
            for n, a in enumerate(old.articles, 1)
        },
        appendices=list(old.appendices),
    )
    for sentence in sentences:
        _apply_sentence(text, sentence)
    return Version(
        title=text.title,
        preamble=text.preamble,
        articles=tuple(_article_of(a) for _, a in sorted(text.articles.items())),
        appendices=tuple(text.appendices),
    )


def _article_of(article: ArticleText) -> Article:
    paragraphs = [article.paragraphs[k] for k in sorted(article.paragraphs)]
    return Article(
        article.key,
        article.caption,
        tuple(p.text for p in paragraphs),
        tuple(tuple(p.items) for p in paragraphs),
        ("", *(p.label for p in paragraphs[1:])),
    )


def _apply_sentence(text: Text, sentence: Sentence) -> None:
    try:
        shape, quotes = skeleton(sentence.text)
    except ValueError as error:
        raise AmendmentCheckError(provision=sentence.text, message=str(error)) from None
    reading = Reading(sentence, quotes, list(sentence.articles), list(sentence.paragraphs))
    if not shape.endswith("。"):
        raise reading.fail(N_("a sentence ends with 。"))
    pieces = shape[:-1].split("、")
    appendix_given = False
    for index, piece in enumerate(pieces):
        for kind, pattern in _PIECES:  # noqa: B007 (the kind found is used after the loop)
            match = pattern.match(piece)
            if match:
                break
        else:
            raise reading.fail(N_("cannot read 「{piece}」"), piece=piece)
        verb = match.group("verb")
        last = index == len(pieces) - 1
        if last and verb not in _FINAL:
            raise reading.fail(N_("the sentence ends in 「{piece}」, which is not 終止形"), piece=piece)
        if not last and verb in _FINAL:
            raise reading.fail(N_("「{piece}」 is 終止形 but the sentence goes on"), piece=piece)
        if kind not in ("replace", "remove_phrase", "row_replace", "row_remove_phrase", "column_replace"):
            reading.target = None
        if index and pieces[index - 1].endswith("Qに") and (kind != "replace" or match.group("subject")):
            raise reading.fail(N_("「{piece}」 is not followed by another phrase"), piece=pieces[index - 1])
        if kind == "appendix":
            if sentence.appendix is None:
                raise reading.fail(N_("no 別表 follows"))
            text.appendices[table_index(text, reading, match)] = sentence.appendix
            appendix_given = True
        else:
            _CLAUSES[kind](text, reading, match)
    if reading.quotes:
        raise reading.fail(N_("「{quote}」 is quoted for nothing"), quote=reading.quotes[0])
    if (
        reading.articles
        or reading.paragraphs
        or (sentence.appendix is not None and not appendix_given)
        or ((sentence.rows or sentence.cells) and not reading.rows_given)
    ):
        raise reading.fail(N_("text follows that the sentence does not use"))
    for appendix in text.appendices:
        clash = duplicate_labels(appendix)
        if clash is not None:
            raise reading.fail(N_("two rows of {rows} have one label after it"), rows=clash)
    if sorted(text.articles) != list(range(1, len(text.articles) + 1)):
        raise reading.fail(N_("the articles are numbered {numbers} after it"), numbers=sorted(text.articles))
    for number, article in text.articles.items():
        if sorted(article.paragraphs) != list(range(1, len(article.paragraphs) + 1)):
            raise reading.fail(
                N_("{article}'s 項 are numbered {numbers} after it"),
                article=article_number(number),
                numbers=sorted(article.paragraphs),
            )


# --- the clauses ------------------------------------------------------------------------------------------


def _clause_replace(text: Text, reading: Reading, match: re.Match[str]) -> None:
    place = place_of(text, reading, match)
    old, new = reading.quotes.pop(0), reading.quotes.pop(0)
    replace_phrase(reading, place, old, new)


def _clause_remove_phrase(text: Text, reading: Reading, match: re.Match[str]) -> None:
    replace_phrase(reading, place_of(text, reading, match), reading.quotes.pop(0), "")


def _caption(reading: Reading) -> str:
    quoted = reading.quotes.pop(0)
    if not (quoted.startswith("（") and quoted.endswith("）")) or len(quoted) < 3:
        raise reading.fail(N_("a 見出し is quoted in （）, not as 「{quoted}」"), quoted=quoted)
    return quoted[1:-1]


def _clause_caption_set(text: Text, reading: Reading, match: re.Match[str]) -> None:
    article = article_at(text, reading, match)
    if article.caption is None:
        raise reading.fail(N_("the article has no 見出し to change"))
    article.caption = _caption(reading)


def _clause_caption_add(text: Text, reading: Reading, match: re.Match[str]) -> None:
    article = article_at(text, reading, match)
    if article.caption is not None:
        raise reading.fail(N_("the article has a 見出し already"))
    article.caption = _caption(reading)


def _clause_caption_remove(text: Text, reading: Reading, match: re.Match[str]) -> None:
    article = article_at(text, reading, match)
    if article.caption is None:
        raise reading.fail(N_("the article has no 見出し to remove"))
    article.caption = None


def _clause_paragraphs_add(text: Text, reading: Reading, match: re.Match[str]) -> None:
    article = article_at(text, reading, match)
    top = max(article.paragraphs)
    for k in range(top + 1, top + int(match.group("count")) + 1):
        if not reading.paragraphs or reading.paragraphs[0].number != str(k):
            raise reading.fail(N_("the text of 第{k}項 does not follow"), k=k)
        printed = reading.paragraphs.pop(0)
        article.paragraphs[k] = Paragraph(printed.number, printed.text, list(printed.items))


def _numbers(match: re.Match[str], first: str = "first") -> list[int]:
    start = int(match.group(first))
    groups = match.groupdict()
    second, last = groups.get("second"), groups.get("last")
    if second:
        return [start, int(second)]
    if last:
        return list(range(start, int(last) + 1))
    return [start]


def _clause_paragraphs_remove(text: Text, reading: Reading, match: re.Match[str]) -> None:
    article = article_at(text, reading, match)
    for k in _numbers(match):
        if k not in article.paragraphs:
            raise reading.fail(N_("there is no 第{k}項"), k=k)
        del article.paragraphs[k]


def _owner(text: Text, reading: Reading, match: re.Match[str]) -> ArticleText:
    """The article a clause about its 項 names, or the one named before it (「第5条中第3項を第4項とし、
    第2項を第3項とし」)."""
    if match.groupdict().get("art") or match.groupdict().get("same"):
        return article_at(text, reading, match)
    if reading.last is None:
        raise reading.fail(N_("同条 before any article"))
    return reading.last


def _this(reading: Reading, article: ArticleText) -> int:
    """The number 同項 has now: the 項 named or moved last."""
    found = [k for k, p in article.paragraphs.items() if p is reading.paragraph]
    if not found:
        raise reading.fail(N_("同項 before any 項"))
    return found[0]


def _move_paragraphs(reading: Reading, article: ArticleText, moves: list[tuple[int, int]]) -> None:
    moving = {}
    for before, _after in moves:
        if before not in article.paragraphs:
            raise reading.fail(N_("there is no 第{k}項"), k=before)
        moving[before] = article.paragraphs.pop(before)
    for before, after in moves:
        if after in article.paragraphs or after < 1:
            raise reading.fail(N_("第{k}項 exists already"), k=after)
        article.paragraphs[after] = replace(moving[before], label="" if after == 1 else str(after))
        reading.paragraph = article.paragraphs[after]


def _clause_para_move(text: Text, reading: Reading, match: re.Match[str]) -> None:
    article = _owner(text, reading, match)
    first = _this(reading, article) if match.groupdict().get("this") else int(match.group("first"))
    _move_paragraphs(reading, article, [(first, int(match.group("to")))])


def _clause_para_shift(text: Text, reading: Reading, match: re.Match[str]) -> None:
    article = _owner(text, reading, match)
    by = int(match.group("by")) * (1 if match.group("verb").startswith("繰り下げ") else -1)
    _move_paragraphs(reading, article, [(n, n + by) for n in _numbers(match)])
    reading.paragraph = None


def _clause_para_insert(text: Text, reading: Reading, match: re.Match[str]) -> None:
    article = _owner(text, reading, match)
    groups = match.groupdict()
    if groups.get("first"):
        after = 0
    else:
        after = _this(reading, article) if groups.get("this") else int(match.group("after"))
        if after not in article.paragraphs:
            raise reading.fail(N_("there is no 第{k}項"), k=after)
    count = int(match.group("count"))
    if groups.get("first") and _numbers(match) != list(range(1, count + 1)):
        raise reading.fail(N_("the 項 added first are not numbered from 第1項"))
    for k in range(after + 1, after + count + 1):
        label = "" if k == 1 else str(k)
        if k in article.paragraphs:
            raise reading.fail(N_("第{k}項 exists already"), k=k)
        if not reading.paragraphs or reading.paragraphs[0].number != label:
            raise reading.fail(N_("the text of 第{k}項 does not follow"), k=k)
        printed = reading.paragraphs.pop(0)
        article.paragraphs[k] = Paragraph(printed.number, printed.text, list(printed.items))
    reading.paragraph = None


def _take_article(reading: Reading, number: int) -> PrintedArticle:
    if not reading.articles or reading.articles[0].number != article_number(number):
        raise reading.fail(N_("the text of {provision} does not follow"), provision=article_number(number))
    return reading.articles.pop(0)


def _from_print(printed: PrintedArticle, key: str | None) -> ArticleText:
    # a 項 printed with a label of its own (or none) is still the k-th 項: its label is part of its text
    paragraphs = {1: Paragraph("", printed.text, list(printed.items))}
    for k, paragraph in enumerate(printed.paragraphs, 2):
        paragraphs[k] = Paragraph(paragraph.number, paragraph.text, list(paragraph.items))
    return ArticleText(key, printed.caption, paragraphs)


def _clause_rewrite(text: Text, reading: Reading, match: re.Match[str]) -> None:
    number = int(match.group("art"))
    article = article_at(text, reading, match)
    text.articles[number] = _from_print(_take_article(reading, number), article.key)


def _move(text: Text, reading: Reading, moves: list[tuple[int, int]]) -> None:
    moving = {}
    for before, _after in moves:
        if before not in text.articles:
            raise reading.fail(N_("there is no {provision}"), provision=article_number(before))
        moving[before] = text.articles.pop(before)
    for before, after in moves:
        if after in text.articles or after < 1:
            raise reading.fail(N_("{provision} exists already"), provision=article_number(after))
        text.articles[after] = moving[before]


def _clause_renumber(text: Text, reading: Reading, match: re.Match[str]) -> None:
    if match.group("same"):  # 同条: the article the sentence named last, wherever it is now
        if reading.last is None:
            raise reading.fail(N_("同条 before any article"))
        first = next(n for n, article in text.articles.items() if article is reading.last)
    else:
        first = int(match.group("first"))
    _move(text, reading, [(first, int(match.group("to")))])


def _clause_shift(text: Text, reading: Reading, match: re.Match[str]) -> None:
    by = int(match.group("by")) * (1 if match.group("verb").startswith("繰り下げ") else -1)
    _move(text, reading, [(n, n + by) for n in _numbers(match)])


def _insert(text: Text, reading: Reading, numbers: list[int]) -> None:
    for number in numbers:
        if number in text.articles:
            raise reading.fail(N_("{provision} exists already"), provision=article_number(number))
        text.articles[number] = _from_print(_take_article(reading, number), None)


def _clause_insert_after(text: Text, reading: Reading, match: re.Match[str]) -> None:
    after = int(match.group("after"))
    if after not in text.articles:
        raise reading.fail(N_("there is no {provision}"), provision=article_number(after))
    _insert(text, reading, list(range(after + 1, after + int(match.group("count")) + 1)))


def _clause_insert_first(text: Text, reading: Reading, match: re.Match[str]) -> None:
    numbers = _numbers(match)
    if numbers != list(range(1, int(match.group("count")) + 1)):
        raise reading.fail(N_("the articles added first are not numbered from 第1条"))
    _insert(text, reading, numbers)


def _clause_delete(text: Text, reading: Reading, match: re.Match[str]) -> None:
    for number in _numbers(match):
        if text.articles.pop(number, None) is None:
            raise reading.fail(N_("there is no {provision}"), provision=article_number(number))


def _rows(text: Text, reading: Reading, match: re.Match[str], change: RowsChange) -> None:
    index = row_table(text, reading, match)
    where = row_where(match)
    try:
        text.appendices[index] = change_rows(text.appendices[index], *where, change)
    except LookupError as error:
        raise reading.fail("{reason}", reason=error) from None


def _clause_row_replace(text: Text, reading: Reading, match: re.Match[str]) -> None:
    place = row_place(text, reading, match)
    old, new = reading.quotes.pop(0), reading.quotes.pop(0)
    replace_phrase(reading, place, old, new)


def _clause_column_replace(text: Text, reading: Reading, match: re.Match[str]) -> None:
    index, column = table_index(text, reading, match), match.group("column")

    def write(i: int, value: str) -> None:
        texts = column_texts(text.appendices[index], column)
        text.appendices[index] = with_column_texts(
            text.appendices[index], column, [*texts[:i], value, *texts[i + 1 :]]
        )

    place = reading.target = Place(
        f"{column}の欄", lambda: column_texts(text.appendices[index], column), write
    )
    try:  # no such column, or a quote that changes a row's label
        replace_phrase(reading, place, reading.quotes.pop(0), reading.quotes.pop(0))
    except LookupError as error:
        raise reading.fail("{reason}", reason=error) from None


def _clause_row_remove_phrase(text: Text, reading: Reading, match: re.Match[str]) -> None:
    replace_phrase(reading, row_place(text, reading, match), reading.quotes.pop(0), "")


def _clause_row_delete(text: Text, reading: Reading, match: re.Match[str]) -> None:
    _rows(text, reading, match, lambda rows, at: (*rows[:at], *rows[at + 1 :]))


def _clause_row_relabel(text: Text, reading: Reading, match: re.Match[str]) -> None:
    if (match.group("field2"), match.group("group2")) != (match.group("field"), match.group("group")):
        raise reading.fail(N_("a row is relabelled within its own field and sub-field"))
    label = match.group("row2")
    _rows(
        text, reading, match, lambda rows, at: (*rows[:at], replace(rows[at], label=label), *rows[at + 1 :])
    )


def _clause_row_rename(text: Text, reading: Reading, match: re.Match[str]) -> None:
    if not isinstance(text.appendices[row_table(text, reading, match)], Table):
        raise reading.fail(N_("a row is relabelled within its own field and sub-field"))
    name = match.group("name2")
    _rows(text, reading, match, lambda rows, at: (*rows[:at], (name, *rows[at][1:]), *rows[at + 1 :]))


def _clause_row_add(text: Text, reading: Reading, match: re.Match[str]) -> None:
    # rows of 取組 to a 別表 of them, rows of cells to a table of text
    table = isinstance(text.appendices[row_table(text, reading, match)], Table)
    added = reading.sentence.cells if table else reading.sentence.rows
    if not added or reading.rows_given:
        raise reading.fail(N_("no rows follow to add"))
    reading.rows_given = True
    before = 0 if "の前に" in match.group(0) else 1  # 「…の前に次のように加える」: before the row named
    _rows(text, reading, match, lambda rows, at: (*rows[: at + before], *added, *rows[at + before :]))


_CLAUSES: dict[str, Callable[[Text, Reading, re.Match[str]], None]] = {
    "row_replace": _clause_row_replace,
    "column_replace": _clause_column_replace,
    "row_remove_phrase": _clause_row_remove_phrase,
    "row_delete": _clause_row_delete,
    "row_relabel": _clause_row_relabel,
    "row_rename": _clause_row_rename,
    "row_add": _clause_row_add,
    "row_add_before": _clause_row_add,
    "replace": _clause_replace,
    "remove_phrase": _clause_remove_phrase,
    "caption_set": _clause_caption_set,
    "caption_add": _clause_caption_add,
    "caption_remove": _clause_caption_remove,
    "paragraphs_add": _clause_paragraphs_add,
    "paragraphs_remove": _clause_paragraphs_remove,
    "para_move": _clause_para_move,
    "para_shift": _clause_para_shift,
    "para_insert": _clause_para_insert,
    "rewrite": _clause_rewrite,
    "renumber": _clause_renumber,
    "shift": _clause_shift,
    "insert_after": _clause_insert_after,
    "insert_first": _clause_insert_first,
    "delete": _clause_delete,
}
