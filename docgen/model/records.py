"""The schema of the YAML files: municipalities, a region's shared text, and an agreement.

Every record refuses unknown keys, so a misspelt key is an error instead of a value silently ignored. Text
that may contain Jinja (``{{ parties | join_ja }}``) is ``JINJA``: the schema marks it ``"format": "jinja"``;
every other text is printed as written. The descriptions are what an editor shows beside a key, and what
``docgen schema`` prints.
"""

from __future__ import annotations

from docgen.base.i18n import N_, _
from docgen.model.spec import (
    Boolean,
    Choice,
    Date,
    Either,
    Field,
    Integer,
    Later,
    ListOf,
    MapOf,
    Record,
    RecordOf,
    Text,
    TextOr,
)

TEXT = Text()
JINJA = Text(jinja=True)
# a name (a municipality, a head, a title): one line, printed in a signature block and used as a YAML key
NAME_TEXT = Text(name=True)
# a region id names a folder and the output folder: short, and nothing that could climb out of a folder
IDENTIFIER = Text(
    max_length=64,
    pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
    pattern_message=N_("may contain only letters a-z, digits, '-' and '_'"),
)
# an article's name, for references from any text ({{ ref.purpose }} prints 第1条)
NAME = Text(
    max_length=64,
    pattern=r"^[A-Za-z][A-Za-z0-9_-]*$",
    pattern_message=N_("may contain only letters a-z, digits, '-' and '_', and begins with a letter"),
)
DATE = Date()
ROLE = Choice("central", "partner")
MAX_PARTIES = 10  # the ten stems 甲 … 癸 label the parties
ITEM_LABELS = ("(1)", "1", "ア", "(ア)", "a", "(a)", "i", "(i)")
"""How items (号) and the items inside them are labelled, by level: (1), 1, ア, (ア), a, (a), i or (i)."""
MAX_ITEM_LEVELS = 5


# --- municipalities.yaml -----------------------------------------------------------------------------------


class Head(Record):
    """A head of a municipality (市長, 町長) and the day the term began; a term lasts at most four years
    (地方自治法第140条), and a re-elected head is a new entry."""

    name = Field(NAME_TEXT, "the head's name as signed, e.g. 渡辺純忠")
    since = Field(
        DATE,
        "first day in office, e.g. 2017-04-24: in office from then until the next head's since, at most four "
        "years; may be left out only for the earliest head recorded, with 'known'",
        default=None,
    )
    known = Field(
        DATE,
        "for a head recorded without 'since': a day they were in office, e.g. 2017-03-30; docgen takes them "
        "to be in office only within 90 days of it",
        default=None,
    )
    acting = Field(
        TEXT,
        "for one who acts for the head (職務代理者, 地方自治法第152条): their own post, e.g. 山口市副市長; "
        "they sign as 山口市長職務代理者　山口市副市長",
        default=None,
    )


class Municipality(Record):
    """A municipality as it signs: its address, its head's title and its heads in the order of their terms."""

    address = Field(TEXT, "the town hall's address as written in a signature block, e.g. 山口市亀山町2番1号")
    title = Field(NAME_TEXT, "the head's title, e.g. 山口市長")
    heads = Field(
        ListOf(RecordOf(Head), min_items=1),
        "heads in the order of their terms; an agreement prints the one in office on its date, e.g. "
        "[{name: 白井博文}, {name: 藤田剛二, since: 2017-04-24}]",
    )
    # for the procedure documents (docgen build --procedure): whom the notification (届出) is addressed to
    prefecture = Field(
        TEXT,
        "the prefecture it belongs to, e.g. 山口県: its governor (山口県知事) receives the notification "
        "(届出) of an agreement; needed by --procedure unless it is a prefecture itself",
        default=None,
    )
    kind = Field(
        Choice("municipality", "prefecture"),
        "prefecture for a prefecture that is itself a party: it notifies 総務大臣, not a governor; "
        "default municipality, e.g. prefecture",
        default=None,
    )
    ordinance = Field(
        TEXT,
        "its ordinance on matters for the council's vote (地方自治法第96条第2項), as a bill cites it, e.g. "
        "山口市議会の議決すべき事件を定める条例（平成17年山口市条例第50号）"
        ": the bills of a 定住自立圏形成協定 cite it; "
        "left out, they print a blank to fill in",
        default=None,
    )

    def problem(self) -> str | None:
        starts = [head.since for head in self.heads]
        if any(start is None for start in starts[1:]):
            return _("every head but the first needs 'since', the day the term began")
        known = [start for start in starts if start is not None]
        if known != sorted(known) or len(set(known)) != len(known):
            return _("heads must be listed in the order of their terms")
        return None


