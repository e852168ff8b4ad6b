"""The values docgen's options take: their defaults, and the functions that turn a word into one (argparse's
``type=``), kept out of ``docgen.commands.parser`` so that reading a command line without argparse
(``docgen.commands.words``) converts a value with the very function argparse would call.

Imports no argparse: a word that is not a value raises ``argparse.ArgumentTypeError`` (argparse's way to
say so, with docgen's message), and argparse is imported only then — by which time the argparse parser,
which tells the mistake, has imported it anyway.
"""

from __future__ import annotations

from pathlib import Path

from docgen.base.i18n import _

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    import datetime as dt

DEFAULT_AGREEMENTS = Path("agreements")
DEFAULT_OUTPUT = Path("output")
DEFAULT_TEMPLATE_NAME = "templates/renkei-kyoyaku.docx"  # the shipped one when the folder has none
DEFAULT_FORMS_NAME = "templates/forms"
MODES = ("final", "draft", "copy")
SCHEMA_KINDS = ("agreement", "region", "municipalities")
MAX_JOBS = 4


def not_a_value(message: str) -> Exception:
    """argparse's ArgumentTypeError with ``message``: what argparse prints after the option's name."""
    import argparse

    return argparse.ArgumentTypeError(message)


def one_of(value: str, options: tuple[str, ...]) -> str:
    """``value`` when it is one of ``options``; else a mistake that suggests the closest option."""
    if value in options:
        return value
    import difflib

    quoted = ", ".join(f"'{option}'" for option in options)
    hint = difflib.get_close_matches(value, options, n=1)
    if hint:
        message = _("'{value}' is not one of {choices} (did you mean '{suggestion}'?)").format(
            value=value, choices=quoted, suggestion=hint[0]
        )
    else:
        message = _("'{value}' is not one of {choices}").format(value=value, choices=quoted)
    raise not_a_value(message)


def mode(value: str) -> str:
    """--mode: final, draft or copy."""
    return one_of(value, MODES)


def schema_kind(value: str) -> str:
    """``docgen schema KIND``: agreement, region or municipalities."""
    return one_of(value, SCHEMA_KINDS)


def date(value: str) -> dt.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise not_a_value(_("'{value}' is not a date: write it as 2017-03-30").format(value=value)) from None


def jobs(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= MAX_JOBS:
        raise not_a_value(
            _("'{value}' is not a number of processes from 1 to {most}").format(value=value, most=MAX_JOBS)
        )
    return int(value)
