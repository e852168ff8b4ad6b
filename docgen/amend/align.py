"""Which item of an old list is which item of the new one: articles, 項, parts of the 別表.

An alignment is the list of pairs (old index, new index) in reading order, with None on the side where an item
was removed or added. Pairs that the caller knows to be the same item (same id, same caption) are kept as far
as they are in order (a longest increasing run); an item that moved is removed and added. Between those, items
are paired by position when both sides have as many, else by likeness of their text; 項 (``by_likeness``) by
likeness in an equal gap too where that pairs them better (a 項 deleted and one added after the next).
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
Pair = tuple[int | None, int | None]

LIKENESS = 0.5
"""Below this difflib ratio two texts are taken for different items, not one item changed."""


def in_order(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by old index) whose new indices increase."""
    pairs = sorted(pairs)
    tails: list[int] = []  # tails[k]: index in pairs of the smallest last new index of a run of k + 1
    before: list[int | None] = []
    for index, (_, new) in enumerate(pairs):
        k = bisect.bisect_left([pairs[t][1] for t in tails], new)
        before.append(tails[k - 1] if k else None)
        if k == len(tails):
            tails.append(index)
        else:
            tails[k] = index
    run: list[tuple[int, int]] = []
    at = tails[-1] if tails else None
    while at is not None:
        run.append(pairs[at])
        at = before[at]
    return run[::-1]


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def align(
    old: Sequence[T],
    new: Sequence[T],
    *,
    anchors: Sequence[tuple[int, int]] = (),
    text: Callable[[T], str],
    may_pair: Callable[[T, T], bool] = lambda a, b: True,
    by_likeness: bool = False,
) -> list[Pair]:
    """Pair the items of ``old`` and ``new``. ``anchors`` are pairs known to be the same item; the rest are
    paired within the gaps between anchors, where ``may_pair`` allows it. With ``by_likeness`` (項: a 項
    deleted and one added in one article leave a gap of equal size, where position would pair each 項 with
    the one after it, rewritten), a gap of equal size is paired by likeness where that pairs items more
    alike than position does."""
    fixed = in_order(anchors)
    result: list[Pair] = []
    previous = (-1, -1)
    for anchor in [*fixed, (len(old), len(new))]:
        gap_old = range(previous[0] + 1, anchor[0])
        gap_new = range(previous[1] + 1, anchor[1])
        result += _gap(old, new, gap_old, gap_new, text, may_pair, by_likeness)
        if anchor[0] < len(old):
            result.append(anchor)
        previous = anchor
    return result


def _gap(
    old: Sequence[T],
    new: Sequence[T],
    gap_old: range,
    gap_new: range,
    text: Callable[[T], str],
    may_pair: Callable[[T, T], bool],
    by_likeness: bool = False,
) -> list[Pair]:
    if len(gap_old) == len(gap_new) and all(
        may_pair(old[i], new[j]) for i, j in zip(gap_old, gap_new, strict=True)
    ):
        by_position = list(zip(gap_old, gap_new, strict=True))
        if not by_likeness or len(gap_old) < 2:
            return by_position
        liked = _likeness(old, new, gap_old, gap_new, text, may_pair)
        # position kept unless likeness pairs more: items all rewritten (no pair alike) stay changed in place
        if _score(liked, old, new, text) > _score(by_position, old, new, text):
            return liked
        return by_position
    return _likeness(old, new, gap_old, gap_new, text, may_pair)


def _score(pairs: list[Pair], old: Sequence[T], new: Sequence[T], text: Callable[[T], str]) -> float:
    """The likeness of the pairs that are alike (at least ``LIKENESS``), summed."""
    likes = (similarity(text(old[i]), text(new[j])) for i, j in pairs if i is not None and j is not None)
    return sum(like for like in likes if like >= LIKENESS)


def _likeness(
    old: Sequence[T],
    new: Sequence[T],
    gap_old: range,
    gap_new: range,
    text: Callable[[T], str],
    may_pair: Callable[[T, T], bool],
) -> list[Pair]:
    # the pairing with the greatest total likeness that keeps the order (a small dynamic programme)
    rows, cols = len(gap_old), len(gap_new)
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            a, b = old[gap_old[i]], new[gap_new[j]]
            like = similarity(text(a), text(b)) if may_pair(a, b) else 0.0
            paired = score[i + 1][j + 1] + like if like >= LIKENESS else -1.0
            score[i][j] = max(paired, score[i + 1][j], score[i][j + 1])
    pairs: list[Pair] = []
    i = j = 0
    while i < rows or j < cols:
        if i == rows:
            pairs.append((None, gap_new[j]))
            j += 1
        elif j == cols or score[i][j] == score[i + 1][j]:
            pairs.append((gap_old[i], None))
            i += 1
        elif score[i][j] == score[i][j + 1]:
            pairs.append((None, gap_new[j]))
            j += 1
        else:
            pairs.append((gap_old[i], gap_new[j]))
            i += 1
            j += 1
    return pairs
