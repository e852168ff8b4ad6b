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
  well-formed, without a document type declaration or entities;
- (a template) it is whole: ``[Content_Types].xml``, ``_rels/.rels``, the main document they name and every
  part its relationships name are there, each part with a content type — without them Word cannot open the
  documents docgen writes from it;
- (a template) it holds text, styles, pictures and fonts only: an embedded object (OLE,
  ``word/embeddings/``), an ActiveX control or any other binary part is refused rather than left out, since
  leaving it out would leave the document's reference to it dangling (Word then offers to repair the file),
  and copying it would put a program docgen cannot check into every agreement.
"""

from __future__ import annotations

import io
import zipfile
from xml.parsers import expat

from docgen.base.chars import char_message
from docgen.base.errors import TemplateError
from docgen.base.i18n import N_, _
from docgen.base.named import Named
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
# The binary parts a template may hold: pictures, embedded fonts and the thumbnail
_BINARY_KINDS = frozenset(
    ["png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "emf", "wmf", "svg", "odttf", "fntdata"]
)
# Folders of embedded objects and controls, whatever their parts are called (an ActiveX control is XML too)
_OBJECT_FOLDERS = ("embeddings", "activex")
_OFFICE_DOCUMENT = "/officeDocument"


class Package(Named):
    """A checked package: its entries as they are (still compressed) and its XML parts unpacked."""

    entries: list[Entry]
    xml: dict[str, bytes]

    def __new__(cls, entries: list[Entry], xml: dict[str, bytes]) -> Package:
        return tuple.__new__(cls, (entries, xml))


def read_docx(package: bytes, display: str, *, template: bool = True) -> Package:
    """Check a template's bytes; raises ``TemplateError`` naming the part and what is wrong with it.
    ``template=False`` for a document docgen only reads (an import): its embedded objects stay unread, and
    what Word would need to open it is Word's concern."""

    def fail(message: str, part: str | None = None) -> TemplateError:
        return TemplateError(template=display, part=part, message=message)

    if package.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: an encrypted .docx, or a .doc
        raise fail(
            _(
                "not a Word document (.docx): it is password-protected or an old .doc file; open it in Word "
                "and save it as a Word Document (.docx) without a password"
            )
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(package))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise fail(_("not a Word document (.docx): {reason}").format(reason=error)) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise fail(
                _("holds {count} parts; a template may hold at most {most}").format(
                    count=len(infos), most=MAX_PARTS
                )
            )
        # the name as stored: zipfile cuts a name at a NUL ("word/document.xml\0.exe" reads as the document)
        _check_names([info.orig_filename for info in infos], fail)
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise fail(_("is encrypted; save it in Word without a password"), info.filename)
            if info.file_size > MAX_PART_BYTES:  # a "zip bomb" says its size in advance; zipfile stops there
                message = _("unpacks to {size} bytes; the limit is {mebibytes} MiB").format(
                    size=info.file_size, mebibytes=MAX_PART_BYTES // _MIB
                )
                raise fail(message, info.filename)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise fail(
                    _("unpacks to more than {mebibytes} MiB in all").format(mebibytes=MAX_TOTAL_BYTES // _MIB)
                )
            if info.filename.lower().rsplit("/", 1)[-1] in _MACRO_NAMES:
                raise fail(_macro_message(), info.filename)
        xml: dict[str, bytes] = {}
        for info in infos:
            try:
                data = archive.read(info)  # checks the part's checksum
            except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, RuntimeError) as error:
                raise fail(_("cannot be unpacked ({reason})").format(reason=error), info.filename) from None
            if info.filename.endswith((".xml", ".rels")):
                try:
                    check_well_formed(data)
                except XmlRefused as error:
                    raise refusing(display, info.filename, error) from None
                xml[info.filename] = data
        try:
            entries = raw_entries(package)
        except Exception as error:  # a zip whose local headers disagree with its directory
            raise fail(_("not a Word document (.docx): {reason}").format(reason=error)) from None
    if "word/document.xml" not in xml:
        raise fail(_("not a Word document: no word/document.xml"))
    types = xml.get("[Content_Types].xml", b"").lower()
    if any(kind.encode() in types for kind in _MACRO_TYPES):
        raise fail(_macro_message(), "[Content_Types].xml")
    relationships = {}
    for name, data in xml.items():
        if name.endswith(".rels"):
            relationships[name] = _check_relationships(name, data, fail)
    if template:
        _check_whole([info.filename for info in infos], xml, relationships, fail)
    return Package(entries, xml)


