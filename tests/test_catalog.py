"""The Japanese catalog read on demand (docgen.base.catalog): every message as gettext reads it, and any
catalog that reader does not take left to gettext, or English, as before.

The expected answers come from readers independent of the code under test: the standard library's
``gettext.GNUTranslations`` and Babel's ``read_mo``. The odd catalogs are written here byte by byte.
"""

from __future__ import annotations

import gettext
import io
import struct
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.mofile import read_mo, write_mo

from docgen.base import i18n
from docgen.base.catalog import Catalog, read

SHIPPED = i18n.LOCALE_DIR / "ja" / "LC_MESSAGES" / "docgen.mo"
HEADER = b"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=1; plural=0;\n"
COUNTS = (0, 1, 2, 10)


def _mo(entries: list[tuple[bytes, bytes]], order: str = "<") -> bytes:
    """A .mo file holding ``entries`` (id, translation) in the order given, as GNU msgfmt lays one out: the
    header, the ids' table, the translations' table, then the strings, each followed by a NUL."""
    count = len(entries)
    ids_at, values_at, strings_at = 28, 28 + 8 * count, 28 + 16 * count
    strings = bytearray()
    tables: list[int] = []
    for column in (0, 1):
        for entry in entries:
            tables += [len(entry[column]), strings_at + len(strings)]
            strings += entry[column] + b"\0"
    head = struct.pack(f"{order}7I", 0x950412DE, 0, count, ids_at, values_at, 0, 0)
    return head + struct.pack(f"{order}{4 * count}I", *tables) + bytes(strings)


def _gnu(data: bytes) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(data))


def _install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data: bytes) -> str:
    """``data`` as the Japanese catalog; the language ``setup("ja")`` then chooses."""
    folder = tmp_path / "ja" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "docgen.mo").write_bytes(data)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    return i18n.setup("ja")


def _answers(catalog: object, ids: list[str]) -> list[str]:
    """What ``catalog`` answers for each id, alone and as a plural message's singular, for a few counts."""
    answers = []
    for message in ids:
        answers.append(catalog.gettext(message))  # type: ignore[attr-defined]
        answers += [catalog.ngettext(message, message + " (plural)", n) for n in COUNTS]  # type: ignore[attr-defined]
    return answers


# --- docgen's own catalog ----------------------------------------------------------------------------------


def test_every_message_of_the_shipped_catalog_is_answered_as_gettext_answers_it() -> None:
    data = SHIPPED.read_bytes()
    with SHIPPED.open("rb") as file:
        messages = [message for message in read_mo(file) if message.id]
    ids = [message.id[0] if message.pluralizable else message.id for message in messages]
    assert len(ids) > 600 and any(message.pluralizable for message in messages)
    catalog = read(data)
    assert isinstance(catalog, Catalog)  # read on demand, not left to gettext
    assert _answers(catalog, ids) == _answers(_gnu(data), ids)
    # and as Babel reads the catalog: a plural message has one form, whatever the count
    for message in messages:
        if message.pluralizable:
            forms = [catalog.ngettext(message.id[0], message.id[1], n) for n in COUNTS]
            assert forms == [message.string[0]] * len(COUNTS)
            assert catalog.gettext(message.id[0]) == message.string[0]
        else:
            assert catalog.gettext(message.id) == message.string


def test_setup_reads_the_shipped_catalog_on_demand() -> None:
    assert i18n.setup("ja") == "ja"
    assert isinstance(i18n.translation("ja"), Catalog)
    assert i18n._("Not found") == "見つかりません"


@pytest.mark.parametrize(
    "message",
    [
        "no such message",
        "Not foun",
        "Not found!",
        "not found",
        "Not found\0",
        "見つかりません",
        "\ud800",
        "~",
    ],
)
def test_a_message_not_in_the_catalog_comes_back_unchanged(message: str) -> None:
    catalog = read(SHIPPED.read_bytes())
    assert catalog is not None
    assert catalog.gettext(message) == message
    assert [catalog.ngettext(message, "plural", n) for n in COUNTS] == ["plural", message, "plural", "plural"]


