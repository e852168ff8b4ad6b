"""A recognised agreement as the data of docgen's files: the region's shared text (with references to the
parties and articles), the agreement (region, date, parties) and the parties' municipality entries.

The shapes are those of docgen's model v2 (``MODEL-V2.md``): ``articles[].id``, paragraphs with ``items``
and ``label``, ``item_labels``, ``parties_called``, ``signature_address``, ``front``, ``back``,
``supplementary`` and ``appendices`` or a literal 別表 ``table``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from docgen.base.i18n import _
from docgen.base.patterns import regex
from docgen.importer.recognised import Appendix, Article, Item, Para, Recognised, Signature
from docgen.importer.references import PartyRef, References

# an article's id from words of its caption, in this order; an article no word fits is article-N
_ARTICLE_IDS = (
    ("目的", "purpose"),
    ("方針", "policy"),
    ("役割", "roles"),
    ("取組", "roles"),
    ("事項", "roles"),
    ("費用", "costs"),
    ("会議", "meeting"),
    ("協議会", "meeting"),
    ("期間", "term"),
    ("変更", "changes"),
    ("廃止", "abolition"),
    ("失効", "expiry"),
    ("協議", "consultation"),
    ("事務執行", "administration"),
)
_REGION_NAME = regex(r"である([^、。（）()]{2,30}?)[（(]以下「圏域」という。[）)]")
TODO = "TODO"


@dataclass
class Converted:
    """The data of the three files, and what the user should know about them."""

    region: dict[str, Any]
    agreement: dict[str, Any]
    municipalities: dict[str, dict[str, Any]]
    parties: list[PartyRef]
    counts: Counter[str]
    kept: int
    warnings: list[str] = field(default_factory=list)
    kept_texts: list[str] = field(default_factory=list)  # member lists that name a party, kept as written


def convert(doc: Recognised, region_id: str) -> Converted:
    """The files' data for a recognised agreement."""
    signatures = doc.signatures
    labels = [s.label for s in signatures]
    called_names = any(label is None for label in labels)
    from docgen.base import ja

    if len(signatures) > len(ja.PARTY_LABELS):
        from docgen.base.errors import DocxImportError

        raise DocxImportError(
            source=doc.source,
            message=_("{count} signature blocks: at most {most} parties (甲 to 癸)").format(
                count=len(signatures), most=len(ja.PARTY_LABELS)
            ),
        )
    expected = ja.party_labels(len(signatures))
    if not called_names and labels != expected:
        doc.warn(
            signatures[0].where,
            _(
                "signature blocks labelled {labels}: docgen labels the parties {expected} in the order of "
                "their blocks"
            ).format(labels="、".join(str(x) for x in labels), expected="、".join(expected)),
        )
    parties = [
        PartyRef(index=i, label=expected[i], name=s.name or "", title=s.title or "", central=i == 0)
        for i, s in enumerate(signatures)
    ]
    parties = _with_roles(doc, parties)
    ids = _article_ids(doc.articles)
    refs = References(parties, {a.number: ids[a.number] for a in doc.articles})
    converted = Converted(
        region={}, agreement={}, municipalities={}, parties=parties, counts=refs.counts, kept=0
    )
    region = converted.region
    region["id"] = region_id
    region["name"] = _region_name(doc)
    region["kind"] = _kind(doc)
    cover_title, front = _cover(doc, parties, refs)
    if cover_title is not None:
        region["cover"] = cover_title
    region["title"] = refs.text(doc.title)  # a title that names the parties names the next partner too
    if called_names:
        region["parties_called"] = "names"
    if any(s.address is None for s in signatures):
        region["signature_address"] = False
        if any(s.address is not None for s in signatures):
            converted.warnings.append(
                _(
                    "{file}: signature blocks: some have an address and some none: docgen prints all or none"
                ).format(file=doc.source)
            )
    front += [refs.text(text) for text in doc.front]
    if front:
        region["front"] = front
    if doc.preamble:
        preamble = [refs.text(text) for text in doc.preamble]
        region["preamble"] = preamble[0] if len(preamble) == 1 else preamble
    region["articles"] = [_article(article, ids[article.number], refs) for article in doc.articles]
    styles = doc.item_styles()
    if styles:
        region["item_labels"] = styles
        _check_ladder(doc, styles)
    if doc.supplementary:
        region["supplementary"] = [refs.text(text) for text in doc.supplementary]
    if doc.closing is not None:
        region["closing"] = refs.text(doc.closing)
    if doc.back:
        region["back"] = [refs.text(text) for text in doc.back]
    appendices = [_appendix(appendix, parties, refs, doc, called_names) for appendix in doc.appendices]
    if len(appendices) == 1:
        region["appendix"] = appendices[0]
    elif appendices:
        region["appendices"] = appendices
    refs.count("signature", len(signatures))
    converted.kept = refs.kept
    converted.kept_texts = list(dict.fromkeys(refs.kept_texts))

    agreement = converted.agreement
    agreement["region"] = region_id
    agreement["date"] = doc.date if doc.date is not None else f"{TODO}: the signing date, e.g. 2017-03-30"
    if doc.date is None:
        converted.warnings.append(
            _("{file}: no date line (e.g. 平成29年3月30日) after the closing sentence").format(
                file=doc.source
            )
        )
    agreement["parties"] = [
        party.name if party.central == (party.index == 0) else {"name": party.name, "role": "central"}
        for party in parties
    ]
    for signature in signatures:
        converted.municipalities[signature.name or ""] = _municipality(
            signature, doc.date, converted.warnings, doc.source
        )
        if signature.head is None:
            converted.warnings.append(
                _(
                    "{file}: {where}: no head's name in the signature block of {name}: fill it in in "
                    "municipalities.yaml"
                ).format(file=doc.source, where=signature.where, name=signature.name)
            )
    converted.warnings[:0] = doc.warnings
    return converted


