"""The one place where Jinja environments are made.

Templates come from other offices and text fields from YAML typed by hand, so every environment is sandboxed
(no access to Python internals), strict (an undefined name is an error, not an empty string) and knows the
Japanese filters by name. The environment for Word XML escapes every value (``&`` in a name must not break the
document); the one for text fields in YAML does not, because its result is text that is escaped once, when it
is placed in the XML.

Jinja's sandbox guards attributes, not work: ``{{ 'a'.ljust(10**9) }}`` or two nested ``range(10**5)`` loops
would take all memory or never end. So each value a template builds is bounded (docgen.base.sizes), and each
render has a budget of steps, characters and time (docgen.base.budget); beyond a limit the render stops with
``Refused``, a ``SecurityError`` whose message says what was refused and the limit. The hooks:

- ``call``: every call. Methods of Python's own types are allowed by name and sized before they run
  (``ljust``, ``join``, ``extend``, …); the arguments of Python's own code are sized, as it compares and
  hashes them unseen; every result is sized after.
- ``wrap_str_format``: ``str.format`` and ``format_map`` size each field, widths and precisions included.
- ``call_binop``: ``+``, ``*``, ``%`` and ``**``, sized before they run.
- the filters and tests: each is a step; the ones that can grow a value, or go through it as a whole, are
  sized before they run, and every result after.
- ``getattr``, ``getitem`` and ``finalize`` (every ``{{ }}``): a step; what is printed is sized.
- the globals: ``range`` is bounded, ``lipsum`` (random text, never the same document twice) is gone.
- the compiled code (``_Guards``): each ``{% for %}`` loop goes through a counter, so that a loop that calls
  nothing is still counted and timed; ``~`` is sized before it joins, and what a comparison or a ``{…}`` key
  goes through before it does. A template cannot load another (``{% include %}``, ``{% import %}``,
  ``{% extends %}``): each text and each part stands alone.
- the compiling (``_Sandbox._tokenize``): at most ``MAX_TOKENS`` tokens of Jinja a text field or template
  part.
"""

from __future__ import annotations

import functools
import string
import types
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import Template
from jinja2.lexer import Token, TokenStream
from jinja2.runtime import LoopContext, Macro, Undefined, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from docgen.base import budget, ja, printable, sizes
from docgen.base.budget import Refused
from docgen.base.i18n import _
from docgen.base.printed import Party, TableRow

__all__ = ["Refused", "make_environment"]

MAX_TOKENS = 20_000  # tokens of Jinja one text field or template part may have: the template has ~300


def _join_ja(items: Iterable[Any], pattern: str = "{label}") -> str:
    """``{{ parties | join_ja }}`` → 甲及び乙; with a pattern each party is written by it first:
    ``{{ parties | join_ja("{name}（以下「{label}」という。）") }}``. A pattern names fields only
    (``{name}``), never attributes or format specs, so it cannot reach beyond the party's own values."""
    formatter = string.Formatter()
    fields = [field for _text, field, _spec, _conv in formatter.parse(pattern) if field is not None]
    texts = []
    built = 0
    for item in items:
        if isinstance(item, str) and pattern == "{label}":
            texts.append(item)
            continue
        values = item.fields() if hasattr(item, "fields") else {}
        for field in fields:
            if field not in values:
                raise ValueError(
                    _("join_ja: unknown field {{{field}}} (known: {known})").format(
                        field=field, known=", ".join(sorted(values))
                    )
                )
        for _literal, _field, spec, conv in formatter.parse(pattern):
            if spec or conv:
                raise ValueError(_("join_ja: a pattern may only name fields, like {{name}}").format())
        built += len(pattern) + sum(len(str(values[field])) for field in fields)
        if built > sizes.MAX_TEXT:
            raise sizes.too_long(f"join_ja({sizes.short(pattern)})", built)
        texts.append(pattern.format_map(values))
    return ja.join_ja(texts)


def _join_lines(items: Iterable[Any], width: int, separator: str = "　", attribute: str | None = None) -> str:
    """``{{ parties | join_lines(27, attribute='name') }}`` → the names joined by ``separator``, with a line
    break wherever the next name would take a line past ``width`` characters: lines break only between
    names (a cover's 山口市　…　島根県津和野町 never as 島／根県津和野町). A name longer than a line stays
    whole on a line of its own."""
    if not isinstance(width, int) or width < 1:
        raise ValueError(_("join_lines: the width is a number of characters, e.g. join_lines(27)"))
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
        raise ValueError(
            _("join_lines: unknown attribute '{name}' (known: {known})").format(
                name=name, known=", ".join(sorted(values))
            )
        )
    return values[name]