def test_what_is_no_text_comes_back_unchanged() -> None:
    # argparse translates its subparsers' description, None when there is none
    catalog = read(SHIPPED.read_bytes())
    assert catalog is not None
    assert catalog.gettext(None) is None  # type: ignore[arg-type]
    assert catalog.gettext(None) is _gnu(SHIPPED.read_bytes()).gettext(None)  # type: ignore[arg-type]


def test_a_message_that_is_not_a_plural_one_is_not_found_by_ngettext() -> None:
    # as gettext answers: ngettext finds only plural messages
    catalog = read(SHIPPED.read_bytes())
    assert catalog is not None
    assert catalog.gettext("Not found") == "見つかりません"
    assert catalog.ngettext("Not found", "Not founds", 2) == "Not founds"


# --- catalogs Babel writes -------------------------------------------------------------------------------

ODD_IDS = ["a", "a b", "ab", "a\tb", "A", "Z", "á", "é", "日本", "日", "😀", "~", "{x} y", "a\nb"]


def _babel(plural_forms: str = "nplurals=1; plural=0;", context: bool = False) -> bytes:
    catalog = BabelCatalog(locale="ja", charset="utf-8")
    for number, message in enumerate(ODD_IDS):
        catalog.add(message, f"訳{number}", context="z" if context and number % 2 else None)
    catalog.add(("a", "as"), ("複数a",))
    catalog.add(("日本", "日本s"), ("複数日本",))
    catalog.add(("b", "bs"), ("複数b",))
    out = io.BytesIO()
    write_mo(out, catalog)
    data = out.getvalue()
    return data.replace(b"nplurals=1; plural=0;", plural_forms.encode()) if plural_forms else data


def test_babel_writes_its_ids_in_the_order_the_binary_search_needs() -> None:
    # Babel sorts its messages as str, by code point; the bytes of UTF-8 sort in the same order
    data = _babel()
    catalog = read(data)
    assert isinstance(catalog, Catalog)
    ids = [*ODD_IDS, "b", "c", ""]
    assert _answers(catalog, ids) == _answers(_gnu(data), ids)
    assert catalog.ngettext("a", "as", 5) == "複数a"


def test_a_message_and_a_plural_message_of_the_same_id_are_told_apart_as_gettext_does() -> None:
    # b"a" < b"a\0as" < b"a b": the plural message sits right after the message of its singular
    entries = [(b"", HEADER), (b"a", "訳".encode()), (b"a\0as", "複数".encode()), (b"a b", "空白".encode())]
    data = _mo(entries)
    catalog = read(data)
    assert isinstance(catalog, Catalog)
    assert _answers(catalog, ["a", "a b", "as"]) == _answers(_gnu(data), ["a", "a b", "as"])
    assert (catalog.gettext("a"), catalog.ngettext("a", "as", 2)) == ("訳", "複数")


