"""Compile a Word template once; render it many times into .docx bytes.

Plain docxtpl opens the template with python-docx, cleans its XML (``patch_xml``), compiles it with Jinja and
saves the whole package again, for every document. The cleaning and the compiling depend on the template
alone, so docgen does them once per template and keeps the result: a render is one Jinja call per part that
has tags, plus writing the zip, where the parts without tags are copied as they are, still compressed.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
from pathlib import Path
from typing import Any

from jinja2 import DictLoader, TemplateSyntaxError
from jinja2 import TemplateError as JinjaError
from jinja2.sandbox import SecurityError

from docgen.base.budget import Refused
from docgen.base.errors import TemplateError
from docgen.base.i18n import N_, _
from docgen.base.output import Entry, zip_bytes
from docgen.base.patterns import regex
from docgen.base.sandbox import make_environment
from docgen.word import ahead as ahead_of_time
from docgen.word import cleaning
from docgen.word.grid import Broken, Grid, Page, Tables
from docgen.word.wordxml import (
    CoreTemplate,
    XmlRefused,
    check_well_formed,
    core_template,
    landscape,
    refusing,
    scan,
    with_table_marks,
)

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
RENDERED_PARTS = regex(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
CORE_PART = "docProps/core.xml"
_MIB = 64
MAX_TEMPLATE_BYTES = _MIB * 1024 * 1024
"""A template file may be at most this large (a real one is well under 1 MiB); see docgen.word.package for its
parts."""
MAX_TAGS = 5_000
"""Tags ({{ }}, {% %}) in one part: docgen's agreement template has about 60."""


class _Part:
    __slots__ = ("name", "source", "tables")

    def __init__(self, name: str, source: str, grids: list[Grid], pages: list[Page]) -> None:
        self.name = name
        self.source = source  # the cleaned XML that Jinja compiled, one paragraph a line
        # its tables' grids and its sections' properties as written, by the number of their markers
        self.tables = Tables(grids, pages, source)


