"""Where a quoted phrase may begin and end: word and 文節 boundaries found by a morphological analyser.

A 改め文 quotes 字句, meaningful units: a quote never cuts a word (「取り組む」, not 「組む」), never
leaves an auxiliary or a suffix behind its word (「快適な」), never begins right after a prefix
(「毎年度」, not 「年度」) and keeps a compound written in kanji, katakana and digits whole
(「少子高齢社会」, 「第3条関係」), as drafters quote it. A particle may stand outside a quote
(「「圏域」を」), where a 文節's head word ends; a quote ends after a particle only where its 文節 ends
before punctuation (「活力のある」, not 「活力の」), and never begins with a particle (「取組を」, not
「を」).

The analyser is fugashi (MeCab) with unidic-lite, UniDic's short units with their parts of speech.
Measured on this project's machine (2 cores): importing fugashi and opening unidic-lite takes about 4
ms, against about 45 ms for SudachiPy with sudachidict-core; SudachiPy's short mode also splits
「取り組む」 in two, where UniDic keeps it one word. It is imported here, inside a function, the first
time an amendment needs it: ``docgen build``, ``check`` and ``--help`` never load it."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from docgen.base.patterns import regex

_WORD_ONLY = regex(
    "[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
    "\u3005\u3006\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\u30a1-\u30fa\u30fc\u30fd\u30fe]+"
)
_CONJUNCTIONS = frozenset({"及び", "並びに", "又は", "若しくは", "且つ"})
# sorted: a set's order changes from run to run, and a pattern must read the same at each to be recorded
# ahead (docgen.base.patterns); no conjunction begins another, so their order does not change what matches
_CONJUNCTION = regex("|".join(sorted(_CONJUNCTIONS)))
# parts of speech that belong to the word before them: no quote may begin (or end just before) them
_BOUND_TO_PREVIOUS = frozenset({"助動詞", "接尾辞"})


@lru_cache(maxsize=1)
def _tagger() -> Any:
    # imported here, not at the top: only amending needs it, and build/check/--help must not pay for it
    import fugashi  # type: ignore[import-untyped]

    return fugashi.Tagger()


@lru_cache(maxsize=4096)
def boundaries(text: str) -> tuple[frozenset[int], frozenset[int]]:
    """The positions in ``text`` where a quoted phrase may begin, and those where it may end (0 and
    ``len(text)`` in both)."""
    tokens: list[tuple[int, int, str, str]] = []  # start, end, surface, part of speech
    found = {0, len(text)}
    dangling: set[int] = set()  # after a particle that leads into the next word
    leading: set[int] = set()  # before a particle
    at = 0
    for word in _tagger()(text):
        surface = word.surface
        start = text.find(surface, at)
        if start < 0:  # not found as written: no boundary is claimed inside what is left
            break
        if start > at:  # what the analyser skipped (a space) is a token of its own
            found.update((at, start))
        tokens.append((start, start + len(surface), surface, word.feature.pos1 or ""))
        at = start + len(surface)
    if tokens:
        found.update((tokens[0][0], tokens[-1][1]))
    for left, right in zip(tokens, tokens[1:], strict=False):
        if left[1] != right[0]:
            continue  # a skipped character between them: both edges are in ``found`` already
        if right[3] in _BOUND_TO_PREVIOUS or left[3] == "接頭辞":
            continue
        # a compound in kanji, katakana and digits stays whole, but 及び/並びに/… are words of their own
        if (
            _WORD_ONLY.fullmatch(left[2])
            and _WORD_ONLY.fullmatch(right[2])
            and not ({left[2], right[2]} & _CONJUNCTIONS)
        ):
            continue
        found.add(left[1])
        # a quote ends after a particle only where its 文節 ends before punctuation: 「活力のある」, not
        # 「活力の」; 「次のとおり」, not 「次の」
        if left[3] == "助詞" and right[3] != "補助記号":
            dangling.add(left[1])
        if right[3] == "助詞":  # nor begins with a particle: 「取組を」, not 「を実施」
            leading.add(left[1])
    # UniDic splits 並びに and 若しくは (並び|に): a conjunction is one word, with edges of its own
    for match in _CONJUNCTION.finditer(text):
        found.difference_update(range(match.start() + 1, match.end()))
        found.update((match.start(), match.end()))
        dangling.difference_update(range(match.start() + 1, match.end() + 1))
    return frozenset(found - leading), frozenset(found - dangling)