class _Template(Template):
    """A compiled template whose every render (``render``, ``generate``, a module) has a budget of its own."""

    unbudgeted_root: Callable[[Any], Iterator[str]]  # Jinja's render function, before ``budget.budgeted``

    @classmethod
    def _from_namespace(cls, environment: Any, namespace: Any, globals: Any) -> Template:  # noqa: A002
        template = super()._from_namespace(environment, namespace, globals)
        template.unbudgeted_root = template.root_render_func
        template.root_render_func = budget.budgeted(template.root_render_func)  # type: ignore[method-assign]
        return template

    def render(self, *args: Any, **kwargs: Any) -> str:
        """As Jinja's, with the budget made current once for the whole render rather than for each piece
        written (a document is written in some 450 pieces): the same limits, without the cost per piece."""
        context = self.new_context(dict(*args, **kwargs))
        try:
            return budget.render_whole(self.unbudgeted_root, context, self.environment.concat)
        except Exception:
            self.environment.handle_exception()


# --- globals and compiled code ----------------------------------------------------------------------------


def _whole(value: Any) -> Any:
    """An operand of a comparison, or a key of a ``{…}`` literal (see ``_Guards``)."""
    budget.step()
    sizes.check_whole(value, lambda: _("comparing {value}").format(value=sizes.short(value)))
    return value


def _range(*args: int) -> range:
    """``range``, bounded as Jinja's sandbox bounds it, in docgen's words."""
    numbers = range(*args)
    try:
        length = len(numbers)
    except OverflowError:  # more than a machine word can count
        length = 2**63
    if length > sizes.MAX_ITEMS:
        raise sizes.too_many(f"range({sizes.arguments(args, {})})", length)
    return numbers


def _loop(iterable: Any, text: int) -> Iterator[Any]:
    """What a ``{% for %}`` loop goes through: each pass is a step, and the text the loop's body writes as it
    is counts as built; the call itself is a step, as every call is."""
    budget.step()
    spending = budget.current()
    step, build = spending.step, spending.build
    for item in iterable:
        step()
        if text:
            build(text)
        yield item


def _concat(eval_ctx: Any, *values: Any) -> str:
    """``a ~ b``, sized before it is built: ``{% set ns.s = ns.s ~ ns.s %}`` in a loop doubles a text."""
    budget.step()
    size = 0
    for value in values:
        size += sizes.text_size(value, sizes.MAX_TEXT - size)
        if size > sizes.MAX_TEXT:
            raise sizes.too_long(" ~ ".join(map(sizes.short, values)), size)
        if type(value) is not str:
            printable.check_printed(value, "~")
    budget.build(size)
    # as Jinja's own code for ~ does
    return (markup_join if eval_ctx.volatile or eval_ctx.autoescape else str_join)(values)


def _finalize(value: Any) -> Any:
    """Every ``{{ }}``: what it prints counts as built, and a value too large to print is refused."""
    if isinstance(value, str):
        size = len(value)
    else:
        size = sizes.text_size(value)
        printable.check_printed(value, "{{ }}")
    if size > sizes.MAX_TEXT:
        raise sizes.too_long(_("printing {value}").format(value=sizes.short(value)), size)
    budget.build(size)
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


_GUARDS = frozenset(["docgen_loop", "docgen_concat", "docgen_whole"])
"""The environment's attributes for ``_loop``, ``_concat`` and ``_whole``, which the code ``_Guards`` writes
calls directly (``_CodeGenerator``): each counts its call as a step and checks its own values."""

# What a template reads most, read without Jinja's general path (which tries the attribute, catches the
# AttributeError, then the key, and checks the value found): the keys of a plain dict, and the fields of
# docgen's own data, which hold text and tuples of text, never a method. The result is the same.
_DICT_NAMES = frozenset(dir(dict))
_DATA_FIELDS = {Party: frozenset(Party.__slots__), TableRow: frozenset(TableRow._fields)}


