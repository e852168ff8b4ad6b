"""What a template may turn into text, and what it may not change.

A text field is rendered with the same values the rest of the document prints: the parties of the signature
block, the articles, the 別表 rows. A text that could change them
(``{% set _ = parties.append(parties[0]) %}`` in the preamble) would add a signature block to the
document, so everything a template reads is read-only: the sandbox refuses the methods that change a list,
mapping or set (Jinja's own list of them, ``jinja2.sandbox.modifies_known_mutable``), with the message here.

A value turned into text the way Python writes it (``{{ parties }}``, ``{{ '%r' % parties }}``,
``{{ parties | string }}``, ``'{!r}'.format(party)``) prints docgen's internals — ``[Party(label='甲', …)]``
— into a legal document: text is made of text, numbers, dates and parties (a party prints its label, 甲),
and anything else is refused where it would become text, with a message that says what to print instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Mapping
from typing import Any

from jinja2.runtime import Undefined
from jinja2.sandbox import modifies_known_mutable

from docgen.base.budget import Refused
from docgen.base.i18n import N_, _
from docgen.base.patterns import regex
from docgen.base.printed import Party

# what a {{ }} prints as itself: text, a number, a date, a party (its label), None/True/False as Jinja does
_PRINTABLE = (str, int, float, dt.date, Party, type(None))
# what is written the way Python writes it (by its repr) inside a list or mapping, or by %r, !r and pprint:
# text quoted, numbers, None/True/False — and lists and mappings of those
_REPRESENTABLE = (str, int, float, type(None))
_CONTAINERS = (list, tuple, set, frozenset, dict)
_DEEPEST = 32  # nesting beyond this is refused by its size already (docgen.base.sizes.MAX_DEPTH)

# filters that write their input (and the arguments they print) as text
TEXT_FILTERS = frozenset(
    " ".join(
        [
            "capitalize center e escape forceescape format indent join lower pprint replace safe string",
            "striptags title tojson trim truncate upper urlencode urlize wordcount wordwrap xmlattr",
        ]
    ).split()
)

_PERCENT = regex(r"%(?:\(([^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d*))?[hlL]?(.?)", re.DOTALL)

_HINT = N_("print its items or fields instead, e.g. {{ parties | join_ja }} or {{ party.name }}")


def _kind(value: Any) -> str:
    if isinstance(value, Party):
        return _("a party")
    if isinstance(value, str):
        return _("a text")
    if type(value) is dict:
        return _("a mapping")
    if type(value) in _CONTAINERS:
        return _("a list")
    return _("an object ({name})").format(name=type(value).__name__)


def refused_attribute(obj: Any, attribute: str) -> str | None:
    """The message for ``obj.attribute`` when it is Python's internals or a method that would change ``obj``;
    else None (Jinja's own message)."""
    if attribute.startswith("_"):
        message = _("refused: '{attribute}' of {kind} is Python's internals, which a template cannot reach")
        return message.format(attribute=attribute, kind=_kind(obj))
    if not modifies_known_mutable(obj, attribute):
        return None
    if isinstance(obj, Mapping):
        message = _("refused: '{attribute}' would change a mapping, and what a template reads is read-only")
    elif isinstance(obj, (set, frozenset)):
        message = _("refused: '{attribute}' would change a set, and what a template reads is read-only")
    else:
        message = _(
            "refused: '{attribute}' would change a list, and what a template reads is read-only "
            "(build a new one instead, e.g. {{% set more = items + [item] %}})"
        )
    return message.format(attribute=attribute)


def _refuse(value: Any, what: str) -> Refused:
    message = _("refused: {what} would print {kind} as Python writes it; {hint}")
    return Refused(message.format(what=what, kind=_kind(value), hint=_(_HINT)))


def _written(value: Any, printed: bool, depth: int = 0) -> bool:
    """Whether ``value`` becomes text without showing docgen's internals: printed (``str``) when
    ``printed``, else written by its repr; a list or mapping writes its items by their repr."""
    if isinstance(value, (Undefined, bool)):
        return True
    if isinstance(value, _PRINTABLE if printed else _REPRESENTABLE):
        return True
    if type(value) in _CONTAINERS:  # exactly: a subclass (a 別表 row is a named tuple) shows its class
        if depth >= _DEEPEST:
            return True
        items = itertools.chain.from_iterable(value.items()) if type(value) is dict else value
        return all(_written(item, False, depth + 1) for item in items)
    return False


def check_printed(value: Any, what: str) -> None:
    """A value about to become text: text, a number, a date or a party, or lists and mappings of text and
    numbers; anything else is refused."""
    if not _written(value, True):
        raise _refuse(value, what)


def check_represented(value: Any, what: str) -> None:
    """A value about to be written by its repr (``%r``, ``!r``, ``pprint``)."""
    if not _written(value, False):
        raise _refuse(value, what)


def check_converted(value: Any, conversion: str | None, what: str) -> None:
    """A field of ``str.format``: ``!r`` and ``!a`` write the repr, anything else the value's text."""
    if conversion in ("r", "a"):
        check_represented(value, what)
    else:
        check_printed(value, what)


def check_percent(fmt: str, values: Any, what: str) -> None:
    """``fmt % values``: each value by what its conversion writes (``%r`` its repr, ``%s`` its text)."""
    if isinstance(values, tuple):
        positional: list[Any] = list(values)
        mapping = None
    elif isinstance(values, Mapping):
        positional, mapping = [], values
    else:
        positional, mapping = [values], None
    taken = 0
    for match in _PERCENT.finditer(fmt):
        key, kind = match.groups()
        if kind == "%":
            continue
        if key is not None and mapping is not None:
            if key not in mapping:
                continue  # Python reports the missing key
            value = mapping[key]
        elif mapping is not None:
            value = mapping  # '%s' % {…} writes the mapping itself
        elif taken < len(positional):
            value = positional[taken]
            taken += 1
        else:
            continue
        if kind in ("r", "a"):
            check_represented(value, what)
        elif kind == "s":
            check_printed(value, what)


def printing_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that writes its input as text, refusing an input (or an argument) that is not text-like."""
    passed = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0
    what = f"| {name}"

    @functools.wraps(function)
    def printing(*args: Any, **kwargs: Any) -> Any:
        value = args[passed] if len(args) > passed else None
        if name == "format" and isinstance(value, str):
            check_percent(value, kwargs or tuple(args[passed + 1 :]), what)
        elif name in ("pprint", "tojson"):
            check_represented(value, what)
        elif name == "join":
            attribute = args[passed + 2] if len(args) > passed + 2 else kwargs.get("attribute")
            if isinstance(value, (list, tuple)) and attribute is None:
                for item in value:
                    check_printed(item, what)
        elif name == "xmlattr" and isinstance(value, Mapping):
            for item in value.values():
                check_printed(item, what)
        else:
            check_printed(value, what)
        for argument in (*args[passed + 1 :], *kwargs.values()):
            if name != "format":  # format's arguments are checked by their conversions above
                check_printed(argument, what)
        return function(*args, **kwargs)

    return printing
