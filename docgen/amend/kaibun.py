"""Changes → the amending sentences (改め文), in the order of the provisions they amend.

Forms (horizontal writing, Arabic digits):

- 題名中「A」を「B」に改める。 / 前文中… ; several phrases of one provision in one sentence:
  第3条中「A」を「B」に、「C」を「D」に改める。; a phrase removed: …「E」を削る。
  (chained: …に改め、「E」を削る。)
- a later 項, and an article of several 項: 第5条第2項中… ; the 見出し: 第5条の見出し中… , replaced
  whole 第5条の見出しを「（B）」に改める。, added 第5条に見出しとして「（B）」を付する。, removed
  第5条の見出しを削る。 One article's clauses are chained with 同条:
  第5条の見出し中「A」を「B」に改め、同条中「C」を「D」に改める。
- 項 added at the end: …同条に次の1項を加える。; the last 項 removed: 第5条第2項を削る。 Any other change
  of an article's 項, a 項 whose phrases would be most of it (``REWRITE_SHARE``) and an article put in
  another's place: 第5条を次のように改める。
- insertion, the modern form with 繰下げ from the back, the last article on its own:
  第6条を第7条とし、第3条から第5条までを1条ずつ繰り下げ、第2条の次に次の1条を加える。
  (two articles to move: 第6条を第7条とし、第5条を第6条とし、…; three: …、第4条及び第5条を1条ずつ繰り下げ、…);
  before the first article: …、第1条として次の1条を加える。
- deletion with 繰上げ, the first following article on its own:
  第3条を削り、第4条を第3条とし、第5条及び第6条を1条ずつ繰り上げる。 (第6条を削る。 when it is the last);
- the 別表: 別表を次のように改める。, or only its title: 別表中「第3条関係」を「第4条関係」に改める。;
  with several, 別表第2を次のように改める。
- a phrase in an item (号) is quoted in its 項 (第3条第1項中…, or 第3条中… when the article has one 項), which
  holds its items; items added or removed, or 項 labelled otherwise, print the article anew.

Sentences apply one after another, each using the numbering current at that point. They go front to back, so
an article changed after an insertion is named by its new number: the renumbering has already happened
(第6条を第7条とし、…第2条の次に次の1条を加える。 then 第6条中… for what was 第5条). A sentence that adds or
rewrites carries the new text (articles with number and caption, 項 with number, or the 別表) for the template
to print after it. The 附則 and the instrument's own words are the template's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from docgen.amend.diff import ArticleChange, Changes, ParagraphChange
from docgen.amend.phrases import Edit, balanced
from docgen.amend.text import AnyAppendix, Article, Item, Table, article_number, caption_text
from docgen.base.errors import AmendmentError

# each verb as it ends a clause inside a sentence (連用形) and at its end (終止形)
_VERBS = {
    "改める": "改め",
    "削る": "削り",
    "加える": "加え",
    "付する": "付し",
    "とする": "とし",
    "繰り下げる": "繰り下げ",
    "繰り上げる": "繰り上げ",
}


@dataclass(frozen=True)
class PrintedParagraph:
    number: str  # its label as printed: "2", "3", … ("" for an article's first 項, or an unnumbered one)
    text: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class PrintedArticle:
    """An article as printed after the sentence that adds or rewrites it; the shape of an article in the
    agreement template's context."""

    number: str  # 第3条
    caption: str | None
    text: str
    paragraphs: tuple[PrintedParagraph, ...]  # the 項 after the first
    items: tuple[Item, ...] = ()  # the items of the first 項

    def lines(self) -> list[tuple[str, int, str, str]]:
        """Every line after the first, as the agreement template prints them: (kind, level, label, text) of
        each 項 (level 0) and item (level 1 and below), in order."""
        found = [("item", item.level, item.label, item.text) for item in self.items]
        for paragraph in self.paragraphs:
            found.append(("paragraph", 0, paragraph.number, paragraph.text))
            found += [("item", item.level, item.label, item.text) for item in paragraph.items]
        return found


@dataclass(frozen=True)
class Sentence:
    """One amending sentence and the text it brings, if any."""

    text: str
    articles: tuple[PrintedArticle, ...] = ()
    paragraphs: tuple[PrintedParagraph, ...] = ()
    appendix: AnyAppendix | None = None

    def lines(self) -> list[str]:
        """The sentence and its text as plain lines (the 別表 rows with cells joined by TAB)."""
        lines = [self.text]
        for article in self.articles:
            if article.caption:
                lines.append(caption_text(article.caption))
            lines.append(f"{article.number}\u3000{article.text}")
            lines += [_line(label, text) for _, _, label, text in article.lines()]
        for paragraph in self.paragraphs:
            lines.append(_line(paragraph.number, paragraph.text))
            lines += [_line(item.label, item.text) for item in paragraph.items]
        if self.appendix is not None:
            lines += appendix_lines(self.appendix)
        return lines


def _line(label: str, text: str) -> str:
    return f"{label}\u3000{text}" if label else text