class _Guards(NodeTransformer):
    """Rewrites a template before it is compiled: loops through ``_loop``, ``~`` through ``_concat``, the
    operands of comparisons and the keys of ``{…}`` through ``_whole``; no loading of other templates."""

    def __init__(self, environment: Any, name: str | None, filename: str | None) -> None:
        self.environment, self.name, self.filename = environment, name, filename

    def _call(self, function: str, args: list[nodes.Expr], lineno: int) -> nodes.Call:
        call = nodes.Call(nodes.EnvironmentAttribute(function), args, [], None, None)
        return call.set_lineno(lineno).set_environment(self.environment)

    def visit_For(self, node: nodes.For) -> nodes.For:
        text = _literal_text(node.body)
        node = self.generic_visit(node)
        node.iter = self._call("docgen_loop", [node.iter, nodes.Const(text)], node.iter.lineno)
        return node

    def visit_Compare(self, node: nodes.Compare) -> nodes.Compare:
        node = self.generic_visit(node)
        node.expr = self._whole(node.expr)
        for operand in node.ops:
            operand.expr = self._whole(operand.expr)
        return node

    def visit_Pair(self, node: nodes.Pair) -> nodes.Pair:  # a key of a {…} literal is hashed
        node = self.generic_visit(node)
        node.key = self._whole(node.key)
        return node

    def _whole(self, expr: nodes.Expr) -> nodes.Expr:
        return expr if isinstance(expr, nodes.Const) else self._call("docgen_whole", [expr], expr.lineno)

    def visit_Concat(self, node: nodes.Concat) -> nodes.Call:
        node = self.generic_visit(node)
        return self._call("docgen_concat", node.nodes, node.lineno)

    def _refuse(self, node: nodes.Node, tag: str) -> None:
        message = _(
            "refused: {{% {tag} %}} is not available: each text and template part stands alone"
        ).format(tag=tag)
        raise TemplateSyntaxError(message, node.lineno, self.name, self.filename)

    def visit_Include(self, node: nodes.Include) -> None:
        self._refuse(node, "include")

    def visit_Import(self, node: nodes.Import) -> None:
        self._refuse(node, "import")

    def visit_FromImport(self, node: nodes.FromImport) -> None:
        self._refuse(node, "from … import")

    def visit_Extends(self, node: nodes.Extends) -> None:
        self._refuse(node, "extends")


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, except that the calls ``_Guards`` wrote call docgen's guards directly rather
    than through the sandbox's ``call`` (a document's loops made a fifth of its render's cost that way), and
    that a position is safe to write into a string of the code."""

    def position(self, node: nodes.Node) -> str:
        # Jinja writes it into a "…" string of the code for an {{ x if y }} without an else, and a text
        # field's name is its own text: {{ 'a' if b }} would end that string early (a SyntaxError in its code)
        return super().position(node).replace("\\", "\\\\").replace('"', '\\"')

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        callee = node.node
        if not (isinstance(callee, nodes.EnvironmentAttribute) and callee.name in _GUARDS):
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        self.write(f"environment.{callee.name}(")
        if callee.name == "docgen_concat":
            self.write("context.eval_ctx, ")  # as Jinja passes it to a function marked pass_eval_context
        for index, argument in enumerate(node.args):
            if index:
                self.write(", ")
            self.visit(argument, frame)
        self.write(")")


def _counted(stream: TokenStream) -> Iterator[Token]:
    """A template's tokens as Jinja's parser reads them, counted: compiling takes ~40 µs a token and is no
    part of a render's budget (a field of 150,000 tags took 19 s and 1.5 GB to compile)."""
    for count, token in enumerate(stream, start=1):
        if count > MAX_TOKENS:
            message = _("refused: more than {most} tokens of Jinja (the limit is {most})").format(
                most=MAX_TOKENS
            )
            raise TemplateSyntaxError(message, token.lineno, stream.name, stream.filename)
        yield token


