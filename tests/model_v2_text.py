"""The text that region, agreement and municipality YAML print, by the rules of docgen's model v2
(/work/wt/MODEL-V2.md), worked out here without docgen's template.

An oracle for the importer's YAML while main's model v2 (which builds these files) is not merged: the
import tests compare these lines with the text of the imported Word file, by the rules of
``tests/docx_text.py``. Once main builds model v2, the same tests build the files with docgen itself.
Texts are rendered with docgen's own sandboxed Jinja environment and filters (join_ja).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from docgen import ja
from docgen.resolved import Party
from docgen.sandbox import make_environment

DEFAULT_ITEM_LABELS = ["(1)", "ア", "(ア)", "a", "(a)"]
SP = "\u3000"
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def item_label(style: str, n: int) -> str:
    inner = style.strip("()")
    text = {"1": str(n), "ア": ja.kana_label(n) if inner == "ア" else "", "a": chr(ord("a") + n - 1)}.get(
        inner, ROMAN[n - 1] if inner == "i" else ""
    )
    return f"({text})" if style.startswith("(") else text


def printed_lines(agreement_file: Path) -> list[str]:
    """The lines a document built from the agreement file prints (a table row: cells joined by TAB)."""
    agreement = yaml.safe_load(agreement_file.read_text(encoding="utf-8"))
    region = yaml.safe_load((agreement_file.parent / "region.yaml").read_text(encoding="utf-8"))
    towns_file = next(
        folder / "municipalities.yaml"
        for folder in agreement_file.parents
        if (folder / "municipalities.yaml").is_file()
    )
    towns = yaml.safe_load(towns_file.read_text(encoding="utf-8"))["municipalities"]
    env = make_environment(xml=False)
    entries = [p if isinstance(p, dict) else {"name": p} for p in agreement["parties"]]
    labels = ja.party_labels(len(entries))
    parties = []
    for index, (entry, label) in enumerate(zip(entries, labels, strict=True)):
        town = towns[entry["name"]]
        role = entry.get("role") or ("central" if index == 0 else "partner")
        head = town["heads"][-1]["name"]
        parties.append(
            Party(
                label=label,
                name=entry["name"],
                address=town["address"],
                title=town["title"],
                head=head,
                role=role,
            )
        )
    articles = agreement.get("articles") or region["articles"]
    ref = {a["id"]: ja.article_number(i) for i, a in enumerate(articles, start=1) if a.get("id")}

    def render(source: str, **extra: Any) -> str:
        return env.from_string(source).render(parties=parties, ref=ref, **extra)

    def texts(value: Any) -> list[str]:
        return [] if value is None else [value] if isinstance(value, str) else list(value)

    lines: list[str] = []
    cover = agreement.get("cover") or region.get("cover")
    if cover:
        lines += [cover, SP.join(p.name for p in parties)]
    lines += [render(t) for t in texts(region.get("front"))]
    lines.append(agreement.get("title") or region["title"])
    lines += [render(t) for t in texts(agreement.get("preamble") or region.get("preamble"))]
    styles = region.get("item_labels") or DEFAULT_ITEM_LABELS

    def items(entries: list[Any], level: int) -> None:
        for n, entry in enumerate(entries, start=1):
            entry = entry if isinstance(entry, dict) else {"text": entry}
            lines.append(f"{item_label(styles[level], n)}{SP}{render(entry['text'])}")
            items(entry.get("items") or [], level + 1)

    for number, article in enumerate(articles, start=1):
        if article.get("caption"):
            lines.append(f"（{article['caption']}）")
        for index, paragraph in enumerate(texts(article["text"])):
            paragraph = paragraph if isinstance(paragraph, dict) else {"text": paragraph}
            label = paragraph.get("label")
            if label is None:
                label = ja.article_number(number) if index == 0 else str(index + 1)
            elif index == 0:
                label = ja.article_number(number)
            lines.append(f"{label}{SP}{render(paragraph['text'])}" if label else render(paragraph["text"]))
            items(paragraph.get("items") or [], 0)
    if region.get("supplementary"):
        lines.append(f"附{SP}則")
        lines += [render(t) for t in region["supplementary"]]
    closing = agreement.get("closing") or region.get("closing")
    if closing:
        lines.append(render(closing))
    day = agreement["date"]
    lines.append(ja.era_date(day) if isinstance(day, dt.date) else "")
    names = region.get("parties_called") == "names"
    address = region.get("signature_address", True)
    for party in parties:
        first = party.address if address else ""
        if not names:
            first = f"{party.label}{SP}{first}" if first else party.label
        lines += [first, party.name, f"{party.title}{SP}{party.head}"]
    lines += [render(t) for t in texts(region.get("back"))]
    appendices = region.get("appendices") or ([region["appendix"]] if region.get("appendix") else [])
    for appendix in appendices:
        lines.append(render(appendix["title"]))
        if "table" in appendix:
            lines += ["\t".join(row) for row in appendix["table"]]
            continue
        called = [p.name if names else p.label for p in parties]
        header = "\t".join([appendix["heading"], "", *(f"{c}の役割" for c in called)])
        for f_number, field in enumerate(appendix["fields"], start=1):
            lines.append(f"{f_number}{SP}{field['title']}")
            groups = (
                [(None, field["rows"])]
                if "rows" in field
                else [(s["title"], s["rows"]) for s in field["sections"]]
            )
            for g_number, (title, rows) in enumerate(groups, start=1):
                if title:
                    lines.append(f"({g_number}){SP}{title}")
                lines.append(header)
                for r_number, row in enumerate(rows, start=1):
                    roles = []
                    for party in parties:
                        own = row.get("roles") or {}
                        wording = own.get(party.label) or own.get(party.role) or appendix["roles"][party.role]
                        others = [p for p in parties if p is not party]
                        centrals = [p for p in others if p.role == "central"]
                        roles.append(render(wording, party=party, others=others, centrals=centrals))
                    lines.append(
                        "\t".join([f"{ja.kana_label(r_number)}{SP}{row['item']}", row["text"], *roles])
                    )
    return lines