def appendix_lines(appendix: AnyAppendix) -> list[str]:
    lines = [appendix.title]
    if isinstance(appendix, Table):
        return lines + ["\t".join(row) for row in appendix.rows]
    header = "\t".join([appendix.heading, "", *(f"{label}の役割" for label in appendix.parties)])
    for field_ in appendix.fields:
        lines.append(f"{field_.number}\u3000{field_.title}")
        for group in field_.groups:
            if group.number or group.title:
                lines.append(f"{group.number}\u3000{group.title}")
            lines.append(header)
            lines += ["\t".join([f"{r.label}\u3000{r.item}", r.text, *r.roles]) for r in group.rows]
    return lines


def printed_article(article: Article, number: int) -> PrintedArticle:
    return PrintedArticle(
        number=article_number(number),
        caption=article.caption,
        text=article.paragraphs[0],
        paragraphs=tuple(
            PrintedParagraph(article.labels[k], article.paragraphs[k], article.items[k])
            for k in range(1, len(article.paragraphs))
        ),
        items=article.items[0],
    )


Clause = tuple[str, str]  # the words before the verb, the verb (a key of _VERBS)


def _join(clauses: list[Clause]) -> str:
    """「…に改め、…を削る。」: every clause but the last ends in 連用形."""
    parts = [words + _VERBS[verb] for words, verb in clauses[:-1]]
    words, verb = clauses[-1]
    return "、".join([*parts, words + verb]) + "。"


def phrase_clauses(subject: str, *changes: Edit) -> list[Clause]:
    """「{subject}中「A」を「B」に、「C」を「D」に改め」, 「「E」を削り」, …: the phrases of one
    provision, which may hold several texts (a 項 and its items), in reading order."""
    clauses: list[Clause] = []
    pairs: list[str] = []
    for change in changes:
        if not _quotable(change):
            raise AmendmentError(
                f"{subject}: its 「」 do not pair up, so no phrase of it can be quoted: {change.new}"
            )
    for phrase in (phrase for change in changes for phrase in change.quoted):
        if phrase.new:
            pairs.append(f"「{phrase.old}」を「{phrase.new}」に")
            continue
        if pairs:
            clauses.append(("、".join(pairs), "改める"))
            pairs = []
        clauses.append((f"「{phrase.old}」を", "削る"))
    if pairs:
        clauses.append(("、".join(pairs), "改める"))
    first, verb = clauses[0]
    clauses[0] = (f"{subject}中{first}", verb)
    return clauses


def sentences(changes: Changes) -> tuple[Sentence, ...]:
    """The 改め文 that turn ``changes.old`` into ``changes.new``, in order."""
    found: list[Sentence] = []
    if changes.title is not None:
        found.append(Sentence(_join(phrase_clauses("題名", changes.title))))
    if changes.preamble is not None:
        found.append(Sentence(_join(phrase_clauses("前文", changes.preamble))))
    found += _article_sentences(changes.articles)
    for appendix in changes.appendices:
        if appendix.whole:
            found.append(Sentence(f"{appendix.name}を次のように改める。", appendix=appendix.new))
        else:
            assert appendix.title is not None
            found.append(Sentence(_join(phrase_clauses(appendix.name, appendix.title))))
    return tuple(found)


def _runs(articles: Iterable[ArticleChange]) -> list[list[ArticleChange]]:
    """Consecutive inserted or deleted articles together; every other article on its own."""
    runs: list[list[ArticleChange]] = []
    for article in articles:
        if runs and article.kind in ("inserted", "deleted") and runs[-1][0].kind == article.kind:
            runs[-1].append(article)
        else:
            runs.append([article])
    return runs


def _article_sentences(articles: tuple[ArticleChange, ...]) -> list[Sentence]:
    found: list[Sentence] = []
    placed = 0  # articles already at their final number, from the front
    waiting = sum(1 for a in articles if a.old is not None)  # old articles not yet passed
    for run in _runs(articles):
        kind = run[0].kind
        if kind in ("same", "replaced"):
            placed += 1
            waiting -= 1
            if run[0].changed:
                found.append(_article_sentence(run[0], placed))
        elif kind == "deleted":
            count = len(run)
            waiting -= count
            clauses: list[Clause] = [(_range(placed + 1, placed + count) + "を", "削る")]
            clauses += _moved_up(placed + count + 1, placed + count + waiting, count)
            found.append(Sentence(_join(clauses)))
        else:
            count = len(run)
            clauses = _moved_down(placed + 1, placed + waiting, count)
            if placed:
                clauses.append((f"{article_number(placed)}の次に次の{count}条を", "加える"))
            else:
                clauses.append((f"{_range(1, count)}として次の{count}条を", "加える"))
            block = tuple(printed_article(a.new, placed + k) for k, a in enumerate(run, 1) if a.new)
            found.append(Sentence(_join(clauses), articles=block))
            placed += count
    return found


def _range(first: int, last: int, name: Callable[[int], str] = article_number) -> str:
    """第3条 / 第3条及び第4条 / 第3条から第5条まで, or the same of what ``name`` names (第2項)."""
    if first == last:
        return name(first)
    if last == first + 1:
        return f"{name(first)}及び{name(last)}"
    return f"{name(first)}から{name(last)}まで"


