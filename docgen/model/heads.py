"""The heads of the municipalities (市長, 町長, 村長) and who is in office on a day."""

from __future__ import annotations

import datetime as dt

from docgen.model.records import Municipality


def head_on(municipality: Municipality, day: dt.date) -> str | None:
    """The head in office on ``day``: the last one whose term began on or before it."""
    current = None
    for head in municipality.heads:
        if head.since is None or head.since <= day:
            current = head.name
    return current
