"""How large a value a template may build, and how to tell before it is built.

Jinja's sandbox guards attributes, not sizes: ``{{ 'a'.ljust(10**9) }}`` builds a gigabyte in one call. Every
value a template builds — with a method, a filter, an operator, ``str.format`` or ``%`` — is sized here before
it is built where it can be large (``MAX_TEXT`` characters, ``MAX_ITEMS`` items, ``MAX_BITS`` bits), and
after. A value that is gone through as a whole (printed, compared, hashed, sorted) is measured by the text it
would print: lists that share one long list are small in memory but not to go through. A refusal is
``Refused``, whose message names what was refused and the limit. docgen.base.sandbox calls these from its
hooks; docgen.base.budget counts what a whole render does.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import re
import sys
import types
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from jinja2 import pass_eval_context
from jinja2.filters import make_attrgetter
from jinja2.runtime import Undefined
from jinja2.sandbox import SandboxedEscapeFormatter, SandboxedFormatter
from jinja2.utils import Namespace

from docgen.base import budget, refusals
from docgen.base.budget import Refused
from docgen.base.i18n import _
from docgen.base.patterns import regex

MAX_TEXT = 1_000_000  # characters one value may hold: a whole agreement is ~20,000
MAX_ITEMS = 100_000  # items one list, mapping or range may hold: a region has ~25 texts and ~30 rows
MAX_BITS = 4_096  # the size of a number one expression may build
MAX_WRAP = 100_000  # characters wordwrap and urlize may take: their work grows faster than the text
MAX_DEPTH = 32  # how deeply lists and mappings may nest where their text is measured


# --- sizes and messages ------------------------------------------------------------------------------------


def short(value: Any) -> str:
    """A value as a message shows it: short text in full, long text cut, other things by kind."""
    if isinstance(value, str):
        return repr(str(value)) if len(value) <= 20 else repr(str(value[:12]))[:-1] + "…'"
    if isinstance(value, (bool, float)) or value is None:
        return repr(value)
    if isinstance(value, int):
        return str(value) if value.bit_length() < 64 else f"<a {value.bit_length()}-bit number>"
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        return {list: "[…]", tuple: "(…)", dict: "{…}"}.get(type(value), "{…}")
    return f"<{type(value).__name__}>"


def arguments(args: Iterable[Any], kwargs: Mapping[str, Any]) -> str:
    """Arguments as a message shows them; not the variables Jinja hands to every call in a loop or block."""
    named = [
        f"{key}={short(value)}" for key, value in kwargs.items() if key not in ("_loop_vars", "_block_vars")
    ]
    return ", ".join([*map(short, args), *named])


def too_long(what: str, size: int) -> Refused:
    return refusals.text_too_long(what, None if size >= _UNCOUNTED else size, MAX_TEXT)


def too_many(what: str, size: int) -> Refused:
    return refusals.too_many_items(what, size, MAX_ITEMS)


def too_big(what: str, bits: int | None) -> Refused:
    """``bits`` None: more than ``MAX_BITS``, not counted."""
    return refusals.number_too_big(what, bits, MAX_BITS)


def _number(value: Any, default: int = 0) -> int:
    """A width, count or length as a template gave it; anything else counts as the default."""
    if isinstance(value, bool) or not isinstance(value, int):
        return default
    return value


def text_size(value: Any, limit: int = MAX_TEXT, depth: int = 0) -> int:
    """About how many characters ``str(value)`` has, without building it; counting stops past ``limit``.

    A list of a thousand references to one long text is small in memory but not as text.
    """
    if isinstance(value, str):
        return len(value)
    if isinstance(value, Undefined) or value is None or isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return value.bit_length() * 3 // 10 + 2
    if isinstance(value, float):
        return 24
    if isinstance(value, Namespace):
        value = object.__getattribute__(value, "_Namespace__attrs")
    if isinstance(value, Mapping):
        parts: Iterable[Any] = itertools.chain.from_iterable(value.items())
    elif isinstance(value, _CONTAINERS):
        parts = value
    else:
        return 100  # a party (its label), a date, a macro or a loop: short, whatever it is
    if depth >= MAX_DEPTH:
        raise refusals.nested_too_deep(MAX_DEPTH)
    total = 2
    for part in parts:
        total += text_size(part, limit - total, depth + 1) + 2
        if total > limit:
            return _UNCOUNTED
    return total


_CONTAINERS = (list, tuple, dict, set, frozenset, type({}.keys()), type({}.values()), type({}.items()))
_UNCOUNTED = sys.maxsize  # the size of a value counted only until it passed the limit


def check_result(result: Any, what: Callable[[], str]) -> Any:
    """Size a value a call, a filter or an operator built; charge it to the render."""
    if isinstance(result, str):
        size = len(result)
        if size > MAX_TEXT:
            raise too_long(what(), size)
    elif isinstance(result, (list, tuple, dict, set, frozenset)):
        size = len(result)
        if size > MAX_ITEMS:
            raise too_many(what(), size)
    elif isinstance(result, int) and not isinstance(result, bool):
        if result.bit_length() > MAX_BITS:
            raise too_big(what(), result.bit_length())
        return result
    else:
        return result
    budget.build(size)
    return result


def check_whole(value: Any, what: Callable[[], str]) -> None:
    """Refuse a value an operation goes through as a whole (compares, hashes, sorts) when it is too large:
    two lists that share one long list a thousand times are small in memory, and comparing them is not."""
    if isinstance(value, _CONTAINERS) and text_size(value) > MAX_TEXT:
        raise refusals.goes_through_too_much(what(), MAX_TEXT)


def _items(value: Any, what: Callable[[], str]) -> list[Any] | str:
    """The items a join will join, as a list (an iterator is read, at most ``MAX_ITEMS`` of it)."""
    if isinstance(value, (str, list, tuple)):
        return value
    items = list(itertools.islice(value, MAX_ITEMS + 1))
    if len(items) > MAX_ITEMS:
        raise refusals.joins_too_many(what(), MAX_ITEMS)
    return items


def _join_size(separator: Any, items: list[Any] | str) -> int:
    if isinstance(items, str):
        return len(items) + max(len(items) - 1, 0) * text_size(separator)
    total = max(len(items) - 1, 0) * text_size(separator)
    for item in items:
        total += text_size(item, MAX_TEXT - total)
        if total > MAX_TEXT:
            return _UNCOUNTED
    return total


def _replace_size(text: str, old: Any, new: Any, count: Any) -> int:
    old, new = str(old), str(new)
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * (len(new) - len(old))


def _translate_size(text: str, table: Any) -> int:
    """At most: every character replaced by the longest text in the table (a number is one character)."""
    values = (
        table.values() if isinstance(table, Mapping) else table if isinstance(table, (list, tuple)) else ()
    )
    longest = max((len(v) if isinstance(v, str) else 1 for v in values), default=1)
    return len(text) * max(longest, 1)


def _digits(text: str) -> int:
    """A number written in a format, however long (int() refuses more than 4,300 digits)."""
    return int(text) if len(text) < 19 else 10**18


_PERCENT = regex(r"%(?:\(([^)]*)\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)", re.DOTALL)


def percent_size(fmt: str, values: Any) -> int:
    """About how many characters ``fmt % values`` has: widths, precisions and the values' own text."""
    if isinstance(values, tuple):
        positional, mapping = list(values), None
    elif isinstance(values, Mapping):
        positional, mapping = [values], values
    else:
        positional, mapping = [values], None
    taken = 0

    def take() -> Any:
        nonlocal taken
        taken += 1
        return positional[taken - 1] if taken <= len(positional) else None

    size = len(fmt)
    for match in _PERCENT.finditer(fmt):
        key, width, precision, kind = match.groups()
        if kind == "%":
            continue
        width = take() if width == "*" else _digits(width) if width else 0
        precision = take() if precision == "*" else _digits(precision) if precision else None
        named = mapping.get(key) if mapping is not None and key is not None else None  # %(name)s
        value = take() if key is None else named
        width, precision = abs(_number(width)), _number(precision, -1)
        if width > MAX_TEXT or precision > MAX_TEXT:
            return max(width, precision)
        if kind in "sra":
            own = text_size(value) if precision < 0 else min(text_size(value), precision)
        else:
            own = max(precision, 0) + 400  # a number: its digits (a float has at most ~310) and precision
        size += max(width, own)
        if size > MAX_TEXT:
            return _UNCOUNTED
    return size


