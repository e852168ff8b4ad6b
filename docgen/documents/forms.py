"""The procedure forms' Word templates — docgen's own, or a municipality's in DIR/<municipality>/ — and
rendering each party's bill, notice and notification with the agreement attached where a form asks for it.

What each form prints is worked out by ``docgen.documents.procedure``; this module only finds the
templates, checks them and renders them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docgen.base.chars import nfc
from docgen.base.errors import TemplateError
from docgen.documents.procedure import ATTACHES, FORMS, FORMS_FOLDER, Attachment, Form, Procedure
from docgen.documents.templates import load_template, shipped_template
from docgen.model.resolved import Resolved
from docgen.word.template import CompiledTemplate


def default_forms_folder() -> Path:
    """templates/forms in the current folder, else the forms docgen ships (package data of
    ``docgen.templates``, like the agreement template: see
    ``docgen.documents.templates.shipped_template``)."""
    if FORMS_FOLDER.is_dir():
        return FORMS_FOLDER
    return shipped_template("forms")


class FormTemplates:
    """The form templates of a folder, compiled once each: ``<folder>/<municipality>/<form>.docx`` for a
    municipality that has its own, else ``<folder>/<form>.docx``."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_forms_folder()
        self._own: dict[str, Path] | None = None
        self._compiled: dict[Path, CompiledTemplate] = {}

    def path(self, form: str, party: str) -> Path:
        """The template a party's form is made with."""
        if self._own is None:
            # folder names compared in NFC: a folder made on macOS is named in NFD
            self._own = (
                {nfc(p.name): p for p in self.folder.iterdir() if p.is_dir()} if self.folder.is_dir() else {}
            )
        own = self._own.get(nfc(party))
        if own is not None and (own / f"{form}.docx").is_file():
            return own / f"{form}.docx"
        return self.folder / f"{form}.docx"

    def template(self, form: str, party: str) -> CompiledTemplate:
        return self.compiled(self.path(form, party))

    def compiled(self, path: Path) -> CompiledTemplate:
        if path not in self._compiled:
            self._compiled[path] = load_template(path)
        return self._compiled[path]


def render_form(
    template: CompiledTemplate,
    form: str,
    context: dict[str, Any],
    attachments: Sequence[Attachment] = (),
    *,
    date: dt.date | None = None,
) -> bytes:
    """One form's .docx: the template rendered, then the documents this form attaches appended (see
    ``ATTACHES``), each after its ``Attachment Label`` paragraph."""
    attached = [a for a in attachments if a.kind in ATTACHES[form]]
    context = {**context, "attachments": [{"kind": a.kind} for a in attached]}
    data = template.render(context, title=context["title"], date=date)
    if not attached:
        return data
    from docgen.word.attach import append_attachments

    return append_attachments(data, [a.docx for a in attached], template=template.display)


def render_forms(
    procedure: Procedure, attachments: Sequence[Attachment], templates: FormTemplates
) -> list[Form]:
    """Every party's forms, in party and form order; ``attachments``: the agreement (and for a change the
    新旧対照表), which each form takes as ``ATTACHES`` says."""
    made = []
    for party in procedure.parties:
        for form in FORMS:
            template = templates.template(form, party.party)
            data = render_form(
                template, form, party.contexts[form], attachments, date=procedure.subject.signed
            )
            made.append(Form(party.party, form, procedure.output_name(party.party, form), data))
    return made


def check_forms(
    procedures: Sequence[Procedure], templates: FormTemplates, agreement_template: CompiledTemplate
) -> list[Path]:
    """``docgen check --procedure``: lint each form template used with the forms it makes (as
    ``docgen.word.lint`` does the agreement's), then make every form in memory with its agreement attached.
    Raises ``TemplateProblems`` with every problem found; returns the form templates used."""
    from docgen.word.lint import TemplateProblems, lint_template

    used: dict[Path, list[Resolved]] = {}
    for procedure in procedures:
        for party in procedure.parties:
            for form in FORMS:
                item = Resolved(
                    path=procedure.resolved.path,
                    region=procedure.resolved.region,
                    context={**party.contexts[form], "attachments": [{"kind": "agreement"}]},
                    title=procedure.subject.title,
                    date=procedure.subject.signed,
                )
                used.setdefault(templates.path(form, party.party), []).append(item)
    errors: list[TemplateError] = []
    for path, items in used.items():
        errors += lint_template(templates.compiled(path), items, every_shape=False)
    if not errors:
        for procedure in procedures:
            item = procedure.resolved
            context = {**item.context, "seal": False, "cover": None}
            agreement = agreement_template.render(context, title=item.title, date=item.date)
            try:
                render_forms(procedure, [Attachment("agreement", agreement)], templates)
            except TemplateError as error:
                errors.append(error)
    if errors:
        raise TemplateProblems(errors)
    return list(used)
