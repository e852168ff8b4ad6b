"""``docgen check``'s note on references written as text: a literal 第3条 in a text field.

A text that names one of its document's articles by number (「第3条に規定する取組」) prints right today, and
names the wrong article once an article is added or removed before it; ``{{ ref.roles }}`` prints the number
the article has (第3条, then 第4条), so the text stays right and an amendment lists the change by itself.
Each such 第N条 is told at its field's ``file:line:column``, with the reference to write instead. A law's
article is not the document's (「地方自治法第252条の2」, 「…法（昭和22年法律第67号）第252条」), nor a number
beyond the document's articles.

It is a warning, not a mistake: the text prints as written, and an agreement as signed may well say 第3条.
``docgen build`` and ``docgen check`` print them as warnings and still succeed; ``docgen amend``, which
sees the signed text beside the new one, refuses (outside a draft) where a renumbering actually leaves such a
reference, or a 前条 or 次条, naming another article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docgen.base.errors import Problem, display
from docgen.base.i18n import _
from docgen.base.ja import ARTICLE_NUMBER
from docgen.base.patterns import regex
from docgen.model.agreement import Sources, strings_in
from docgen.model.loader import Loaded, load_yaml
from docgen.model.named_provisions import unmentioned
from docgen.model.records import Region
from docgen.model.resolved import REGION_FILE, Resolved
from docgen.model.spec import loc_text

_JINJA = regex(r"{{.*?}}|{%.*?%}|{#.*?#}", re.DOTALL)


def literal_references(resolved: Sequence[Resolved], sources: Sources | None = None) -> list[Problem]:
    """The literal references to their own articles in the agreement and region files of ``resolved``.

    ``sources``: the files the agreements were resolved from, so that a region's file is not parsed again.
    """
    scan = LiteralReferences(sources)
    for item in resolved:
        scan.add(item)
    return scan.found


class LiteralReferences:
    """The literal references of agreements told one at a time (``add``), each then let go: a batch keeps
    the references found (``found``, in order, each once), not the agreements' files."""

    def __init__(self, sources: Sources | None = None) -> None:
        self.sources = sources
        self._found: dict[Problem, None] = {}
        # a batch's few region files, each read and scanned once: a region's file gives the same notes for
        # each of its agreements
        self._regions: dict[Path, Loaded] = {}

    @property
    def found(self) -> list[Problem]:
        return list(self._found)

    def _read(self, path: Path) -> Loaded:
        if self.sources is not None and path.name == REGION_FILE:
            return self.sources.read(path, Region)[0]
        return load_yaml(path, display_path=display(path))

    def _region(self, path: Path) -> Loaded:
        """A region's file, read once."""
        if path not in self._regions:
            self._regions[path] = self._read(path)
        return self._regions[path]

    def add(self, item: Resolved) -> None:
        first = item.inputs[1] not in self._regions
        region = self._region(item.inputs[1])
        if first:  # a region's file gives the same notes for each of its agreements
            for problem in _scan(region, _articles(region)) + unmentioned(region, _articles(region)):
                self._found[problem] = None
        # the agreement as it was resolved, when it is still there: a batch does not parse each file twice
        agreement = item.loaded if item.loaded is not None else self._read(item.inputs[0])
        articles = _articles(agreement) or _articles(region)
        for problem in _scan(agreement, articles) + unmentioned(agreement, articles):
            self._found[problem] = None

    def written_at(self, item: Resolved, number: int, written: str, message: str) -> Problem | None:
        """``message`` placed at the first text of article ``number`` (from 1, as printed) of ``item`` that
        holds ``written`` outside its ``{{ … }}``: in the agreement's file when it has its own articles, else
        in its region's (read once for all its agreements). None when no such text is found (the words come
        from elsewhere, e.g. a reference's value)."""
        loaded = self._read(item.inputs[0])
        if not _articles(loaded):
            loaded = self._region(item.inputs[1])
        articles = _articles(loaded)
        if not 1 <= number <= len(articles):
            return None
        for loc, value in strings_in(articles[number - 1], ("articles", number - 1)):
            if written in _JINJA.sub(lambda match: " " * len(match.group()), value):
                return loaded.problem(loc, message)
        return None


def _articles(loaded: Loaded) -> list[Any]:
    data = loaded.data if isinstance(loaded.data, dict) else {}
    articles = data.get("articles")
    return articles if isinstance(articles, list) else []


def _scan(loaded: Loaded, articles: list[Any]) -> list[Problem]:
    problems: list[Problem] = []
    for loc, value in strings_in(loaded.data):
        text = _JINJA.sub(lambda match: " " * len(match.group()), value)
        for match in ARTICLE_NUMBER.finditer(text):
            number = int(match.group(1))
            if 1 <= number <= len(articles):
                problems.append(loaded.problem(loc, _message(loc, match.group(), number, articles)))
    return problems


def _message(loc: tuple[str | int, ...], written: str, number: int, articles: list[Any]) -> str:
    article = articles[number - 1]
    key = article.get("id") if isinstance(article, dict) else None
    if key:
        message = _(
            "{field}: 「{written}」 is written as text and keeps naming {written} when articles are added or "
            "removed before it; write {{{{ ref.{id} }}}}, which prints the article's number as it is"
        )
    else:
        message = _(
            "{field}: 「{written}」 is written as text and keeps naming {written} when articles are added or "
            "removed before it; give that article an id ({field_of_id}) and write {{{{ ref.<id> }}}}, which "
            "prints the article's number as it is"
        )
    return message.format(
        field=loc_text(loc), written=written, id=key, field_of_id=f"articles[{number - 1}].id"
    )
