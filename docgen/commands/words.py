"""docgen's command line read without argparse, where that is certain to give what argparse would give.

Importing argparse, building docgen's parser and parsing cost a seventh of a cold ``docgen build``, more
than all the rest of its command layer; yet nearly every command line is plain: ``docgen build FILE -o
DIR``. ``parse`` reads such a line from what ``words_ahead`` recorded of the real parser (in
``words_data``: each option's strings, dest, whether it takes a value, its ``type=`` function and
``choices``, the defaults, the positionals' ``nargs``), calls the very conversion functions argparse would
call, and returns the namespace argparse would return. Anything else it declines (``None``), and argparse
reads the line: an abbreviated option (``--out``), ``--``, bundled short flags, ``-oDIR``, an unknown
option, a missing or refused value, a value that starts with ``-``, an option given twice where argparse
has rules of its own (``append``), positionals split by options, ``--version``, ``-h``... so that every
mistake is still told by argparse, in its words, with its exit status 2. ``tests/test_words.py`` checks,
on thousands of command lines, that ``parse`` either declines or agrees with argparse.

Here too: what a help screen needs to know before ``docgen.commands.screens`` is loaded (``asks_help``),
and the language ``--lang`` asks for (``requested_language``), read before any parser exists.
"""

from __future__ import annotations

import sys

from docgen.base.languages import LANGUAGES

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

HELP = ("-h", "--help")


def asks_help(words: Sequence[str]) -> bool:
    """Whether ``words`` could be a help screen ``docgen.commands.screens`` prints: it prints one only when a
    word is ``-h`` or ``--help`` itself (an abbreviation, ``--he``, is argparse's to read)."""
    return any(word in HELP for word in words)


def lang_options(words: Sequence[str]) -> tuple[list[str], list[str]]:
    """The values ``--lang`` is given in ``words`` (``--lang ja``, ``--lang=ja``; before a ``--``), in
    order, and the other words."""
    values: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            rest.extend(words[index:])
            break
        if word == "--lang" and index + 1 < len(words):
            values.append(words[index + 1])
            index += 2
        elif word.startswith("--lang="):
            values.append(word.partition("=")[2])
            index += 1
        else:
            rest.append(word)
            index += 1
    return values, rest


def requested_language(words: Sequence[str]) -> str | None:
    """The language ``--lang`` asks for, before the command or after it; ``None`` when not given (or not one
    docgen speaks: argparse then says so, in the locale's language). Read before the parser exists, since
    the parser's help is built in that language."""
    values, _rest = lang_options(words)
    return values[0] if values and values[0] in LANGUAGES else None


