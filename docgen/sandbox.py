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
from jinja2.sandbox import SandboxedEnvironment

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


def make_environment(*, xml: bool, bytecode_cache: Any = None) -> SandboxedEnvironment:
    """A sandboxed, strict environment; ``xml=True`` for Word parts (autoescaped), ``False`` for YAML text.

    ``bytecode_cache`` (see ``docgen.cache``) lets a new process load compiled templates instead of compiling.
    """
    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=xml,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=bytecode_cache,
    )
    env.filters["join_ja"] = _join_ja
    env.filters["era_date"] = ja.era_date
    return env
