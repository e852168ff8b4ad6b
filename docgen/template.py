"""Compile a Word template once; render it many times into .docx bytes.

Plain docxtpl opens the template with python-docx, cleans its XML (``patch_xml``), compiles it with Jinja and
saves the whole package again, for every document. The cleaning and the compiling depend on the template
alone, so docgen does them once per template and keeps the result: a render is one Jinja call per part that
has tags, plus writing the zip, where the parts without tags are copied as they are, still compressed.
"""

from __future__ import annotations

import datetime as dt
import functools
import html.parser
import re
import stat
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import DictLoader, TemplateSyntaxError
from jinja2 import TemplateError as JinjaError
from jinja2.sandbox import SecurityError
from lxml.etree import XMLSyntaxError

from . import cache
from .errors import TemplateError
from .output import Entry, raw_entries, zip_bytes
from .sandbox import Refused, make_environment

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
RENDERED_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
CORE_PART = "docProps/core.xml"
_MIB = 64
MAX_TEMPLATE_BYTES = _MIB * 1024 * 1024
"""A template, and each of its parts unpacked, may be at most this large (a real one is well under 1 MiB)."""


@dataclass
class _Part:
    name: str
    source: str  # the cleaned XML that Jinja compiled, one paragraph a line


class CompiledTemplate:
    """A Word template, cleaned and compiled once."""

    def __init__(self, path: Path, *, display_path: str | None = None) -> None:
        self.path = path
        self.display = display_path or str(path)
        package = _read_package(path, self.display)
        try:
            self.entries = raw_entries(package)
        except Exception as error:  # a zip that is no .docx (wrong file, truncated download)
            raise TemplateError(
                template=self.display, message=f"not a Word document (.docx): {error}"
            ) from None
        # cleaning needs docxtpl and python-docx, compiling needs Jinja's compiler: both depend on the
        # template's bytes alone, so a new process takes their results from the cache when the template is
        # unchanged
        cache_name = "template-" + cache.key(package)
        cached = cache.load(cache_name)
        if cached and isinstance(cached.get("parts"), dict) and "word/document.xml" in cached["parts"]:
            sources, self.core = cached["parts"], cached.get("core")
        else:
            cached = None
            sources, self.core = self._clean_package(package)
        self.parts = {name: _Part(name, source) for name, source in sources.items()}
        self.env = make_environment(xml=True, bytecode_cache=cache.bytecode_cache("xml"))
        self.env.loader = DictLoader(sources)
        self.compiled = {}
        for name in self.parts:
            try:
                self.compiled[name] = self.env.get_template(name)
            except TemplateSyntaxError as error:
                raise self._syntax_error(package, name, error) from None
            except Exception as error:  # e.g. RecursionError for absurdly nested expressions
                raise self._error(name, _describe(error), None) from None
        if cached is None:
            cache.store(cache_name, {"parts": sources, "core": self.core})

    def _clean_package(self, package: bytes) -> tuple[dict[str, str], str | None]:
        """The cleaned source of each part with tags, and docProps/core.xml."""
        try:
            contents = _read_parts(package, self.display)
        except TemplateError:
            raise
        except Exception as error:
            raise TemplateError(
                template=self.display, message=f"not a Word document (.docx): {error}"
            ) from None
        if "word/document.xml" not in contents:
            raise TemplateError(template=self.display, message="not a Word document: no word/document.xml")
        sources = {
            name: _clean(xml, self.display, name)
            for name, xml in contents.items()
            if RENDERED_PARTS.fullmatch(name) and ("{" in xml)
        }
        return sources, contents.get(CORE_PART)

    def _syntax_error(self, package: bytes, name: str, error: TemplateSyntaxError) -> TemplateError:
        message = error.message or str(error)
        if message.startswith("Unexpected end of template") or "made a nesting mistake" in message:
            # Jinja names the last line, or the end tag of an outer block; the mistake is the block left open,
            # found in the text as written
            written = _read_parts(package, self.display)[name]
            unclosed = _unclosed_tag(_paragraph_texts(_parse_xml(written.encode("utf-8"))))
            if unclosed:
                tag, end = unclosed
                return TemplateError(
                    template=self.display,
                    part=name,
                    tag=tag,
                    message=f"block is never closed: no {end} after it",
                )
        return self._error(name, message, error.lineno, exact=True)

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
                # the sandbox's own refusals (docgen.sandbox.Refused) begin with "refused: " already
                message = str(error) if isinstance(error, Refused) else f"refused: {error}"
                raise self._error(name, message, _template_line(error, name)) from None
            except JinjaError as error:
                raise self._error(name, error.message or str(error), _template_line(error, name)) from None
            except Exception as error:  # {{ 1 / 0 }}, {{ 'a' + 1 }}: the template's mistake, not docgen's
                raise self._error(name, _describe(error), _template_line(error, name)) from None
            data = _unclean(xml).encode("utf-8")
            try:
                if name == "word/document.xml" and (b"<w:tbl>" in data or b"<w:tbl " in data):
                    data = _fit_table_grids(data)
                else:
                    _parse_xml(data)  # a Word document must never be written broken
            except XMLSyntaxError:
                raise TemplateError(template=self.display, part=name, message=_BROKEN_OUTPUT) from None
            except (ValueError, TypeError) as error:  # a table width or span that is no number
                message = f"a table's width or column span cannot be read ({error})"
                raise TemplateError(template=self.display, part=name, message=message) from None
            rendered[name] = XML_DECLARATION + data
        if self.core is not None:
            rendered[CORE_PART] = _core_properties(self.core, title, date)
        return zip_bytes(
            Entry.deflate(e.name, rendered[e.name]) if e.name in rendered else e for e in self.entries
        )

    def _error(self, part: str, message: str, line: int | None, *, exact: bool = False) -> TemplateError:
        """A TemplateError naming the tag at fault; ``exact``: Jinja's line is the tag's (syntax errors)."""
        tag = None
        if part in self.parts:
            tag = _find_tag(self.parts[part].source.split("\n"), line, message, exact=exact)
        return TemplateError(template=self.display, part=part, message=message, tag=tag)