class MunicipalitiesFile(Record):
    """Each municipality once (municipalities.yaml)."""

    municipalities = Field(
        MapOf(RecordOf(Municipality), names=True),
        "by the name the documents print (cover, preamble, signature block), e.g. 山口市 or 島根県津和野町",
    )


# --- procedure documents of an agreement (議案, 告示, 届出; docgen build --procedure) --------------------
# Every number and date may be left out: the forms then print a blank to fill in by hand (議案第　号,
# 令和　年　月　日), and `docgen check --procedure` lists what is blank.

NUMBER = Integer(minimum=1)


class Bill(Record):
    """A party's council bill (議案): its number, the day it is submitted, the day the council votes."""

    number = Field(
        NUMBER, "the bill's number, e.g. 45 (prints 議案第45号); left out: 議案第　号", default=None
    )
    date = Field(DATE, "the day the bill is submitted (提出), e.g. 2017-02-24", default=None)
    vote = Field(
        DATE,
        "the day the council votes for it (議決), e.g. 2017-03-16: on or before the signing "
        "(地方自治法第252条の2第3項)",
        default=None,
    )
    reason = Field(
        TEXT,
        "the bill's 提案理由 instead of the form's, e.g. 圏域の形成に向け、連携協約を締結するため…",
        default=None,
    )


class Notice(Record):
    """A party's public notice (告示) of the agreement, after the signing."""

    number = Field(
        NUMBER, "the notice's number, e.g. 30 (prints 山口市告示第30号); left out: 告示第　号", default=None
    )
    date = Field(DATE, "the day of the notice, on or after the signing, e.g. 2017-03-31", default=None)


class Notification(Record):
    """A party's notification (届出) to its governor (or 総務大臣), a letter sent after the notice."""

    number = Field(
        TEXT, "the letter's document number as printed, e.g. 山企第123号; left out: 第　号", default=None
    )
    date = Field(DATE, "the letter's date, on or after the notice's, e.g. 2017-04-03", default=None)


class PartyProcedure(Record):
    """One party's procedure documents: what is known of its bill, notice and notification."""

    bill = Field(RecordOf(Bill), "the council bill (議案), e.g. {number: 45, vote: 2017-03-16}", default=None)
    notice = Field(
        RecordOf(Notice), "the public notice (告示), e.g. {number: 30, date: 2017-03-31}", default=None
    )
    notification = Field(
        RecordOf(Notification),
        "the notification (届出) to the governor, e.g. {number: 山企第123号, date: 2017-04-03}",
        default=None,
    )


# --- region.yaml -------------------------------------------------------------------------------------------


class Item(Record):
    """An item (号) with items of its own: (1), then ア, (ア), … as item_labels says."""

    text = Field(JINJA, "the item's text (Jinja), e.g. 経済戦略の策定に関すること。")
    items = Field(
        ListOf(Later(lambda: ITEM), min_items=1),
        "the items (Jinja) inside it, one level down, e.g. [医療, 福祉]",
        default=None,
    )


ITEM = TextOr(JINJA, RecordOf(Item))


class Paragraph(Record):
    """A paragraph (項) with items (号), or with a label of its own."""

    text = Field(
        JINJA, "the paragraph's text (Jinja), e.g. {{ parties | join_ja }}は、次に掲げる取組を行う。"
    )
    items = Field(
        ListOf(ITEM, min_items=1),
        "its items (Jinja): 号, labelled (1), (2), … by default, e.g. [経済成長のけん引に関すること。]",
        default=None,
    )
    label = Field(
        Text(min_length=0),
        'the number printed before it instead of 2, 3, …, e.g. "" (an unnumbered paragraph)',
        default=None,
    )


