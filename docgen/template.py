"""Compile a Word template once; render it many times into .docx bytes.

Plain docxtpl opens the template with python-docx, cleans its XML (``patch_xml``), compiles it with Jinja and
saves the whole package again, for every document. The cleaning and the compiling depend on the template alone,
so docgen does them once per template and keeps the result: a render is one Jinja call per part that has tags,
plus writing the zip, where the parts without tags are copied as they are, still compressed.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import re
import traceback
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import DictLoader, TemplateSyntaxError
from jinja2 import TemplateError as JinjaError
from jinja2.sandbox import SecurityError

from .errors import TemplateError
from .output import Entry, raw_entries, zip_bytes
from .sandbox import make_environment

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
RENDERED_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
CORE_PART = "docProps/core.xml"


@dataclass
class _Part:
    name: str
    source: str  # the cleaned XML that Jinja compiled, one paragraph a line


class CompiledTemplate:
    """A Word template, cleaned and compiled once."""

    def __init__(self, path: Path, *, display_path: str | None = None) -> None:
        self.path = path
        self.display = display_path or str(path)
        try:
            package = path.read_bytes()
        except OSError as error:
            raise TemplateError(template=self.display, message=f"cannot read: {error.strerror or error}") from None
        try:
            self.entries = raw_entries(package)
            contents = _read_parts(package)
        except Exception as error:  # a zip that is no .docx (wrong file, truncated download)
            raise TemplateError(template=self.display, message=f"not a Word document (.docx): {error}") from None
        if "word/document.xml" not in contents:
            raise TemplateError(template=self.display, message="not a Word document: no word/document.xml")
        self.env = make_environment(xml=True)
        self.parts: dict[str, _Part] = {}
        for name, xml in contents.items():
            if RENDERED_PARTS.fullmatch(name) and ("{" in xml):
                self.parts[name] = _Part(name, _clean(xml, self.display, name))
        self.env.loader = DictLoader({name: part.source for name, part in self.parts.items()})
        self.compiled = {}
        for name, part in self.parts.items():
            try:
                self.compiled[name] = self.env.get_template(name)
            except TemplateSyntaxError as error:
                raise self._error(name, error.message or str(error), error.lineno) from None
        self.core = contents.get(CORE_PART)

    def variables(self) -> set[str]:
        """The names the template reads from its context (for ``docgen check``)."""
        from jinja2 import meta

        names: set[str] = set()
        for part in self.parts.values():
            names |= meta.find_undeclared_variables(self.env.parse(part.source))
        return names

    def render(self, context: dict[str, Any], *, title: str = "", date: dt.date | None = None) -> bytes:
        """The .docx bytes for one context. Same context, same bytes."""
        rendered: dict[str, bytes] = {}
        for name, template in self.compiled.items():
            try:
                xml = template.render(context)
            except SecurityError as error:
                raise self._error(name, f"refused: {error}", _template_line(error, name)) from None
            except JinjaError as error:
                raise self._error(name, error.message or str(error), _template_line(error, name)) from None
            data = _unclean(xml).encode("utf-8")
            if name == "word/document.xml" and (b"<w:tbl>" in data or b"<w:tbl " in data):
                data = _fit_table_grids(data)
            rendered[name] = XML_DECLARATION + data
        if self.core is not None:
            rendered[CORE_PART] = _core_properties(self.core, title, date)
        return zip_bytes(Entry.deflate(e.name, rendered[e.name]) if e.name in rendered else e for e in self.entries)

    def _error(self, part: str, message: str, line: int | None) -> TemplateError:
        tag = None
        if line is not None and part in self.parts:
            lines = self.parts[part].source.split("\n")
            if 0 < line <= len(lines):
                tag = _tags_on(lines[line - 1], message)
        return TemplateError(template=self.display, part=part, message=message, tag=tag)


def _read_parts(package: bytes) -> dict[str, str]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {
            info.filename: archive.read(info).decode("utf-8")
            for info in archive.infolist()
            if RENDERED_PARTS.fullmatch(info.filename) or info.filename == CORE_PART
        }


def _clean(xml: str, display: str, part: str) -> str:
    """docxtpl's cleaning: join tags that Word split into runs, turn {%p %}/{%tr %}/{%tc %} into plain tags."""
    from docxtpl import DocxTemplate
    from lxml import etree

    try:
        root = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError as error:
        raise TemplateError(template=display, part=part, message=f"broken XML: {error}") from None
    source = DocxTemplate.patch_xml(None, etree.tostring(root, encoding="unicode"))  # uses no instance state
    # one paragraph a line, as docxtpl does, so that Jinja's line numbers name a paragraph in messages
    return source.replace("<w:p>", "\n<w:p>").replace("<w:p ", "\n<w:p ")


def _unclean(xml: str) -> str:
    """Undo the line breaks added for messages and docxtpl's escapes of literal braces."""
    xml = xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if any(c in xml for c in "\t\n\a\f"):
        # a value with a tab or a line break: docxtpl turns them into <w:tab/> and <w:br/>
        from docxtpl import DocxTemplate

        xml = DocxTemplate.resolve_listing(None, xml)
    return xml


