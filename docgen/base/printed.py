"""What a template prints for a party and a 別表 row: small values that the sandbox lets a template read.

They live in the ground layer because the Jinja sandbox (``docgen.base.sandbox``) names them as the only
docgen objects whose fields a template may read; ``docgen.model`` builds them.
"""

from __future__ import annotations

from typing import Any

from docgen.base.named import Named


class Party:
    """One signatory as the documents print it."""

    __slots__ = ("address", "called", "head", "label", "name", "role", "signer", "title")

    def __init__(
        self,
        *,
        label: str,
        name: str,
        address: str,
        title: str,
        head: str,
        role: str,
        called: str | None = None,
        signer: str | None = None,
    ) -> None:
        self.label, self.name, self.address, self.title, self.head, self.role = (
            label,
            name,
            address,
            title,
            head,
            role,
        )
        # how the text calls it: its label (甲), or its name where a region calls the parties by name
        self.called = label if called is None else called
        # what the signature block prints before the name: the title, or 「山口市長職務代理者　山口市副市長」
        self.signer = title if signer is None else signer

    def __eq__(self, other: object) -> bool:
        return type(other) is Party and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Party(label={self.label!r}, name={self.name!r}, role={self.role!r})"

    def _key(self) -> tuple[str, ...]:
        return (
            self.label,
            self.name,
            self.address,
            self.title,
            self.head,
            self.role,
            self.called,
            self.signer,
        )

    def fields(self) -> dict[str, str]:
        return {
            "label": self.label,
            "name": self.name,
            "address": self.address,
            "title": self.title,
            "head": self.head,
            "called": self.called,
            "signer": self.signer,
        }

    def __str__(self) -> str:
        return self.label


class TableRow(Named):
    """A row of the 別表 as printed: its label (ア), the 取組, what it is, and each party's role in it.

    A small tuple, not a dict: a batch holds every checked agreement until its document is written, and
    the rows are most of an agreement's context.
    """

    label: str
    item: str
    text: str
    roles: tuple[str, ...]

    def __new__(cls, label: str, item: str, text: str, roles: tuple[str, ...]) -> TableRow:
        return tuple.__new__(cls, (label, item, text, roles))


def article_line(kind: str, level: int, label: str, text: str) -> dict[str, Any]:
    """A line of an article after its first, as the agreement template prints it: a 項 (``paragraph``, level
    0, style Article) or a 号 (``item``, level 1 and below, style Item1 … Item5)."""
    style = f"Item{level}" if kind == "item" else "Article"
    return {"kind": kind, "level": level, "label": label, "text": text, "style": style}


def literal_appendix(title: str, rows: list[Any], header_rows: int) -> dict[str, Any]:
    """A 別表 kept as a table of text (each row's cells as given), as the agreement template prints it."""
    return {
        "title": title,
        "heading": None,
        "fields": [],
        "table": [{"cells": row} for row in rows],
        "header_rows": header_rows,
    }