PARAGRAPHS = ListOf(TextOr(JINJA, RecordOf(Paragraph)), min_items=1, single=True)


class Article(Record):
    """An article (条): its caption and its text."""

    id = Field(
        NAME, "a name other texts refer to it by: {{ ref.roles }} prints 第3条, e.g. roles", default=None
    )
    caption = Field(TEXT, "見出し without parentheses, e.g. 目的", default=None)
    text = Field(
        PARAGRAPHS,
        "the article's text (Jinja), e.g. {{ parties | join_ja }}は、…; a list gives its paragraphs (項), "
        "numbered 2, 3, … after the first; a paragraph may be {text: …, items: [...]} with items (号)",
    )


class Row(Record):
    """A row of the 別表: one 取組, what it is, and the role of each party in it."""

    item = Field(JINJA, "the 取組's name (Jinja); its label ア, イ, … is added, e.g. 経済戦略の策定及び推進")
    text = Field(
        JINJA,
        "what the 取組 is (Jinja): {{ parties[1].name }}"
        " names a party, e.g. 圏域の経済戦略の策定及び推進に取り組む。",
    )
    roles = Field(
        MapOf(JINJA),
        "role wording (Jinja) for this row only, by role (central, partner) or label (甲, 乙), e.g. "
        "甲: {{ others | join_ja }}と連携して実施する。",
        factory=dict,
    )


class Group(Record):
    """A sub-field of the 別表, numbered (1), (2), …, with its rows."""

    title = Field(TEXT, "the sub-field's title, e.g. 生活機能の強化に係る政策分野")
    rows = Field(
        ListOf(RecordOf(Row), min_items=1), "its rows, labelled ア, イ, …, e.g. [{item: 地域振興, text: …}]"
    )


class AppendixField(Record):
    """A field of the 別表, numbered 1, 2, …: rows, or sub-fields with rows."""

    title = Field(TEXT, "the field's title, e.g. 圏域全体の経済成長のけん引")
    rows = Field(
        ListOf(RecordOf(Row), min_items=1),
        "its rows, labelled ア, イ, …, e.g. [{item: 経済戦略の策定及び推進, text: …}]",
        default=None,
    )
    sections = Field(
        ListOf(RecordOf(Group), min_items=1),
        "sub-fields (1), (2), …, instead of rows, e.g. [{title: 生活機能の強化に係る政策分野, rows: […]}]",
        default=None,
    )

    def problem(self) -> str | None:
        if (self.rows is None) == (self.sections is None):
            return _("a field has either 'rows' or 'sections'")
        return None


class Appendix(Record):
    """A 別表: the 取組 in fields with each party's role in each, or a table of text as printed."""

    title = Field(JINJA, "the 別表's heading (Jinja), e.g. 別表（{{ ref.roles }}関係）")
    heading = Field(TEXT, "the header of the item columns, e.g. 取組", default=None)
    roles = Field(
        MapOf(JINJA, keys=ROLE),
        "role wording (Jinja) by role, for every row that has none of its own; may use party, others and "
        "centrals, e.g. central: {{ others | join_ja }}と連携・協力して、取組を推進する。",
        default=None,
    )
    fields = Field(
        ListOf(RecordOf(AppendixField), min_items=1),
        "the fields, numbered 1, 2, …, e.g. [{title: 圏域全体の経済成長のけん引, rows: […]}]",
        default=None,
    )
    table = Field(
        ListOf(ListOf(Text(min_length=0, jinja=True), min_items=1), min_items=1),
        "instead of fields: the table's rows, each a list of cells (Jinja): {{ parties[1].name }} names a "
        "party, e.g. [[取組, 内容], [ア, …]]",
        default=None,
    )
    header_rows = Field(
        Integer(minimum=0),
        "with table: how many of its rows are headers, repeated on each page, e.g. 1",
        default=None,
    )

    def problem(self) -> str | None:
        structured = [self.heading, self.roles, self.fields]
        if self.table is None and None in structured:
            missing = [
                name
                for name, value in zip(("heading", "roles", "fields"), structured, strict=True)
                if value is None
            ]
            return _("a 別表 needs {fields}, or a 'table' of text").format(
                fields=", ".join(repr(name) for name in missing)
            )
        if self.table is not None and any(value is not None for value in structured):
            return _("a 別表 has either 'heading', 'roles' and 'fields', or a 'table' of text, not both")
        if self.header_rows is not None and self.table is None:
            return _("'header_rows' belongs to a 'table'")
        return None


