"""Who signs an amendment or an abolition: each party's head in office on its date, as the signature block
prints them (docgen.model.heads); an agreement's own signatories are those of its date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docgen.base.errors import AgreementError, Problem
from docgen.base.printed import Party
from docgen.model.resolved import Mode, Resolved

NO_HEAD = "municipalities.{name}.heads: {why} ({what})"


def signatories(
    agreements: list[Resolved], date: dt.date | None, mode: Mode, what: str = "the amendment's date"
) -> dict[Path, list[Party]]:
    """Each agreement's parties as they sign an amendment or an abolition dated ``date`` (``what`` names
    that date in messages): the heads in office on it (blank in a draft without a date)."""
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
            if head is None and date is not None and mode != "draft":
                problems.append(
                    loaded.problem(
                        ("municipalities", party.name, "heads"),
                        NO_HEAD.format(
                            name=party.name, why=no_head_message(party.name, town, date), what=what
                        ),
                    )
                )
            fields = party.fields()
            del fields["head"], fields["signer"]
            parties.append(
                Party(**fields, head=head.name if head else "", role=party.role, signer=signer(town, head))
            )
        found[resolved.path] = parties
    if problems:
        raise AgreementError(list(dict.fromkeys(problems)))
    return found
