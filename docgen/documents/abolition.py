"""Abolish agreements: the agreement that abolishes each one (「…を廃止する協約」, for a 定住自立圏形成協定
「…を廃止する協定」), and with ``procedure`` each party's bill, notice and notification of the abolition; the
library behind ``docgen abolish`` and ``docgen.abolish``.

By 地方自治法第252条の2第4項 a 連携協約 is abolished 「前三項の例により」: the parties agree (協議), every
council votes (第3項), then each party publishes a 告示 and notifies its governor (第2項). A
定住自立圏形成協定 is abolished as its own articles say (commonly 「協定の廃止」 after each council's vote
under the municipality's ordinance on matters for the council's vote); its forms cite that ordinance and
publish (公表) and report the abolition instead (``templates/forms/``, worded by kind).

The agreements are read exactly as ``docgen build`` reads them: the abolition names each by the title and
the date it was signed under; the heads in office on the abolition's date sign it. Everything is checked and
rendered before anything is written; then all documents (and their PDFs) are put in place together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.base import ja
from docgen.base.errors import AgreementError, Problem, UserError
from docgen.base.i18n import N_, _
from docgen.base.printed import Party
from docgen.documents.batch import Progress, resolve_all, write_documents
from docgen.documents.signing import signatories
from docgen.documents.templates import default_template, load_template
from docgen.model.kinds import kind_of
from docgen.model.resolved import Mode, Resolved, check_mode

ABOLITION_TEMPLATE = "abolition.docx"
ABOLITION_SUFFIX = ".abolition.docx"
EFFECT_BEFORE_SIGNING = N_("the abolition takes effect ({effective}) before it is signed ({date})")
SIGNED_BEFORE_THE_AGREEMENT = N_(
    "the abolition is signed on {day}, before the agreement was signed ({signed})"
)
EFFECTIVE_BEFORE_THE_AGREEMENT = N_(
    "the abolition takes effect on {day}, before the agreement was signed ({signed})"
)


# a 定住自立圏形成協定 is commonly ended by one party's notice under its own article, and some allow an
# agreement of both parties: which one is the user's to say
KYOTEI_NEEDS_A_CHOICE = N_(
    "a 定住自立圏形成協定 is abolished as its own article on 廃止 says: give --by PARTY to write the notice "
    "(通告) that party gives after its council's vote, or --by-agreement to write an agreement of both "
    "parties abolishing it"
)


def check_abolition_dates(
    agreements: Sequence[Resolved], date: dt.date | None, effective: dt.date | None
) -> None:
    """Raise ``AgreementError`` where the abolition would be signed, or take effect, before the agreement
    was signed."""
    problems = []
    for item in agreements:
        assert item.date is not None  # resolved as final
        for day, message in (
            (date, SIGNED_BEFORE_THE_AGREEMENT),
            (effective, EFFECTIVE_BEFORE_THE_AGREEMENT),
        ):
            if day is not None and day < item.date:
                problems.append(
                    Problem(
                        str(item.path),
                        None,
                        None,
                        _(message).format(day=day.isoformat(), signed=item.date.isoformat()),
                    )
                )
    if problems:
        raise AgreementError(problems)


@dataclass(frozen=True)
class Abolition:
    """One agreement abolished: the agreement as signed, the parties as they sign its abolition, and the
    abolishing agreement as .docx bytes."""

    agreement: Resolved
    parties: tuple[Party, ...]
    docx: bytes
    effective: dt.date | None = None

    @property
    def name(self) -> Path:
        """``<region>/<agreement's file stem>``, relative to the output folder."""
        return Path(self.agreement.region) / self.agreement.path.stem

    @property
    def target(self) -> Path:
        return self.name.with_name(self.name.name + ABOLITION_SUFFIX)


def abolition_documents(
    paths: Sequence[str | Path],
    *,
    date: dt.date | None = None,
    effective: dt.date | None = None,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
    template: str | Path | None = None,
    by_agreement: bool = False,
    warn: Callable[[str], None] | None = None,
) -> list[Abolition]:
    """The abolishing agreement of every agreement in ``paths``, rendered; writes nothing.

    ``date`` is the day the abolition is signed (only a draft may leave it out), ``effective`` the day it
    takes effect (default: the signing date, 「締結の日から」). Raises ``UserError`` for dates that cannot be
    (before the agreement was signed, effect before signing) and ``AgreementError`` for the files' mistakes
    and for heads not recorded in office on ``date``. A 定住自立圏形成協定 is abolished by an agreement only
    when ``by_agreement`` says so (its own article commonly ends it by one party's notice:
    ``docgen.documents.abolition_notice``). A draft tells ``warn`` of each head it leaves blank.
    """
    check_mode(mode, seal)
    if date is None and mode != "draft":
        raise UserError(
            _(
                "the abolition's signing date is missing: give --date YYYY-MM-DD (only --mode draft may "
                "leave it blank)"
            )
        )
    if date is not None and effective is not None and effective < date:
        raise UserError(
            _(EFFECT_BEFORE_SIGNING).format(effective=effective.isoformat(), date=date.isoformat())
        )
    agreements = resolve_all([Path(p) for p in paths])
    check_abolition_dates(agreements, date, effective)
    if not by_agreement:
        teiju = [item for item in agreements if item.kind == "teiju"]
        if teiju:
            raise AgreementError(
                [Problem(str(item.path), None, None, _(KYOTEI_NEEDS_A_CHOICE)) for item in teiju]
            )
    signing = signatories(agreements, date, mode, "abolition", warn=warn)
    compiled = load_template(Path(template) if template is not None else default_template(ABOLITION_TEMPLATE))
    made = []
    for item in agreements:
        parties = signing[item.path]
        context = abolition_context(item, parties, date, effective, mode, seal, today)
        data = compiled.render(context, title=item.title, date=date)
        made.append(Abolition(item, tuple(parties), data, effective))
    return made