TEXTS = ListOf(JINJA, min_items=1, single=True)


class Region(Record):
    """A region's shared text (region.yaml): every agreement of the region prints it."""

    id = Field(IDENTIFIER, "the region's id, the name of its folder, e.g. yamaguchi-kenou")
    name = Field(NAME_TEXT, "the region's name, e.g. 山口県央連携都市圏域")
    kind = Field(
        Choice("renkei", "teiju"),
        "what its agreements are: renkei (default), a 連携協約 (地方自治法第252条の2, from 平成26年11月1日); "
        "teiju, a 定住自立圏形成協定 (定住自立圏構想推進要綱, from 平成20年12月26日), e.g. teiju",
        default=None,
    )
    cover = Field(
        JINJA,
        "the cover page's title (Jinja), e.g. 連携協約書; left out, the document has no cover page",
        default=None,
    )
    title = Field(
        JINJA,
        "the agreement's title (Jinja), e.g. 山口県央連携都市圏域形成に係る連携協約",
    )
    parties_called = Field(
        Choice("labels", "names"),
        "labels (default): the parties are 甲, 乙, … in the signature block and the 別表's headers "
        "(甲の役割); names: by their names (福山市の役割), the signature block without labels, e.g. names",
        default=None,
    )
    signature_address = Field(
        Boolean(),
        "print each party's address in its signature block (default: true), e.g. false",
        default=None,
    )
    front = Field(TEXTS, "paragraphs (Jinja) between the title and the preamble, e.g. [（写）]", default=None)
    preamble = Field(
        TEXTS,
        "the text before the articles (Jinja), e.g. "
        "{{ parties | join_ja }}は、…次のとおり連携協約を締結する。; a list gives several paragraphs; "
        "left out, there is none",
        default=None,
    )
    articles = Field(
        ListOf(RecordOf(Article), min_items=1),
        "the articles, numbered 第1条, 第2条, …, e.g. "
        "[{id: purpose, caption: 目的, text: この連携協約は、…}]",
    )
    item_labels = Field(
        ListOf(Choice(*ITEM_LABELS), min_items=1, max_items=MAX_ITEM_LEVELS),
        'how items are labelled by level, e.g. ["(1)", ア, "(ア)", a, "(a)"] (the default)',
        default=None,
    )
    supplementary = Field(
        TEXTS,
        "附則: paragraphs (Jinja) under 「附　則」 after the articles, e.g. "
        "[この協約は、締結の日から施行する。]",
        default=None,
    )
    closing = Field(
        JINJA,
        "the sentence before the date (Jinja), e.g. "
        "この協約の締結を証するため、本協約書{{ parties | length }}通を…",
    )
    back = Field(
        TEXTS,
        "paragraphs (Jinja) after the signature blocks, before the 別表, e.g. [（備考）…]",
        default=None,
    )
    appendix = Field(
        RecordOf(Appendix),
        "the 別表, when there is one, e.g. "
        "{title: 別表（{{ ref.roles }}関係）, heading: 取組, roles: …, fields: […]}",
        default=None,
    )
    appendices = Field(
        ListOf(RecordOf(Appendix), min_items=1),
        "instead of appendix: several 別表, e.g. "
        "[{title: 別表第1（{{ ref.roles }}関係）, …}, {title: 別表第2, …}]",
        default=None,
    )

    def problem(self) -> str | None:
        if self.appendix is not None and self.appendices is not None:
            return _("a region has either 'appendix' (one 別表) or 'appendices' (several), not both")
        return None


# --- an agreement ------------------------------------------------------------------------------------------


