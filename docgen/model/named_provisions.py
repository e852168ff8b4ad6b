"""``docgen build`` and ``check``'s note on a 前条, 次条 or 前項 that names the wrong provision, judged as a
reviewer judges it without the signed text to compare with.

「前条に規定する目的」, 「次条に規定する取組」, 「前項の規定による通知」: such a reference says what it
names (目的, 取組, 通知), and the article or 項 it names must define or mention that (in its caption or
text). When an article is added before another and nobody follows the 前条 in it, 前条 names the new
article, which seldom mentions the thing: that is told at the field's ``file:line:column``, as is a 前条 in
第1条 or a 次項 in a last 項, which name nothing. References by number are told by ``literal_references``
already (a 第3条 written as text), and 同条 repeats a reference before it.

A warning, not a mistake: the text prints as written, and the thing may well be meant in other words.
"""

from __future__ import annotations

import re
from typing import Any

from docgen.base.denote import Reference, Target, references
from docgen.base.errors import Problem
from docgen.base.i18n import _
from docgen.base.ja import article_number
from docgen.base.patterns import regex
from docgen.model.agreement import strings_in
from docgen.model.loader import Loaded
from docgen.model.spec import loc_text

_JINJA = regex(r"{{.*?}}|{%.*?%}|{#.*?#}", re.DOTALL)
# what a reference says it names: 「前条に規定する目的を」 → 目的; a word up to a particle or punctuation
_THING = regex(r"(?:に規定する|の規定による)(?P<thing>[^をにがはのでとも、。「」（）()\s]+)")
_LITERAL = regex(r"第\d+条|同")  # a reference written as 第N条, or 同条


def unmentioned(loaded: Loaded, articles: list[Any]) -> list[Problem]:
    """The references in the articles of ``loaded`` (whose articles are ``articles``, as written in YAML)
    that name nothing, or a provision that does not mention what they say they name."""
    shape = [len(_paragraphs(article)) for article in articles]
    data = loaded.data if isinstance(loaded.data, dict) else {}
    if data.get("articles") is not articles:
        return []  # the articles are another file's: their references are told there
    problems: list[Problem] = []
    for index, article in enumerate(articles):
        for paragraph, text_loc, value in _texts(article):
            loc = ("articles", index, *text_loc)
            text = _JINJA.sub(lambda match: " " * len(match.group()), value)
            where = (index, paragraph)
            for reference in references(text, where, shape):
                if _LITERAL.match(reference.written):
                    continue  # an article's number is told as a literal 第N条; 同条 repeats one before it
                message = _judge(reference, text, index, articles, loc_text(loc))
                if message is not None:
                    problems.append(loaded.problem(loc, message))
    return problems


def _paragraphs(article: Any) -> list[Any]:
    text = article.get("text") if isinstance(article, dict) else None
    return text if isinstance(text, list) else [text]


def _texts(article: Any) -> list[tuple[int | None, tuple[str | int, ...], str]]:
    """Each text of an article: (項 index or None for the caption, its place below the article, text)."""
    if not isinstance(article, dict):
        return []
    found: list[tuple[int | None, tuple[str | int, ...], str]] = []
    if isinstance(article.get("caption"), str):
        found.append((None, ("caption",), article["caption"]))
    text = article.get("text")
    if isinstance(text, str):
        return [*found, (0, ("text",), text)]
    for k, paragraph in enumerate(text if isinstance(text, list) else []):
        found += [(k, ("text", k, *loc), value) for loc, value in strings_in(paragraph)]
    return found


def _judge(reference: Reference, text: str, at: int, articles: list[Any], field: str) -> str | None:
    """The message for one reference, or None when it is right as far as can be told."""
    written = reference.written
    place = article_number(at + 1)
    if not reference.targets:
        return _(
            "{field}: 「{written}」 in {article} names no provision of this agreement: write the one meant, "
            "as {{{{ ref.<id> }}}} for an article or by its number"
        ).format(field=field, written=written, article=place)
    said = _THING.match(text, reference.end)
    if said is None:
        return None
    thing = said.group("thing")
    if any(thing in _mentions(target, articles) for target in reference.targets):
        return None
    named = "、".join(_name(target) for target in sorted(reference.targets, key=_order))
    phrase = written + said.group()
    values = {"field": field, "phrase": phrase, "article": place, "named": named, "thing": thing}
    if any(target[1] is not None for target in reference.targets):
        return _(
            "{field}: 「{phrase}」 in {article} names {named}, which does not mention 「{thing}」: if "
            "another 項 is meant, write its number (第N項)"
        ).format(**values)
    # the one other article that mentions it is likely the one meant (an article added before it moved
    # what 前条 and 次条 name)
    others = [k for k in range(len(articles)) if k != at and thing in _mentions((k, None), articles)]
    if len(others) == 1:
        meant = articles[others[0]]
        key = meant.get("id") if isinstance(meant, dict) else None
        values["meant"] = article_number(others[0] + 1)
        if key:
            return _(
                "{field}: 「{phrase}」 in {article} names {named}, which does not mention 「{thing}」; "
                "{meant} does: if it is meant, write {{{{ ref.{id} }}}}, which follows renumbering, or "
                "「{meant}」"
            ).format(**values, id=key)
        return _(
            "{field}: 「{phrase}」 in {article} names {named}, which does not mention 「{thing}」; {meant} "
            "does: if it is meant, give it an id and write {{{{ ref.<id> }}}}, which follows renumbering, "
            "or 「{meant}」"
        ).format(**values)
    return _(
        "{field}: 「{phrase}」 in {article} names {named}, which does not mention 「{thing}」: if another "
        "article is meant, write {{{{ ref.<id> }}}} for it, which follows renumbering, or its number"
    ).format(**values)


def _order(target: Target) -> tuple[int, int]:
    return (target[0], -1 if target[1] is None else target[1])


def _name(target: Target) -> str:
    article, paragraph = target
    return article_number(article + 1) + ("" if paragraph is None else f"第{paragraph + 1}項")


def _mentions(target: Target, articles: list[Any]) -> str:
    """The text of the article (caption and every 項) or 項 ``target`` names, joined."""
    article, paragraph = target
    found = articles[article]
    if paragraph is not None:
        return "\n".join(value for _, value in strings_in(_paragraphs(found)[paragraph]))
    parts = [found.get("caption") or ""] if isinstance(found, dict) else []
    return "\n".join([*parts, *(value for _, value in strings_in(_paragraphs(found)))])
