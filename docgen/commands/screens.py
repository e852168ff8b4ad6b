"""Help screens without argparse: ``docgen --help`` and ``docgen COMMAND --help`` from data worked out ahead.

A help screen is a function of the parser, the language and the terminal's width. The parser and the
language are known when docgen is built, so ``screens_ahead`` records, for each language and command, what
argparse's formatter lays out (the usage's parts, each option's invocation and its help text, the sections)
into ``screens_data``; here the same layout is done for the width of this terminal. That costs a fraction of
importing argparse and building the parser, which cost more than starting Python itself.

The layout is argparse's ``HelpFormatter`` (of the Python the data was recorded with, which ``screens_data``
names; under another version, argparse prints the screen), with docgen's one change: Japanese help is
wrapped by display width (``split_lines``), which ``docgen.commands.parser`` uses too.
``tests/test_screens.py`` checks that every screen equals argparse's own, in both languages, at every width
from 1 to 200 columns, and that ``screens_data`` is what ``screens_ahead`` records today.

May import: ``docgen.base.languages`` and the standard library, and only what a screen needs (``re`` is
imported by the script pip writes anyway; ``textwrap`` for English help and ``unicodedata`` for Japanese,
when there is some). ``docgen.cli`` imports this module only when ``words.asks_help`` says a screen may be
asked for.
"""

from __future__ import annotations

import os
import re
import sys

from docgen.base.languages import LANGUAGES, locale_language
from docgen.commands.words import HELP, asks_help, lang_options

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Sequence