def _with_roles(doc: Recognised, parties: list[PartyRef]) -> list[PartyRef]:
    """A party whose role wording in every 別表 row reads like the first party's is a central city too
    (the agreement between two central cities)."""
    rows = [row for a in doc.appendices for f in a.fields for g in f.groups for row in g.rows]
    if not rows or len(parties) < 2:
        return parties
    result = [parties[0]]
    for party in parties[1:]:
        as_central = [
            PartyRef(p.index, p.label, p.name, p.title, p.index in (0, party.index)) for p in parties
        ]
        probe = References(as_central, {})
        same = all(
            probe.role(row.roles[party.index], party.index) == probe.role(row.roles[0], 0) for row in rows
        )
        result.append(PartyRef(party.index, party.label, party.name, party.title, central=same))
    return result


def _article_ids(articles: list[Article]) -> dict[int, str]:
    ids: dict[int, str] = {}
    for article in articles:
        base = next((word_id for word, word_id in _ARTICLE_IDS if word in (article.caption or "")), None)
        candidate = base or f"article-{article.number}"
        if candidate in ids.values():
            candidate = f"{base}-{article.number}" if base else candidate
        ids[article.number] = candidate
    return ids


def _region_name(doc: Recognised) -> str:
    for text in doc.preamble:
        match = _REGION_NAME.search(text)
        if match:
            return match.group(1)
    return doc.title


def _cover(doc: Recognised, parties: list[PartyRef], refs: References) -> tuple[str | None, list[str]]:
    """The cover's title, when the cover holds docgen's (its title, then the parties' names), and the
    cover's other lines: docgen has no place for them on the cover, so they go to the front matter, after
    the title, with a warning."""
    if not doc.cover:
        return None, []
    names = [p.name for p in parties]
    joined = re.compile("^" + "[ \u3000、・]+".join(re.escape(n) for n in names) + "$")
    named = [line for line in doc.cover[1:] if joined.match(line)]
    if named:
        refs.count("cover", len(parties))
        title, rest = doc.cover[0], [line for line in doc.cover[1:] if not joined.match(line)]
    else:
        title, rest = None, doc.cover
    if rest:
        doc.warn(
            _("cover page"),
            _(
                "{lines} kept as text after the title (front): docgen's cover holds its title and the "
                "parties' names"
            ).format(lines="、".join(rest)),
        )
    return title, [refs.text(line) for line in rest]


def _article(article: Article, article_id: str, refs: References) -> dict[str, Any]:
    result: dict[str, Any] = {"id": article_id}
    if article.caption is not None:
        result["caption"] = article.caption
    paragraphs = [_paragraph(paragraph, refs) for paragraph in article.paragraphs]
    result["text"] = paragraphs[0] if len(paragraphs) == 1 and isinstance(paragraphs[0], str) else paragraphs
    return result


def _paragraph(paragraph: Para, refs: References) -> str | dict[str, Any]:
    text = refs.text(paragraph.text)
    if not paragraph.items and paragraph.label is None:
        return text
    result: dict[str, Any] = {"text": text}
    if paragraph.items:
        result["items"] = [_item(item, refs) for item in paragraph.items]
    if paragraph.label is not None:
        result["label"] = paragraph.label
    return result


