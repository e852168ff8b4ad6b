"""Amend agreements: from the text as signed (OLD) and the text as it is to read (NEW), the amending agreement
(「…の一部を変更する連携協約」) and its 新旧対照表, as Word documents; the library behind ``docgen amend``.

OLD and NEW are agreement files, or folders whose agreements are matched by their path below the folder
given. Each is read and resolved exactly as ``docgen build`` reads it, so the text an amendment starts from is
what OLD builds and the text it leads to is what NEW builds, character for character. The 改め文 are found by
``docgen.amend`` from those printed texts, without following references (``follow=False``): a
``{{ ref.roles }}`` is already renumbered in NEW's text, and following literal references there would make
the amendment give a text that ``docgen build NEW`` does not print. A literal reference that a renumbering
leaves naming another article (a 次条 or 第3条 written as text) is told as a warning instead.

Before anything is written, docgen applies its own 改め文 to OLD's text and compares the result with NEW's
(``docgen.amend.check``); if they differ it raises ``AmendmentCheckError`` and writes nothing. Only the
printed text counts: a new head of a municipality, the cover and the closing words of the original are not
amended. ``amendment_documents`` returns each amended agreement's two documents as bytes (for the council
bills of a change, which attach them); ``write_amendments`` writes them, all or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from docgen.amend import Amendment, amend
from docgen.amend.comparison import Comparison, Line
from docgen.amend.kaibun import PrintedArticle, Sentence
from docgen.amend.references import stale_references
from docgen.amend.text import AnyAppendix, Item, Table, version_from_context
from docgen.base import ja
from docgen.base.errors import (
    AgreementError,
    AmendmentCheckError,
    AmendmentError,
    Problem,
    display,
)
from docgen.base.printed import Party, article_line, literal_appendix
from docgen.documents.amendment_checks import (
    check_amendable,
    check_options,
    in_file,
    pair_agreements,
    stale_place,
    stale_warning,
)
from docgen.documents.batch import Progress, resolve_all, write_documents
from docgen.documents.signing import signatories
from docgen.documents.templates import default_template, load_template
from docgen.model.kinds import kind_of
from docgen.model.literal_references import LiteralReferences
from docgen.model.resolved import Mode, Resolved, check_mode

AMENDMENT_TEMPLATE = "amendment.docx"
COMPARISON_TEMPLATE = "comparison.docx"
AMENDMENT_SUFFIX = ".amendment.docx"
COMPARISON_SUFFIX = ".comparison.docx"
Style = Literal["kaibun", "table"]
"""How the amending agreement amends: by 改め文, or by a table (新旧対照表方式)."""

# the paragraph styles (their ids) of the comparison template's lines, by kind
_LINE_STYLES = {
    "title": "ComparisonText",
    "preamble": "Preamble",
    "caption": "ArticleCaption",
    "article": "Article",
    "paragraph": "Article",
    "heading": "ComparisonText",
    "cells": "ComparisonText",
    "row": "ComparisonText",
}


@dataclass(frozen=True)
class AmendedAgreement:
    """One agreement whose printed text changed: its two versions, the amendment and its two documents."""

    old: Resolved
    new: Resolved
    amendment: Amendment
    agreement: bytes  # the amending agreement, .docx
    comparison: bytes  # the 新旧対照表, .docx
    signatories: tuple[Party, ...] = ()  # the parties as they sign the amendment (heads on its date)

    @property
    def name(self) -> Path:
        """``<region>/<agreement file's stem>``, relative to the output folder."""
        return Path(self.new.region) / self.new.path.stem

    @property
    def targets(self) -> tuple[Path, Path]:
        """The two documents' paths relative to the output folder."""
        return self.name.with_name(self.name.name + AMENDMENT_SUFFIX), self.name.with_name(
            self.name.name + COMPARISON_SUFFIX
        )


