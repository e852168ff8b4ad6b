"""What docgen says about a YAML file it cannot read: PyYAML's syntax errors said as what to fix, and the
limits ``docgen.model.loader`` sets. Apart from the loader, so that each is short enough to read at once."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from docgen.base.errors import Problem
from docgen.base.i18n import _


def too_large(size: int | None, limit: int) -> str:
    """A file over ``limit`` bytes (``size`` None: its size is not known, only that it is over)."""
    mebibytes = f"{limit / (1024 * 1024):g}"
    if size is None:
        return _("file is too large (more than {limit} bytes; the limit is {mebibytes} MiB)").format(
            limit=limit, mebibytes=mebibytes
        )
    return _("file is too large ({size} bytes; the limit is {mebibytes} MiB)").format(
        size=size, mebibytes=mebibytes
    )


def too_deep(limit: int) -> str:
    return _("nesting is too deep (more than {most} levels)").format(most=limit)


def unsupported_tag(tag: str) -> str:
    return _("unsupported YAML tag '{tag}'").format(tag=tag)


def syntax_problem(shown: Path | str, error: yaml.MarkedYAMLError) -> Problem:
    """PyYAML's problem at its position, with its context when that says something the problem does not."""
    mark = error.problem_mark or error.context_mark
    problem, context, context_mark = error.problem or "", error.context, error.context_mark
    if problem == "but found another document":
        message = _("expected a single document in the file, but found another document")
    elif problem == "second occurrence" and context and context_mark:
        name = context.removeprefix("found duplicate anchor ").removesuffix("; first occurrence")
        message = _("duplicate anchor {name} (first at line {line})").format(
            name=name, line=context_mark.line + 1
        )
    elif "'\\t'" in problem:
        message = _("{problem} (use spaces instead of tabs)").format(problem=problem)
    elif (plain := plain_words(problem, context, context_mark)) is not None:
        message = plain
    else:
        # PyYAML's own words, in English: the common mistakes are said in docgen's words above
        message = problem or context or _("invalid YAML")
        if problem and context and context_mark and mark and context_mark.index != mark.index:
            message = _("{problem} ({context} at line {line}, column {column})").format(
                problem=problem, context=context, line=context_mark.line + 1, column=context_mark.column + 1
            )
    if mark is None:
        return Problem(shown, None, None, message)
    return Problem(shown, mark.line + 1, mark.column + 1, message)


def plain_words(problem: str, context: str | None, context_mark: yaml.Mark | None) -> str | None:
    """PyYAML's words for the syntax errors people make most when typing YAML by hand, said as what to fix;
    None for the others."""
    if context_mark:
        at = _("line {line}, column {column}").format(
            line=context_mark.line + 1, column=context_mark.column + 1
        )
        line = _("line {line}").format(line=context_mark.line + 1)
    else:
        at = line = _("above")
    if problem == "mapping values are not allowed here":
        return _(
            "unexpected ':' here: a key must line up with the keys above it, and a value that holds ': ' "
            'needs quotes ("…")'
        )
    if problem.startswith("expected <block end>, but found"):
        return _(
            "this line does not line up with the block that begins at {line}: indent it like the others"
        ).format(line=line)
    if problem.startswith("expected ',' or ']'"):
        return _("the list '[' opened at {at} is never closed with ']'").format(at=at)
    if problem.startswith("expected ',' or '}'"):
        return _("the mapping '{{' opened at {at} is never closed with '}}'").format(at=at)
    if problem == "found unexpected end of stream" and context and "quoted scalar" in context:
        return _("the quoted text that begins at {at} is never closed: add the closing quote").format(at=at)
    if problem == "could not find expected ':'":
        return _("no ':' after the key at {at}: write 'key: value'").format(at=at)
    if problem.startswith("expected '<document start>', but found"):
        return _(
            "not a YAML file of 'key: value' lines: text comes before the first key (is it an agreement?)"
        )
    match = re.fullmatch(r"found character '(.)' that cannot start any token", problem)
    if match:
        return _("a value cannot begin with '{char}': put the value in quotes (\"…\")").format(
            char=match.group(1)
        )
    return None
