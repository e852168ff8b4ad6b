"""The printed text of one version of an agreement, as the amendment code compares it.

Only what a reader sees is kept: the title, the preamble, the articles (見出し, 項 and 号) and the 別表.
Numbers that follow from position (第1条, the 項 numbers 2, 3, …) are not stored but derived; an article's
``key`` (its id in YAML) is what makes it the same article in two versions, and is never printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from docgen.base import ja


@dataclass(frozen=True)
class Item:
    """An item (号) of a 項, or an item inside an item: its level (1 for 号, 2 for the ア inside it, …), its
    printed label ((1), ア, …) and its text."""

    level: int
    label: str
    text: str


def default_labels(count: int) -> tuple[str, ...]:
    """The labels 項 get without a label of their own: none for the first, then 2, 3, …"""
    return ("", *(str(k) for k in range(2, count + 1)))


@dataclass(frozen=True)
class Article:
    """One article (条). ``paragraphs`` are its 項: the first is printed after the number, the others
    numbered 2, 3, … (or as ``labels`` say). ``items`` are the 号 of each 項 in reading order, items inside
    items flattened with their level."""

    key: str | None
    caption: str | None
    paragraphs: tuple[str, ...]
    items: tuple[tuple[Item, ...], ...] = ()
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # a bare string would pass as a tuple of one-character 項
        if not isinstance(self.paragraphs, tuple) or not self.paragraphs:
            raise TypeError(f"an article's paragraphs are a non-empty tuple of str, not {self.paragraphs!r}")
        count = len(self.paragraphs)
        # no items and default labels fit any number of 項: ``replace(article, paragraphs=…)`` keeps them so
        if not any(self.items):
            object.__setattr__(self, "items", ((),) * count)
        if not self.labels or self.labels == default_labels(len(self.labels)):
            object.__setattr__(self, "labels", default_labels(count))
        if len(self.items) != count or len(self.labels) != count:
            raise TypeError("an article has one tuple of items and one label for each of its paragraphs")

    def texts(self, paragraph: int) -> tuple[str, ...]:
        """The texts of one 項 (from 0), its own and its items', in reading order: what 「第5条第2項中」
        names."""
        return (self.paragraphs[paragraph], *(item.text for item in self.items[paragraph]))

    def all_texts(self) -> tuple[str, ...]:
        """The texts of every 項 and item: what 「第5条中」 names."""
        return tuple(text for k in range(len(self.paragraphs)) for text in self.texts(k))

    @property
    def plain_labels(self) -> bool:
        """Its 項 are numbered 2, 3, … as usual."""
        return self.labels == default_labels(len(self.paragraphs))


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
    """A 別表 of 取組 and roles. ``parties`` are how its header calls the parties (甲, 乙, … or their
    names), whose roles each row gives, in that order."""

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
class Table:
    """A 別表 kept as a table of text: its rows of cells as printed, the first ``header_rows`` of them
    headers."""

    title: str
    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 1

    def texts(self) -> tuple[str, ...]:
        return tuple(text for text in (self.title, *(cell for row in self.rows for cell in row)) if text)


AnyAppendix = Appendix | Table


@dataclass(frozen=True)
class Version:
    """An agreement's text at one point of its life."""

    title: str
    preamble: str
    articles: tuple[Article, ...]
    appendices: tuple[AnyAppendix, ...] = ()

    @property
    def appendix(self) -> AnyAppendix | None:
        """The first 別表, if any."""
        return self.appendices[0] if self.appendices else None


def article_number(position: int) -> str:
    """第1条, 第2条, … (Arabic digits: horizontal writing)."""
    return ja.article_number(position)


def appendix_name(index: int, count: int) -> str:
    """How a 改め文 names the 別表 at ``index`` (from 0) of ``count``: 別表 when it is the only one, else
    別表第1, 別表第2, …"""
    return "別表" if count == 1 else f"別表第{index + 1}"


def caption_text(caption: str) -> str:
    """A 見出し as printed: （目的）."""
    return f"（{caption}）"


def version_from_context(context: Mapping[str, Any]) -> Version:
    """The text a template prints for one resolved agreement (``docgen.model.agreement._resolve``'s
    context)."""
    articles = tuple(_article(article) for article in context["articles"])
    parties = context.get("parties", ())
    appendices = context.get("appendices")
    if appendices is None:  # a context of the first model: one 別表 or none
        appendices = [context["appendix"]] if context.get("appendix") else []
    return Version(
        title=context["title"],
        preamble=context.get("preamble") or "",
        articles=articles,
        appendices=tuple(_any_appendix(appendix, parties) for appendix in appendices),
    )


def _article(article: Mapping[str, Any]) -> Article:
    lines = article.get("lines")
    if lines is None:  # a context without lines: 項 only
        lines = [
            {"kind": "paragraph", "level": 0, "label": p["number"], "text": p["text"]}
            for p in article.get("paragraphs", ())
        ]
    paragraphs, labels, items = [article["text"]], [""], [[]]
    for line in lines:
        if line["kind"] == "paragraph":
            paragraphs.append(line["text"])
            labels.append(line["label"])
            items.append([])
        else:
            items[-1].append(Item(line["level"], line["label"], line["text"]))
    return Article(
        key=article.get("id"),
        caption=article.get("caption"),
        paragraphs=tuple(paragraphs),
        items=tuple(tuple(found) for found in items),
        labels=tuple(labels),
    )


def _any_appendix(appendix: Mapping[str, Any], parties: Sequence[Any]) -> AnyAppendix:
    if appendix.get("table"):
        return Table(
            title=appendix["title"],
            rows=tuple(tuple(_cells(row)) for row in appendix["table"]),
            header_rows=appendix.get("header_rows", 1),
        )
    return _appendix(appendix, parties)


def _cells(row: Any) -> Sequence[str]:
    return row["cells"] if isinstance(row, Mapping) else row


def _appendix(appendix: Mapping[str, Any], parties: Sequence[Any]) -> Appendix:
    fields = tuple(
        AppendixField(
            number=field_["number"],
            title=field_["title"],
            groups=tuple(
                Group(
                    number=group.get("number"),
                    title=group.get("title"),
                    rows=tuple(_row(row) for row in group["rows"]),
                )
                for group in field_["groups"]
            ),
        )
        for field_ in appendix["fields"]
    )
    labels = tuple(_called(party) for party in parties)
    if not labels:  # a context without parties: as many labels as a row has roles
        widest = max((len(r.roles) for f in fields for g in f.groups for r in g.rows), default=0)
        labels = tuple(ja.party_labels(widest)) if widest else ()
    return Appendix(title=appendix["title"], heading=appendix["heading"], parties=labels, fields=fields)


def _row(row: Any) -> Row:
    if isinstance(row, Mapping):
        return Row(row["label"], row["item"], row["text"], tuple(row.get("roles", ())))
    return Row(row.label, row.item, row.text, tuple(row.roles))  # docgen.model.resolved.TableRow


def _called(party: Any) -> str:
    """How the 別表's header calls a party: 甲, or its name where the region calls parties by name."""
    if isinstance(party, Mapping):
        return party.get("called") or party["label"]
    return getattr(party, "called", None) or party.label
