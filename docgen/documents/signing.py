"""Who signs an amendment or an abolition: each party's head in office on its date, as the signature block
prints them (docgen.model.heads); an agreement's own signatories are those of its date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from docgen.base.errors import AgreementError, Problem
from docgen.base.i18n import N_, _
from docgen.base.printed import Party
from docgen.model.resolved import Mode, Resolved

# by what is signed: whole sentences, so that each language places the date's name its own way
NO_HEAD = {
    "amendment": N_("municipalities.{name}.heads: {why} (the amendment's date)"),
    "abolition": N_("municipalities.{name}.heads: {why} (the abolition's date)"),
}


def signatories(
    agreements: list[Resolved],
    date: dt.date | None,
    mode: Mode,
    what: Literal["amendment", "abolition"] = "amendment",
    warn: Callable[[str], None] | None = None,
) -> dict[Path, list[Party]]:
    """Each agreement's parties as they sign an amendment or an abolition (``what``) dated ``date``: the
    heads in office on it (blank in a draft without a date). A draft leaves blank a head not recorded in
    office on ``date``, and tells ``warn``, as ``docgen build`` does."""
    from docgen.model.agreement import Sources
    from docgen.model.heads import head_in_office, no_head_message, signer
    from docgen.model.records import MunicipalitiesFile

    sources = Sources()
    problems: list[Problem] = []
    found: dict[Path, list[Party]] = {}
    for resolved in agreements:
        loaded, towns = sources.read(resolved.inputs[2], MunicipalitiesFile)
        parties = []
        for party in resolved.context["parties"]:
            town = towns.municipalities[party.name]
            head = head_in_office(town, date) if date is not None else None
            if head is None and date is not None:
                message = _(NO_HEAD[what]).format(
                    name=party.name, why=no_head_message(party.name, town, date)
                )
                if mode != "draft":
                    problems.append(loaded.problem(("municipalities", party.name, "heads"), message))
                elif warn is not None:
                    blank = _("{message}; the draft leaves the name blank").format(message=message)
                    warn(str(loaded.problem(("municipalities", party.name, "heads"), blank)))
            fields = party.fields()
            del fields["head"], fields["signer"]
            parties.append(
                Party(**fields, head=head.name if head else "", role=party.role, signer=signer(town, head))
            )
        found[resolved.path] = parties
    if problems:
        raise AgreementError(list(dict.fromkeys(problems)))
    return found
