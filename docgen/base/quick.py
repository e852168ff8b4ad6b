"""Render the simplest text fields without compiling them.

Nearly every text field of a region is text with a few prints of the parties in it:
``{{ parties | join_ja }}``, ``{{ parties | join_ja("{name}") }}``, ``{{ parties | length }}``,
``{{ ref.roles }}``. Compiling such a field
with Jinja (lexer, parser, code generation, Python's compiler) costs a millisecond or more, and a region has
about fifteen: on a cold ``docgen build`` that is a third of what docgen adds to starting Python. Such a field
is read here by a small grammar and printed by the sandboxed environment's own attribute lookup and filters,
which give what Jinja gives; anything else — a tag, a comment, an index, a call, whitespace control, another
filter, a value that is missing — returns None, and the field is compiled by Jinja as before (so every
mistake is reported by Jinja, with its words). ``tests/test_quick.py`` checks that both ways print the same.
"""

from __future__ import annotations

from typing import Any

from jinja2.runtime import Undefined

from docgen.base.patterns import regex
from docgen.base.printed import Party

_NAME = r"[A-Za-z][A-Za-z0-9_]*"
_STRING = r"""(?:"[^"\\]*"|'[^'\\]*')"""  # no escapes: Jinja would read a backslash
_FILTER = rf"\|\s*(join_ja|length)\s*(?:\(\s*({_STRING})\s*\))?\s*"
_PRINT = regex(rf"{{{{\s*({_NAME}(?:\.{_NAME})*)\s*((?:{_FILTER})*)}}}}")
_FILTERS = regex(_FILTER)
_OTHER_TAGS = regex(r"{[%#]")


def render_quick(source: str, context: dict[str, Any], environment: Any) -> str | None:
    """The field as Jinja would print it, or None when it is not of the simple kind (see the module)."""
    if _OTHER_TAGS.search(source):
        return None
    out: list[str] = []
    position = 0
    # as Jinja's lexer does: a print begins at the first "{{" from where the last one ended ("{{{" is one
    # at the first brace)
    while (start := source.find("{{", position)) >= 0:
        match = _PRINT.match(source, start)
        if match is None:  # a print this grammar does not read
            return None
        out.append(source[position:start])
        value = _value(match.group(1), match.group(2), context, environment)
        if value is None:
            return None
        out.append(value)
        position = match.end()
    out.append(source[position:])
    return "".join(out)


def _value(path: str, filters: str, context: dict[str, Any], environment: Any) -> str | None:
    first, *attributes = path.split(".")
    if first not in context:
        return None
    value = context[first]
    for name in attributes:
        try:
            value = environment.getattr(value, name)  # the sandbox's lookup, as Jinja's {{ a.b }} does
        except Exception:  # ref.nothing: Jinja reports it
            return None
        if isinstance(value, Undefined):
            return None
    for match in _FILTERS.finditer(filters):
        name, argument = match.group(1), match.group(2)
        try:
            if name == "length":
                if argument is not None:
                    return None
                value = len(value)
            else:
                arguments = (argument[1:-1],) if argument is not None else ()
                value = environment.filters["join_ja"](value, *arguments)
        except Exception:  # Jinja reports it, in its words
            return None
    if value is None or isinstance(value, Undefined):
        return None
    if not isinstance(value, (str, int, Party)):  # {{ parties }}: Jinja refuses to print a list (printable)
        return None
    return str(value)
