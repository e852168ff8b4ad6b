"""``docgen check --date D``: the heads who would sign on D, to confirm before a signing, an amendment or an
abolition — or, where municipalities.yaml shows none in office then, what to record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docgen.base.errors import AgreementError, Problem
from docgen.base.i18n import N_, _
from docgen.model.agreement import Sources
from docgen.model.heads import head_in_office, no_head_message, recorded, signer
from docgen.model.records import MunicipalitiesFile
from docgen.model.resolved import Resolved

CONFIRM = N_("{name}: {signer}　{head} — recorded as {record}: confirm they are in office on {day}")


def heads_on(agreements: Sequence[Resolved], day: dt.date) -> list[str]:
    """One line per party of ``agreements`` (each municipality once, in order): the head in office on
    ``day`` as they would sign, and how municipalities.yaml records them. Raises ``AgreementError`` naming
    each municipality with no head recorded in office on ``day``, at its entry of municipalities.yaml."""
    sources = Sources()
    lines: list[str] = []
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for agreement in agreements:
        towns_file = agreement.inputs[2]
        loaded, towns = sources.read(towns_file, MunicipalitiesFile)
        for party in agreement.context["parties"]:
            if (str(towns_file), party.name) in seen:
                continue
            seen.add((str(towns_file), party.name))
            town = towns.municipalities[party.name]
            head = head_in_office(town, day)
            if head is None:
                problems.append(
                    loaded.problem(
                        ("municipalities", party.name, "heads"),
                        _("municipalities.{name}.heads: {message}").format(
                            name=party.name, message=no_head_message(party.name, town, day)
                        ),
                    )
                )
                continue
            lines.append(
                _(CONFIRM).format(
                    name=party.name,
                    signer=signer(town, head),
                    head=head.name,
                    record=recorded(head),
                    day=day.isoformat(),
                )
            )
    if problems:
        raise AgreementError(problems)
    return lines
