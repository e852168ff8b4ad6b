"""The one place where Jinja environments are made.

Templates come from other offices and text fields from YAML typed by hand, so every environment is sandboxed
(no access to Python internals), strict (an undefined name is an error, not an empty string) and knows the
Japanese filters by name. The environment for Word XML escapes every value (``&`` in a name must not break the
document); the one for text fields in YAML does not, because its result is text that is escaped once, when it
is placed in the XML.

Jinja's sandbox guards attributes, not work: two nested ``range(10**5)`` loops never end. So each render has a
budget of steps, characters and time (docgen.budget), beyond which it stops with ``Refused``. Every call,
operator, filter, test and attribute lookup is a step, and so is each pass of a ``{% for %}`` loop: the
compiled code (``_Guards``) runs every loop through a counter, so that a loop that calls nothing is counted
and timed too. What ``{{ }}`` prints counts as built, as does the text a loop's body writes at each pass.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.environment import Template
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from jinja2.visitor import NodeTransformer

from . import budget, ja
from .budget import Refused

__all__ = ["Refused", "make_environment"]


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


MAX_TEXT = 1_000_000  # characters (or items) one expression may build: a whole agreement is ~20,000
MAX_BITS = 4_096  # the size of a number one expression may build


class _Template(Template):
    """A compiled template whose every render (``render``, ``generate``, a module) has a budget of its own."""

    @classmethod
    def _from_namespace(cls, environment: Any, namespace: Any, globals: Any) -> Template:  # noqa: A002
        template = super()._from_namespace(environment, namespace, globals)
        template.root_render_func = budget.budgeted(template.root_render_func)  # type: ignore[method-assign]
        return template


def _loop(iterable: Any, text: int) -> Iterator[Any]:
    """What a ``{% for %}`` loop goes through: each pass is a step, and the text the loop's body writes as it
    is counts as built."""
    spending = budget.current()
    step, build = spending.step, spending.build
    for item in iterable:
        step()
        if text:
            build(text)
        yield item


def _finalize(value: Any) -> Any:
    """Every ``{{ }}``: what it prints counts as built."""
    budget.current().build(len(value) if isinstance(value, str) else 100)
    return value


def _literal_text(body: list[nodes.Node]) -> int:
    """The characters of text written as it is in a loop's body, outside its inner loops and macros: what
    one pass writes even when it calls nothing."""
    total = 0
    stack: list[nodes.Node] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.For):
            stack.extend(node.else_)  # an inner loop counts its own passes
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            continue  # written when called, and a call's result is counted
        elif isinstance(node, nodes.TemplateData):
            total += len(node.data)
        elif isinstance(node, nodes.Const) and isinstance(node.value, str):
            total += len(node.value)
        else:
            stack.extend(node.iter_child_nodes())
    return total


class _Guards(NodeTransformer):
    """Rewrites a template before it is compiled: loops through ``_loop``."""

    def __init__(self, environment: Any) -> None:
        self.environment = environment

    def _call(self, function: str, args: list[nodes.Expr], lineno: int) -> nodes.Call:
        call = nodes.Call(nodes.EnvironmentAttribute(function), args, [], None, None)
        return call.set_lineno(lineno).set_environment(self.environment)

    def visit_For(self, node: nodes.For) -> nodes.For:
        text = _literal_text(node.body)
        node = self.generic_visit(node)
        node.iter = self._call("docgen_loop", [node.iter, nodes.Const(text)], node.iter.lineno)
        return node


def _counted(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter or test that counts as a step."""

    @functools.wraps(function)
    def counted(*args: Any, **kwargs: Any) -> Any:
        budget.current().step()
        return function(*args, **kwargs)

    return counted


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, which keeps a template from Python's internals, plus bounds on what ``*`` and ``**``
    may build (``{{ 'a' * 10**9 }}`` in a template from elsewhere would otherwise take all memory) and on
    the work of one render. Intercepted operators are also never evaluated while compiling (Jinja folds
    constants only when they are not)."""

    template_class = _Template
    intercepted_binops = frozenset(["*", "**"])
    docgen_loop = staticmethod(_loop)

    def _generate(self, source: Any, name: str | None, filename: str | None, defer_init: bool = False) -> str:
        _Guards(self).visit(source)
        return super()._generate(source, name, filename, defer_init=defer_init)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget.current().step()
        if isinstance(__obj, LoopContext) and args:  # loop(children) in a recursive loop
            args = (_loop(args[0], 0), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str):  # a macro's text, say
            budget.current().build(len(result))
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        budget.current().step()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        budget.current().step()
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget.current().step()
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
        finalize=_finalize,
    )
    env.filters["join_ja"] = _join_ja
    env.filters["era_date"] = ja.era_date
    for name, function in list(env.filters.items()):
        env.filters[name] = _counted(function)
    for name, function in list(env.tests.items()):
        env.tests[name] = _counted(function)
    return env