def _read_package(path: Path, display: str) -> bytes:
    """The template's bytes; a folder, a device or a huge file is refused before reading."""

    def fail(message: str) -> TemplateError:
        return TemplateError(template=display, message=message)

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a folder, not a Word document")
        if not stat.S_ISREG(info.st_mode):  # reading a FIFO would wait forever
            raise fail("is not a regular file")
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise fail(f"file is too large for a template ({info.st_size} bytes; the limit is {_MIB} MiB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise fail("file not found") from None
    except OSError as error:
        raise fail(f"cannot read: {error.strerror or error}") from None


def _read_parts(package: bytes, display: str) -> dict[str, str]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        wanted = [
            info
            for info in archive.infolist()
            if RENDERED_PARTS.fullmatch(info.filename) or info.filename == CORE_PART
        ]
        for info in wanted:  # a "zip bomb" says its size in advance; zipfile stops at that size
            if info.file_size > MAX_TEMPLATE_BYTES:
                message = f"unpacks to {info.file_size} bytes; the limit is {_MIB} MiB"
                raise TemplateError(template=display, part=info.filename, message=message)
        return {info.filename: archive.read(info).decode("utf-8") for info in wanted}


def _clean(xml: str, display: str, part: str) -> str:
    """docxtpl's cleaning: join tags that Word split into runs, turn {%p %}/{%tr %}/{%tc %} into plain
    tags."""
    from docxtpl import DocxTemplate
    from lxml import etree

    try:
        root = _parse_xml(xml.encode("utf-8"))
    except etree.XMLSyntaxError as error:
        raise TemplateError(template=display, part=part, message=f"broken XML: {error}") from None
    if root.getroottree().docinfo.doctype:
        # Word never writes one; entities declared in it could pull in local files or expand without bound
        raise TemplateError(
            template=display,
            part=part,
            message="a document type declaration (<!DOCTYPE …>) is not allowed in a Word part",
        )
    split = _split_tag(root)
    if split:
        # docxtpl would join the paragraphs silently and lose their formatting
        message = "a tag begins in one paragraph and ends in another; write it in one paragraph"
        raise TemplateError(template=display, part=part, tag=split, message=message)
    source = DocxTemplate.patch_xml(None, etree.tostring(root, encoding="unicode"))  # uses no instance state
    # docxtpl's escapes for literal braces ({_{ prints {{) become Jinja string literals here, once, so that
    # they apply to the template's own text and never to a value that happens to contain "{_{"
    for escape, literal in _LITERAL_BRACES.items():
        source = source.replace(escape, f"{{{{ '{literal}' }}}}")
    # one paragraph a line, as docxtpl does, so that Jinja's line numbers name a paragraph in messages
    return source.replace("<w:p>", "\n<w:p>").replace("<w:p ", "\n<w:p ")


_LITERAL_BRACES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPENER = re.compile(r"{[{%#]")
_BROKEN_OUTPUT = (
    "the rendered part is not valid XML: a block such as {% if %} or {% for %} probably begins and ends in "
    "different paragraphs or table cells (use {%p %}, {%tr %} or {%tc %} for blocks of whole paragraphs, "
    "rows or cells)"
)


def _parse_xml(data: bytes) -> Any:
    from lxml import etree

    # no entity expansion and no network: the template comes from elsewhere
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))


