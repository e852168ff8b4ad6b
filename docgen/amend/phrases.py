"""The changed phrases of one provision: a character diff widened to what a 改め文 may quote.

A 改め文 quotes 字句, meaningful words or phrases, never a lone particle or kana. A quote replaces its
phrase wherever the phrase occurs in the provision named (第5条, 第5条第2項, a 見出し), so a phrase is
quoted where it occurs exactly once, or where every occurrence of it changes alike: then once
(「第5条中「毎年度」を「各年度」に改める。」). Where a quote may begin and end comes from a
morphological analyser (``words.boundaries``): words are never cut, an auxiliary or suffix stays with
its word, a compound in kanji, katakana and digits is one unit (「循環型社会構築」, 「第3条関係」), and
the conjunctions 及び, 並びに, 又は, 若しくは and 且つ are words of their own.

The steps, repeated until nothing moves:

1. widen each change to token boundaries in both the old and the new text;
2. a side without a word (「」, 「の」, 「、」) takes in the neighbouring word: the preceding one when the
   change begins with kana or punctuation (a particle belongs to the word before it:
   「活力ある」→「活力のある」), the following one when it begins with a word
   (「連絡会議」→「定例の連絡会議」); it reaches over 、 or 。 only when the other way has no word;
3. a phrase holds whole 「…」 pairs, so that the quotes around it can be read back;
4. changes closer than ``MERGE_GAP`` characters become one;
5. an addition or removal at the end of a phrase takes in the 、 or 。 after it, which shows where it ends
   (「毎年度、」→「毎年度1回以上、」);
6. a phrase that is not unique, in the provision and at its turn when the phrases are applied one after
   another, takes in one more token on the side that makes it unique soonest (on the right when both do),
   unless each of its occurrences is a change alike: those are quoted once (``Edit.quoted``).

A change that only removes a phrase with a word in it, not beginning with kana, is left as it is: it is
quoted 「「A」を削る」."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from docgen.amend.words import boundaries
from docgen.base.i18n import _
from docgen.base.patterns import regex

_WORD_CHARS = (
    "0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"  # digits and letters, half and full width
    "\u3005\u3006\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kanji, 々〆〇
    "\u30a1-\u30fa\u30fc\u30fd\u30fe"  # katakana with ー and ヽヾ (・ separates words: 地域医療・福祉)
)
_KANA_CHARS = "\u3041-\u3096\u309d\u309e"
_WORD = regex(rf"[{_WORD_CHARS}]")
_KANA = regex(rf"[{_KANA_CHARS}]")
_SENTENCE_MARKS = "、。"
MERGE_GAP = 2
"""Changes with at most this many unchanged characters between them are quoted as one phrase."""


@dataclass(frozen=True)
class Phrase:
    """One quoted change: ``old`` at ``old_start`` of the old text becomes ``new`` at ``new_start`` of the
    new text. An empty ``new`` removes ``old`` (「「A」を削る」)."""

    old: str
    new: str
    old_start: int
    new_start: int


@dataclass(frozen=True)
class Edit:
    """A provision's text before and after, with its changes as quotable phrases in order."""

    old: str
    new: str
    phrases: tuple[Phrase, ...]

    @property
    def quoted(self) -> tuple[Phrase, ...]:
        """The phrases as a 改め文 quotes them: a change made alike at every occurrence of a phrase once,
        since a quote replaces its phrase wherever it occurs in the provision."""
        seen: set[tuple[str, str]] = set()
        found = []
        for phrase in self.phrases:
            if (phrase.old, phrase.new) not in seen:
                seen.add((phrase.old, phrase.new))
                found.append(phrase)
        return tuple(found)

    @property
    def whole(self) -> bool:
        """The only phrase is the whole text: better printed anew than quoted."""
        return len(self.phrases) == 1 and self.phrases[0].old == self.old and self.phrases[0].new == self.new


def edit(old: str, new: str, *, elsewhere: Sequence[str] = ()) -> Edit:
    """The phrases that turn ``old`` into ``new``; each old phrase is unique in ``old`` and absent from the
    texts ``elsewhere`` (the rest of a provision that a 改め文 names as a whole, e.g. the 別表)."""
    return Edit(old, new, _Diff(old, new, tuple(elsewhere)).phrases() if old != new else ())


def has_word(text: str) -> bool:
    return _WORD.search(text) is not None


def balanced(text: str) -> bool:
    """Every 「 closed by a 」 after it, and no 」 without its 「."""
    return not _opens_too_late(text) and _closed(text)