class CompiledTemplate:
    """A Word template, cleaned and compiled once."""

    def __init__(
        self,
        path: Path,
        *,
        display_path: str | None = None,
        package: bytes | None = None,
        ahead: bool = True,
    ) -> None:
        """``ahead``: take what ``docgen.word.ahead`` compiled when docgen was made, if it compiled these
        bytes."""
        self.path = path
        self.display = display_path or str(path)
        if package is None:
            package = read_package(path, self.display)
        self.core: CoreTemplate | None = None
        compiled_ahead = ahead_of_time.find(package) if ahead else None
        if compiled_ahead is not None:
            # these very bytes were checked whole (read_docx) when they were compiled ahead, by this very
            # code (the key covers both): a render needs their entries and core part, kept then
            self.entries = compiled_ahead.entries
            self.core = compiled_ahead.core
            self.env = make_environment(xml=True)
            self.parts = {
                p.name: _Part(p.name, p.source, list(p.grids), list(p.pages)) for p in compiled_ahead.parts
            }
            self.env.loader = DictLoader({name: part.source for name, part in self.parts.items()})
            self.compiled = {p.name: ahead_of_time.template(self.env, p.code) for p in compiled_ahead.parts}
            return
        from docgen.word.package import read_docx  # only here: a template compiled ahead is not read again

        checked = read_docx(package, self.display)
        self.entries = checked.entries
        contents = checked.xml
        if CORE_PART in contents:
            try:
                self.core = core_template(contents[CORE_PART])
            except XmlRefused as error:
                raise refusing(self.display, CORE_PART, error) from None
        self.env = make_environment(xml=True)
        self.parts = {}
        for name, data in contents.items():
            if name == CORE_PART or not RENDERED_PARTS.fullmatch(name) or b"{" not in data:
                continue
            self.parts[name] = _Part(name, *_clean(data, self.display, name))
        self.env.loader = DictLoader({name: part.source for name, part in self.parts.items()})
        self.compiled = {}
        for name in self.parts:
            try:
                self.compiled[name] = self.env.get_template(name)
            except TemplateSyntaxError as error:
                raise self._syntax_error(contents[name], name, error) from None
            except Exception as error:  # e.g. RecursionError for absurdly nested expressions
                raise self._error(name, _describe(error), None) from None

    def _syntax_error(self, written: bytes, name: str, error: TemplateSyntaxError) -> TemplateError:
        message = error.message or str(error)
        if message.startswith("Unexpected end of template") or "made a nesting mistake" in message:
            # Jinja names the last line, or the end tag of an outer block; the mistake is the block left open,
            # found in the text as written
            unclosed = _unclosed_tag(scan(written).paragraphs)
            if unclosed:
                tag, end = unclosed
                return TemplateError(
                    template=self.display,
                    part=name,
                    tag=tag,
                    message=_("block is never closed: no {end} after it").format(end=end),
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
        rendered = self.render_parts(context, title=title, date=date)
        return zip_bytes(
            Entry.deflate(e.name, rendered[e.name]) if e.name in rendered else e for e in self.entries
        )

    def render_parts(
        self, context: dict[str, Any], *, title: str = "", date: dt.date | None = None
    ) -> dict[str, bytes]:
        """The parts that a context changes, rendered and checked, by name: what ``render`` zips with the
        template's other parts. ``docgen check`` stops here: a mistake shows before the zip is made."""
        rendered: dict[str, bytes] = {}
        for name, template in self.compiled.items():
            try:
                xml = template.render(context)
            except SecurityError as error:
                # the sandbox's own refusals (docgen.base.sandbox.Refused) begin with "refused: " already
                message = (
                    str(error) if isinstance(error, Refused) else _("refused: {reason}").format(reason=error)
                )
                raise self._error(name, message, _template_line(error, name)) from None
            except JinjaError as error:
                raise self._error(name, error.message or str(error), _template_line(error, name)) from None
            except Exception as error:  # {{ 1 / 0 }}, {{ 'a' + 1 }}: the template's mistake, not docgen's
                raise self._error(name, _describe(error), _template_line(error, name)) from None
            try:
                data = self.parts[name].tables.fit(_unclean(xml)).encode("utf-8")
                check_well_formed(data)  # a Word document must never be written broken
            except (Broken, XmlRefused):
                raise TemplateError(template=self.display, part=name, message=_(_BROKEN_OUTPUT)) from None
            rendered[name] = XML_DECLARATION + data
        if self.core is not None:
            rendered[CORE_PART] = self.core.render(_core_values(title, date))
        return rendered

    def _error(self, part: str, message: str, line: int | None, *, exact: bool = False) -> TemplateError:
        """A TemplateError naming the tag at fault; ``exact``: Jinja's line is the tag's (syntax errors)."""
        tag = None
        if part in self.parts:
            tag = _find_tag(self.parts[part].source.split("\n"), line, message, exact=exact)
        return TemplateError(template=self.display, part=part, message=message, tag=tag)


def read_package(path: Path, display: str) -> bytes:
    """The template's bytes; a folder, a device or a huge file is refused before reading."""

    def fail(message: str) -> TemplateError:
        return TemplateError(template=display, message=message)

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail(_("is a folder, not a Word document"))
        if not stat.S_ISREG(info.st_mode):  # reading a FIFO would wait forever
            raise fail(_("is not a regular file"))
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise fail(
                _("file is too large for a template ({size} bytes; the limit is {mebibytes} MiB)").format(
                    size=info.st_size, mebibytes=_MIB
                )
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise fail(_("file not found")) from None
    except OSError as error:
        raise fail(_("cannot read: {reason}").format(reason=error.strerror or error)) from None


def _clean(data: bytes, display: str, part: str) -> tuple[str, list[Grid], list[Page]]:
    """docxtpl's cleaning: join tags that Word split into runs, turn {%p %}/{%tr %}/{%tc %} into plain
    tags; with markers where the tables' widths, grids, rows and cells and the sections' properties are
    (see ``docgen.word.grid``)."""
    tags = data.count(b"{{") + data.count(b"{%")
    if tags > MAX_TAGS:  # Jinja compiles in pure Python: the time grows with the tags, bounded here
        message = _("has {count} tags; a part may have at most {most}").format(count=tags, most=MAX_TAGS)
        raise TemplateError(template=display, part=part, message=message)
    try:
        found = scan(data)
    except XmlRefused as error:
        raise refusing(display, part, error) from None
    open_tag = _open_tag(found.paragraphs)
    if open_tag:
        message, tag = open_tag
        raise TemplateError(template=display, part=part, tag=tag, message=message)
    marked, tables = with_table_marks(data, found)
    # Only a section of its own may turn landscape (the 別表 after a section break), never the first: in a
    # template of one section that would turn the whole document.
    widths = [s.text_widths() if n > 0 else None for n, s in enumerate(found.sections)]
    pages = [
        Page(data[s.start : s.end].decode("utf-8"), landscape(data, s) if widths[n] else None)
        for n, s in enumerate(found.sections)
    ]
    grids = []
    for table in tables:
        turned = widths[table.section] if table.section is not None else None
        grids.append(
            Grid(
                tuple(table.grid_widths),
                table.width,
                data[table.grid[0] : table.grid[1]].decode("utf-8") if table.grid else "",
                data[slice(*table.width_element)].decode("utf-8") if table.width_element else "",
                table.width + turned[1] - turned[0] if turned and table.width is not None else None,
            )
        )
    # the root element on: the XML declaration is written again after rendering
    source = cleaning.patch_xml(marked[found.root :].decode("utf-8"))
    # docxtpl's escapes for literal braces ({_{ prints {{) become Jinja string literals here, once, so that
    # they apply to the template's own text and never to a value that happens to contain "{_{"
    for escape, literal in _LITERAL_BRACES.items():
        source = source.replace(escape, f"{{{{ '{literal}' }}}}")
    # one paragraph a line, as docxtpl does, so that Jinja's line numbers name a paragraph in messages; a
    # block tag that took a whole paragraph, row or cell ({%p endif %}) gets a line of its own too, after a
    # line break inside a Jinja comment, which prints nothing
    source = _BETWEEN_BLOCKS.sub(lambda match: match.group(1) + "{#\n#}{%", source)
    return source.replace("<w:p>", "\n<w:p>").replace("<w:p ", "\n<w:p "), grids, pages


_BETWEEN_BLOCKS = regex(r"(</w:(?:p|tbl|tr|tc)>){%")
_SPLIT = N_("a tag begins in one paragraph and ends in another; write it in one paragraph")
_LITERAL_BRACES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPENER = regex(r"{[{%#]")
_BROKEN_OUTPUT = N_(
    "the rendered part is not valid XML: a block such as {% if %} or {% for %} probably begins and ends in "
    "different paragraphs or table cells (use {%p %}, {%tr %} or {%tc %} for blocks of whole paragraphs, "
    "rows or cells)"
)


def _open_tag(paragraphs: list[str]) -> tuple[str, str] | None:
    """The first tag that its paragraph does not close: the message and the tag as written.

    A tag that a later paragraph closes was split by Enter (docxtpl would join the paragraphs silently and
    lose their formatting): shown with "¶" where the paragraphs part. A tag that nothing closes before the
    next tag begins is unclosed (``{{ closing`` without ``}}``).
    """
    for index, text in enumerate(paragraphs):
        position = 0
        while (match := _OPENER.search(text, position)) is not None:
            closer = _OPENERS[match.group()]
            close = text.find(closer, match.end())
            if close >= 0:
                position = close + 2
                continue
            following = _OPENER.search(text, match.end())
            pieces = [text[match.start() :]]
            if following is None:
                for after in paragraphs[index + 1 : index + 4]:
                    end, opener = after.find(closer), _OPENER.search(after)
                    if opener is not None and (end < 0 or opener.start() < end):
                        break  # another tag begins first: nothing closes this one
                    pieces.append(after if end < 0 else after[: end + 2])
                    if end >= 0:
                        return _(_SPLIT), "¶".join(pieces)
            tag = text[match.start() : following.start() if following else len(text)].rstrip()
            return _("a tag is never closed: no {closer} after it").format(closer=closer), tag
    return None


_BLOCK_TAG = regex(r"{%-?(?:(p|tr|tc)\s)?\s*(.*?)\s*-?%}")
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
        xml = cleaning.resolve_listing(xml)
    return xml


def _tags_in(paragraph: str) -> tuple[str, list[str]]:
    """The text of one line of a cleaned part (a paragraph) and the Jinja tags in it (for messages)."""
    import html.parser

    parts: list[str] = []
    reader = html.parser.HTMLParser(convert_charrefs=True)
    reader.handle_data = parts.append  # type: ignore[method-assign]
    reader.feed(paragraph)
    text = "".join(parts)
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
    import traceback

    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename in (part, "<template>") or frame.filename.endswith(part):
            line = frame.lineno
    return line


def _core_values(title: str, date: dt.date | None) -> dict[str, str]:
    """docProps/core.xml's values: the agreement's title and date, never the clock, so builds are
    reproducible."""
    stamp = (date or dt.date(1980, 1, 1)).isoformat() + "T00:00:00Z"
    return {"title": title, "created": stamp, "modified": stamp, "lastModifiedBy": "docgen", "revision": "1"}