# --- str.format -------------------------------------------------------------------------------------------

_SPEC_NUMBER = regex(r"\d+")


class Oversize(Exception):
    """A format would build more than ``MAX_TEXT`` characters; the size, as far as it was counted."""

    def __init__(self, size: int) -> None:
        self.size = size


class _BoundedFormatting:
    """str.format's fields, sized before each is formatted: a width like ``{:>1000000000}`` would build
    that many characters, and ``'{0}{0}{0}'.format(long)`` three times the long text."""

    _built = 0

    def vformat(self, format_string: str, args: Any, kwargs: Any) -> str:
        self._built = len(format_string)
        return super().vformat(format_string, args, kwargs)  # type: ignore[misc]

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion is not None:  # !r, !s, !a: the whole value as text
            self._grow(text_size(value))
        return super().convert_field(value, conversion)  # type: ignore[misc]

    def format_field(self, value: Any, format_spec: str) -> Any:
        widest = max(map(_digits, _SPEC_NUMBER.findall(format_spec)), default=0)
        if widest > MAX_TEXT:
            raise Oversize(widest)
        self._grow(max(widest, text_size(value) if not isinstance(value, (int, float)) else widest + 400))
        return super().format_field(value, format_spec)  # type: ignore[misc]

    def _grow(self, size: int) -> None:
        self._built += size
        if self._built > MAX_TEXT:
            raise Oversize(_UNCOUNTED)