def occurrences(text: str, phrase: str, limit: int = 2) -> int:
    """How often ``phrase`` occurs in ``text``, overlaps counted (「ああ」 twice in 「あああ」), up to
    ``limit``."""
    count, at = 0, text.find(phrase)
    while at != -1 and count < limit:
        count += 1
        at = text.find(phrase, at + 1)
    return count


def _boundaries(text: str) -> tuple[frozenset[int], frozenset[int]]:
    return boundaries(text) if text else (frozenset([0]), frozenset([0]))


class _Diff:
    """The two texts as one row of columns (an unchanged character, or a character of one side only);
    a change is a range of columns, so widening one moves over both texts at once."""

    def __init__(self, old: str, new: str, elsewhere: tuple[str, ...]) -> None:
        self.old, self.new, self.elsewhere = old, new, elsewhere
        columns: list[tuple[str | None, str | None]] = []
        spans: list[list[int]] = []
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                columns += zip(old[i1:i2], new[j1:j2], strict=True)
                continue
            start = len(columns)
            columns += [(char, None) for char in old[i1:i2]] + [(None, char) for char in new[j1:j2]]
            spans.append([start, len(columns)])
        self.columns, self.spans = columns, spans
        self.old_at, self.new_at = [0], [0]
        for before, after in columns:
            self.old_at.append(self.old_at[-1] + (before is not None))
            self.new_at.append(self.new_at[-1] + (after is not None))
        (self.old_starts, self.old_ends), (self.new_starts, self.new_ends) = (
            _boundaries(old),
            _boundaries(new),
        )

    # --- the texts of a range of columns ----------------------------------------------------------------

    def sides(self, start: int, end: int) -> tuple[str, str]:
        return (
            self.old[self.old_at[start] : self.old_at[end]],
            self.new[self.new_at[start] : self.new_at[end]],
        )

    def clean(self, column: int, end: bool = False) -> bool:
        """Where a phrase may begin (or, with ``end``, end) in both texts."""
        if end:
            return self.old_at[column] in self.old_ends and self.new_at[column] in self.new_ends
        return self.old_at[column] in self.old_starts and self.new_at[column] in self.new_starts

    @cached_property
    def size(self) -> int:
        return len(self.columns)

    def step_left(self, start: int) -> int:
        """The next clean boundary left of ``start``: one token more."""
        start -= 1
        while start > 0 and not self.clean(start):
            start -= 1
        return max(start, 0)

    def step_right(self, end: int) -> int:
        end += 1
        while end < self.size and not self.clean(end, end=True):
            end += 1
        return min(end, self.size)

    # --- the steps ----------------------------------------------------------------------------------------

    def phrases(self) -> tuple[Phrase, ...]:
        while True:
            while self.settle():
                pass
            index = self.ambiguous()
            if index is None:
                break
            self.disambiguate(index)
        found = (
            Phrase(*self.sides(start, end), self.old_at[start], self.new_at[start])
            for start, end in self.spans
        )
        # difflib may pair a removal with an equal addition; such a "change" changes nothing
        return tuple(phrase for phrase in found if phrase.old != phrase.new)

    def settle(self) -> bool:
        """One round of steps 1–5; True when a change moved."""
        moved = False
        for span in self.spans:
            start, end = span
            while start > 0 and not self.clean(start):
                start -= 1
            while end < self.size and not self.clean(end, end=True):
                end += 1
            old, new = self.sides(start, end)
            if not self.quotable(start, old, new) and (start, end) != (0, self.size):
                start, end = self.anchor(start, end)
            elif not (balanced(old) and balanced(new)) and (start, end) != (0, self.size):
                start, end = self.balance(start, end, old, new)
            elif old and new and (old.startswith(new) or new.startswith(old)) and self.mark_after(end):
                end += 1
            if [start, end] != span:
                span[:], moved = [start, end], True
        merged: list[list[int]] = []
        for span in sorted(self.spans):
            if merged and span[0] - merged[-1][1] <= MERGE_GAP:
                merged[-1][1] = max(merged[-1][1], span[1])
                moved = True
            else:
                merged.append(span)
        self.spans = merged
        return moved

    def quotable(self, start: int, old: str, new: str) -> bool:
        # a removal quotes only the old phrase, which must not begin with the kana that ends a word
        # (「する取組及び役割」 of 「連携する取組及び役割」; 「この連携協約の…」 after 、 is fine);
        # anything else needs a word on both sides
        if not new:
            at = self.old_at[start]
            inside = at > 0 and has_word(self.old[at - 1]) and _KANA.match(old) is not None
            return has_word(old) and not inside
        return has_word(old) and has_word(new)

    def mark_after(self, end: int) -> bool:
        if end >= self.size:
            return False
        before, after = self.columns[end]
        return before is not None and before == after and before in _SENTENCE_MARKS

    def anchor(self, start: int, end: int) -> tuple[int, int]:
        """Step 2: take in the word next to a change that has none."""
        old, new = self.sides(start, end)
        prefix = len(_common_prefix(old, new))
        core = (new[prefix:] or old[prefix:])[:1]
        left = self.reach(start, end, -1)
        right = self.reach(start, end, +1)
        options = [left, right] if not has_word(core) else [right, left]
        for option in options:  # without crossing 、 or 。
            if option is not None and option[2]:
                return option[0], option[1]
        for option in options:
            if option is not None:
                return option[0], option[1]
        return start, end

    def reach(self, start: int, end: int, direction: int) -> tuple[int, int, bool] | None:
        """The range widened towards ``direction`` until it takes in a word; whether it stayed within a
        sentence part (no 、 or 。 taken in). None at the edge of the text."""
        if (direction < 0 and start == 0) or (direction > 0 and end == self.size):
            return None
        taken = ""
        while True:
            if direction < 0:
                new_start = self.step_left(start)
                taken = self.sides(new_start, start)[0] + taken
                start = new_start
                done = start == 0
            else:
                new_end = self.step_right(end)
                taken += self.sides(end, new_end)[0]
                end = new_end
                done = end == self.size
            if has_word(taken) or done:
                return start, end, not any(mark in taken for mark in _SENTENCE_MARKS)

    def balance(self, start: int, end: int, old: str, new: str) -> tuple[int, int]:
        """Step 3: a phrase with a 」 but not its 「 reaches left, one with a 「 but not its 」 right."""
        if _opens_too_late(old) or _opens_too_late(new):
            start = self.step_left(start) if start > 0 else start
        if not _closed(old) or not _closed(new):
            end = self.step_right(end) if end < self.size else end
        return start, end

    def ambiguous(self) -> int | None:
        """Step 6: the first phrase that is not unique where it is read."""
        for index, (start, end) in enumerate(self.spans):
            old, _ = self.sides(start, end)
            if not self.unique(index, old):
                return index
        return None

    def unique(self, index: int, old: str) -> bool:
        start = self.spans[index][0]
        if index:  # the text as the phrases before this one have left it
            before = self.spans[index - 1][1]
            current = self.new[: self.new_at[before]] + self.old[self.old_at[before] :]
        else:
            current = self.old
        if (start, self.spans[index][1]) == (0, self.size):
            return True
        once = occurrences(self.old, old) == 1 and occurrences(current, old) == 1
        return (once or self.alike(index)) and not any(old in text for text in self.elsewhere)

    def alike(self, index: int) -> bool:
        """Every occurrence of the phrase in the old text is a change to the same new phrase."""
        old, new = self.sides(*self.spans[index])
        if not old:
            return False
        changes = {self.old_at[start]: self.sides(start, end) for start, end in self.spans}
        at = self.old.find(old)
        count = 0
        while at != -1:
            if changes.get(at) != (old, new):
                return False
            count += 1
            at = self.old.find(old, at + 1)
        return count > 1

    def disambiguate(self, index: int) -> None:
        start, end = self.spans[index]
        options = []
        if end < self.size:
            options.append((start, self.step_right(end)))
        if start > 0:
            options.append((self.step_left(start), end))
        saved = self.spans[index]
        unique = []
        for option in options:
            self.spans[index] = list(option)
            if self.unique(index, self.sides(*option)[0]):
                unique.append(option)
        self.spans[index] = saved
        # the shortest unique phrase, on the right when both are; else one more token on the right
        pick = min(unique, key=lambda o: o[1] - o[0]) if unique else options[0]
        self.spans[index] = list(pick)


def _common_prefix(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return a[:size]


def _opens_too_late(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"「": 1, "」": -1}.get(char, 0)
        if depth < 0:
            return True
    return False


def _closed(text: str) -> bool:
    depth = 0
    for char in text:
        if char == "「":
            depth += 1
        elif char == "」" and depth:
            depth -= 1
    return depth == 0


def skeleton(text: str) -> tuple[str, list[str]]:
    """The sentence with each outermost 「…」 replaced by Q, and the quoted texts (nested 「」 kept)."""
    shape, quotes, depth, quote = [], [], 0, []
    for char in text:
        if char == "「":
            depth += 1
            if depth == 1:
                quote = []
                continue
        elif char == "」":
            depth -= 1
            if depth < 0:
                raise ValueError(_("」 without 「"))
            if depth == 0:
                quotes.append("".join(quote))
                shape.append("Q")
                continue
        if depth:
            quote.append(char)
        else:
            shape.append(char)
    if depth:
        raise ValueError(_("「 without 」"))
    return "".join(shape), quotes
