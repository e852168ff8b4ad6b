"""A compiled gettext catalog (``.mo``) read on demand: its bytes kept, each message found when asked for.

``gettext.GNUTranslations`` decodes every message of a catalog into a dict when it opens it: for docgen's
Japanese catalog (700 messages) that was ~11 M instructions, and importing gettext ~3.5 M more, at the start
of every Japanese command, which then looks up a handful of messages. ``Catalog`` answers ``gettext`` and
``ngettext`` as GNUTranslations does, from the file's bytes: the table of message ids is sorted (GNU
msgfmt sorts it; Babel's ``write_mo`` sorts its messages by id, which is the same order since UTF-8 keeps the
order of code points), so a binary search finds an id, and only the messages looked up are decoded.

``read`` takes a catalog only when it answers as GNUTranslations would: a little-endian file on a
little-endian machine, every string inside the file (GNUTranslations' own check), the ids strictly sorted, a
header saying UTF-8 and ``plural=0`` (one form for every count, as Japanese has). Anything else — another byte
order, an unsorted table (Babel sorts by id, not by context: a catalog with ``msgctxt`` may come out
unsorted), another plural formula or charset, a damaged file — is ``None``: the caller leaves the catalog to
GNUTranslations, which reads it, or refuses it, as before. One difference, the price of checking only what is
looked up: a message whose translation is not UTF-8, or whose id holds two NULs, makes GNUTranslations
refuse the whole catalog, and here is found when it is looked up: that message comes out in English.
"""

from __future__ import annotations

import operator
import sys

_MAGIC = b"\xde\x12\x04\x95"  # 0x950412de, little-endian
_HEADER = 28  # magic, revision, count, ids table, translations table, hash table size and offset


class Catalog:
    """The messages of one compiled catalog, decoded when looked up (see the module's docstring)."""

    def __init__(self, data: bytes, keys: list[bytes], values: list[int]) -> None:
        self._data = data
        self._keys = keys  # the message ids' bytes, sorted; a plural id is b"singular\0plural"
        self._values = values  # (length, offset) of each translation, in the ids' order

    def _find(self, key: bytes) -> int:
        """Where ``key`` is or would be among the sorted ids."""
        keys = self._keys
        low, high = 0, len(keys)
        while low < high:
            middle = (low + high) // 2
            if keys[middle] < key:
                low = middle + 1
            else:
                high = middle
        return low

    def _translation(self, index: int, plural: bool) -> str | None:
        """The translation at ``index``, decoded now; ``None`` if its bytes are not UTF-8 (a damaged file)."""
        length, offset = self._values[2 * index], self._values[2 * index + 1]
        text = self._data[offset : offset + length]
        if plural:  # "form0\0form1…": the catalog has one form (plural=0), the first
            text = text.split(b"\0", 1)[0]
        try:
            return text.decode()
        except UnicodeDecodeError:
            return None

    def _plural_index(self, key: bytes, index: int) -> int | None:
        """The index of the plural id whose singular is ``key``, from where ``key`` would be: right there, or
        just after ``key`` itself (b"id" < b"id\0plural", and no id comes between them)."""
        keys = self._keys
        if index < len(keys) and keys[index] == key:
            index += 1
        # an id with two NULs or more (GNUTranslations refuses the whole catalog) is not a plural message
        if index < len(keys) and keys[index].startswith(key + b"\0") and keys[index].count(b"\0") == 1:
            return index
        return None

    def gettext(self, message: str) -> str:
        """``message``'s translation; a plural message's singular gives its form for 1; else ``message``."""
        key = _encoded(message)
        if key is None:
            return message
        index = self._find(key)
        if index < len(self._keys) and self._keys[index] == key:
            text = self._translation(index, plural=False)
        else:
            plural = self._plural_index(key, index)
            text = None if plural is None else self._translation(plural, plural=True)
        return message if text is None else text

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The one form of the plural message ``singular``, whatever ``count``; the English ``singular`` (1)
        or ``plural`` (otherwise) when the catalog has no plural message of that id."""
        key = _encoded(singular)
        found = None if key is None else self._plural_index(key, self._find(key))
        text = None if found is None else self._translation(found, plural=True)
        if text is None:
            return singular if count == 1 else plural
        return text


def _encoded(message: object) -> bytes | None:
    """``message`` as the catalog stores it; ``None`` for what no UTF-8 catalog can hold, and so what
    GNUTranslations does not find either: a text with a lone surrogate, or no text (argparse asks for the
    translation of ``None``, its subparsers' missing description, and gets ``None`` back)."""
    if not isinstance(message, str):
        return None
    try:
        return message.encode()
    except UnicodeEncodeError:
        return None


def read(data: bytes) -> Catalog | None:
    """The catalog in ``data`` (a ``.mo`` file's bytes), or ``None`` when it is not one ``Catalog`` answers
    as GNUTranslations would (see the module's docstring)."""
    # the checks run over all messages at C speed (map, slice, sort), not message by message in Python as
    # GNUTranslations parses them: ~2 M instructions for docgen's catalog, against its ~11 M
    if len(data) < _HEADER or data[:4] != _MAGIC or sys.byteorder != "little":
        return None
    header = memoryview(data)[:_HEADER].cast("I")
    revision, count, ids_at, values_at = header[1], header[2], header[3], header[4]
    if revision >> 16 not in (0, 1) or count == 0 or max(ids_at, values_at) + 8 * count > len(data):
        return None
    ids = _places(data, memoryview(data)[ids_at : ids_at + 8 * count].cast("I").tolist())
    values = memoryview(data)[values_at : values_at + 8 * count].cast("I").tolist()
    if ids is None or _places(data, values) is None:
        return None
    keys = list(map(data.__getitem__, map(slice, *ids)))
    # strictly sorted: the binary search relies on it (and a repeated id is GNUTranslations' to settle)
    if keys[0] != b"" or not all(map(operator.lt, keys, keys[1:])):
        return None
    catalog = Catalog(data, keys, values)
    return catalog if _header_agrees(catalog.gettext("")) else None


def _places(data: bytes, table: list[int]) -> tuple[list[int], list[int]] | None:
    """Where the strings a table of (length, offset) pairs points at start and end; ``None`` unless each
    lies inside ``data`` with a byte after it (GNUTranslations' own check)."""
    starts = table[1::2]
    ends = list(map(operator.add, starts, table[0::2]))
    return None if max(ends) >= len(data) else (starts, ends)


def _header_agrees(header: str) -> bool:
    """Whether the catalog's header says UTF-8 and ``plural=0``, read line by line as GNUTranslations reads
    it (the last Content-Type and Plural-Forms win; a missing one means ASCII, or English plurals)."""
    charset = formula = None
    for line in header.split("\n"):
        item = line.strip()
        if item.startswith("#-#-#-#-#") and item.endswith("#-#-#-#-#"):
            continue
        name, colon, value = item.partition(":")
        if not colon:
            continue
        name, value = name.strip().lower(), value.strip()
        if name == "content-type":
            charset = value.split("charset=")[1] if "charset=" in value else None
        elif name == "plural-forms":
            parts = value.split(";")
            formula = parts[1].split("plural=")[1] if len(parts) > 1 and "plural=" in parts[1] else None
    return charset is not None and charset.lower() in ("utf-8", "utf8") and (formula or "").strip() == "0"