class Formatter(_BoundedFormatting, SandboxedFormatter):
    pass


class EscapeFormatter(_BoundedFormatting, SandboxedEscapeFormatter):
    pass


def _words(*texts: str) -> frozenset[str]:
    return frozenset(" ".join(texts).split())


# --- methods of Python's own types ------------------------------------------------------------------------

_Sizer = Callable[[Any, tuple, dict], int]


def _arg(args: tuple, kwargs: dict, index: int, name: str, default: Any = None) -> Any:
    return args[index] if len(args) > index else kwargs.get(name, default)


def _padded(text: str, args: tuple, kwargs: dict) -> int:
    return max(len(text), _number(_arg(args, kwargs, 0, "width")))


_GROWING_STR: dict[str, _Sizer] = {
    "center": _padded,
    "ljust": _padded,
    "rjust": _padded,
    "zfill": _padded,
    "expandtabs": lambda s, a, k: len(s) + s.count("\t") * max(_number(_arg(a, k, 0, "tabsize", 8)) - 1, 0),
    "replace": lambda s, a, k: _replace_size(
        s, _arg(a, k, 0, "old", ""), _arg(a, k, 1, "new", ""), _arg(a, k, 2, "count", -1)
    ),
    "translate": lambda s, a, k: _translate_size(s, _arg(a, k, 0, "table")),
}
# every other method of str that a template may call; upper() and the like grow a text at most threefold
_PLAIN_STR = _words(
    "capitalize casefold count endswith find format format_map index isalnum isalpha isascii",
    "isdecimal isdigit isidentifier islower isnumeric isprintable isspace istitle isupper join",
    "lower lstrip maketrans partition removeprefix removesuffix rfind rindex rpartition rsplit",
    "rstrip split splitlines startswith strip swapcase title upper striptags unescape escape",
)
_METHODS: dict[type, frozenset[str]] = {
    list: _words("append clear copy count extend index insert pop remove reverse sort"),
    tuple: _words("count index"),
    dict: _words("clear copy fromkeys get items keys pop popitem setdefault update values"),
    set: _words(
        "add clear copy difference difference_update discard intersection intersection_update",
        "isdisjoint issubset issuperset pop remove symmetric_difference symmetric_difference_update",
        "union update",
    ),
    frozenset: _words(
        "copy difference intersection isdisjoint issubset issuperset symmetric_difference union"
    ),
    int: _words("as_integer_ratio bit_count bit_length conjugate is_integer"),
    float: _words("as_integer_ratio conjugate fromhex hex is_integer"),
    range: _words("count index"),
    type({}.keys()): _words("isdisjoint"),
    type({}.items()): _words("isdisjoint"),
}
_OWN_TYPES = (str, bytes, bytearray, memoryview, complex, *_METHODS)