class PartyRef(Record):
    """A party: a municipality of municipalities.yaml, and its role in the region."""

    name = Field(NAME_TEXT, "a municipality of municipalities.yaml, e.g. 美祢市")
    role = Field(
        ROLE,
        "central (連携中枢都市) or partner; default: the first party is central, the rest partners, e.g. "
        "central",
        default=None,
    )


def _party_of_name(name: str) -> dict[str, str]:
    return {"name": name}


class RowChange(Record):
    """This agreement's own wording of one 別表 row; what it leaves out stays the region's."""

    item = Field(TEXT, "the 取組's name instead of the region's, e.g. 文化・芸術の振興", default=None)
    text = Field(
        TEXT,
        "what the 取組 is, instead of the region's, e.g. 文化・芸術による交流の促進に取り組む。",
        default=None,
    )
    roles = Field(
        MapOf(JINJA),
        "role wording (Jinja) for this row, by role (central, partner) or label (甲, 乙), e.g. "
        "乙: {{ centrals | join_ja }}と連携して実施する。",
        factory=dict,
    )


class Agreement(Record):
    """One agreement: its region, date and parties, and any wording of its own."""

    region = Field(IDENTIFIER, "the region's id: the folder that holds its region.yaml, e.g. yamaguchi-kenou")
    date = Field(DATE, "the signing date, e.g. 2017-03-30 (a draft may leave it out)", default=None)
    parties = Field(
        ListOf(Either(RecordOf(PartyRef), NAME_TEXT, _party_of_name), min_items=2, max_items=MAX_PARTIES),
        "甲, 乙, … in this order: a name or {name: …, role: central}; two to ten (甲 to 癸), e.g. "
        "[山口市, 美祢市]",
    )
    # wording that differs from the region's, for this agreement only
    cover = Field(
        JINJA, "the cover page's title (Jinja) instead of the region's, e.g. 連携協約書", default=None
    )
    title = Field(
        JINJA,
        "the title (Jinja) instead of the region's, e.g. 山口県央連携都市圏域形成に係る連携協約",
        default=None,
    )
    preamble = Field(
        TEXTS,
        "the preamble (Jinja) instead of the region's, e.g. {{ parties | join_ja }}は、…連携協約を締結する。",
        default=None,
    )
    articles = Field(
        ListOf(RecordOf(Article), min_items=1),
        "the articles instead of the region's, e.g. [{caption: 目的, text: この連携協約は、…}]",
        default=None,
    )
    closing = Field(
        JINJA,
        "the closing sentence (Jinja) instead of the region's, e.g. "
        "この協約の締結を証するため、本協約書{{ parties | length }}通を…",
        default=None,
    )
    roles = Field(
        MapOf(JINJA, keys=ROLE),
        "role wording (Jinja) by role for every 別表 row of this agreement, e.g. "
        "partner: {{ centrals | join_ja }}と連携して取組を推進する。",
        factory=dict,
    )
    rows = Field(
        MapOf(RecordOf(RowChange)),
        "changes to single 別表 rows, by their printed name, e.g. 1ア or 3(1)イ",
        factory=dict,
    )
    # the procedure documents (docgen build --procedure)
    procedure = Field(
        MapOf(RecordOf(PartyProcedure)),
        "the numbers and dates of each party's bill (議案), notice (告示) and notification (届出), by the "
        "party's name, e.g. 山口市: {bill: {number: 45, vote: 2017-03-16}}; what is left out prints blank",
        factory=dict,
    )
    change_procedure = Field(
        MapOf(RecordOf(PartyProcedure)),
        "for docgen amend --procedure: the numbers and dates of each party's bill, notice and notification "
        "of the change, in the file of the changed agreement (NEW), e.g. 山口市: {bill: {number: 12}}",
        factory=dict,
    )
    abolition_procedure = Field(
        MapOf(RecordOf(PartyProcedure)),
        "for docgen abolish --procedure: the numbers and dates of each party's bill, notice and notification "
        "of the abolition, e.g. 山口市: {bill: {number: 20}}; for a 協定 abolished by notice (--by), the "
        "notifying party's bill, whose vote the notice (通告書) cites",
        factory=dict,
    )