def abolition_context(
    agreement: Resolved,
    parties: list[Party],
    date: dt.date | None,
    effective: dt.date | None,
    mode: Mode,
    seal: bool,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """What the abolition template prints (see ``templates/make_abolition_template.py``)."""
    assert agreement.date is not None
    return {
        "original_title": agreement.title,
        "original_date": ja.era_date(agreement.date),
        "short": kind_of(agreement.kind).short,
        "called_by_labels": all(party.called == party.label for party in parties),
        "parties": parties,
        "signature_address": agreement.context.get("signature_address", True),
        "effective": ja.era_date(effective) if effective is not None else None,
        "date": ja.era_date(date) if date is not None else ja.blank_date(today or dt.date.today()),
        "mode": mode,
        "seal": seal,
    }


def abolition_forms(
    abolitions: Sequence[Abolition],
    date: dt.date | None,
    *,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
    forms: str | Path | None = None,
) -> list[tuple[Path, bytes]]:
    """Each party's bill, notice and notification of each abolition, as (name below the output folder,
    .docx bytes): ``<region>/<name>/<party>-abolition-bill.docx`` and so on. Their numbers and dates come
    from the agreement file's ``abolition_procedure:``; what is missing prints blank. Each attaches the
    abolishing agreement, without 印."""
    from docgen.documents.forms import FormTemplates, render_forms
    from docgen.documents.procedure import Attachment, load_procedure

    templates = FormTemplates(Path(forms) if forms is not None else None)
    made: list[tuple[Path, bytes]] = []
    problems: list[Problem] = []
    compiled = None
    for item in abolitions:
        signed = item.agreement.signed_by(item.parties, date)
        try:
            procedure = load_procedure(
                signed,
                mode=mode,
                seal=seal,
                today=today,
                action="廃止",
                original=item.agreement.date,
                effective=item.effective,
            )
        except AgreementError as error:
            problems += error.problems
            continue
        attached = item.docx
        if seal:  # a bill's 別紙 is not sealed, and a notice publishes the names
            compiled = compiled or load_template(default_template(ABOLITION_TEMPLATE))
            parties = list(item.parties)
            context = abolition_context(item.agreement, parties, date, item.effective, mode, False, today)
            attached = compiled.render(context, title=item.agreement.title, date=date)
        for form in render_forms(procedure, [Attachment("agreement", attached)], templates):
            made.append((form.name.with_name(f"{form.party}-abolition-{form.form}.docx"), form.docx))
    if problems:
        raise AgreementError(list(dict.fromkeys(problems)))
    return made


def write_abolitions(
    paths: Sequence[str | Path],
    out_dir: str | Path = "output",
    *,
    date: dt.date | None = None,
    effective: dt.date | None = None,
    mode: Mode = "final",
    seal: bool = False,
    pdf: bool = False,
    jobs: int | None = None,
    procedure: bool = False,
    forms: str | Path | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
    by_agreement: bool = False,
    warn: Callable[[str], None] | None = None,
) -> tuple[list[Abolition], list[Path]]:
    """``abolition_documents``, written to ``out_dir/<region>/<name>.abolition.docx`` (with ``procedure``
    also the forms, with ``pdf`` the PDFs), all together or none; returns the abolitions and the files
    written."""
    if pdf:
        from docgen.office.pdf import find_soffice

        find_soffice()  # a missing LibreOffice is told before the agreements are read
    abolitions = abolition_documents(
        paths,
        date=date,
        effective=effective,
        mode=mode,
        seal=seal,
        today=today,
        by_agreement=by_agreement,
        warn=warn,
    )
    out = Path(out_dir)
    documents = {out / item.target: item.docx for item in abolitions}
    if procedure:
        documents.update(
            (out / name, data)
            for name, data in abolition_forms(
                abolitions, date, mode=mode, seal=seal, today=today, forms=forms
            )
        )
    return abolitions, write_documents(out, documents, pdf=pdf, jobs=jobs, progress=progress)
