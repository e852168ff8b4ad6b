"""Characters in hand-typed text: what a document must not hold, and names compared in one Unicode form.

Values themselves are never changed: Japanese text is data, so a name typed in a decomposed form is found by
its composed form but printed as written.
"""

from __future__ import annotations

from collections.abc import Iterable

from docgen.base.i18n import N_, _
from docgen.base.patterns import regex

# control characters (but tab, line feed and carriage return), noncharacters and lone surrogates: Word
# refuses them in a document, and no one types them on purpose
BAD_TEXT = regex("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# what a name (a party, a municipality, a file, a region) must not hold beyond BAD_TEXT: a tab or line break
# (a name is one line: in a signature block, a YAML key, a file name) and the other control characters
BAD_NAME = regex("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


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


# whole sentences by where the character is, so that each language words the place its own way; the
# character itself (its kind and code point) is a noun the sentence takes
_CHARACTER = {
    "control": N_("control character U+{code}"),
    "surrogate": N_("lone surrogate U+{code}"),
    "other": N_("character U+{code}"),
}
_NOT_ALLOWED = {
    "yaml": N_("{character} is not allowed in a YAML file"),
    "text": N_("{character} is not allowed in text"),
    "document": N_("{character} is not allowed in a document"),
    "name": N_("{character} is not allowed in a name"),
    "region id": N_("{character} is not allowed in a region's id"),
    "municipality name": N_("{character} is not allowed in a municipality's name"),
    "agreement file name": N_(
        "{character} is not allowed in the name of an agreement file, which names its document"
    ),
    "import file name": N_("{character} is not allowed in the name of a file to import"),
    "part name": N_("{character} is not allowed in the name of a part ('{name}')"),
}


def char_message(char: str, where: str, **fields: str) -> str:
    """Why ``char`` cannot be ``where``: a key of ``_NOT_ALLOWED`` ("yaml": anywhere in a YAML file, "text": a
    YAML value, "document": text a document would print, "name", …); ``fields`` fill the sentence's others."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        kind = "control"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "surrogate"
    else:
        kind = "other"
    character = _(_CHARACTER[kind]).format(code=f"{code:04X}")
    return _(_NOT_ALLOWED[where]).format(character=character, **fields)
