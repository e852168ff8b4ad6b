"""Reading Word's XML with expat: refuse what a Word part must not hold, and find paragraphs and tables.

A template's parts are read once, when it is compiled, by Python's own expat parser (no lxml, whose import
alone costs about a Python start): it refuses a document type declaration and entities, gives the text of
each paragraph (to find a tag split across paragraphs) and the places of every table's grid, rows and cells
(to fit the grid after rendering, see ``docgen.word.grid``). Edits are made at the byte offsets expat
reports, so the rest of the part stays as written.
"""

from __future__ import annotations

from xml.parsers import expat

from docgen.base.errors import TemplateError
from docgen.base.i18n import N_, _
from docgen.base.named import Named

DOCTYPE_MESSAGE = N_("a document type declaration (<!DOCTYPE …>) is not allowed in a Word part")
# Markers put into a part's source where a table's grid, rows and cells are; they pass through docxtpl's
# cleaning and Jinja as plain text and are replaced after rendering. NUL cannot occur in XML, in a YAML value
# (the loader refuses it) or in a text that renders to it (refused too), so a marker is never confused with
# text.
MARK = "\x00"


class XmlRefused(Exception):
    """A part that is not well-formed XML, or holds what a Word part must not (a DOCTYPE, an entity)."""


class TableWidthRefused(XmlRefused):
    """A table whose width is not a number: well-formed XML, so not told as broken."""


class _Table:
    __slots__ = ("end", "grid", "grid_widths", "section", "start", "width", "width_element")

    def __init__(self, start: int) -> None:
        self.start = start  # offset of <w:tbl
        self.grid: tuple[int, int] | None = None  # span of <w:tblGrid>…</w:tblGrid>
        self.grid_widths: list[int] = []
        self.width: int | None = None  # w:tblPr/w:tblW in twips (dxa), if given so
        self.width_element: tuple[int, int] | None = None  # span of that w:tblW element
        self.end = 0  # offset of </w:tbl>
        self.section: int | None = None  # the number of the section it is in (see Scan.sections)


class Section:
    """A section's properties (``w:sectPr``, which ends its section): where it is, and its page."""

    __slots__ = ("end", "margins", "page", "start")

    def __init__(self, start: int) -> None:
        self.start = start
        self.end = 0
        self.page: dict[str, str] = {}  # w:pgSz's attributes: w:w, w:h, w:orient
        self.margins: dict[str, str] = {}  # w:pgMar's attributes: w:top, w:left, …

    def text_widths(self) -> tuple[int, int] | None:
        """The text's width on this page upright and turned landscape (twips), or None when not known."""
        try:
            width, height = int(self.page["w:w"]), int(self.page["w:h"])
            top, bottom = int(self.margins["w:top"]), int(self.margins["w:bottom"])
            left, right = int(self.margins["w:left"]), int(self.margins["w:right"])
        except (KeyError, ValueError):
            return None
        if width > height or self.page.get("w:orient") == "landscape":
            return None  # landscape already
        # turned as Word turns a page: the top margin becomes the left one, the bottom the right
        return width - left - right, height - top - bottom


class Scan:
    """What a part holds: the offset where its root element begins, its paragraphs' text, its tables."""

    __slots__ = ("cells", "paragraphs", "root", "rows", "sections", "tables")

    def __init__(self) -> None:
        self.root = 0
        self.paragraphs: list[str] = []
        self.tables: list[_Table] = []
        self.rows: list[int] = []  # offsets just after each <w:tr …> start tag
        # offsets just after each <w:tc …> start tag, with the cell's number in its row: after rendering,
        # cells of one row that share a number were made by one {%tc for %} loop
        self.cells: list[tuple[int, int]] = []
        self.sections: list[Section] = []  # in document order; the last one is the body's own


def _refuse_doctype(*args: object) -> None:
    # Word never writes one; entities declared in it could pull in local files or expand without bound
    raise XmlRefused(_(DOCTYPE_MESSAGE))


def _parser() -> expat.XMLParserType:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    return parser


def check_well_formed(data: bytes) -> None:
    """Raise ``XmlRefused`` unless data is well-formed XML without a DOCTYPE."""
    parser = _parser()
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise XmlRefused(_describe(error)) from None