def own_method(obj: Any) -> tuple[Any, str] | None:
    """(the object, the method's name) when obj is a method of one of Python's own types, else None."""
    if not isinstance(obj, (types.BuiltinMethodType, types.MethodType)):
        return None
    owner = getattr(obj, "__self__", None)
    if isinstance(owner, _OWN_TYPES) or (isinstance(owner, type) and issubclass(owner, _OWN_TYPES)):
        return owner, obj.__name__
    return None


def _kind(owner: Any) -> type | None:
    for kind in (str, bool, *_METHODS):
        if isinstance(owner, kind) or (isinstance(owner, type) and issubclass(owner, kind)):
            return int if kind is bool else kind
    return None


def check_method(owner: Any, name: str, args: tuple, kwargs: dict) -> tuple:
    """Refuse a method a template has no business calling, or one that would build too large a value; the
    arguments to call it with (an iterator to join is read into a list first)."""
    kind = _kind(owner)

    def what() -> str:
        return f"{short(owner)}.{name}({arguments(args, kwargs)})"

    if kind is str and name in _GROWING_STR:
        size = _GROWING_STR[name](owner, args, kwargs) if isinstance(owner, str) else 0
        if size > MAX_TEXT:
            raise too_long(what(), size)
    elif kind is str and name == "join" and args:
        items = _items(args[0], what)
        size = _join_size(owner, items)
        if size > MAX_TEXT:
            raise too_long(what(), size)
        args = (items, *args[1:])
    elif kind is list and name == "sort" and kwargs.get("key") is not None:
        raise refusals.sort_key_refused()
    elif kind in (list, tuple) and name in ("count", "index", "remove", "sort"):
        check_whole(owner, what)  # compares its items
    elif not (kind is str and name in _PLAIN_STR) and not (kind in _METHODS and name in _METHODS[kind]):
        type_name = owner.__name__ if isinstance(owner, type) else type(owner).__name__
        raise refusals.method_refused(type_name, name)
    return args


def check_grown(owner: Any, name: str, args: tuple, kwargs: dict) -> None:
    """After a method ran: a list, mapping or set it grew (``append``, ``extend``, ``update``, …) is sized."""
    if isinstance(owner, (list, dict, set)) and len(owner) > MAX_ITEMS:
        raise too_many(f"{short(owner)}.{name}({arguments(args, kwargs)})", len(owner))


def check_arguments(name: str, args: tuple, kwargs: dict) -> None:
    """The arguments of a call to Python's own code, which compares and hashes them where no hook sees it."""
    for key, value in (*enumerate(args), *kwargs.items()):
        if key not in ("_loop_vars", "_block_vars"):
            check_whole(value, lambda: f"{name}({short(value)})")  # noqa: B023  (called at once)