def test_a_catalog_with_contexts_comes_out_of_babel_unsorted_and_is_left_to_gettext(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = _babel(context=True)
    assert read(data) is None
    assert _install(monkeypatch, tmp_path, data) == "ja"
    assert [i18n._(message) for message in ODD_IDS] == [_gnu(data).gettext(message) for message in ODD_IDS]


# --- catalogs left to gettext ------------------------------------------------------------------------------


def test_an_unsorted_table_is_left_to_gettext(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = _mo([(b"", HEADER), (b"zebra", "縞馬".encode()), (b"apple", "林檎".encode())])
    assert read(data) is None
    assert _install(monkeypatch, tmp_path, data) == "ja"
    assert (i18n._("apple"), i18n._("zebra"), i18n._("pear")) == ("林檎", "縞馬", "pear")


def test_a_repeated_id_is_left_to_gettext(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = _mo([(b"", HEADER), (b"apple", "一".encode()), (b"apple", "二".encode())])
    assert read(data) is None
    assert _install(monkeypatch, tmp_path, data) == "ja"
    assert i18n._("apple") == _gnu(data).gettext("apple") == "二"


def test_another_plural_formula_is_left_to_gettext(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    header = b"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
    data = _mo([(b"", header), (b"one file\0{n} files", "1 ファイル\0{n} ファイル".encode())])
    assert read(data) is None
    assert _install(monkeypatch, tmp_path, data) == "ja"
    assert [i18n.ngettext("one file", "{n} files", n) for n in COUNTS] == [
        "{n} ファイル",
        "1 ファイル",
        "{n} ファイル",
        "{n} ファイル",
    ]


@pytest.mark.parametrize(
    "header",
    [
        b"Content-Type: text/plain; charset=EUC-JP\nPlural-Forms: nplurals=1; plural=0;\n",
        b"Plural-Forms: nplurals=1; plural=0;\n",  # no charset: ASCII for gettext
        b"Content-Type: text/plain; charset=UTF-8\n",  # no plural forms: English ones for gettext
    ],
)
def test_another_charset_or_no_plural_forms_is_left_to_gettext(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, header: bytes
) -> None:
    translation = "林檎".encode("euc-jp") if b"EUC-JP" in header else b"ringo"
    data = _mo([(b"", header), (b"apple", translation), (b"one\0many", b"ichi\0ni")])
    assert read(data) is None
    assert _install(monkeypatch, tmp_path, data) == "ja"
    gnu = _gnu(data)
    assert i18n._("apple") == gnu.gettext("apple") == ("林檎" if b"EUC-JP" in header else "ringo")
    assert [i18n.ngettext("one", "many", n) for n in COUNTS] == [
        gnu.ngettext("one", "many", n) for n in COUNTS
    ]


def test_a_big_endian_catalog_is_left_to_gettext(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = _mo([(b"", HEADER), (b"apple", "林檎".encode())], order=">")
    assert read(data) is None
    assert _install(monkeypatch, tmp_path, data) == "ja"
    assert i18n._("apple") == "林檎"


# --- damaged catalogs: English, never a failure ------------------------------------------------------------


def _cuts(size: int) -> list[int]:
    """Where to cut a catalog of ``size`` bytes: inside its header, its tables, its strings, its last byte."""
    return sorted({0, 3, 4, 19, 20, 27, 28, 29, 100, 5000, size // 3, size // 2, size - 2, size - 1})


@pytest.mark.parametrize("cut", _cuts(SHIPPED.stat().st_size))
def test_a_truncated_catalog_means_english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cut: int) -> None:
    data = SHIPPED.read_bytes()[:cut]
    assert read(data) is None
    assert _install(monkeypatch, tmp_path, data) == "en"
    assert (i18n._("Not found"), i18n.ngettext("one", "many", 2)) == ("Not found", "many")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"\x00\x00\x00\x00" + data[4:],  # not a catalog's magic number
        lambda data: data[:4] + struct.pack("<I", 2 << 16) + data[8:],  # a revision gettext does not know
        lambda data: data[:28] + struct.pack("<II", 5, len(data)) + data[36:],  # an id past the end
        lambda data: data[:16] + struct.pack("<I", len(data)) + data[20:],  # the translations' table too
    ],
    ids=["magic", "revision", "offset", "table"],
)
def test_a_damaged_catalog_means_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, damage: object
) -> None:
    data = damage(SHIPPED.read_bytes())  # type: ignore[operator]
    assert read(data) is None
    assert _install(monkeypatch, tmp_path, data) == "en"
    assert i18n._("Not found") == "Not found"


def test_a_translation_that_is_not_utf8_comes_out_in_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # the one difference from gettext, which refuses the whole catalog: only what is looked up is decoded
    data = _mo(
        [(b"", HEADER), (b"apple", "林檎".encode()), (b"one\0many", b"\xff\xfe"), (b"pear", b"\xe6\x9e")]
    )
    catalog = read(data)
    assert catalog is not None
    assert (catalog.gettext("apple"), catalog.gettext("pear"), catalog.gettext("one")) == (
        "林檎",
        "pear",
        "one",
    )
    assert [catalog.ngettext("one", "many", n) for n in COUNTS] == ["many", "one", "many", "many"]
    assert _install(monkeypatch, tmp_path, data) == "ja"
    assert i18n._("pear") == "pear"