def _describe(error: expat.ExpatError) -> str:
    # expat's own words (English), at a place said in the user's language
    return _("{problem}: line {line}, column {column}").format(
        problem=expat.ErrorString(error.code), line=error.lineno, column=error.offset + 1
    )


def tag_end(data: bytes, start: int) -> int:
    """The offset just after the tag that begins at ``start``; a '>' in a quoted value does not end it."""
    quote = 0
    for index in range(start, len(data)):
        byte = data[index]
        if quote:
            if byte == quote:
                quote = 0
        elif byte in (0x22, 0x27):  # " or '
            quote = byte
        elif byte == 0x3E:  # >
            return index + 1
    return len(data)


def scan(data: bytes) -> Scan:
    """Parse a part; raises ``XmlRefused`` for broken XML, a DOCTYPE or an entity."""
    found = Scan()
    parser = _parser()
    paragraphs: list[list[str]] = []  # the open paragraphs, innermost last, and their text so far
    texts: list[list[str]] = []  # every paragraph's text, in document order
    open_tables: list[_Table] = []
    open_cells: list[int] = []  # the number of the next cell of each open row, innermost last
    section: Section | None = None
    in_text = 0
    seen_root = False
    path: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal in_text, seen_root, section
        at = parser.CurrentByteIndex
        if not seen_root:
            seen_root = True
            found.root = at
        parent = path[-1] if path else ""
        path.append(name)
        if name == "w:p":
            paragraph: list[str] = []
            paragraphs.append(paragraph)
            texts.append(paragraph)
        elif name == "w:t":
            in_text += 1
        elif name == "w:tbl":
            table = _Table(start=at)
            open_tables.append(table)
            found.tables.append(table)
        elif name == "w:tr" and parent == "w:tbl":
            found.rows.append(tag_end(data, at))
            open_cells.append(0)
        elif name == "w:tc" and parent == "w:tr" and open_cells:
            found.cells.append((tag_end(data, at), open_cells[-1]))
            open_cells[-1] += 1
        elif name == "w:sectPr" and parent in ("w:body", "w:pPr"):
            section = Section(at)
            found.sections.append(section)
        elif section is not None and parent == "w:sectPr" and name in ("w:pgSz", "w:pgMar"):
            setattr(section, "page" if name == "w:pgSz" else "margins", dict(attributes))
        elif open_tables and parent == "w:tbl" and name == "w:tblGrid":
            end = tag_end(data, at)
            open_tables[-1].grid = (at, end)  # the end is corrected at </w:tblGrid>
        elif open_tables and parent == "w:tblGrid" and name == "w:gridCol":
            open_tables[-1].grid_widths.append(_twips(attributes.get("w:w")))
        elif open_tables and parent == "w:tblPr" and name == "w:tblW" and attributes.get("w:type") == "dxa":
            open_tables[-1].width = _twips(attributes.get("w:w"))
            open_tables[-1].width_element = (at, tag_end(data, at))

    def end(name: str) -> None:
        nonlocal in_text, section
        at = parser.CurrentByteIndex
        path.pop()
        if name == "w:p":
            paragraphs.pop()
        elif name == "w:tr" and path and path[-1] == "w:tbl" and open_cells:
            open_cells.pop()
        elif name == "w:sectPr" and section is not None:
            # expat reports an empty element's end where it begins
            section.end = tag_end(data, at if data[at : at + 2] == b"</" else section.start)
            section = None
        elif name == "w:t":
            in_text -= 1
        elif name == "w:tbl":
            open_tables.pop().end = at
        elif name == "w:tblGrid" and open_tables and open_tables[-1].grid is not None:
            grid_start, start_end = open_tables[-1].grid
            self_closing = data[start_end - 2 : start_end] == b"/>" and at <= start_end
            open_tables[-1].grid = (grid_start, start_end if self_closing else tag_end(data, at))

    def text(content: str) -> None:
        if in_text and paragraphs:
            paragraphs[-1].append(content)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise XmlRefused(_describe(error)) from None
    except ValueError as error:  # a gridCol or tblW width that is not a number
        raise TableWidthRefused(_("a table's width cannot be read ({reason})").format(reason=error)) from None
    found.paragraphs = ["".join(parts) for parts in texts]
    for table in found.tables:  # a section's properties end it: a table is in the first section after it
        table.section = next((n for n, s in enumerate(found.sections) if s.start > table.end), None)
    return found