@dataclass(frozen=True)
class Amendments:
    """What ``amendment_documents`` found: the agreements amended, those whose text is the same in OLD and
    NEW, those only in one of them, and warnings about references."""

    amended: list[AmendedAgreement] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)  # NEW's files
    only_old: list[Path] = field(default_factory=list)
    only_new: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def amendment_documents(
    old: str | Path,
    new: str | Path,
    *,
    date: dt.date | None = None,
    effective: dt.date | None = None,
    mode: Mode = "final",
    seal: bool = False,
    new_left: bool = True,
    today: dt.date | None = None,
    marks: bool = True,
    style: Style = "kaibun",
) -> Amendments:
    """Every agreement of ``old`` whose printed text differs in ``new``, with its amending agreement and its
    新旧対照表 rendered to .docx bytes; writes nothing.

    ``date`` is the amendment's signing date (the heads in office on it sign; a draft may leave it out),
    ``effective`` the day it takes effect (default: the signing date, 「締結の日から」). Raises
    ``AgreementError`` for mistakes in the files, ``AmendmentError`` for a change no 改め文 of docgen
    expresses, ``AmendmentCheckError`` if docgen's own 改め文 do not give NEW's text.
    """
    check_mode(mode, seal)
    check_options(date=date, effective=effective, mode=mode, marks=marks, style=style)
    pairs, only_old, only_new = pair_agreements(Path(old), Path(new))
    olds, news = _resolve_pairs(pairs)
    found = Amendments(only_old=only_old, only_new=only_new)
    refused: list[str] = []
    stale: dict[tuple[str, bool], list[Path]] = {}  # (message, at its file:line:col), the agreements
    changed: list[tuple[Resolved, Resolved, Amendment]] = []
    files = LiteralReferences()  # NEW's files, read when a stale reference is placed in them
    for before, after in zip(olds, news, strict=True):
        try:
            amendment = _amendment(before, after, date, effective, new_left, marks)
        except AmendmentError as error:
            refused += [in_file(after.path, line) for line in str(error).splitlines()]
            continue
        except AmendmentCheckError as error:
            raise AmendmentCheckError(
                provision=error.provision, message=error.detail, agreement=display(after.path)
            ) from None
        if amendment is None:
            found.unchanged.append(after.path)
            continue
        changed.append((before, after, amendment))
        for reference in stale_references(amendment.old, amendment.new):
            stale.setdefault(stale_place(after, reference, files), []).append(after.path)
    if stale and mode != "draft":
        # a literal 前条 or 第3条 that now names another article would be signed as a wrong text (ハネ改正
        # missed): refused in what is to be signed, told in a draft, which is for finding such things; once
        # at its place in the region's file when the agreements share it, else once an agreement
        refused += [
            message if placed else in_file(path, message)
            for (message, placed), files in stale.items()
            for path in (files[:1] if placed else files)
        ]
    if refused:
        raise AmendmentError("\n".join(refused))
    signing = signatories([pair[1] for pair in changed], date, mode, warn=found.warnings.append)
    amending, comparing = _templates()
    for before, after, amendment in changed:
        parties = signing[after.path]
        context = _amendment_context(before, after, amendment, parties, date, effective, mode, seal, today)
        if style == "table":  # 新旧対照表方式: the body is the table, the template's sentence says how
            context["rows"] = _comparison_context(before, after, amendment.comparison, new_left, mode)["rows"]
            context["new_left"] = new_left
        table = _comparison_context(before, after, amendment.comparison, new_left, mode)
        found.amended.append(
            AmendedAgreement(
                before,
                after,
                amendment,
                amending.render(context, title=before.title, date=date),
                comparing.render(table, title=before.title, date=date),
                tuple(parties),
            )
        )
    found.warnings.extend(stale_warning(message, files) for (message, _placed), files in stale.items())
    return found