# --- the environment --------------------------------------------------------------------------------------


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, which keeps a template from Python's internals, plus bounds on what a template may
    build and on the work one render may do (see the module's docstring). Intercepted operators and calls
    are also never evaluated while compiling (Jinja folds constants only when they are not)."""

    template_class = _Template
    code_generator_class = _CodeGenerator
    intercepted_binops = frozenset(["+", "*", "%", "**"])
    docgen_loop = staticmethod(_loop)
    docgen_concat = staticmethod(_concat)
    docgen_whole = staticmethod(_whole)

    def _tokenize(
        self, source: str, name: str | None, filename: str | None = None, state: str | None = None
    ) -> TokenStream:
        # Jinja's lexer drops a comment opened at the very end of the source ("{#", "text {#-") without a
        # word, where a comment left open anywhere else is its syntax error: the same error here
        opened = self.comment_start_string
        if source.rstrip().endswith((opened, opened + "-", opened + "+")):
            line = source.count("\n", 0, source.rindex(opened)) + 1
            raise TemplateSyntaxError("Missing end of comment tag", line, name, filename)
        # what an extension's filter_stream would do, without importing jinja2.ext (and pprint, dataclasses)
        stream = super()._tokenize(source, name, filename, state)
        return TokenStream(_counted(stream), name, filename)

    def _generate(self, source: Any, name: str | None, filename: str | None, defer_init: bool = False) -> str:
        _Guards(self, name, filename).visit(source)
        return super()._generate(source, name, filename, defer_init=defer_init)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget.step()
        if not isinstance(__obj, Macro):  # a macro is template code, whose comparisons are checked
            sizes.check_arguments(_name(__obj), args, kwargs)
        method = sizes.own_method(__obj)
        if method is not None and method[1] in ("format", "format_map") and isinstance(method[0], str):
            __obj, method = __self.wrap_str_format(__obj), None  # the method itself, as |attr('format') gives
        elif method is not None:
            args = sizes.check_method(*method, args, kwargs)
        elif isinstance(__obj, LoopContext) and args:  # loop(children) in a recursive loop
            args = (_loop(args[0], 0), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        if method is not None:
            sizes.check_grown(*method, args, kwargs)
        return sizes.check_result(result, lambda: f"{_name(__obj)}({sizes.arguments(args, kwargs)})")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget.step()
        sizes.check_operator(operator, left, right)
        if operator == "%" and isinstance(left, str):
            printable.check_percent(left, right, f"{sizes.short(left)} % …")
        result = super().call_binop(context, operator, left, right)
        return sizes.check_result(result, lambda: f"{sizes.short(left)} {operator} {sizes.short(right)}")

    def getattr(self, obj: Any, attribute: str) -> Any:
        budget.step()
        kind = type(obj)
        if type(attribute) is str:
            if kind is dict and attribute not in _DICT_NAMES:
                return obj[attribute] if attribute in obj else self.undefined(obj=obj, name=attribute)
            if attribute in _DATA_FIELDS.get(kind, ()):
                return object.__getattribute__(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        budget.step()
        sizes.check_whole(
            argument, lambda: _("the key {value}").format(value=sizes.short(argument))
        )  # hashed and compared
        return super().getitem(obj, argument)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        """A method that would change what a template reads says so (docgen.base.printable)."""
        message = printable.refused_attribute(obj, attribute)
        if message is None:
            return super().unsafe_undefined(obj, attribute)
        return self.undefined(message, name=attribute, obj=obj, exc=Refused)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's sandboxed str.format and format_map, with each field sized (see ``sizes.Formatter``)."""
        if not isinstance(value, (types.MethodType, types.BuiltinMethodType)) or value.__name__ not in (
            "format",
            "format_map",
        ):
            return None
        text: Any = value.__self__
        if not isinstance(text, str):
            return None
        formatter = (
            _EscapeFormatter(self, escape=text.escape) if isinstance(text, Markup) else _Formatter(self)
        )
        is_map = value.__name__ == "format_map"

        def format(*args: Any, **kwargs: Any) -> str:  # noqa: A001
            if is_map:
                if kwargs:
                    raise TypeError(_("format_map() takes no keyword arguments"))
                if len(args) != 1:
                    raise TypeError(
                        _("format_map() takes exactly one argument ({count} given)").format(count=len(args))
                    )
                kwargs, args = args[0], ()
            try:
                return type(text)(formatter.vformat(text, args, kwargs))
            except sizes.Oversize as error:
                raise sizes.too_long(
                    f"{sizes.short(text)}.{value.__name__}({sizes.arguments(args, kwargs)})", error.size
                ) from None

        return functools.update_wrapper(format, value)


class _Printing:
    """str.format's fields, each refused when it would print what text cannot hold (docgen.base.printable)."""

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        printable.check_converted(value, conversion, "str.format")
        return super().convert_field(value, conversion)  # type: ignore[misc]


class _Formatter(_Printing, sizes.Formatter):
    pass


class _EscapeFormatter(_Printing, sizes.EscapeFormatter):
    pass


def _name(function: Any) -> str:
    """A called thing's name as the template wrote it: a macro's, a function's, else its kind."""
    name = getattr(function, "__name__", None) or getattr(function, "name", None)
    return name if isinstance(name, str) else type(function).__name__


def make_environment(*, xml: bool) -> ImmutableSandboxedEnvironment:
    """A sandboxed, strict environment; ``xml=True`` for Word parts (autoescaped), ``False`` for YAML text."""
    env = _Sandbox(
        undefined=StrictUndefined,
        autoescape=xml,
        keep_trailing_newline=True,
        auto_reload=False,
        finalize=_finalize,
    )
    if not _GUARDED:
        env.filters["join_ja"] = _join_ja
        env.filters["join_lines"] = _join_lines
        env.filters["era_date"] = ja.era_date
        for name, function in list(env.filters.items()):
            if name in printable.TEXT_FILTERS:
                function = printable.printing_filter(name, function)
            env.filters[name] = sizes.guarded_filter(name, function)
        for name, function in list(env.tests.items()):
            env.tests[name] = sizes.guarded_test(name, function)
        del env.filters["random"]  # a random item: the same agreement must give the same document
        _GUARDED["filters"], _GUARDED["tests"] = env.filters, env.tests
    # each environment gets copies of the dicts: a template's environment may be changed by its caller
    env.filters, env.tests = dict(_GUARDED["filters"]), dict(_GUARDED["tests"])
    env.globals["range"] = _range
    del env.globals["lipsum"]  # random text, never the same document twice; lipsum(10**6) is huge
    return env


_GUARDED: dict[str, dict[str, Any]] = {}
"""The guarded filters and tests, made once per process: a wrapper depends on its function alone, never on
the environment, and every environment starts from Jinja's same defaults (a cold build makes two)."""