def _twips(value: str | None) -> int:
    return int(value) if value is not None else 0


def with_table_marks(data: bytes, found: Scan) -> tuple[bytes, list[_Table]]:
    """The part with a marker at each table's width (``W<n>``, in place of its w:tblW), grid (``G<n>``), row
    start (``R``), cell start (``C<k>.<c>``: k its number in the row, c in the part) and table end (``E``),
    and at each section's properties (``S<s>``, in place of its w:sectPr); and the tables by their number
    ``n``. A table without a grid gets ``G-``."""
    edits: list[tuple[int, int, bytes]] = []  # (start, end, replacement), applied from the last
    for number, table in enumerate(found.tables):
        if table.grid is not None:
            edits.append((*table.grid, f"{MARK}G{number}{MARK}".encode()))
            if table.width_element is not None:
                edits.append((*table.width_element, f"{MARK}W{number}{MARK}".encode()))
        else:
            opening = tag_end(data, table.start)
            edits.append((opening, opening, f"{MARK}G-{MARK}".encode()))
        edits.append((table.end, table.end, f"{MARK}E{MARK}".encode()))
    edits += [(at, at, f"{MARK}R{MARK}".encode()) for at in found.rows]
    edits += [(at, at, f"{MARK}C{number}.{n}{MARK}".encode()) for n, (at, number) in enumerate(found.cells)]
    edits += [(s.start, s.end, f"{MARK}S{n}{MARK}".encode()) for n, s in enumerate(found.sections)]
    edits.sort(key=lambda edit: edit[0])  # no two edits share an offset: each is at a different tag
    out = bytearray(data)
    for start, end, replacement in reversed(edits):
        out[start:end] = replacement
    return bytes(out), found.tables


def landscape(data: bytes, section: Section) -> str:
    """The section's properties with the page turned landscape, as Word turns it: width and height
    swapped, ``w:orient="landscape"``, and the margins turned with the page (top to left, bottom to
    right)."""
    text = data[section.start : section.end]
    turned = {
        "w:pgSz": {**section.page, "w:w": section.page["w:h"], "w:h": section.page["w:w"]},
        "w:pgMar": {**section.margins},
    }
    turned["w:pgSz"]["w:orient"] = "landscape"
    for one, other in (("w:top", "w:left"), ("w:bottom", "w:right")):
        turned["w:pgMar"][one], turned["w:pgMar"][other] = section.margins[other], section.margins[one]
    for name, values in turned.items():
        start = text.index(f"<{name}".encode())
        end = tag_end(text, start)
        if text[end - 2 : end] != b"/>":  # written with an end tag
            end = text.index(f"</{name}>".encode(), end) + len(name) + 3
        attributes = " ".join(f'{key}="{_escape_attribute(value)}"' for key, value in values.items())
        text = text[:start] + f"<{name} {attributes}/>".encode() + text[end:]
    return text.decode("utf-8")


def _escape_attribute(value: str) -> str:
    return _escape(value).replace('"', "&quot;")


def refusing(template: str, part: str, error: XmlRefused) -> TemplateError:
    """The TemplateError for a part that expat refused."""
    message = str(error)
    if message != _(DOCTYPE_MESSAGE) and not isinstance(error, TableWidthRefused):
        message = _("broken XML: {problem}").format(problem=message)
    return TemplateError(template=template, part=part, message=message)


# --- docProps/core.xml -------------------------------------------------------------------------------------

_CORE_NAMESPACES = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
# what docgen sets, in the order it adds the missing ones: (namespace, name, typed with xsi:type)
_CORE_FIELDS = (
    ("dc", "title", False),
    ("dcterms", "created", True),
    ("dcterms", "modified", True),
    ("cp", "lastModifiedBy", False),
    ("cp", "revision", False),
)
CORE_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