def _item(item: Item, refs: References) -> str | dict[str, Any]:
    text = refs.text(item.text)
    if not item.items:
        return text
    return {"text": text, "items": [_item(inner, refs) for inner in item.items]}


def _check_ladder(doc: Recognised, styles: list[str]) -> None:
    """Every item of one level must use that level's style: docgen labels items by level."""

    def walk(items: list[Item], level: int) -> None:
        for item in items:
            if item.style != styles[level]:
                doc.warn(
                    item.where,
                    _(
                        "item label {label} at level {level}, where the document's first item of that level "
                        "is labelled in the style {style}: docgen labels every level one way"
                    ).format(label=item.label, level=level + 1, style=styles[level]),
                )
            walk(item.items, level + 1)

    for article in doc.articles:
        for paragraph in article.paragraphs:
            walk(paragraph.items, 0)


def _appendix(
    appendix: Appendix, parties: list[PartyRef], refs: References, doc: Recognised, called_names: bool
) -> dict[str, Any]:
    title = refs.text(appendix.title)
    if appendix.table is not None:
        # a cell may name a party (「三原市と連携して…」): the next partner's agreement names its own
        table = [[refs.text(cell) for cell in row] for row in appendix.table]
        result: dict[str, Any] = {"title": title, "table": table}
        if appendix.header_rows != 1:
            result["header_rows"] = appendix.header_rows
        return result
    called = [p.name if called_names else p.label for p in parties]
    expected = [f"{c}の役割" for c in called]
    if appendix.role_headers != expected:
        doc.warn(
            appendix.where,
            _("role headers {headers} are printed {printed}").format(
                headers="、".join(appendix.role_headers), printed="、".join(expected)
            ),
        )
    refs.count("role header", len(parties))
    wordings: list[list[str]] = []
    for field_ in appendix.fields:
        for group in field_.groups:
            for row in group.rows:
                wordings.append([refs.role(text, index) for index, text in enumerate(row.roles)])
    by_role: dict[str, str] = {}
    for role in ("central", "partner"):
        columns = [p.index for p in parties if p.central == (role == "central")]
        counted = Counter(w[c] for w in wordings for c in columns)
        if counted:
            by_role[role] = counted.most_common(1)[0][0]
    fields = []
    position = 0
    for field_ in appendix.fields:
        result_field: dict[str, Any] = {"title": field_.title}
        groups = []
        for group in field_.groups:
            rows = []
            for row in group.rows:
                entry: dict[str, Any] = {"item": refs.text(row.item), "text": refs.text(row.text)}
                own = {
                    party.label: wordings[position][party.index]
                    for party in parties
                    if wordings[position][party.index] != by_role["central" if party.central else "partner"]
                }
                if own:
                    entry["roles"] = own
                rows.append(entry)
                position += 1
            groups.append((group.title, rows))
        if groups[0][0] is None:
            result_field["rows"] = groups[0][1]
        else:
            result_field["sections"] = [{"title": title, "rows": rows} for title, rows in groups]
        fields.append(result_field)
    return {"title": title, "heading": appendix.heading, "roles": by_role, "fields": fields}


def _kind(doc: Recognised) -> str:
    """teiju for a 定住自立圏形成協定 (named so, or a 協定 rather than a 協約), else renkei (a 連携協約)."""
    words = " ".join([doc.title or "", *doc.preamble, doc.closing or ""])
    if "定住自立圏" in words or ("協定" in (doc.title or "") and "協約" not in (doc.title or "")):
        return "teiju"
    return "renkei"


def _municipality(signature: Signature, day: Any, warnings: list[str], source: str) -> dict[str, Any]:
    """An entry of municipalities.yaml: the head signed, so was in office on the agreement's date; the
    prefecture from the national list of municipalities."""
    from docgen.model.national import NotInJapan, find

    entry: dict[str, Any] = {
        "address": signature.address or f"{TODO}: the town hall's address as written in a signature block",
        "title": signature.title,
    }
    try:
        found = find(signature.name or "")
    except NotInJapan as error:
        warnings.append(
            _("{source}: {where}: {message}: write its prefecture in municipalities.yaml").format(
                source=source, where=signature.where, message=error
            )
        )
    else:
        if found.kind == "prefecture":
            entry["kind"] = "prefecture"
        else:
            entry["prefecture"] = found.prefecture
    head: dict[str, Any] = {"name": signature.head or f"{TODO}: the head in office on the agreement's date"}
    if day is not None:  # the head signed, so was in office on the agreement's date
        head["known"] = day
    entry["heads"] = [head]
    return entry