def check_operator(operator: str, left: Any, right: Any) -> None:
    """``+``, ``*``, ``%`` and ``**``, sized before they run."""

    def what() -> str:
        return f"{short(left)} {operator} {short(right)}"

    if operator == "**" and is_number(left) and is_number(right):
        if abs(right) > 1_000 or abs(left) ** min(abs(right), 64) > 2**MAX_BITS:
            raise too_big(what(), None)
    elif operator == "*":
        size, unit = _product_size(left, right)
        if unit == "characters" and size > MAX_TEXT:
            raise too_long(what(), size)
        if unit == "items" and size > MAX_ITEMS:
            raise too_many(what(), size)
        if unit == "bits" and size > MAX_BITS:
            raise too_big(what(), size)
    elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
        size = len(left) + len(right)
        if isinstance(left, str) and size > MAX_TEXT:
            raise too_long(what(), size)
        if not isinstance(left, str) and size > MAX_ITEMS:
            raise too_many(what(), size)
    elif operator == "%" and isinstance(left, str) and percent_size(left, right) > MAX_TEXT:
        raise too_long(what(), percent_size(left, right))


# --- filters ----------------------------------------------------------------------------------------------

# filters that read their input as text: a list of a thousand references to one long text is long text
_TEXT_FILTERS = _words(
    "capitalize center e escape forceescape format indent lower pprint replace safe string",
    "striptags title tojson trim truncate upper urlencode urlize wordcount wordwrap xmlattr",
)
# filters that compare or hash their input's items: the input is gone through as a whole
_WHOLE_FILTERS = _words("dictsort groupby max min sort unique")
# filters that go through their input item by item in Python
_ITEM_FILTERS = _words(
    "batch dictsort groupby items list map max min reject rejectattr select selectattr slice",
    "sort sum unique",
)


def _sum_copies(bound: Mapping[str, Any]) -> int:
    """How many items ``sum(start=[])`` copies: adding lists one by one copies the growing total each time."""
    start, items = bound["start"], bound["iterable"]
    if is_number(start) or not isinstance(items, (list, tuple)):
        return 0
    copies, total = 0, len(start) if hasattr(start, "__len__") else 0
    for item in items:
        total += len(item) if hasattr(item, "__len__") else 1
        copies += total
    return copies


def _indent_size(text: str, width: Any, first: Any, blank: Any) -> int:
    """The length of ``text | indent(width, first, blank)``: each line but the first (unless ``first``) gets
    the indentation, blank lines only with ``blank``."""
    lines = text.splitlines()
    indented = sum(1 for line in lines[1:] if line or blank) + (1 if first else 0)
    return len(text) + indented * (len(width) if isinstance(width, str) else max(_number(width), 0))


def _check_filter(name: str, bound: Mapping[str, Any], what: Callable[[], str]) -> None:
    """Refuse a filter that would build too large a value, or whose work grows faster than its input, before
    it runs."""
    characters = 0
    if name == "center":
        characters = max(text_size(bound["value"]), _number(bound["width"]))
    elif name == "indent":
        characters = _indent_size(str(bound["s"]), bound["width"], bound["first"], bound["blank"])
    elif name == "format":
        characters = percent_size(str(bound["value"]), bound["kwargs"] or bound["args"])
    elif name == "replace":
        characters = _replace_size(str(bound["s"]), bound["old"], bound["new"], bound["count"])
    elif name in ("wordwrap", "urlize"):
        text = str(bound["s" if name == "wordwrap" else "value"])
        if len(text) > MAX_WRAP:
            raise refusals.wraps_too_much(what(), len(text), MAX_WRAP)
        if name == "wordwrap":
            lines = 2 * len(text) // max(_number(bound["width"], 1), 1) + text.count("\n") + 1
            wrap = bound["wrapstring"]
            characters = len(text) + lines * (len(wrap) if isinstance(wrap, str) else 1)
    elif name == "tojson":
        characters = text_size(bound["value"]) * (1 + max(_number(bound["indent"]), 0))
    elif name in ("batch", "slice"):
        value = bound["value"]
        length = len(value) if hasattr(value, "__len__") else 0
        items = length + _number(bound["linecount"]) if name == "batch" else _number(bound["slices"])
        if items > MAX_ITEMS:
            raise too_many(what(), items)
    elif name == "round" and abs(_number(bound["precision"])) > MAX_BITS * 3 // 10:
        raise too_big(what(), None)  # it multiplies and divides by 10**precision
    elif name == "sum":
        copies = _sum_copies(bound)
        if copies > budget.MAX_CHARACTERS:
            raise refusals.copies_too_many(what(), copies, budget.MAX_CHARACTERS)
    if characters > MAX_TEXT:
        raise too_long(what(), characters)


