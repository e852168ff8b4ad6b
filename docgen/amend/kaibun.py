"""The words of 改め文: the sentences' shape, the clauses that amend one article's own text, and the text a
sentence prints after it. ``compose`` puts them in order.

Forms (horizontal writing, Arabic digits):

- 題名中「A」を「B」に改める。 / 前文中… ; several phrases of one provision in one sentence:
  第3条中「A」を「B」に、「C」を「D」に改める。; a phrase removed: …「E」を削る。
  (chained: …に改め、「E」を削る。) A phrase changed alike at every place in the provision is quoted once.
- a later 項, and an article of several 項: 第5条第2項中… ; the 見出し: 第5条の見出し中… , replaced
  whole 第5条の見出しを「（B）」に改める。, added 第5条に見出しとして「（B）」を付する。, removed
  第5条の見出しを削る。 One article's clauses are chained with 同条:
  第5条の見出し中「A」を「B」に改め、同条中「C」を「D」に改める。
- 項 added at the end: …同条に次の1項を加える。; the last 項 removed: 第5条第2項を削る。 項 added, removed
  or moved elsewhere, renumbered as articles are (``compose``: deletions and 項 moving up from the front, 項
  moving down from the back, runs of four or more as 1項ずつ繰り下げ): only moved and added, the article named
  once, 第5条中第3項を第4項とし、第2項を第3項とし、第1項の次に次の1項を加える。; with a 項 deleted, one
  changed and moved, or one added as the first, each 項 named in full and the one just moved as 同項:
  第5条第2項を削り、同条第3項中「A」を「B」に改め、同項を同条第2項とし、同項の次に次の1項を加える。
  A 項 whose phrases would be most of it (``REWRITE_SHARE``), 項 reordered and an article put in another's
  place: 第5条を次のように改める。
- a phrase in an item (号) is quoted in its 項 (第3条第1項中…, or 第3条中… when the article has one 項), which
  holds its items; items added or removed, or 項 labelled otherwise, print the article anew.

A sentence that adds or rewrites carries the new text (articles with number and caption, 項 with number, or
the 別表) for the template to print after it. The 附則 and the instrument's own words are the template's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docgen.amend.diff import ArticleChange, ParagraphChange
from docgen.amend.phrases import Edit, balanced
from docgen.amend.text import AnyAppendix, Article, Item, Row, Table, article_number, caption_text
from docgen.base.errors import AmendmentError
from docgen.base.i18n import _

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
    rows: tuple[Row, ...] = ()  # rows of a 別表 added (「…の次に次のように加える。」)
    rows_heading: str = ""  # the heading of their table's first column (取組), as the 別表 has it
    cells: tuple[tuple[str, ...], ...] = ()  # rows added to a 別表 kept as a table of text: their cells

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
        lines += ["\t".join([f"{r.label}\u3000{r.item}", r.text, *r.roles]) for r in self.rows]
        lines += ["\t".join(cells) for cells in self.cells]
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


def join(clauses: list[Clause]) -> str:
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
                _("{provision}: its 「」 do not pair up, so no phrase of it can be quoted: {text}").format(
                    provision=subject, text=change.new
                )
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


def number_range(first: int, last: int, name: Callable[[int], str] = article_number) -> str:
    """第3条 / 第3条及び第4条 / 第3条から第5条まで, or the same of what ``name`` names (第2項)."""
    if first == last:
        return name(first)
    if last == first + 1:
        return f"{name(first)}及び{name(last)}"
    return f"{name(first)}から{name(last)}まで"


def article_sentence(change: ArticleChange, number: int) -> Sentence:
    """The sentence that amends one article in place (named 第``number``条)."""
    clauses, paragraphs, article = own_clauses(change, number)
    return Sentence(join(clauses), articles=(article,) if article else (), paragraphs=paragraphs)


def own_clauses(
    change: ArticleChange, number: int
) -> tuple[list[Clause], tuple[PrintedParagraph, ...], PrintedArticle | None]:
    """The clauses that amend one article's own text (named 第``number``条 first, then 同条), the 項 they
    add and, for an article printed anew, the article printed after them."""
    old, new = change.old, change.new
    assert old is not None and new is not None
    name = article_number(number)
    if change.kind == "replaced" or _rewritten(change):
        return [(f"{name}を次のように", "改める")], (), printed_article(new, number)
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
    moving = [p for p in change.paragraphs if p.old_number != p.new_number]
    for paragraph in change.paragraphs:
        if paragraph.edits and paragraph not in moving:
            where = "" if single else f"第{paragraph.old_number}項"
            clauses += phrase_clauses(subject() + where, *paragraph.edits)
    if not moving:
        return clauses, (), None
    if all(p.new_number is None for p in moving) and moving == list(change.paragraphs[-len(moving) :]):
        items = number_range(moving[0].old_number or 0, moving[-1].old_number or 0, _paragraph_name)
        clauses.append((f"{subject()}{items}を", "削る"))  # the last 項 removed
        return clauses, (), None
    if all(p.old_number is None for p in moving) and moving == list(change.paragraphs[-len(moving) :]):
        clauses.append((f"{subject()}に次の{len(moving)}項を", "加える"))  # 項 added at the end
        return clauses, _printed(new, moving), None
    steps = _paragraph_steps(change.paragraphs)
    return clauses + _paragraph_clauses(steps, subject(), bool(clauses)), _printed(new, moving), None


def _paragraph_name(number: int) -> str:
    return f"第{number}項"


def _printed(new: Article, changes: list[ParagraphChange]) -> tuple[PrintedParagraph, ...]:
    """The 項 added, printed after the sentence in the order their clauses add them (from the back)."""
    added = [p.new_number for p in changes if p.old_number is None and p.new_number is not None]
    order: list[int] = []
    for number in sorted(added, reverse=True):  # groups from the back, each group in its own order
        if number - 1 not in added:
            group = [number]
            while group[-1] + 1 in added:
                group.append(group[-1] + 1)
            order += group
    return tuple(
        PrintedParagraph("" if k == 1 else str(k), new.paragraphs[k - 1], new.items[k - 1]) for k in order
    )


@dataclass
class _Move:
    """One step of a 項 chain: a 項 moved (its own edits said first), 項 deleted, or 項 added after the one
    now numbered ``after`` (0: as the first)."""

    kind: str  # "move", "delete", "insert"
    old: int = 0
    new: int = 0
    edits: tuple[Edit, ...] = ()
    numbers: tuple[int, ...] = ()
    after: int = 0
    count: int = 0


def _paragraph_steps(paragraphs: tuple[ParagraphChange, ...]) -> list[_Move]:
    """As for articles (``compose``): deletions and the 項 moving up from the front, then the 項 moving
    down from the back, each group added once the 項 before it stands at its final number."""
    steps: list[_Move] = []
    deleted: list[int] = []
    for p in paragraphs:
        if p.new_number is None and p.old_number is not None:
            if deleted and p.old_number != deleted[-1] + 1:
                steps.append(_Move("delete", numbers=tuple(deleted)))
                deleted = []
            deleted.append(p.old_number)
            continue
        if deleted:
            steps.append(_Move("delete", numbers=tuple(deleted)))
            deleted = []
        if p.old_number is not None and p.new_number is not None and p.new_number < p.old_number:
            steps.append(_Move("move", p.old_number, p.new_number, p.edits))
    if deleted:
        steps.append(_Move("delete", numbers=tuple(deleted)))
    present = [p for p in paragraphs if p.new_number is not None]
    done: set[int] = set()

    def move(p: ParagraphChange) -> None:
        assert p.old_number is not None and p.new_number is not None
        if p.new_number > p.old_number:
            steps.append(_Move("move", p.old_number, p.new_number, p.edits))
        done.add(id(p))

    at = len(present) - 1
    while at >= 0:
        if present[at].old_number is not None:
            if id(present[at]) not in done:
                move(present[at])
            at -= 1
            continue
        start = at
        while start > 0 and present[start - 1].old_number is None:
            start -= 1
        previous = present[start - 1] if start else None
        if previous is not None and id(previous) not in done:
            move(previous)
        after = (previous.new_number or 0) if previous is not None else 0
        steps.append(_Move("insert", after=after, count=at - start + 1))
        at = start - 1
    return steps


def _paragraph_clauses(steps: list[_Move], article: str, named: bool) -> list[Clause]:
    """The chain as 法制執務 writes it. Only 項 moved and added: 「第5条中第3項を第4項とし、第2項を第3項とし、
    第1項の次に次の1項を加え」; with a 項 deleted, changed or added as the first, each 項 is named in full:
    「第5条第2項を削り、同条第3項中「A」を「B」に改め、同項を同条第2項とし、同項の次に次の1項を加え」.
    ``article`` names the article (第5条, or 同条 when ``named`` already)."""
    plain = all((s.kind == "move" and not s.edits) or (s.kind == "insert" and s.after) for s in steps)
    clauses: list[Clause] = []
    moved_to = 0  # what 同項 means: the 項 the clause before moved

    def name(number: int) -> str:
        if plain:
            return ("" if clauses else f"{article}中") + _paragraph_name(number)
        return ("同条" if clauses or named else article) + _paragraph_name(number)

    def target(number: int) -> str:
        return _paragraph_name(number) if plain else f"同条{_paragraph_name(number)}"

    at = 0
    while at < len(steps):
        step = steps[at]
        if step.kind == "delete":
            range_ = number_range(step.numbers[0], step.numbers[-1], _paragraph_name)
            clauses.append((name(0).removesuffix(_paragraph_name(0)) + range_ + "を", "削る"))
            moved_to = 0
        elif step.kind == "insert":
            count = f"次の{step.count}項を"
            if not step.after:
                numbers = number_range(1, step.count, _paragraph_name)
                clauses.append(
                    (f"{'同条' if clauses or named else article}に{numbers}として{count}", "加える")
                )
            elif step.after == moved_to and not plain:
                clauses.append((f"同項の次に{count}", "加える"))
            else:
                clauses.append((f"{name(step.after)}の次に{count}", "加える"))
            moved_to = 0
        elif step.edits:
            clauses += phrase_clauses(name(step.old), *step.edits)
            clauses.append((f"同項を{target(step.new)}", "とする"))
            moved_to = step.new
        else:
            run = [step]
            while (
                at + 1 < len(steps)
                and steps[at + 1].kind == "move"
                and not steps[at + 1].edits
                and steps[at + 1].new - steps[at + 1].old == step.new - step.old
                and steps[at + 1].old == run[-1].old + (-1 if step.new > step.old else 1)
            ):
                at += 1
                run.append(steps[at])
            clauses.append((f"{name(run[0].old)}を{target(run[0].new)}", "とする"))
            if len(run) == 2:
                clauses.append((f"{name(run[1].old)}を{target(run[1].new)}", "とする"))
            elif len(run) > 2:
                by = step.new - step.old
                numbers = sorted(s.old for s in run[1:])
                first = name(numbers[0]).removesuffix(_paragraph_name(numbers[0]))
                range_ = first + number_range(numbers[0], numbers[-1], _paragraph_name)
                clauses.append((f"{range_}を{abs(by)}項ずつ", "繰り下げる" if by > 0 else "繰り上げる"))
            moved_to = run[-1].new if len(run) == 1 else 0
        at += 1
    return clauses


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
    if [p.old_number for p in paired] != sorted(p.old_number for p in paired):  # 項 reordered
        return True
    added = [p for p in change.paragraphs if p.old_number is None]
    if not (old.plain_labels and new.plain_labels) and old.labels != new.labels:
        return True
    if any(p.new_number is not None and new.items[p.new_number - 1] for p in added):
        return True  # 「…次の1項を加える。」 prints a 項 without items
    return any(_mostly(p, old) for p in paired)


REWRITE_SHARE = 2 / 3
"""A 項 whose quoted phrases would hold more than this share of its text is printed anew instead."""


def _mostly(paragraph: ParagraphChange, old: Article) -> bool:
    if paragraph.edit is not None and paragraph.edit.whole:
        return True
    assert paragraph.old_number is not None
    quoted = sum(len(p.old) for e in paragraph.edits for p in e.phrases)
    return quoted > REWRITE_SHARE * sum(len(text) for text in old.texts(paragraph.old_number - 1))