INDENT = 2  # argparse's indent_increment
MAX_HELP_POSITION = 24  # argparse's max_help_position
_NO_LINE_START = "、。，．）」』：？！"  # Japanese punctuation that never begins a line (禁則)
# re.compile, not docgen.base.patterns.regex: a help screen needs no other pattern, and these three cost less
# to compile than loading the patterns recorded ahead; argparse's formatter compiles the first two the same
# way, so when argparse runs it finds them in re's cache
_WHITESPACE = re.compile(r"\s+", re.ASCII)
_LONG_BREAK = re.compile(r"\n\n\n+")
_USAGE_PART = re.compile(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+")


def help_width() -> int:
    """The width argparse would take from ``shutil.get_terminal_size`` (``$COLUMNS``, else the terminal's,
    else 80, less 2): asked here, so that a help screen does not import shutil (and zlib, bz2, lzma)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


def split_lines(text: str, width: int) -> list[str]:
    """A help text in lines of ``width`` columns: argparse's for English (words at spaces, by characters);
    for Japanese, which has no spaces and whose characters take two columns each, by display width, never
    starting a line with closing punctuation, and keeping an ASCII word (an option, a file name) whole."""
    if text.isascii():
        import textwrap

        return textwrap.wrap(_WHITESPACE.sub(" ", text).strip(), width)
    import unicodedata

    lines, line, used = [], "", 0
    for char in " ".join(text.split()):
        size = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + size > width and line and char not in _NO_LINE_START:
            cut = len(line) - len(line.split(" ")[-1]) if char.isascii() and " " in line else len(line)
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
            used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        if char == " " and not line:
            continue
        line += char
        used += size
    return [*lines, line] if line else lines


def wanted(words: Sequence[str], commands: Sequence[str]) -> tuple[str, str | None] | None:
    """``(command, lang)`` when ``words`` ask for a help screen and nothing else (``""``: docgen's own;
    ``lang``: what ``--lang`` gives, ``None`` when not given); ``None`` for anything else, which argparse
    then reads (a mistake in ``--lang`` included, so that argparse tells it)."""
    values, rest = lang_options(words)
    if any(value not in LANGUAGES for value in values):
        return None
    lang = values[0] if values else None  # the first decides, as in requested_language
    if len(rest) == 1 and rest[0] in HELP:
        return "", lang
    if len(rest) == 2 and rest[0] in commands and rest[1] in HELP:
        return rest[0], lang
    return None


def screen(words: Sequence[str]) -> str | None:
    """The help screen ``words`` ask for, laid out for this terminal; ``None`` when they ask for something
    else, or when this Python's argparse is not the one the screens were recorded with."""
    if not asks_help(words):  # the common case, told before the screens are loaded
        return None
    from docgen.commands import screens_data as data

    if sys.version_info[:2] != data.PYTHON:
        return None
    asked = wanted(words, data.COMMANDS)
    if asked is None:
        return None
    command, lang = asked
    if lang is None:
        lang = locale_language()
    return layout(data.SCREENS[lang, command], help_width())


# A screen as recorded by screens_ahead: ``(raw, prog, items)``; ``raw``: the description is printed as
# written (RawDescriptionHelpFormatter). An item is one of
#   ("usage", prefix, line, optionals, positionals)   the usage: whole, and its two halves
#   ("text", text)                                     a description
#   ("section", heading, items)                        a titled group of items
#   ("action", invocation, has_help, help, subactions) an option or argument: ``help`` None when it has none
Screen = tuple


def layout(recorded: Screen, width: int) -> str:
    """``recorded`` laid out as argparse's HelpFormatter lays it out for ``width`` columns."""
    raw, prog, items = recorded
    longest = max(_invocation_lengths(items, 0), default=0)
    help_position = min(longest + 2, min(MAX_HELP_POSITION, max(width - 20, INDENT * 2)))
    writer = _Layout(raw, prog, width, help_position)
    text = writer.items(items, 0)
    if text:
        text = _LONG_BREAK.sub("\n\n", text).strip("\n") + "\n"
    return text


def _invocation_lengths(items: Sequence[tuple], indent: int):  # noqa: ANN202 (an iterator of ints)
    # argparse measures each action as it is added: its own and its subactions' invocations, at its indent
    for item in items:
        if item[0] == "section":
            yield from _invocation_lengths(item[2], indent + INDENT)
        elif item[0] == "action":
            yield max([len(item[1]), *(len(sub[1]) for sub in item[4])]) + indent


class _Layout:
    def __init__(self, raw: bool, prog: str, width: int, help_position: int) -> None:
        self.raw, self.prog, self.width, self.help_position = raw, prog, width, help_position

    def items(self, items: Sequence[tuple], indent: int) -> str:
        return "".join(part for part in (self.item(item, indent) for item in items) if part)

    def item(self, item: tuple, indent: int) -> str:
        kind = item[0]
        if kind == "section":
            inner = self.items(item[2], indent + INDENT)
            if not inner:
                return ""
            return f"\n{' ' * indent}{item[1]}:\n{inner}\n"
        if kind == "text":
            return self.text(item[1], indent)
        if kind == "usage":
            return self.usage(*item[1:])
        return self.action(item, indent)

    def text(self, text: str, indent: int) -> str:
        margin = " " * indent
        if self.raw:
            return "".join(margin + line for line in text.splitlines(keepends=True)) + "\n\n"
        import textwrap

        width = max(self.width - indent, 11)
        filled = textwrap.fill(
            _WHITESPACE.sub(" ", text).strip(), width, initial_indent=margin, subsequent_indent=margin
        )
        return filled + "\n\n"

    def usage(self, prefix: str, line: str, optionals: str, positionals: str) -> str:
        width = self.width
        if len(prefix) + len(line) <= width:
            return f"{prefix}{line}\n\n"
        prog = self.prog
        opt_parts = _USAGE_PART.findall(optionals)
        pos_parts = _USAGE_PART.findall(positionals)

        def lines_of(parts: list[str], indent: str, prefix: str | None = None) -> list[str]:
            lines: list[str] = []
            line: list[str] = []
            length = len(prefix) - 1 if prefix is not None else len(indent) - 1
            for part in parts:
                if length + 1 + len(part) > width and line:
                    lines.append(indent + " ".join(line))
                    line = []
                    length = len(indent) - 1
                line.append(part)
                length += len(part) + 1
            if line:
                lines.append(indent + " ".join(line))
            if prefix is not None:
                lines[0] = lines[0][len(indent) :]
            return lines

        if len(prefix) + len(prog) <= 0.75 * width:
            indent = " " * (len(prefix) + len(prog) + 1)
            if opt_parts:
                lines = lines_of([prog, *opt_parts], indent, prefix)
                lines.extend(lines_of(pos_parts, indent))
            elif pos_parts:
                lines = lines_of([prog, *pos_parts], indent, prefix)
            else:
                lines = [prog]
        else:
            indent = " " * len(prefix)
            lines = lines_of(opt_parts + pos_parts, indent)
            if len(lines) > 1:
                lines = lines_of(opt_parts, indent) + lines_of(pos_parts, indent)
            lines = [prog, *lines]
        return prefix + "\n".join(lines) + "\n\n"

    def action(self, item: tuple, indent: int) -> str:
        _, invocation, has_help, text, subactions = item
        position = self.help_position
        help_width = max(self.width - position, 11)
        action_width = position - indent - 2
        first = 0
        if not has_help:
            header = f"{' ' * indent}{invocation}\n"
        elif len(invocation) <= action_width:
            header = f"{' ' * indent}{invocation:<{action_width}}  "
        else:
            header = f"{' ' * indent}{invocation}\n"
            first = position
        parts = [header]
        if text is not None:
            if text:
                lines = split_lines(text, help_width)
                parts.append(f"{' ' * first}{lines[0]}\n")
                parts.extend(f"{' ' * position}{line}\n" for line in lines[1:])
        elif not header.endswith("\n"):
            parts.append("\n")
        parts.extend(self.action(sub, indent + INDENT) for sub in subactions)
        return "".join(part for part in parts if part)
