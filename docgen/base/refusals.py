"""What the sandbox says when a template would go past a limit (``docgen.base.sizes`` and ``budget``): each a
whole sentence in the user's language. ``what`` is the expression as the template wrote it, shortened
(``x | join(", ")``); the limits are given by the caller, which owns them."""

from __future__ import annotations

from docgen.base.budget import Refused
from docgen.base.i18n import _


def text_too_long(what: str, size: int | None, limit: int) -> Refused:
    """``size`` None: counted only until it passed the limit."""
    if size is None:
        message = _("refused: {what} would build more than {limit} characters (the limit is {limit})")
    else:
        message = _("refused: {what} would build {size} characters (the limit is {limit})")
    return Refused(message.format(what=what, size=size, limit=limit))


def too_many_items(what: str, size: int, limit: int) -> Refused:
    return Refused(
        _("refused: {what} would make {size} items (the limit is {limit})").format(
            what=what, size=size, limit=limit
        )
    )


def number_too_big(what: str, bits: int | None, limit: int) -> Refused:
    """``bits`` None: more than the limit, not counted."""
    if bits is None:
        message = _("refused: {what} would make a number of more than {limit} bits (the limit is {limit})")
    else:
        message = _("refused: {what} would make a number of {bits} bits (the limit is {limit})")
    return Refused(message.format(what=what, bits=bits, limit=limit))


def nested_too_deep(limit: int) -> Refused:
    return Refused(_("refused: a value nested more than {limit} deep").format(limit=limit))


def goes_through_too_much(what: str, limit: int) -> Refused:
    return Refused(
        _("refused: {what} would go through more than {limit} characters (the limit is {limit})").format(
            what=what, limit=limit
        )
    )


def joins_too_many(what: str, limit: int) -> Refused:
    return Refused(
        _("refused: {what} would join more than {limit} items (the limit is {limit})").format(
            what=what, limit=limit
        )
    )


def sort_key_refused() -> Refused:
    return Refused(
        _("refused: sort(key=…) is not available in a template (the sort filter sorts by attribute)")
    )


def method_refused(type_name: str, name: str) -> Refused:
    return Refused(
        _("refused: {type}.{method}() is not available in a template").format(type=type_name, method=name)
    )


def wraps_too_much(what: str, size: int, limit: int) -> Refused:
    return Refused(
        _("refused: {what} would go through {size} characters (the limit is {limit})").format(
            what=what, size=size, limit=limit
        )
    )


def copies_too_many(what: str, copies: int, limit: int) -> Refused:
    return Refused(
        _("refused: {what} would copy {copies} items (the limit is {limit})").format(
            what=what, copies=copies, limit=limit
        )
    )


def goes_through_too_many(what: str, size: int, limit: int) -> Refused:
    return Refused(
        _("refused: {what} would go through {size} items (the limit is {limit})").format(
            what=what, size=size, limit=limit
        )
    )