class CoreTemplate(Named):
    """docProps/core.xml cut at the values docgen sets: the title, the two dates, who modified it, the
    revision. The rest of the part stays as the template has it."""

    pieces: tuple[str, ...]  # text, slot, text, slot, …: slots are field names

    def __new__(cls, pieces: tuple[str, ...]) -> CoreTemplate:
        return tuple.__new__(cls, (pieces,))

    def render(self, values: dict[str, str]) -> bytes:
        text = "".join(
            _escape(values[piece]) if index % 2 else piece for index, piece in enumerate(self.pieces)
        )
        return (CORE_DECLARATION + text).encode("utf-8")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def core_template(data: bytes) -> CoreTemplate:
    """The template of docProps/core.xml; raises ``XmlRefused`` for broken XML."""
    parser = _parser()
    prefixes: dict[str, str] = {}  # namespace → prefix, as the root declares them
    found: dict[str, tuple[int, int, int, bool]] = {}  # field → (start, start tag end, end, has xsi:type)
    depth = 0
    root_end = 0
    opened: list[tuple[str, int, bool]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        at = parser.CurrentByteIndex
        if depth == 0:
            for key, value in attributes.items():
                if key.startswith("xmlns:"):
                    prefixes.setdefault(value, key[6:])
        depth += 1
        opened.append((name, at, any(key.endswith(":type") for key in attributes)))

    def end(name: str) -> None:
        nonlocal depth, root_end
        at = parser.CurrentByteIndex
        depth -= 1
        name, begun, typed = opened.pop()
        if depth == 0:
            root_end = at
            return
        if depth != 1 or ":" not in name:
            return
        prefix, local = name.split(":", 1)
        for space, field_name, _default in _CORE_FIELDS:
            if local == field_name and prefixes.get(_CORE_NAMESPACES[space]) == prefix:
                opening = tag_end(data, begun)
                self_closing = data[opening - 2 : opening] == b"/>" and at <= opening
                found[field_name] = (begun, opening, opening if self_closing else tag_end(data, at), typed)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise XmlRefused(_describe(error)) from None
    root_start = data.index(b"<", data.index(b"?>") + 2) if data.lstrip().startswith(b"<?xml") else 0
    edits: list[tuple[int, int, str, str]] = []  # (start, end, element text before the slot, after)
    for space, field_name, typed in _CORE_FIELDS:
        prefix = prefixes.get(_CORE_NAMESPACES[space])
        qualified = f"{prefix or space}:{field_name}"
        declare = "" if prefix else f' xmlns:{space}="{_CORE_NAMESPACES[space]}"'
        if typed:
            xsi = prefixes.get(_CORE_NAMESPACES["xsi"])
            declare += (
                f' {xsi}:type="dcterms:W3CDTF"'
                if xsi
                else f' xmlns:xsi="{_CORE_NAMESPACES["xsi"]}" xsi:type="dcterms:W3CDTF"'
            )
        if field_name in found:
            begun, opening, finish, has_type = found[field_name]
            start_tag = data[begun:opening].decode("utf-8").removesuffix("/>").removesuffix(">")
            if typed and has_type:
                declare = ""
            edits.append((begun, finish, f"{start_tag}{declare}>", f"</{start_tag.split()[0][1:]}>"))
        else:
            edits.append((root_end, root_end, f"<{qualified}{declare}>", f"</{qualified}>"))
    pieces: list[str] = []
    position = root_start
    for (begun, finish, before, after), (_prefix, field_name, _space) in sorted(
        zip(edits, _CORE_FIELDS, strict=True), key=lambda pair: pair[0][0]
    ):
        pieces += [data[position:begun].decode("utf-8") + before, field_name]
        pieces.append(after)
        position = finish
    pieces.append(data[position:].decode("utf-8"))
    # text, slot, text, slot, …, text: the texts after one slot and before the next are joined
    merged: list[str] = [pieces[0]]
    for index in range(1, len(pieces) - 1, 3):
        merged += [pieces[index], pieces[index + 1] + pieces[index + 2]]
    return CoreTemplate(tuple(merged))
