"""Characters in hand-typed text: what a document must not hold, and names compared in one Unicode form.

Values themselves are never changed: Japanese text is data, so a name typed in a decomposed form is found by
its composed form but printed as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# control characters (but tab, line feed and carriage return), noncharacters and lone surrogates: Word
# refuses them in a document, and no one types them on purpose
BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# what a name (a party, a municipality, a file, a region) must not hold beyond BAD_TEXT: a tab or line break
# (a name is one line: in a signature block, a YAML key, a file name) and the other control characters
BAD_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def name_problem(text: str, where: str) -> str | None:
    """The message for a name holding a character no name may hold (``BAD_NAME``), else None."""
    bad = BAD_NAME.search(text)
    return char_message(bad.group(), where) if bad else None


def ascii_shown(text: str) -> str:
    """A name as a message shows it: its control characters written as escapes (\\n, \\x00), so that a
    message stays on one line and shows what is there."""
    return BAD_NAME.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def nfc(text: str) -> str:
    """Text in Unicode's composed form (NFC), for comparing names: 'ガ' typed as カ + ゛ (NFD, as macOS
    writes file names) is the same name. Values themselves are never changed."""
    if text.isascii():
        return text
    import unicodedata

    return unicodedata.normalize("NFC", text)


def by_nfc(names: Iterable[str]) -> dict[str, str]:
    """Each name as written, by its NFC form: how docgen finds a name typed in another form."""
    return {nfc(name): name for name in names}


def char_message(char: str, where: str) -> str:
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        kind = "control character"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "lone surrogate"
    else:
        kind = "character"
    return f"{kind} U+{code:04X} is not allowed {where}"
