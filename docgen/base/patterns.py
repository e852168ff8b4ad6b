"""docgen's regular expressions, compiled ahead of time: ``regex(source, flags)`` instead of ``re.compile``.

Why: Python's ``re`` parses and compiles a pattern in pure Python. docgen compiles about 60 patterns at
import, some 35 of them on the way to a cold ``docgen build``, and uses them during every build, so compiling
them lazily saves nothing; compiling them cost about 5 ms of a 160 ms build (a character class with ranges
of the BMP, such as ``chars.BAD_TEXT``'s ``[\\ud800-\\udfff]``, about 0.7 ms on its own). What ``re.compile``
hands at its end to ``_sre.compile`` (the flags, the code: a list of integers, the groups and their names)
depends only on the pattern and its flags, for a given Python minor version, ``_sre.MAGIC`` and
``_sre.CODESIZE``. ``python -m docgen.base.patterns_ahead`` records it for every pattern docgen passes to
``regex`` in ``docgen/base/patterns_data.py``; ``regex`` then makes the pattern with one ``_sre.compile``
call (about 10 us rather than 100-700 us). The measured cut: see the commit that brought this module
(``benchmarks/`` and ``docs/reference/speed.en.md`` for how builds are measured).

The fallback: under another Python minor version, another ``_sre.MAGIC`` or ``CODESIZE``, the recorded data is
not used at all, and for a pattern that was not recorded (one built from data at run time, or one added
since the data was last recorded) ``regex`` is ``re.compile``. Either way the result is the same
``re.Pattern``: ``tests/test_patterns.py`` checks that each recorded pattern equals ``re.compile``'s
(same ``pattern``, ``flags``, ``groups``, ``groupindex`` and code) and matches the same on sample texts, and
that the data is what ``patterns_ahead`` records today.

Only constant patterns written in docgen's source belong here; a pattern made from a user's data goes to
``re.compile`` directly.
"""

from __future__ import annotations

import _sre
import re
import sys

from docgen.base import patterns_data

# The code is kept as bytes, the machine's words of C ``unsigned int``: unmarshalling bytes is a copy, where a
# list of 14,000 integers cost 3 million instructions more at each start (a build uses a third of them).
CODE_WORD = "I"


def here() -> tuple:
    """What the data must have been recorded with to be used: the Python minor version, ``_sre.MAGIC``,
    ``_sre.CODESIZE``, and the size and byte order of the words its code is kept in."""
    word = memoryview(b"").cast(CODE_WORD).itemsize
    return (tuple(sys.version_info[:2]), _sre.MAGIC, _sre.CODESIZE, word, sys.byteorder)


# the data in use: empty under a Python it was not recorded with
AHEAD: dict = patterns_data.PATTERNS if here() == patterns_data.MADE_WITH else {}


def regex(source: str | bytes, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)``, from the data recorded ahead when this Python can use it."""
    made = AHEAD.get((source, flags))
    if made is None:
        return re.compile(source, flags)
    final_flags, code, groups, groupindex, indexgroup = made
    # _sre copies the code into the pattern and validates it, as it does for re.compile's
    code_list = memoryview(code).cast(CODE_WORD).tolist()
    return _sre.compile(source, final_flags, code_list, groups, groupindex, indexgroup)
