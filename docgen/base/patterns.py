"""docgen's regular expressions, compiled ahead of time: ``regex(source, flags)`` instead of ``re.compile``.

Why: Python's ``re`` parses and compiles a pattern in pure Python, 340 us a pattern on average here (a
character class with ranges of the BMP, such as ``chars.BAD_TEXT``'s ``[\\ud800-\\udfff]``, about 0.7 ms).
docgen makes about 100 patterns at import (the importer's, the workspace's and the amendments' included),
some 35 of them on the way to a cold ``docgen build``, and a build uses them, so compiling them lazily would
save nothing. What ``re.compile`` hands at its end to ``_sre.compile`` (the flags, the code: a list of
integers, the groups and their names) depends only on the pattern and its flags, for a given Python minor
version, ``_sre.MAGIC`` and ``_sre.CODESIZE``. ``python -m docgen.base.patterns_ahead`` records it for every
pattern docgen gives ``regex`` in ``docgen/base/patterns_data.py``, and ``regex`` makes the pattern from it
with one ``_sre.compile`` call, about 5 us. Counted by callgrind, a cold build of one edited agreement from
an installed wheel ran 416.8 million instructions before and 392.8 million after: docgen's share above the
import floor (``docs/reference/speed.en.md``) went from 127 to 102 million.

The fallback: under another Python minor version, ``_sre.MAGIC``, ``CODESIZE``, word size or byte order
(``here()``), the recorded data is not used at all; and a pattern that was not recorded (built from data at
run time, or added since the data was last recorded) is compiled by ``re.compile``. Either way the result is
the same ``re.Pattern``: ``tests/test_patterns.py`` checks that each recorded pattern equals ``re.compile``'s
(same ``pattern``, ``flags``, ``groups``, ``groupindex`` and code) and matches the same on sample texts, that
another Python falls back, and that the data is what ``patterns_ahead`` records today.

Only constant patterns written in docgen's source, made at module level (where ``patterns_ahead`` finds
them), belong here; a pattern made from a user's data goes to ``re.compile`` directly.
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