def write_amendments(
    old: str | Path,
    new: str | Path,
    out_dir: str | Path = "output",
    *,
    date: dt.date | None = None,
    effective: dt.date | None = None,
    mode: Mode = "final",
    seal: bool = False,
    new_left: bool = True,
    pdf: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
    procedure: bool = False,
    forms: str | Path | None = None,
    marks: bool = True,
    style: Style = "kaibun",
) -> tuple[Amendments, list[Path]]:
    """``amendment_documents``, written to ``out_dir/<region>/<name>.amendment.docx`` and
    ``….comparison.docx`` (with ``pdf`` their PDFs too), all together or none; returns what was found and the
    files written. Nothing is written, not even the output folder, when no agreement's text changed.

    With ``procedure``, also each party's council bill, notice and notification of the change,
    ``out_dir/<region>/<name>/<party>-change-bill.docx`` and so on, made from the forms in ``forms`` (see
    ``docgen.documents.procedure``) with the amending agreement and the 新旧対照表 attached."""
    if pdf:
        from docgen.office.pdf import find_soffice

        find_soffice()  # a missing LibreOffice is told before the agreements are read
    found = amendment_documents(
        old,
        new,
        date=date,
        effective=effective,
        mode=mode,
        seal=seal,
        new_left=new_left,
        today=today,
        marks=marks,
        style=style,
    )
    if not found.amended:
        return found, []
    out = Path(out_dir)
    documents = {
        out / target: data
        for item in found.amended
        for target, data in zip(item.targets, (item.agreement, item.comparison), strict=True)
    }
    if procedure:
        documents.update(
            (out / name, data)
            for name, data in change_forms(found, date, mode=mode, seal=seal, today=today, forms=forms)
        )
    return found, write_documents(out, documents, pdf=pdf, jobs=jobs, progress=progress)


def change_forms(
    found: Amendments,
    date: dt.date | None,
    *,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
    forms: str | Path | None = None,
) -> list[tuple[Path, bytes]]:
    """Each party's bill, notice and notification of each change (地方自治法第252条の2第4項: a change repeats
    the procedure), as (name below the output folder, .docx bytes); the change's numbers and dates come from
    the changed agreement's ``change_procedure:``, what is missing prints blank."""
    from docgen.documents.forms import FormTemplates, render_forms
    from docgen.documents.procedure import Attachment, load_procedure

    templates = FormTemplates(Path(forms) if forms is not None else None)
    made: list[tuple[Path, bytes]] = []
    problems: list[Problem] = []
    for item in found.amended:
        # the agreement as changed, signed on the amendment's date by the heads in office on it
        changed = item.new.signed_by(item.signatories, date)
        try:
            # the forms name the agreement by the title it was signed under: a new title is one of the
            # changes the amending agreement lists
            procedure = load_procedure(
                changed,
                mode=mode,
                seal=seal,
                today=today,
                action="変更",
                original=item.old.date,
                title=item.old.title,
            )
        except AgreementError as error:
            problems += error.problems
            continue
        attachments = [Attachment("agreement", item.agreement), Attachment("comparison", item.comparison)]
        for form in render_forms(procedure, attachments, templates):
            made.append((form.name.with_name(f"{form.party}-change-{form.form}.docx"), form.docx))
    if problems:
        raise AgreementError(list(dict.fromkeys(problems)))
    return made


# --- reading and comparing ------------------------------------------------------------------------------


def _resolve_pairs(pairs: list[tuple[Path, Path]]) -> tuple[list[Resolved], list[Resolved]]:
    """Both sides of every pair, read and checked as ``docgen build`` does; every problem of both at once."""
    problems: list[Problem] = []
    sides: list[list[Resolved]] = []
    for files in zip(*pairs, strict=True):
        try:
            sides.append(resolve_all(list(files)))
        except AgreementError as error:
            problems += error.problems
            sides.append([])
    if problems:
        raise AgreementError(list(dict.fromkeys(problems)))
    return sides[0], sides[1]


def _amendment(
    old: Resolved,
    new: Resolved,
    date: dt.date | None,
    effective: dt.date | None,
    new_left: bool,
    marks: bool = True,
) -> Amendment | None:
    """The amendment of one agreement, or None when its printed text is the same."""
    check_amendable(old, new, date, effective)
    amendment = amend(
        version_from_context(old.context),
        version_from_context(new.context),
        new_left=new_left,
        follow=False,
        marks=marks,
    )
    return None if amendment.changes.empty else amendment


# --- what the templates print ---------------------------------------------------------------------------


def _templates():
    return (
        load_template(default_template(AMENDMENT_TEMPLATE)),
        load_template(default_template(COMPARISON_TEMPLATE)),
    )