class _TextOf(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _tags_on(line: str, message: str) -> str | None:
    """The Jinja tags in one paragraph of a template, for a message; the one naming the culprit if it can."""
    reader = _TextOf()
    reader.feed(line)
    text = "".join(reader.parts)
    tags = re.findall(r"{{.*?}}|{%.*?%}|{{.*|{%.*", text)
    named = re.findall(r"'([^']+)'", message)
    for tag in tags:
        if any(name in tag for name in named):
            return tag.strip()
    return " ".join(tags).strip() or text.strip()[:80] or None


def _template_line(error: BaseException, part: str) -> int | None:
    """Jinja rewrites tracebacks so that a frame carries the template's name and line."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == part or frame.filename.endswith(part):
            line = frame.lineno
    return line


def _fit_table_grids(xml: bytes) -> bytes:
    """Make each table's grid fit the columns its rows have after rendering.

    A {%tc for %} loop gives a table one column per party, but Word's grid (w:tblGrid, which LibreOffice reads
    for column widths) still lists the template's columns. The new grid takes the widths the template's author
    gave the cells of a one-column-per-cell row, scaled to the table's width; every cell's width follows.
    This runs on every render, so it looks up spans and widths with one XPath call per table, not per cell.
    """
    from lxml import etree

    root = etree.fromstring(xml)
    changed = False
    for table in root.iter(_W + "tbl"):
        grid = table.find(_W + "tblGrid")
        rows = list(table.iterchildren(_W + "tr"))
        if grid is None or not rows:
            continue
        columns = list(grid.iterchildren(_W + "gridCol"))
        extra = {}  # row -> grid columns its spanning cells add
        for span in _xpath("w:tr/w:tc/w:tcPr/w:gridSpan")(table):
            row = span.getparent().getparent().getparent()
            extra[row] = extra.get(row, 0) + int(span.get(_W + "val", "1")) - 1
        counts = [sum(1 for _ in row.iterchildren(_W + "tc")) + extra.get(row, 0) for row in rows]
        count = max(counts)
        if count == len(columns):
            continue
        changed = True
        width_el = table.find(f"{_W}tblPr/{_W}tblW")
        if width_el is not None and width_el.get(_W + "type") == "dxa":
            total = int(width_el.get(_W + "w"))
        else:
            total = sum(int(column.get(_W + "w", "0")) for column in columns)
        plain = next((row for row, n in zip(rows, counts) if n == count and row not in extra), None)
        widths = [int(w) for w in _xpath("w:tc/w:tcPr/w:tcW[@w:type='dxa']/@w:w")(plain)] if plain is not None else []
        if len(widths) != count or 0 in widths:
            widths = [1] * count
        for column in columns:
            grid.remove(column)
        if abs(sum(widths) - total) > count:  # more than rounding to whole twips
            widths = [int(width * total / sum(widths)) for width in widths]
            _set_cell_widths(rows, widths)
        for width in widths:
            etree.SubElement(grid, _W + "gridCol").set(_W + "w", str(width))
    return etree.tostring(root, encoding="utf-8", xml_declaration=False) if changed else xml


_W = "{%s}" % W


def _set_cell_widths(rows: list[Any], widths: list[int]) -> None:
    for row in rows:
        index = 0
        for cell in row.iterchildren(_W + "tc"):
            span = cell.find(f"{_W}tcPr/{_W}gridSpan")
            cell_span = int(span.get(_W + "val")) if span is not None else 1
            tc_w = cell.find(f"{_W}tcPr/{_W}tcW")
            if tc_w is not None:
                tc_w.set(_W + "w", str(sum(widths[index: index + cell_span])))
                tc_w.set(_W + "type", "dxa")
            index += cell_span


@lru_cache(maxsize=None)
def _xpath(path: str) -> Any:
    from lxml import etree

    return etree.XPath(path, namespaces={"w": W})


def _core_properties(core: str, title: str, date: dt.date | None) -> bytes:
    """docProps/core.xml with the agreement's title and date, never the clock, so builds are reproducible."""
    from lxml import etree

    root = etree.fromstring(core.encode("utf-8"))
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    }
    stamp = (date or dt.date(1980, 1, 1)).isoformat() + "T00:00:00Z"

    def put(prefix: str, tag: str, text: str, typed: bool = False) -> None:
        element = root.find(f"{prefix}:{tag}", ns)
        if element is None:
            element = etree.SubElement(root, "{%s}%s" % (ns[prefix], tag))
        element.text = text
        if typed:
            element.set("{%s}type" % ns["xsi"], "dcterms:W3CDTF")

    put("dc", "title", title)
    put("dcterms", "created", stamp, typed=True)
    put("dcterms", "modified", stamp, typed=True)
    put("cp", "lastModifiedBy", "docgen")
    put("cp", "revision", "1")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
