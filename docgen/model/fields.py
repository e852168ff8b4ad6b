"""Text fields of the YAML rendered in the sandbox, every mistake collected at its field.

A region's text may hold Jinja (``{{ parties | join_ja }}``): each field is rendered with the one sandboxed
environment for text (``docgen.base.sandbox``), the simplest ones without compiling (``docgen.base.quick``),
and a mistake is reported at the field's file:line:column, with a did-you-mean for a misspelt name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from docgen.base.budget import Late
from docgen.base.chars import BAD_TEXT, char_message
from docgen.base.errors import Problem
from docgen.base.i18n import _
from docgen.base.printed import Party
from docgen.base.quick import render_quick
from docgen.base.sandbox import make_environment
from docgen.model.loader import Loaded
from docgen.model.spec import loc_text


@lru_cache(maxsize=4096)
def _text_template(source: str):
    return _text_environment().get_template(source)


@lru_cache(maxsize=1)
def _text_environment():
    from jinja2 import FunctionLoader

    env = make_environment(xml=False)
    # a text field's source is its own name: Jinja then keeps each compiled field under it (auto_reload is
    # off, and a source never changes under its own name)
    env.loader = FunctionLoader(lambda source: (source, None, lambda: True))
    return env


def _name_hint(message: str, context: dict[str, Any]) -> str:
    """Jinja's "'partys' is undefined" in the user's language, with "did you mean 'parties'?" when a known
    name is close; any other message as it is."""
    match = re.fullmatch(r"'(\w+)' is undefined", message)
    if not match:
        return message
    import difflib  # only for a mistake

    hint = difflib.get_close_matches(match.group(1), list(context), n=1)
    if hint:
        return _("'{name}' is undefined (did you mean '{suggestion}'?)").format(
            name=match.group(1), suggestion=hint[0]
        )
    return _("'{name}' is undefined").format(name=match.group(1))


class Collector:
    """Gathers problems so that one run reports every mistake of a file, not only the first."""

    def __init__(self, late: dict[str, str] | None = None) -> None:
        self.problems: list[Problem] = []
        self._memo: dict[tuple[str, str], str] = {}
        self._roles: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._late = {} if late is None else late  # shared by a batch (Sources.late)

    def text(self, loaded: Loaded, loc: tuple, source: str, **context: Any) -> str:
        """Render one YAML text field in the sandbox; a mistake in it is reported at the field."""
        if source in self._late:  # ran out of time for an earlier agreement of this batch
            message = _("{field}: {message}").format(field=loc_text(loc), message=self._late[source])
            self.problems.append(loaded.problem(loc, message))
            return ""
        quick = render_quick(source, context, _text_environment())
        try:
            result = quick if quick is not None else _text_template(source).render(**context)
        except Exception as error:  # any failure inside a user's template is the user's to fix
            message = getattr(error, "message", None) or str(error)
            message = _name_hint(message, context)
            if isinstance(error, Late):
                self._late[source] = message
            self.problems.append(
                loaded.problem(loc, _("{field}: {message}").format(field=loc_text(loc), message=message))
            )
            return ""
        bad = BAD_TEXT.search(result)
        if bad:  # "{{ '\x01' }}" makes a character that a Word document cannot hold
            message = char_message(bad.group(), "document")
            message = _("{field}: {message} (the text renders to it)").format(
                field=loc_text(loc), message=message
            )
            self.problems.append(loaded.problem(loc, message))
            return ""
        return result

    def shared(self, roles: tuple[str, ...]) -> tuple[str, ...]:
        """One tuple for equal role lists: most rows of an agreement have the same roles."""
        return self._roles.setdefault(roles, roles)

    def role(self, loaded: Loaded, loc: tuple, source: str, party: Party, **context: Any) -> str:
        """Role wording: the same source gives the same text for one party in every row, so render it once."""
        key = (source, party.label)
        if key not in self._memo:
            self._memo[key] = self.text(loaded, loc, source, party=party, **context)
        return self._memo[key]
