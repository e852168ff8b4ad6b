"""The one place where Jinja environments are made.

Templates come from other offices and text fields from YAML typed by hand, so every environment is sandboxed
(no access to Python internals), strict (an undefined name is an error, not an empty string) and knows the
Japanese filters by name. The environment for Word XML escapes every value (``&`` in a name must not break the
document); the one for text fields in YAML does not, because its result is text that is escaped once, when it
is placed in the XML.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from . import ja


def _join_ja(items: Iterable[Any], pattern: str = "{label}") -> str:
    """``{{ parties | join_ja }}`` → 甲及び乙; with a pattern each party is written by it first:
    ``{{ parties | join_ja("{name}（以下「{label}」という。）") }}``. A pattern names fields only
    (``{name}``), never attributes or format specs, so it cannot reach beyond the party's own values."""
    formatter = string.Formatter()
    fields = [field for _, field, spec, conv in formatter.parse(pattern) if field is not None]
    texts = []
    for item in items:
        if isinstance(item, str) and pattern == "{label}":
            texts.append(item)
            continue
        values = item.fields() if hasattr(item, "fields") else {}
        for field in fields:
            if field not in values:
                raise ValueError(f"join_ja: unknown field {{{field}}} (known: {', '.join(sorted(values))})")
        for _, _field, spec, conv in formatter.parse(pattern):
            if spec or conv:
                raise ValueError("join_ja: a pattern may only name fields, like {name}")
        texts.append(pattern.format_map(values))
    return ja.join_ja(texts)


def _join_lines(items: Iterable[Any], width: int, separator: str = "　", attribute: str | None = None) -> str:
    """``{{ parties | join_lines(27, attribute='name') }}`` → the names joined by ``separator``, with a line
    break wherever the next name would take a line past ``width`` characters: lines break only between
    names (a cover's 山口市　…　島根県津和野町 never as 島／根県津和野町). A name longer than a line stays
    whole on a line of its own."""
    if not isinstance(width, int) or width < 1:
        raise ValueError("join_lines: the width is a number of characters, e.g. join_lines(27)")
    lines: list[str] = []
    for item in items:
        text = str(_attribute(item, attribute) if attribute else item)
        if lines and len(lines[-1]) + len(separator) + len(text) <= width:
            lines[-1] += separator + text
        else:
            lines.append(text)
    return "\n".join(lines)


def _attribute(item: Any, name: str) -> Any:
    values = item.fields() if hasattr(item, "fields") else item if isinstance(item, dict) else {}
    if name not in values:
        raise ValueError(f"join_lines: unknown attribute '{name}' (known: {', '.join(sorted(values))})")
    return values[name]


MAX_TEXT = 1_000_000  # characters (or items) one expression may build: a whole agreement is ~20,000
MAX_BITS = 4_096  # the size of a number one expression may build


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, which keeps a template from Python's internals, plus bounds on what ``*`` and ``**``
    may build: ``{{ 'a' * 10**9 }}`` in a template from elsewhere would otherwise take all memory. Intercepted
    operators are also never evaluated while compiling (Jinja folds constants only when they are not)."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _is_number(left) and _is_number(right):
            if abs(right) > 1_000 or abs(left) ** min(abs(right), 64) > 2**MAX_BITS:
                raise SecurityError(f"refused: {left!r} ** {right!r} is too large a number")
        elif operator == "*":
            size = _product_size(left, right)
            if size is not None and size > MAX_TEXT:
                raise SecurityError(
                    f"refused: the result of * is too large (more than {MAX_TEXT} characters, items "
                    "or digits)"
                )
        return super().call_binop(context, operator, left, right)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _product_size(left: Any, right: Any) -> int | None:
    """How many characters, items or bits ``left * right`` would hold, when that could be large."""
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
            return len(sequence) * max(count, 0)
    if isinstance(left, int) and isinstance(right, int):
        bits = abs(left).bit_length() + abs(right).bit_length()
        return bits * MAX_TEXT // MAX_BITS  # beyond MAX_BITS bits counts as beyond MAX_TEXT
    return None


def make_environment(*, xml: bool, bytecode_cache: Any = None) -> SandboxedEnvironment:
    """A sandboxed, strict environment; ``xml=True`` for Word parts (autoescaped), ``False`` for YAML text.

    ``bytecode_cache`` (see ``docgen.cache``) lets a new process load compiled templates instead of compiling.
    """
    env = _Sandbox(
        undefined=StrictUndefined,
        autoescape=xml,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=bytecode_cache,
    )
    env.filters["join_ja"] = _join_ja
    env.filters["join_lines"] = _join_lines
    env.filters["era_date"] = ja.era_date
    return env