def _moved_down(first: int, last: int, by: int) -> list[Clause]:
    """繰下げ of 第first条–第last条, from the back: the last on its own, then the rest."""
    if last < first:
        return []
    clauses: list[Clause] = [(f"{article_number(last)}を{article_number(last + by)}", "とする")]
    return clauses + _rest(first, last - 1, by, "繰り下げる")


def _moved_up(first: int, last: int, by: int) -> list[Clause]:
    """繰上げ of 第first条–第last条 by ``by``, from the front: the first on its own, then the rest."""
    if last < first:
        return []
    clauses: list[Clause] = [(f"{article_number(first)}を{article_number(first - by)}", "とする")]
    return clauses + _rest(first + 1, last, -by, "繰り上げる")


def _rest(first: int, last: int, by: int, verb: str) -> list[Clause]:
    if last < first:
        return []
    if first == last:
        return [(f"{article_number(first)}を{article_number(first + by)}", "とする")]
    return [(f"{_range(first, last)}を{abs(by)}条ずつ", verb)]


def _article_sentence(change: ArticleChange, number: int) -> Sentence:
    old, new = change.old, change.new
    assert old is not None and new is not None
    name = article_number(number)
    if change.kind == "replaced" or _rewritten(change):
        return Sentence(f"{name}を次のように改める。", articles=(printed_article(new, number),))
    clauses: list[Clause] = []

    def subject() -> str:
        return name if not clauses else "同条"

    if change.caption_changed:
        if old.caption is None:
            clauses.append((f"{subject()}に見出しとして「{caption_text(new.caption or '')}」を", "付する"))
        elif new.caption is None:
            clauses.append((f"{subject()}の見出しを", "削る"))
        elif change.caption is not None and change.caption.whole:
            clauses.append((f"{subject()}の見出しを「{caption_text(new.caption)}」に", "改める"))
        elif change.caption is not None:
            clauses += phrase_clauses(f"{subject()}の見出し", change.caption)
    single = len(old.paragraphs) == 1
    for paragraph in change.paragraphs:
        if paragraph.edits:
            where = "" if single else f"第{paragraph.old_number}項"
            clauses += phrase_clauses(subject() + where, *paragraph.edits)
    removed = [p.old_number for p in change.paragraphs if p.new_number is None]
    added = [p for p in change.paragraphs if p.old_number is None]
    block: tuple[PrintedParagraph, ...] = ()
    if removed:
        items = _range(removed[0], removed[-1], lambda k: f"第{k}項")
        clauses.append((f"{subject()}{items}を", "削る"))
    if added:
        clauses.append((f"{subject()}に次の{len(added)}項を", "加える"))
        block = tuple(
            PrintedParagraph(str(p.new_number), new.paragraphs[p.new_number - 1])
            for p in added
            if p.new_number is not None
        )  # an added 項 with items, or labelled otherwise, prints the article anew (``_rewritten``)
    return Sentence(_join(clauses), paragraphs=block)


def _quotable(change: Edit) -> bool:
    return all(balanced(p.old) and balanced(p.new) for p in change.phrases)


def _rewritten(change: ArticleChange) -> bool:
    """Printed anew: 項 added or removed other than at the end, items added or removed, 項 labelled other
    than 2, 3, …, a 項 changed through and through, or a phrase that cannot be quoted (a 「 without its
    」)."""
    old, new = change.old, change.new
    assert old is not None and new is not None
    edits = [e for p in change.paragraphs for e in p.edits]
    if change.caption is not None:
        edits.append(change.caption)
    if not all(_quotable(e) for e in edits) or not balanced(new.caption or ""):
        return True
    if any(p.restructured for p in change.paragraphs):
        return True
    paired = [p for p in change.paragraphs if p.old_number is not None and p.new_number is not None]
    if not paired:  # none of its 項 is left: a new article in its place
        return True
    if change.paragraphs[: len(paired)] != tuple(paired):  # a 項 added or removed before another
        return True
    if any(p.old_number != k or p.new_number != k for k, p in enumerate(paired, 1)):
        return True
    rest = change.paragraphs[len(paired) :]
    if any(p.old_number is not None for p in rest) and any(p.new_number is not None for p in rest):
        return True
    if not (old.plain_labels and new.plain_labels) and old.labels != new.labels:
        return True
    if any(p.new_number is not None and new.items[p.new_number - 1] for p in rest):
        return True  # 「同条に次の1項を加える。」 prints a 項 without items
    return any(_mostly(p, old) for p in paired)


REWRITE_SHARE = 2 / 3
"""A 項 whose quoted phrases would hold more than this share of its text is printed anew instead."""


def _mostly(paragraph: ParagraphChange, old: Article) -> bool:
    if paragraph.edit is not None and paragraph.edit.whole:
        return True
    assert paragraph.old_number is not None
    quoted = sum(len(p.old) for e in paragraph.edits for p in e.phrases)
    return quoted > REWRITE_SHARE * sum(len(text) for text in old.texts(paragraph.old_number - 1))
