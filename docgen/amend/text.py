"""The printed text of one version of an agreement, as the amendment code compares it.

Only what a reader sees is kept: the title, the preamble, the articles (見出し and 項) and the 別表. Numbers
that follow from position (第1条, the 項 numbers 2, 3, …) are not stored but derived; an article's ``key``
(its id in YAML) is what makes it the same article in two versions, and is never printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import ja


@dataclass(frozen=True)
class Article:
    """One article (条). ``paragraphs`` are its 項: the first is printed after the number, the others
    numbered 2, 3, …"""

    key: str | None
    caption: str | None
    paragraphs: tuple[str, ...]

    def __post_init__(self) -> None:
        # a bare string would pass as a tuple of one-character 項
        if not isinstance(self.paragraphs, tuple) or not self.paragraphs:
            raise TypeError(f"an article's paragraphs are a non-empty tuple of str, not {self.paragraphs!r}")


@dataclass(frozen=True)
class Row:
    """One 取組 of the 別表: its label (ア, イ, …), name, description and the role of each party."""

    label: str
    item: str
    text: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    """The rows of a field, or of one of its sub-fields ((1), (2), …; number and title None when the field
    has no sub-fields)."""

    number: str | None
    title: str | None
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class AppendixField:
    """A field (分野) of the 別表: 1, 2, … with its title."""

    number: str
    title: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Appendix:
    """The 別表. ``parties`` are the labels (甲, 乙, …) whose roles each row gives, in that order."""

    title: str
    heading: str
    parties: tuple[str, ...]
    fields: tuple[AppendixField, ...]

    def texts(self) -> tuple[str, ...]:
        """Every piece of text the 別表 prints, in order: where a quoted phrase must be unambiguous."""
        found = [self.title, self.heading, *self.parties]
        for field_ in self.fields:
            found += [field_.number, field_.title]
            for group in field_.groups:
                found += [group.number or "", group.title or ""]
                for row in group.rows:
                    found += [row.label, row.item, row.text, *row.roles]
        return tuple(text for text in found if text)


@dataclass(frozen=True)
class Version:
    """An agreement's text at one point of its life."""

    title: str
    preamble: str
    articles: tuple[Article, ...]
    appendix: Appendix | None = None


def article_number(position: int) -> str:
    """第1条, 第2条, … (Arabic digits: horizontal writing)."""
    return ja.article_number(position)


def caption_text(caption: str) -> str:
    """A 見出し as printed: （目的）."""
    return f"（{caption}）"


def version_from_context(context: Mapping[str, Any]) -> Version:
    """The text a template prints for one resolved agreement (``docgen.agreement._resolve``'s context)."""
    articles = tuple(
        Article(
            key=article.get("id"),
            caption=article.get("caption"),
            paragraphs=(article["text"], *(p["text"] for p in article.get("paragraphs", ()))),
        )
        for article in context["articles"]
    )
    appendix = context.get("appendix")
    return Version(
        title=context["title"],
        preamble=context["preamble"],
        articles=articles,
        appendix=_appendix(appendix, context.get("parties", ())) if appendix else None,
    )


def _appendix(appendix: Mapping[str, Any], parties: Sequence[Any]) -> Appendix:
    fields = tuple(
        AppendixField(
            number=field_["number"],
            title=field_["title"],
            groups=tuple(
                Group(
                    number=group.get("number"),
                    title=group.get("title"),
                    rows=tuple(
                        Row(
                            label=row["label"],
                            item=row["item"],
                            text=row["text"],
                            roles=tuple(row.get("roles", ())),
                        )
                        for row in group["rows"]
                    ),
                )
                for group in field_["groups"]
            ),
        )
        for field_ in appendix["fields"]
    )
    labels = tuple(_label(party) for party in parties)
    if not labels:  # a context without parties: as many labels as a row has roles
        widest = max((len(r.roles) for f in fields for g in f.groups for r in g.rows), default=0)
        labels = tuple(ja.party_labels(widest)) if widest else ()
    return Appendix(title=appendix["title"], heading=appendix["heading"], parties=labels, fields=fields)


def _label(party: Any) -> str:
    return party["label"] if isinstance(party, Mapping) else party.label
