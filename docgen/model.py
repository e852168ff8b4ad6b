"""The schema of the YAML files: municipalities, a region's shared text, and an agreement.

Every model forbids unknown keys, so a misspelt key is an error instead of a value silently ignored. Text that
may contain Jinja (``{{ parties | join_ja }}``) is typed ``TemplateText``; every other text is printed as
written.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator


def _iso_date(value: object) -> object:
    # YAML gives a date for 2017-03-30; a quoted '2017-03-30' is accepted too. Numbers are refused: pydantic
    # would read 20170330 as seconds since 1970.
    if isinstance(value, dt.datetime):
        raise ValueError("a date has no time of day: write it as 2017-03-30")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"invalid date {value!r}: write it as 2017-03-30") from None
    raise ValueError("a date is written as 2017-03-30")


def _party_ref(value: object) -> object:
    return {"name": value} if isinstance(value, str) else value


def _paragraphs(value: object) -> object:
    return [value] if isinstance(value, str) else value


Text = Annotated[str, StringConstraints(min_length=1)]
# a region id names a folder and the output folder: short, and nothing that could climb out of a folder
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=64)]
TemplateText = Annotated[str, StringConstraints(min_length=1), Field(json_schema_extra={"format": "jinja"})]
Date = Annotated[dt.date, BeforeValidator(_iso_date), Field(json_schema_extra={"format": "date"})]
RoleKind = Literal["central", "partner"]
Paragraphs = Annotated[list[TemplateText], Field(min_length=1)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# --- municipalities.yaml -----------------------------------------------------------------------------------


class Head(Model):
    """A head of a municipality (市長, 町長) and the day the term began."""

    name: Text
    since: Date | None = Field(
        default=None, description="first day in office; may be left out only for the earliest head recorded"
    )


class Municipality(Model):
    address: Text = Field(description="the town hall's address as written in a signature block")
    title: Text = Field(description="the head's title, e.g. 山口市長")
    heads: list[Head] = Field(min_length=1, description="heads in order of their terms")

    @model_validator(mode="after")
    def _terms_in_order(self) -> Municipality:
        starts = [head.since for head in self.heads]
        if any(start is None for start in starts[1:]):
            raise ValueError("every head but the first needs 'since', the day the term began")
        known = [start for start in starts if start is not None]
        if known != sorted(known) or len(set(known)) != len(known):
            raise ValueError("heads must be listed in the order of their terms")
        return self


class MunicipalitiesFile(Model):
    municipalities: dict[Text, Municipality]


# --- region.yaml -------------------------------------------------------------------------------------------


class Article(Model):
    caption: Text | None = Field(default=None, description="見出し without parentheses, e.g. 目的")
    text: Annotated[
        list[TemplateText], BeforeValidator(_paragraphs, json_schema_input_type=TemplateText | Paragraphs)
    ] = Field(
        min_length=1,
        description="the article; a list gives its paragraphs (項), numbered 2, 3, … after the first",
    )


class Row(Model):
    item: Text = Field(description="the 取組's name; its label ア, イ, … is added")
    text: Text = Field(description="what the 取組 is")
    roles: dict[Text, TemplateText] = Field(
        default_factory=dict,
        description="role wording for this row, by role (central/partner) or label (甲, 乙)",
    )


class Group(Model):
    title: Text
    rows: list[Row] = Field(min_length=1)


class AppendixField(Model):
    title: Text
    rows: list[Row] | None = Field(default=None, min_length=1)
    sections: list[Group] | None = Field(default=None, min_length=1, description="sub-fields (1), (2), …")

    @model_validator(mode="after")
    def _rows_or_sections(self) -> AppendixField:
        if (self.rows is None) == (self.sections is None):
            raise ValueError("a field has either 'rows' or 'sections'")
        return self


class Appendix(Model):
    title: Text = Field(description="e.g. 別表（第3条関係）")
    heading: Text = Field(description="the header of the item columns, e.g. 取組")
    roles: dict[RoleKind, TemplateText] = Field(
        description="role wording by role; may use others and centrals"
    )
    fields: list[AppendixField] = Field(min_length=1)


class Region(Model):
    id: Identifier
    name: Text
    cover: Text = Field(description="the cover page's title, e.g. 連携協約書")
    title: Text
    preamble: TemplateText
    articles: list[Article] = Field(min_length=1)
    closing: TemplateText
    appendix: Appendix


# --- an agreement ------------------------------------------------------------------------------------------


class PartyRef(Model):
    name: Text = Field(description="a municipality of municipalities.yaml")
    role: RoleKind | None = Field(
        default=None, description="default: the first party is central, the rest partners"
    )


class RowChange(Model):
    item: Text | None = None
    text: Text | None = None
    roles: dict[Text, TemplateText] = Field(default_factory=dict)


class Agreement(Model):
    region: Identifier = Field(description="the region's id: the folder that holds its region.yaml")
    date: Date | None = Field(
        default=None, description="the signing date, e.g. 2017-03-30 (a draft may omit it)"
    )
    # a party is written as its name, or as {name: …, role: …}; the schema says both for editors
    parties: list[
        Annotated[PartyRef, BeforeValidator(_party_ref, json_schema_input_type=Text | PartyRef)]
    ] = Field(min_length=2, max_length=10, description="甲, 乙, … in this order")
    # wording that differs from the region's, for this agreement only
    cover: Text | None = None
    title: Text | None = None
    preamble: TemplateText | None = None
    articles: list[Article] | None = Field(default=None, min_length=1)
    closing: TemplateText | None = None
    roles: dict[RoleKind, TemplateText] = Field(default_factory=dict)
    rows: dict[Text, RowChange] = Field(
        default_factory=dict, description="changes to 別表 rows, keyed like 1ア or 3(1)イ"
    )
