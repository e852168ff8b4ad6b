"""Record what ``docgen.commands.words`` needs to read a command line without argparse: run after changing a
command's options (``tests/test_words.py`` fails until then)::

    python -m docgen.commands.words_ahead

For docgen's own parser and each command's (``screens_ahead.parser_of``, as ``dispatch.main`` builds
them), it records into ``words_data`` each option's strings, dest, whether it takes a value, its ``type=``
function (by name, ``module:qualname``, for ``words`` to call) and ``choices``; the positionals' ``nargs``;
the defaults argparse leaves for an option not given (a string default through its ``type=``, as argparse
converts it); the mutually exclusive groups and the required options. Only the actions ``words`` reads
are recorded as options: store with one value, and the flags (store_true, store_false, store_const); any
other (help, version, append, count...) is left to argparse, which then reads the whole line. Before the
command, only docgen's options that take a value (``--lang``): a flag there (``--version``) makes
``dispatch`` do something other than run a command.
"""

from __future__ import annotations

import argparse
import pprint
import sys
from pathlib import PurePath

from docgen.base.i18n import LANGUAGES, setup
from docgen.commands.parser import build_parser
from docgen.commands.screens_ahead import commands, parser_of

TARGET = PurePath(__file__).with_name("words_data.py")
HEADER = '''"""docgen's command lines as argparse reads them, recorded by
``python -m docgen.commands.words_ahead``: do not edit.

``PYTHON``: the version whose argparse they were recorded with. An option: ``(dest, takes a value, type
function "module:qualname" or None, choices or None, the value a flag stores)``. A command: ``(options,
positionals (dest, nargs, type, choices, default), the defaults of the options not given, the mutually
exclusive groups' dests, the required options' dests)``.
"""

from pathlib import Path

'''
_FLAGS = (argparse._StoreTrueAction, argparse._StoreFalseAction, argparse._StoreConstAction)


class _Source:
    """A value written as the source that makes it (a path: ``Path('output')``)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _data(value: object) -> object:
    if isinstance(value, PurePath):
        return _Source(f"Path({str(value)!r})")
    if isinstance(value, dict):
        return {key: _data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_data(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_data(item) for item in value)
    if value is None or isinstance(value, (str, int, bool)):
        return value
    raise ValueError(f"words_data cannot record the value {value!r}")


def _type_name(function: object) -> str | None:
    """``module:qualname`` of a ``type=`` function, checked to name that very function."""
    if function is None:
        return None
    name = f"{function.__module__}:{function.__qualname__}"  # type: ignore[attr-defined]
    module, _colon, qualname = name.partition(":")
    found: object = sys.modules[module]
    for part in qualname.split("."):
        found = getattr(found, part, None)
    if found is not function:
        raise ValueError(f"the type function {function!r} cannot be called by its name {name}")
    return name


def _choices(action: argparse.Action) -> tuple | None:
    return None if action.choices is None else tuple(action.choices)


def _option(action: argparse.Action) -> tuple | None:
    """An option ``words`` reads, or ``None`` (argparse's)."""
    if isinstance(action, _FLAGS):
        return (action.dest, False, None, None, action.const)
    if type(action) is argparse._StoreAction and action.nargs is None and action.option_strings:
        return (action.dest, True, _type_name(action.type), _choices(action), None)
    return None


def _default(parser: argparse.ArgumentParser, action: argparse.Action) -> object:
    # argparse's value for an option not given: its default, a string converted by its type= function
    if isinstance(action.default, str) and action.type is not None:
        return parser._get_value(action, action.default)
    return action.default


def _defaults(parser: argparse.ArgumentParser, actions: list[argparse.Action]) -> tuple:
    pairs = {
        action.dest: _default(parser, action)
        for action in actions
        if action.dest is not argparse.SUPPRESS and action.default is not argparse.SUPPRESS
    }
    for dest, value in parser._defaults.items():
        pairs.setdefault(dest, value)
    return tuple(sorted(pairs.items()))


def _options(actions: list[argparse.Action], *, values_only: bool = False) -> dict[str, tuple]:
    options = {}
    for action in actions:
        option = _option(action)
        if option is not None and not (values_only and not option[1]):
            options.update(dict.fromkeys(action.option_strings, option))
    return options


def command(name: str) -> tuple:
    """What ``words`` reads of ``docgen NAME ...``."""
    parser = parser_of(name)
    optionals = [action for action in parser._actions if action.option_strings]
    positionals = tuple(
        (action.dest, action.nargs, _type_name(action.type), _choices(action), action.default)
        for action in parser._actions
        if not action.option_strings
    )
    exclusive = tuple(
        tuple(action.dest for action in group._group_actions) for group in parser._mutually_exclusive_groups
    )
    required = tuple(action.dest for action in optionals if action.required)
    return (_options(optionals), positionals, _defaults(parser, optionals), exclusive, required)


def top() -> tuple[tuple, dict[str, tuple]]:
    """docgen's own parser: its defaults (less the positionals: the command's, which ``words`` sets), and
    its options that take a value."""
    parser = build_parser(bare=True)
    optionals = [action for action in parser._actions if action.option_strings]
    subparsers = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    return _defaults(parser, optionals + subparsers), _options(optionals, values_only=True)


def _recorded_in(lang: str) -> dict[str, object]:
    setup(lang)
    defaults, options = top()
    return {
        "TOP_DEFAULTS": defaults,
        "TOP_OPTIONS": options,
        "COMMANDS": {name: command(name) for name in commands()},
    }


def recorded() -> str:
    """The source of ``words_data``, as recorded now (the same in every language: checked)."""
    try:
        each = [_recorded_in(lang) for lang in LANGUAGES]
    finally:
        setup("en")
    if any(data != each[0] for data in each[1:]):
        raise ValueError("docgen's command lines are read differently in another language")
    body = [HEADER, f"PYTHON = {tuple(sys.version_info[:2])!r}\n"]
    for name, value in each[0].items():
        body.append(f"{name} = {pprint.pformat(_data(value), width=110, sort_dicts=True)}\n")
    return "".join(body)


def main() -> None:
    with open(TARGET, "w", encoding="utf-8") as file:
        file.write(recorded())
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