_SIZED_FILTERS = _words("center indent format replace wordwrap urlize tojson batch slice sum round")


def guarded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that counts as a step, is sized before it runs where it can grow a value, and after."""
    if name == "join":
        return _guarded_join(function)
    passed = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0
    signature: inspect.Signature | None = None  # read at the first call: a render calls few of the filters

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        nonlocal signature
        budget.step()
        value = args[passed] if len(args) > passed else None

        def what() -> str:
            return f"{short(value)} | {name}({arguments(args[passed + 1 :], kwargs)})"

        if not isinstance(value, Undefined):
            if name in _TEXT_FILTERS and not isinstance(value, str):
                size = text_size(value)
                if size > MAX_TEXT:
                    raise too_long(what(), size)
            if name in _WHOLE_FILTERS:
                check_whole(value, what)
            if name in _ITEM_FILTERS and hasattr(value, "__len__") and len(value) > MAX_ITEMS:
                raise refusals.goes_through_too_many(what(), len(value), MAX_ITEMS)
            if name in _SIZED_FILTERS:
                signature = signature or _signature(function, passed)
                try:
                    bound = signature.bind(*args[passed:], **kwargs)
                except TypeError:
                    pass  # the filter itself says what is wrong with its arguments
                else:
                    bound.apply_defaults()
                    _check_filter(name, bound.arguments, what)
        return check_result(function(*args, **kwargs), what)

    return guarded


def _signature(function: Callable[..., Any], passed: int) -> inspect.Signature:
    """A filter's signature less what Jinja passes first, if named (an async wrapper may leave it unnamed)."""
    signature = inspect.signature(function)
    first, *rest = signature.parameters.values() if passed else (None,)
    named = first is not None and first.name in ("context", "environment", "env", "eval_ctx")
    return signature.replace(parameters=rest) if named else signature


def _test_on(name: str, value: Any) -> str:
    return _("the test '{name}' on {value}").format(name=name, value=short(value))


def guarded_test(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A test (``is divisibleby``, ``is in``, …) that counts as a step, its values sized: most compare."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget.step()
        for value in (*args, *kwargs.values()):
            check_whole(value, functools.partial(_test_on, name, value))
        return function(*args, **kwargs)

    return guarded


def _guarded_join(function: Callable[..., Any]) -> Callable[..., Any]:
    """The join filter, with the joined text sized before it is built."""

    @pass_eval_context
    @functools.wraps(function)
    def join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        budget.step()

        def what() -> str:
            return f"{short(value)} | join({arguments([d] if attribute is None else [d, attribute], {})})"

        if isinstance(value, Undefined):
            return function(eval_ctx, value, d, attribute)
        items = _items(value, what)
        texts = (
            items
            if attribute is None
            else [make_attrgetter(eval_ctx.environment, attribute)(i) for i in items]
        )
        size = _join_size(d, texts)
        if size > MAX_TEXT:
            raise too_long(what(), size)
        return check_result(function(eval_ctx, items, d, attribute), what)

    return join


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _product_size(left: Any, right: Any) -> tuple[int, str]:
    """What ``left * right`` would hold: (size, 'characters', 'items' or 'bits'); (0, '') when it is small."""
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, str) and isinstance(count, int):
            return len(sequence) * max(count, 0), "characters"
        if isinstance(sequence, (list, tuple)) and isinstance(count, int):
            return len(sequence) * max(count, 0), "items"
    if isinstance(left, int) and isinstance(right, int):
        return abs(left).bit_length() + abs(right).bit_length(), "bits"
    return 0, ""
