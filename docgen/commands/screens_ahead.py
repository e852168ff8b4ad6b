"""Record docgen's help screens for ``docgen.commands.screens``: run after changing a command's options or
help, or the catalog (``tests/test_screens.py`` fails until then)::

    python -m docgen.commands.screens_ahead

For each language and each screen (docgen's own, and each command's), the parser ``docgen.commands.dispatch``
would build is asked, through argparse's own formatter, for everything its layout needs that does not
depend on the width: the usage line and its halves, each option's invocation and expanded help, the
sections. ``screens.layout`` then does the rest for the terminal's width.
"""

from __future__ import annotations

import argparse
import pprint
import sys
from pathlib import Path

from docgen.base.i18n import LANGUAGES, setup
from docgen.commands.parser import build_parser

TARGET = Path(__file__).with_name("screens_data.py")
HEADER = '''"""docgen's help screens, recorded by ``python -m docgen.commands.screens_ahead``: do not edit.

``PYTHON``: the version whose argparse they were recorded with; ``SCREENS[lang, command]``: see
``docgen.commands.screens`` (command ``""``: docgen's own screen).
"""

'''


def commands() -> tuple[str, ...]:
    parser = build_parser(bare=True)
    return tuple(_subparsers(parser).choices)


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def parser_of(command: str) -> argparse.ArgumentParser:
    """The parser whose help ``docgen [COMMAND] --help`` prints, as ``dispatch.main`` builds it."""
    if not command:
        return build_parser(bare=True)
    return _subparsers(build_parser(command)).choices[command]


def record(parser: argparse.ArgumentParser) -> tuple:
    """What ``parser.format_help()`` lays out, less the width (``screens.layout`` reads it)."""
    formatter = parser._get_formatter()
    if parser.usage is not None or not parser._actions:
        raise ValueError("docgen's parsers have no usage of their own, and actions")
    usage = formatter._format_actions_usage
    optionals = [action for action in parser._actions if action.option_strings]
    positionals = [action for action in parser._actions if not action.option_strings]
    groups = parser._mutually_exclusive_groups
    line = " ".join(part for part in (formatter._prog, usage(optionals + positionals, groups)) if part)
    items: list[tuple] = [
        ("usage", argparse._("usage: "), line, usage(optionals, groups), usage(positionals, groups))
    ]
    items.extend(_text(formatter, parser.description))
    for group in parser._action_groups:
        inner = list(_text(formatter, group.description))
        inner.extend(_action(formatter, a) for a in group._group_actions if a.help is not argparse.SUPPRESS)
        items.append(("section", group.title, tuple(inner)))
    items.extend(_text(formatter, parser.epilog))
    raw = isinstance(formatter, argparse.RawDescriptionHelpFormatter)
    return (raw, formatter._prog, tuple(items))


def _text(formatter: argparse.HelpFormatter, text: str | None) -> list[tuple]:
    if text is None or text is argparse.SUPPRESS:
        return []
    if "%(prog)" in text:
        text = text % {"prog": formatter._prog}
    return [("text", text)]


def _action(formatter: argparse.HelpFormatter, action: argparse.Action) -> tuple:
    subactions = action._get_subactions() if hasattr(action, "_get_subactions") else []
    text = formatter._expand_help(action) if action.help and action.help.strip() else None
    return (
        "action",
        formatter._format_action_invocation(action),
        bool(action.help),
        text,
        tuple(_action(formatter, sub) for sub in subactions),
    )


def recorded() -> str:
    """The source of ``screens_data``, as recorded now."""
    screens = {}
    names = ("", *commands())
    for lang in LANGUAGES:
        setup(lang)
        for command in names:
            screens[lang, command] = record(parser_of(command))
    setup("en")
    body = [
        HEADER,
        f"PYTHON = {tuple(sys.version_info[:2])!r}\n",
        f"COMMANDS = {names[1:]!r}\n",
        "SCREENS = " + pprint.pformat(screens, width=110, sort_dicts=True) + "\n",
    ]
    return "".join(body)


def main() -> None:
    TARGET.write_text(recorded(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