def _amendment_context(
    old: Resolved,
    new: Resolved,
    amendment: Amendment,
    parties: list[Party],
    date: dt.date | None,
    effective: dt.date | None,
    mode: Mode,
    seal: bool,
    today: dt.date | None,
) -> dict[str, Any]:
    assert old.date is not None
    return {
        "original_title": old.context["title"],
        "original_date": ja.era_date(old.date),
        # 「…の一部を変更する連携協約」, of a 定住自立圏形成協定 「…の一部を変更する協定」
        "instrument": kind_of(new.kind).instrument,
        "called_by_labels": all(party.called == party.label for party in parties),
        "parties": parties,
        "signature_address": new.context.get("signature_address", True),
        "sentences": [_sentence(sentence) for sentence in amendment.sentences],
        "effective": ja.era_date(effective) if effective is not None else None,
        "date": ja.era_date(date) if date is not None else ja.blank_date(today or dt.date.today()),
        "mode": mode,
        "seal": seal,
        "rows": [],  # the rows of the table of --style table
        "new_left": True,
    }


def _sentence(sentence: Sentence) -> dict[str, Any]:
    lines: list[dict[str, Any]] = []
    for paragraph in sentence.paragraphs:
        lines.append(article_line("paragraph", 0, paragraph.number, paragraph.text))
        lines += [_item_line(item) for item in paragraph.items]
    return {
        "text": sentence.text,
        "articles": [_article(article) for article in sentence.articles],
        "lines": lines,
        "appendices": [_appendix(sentence.appendix)] if sentence.appendix is not None else [],
        # rows a sentence adds to a 別表, as a table of the 別表's own columns
        "row_tables": [
            {
                "heading": sentence.rows_heading,
                "groups": [
                    {
                        "rows": [
                            {"label": r.label, "item": r.item, "text": r.text, "roles": list(r.roles)}
                            for r in sentence.rows
                        ]
                    }
                ],
            }
        ]
        if sentence.rows
        else [],
        # rows a sentence adds to a 別表 kept as a table of text, as the agreement template prints its rows
        "cell_tables": [{"table": [{"cells": list(cells)} for cells in sentence.cells]}]
        if sentence.cells
        else [],
    }


def _item_line(item: Item) -> dict[str, Any]:
    return article_line("item", item.level, item.label, item.text)


def _article(article: PrintedArticle) -> dict[str, Any]:
    return {
        "number": article.number,
        "caption": article.caption,
        "text": article.text,
        "lines": [article_line(*line) for line in article.lines()],
    }


def _appendix(appendix: AnyAppendix) -> dict[str, Any]:
    """A 別表 as the agreement template's context holds it."""
    if isinstance(appendix, Table):
        return literal_appendix(appendix.title, [list(row) for row in appendix.rows], appendix.header_rows)
    fields = [
        {
            "number": field_.number,
            "title": field_.title,
            "groups": [
                {
                    "number": group.number,
                    "title": group.title,
                    "rows": [
                        {"label": row.label, "item": row.item, "text": row.text, "roles": list(row.roles)}
                        for row in group.rows
                    ],
                }
                for group in field_.groups
            ],
        }
        for field_ in appendix.fields
    ]
    return {
        "title": appendix.title,
        "heading": appendix.heading,
        "fields": fields,
        "table": [],
        "header_rows": 0,
    }


def _comparison_context(
    old: Resolved, new: Resolved, comparison: Comparison, new_left: bool, mode: Mode
) -> dict[str, Any]:
    return {
        "original_title": old.context["title"],
        "parties": new.context["parties"],
        "new_left": new_left,
        "rows": [{"left": _side(row.left), "right": _side(row.right)} for row in comparison.rows],
        "mode": mode,
    }


def _side(lines: Sequence[Line]) -> list[dict[str, Any]]:
    # a table cell holds at least one paragraph: an empty side (a provision added or removed) is an empty
    # line
    if not lines:
        return [{"style": _LINE_STYLES["cells"], "segments": [], "table": None}]
    return [
        {
            "style": f"Item{line.level}" if line.kind == "item" else _LINE_STYLES[line.kind],
            "segments": [{"text": text, "underlined": underlined} for text, underlined in line.segments],
            # a row of a 別表: a table of its own in the column, its header over its cells
            "table": {
                "header": list(line.header),
                "cells": [[{"text": t, "underlined": u} for t, u in cell] for cell in line.cells],
            }
            if line.kind == "row"
            else None,
        }
        for line in lines
    ]
