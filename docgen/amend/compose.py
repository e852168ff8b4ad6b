"""Changes → the 改め文 in the order 法制執務 writes them.

- the title, the preamble, then the articles, then the 別表 (``tables``);
- an article that keeps its number is amended by a sentence of its own (``kaibun.article_sentence``);
- articles added, deleted or renumbered are one sentence, a chain of clauses (split, the numbers would
  have gaps between its sentences), the articles it adds printed after it in the order of their clauses:

  1. deletions and the articles they move up, from the front: a deleted article is cited by the number it
     was signed with, and never renumbered first (「第5条を削り、第6条を第5条とする。」);
  2. the articles that move down, from the back, each added article once the one before it stands at its
     final number (「第6条を第7条とし、第3条から第5条までを1条ずつ繰り下げ、第2条の次に次の1条を
     加える。」).

  Each number is then free when an article is moved to it: from the back nothing behind an article moving
  down still holds the number it takes, from the front nothing before one moving up does. An article that
  is renumbered and also amended is amended in the same clause chain, by the number it has at that point,
  then renumbered with 同条 (「第4条中「前条」を「第3条」に改め、同条を第5条とし、…」). A run of articles
  moved alike is 「第3条から第5条までを1条ずつ繰り下げ」, the back-most (front-most when moving up) on its own
  as drafters write it. An article renumbered and printed anew, or given a 項, is amended first, by its
  signed number, in a sentence of its own: the text printed after a sentence follows the sentence whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.amend.diff import ArticleChange, Changes
from docgen.amend.kaibun import (
    Clause,
    PrintedArticle,
    Sentence,
    article_sentence,
    join,
    number_range,
    own_clauses,
    phrase_clauses,
    printed_article,
)
from docgen.amend.tables import appendix_sentences
from docgen.amend.text import article_number


def sentences(changes: Changes) -> tuple[Sentence, ...]:
    """The 改め文 that turn ``changes.old`` into ``changes.new``, in order."""
    found: list[Sentence] = []
    if changes.title is not None:
        found.append(Sentence(join(phrase_clauses("題名", changes.title))))
    if changes.preamble is not None:
        found.append(Sentence(join(phrase_clauses("前文", changes.preamble))))
    found += article_sentences(changes.articles)
    for appendix in changes.appendices:
        found += appendix_sentences(appendix)
    return tuple(found)


@dataclass
class _Step:
    """One step of the chain: an article moved (with the clauses of its own changes), articles deleted, or
    articles added after the one now numbered ``after`` (0: before the first)."""

    kind: str  # "move", "delete", "insert"
    old: int = 0
    new: int = 0
    own: list[Clause] = field(default_factory=list)
    numbers: tuple[int, ...] = ()
    after: int = 0
    added: tuple[PrintedArticle, ...] = ()


def article_sentences(articles: tuple[ArticleChange, ...]) -> list[Sentence]:
    kept = [a for a in articles if a.kind in ("same", "replaced")]
    moving = [a for a in kept if a.old_number != a.new_number]
    if not (moving or any(a.kind in ("inserted", "deleted") for a in articles)):
        return [article_sentence(a, a.new_number or 0) for a in kept if a.changed]
    first = _first_moved(articles)
    before: list[Sentence] = []
    after: list[Sentence] = []
    own: dict[int, list[Clause]] = {}
    for change in kept:
        assert change.old_number is not None
        if change.old_number == change.new_number:
            if change.changed:
                where = before if change.old_number < first else after
                where.append(article_sentence(change, change.old_number))
        elif change.changed:
            clauses, paragraphs, printed = own_clauses(change, change.old_number)
            if printed is not None or paragraphs:
                before.append(
                    Sentence(join(clauses), articles=(printed,) if printed else (), paragraphs=paragraphs)
                )
            else:
                own[change.old_number] = clauses
    steps = _front_steps(articles, own) + _back_steps(articles, own)
    return before + _chain(steps) + after


def _first_moved(articles: tuple[ArticleChange, ...]) -> int:
    """The signed number of the first article deleted or moved, or before which one is added."""
    position = 1
    for change in articles:
        if change.kind in ("inserted", "deleted") or change.old_number != change.new_number:
            return position
        position += 1
    return position


def _front_steps(articles: tuple[ArticleChange, ...], own: dict[int, list[Clause]]) -> list[_Step]:
    """Deletions and the articles moving up, front to back."""
    steps: list[_Step] = []
    deleted: list[int] = []

    def flush() -> None:
        # consecutive deletions in one clause: 「第3条及び第4条を削り」
        while deleted:
            end = 1
            while end < len(deleted) and deleted[end] == deleted[end - 1] + 1:
                end += 1
            steps.append(_Step("delete", numbers=tuple(deleted[:end])))
            del deleted[:end]

    for change in articles:
        if change.kind == "deleted":
            assert change.old_number is not None
            deleted.append(change.old_number)
            continue
        flush()
        if change.kind != "inserted" and (change.new_number or 0) < (change.old_number or 0):
            assert change.old_number is not None and change.new_number is not None
            steps.append(_Step("move", change.old_number, change.new_number, own.get(change.old_number, [])))
    flush()
    return steps


def _back_steps(articles: tuple[ArticleChange, ...], own: dict[int, list[Clause]]) -> list[_Step]:
    """The articles moving down, back to front, and the articles added, each once the article before it
    stands at its final number."""
    present = [a for a in articles if a.kind != "deleted"]  # in the new order
    steps: list[_Step] = []
    done: set[int] = set()

    def move(change: ArticleChange) -> None:
        assert change.old_number is not None and change.new_number is not None
        if change.kind != "inserted" and change.new_number > change.old_number:
            steps.append(_Step("move", change.old_number, change.new_number, own.get(change.old_number, [])))
        done.add(id(change))

    at = len(present) - 1
    while at >= 0:
        change = present[at]
        if change.kind != "inserted":
            if id(change) not in done:
                move(change)
            at -= 1
            continue
        start = at
        while start > 0 and present[start - 1].kind == "inserted":
            start -= 1
        group = present[start : at + 1]
        previous = present[start - 1] if start else None
        if previous is not None and id(previous) not in done:
            move(previous)
        added = tuple(printed_article(a.new, a.new_number) for a in group if a.new and a.new_number)
        steps.append(_Step("insert", after=(previous.new_number or 0) if previous else 0, added=added))
        at = start - 1
    return steps


def _chain(steps: list[_Step]) -> list[Sentence]:
    """The steps as the clauses of one sentence, the articles it adds printed after it in the order of
    their clauses: split, the numbers would have gaps between its sentences."""
    if not steps:
        return []
    clauses: list[Clause] = []
    added: list[PrintedArticle] = []
    run: list[_Step] = []  # plain moves alike, in the order they are made

    def flush() -> None:
        clauses.extend(_run_clauses(run))
        run.clear()

    for step in steps:
        if step.kind == "move" and not step.own:
            if run and not _continues(run[-1], step):
                flush()
            run.append(step)
            continue
        flush()
        if step.kind == "move":
            clauses.extend(step.own)
            clauses.append((f"同条を{article_number(step.new)}", "とする"))
        elif step.kind == "delete":
            clauses.append((f"{number_range(step.numbers[0], step.numbers[-1])}を", "削る"))
        else:
            count = len(step.added)
            if step.after:
                clauses.append((f"{article_number(step.after)}の次に次の{count}条を", "加える"))
            else:
                clauses.append((f"{number_range(1, count)}として次の{count}条を", "加える"))
            added += step.added
    flush()
    return [Sentence(join(clauses), articles=tuple(added))]


def _continues(last: _Step, step: _Step) -> bool:
    """``step`` moves the article next to ``last``'s, by as much and in the order of the sweep."""
    by = last.new - last.old
    return step.new - step.old == by and step.old == last.old + (-1 if by > 0 else 1)


def _run_clauses(run: list[_Step]) -> list[Clause]:
    """A run of articles moved alike: the first on its own, then the second on its own or the rest
    together (「第6条を第7条とし、第3条から第5条までを1条ずつ繰り下げ」)."""
    if not run:
        return []
    clauses: list[Clause] = [(f"{article_number(run[0].old)}を{article_number(run[0].new)}", "とする")]
    rest = run[1:]
    if len(rest) == 1:
        clauses.append((f"{article_number(rest[0].old)}を{article_number(rest[0].new)}", "とする"))
    elif rest:
        by = run[0].new - run[0].old
        numbers = sorted(step.old for step in rest)
        verb = "繰り下げる" if by > 0 else "繰り上げる"
        clauses.append((f"{number_range(numbers[0], numbers[-1])}を{abs(by)}条ずつ", verb))
    return clauses