def _paragraph_texts(root: Any) -> list[str]:
    """The text of each paragraph (w:p) in document order, without the paragraphs of text boxes inside it."""
    texts: dict[Any, list[str]] = {}
    for paragraph in root.iter(_W + "p"):
        texts[paragraph] = []
    for text in root.iter(_W + "t"):
        owner = next(text.iterancestors(_W + "p"), None)
        if owner is not None:
            texts[owner].append(text.text or "")
    return ["".join(parts) for parts in texts.values()]


def _split_tag(root: Any) -> str | None:
    """The first tag that begins in one paragraph and ends in a later one, "¶" where the paragraphs part."""
    paragraphs = _paragraph_texts(root)
    for index, text in enumerate(paragraphs):
        position = 0
        while (match := _OPENER.search(text, position)) is not None:
            close = text.find(_OPENERS[match.group()], match.end())
            if close >= 0:
                position = close + 2
                continue
            pieces = [text[match.start() :]]
            for following in paragraphs[index + 1 : index + 4]:
                end = following.find(_OPENERS[match.group()])
                pieces.append(following if end < 0 else following[: end + 2])
                if end >= 0:
                    break
            return "¶".join(pieces)
    return None


_BLOCK_TAG = re.compile(r"{%-?(?:(p|tr|tc)\s)?\s*(.*?)\s*-?%}")
_BLOCKS = frozenset({"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "trans"})


def _unclosed_tag(paragraphs: list[str]) -> tuple[str, str] | None:
    """The block tag ({% for %}, {%p if %}, …) that is never closed, as written, and the tag to close it.

    docxtpl's prefixes count: ``{%p endfor %}`` closes a ``{%p for %}``, so a plain ``{% for %}`` still open
    inside it is the one that lacks its end (Jinja itself would blame the outer loop).
    """
    stack: list[tuple[str, str, str]] = []
    tags = (match for text in paragraphs for match in _BLOCK_TAG.finditer(text))
    for match in tags:
        prefix, words = match.group(1) or "", match.group(2).split()
        word = words[0] if words else ""
        if word in _BLOCKS or (word == "set" and "=" not in match.group(2)):
            stack.append((prefix, word, match.group()))
        elif word.startswith("end") and stack:
            if stack[-1][:2] != (prefix, word[3:]):
                break  # this end belongs to an outer block: the innermost one is left open
            stack.pop()
    if not stack:
        return None
    prefix, word, tag = stack[-1]
    return tag, "{%" + prefix + " end" + word + " %}"


def _describe(error: BaseException) -> str:
    text = str(error)
    return f"{text} ({type(error).__name__})" if text else type(error).__name__


def _unclean(xml: str) -> str:
    """Undo the line breaks added for messages."""
    xml = xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
    if "\r" in xml:  # only a value holds one ("\r" in YAML): a line break like "\n", not a stray character
        xml = xml.replace("\r\n", "\n").replace("\r", "\n")
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


def _tags_in(paragraph: str) -> tuple[str, list[str]]:
    """The text of one line of a cleaned part (a paragraph) and the Jinja tags in it."""
    reader = _TextOf()
    reader.feed(paragraph)
    text = "".join(reader.parts)
    return text, [tag.strip() for tag in re.findall(r"{{.*?}}|{%.*?%}|{{.*|{%.*", text)]


def _find_tag(lines: list[str], line: int | None, message: str, *, exact: bool = False) -> str | None:
    """The tag a message is about: one that holds a name the message quotes, else the tags on its line.

    Jinja's line for a runtime error is the start of the output block, which may be paragraphs before the
    tag, so unless the line is ``exact`` the tags are searched from that line on, then from the start.
    """
    known = line is not None and 0 < line <= len(lines)
    start = line - 1 if line is not None and known else 0
    if exact and known:
        candidates = [lines[start]]
    else:
        candidates = [paragraph for paragraph in lines[start:] + lines[:start] if "{" in paragraph]
    # the names in the message in their order: "unknown tag 'endiff'. … 'endif'" names the culprit first
    for name in re.findall(r"'([^']+)'", message):
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        for paragraph in candidates:
            found = next((tag for tag in _tags_in(paragraph)[1] if pattern.search(tag)), None)
            if found:
                return found
    if not known:
        return None
    text, tags = _tags_in(lines[start])
    return " ".join(tags) or text.strip()[:80] or None


def _template_line(error: BaseException, part: str) -> int | None:
    """Jinja rewrites tracebacks so that a frame carries the template's name and line."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename in (part, "<template>") or frame.filename.endswith(part):
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
        plain = next(
            (row for row, n in zip(rows, counts, strict=True) if n == count and row not in extra), None
        )
        widths = (
            [int(w) for w in _xpath("w:tc/w:tcPr/w:tcW[@w:type='dxa']/@w:w")(plain)]
            if plain is not None
            else []
        )
        # The same number of columns is not enough: three parties give the template's five (item, text, two
        # loop markers, one role), and two of the roles would be left in the markers' narrow columns.
        grid_widths = [int(column.get(_W + "w", "0")) for column in columns]
        if count == len(columns) and (len(widths) != count or widths == grid_widths):
            continue
        changed = True
        width_el = table.find(f"{_W}tblPr/{_W}tblW")
        if width_el is not None and width_el.get(_W + "type") == "dxa":
            total = int(width_el.get(_W + "w"))
        else:
            total = sum(int(column.get(_W + "w", "0")) for column in columns)
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


_W = f"{{{W}}}"


def _set_cell_widths(rows: list[Any], widths: list[int]) -> None:
    for row in rows:
        index = 0
        for cell in row.iterchildren(_W + "tc"):
            span = cell.find(f"{_W}tcPr/{_W}gridSpan")
            cell_span = int(span.get(_W + "val")) if span is not None else 1
            tc_w = cell.find(f"{_W}tcPr/{_W}tcW")
            if tc_w is not None:
                tc_w.set(_W + "w", str(sum(widths[index : index + cell_span])))
                tc_w.set(_W + "type", "dxa")
            index += cell_span


@functools.cache
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
            element = etree.SubElement(root, f"{{{ns[prefix]}}}{tag}")
        element.text = text
        if typed:
            element.set(f"{{{ns['xsi']}}}type", "dcterms:W3CDTF")

    put("dc", "title", title)
    put("dcterms", "created", stamp, typed=True)
    put("dcterms", "modified", stamp, typed=True)
    put("cp", "lastModifiedBy", "docgen")
    put("cp", "revision", "1")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