class Arguments:
    """A command line's values as attributes: what ``argparse.Namespace`` holds, and equal to one that holds
    the same (argparse's ``__eq__`` defers to this one's)."""

    def __init__(self, values: dict[str, object]) -> None:
        self.__dict__.update(values)

    def __eq__(self, other: object) -> bool:
        if not hasattr(other, "__dict__") or type(other).__name__ not in ("Arguments", "Namespace"):
            return NotImplemented
        return vars(self) == vars(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, like argparse's Namespace

    def __contains__(self, key: str) -> bool:
        return key in self.__dict__

    def __repr__(self) -> str:
        fields = ", ".join(f"{key}={value!r}" for key, value in self.__dict__.items())
        return f"Arguments({fields})"


class _Decline(Exception):
    """The line is argparse's to read."""


def parse(words: Sequence[str]) -> Arguments | None:
    """What argparse's parse of ``words`` would return, or ``None`` where argparse must read them (see the
    module's help)."""
    from docgen.commands import words_data as data

    if tuple(sys.version_info[:2]) != data.PYTHON:  # argparse's rules are those of the recorded version
        return None
    try:
        return _parse(list(words), data)
    except _Decline:
        return None


def _parse(words: list[str], data) -> Arguments:  # noqa: ANN001 (the module words_data)
    values: dict[str, object] = dict(data.TOP_DEFAULTS)
    index = 0
    # before the command: docgen's own options that take a value (--lang ja); anything else is declined
    while index < len(words) and words[index].startswith("-"):
        index, _dest = _option(words, index, data.TOP_OPTIONS, values)
    if index == len(words) or words[index] not in data.COMMANDS:
        raise _Decline
    command = words[index]
    options, positionals, defaults, exclusive, required = data.COMMANDS[command]
    values["command"] = command
    mine: dict[str, object] = {dest: _fresh(value) for dest, value in defaults}
    touched: set[str] = set()  # the dests of the options given
    given: list[str] = []  # the positional words, which must follow one another
    ended = False  # an option came after the positional words
    index += 1
    while index < len(words):
        word = words[index]
        if word.startswith("-") or not word:
            if word == "-" or not word:  # argparse's positional "-", or an empty word: declined, to be sure
                raise _Decline
            index, dest = _option(words, index, options, mine)
            touched.add(dest)
            ended = bool(given)
        else:
            if ended:  # positionals split by an option: argparse's rules vary with nargs
                raise _Decline
            if word.startswith("@"):  # a file of arguments, for a parser that reads them
                raise _Decline
            given.append(word)
            index += 1
    for dest, value in _positionals(given, positionals).items():
        mine[dest] = value
        if given:
            touched.add(dest)
    # a mutually exclusive group (argparse's rules on what counts as given are its own), a required option
    if any(dest in group for group in exclusive for dest in touched) or set(required) - touched:
        raise _Decline
    values.update(mine)  # the command's values over docgen's (a --lang after the command wins)
    return Arguments(values)


def _fresh(value: object) -> object:
    # a recorded default list is shared by every parse in this process: each gets its own
    return list(value) if isinstance(value, list) else value


def _option(words: list[str], index: int, options: dict, values: dict[str, object]) -> tuple[int, str]:
    """Take the option ``words[index]`` (``--name``, ``-n``, ``--name=value``) and its value into
    ``values``; returns the index of the next word, and the option's dest."""
    word = words[index]
    name, equals, explicit = word.partition("=")
    if word in options:
        name, equals = word, ""
    elif not (equals and name.startswith("--") and name in options):
        raise _Decline  # unknown, abbreviated, -oDIR, -o=DIR, bundled flags, --, -h, --version
    dest, takes, convert, choices, const = options[name]
    if not takes:  # a flag (store_true, store_false, store_const)
        if equals:
            raise _Decline  # argparse: "ignored explicit argument"
        values[dest] = const
        return index + 1, dest
    if equals:
        value, after = explicit, index + 1
    elif index + 1 < len(words):
        value, after = words[index + 1], index + 2
    else:
        raise _Decline  # the value is missing
    if not value or value.startswith(("-", "@")):  # an option's look, or argparse's odd cases: its own
        raise _Decline
    values[dest] = _value(value, convert, choices)
    return after, dest


def _positionals(given: list[str], positionals: tuple) -> dict[str, object]:
    """The positional words, matched to the positionals as argparse matches one run of them: all of
    ``nargs`` None (each takes one word), or a single one of ``?``, ``*`` or ``+``."""
    if all(nargs is None for _dest, nargs, *_rest in positionals):
        if len(given) != len(positionals):
            raise _Decline  # missing, or extra: argparse tells it
        return {
            dest: _value(word, convert, choices)
            for word, (dest, _nargs, convert, choices, _default) in zip(given, positionals, strict=True)
        }
    if len(positionals) != 1:
        raise _Decline
    ((dest, nargs, convert, choices, default),) = positionals
    if nargs == "?" and len(given) <= 1:
        if given:
            return {dest: _value(given[0], convert, choices)}
        if isinstance(default, str):  # argparse converts a default given as a string
            return {dest: _value(default, convert, choices)}
        return {dest: default}
    if nargs == "*" and not given:
        if default is not None:
            if choices is not None:
                raise _Decline
            return {dest: _fresh(default)}
        return {dest: []}
    if nargs in ("*", "+") and given:
        return {dest: [_value(word, convert, choices) for word in given]}
    raise _Decline


def _value(word: str, convert: str | None, choices: tuple | None) -> object:
    """``word`` through the option's ``type=`` function (named ``module:qualname``), checked against its
    ``choices``; a word argparse would refuse is declined, for argparse to tell."""
    value: object = word
    if convert is not None:
        try:
            value = _function(convert)(word)
        except Exception:  # noqa: BLE001 (argparse tells whatever the conversion refused)
            raise _Decline from None
    if choices is not None and value not in choices:
        raise _Decline
    return value


def _function(name: str) -> Callable[[str], object]:
    module, _colon, qualname = name.partition(":")
    __import__(module)
    found: object = sys.modules[module]
    for part in qualname.split("."):
        found = getattr(found, part)
    return found  # type: ignore[return-value]
