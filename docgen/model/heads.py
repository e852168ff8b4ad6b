"""The heads of the municipalities (市長, 町長, 村長) over time: who is in office on a day, and how they sign.

A head's term is four years (地方自治法第140条第1項); a re-elected head begins a new term, recorded as a new
entry. municipalities.yaml records each term by its first day (``since``): the head is in office from then
until the next head's ``since``, and at most four years. The earliest head may be recorded without ``since``
but with the day they were known to be in office (``known``, e.g. the day an agreement was signed): docgen
then trusts them only within ``KNOWN_WITHIN`` of that day, enough for the council's vote before a signing and
the notice after it, and never past the next head's ``since``. On any other day docgen shows no head in
office: a final or published document is refused, a draft prints the name blank.

A 職務代理者 (地方自治法第152条) is recorded as a head with ``acting`` (the post of the one who acts, e.g.
山口市副市長) and signs as 「山口市長職務代理者　山口市副市長　○○○○」.
"""

from __future__ import annotations

import datetime as dt

from docgen.base.i18n import N_, _
from docgen.model.records import Head, Municipality

TERM_YEARS = 4  # 地方自治法第140条第1項
KNOWN_WITHIN = dt.timedelta(days=90)
"""How far from the day a head without ``since`` was known in office docgen takes them to be in office."""


def term_end(start: dt.date) -> dt.date:
    """The first day after a term that began on ``start``: four years on (a term from 2016-02-29 ends with
    2020-02-28)."""
    try:
        return start.replace(year=start.year + TERM_YEARS)
    except ValueError:  # 29 February in a year that has none
        return dt.date(start.year + TERM_YEARS, 3, 1)


def in_office(municipality: Municipality, index: int, day: dt.date) -> bool:
    """Whether the head at ``index`` of the municipality's heads is shown in office on ``day``."""
    heads = municipality.heads
    head = heads[index]
    following = heads[index + 1].since if index + 1 < len(heads) else None
    if following is not None and day >= following:
        return False
    if head.since is not None:
        return head.since <= day < term_end(head.since)
    if head.known is not None:
        return abs(day - head.known) <= KNOWN_WITHIN
    return False


def head_in_office(municipality: Municipality, day: dt.date) -> Head | None:
    """The head shown in office on ``day``, or None when municipalities.yaml shows none."""
    for index in range(len(municipality.heads) - 1, -1, -1):
        if in_office(municipality, index, day):
            return municipality.heads[index]
    return None


def head_on(municipality: Municipality, day: dt.date) -> str | None:
    """The name of the head in office on ``day`` (see ``head_in_office``)."""
    head = head_in_office(municipality, day)
    return head.name if head is not None else None


def signer(municipality: Municipality, head: Head | None) -> str:
    """What a signature block prints before the name: the head's title (山口市長), or for one who acts for
    the head 「山口市長職務代理者　山口市副市長」."""
    if head is not None and head.acting:
        return f"{municipality.title}職務代理者\u3000{head.acting}"
    return municipality.title


def recorded(head: Head) -> str:
    """A head as the messages name them: 西岡晃 (since 2017-04-24) or (known in office on 2017-03-30)."""
    if head.since is not None:
        return _("{name} (since {day})").format(name=head.name, day=head.since.isoformat())
    if head.known is not None:
        return _("{name} (known in office on {day})").format(name=head.name, day=head.known.isoformat())
    return _("{name} (neither 'since' nor 'known' recorded)").format(name=head.name)


# whole sentences with named placeholders, translated where they are told (N_: marked here, _ at use)
NO_HEAD_BEFORE = N_(
    "no head of {name} recorded in office on {day}: the first recorded is {first}. Add the head in office "
    "then to municipalities.yaml before the others under {name}.heads, e.g. '- {{name: …, known: {day}}}'"
)
NO_HEAD_AFTER = N_(
    "no head of {name} recorded in office on {day}: the last recorded is {last}; a term lasts at most "
    "{years} years (地方自治法第140条). Add the head in office then to municipalities.yaml under "
    "{name}.heads, e.g. '- {{name: …, since: YYYY-MM-DD}}' (a re-elected head is a new entry)"
)


def no_head_message(name: str, municipality: Municipality, day: dt.date) -> str:
    """Why no head signs on ``day``, and how to record one."""
    first = municipality.heads[0]
    start = first.since or first.known
    if start is not None and day < start:
        return _(NO_HEAD_BEFORE).format(name=name, day=day.isoformat(), first=recorded(first))
    last = municipality.heads[-1]
    return _(NO_HEAD_AFTER).format(name=name, day=day.isoformat(), last=recorded(last), years=TERM_YEARS)