_INCOMPLETE = N_(
    "is not a whole Word document ({missing}): Word cannot open a document made from it; open the template "
    "in Word or LibreOffice and save it again as a Word Document (.docx)"
)


def _check_whole(names: list[str], xml: dict[str, bytes], relationships: dict, fail) -> None:
    """The parts every Word document needs, and nothing binary but pictures and fonts."""
    for needed in ("[Content_Types].xml", "_rels/.rels"):
        if needed not in xml:
            raise fail(_(_INCOMPLETE).format(missing=_("no {part}").format(part=needed)))
    present = set(names)
    main = [t for kind, t, external in relationships["_rels/.rels"] if kind.endswith(_OFFICE_DOCUMENT)]
    if not main:
        raise fail(_(_INCOMPLETE).format(missing=_("_rels/.rels names no main document")), "_rels/.rels")
    for rels, found in relationships.items():
        folder = rels.rpartition("_rels/")[0]
        for _kind, target, external in found:
            if external:
                continue
            part = _resolve(folder, target)
            if part not in present:
                missing = _("{rels} names {target}, which is missing").format(rels=rels, target=target)
                raise fail(_(_INCOMPLETE).format(missing=missing), rels)
    defaults, overrides = _content_types(xml["[Content_Types].xml"])
    for name in names:
        if name.endswith("/") or name == "[Content_Types].xml":
            continue
        extension = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        folders = name.lower().split("/")[:-1]
        if any(folder in _OBJECT_FOLDERS for folder in folders) or (
            not name.endswith((".xml", ".rels")) and extension not in _BINARY_KINDS
        ):
            raise fail(
                _(
                    "holds an embedded object, an ActiveX control or another binary part, which docgen "
                    "cannot check and would copy into every document; a template may hold text, styles, "
                    "pictures and fonts only: delete the object in Word (or paste it as a picture) and save "
                    "the template again"
                ),
                name,
            )
        if "/" + name.lower() not in overrides and extension not in defaults:
            missing = _("no content type for {name} in [Content_Types].xml").format(name=name)
            raise fail(_(_INCOMPLETE).format(missing=missing), "[Content_Types].xml")


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a part's name: relative to the folder of the part it belongs to."""
    if target.startswith("/"):
        return target[1:]
    parts: list[str] = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _content_types(data: bytes) -> tuple[set[str], set[str]]:
    """The extensions with a default content type, and the parts with their own (lower case, with /)."""
    defaults: set[str] = set()
    overrides: set[str] = set()

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "Default":
            defaults.add(attributes.get("Extension", "").lower())
        elif local == "Override":
            overrides.add(attributes.get("PartName", "").lower())

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.Parse(data, True)
    return defaults, overrides


def _macro_message() -> str:
    return _(
        "holds macros, which a template must not carry into documents; save it in Word as a Word Document "
        "(.docx), not a macro-enabled one (.docm)"
    )


def _check_names(names: list[str], fail) -> None:
    seen: set[str] = set()
    for name in names:
        folded = name.lower()
        parts = name.split("/")
        if not name or name.startswith("/") or "\\" in name or ".." in parts or ":" in parts[0]:
            raise fail(
                _(
                    "has a part named '{name}': a part's name must be a relative path inside the package"
                ).format(name=name)
            )
        bad = next((c for c in name if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F), None)
        if bad is not None:
            shown = "".join(f"\\x{ord(c):02x}" if c == bad else c for c in name)
            raise fail(char_message(bad, "part name", name=shown))
        if folded in seen:  # Word treats part names without regard to case
            raise fail(_("has two parts named '{name}'").format(name=name))
        seen.add(folded)


def _check_relationships(part: str, data: bytes, fail) -> list[tuple[str, str, bool]]:
    """Refuse a relationship to an outside resource that Word or LibreOffice would fetch; the part's
    relationships as (type, target, external)."""
    found: list[tuple[str, str]] = []
    every: list[tuple[str, str, bool]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        external = attributes.get("TargetMode", "").lower() == "external"
        kept = attributes.get("Type", "").endswith(_KEPT_EXTERNAL)
        if name.rsplit(":", 1)[-1] != "Relationship":
            return
        every.append((attributes.get("Type", ""), attributes.get("Target", ""), external))
        if external and not kept:
            found.append((attributes.get("Id", "?"), attributes.get("Target", "")))

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.Parse(data, True)
    if found:
        rid, target = found[0]
        raise fail(
            _(
                "links to an outside resource ({id} → {target}): a linked image or attached template would "
                "be fetched when a document opens; embed it in the template or remove the link"
            ).format(id=rid, target=target[:80]),
            part,
        )
    return every
