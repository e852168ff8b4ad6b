"""Amending an agreement: the 改め文 and the 新旧対照表 from two versions of its text, checked against each
other.

Pure Python over the printed text (``text.Version``), no Word, YAML or files:

- ``diff.changes(old, new)``: what changed, provision by provision, as quotable phrases (``phrases``);
- ``references.follow_renumbering(old, new)``: the new text with references to renumbered articles that the
  author left untouched brought up to date (ハネ改正); ``references.stale_references(old, new)``: those
  references, and the ones whose article or 項 is gone, to tell the author about where the new text is printed
  as written (docgen's own texts: ``{{ ref.x }}`` follows by itself, a literal 第3条, 次条 or 前項 does not);
  ``docgen.base.denote.references(text, where, shape)``: what each literal reference in a text names;
- ``kaibun.sentences(changes)``: the 改め文;
- ``apply.check(old, new, sentences)``: the 改め文, read back and applied to the old text, must give the new
  one;
- ``comparison.comparison(changes)``: the rows of the 新旧対照表, underlining exactly what the 改め文 quote.

``amend(old, new)`` does all of it.

May import: ``docgen.base`` only (no Word, no YAML).
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.amend.comparison import Comparison, comparison
from docgen.amend.compose import sentences
from docgen.amend.diff import Changes, changes
from docgen.amend.kaibun import Sentence
from docgen.amend.references import Stale, follow_renumbering, stale_references
from docgen.amend.text import Version, version_from_context
from docgen.amend.verify import check

__all__ = [
    "Amendment",
    "Stale",
    "Version",
    "amend",
    "changes",
    "check",
    "comparison",
    "follow_renumbering",
    "sentences",
    "stale_references",
    "version_from_context",
]


@dataclass(frozen=True)
class Amendment:
    """What an amending instrument prints: its sentences and the 新旧対照表, from ``old`` to ``new``."""

    old: Version
    new: Version
    changes: Changes
    sentences: tuple[Sentence, ...]
    comparison: Comparison


def amend(
    old: Version, new: Version, *, new_left: bool = True, follow: bool = True, marks: bool = True
) -> Amendment:
    """The amendment from ``old`` to ``new``: with ``follow``, references to renumbered articles are first
    brought up to date in ``new`` (see ``Amendment.new``); without it, ``new`` is taken as printed (what
    ``docgen amend`` does: the amendment must give exactly what ``docgen build`` prints); ``marks``:
    「（新設）」 and 「（削る）」 on the empty side of the 新旧対照表 (``comparison.comparison``). Raises
    ``AmendmentCheckError`` when the 改め文 do not give the new text, so that nothing wrong is ever
    written."""
    if follow:
        new = follow_renumbering(old, new)
    found = changes(old, new)
    written = sentences(found)
    check(old, new, written)
    return Amendment(old, new, found, written, comparison(found, new_left=new_left, marks=marks))
