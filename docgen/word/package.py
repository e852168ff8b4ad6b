"""Read a Word package (.docx) safely: what a template may hold before docgen compiles it or copies its
parts into every document it writes.

Templates come from other offices, so a template is checked whole before anything else, every check with a
bound that keeps a small hostile file cheap:

- it is a zip, not too large, of at most ``MAX_PARTS`` parts (a zip cannot hold more than 65,535 without
  extensions docgen does not write), whose names are plain relative paths, each once;
- it holds no macros (``vbaProject.bin``, a macro-enabled content type) and no relationship that makes Word
  or LibreOffice fetch something from outside (a linked image, a remote attached template); hyperlinks,
  which are only followed when a reader clicks them, stay;
- every part unpacks within its declared size, to at most ``MAX_PART_BYTES`` and ``MAX_TOTAL_BYTES`` in all,
  with a correct checksum (a damaged part would be copied into every document); every XML part is
  well-formed, without a document type declaration or entities.
"""

from __future__ import annotations

import io
import zipfile
from typing import NamedTuple
from xml.parsers import expat

from docgen.base.errors import TemplateError
from docgen.base.output import Entry, raw_entries
from docgen.word.wordxml import XmlRefused, check_well_formed, refusing

_MIB = 1024 * 1024
MAX_PART_BYTES = 64 * _MIB
"""Each part, unpacked (a real template's largest part is well under 1 MiB)."""
MAX_TOTAL_BYTES = 64 * _MIB
"""All parts together, unpacked."""
MAX_PARTS = 1_000
"""Parts in one package (Word writes about a dozen; a zip without extensions holds at most 65,535)."""

# A macro project, wherever it is, and the content types that announce one
_MACRO_NAMES = ("vbaproject.bin", "vbadata.xml")
_MACRO_TYPES = ("macroenabled", "vbaproject", "vbadata")
# The only relationship to the outside a template may keep: a link a reader follows by clicking it
_KEPT_EXTERNAL = "/hyperlink"


class Package(NamedTuple):
    """A checked package: its entries as they are (still compressed) and its XML parts unpacked."""

    entries: list[Entry]
    xml: dict[str, bytes]


def read_docx(package: bytes, display: str) -> Package:
    """Check a template's bytes; raises ``TemplateError`` naming the part and what is wrong with it."""

    def fail(message: str, part: str | None = None) -> TemplateError:
        return TemplateError(template=display, part=part, message=message)

    if package.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: an encrypted .docx, or a .doc
        raise fail(
            "not a Word document (.docx): it is password-protected or an old .doc file; open it in Word and "
            "save it as a Word Document (.docx) without a password"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(package))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise fail(f"not a Word document (.docx): {error}") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise fail(f"holds {len(infos)} parts; a template may hold at most {MAX_PARTS}")
        _check_names([info.filename for info in infos], fail)
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise fail("is encrypted; save it in Word without a password", info.filename)
            if info.file_size > MAX_PART_BYTES:  # a "zip bomb" says its size in advance; zipfile stops there
                message = f"unpacks to {info.file_size} bytes; the limit is {MAX_PART_BYTES // _MIB} MiB"
                raise fail(message, info.filename)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise fail(f"unpacks to more than {MAX_TOTAL_BYTES // _MIB} MiB in all")
            if info.filename.lower().rsplit("/", 1)[-1] in _MACRO_NAMES:
                raise fail(_macro_message(), info.filename)
        xml: dict[str, bytes] = {}
        for info in infos:
            try:
                data = archive.read(info)  # checks the part's checksum
            except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, RuntimeError) as error:
                raise fail(f"cannot be unpacked ({error})", info.filename) from None
            if info.filename.endswith((".xml", ".rels")):
                try:
                    check_well_formed(data)
                except XmlRefused as error:
                    raise refusing(display, info.filename, error) from None
                xml[info.filename] = data
        try:
            entries = raw_entries(package)
        except Exception as error:  # a zip whose local headers disagree with its directory
            raise fail(f"not a Word document (.docx): {error}") from None
    if "word/document.xml" not in xml:
        raise fail("not a Word document: no word/document.xml")
    types = xml.get("[Content_Types].xml", b"").lower()
    if any(kind.encode() in types for kind in _MACRO_TYPES):
        raise fail(_macro_message(), "[Content_Types].xml")
    for name, data in xml.items():
        if name.endswith(".rels"):
            _check_relationships(name, data, fail)
    return Package(entries, xml)


def _macro_message() -> str:
    return (
        "holds macros, which a template must not carry into documents; save it in Word as a Word Document "
        "(.docx), not a macro-enabled one (.docm)"
    )


def _check_names(names: list[str], fail) -> None:
    seen: set[str] = set()
    for name in names:
        folded = name.lower()
        parts = name.split("/")
        if (
            not name
            or name.startswith("/")
            or "\\" in name
            or ".." in parts
            or ":" in parts[0]
            or any(ord(c) < 0x20 for c in name)
        ):
            raise fail(f"has a part named '{name}': a part's name must be a relative path inside the package")
        if folded in seen:  # Word treats part names without regard to case
            raise fail(f"has two parts named '{name}'")
        seen.add(folded)


def _check_relationships(part: str, data: bytes, fail) -> None:
    """Refuse a relationship to an outside resource that Word or LibreOffice would fetch."""
    found: list[tuple[str, str]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        external = attributes.get("TargetMode", "").lower() == "external"
        kept = attributes.get("Type", "").endswith(_KEPT_EXTERNAL)
        if name.rsplit(":", 1)[-1] == "Relationship" and external and not kept:
            found.append((attributes.get("Id", "?"), attributes.get("Target", "")))

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.Parse(data, True)
    if found:
        rid, target = found[0]
        raise fail(
            f"links to an outside resource ({rid} → {target[:80]}): a linked image or attached template "
            "would be fetched when a document opens; embed it in the template or remove the link",
            part,
        )
