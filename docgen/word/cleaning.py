"""docxtpl's cleaning of Word XML, taken from the installed docxtpl without importing the package.

docgen's templates use docxtpl's tag syntax (``{{ }}``, ``{%p %}``, ``{%tr %}``, ``{%tc %}``), and docxtpl's
``DocxTemplate.patch_xml`` is what turns a Word part into Jinja source (it joins tags that Word split into
runs and replaces a paragraph, row or cell holding a ``{%p %}``/``{%tr %}``/``{%tc %}`` tag by the tag);
``DocxTemplate.resolve_listing`` turns tabs and line breaks of rendered values into Word's elements. Both are
pure text functions that use nothing but ``re``, but ``import docxtpl`` loads python-docx and all of lxml's
document model first: about six times what a bare Python start costs, more than the rest of a cold
``docgen build``. So docgen compiles just these two methods from docxtpl's own source file, with ``re`` as
their only global.

If docxtpl's source ever changes shape (the methods cannot be found, or need another name), docgen imports
docxtpl and uses the methods from it: slower, never different. ``tests/test_cleaning.py`` checks that both
ways give the same text for every template the tests use.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable
from pathlib import Path
from types import CodeType

from docgen.base.patterns import regex

_METHODS = ("patch_xml", "resolve_listing")
_CLASS_LEVEL = regex(r"^    \S", re.MULTILINE)


@functools.cache
def _methods() -> tuple[Callable[[None, str], str], ...]:
    try:
        return _from_source()
    except Exception:  # any change in docxtpl's file: the slow way is always right
        return _from_package()


def docxtpl_source() -> Path:
    """docxtpl's ``template.py``, found without importing the package (ImportError: not installed)."""
    spec = importlib.util.find_spec("docxtpl")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("docxtpl is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "template.py"


def _from_source() -> tuple[Callable[[None, str], str], ...]:
    path = docxtpl_source()
    source = path.read_text(encoding="utf-8")
    found = []
    for name in _METHODS:
        start = source.index(f"\n    def {name}(self, ") + 1
        end = _CLASS_LEVEL.search(source, start + 5)
        body = source[start : end.start() if end else len(source)]
        # methods at the class's indentation become functions at the top of a module of their own
        code = compile("\n".join(line[4:] for line in body.splitlines()), str(path), "exec")
        namespace: dict[str, object] = {"re": re}
        exec(code, namespace)  # defines the function; runs nothing else
        function = namespace[name]
        if not callable(function) or _names(function.__code__) - _ALLOWED_NAMES:
            raise ImportError(f"docxtpl's {name} uses names docgen does not give it")
        found.append(function)
    return tuple(found)


# The global names and attributes the two methods and the functions inside them use in docxtpl 0.20: any
# other name means the code changed, and the package is imported instead.
_ALLOWED_NAMES = frozenset({"re", "sub", "search", "DOTALL", "group", "replace"})


def _names(code: CodeType) -> set[str]:
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, CodeType):
            names |= _names(constant)
    return names


def _from_package() -> tuple[Callable[[None, str], str], ...]:
    from docxtpl import DocxTemplate

    return tuple(getattr(DocxTemplate, name) for name in _METHODS)


def patch_xml(xml: str) -> str:
    """docxtpl's ``DocxTemplate.patch_xml``: a Word part's XML as Jinja source."""
    return _methods()[0](None, xml)


def resolve_listing(xml: str) -> str:
    """docxtpl's ``DocxTemplate.resolve_listing``: tabs and line breaks of values as Word elements."""
    return _methods()[1](None, xml)
