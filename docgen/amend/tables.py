"""The 改め文 of a 別表."""

from __future__ import annotations

from docgen.amend.diff import AppendixChange
from docgen.amend.kaibun import Sentence, join, phrase_clauses


def appendix_sentences(change: AppendixChange) -> list[Sentence]:
    if change.whole:
        return [Sentence(f"{change.name}を次のように改める。", appendix=change.new)]
    assert change.title is not None
    return [Sentence(join(phrase_clauses(change.name, change.title)))]
