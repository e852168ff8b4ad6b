"""Record docgen's regular expressions for ``docgen.base.patterns``: run after adding or changing a pattern
given to ``regex`` (``tests/test_patterns.py`` fails until then)::

    python -m docgen.base.patterns_ahead

A fresh Python imports every docgen module with ``patterns.regex`` wrapped, and says which patterns and flags
it was given; for each, this module works out what ``re.compile`` gives ``_sre.compile`` (the steps of
``re._compiler.compile``) and writes it to ``patterns_data.py``. Only patterns made while the modules are
imported are found, which is why docgen makes its patterns at module level; a pattern ``regex`` is first
given later (or one built from data) is simply compiled by ``re.compile`` when it is asked for.
"""

from __future__ import annotations

import array
import ast
import re
import subprocess
import sys
from pathlib import Path

from docgen.base.patterns import CODE_WORD, here

try:
    from re import _compiler, _parser
except ImportError:  # Python 3.10: the same modules under their old names
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

TARGET = Path(__file__).with_name("patterns_data.py")
HEADER = '''"""docgen's regular expressions, compiled ahead: recorded by ``python -m
docgen.base.patterns_ahead``: do not edit.

``MADE_WITH``: what they were recorded with (``docgen.base.patterns.here()``); ``PATTERNS[source, flags]``:
what ``re.compile(source, flags)`` passes to ``_sre.compile`` after the source, ``(flags, code, groups,
groupindex, indexgroup)``, the code as the bytes of its words. See ``docgen.base.patterns``.
"""

'''

# Run in a fresh Python: the modules must be imported after ``regex`` is wrapped. Not imported: the modules
# docgen runs as scripts (``__main__``, ``office.unoworker``: never imported by docgen) and the compiled
# templates (executed by ``docgen.word.ahead`` with their environment).
_ASK = """
import importlib, pkgutil, sys, types
sys.modules["docgen.base.patterns_data"] = types.SimpleNamespace(MADE_WITH=None, PATTERNS={})
import docgen
from docgen.base import patterns
asked = set()
regex = patterns.regex
def recording(source, flags=0):
    asked.add((source, int(flags)))
    return regex(source, flags)
patterns.regex = recording
for found in pkgutil.walk_packages(docgen.__path__, "docgen."):
    name = found.name
    if name in ("docgen.__main__", "docgen.office.unoworker") or name.startswith("docgen.word.compiled."):
        continue
    importlib.import_module(name)
print(repr(sorted(asked, key=lambda key: (isinstance(key[0], bytes), key))))
"""


def asked() -> list[tuple[str | bytes, int]]:
    """Every ``(source, flags)`` docgen gives ``patterns.regex`` while its modules are imported."""
    done = subprocess.run(
        [sys.executable, "-c", _ASK], capture_output=True, text=True, encoding="utf-8", check=True
    )
    return ast.literal_eval(done.stdout)


def made(source: str | bytes, flags: int) -> tuple:
    """What ``re.compile(source, flags)`` gives ``_sre.compile`` after ``source``: the steps of
    ``re._compiler.compile``."""
    parsed = _parser.parse(source, flags)
    code = array.array(CODE_WORD, _compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def recorded() -> str:
    """The source of ``patterns_data``, as recorded now."""
    lines = [
        HEADER,
        f"MADE_WITH = {here()!r}\n",
        "PATTERNS = {\n",
    ]
    for source, flags in asked():
        re.compile(source, flags)  # a mistake in a pattern is told as re tells it
        lines.append(f"    {(source, flags)!r}: {made(source, flags)!r},\n")
    lines.append("}\n")
    return "".join(lines)


def main() -> None:
    TARGET.write_text(recorded(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
