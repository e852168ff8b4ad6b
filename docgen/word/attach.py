"""Append other documents' bodies to a Word document: the agreement as 別紙 of a council bill, or as the full
text after a public notice.

A form's template marks where each attachment goes with a paragraph in the style ``Attachment Label``
(「別紙」, or empty): the attachment's body, its paragraphs and tables, follows that paragraph, whose style
begins a new page. What the attached body needs comes with it:

- its styles: a style the document lacks is copied; one it has with the same definition (and the same
  styles beneath it) is shared; one it has with another definition is copied under a new id and name, so that
  the attachment keeps its own layout (the document's ``Article`` never restyles the agreement's);
- its page setup: when it differs from the document's (a landscape 新旧対照表 after a portrait bill), the
  attachment, with its label, becomes a section of its own.

Headers and footers are the document's: an attachment's own (the agreement's （案）) are not copied.
Bodies that refer to other parts (images, links, footnotes, comments, numbered lists) are refused, not copied
half: the agreement templates docgen writes hold none.
"""

from __future__ import annotations

import copy
import functools
import io
import zipfile
from collections.abc import Sequence

from lxml import etree

from docgen.base.errors import TemplateError
from docgen.base.i18n import N_, _
from docgen.base.output import Entry, raw_entries, zip_bytes
from docgen.word.ooxml import insert_in_order

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ANCHOR_STYLE = "Attachment Label"
"""The name of the paragraph style that marks where an attachment goes."""

DOCUMENT, STYLES = "word/document.xml", "word/styles.xml"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_STYLE_REFERENCES = {"p": "pStyle", "tbl": "tblStyle", "r": "rStyle"}
_STYLE_TYPES = {"p": "paragraph", "tbl": "table", "r": "character"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_Parts = tuple[etree._Element, etree._Element | None]


def _parse(data: bytes) -> _Parts:
    """A .docx's document and styles (None when it has none), parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        document = etree.fromstring(archive.read(DOCUMENT), _PARSER)
        styles = archive.read(STYLES) if STYLES in names else None
    return document, etree.fromstring(styles, _PARSER) if styles is not None else None


class _Package:
    """A .docx's document and styles, parsed; ``shown`` names it in messages."""

    def __init__(self, parts: _Parts, shown: str) -> None:
        self.shown = shown
        self.document, self.styles = parts
        body = self.document.find(_w("body"))
        if body is None:
            raise TemplateError(template=shown, part=DOCUMENT, message=_("has no body"))
        self.body = body

    def style_elements(self) -> dict[str, etree._Element]:
        if self.styles is None:
            return {}
        return {el.get(_w("styleId")): el for el in self.styles.iterchildren(_w("style"))}

    def defaults(self) -> dict[str, str]:
        """The default style id of each type (paragraph, table, character)."""
        found: dict[str, str] = {}
        for style_id, element in self.style_elements().items():
            if element.get(_w("default")) in ("1", "true", "on"):
                found.setdefault(element.get(_w("type")) or "", style_id)
        return found

    def final_section(self) -> etree._Element | None:
        last = self.body[-1] if len(self.body) else None
        return last if last is not None and last.tag == _w("sectPr") else None


def append_attachments(document: bytes, attachments: Sequence[bytes], *, template: str) -> bytes:
    """``document`` with each attachment's body after its ``Attachment Label`` paragraph, in order.

    ``template`` names the form's template in messages. Raises ``TemplateError`` when the document has not one
    such paragraph per attachment, or an attachment holds what cannot be attached.
    """
    base = _Package(_parse(document), template)
    anchor_id = _anchor_style(base)
    anchors = (
        [p for p in base.body.iterchildren(_w("p")) if _style_of(p, "p") == anchor_id] if anchor_id else []
    )
    if len(anchors) != len(attachments):
        raise TemplateError(
            template=template,
            part=DOCUMENT,
            message=_(
                "has {count} paragraphs in the style '{style}' for {attached} attached documents: each "
                "attached document follows one such paragraph"
            ).format(count=len(anchors), style=ANCHOR_STYLE, attached=len(attachments)),
        )
    if not attachments:
        return document
    if base.styles is None:
        raise TemplateError(template=template, part=STYLES, message=_("is missing"))
    for number, (anchor, data) in enumerate(zip(anchors, attachments, strict=True), start=1):
        attached = _attachable(
            data, _("{template}: attached document {number}").format(template=template, number=number)
        )
        names = _merge_styles(base, attached, suffix=f"A{number}")
        content = [copy.deepcopy(el) for el in attached.body if el.tag != _w("sectPr")]
        for element in content:
            _restyle(element, names)
        if content and content[0].tag == _w("p"):
            _keep_on_label_page(content[0])
        _place(base, anchor, content, attached.final_section())
    changed = {DOCUMENT: _xml(base.document), STYLES: _xml(base.styles)}
    return zip_bytes(
        Entry.deflate(entry.name, changed[entry.name]) if entry.name in changed else entry
        for entry in raw_entries(document)
    )


# the children of w:pPr that come before w:pageBreakBefore (ECMA-376 Part 1, 17.3.1.26)
_BEFORE_PAGE_BREAK = ("pStyle", "keepNext", "keepLines")


def _keep_on_label_page(paragraph: etree._Element) -> None:
    """The attached document's first paragraph on the label's page: the label (「別紙」) begins a page, and a
    title whose style begins one too (an agreement's title after its cover sheet, which a form leaves out)
    would leave the label alone on a page. Written as ``<w:pageBreakBefore w:val="0"/>`` in its place."""
    ppr = paragraph.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        paragraph.insert(0, ppr)
    flag = ppr.find(_w("pageBreakBefore"))
    if flag is None:
        flag = etree.Element(_w("pageBreakBefore"))
        at = 0
        for index, child in enumerate(ppr):
            if etree.QName(child).localname in _BEFORE_PAGE_BREAK:
                at = index + 1
        ppr.insert(at, flag)
    flag.set(_w("val"), "0")


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _anchor_style(package: _Package) -> str | None:
    for style_id, element in package.style_elements().items():
        name = element.find(_w("name"))
        if (
            element.get(_w("type")) == "paragraph"
            and name is not None
            and name.get(_w("val")) == ANCHOR_STYLE
        ):
            return style_id
    return None


def _style_of(element: etree._Element, kind: str) -> str | None:
    properties = element.find(_w(f"{kind}Pr"))
    if properties is None:
        return None
    reference = properties.find(_w(_STYLE_REFERENCES[kind]))
    return reference.get(_w("val")) if reference is not None else None


_NS = {"w": W}
# what refers to another part of the attachment's package (not copied with the body): notes, comments, list
# numbering, and any relationship (an image, a link) outside a section's header and footer references
_ELSEWHERE = etree.XPath(
    " | ".join(
        f".//w:{name}" for name in ("footnoteReference", "endnoteReference", "commentReference", "numPr")
    )
    + f" | .//*[@*[namespace-uri() = '{R}']][not(ancestor::w:sectPr)]",
    namespaces=_NS,
)
_WHAT = {
    "footnoteReference": N_("holds a footnote, which cannot be attached to another document"),
    "endnoteReference": N_("holds an endnote, which cannot be attached to another document"),
    "commentReference": N_("holds a comment, which cannot be attached to another document"),
    "numPr": N_("holds a numbered list, which cannot be attached to another document"),
}
_AN_IMAGE_OR_LINK = N_("holds an image or a link, which cannot be attached to another document")
# the styles a body names, and whether some paragraph, table or run names none (it takes the default)
_NAMED = etree.XPath(".//w:pStyle/@w:val | .//w:tblStyle/@w:val | .//w:rStyle/@w:val", namespaces=_NS)
_UNSTYLED = {
    "p": etree.XPath("boolean(.//w:p[not(w:pPr/w:pStyle)])", namespaces=_NS),
    "tbl": etree.XPath("boolean(.//w:tbl[not(w:tblPr/w:tblStyle)])", namespaces=_NS),
    "r": etree.XPath("boolean(.//w:r[not(w:rPr/w:rStyle)])", namespaces=_NS),
}
_REFERENCES = etree.XPath(".//w:pStyle | .//w:tblStyle | .//w:rStyle", namespaces=_NS)
_BOOKMARKS = etree.XPath(".//w:bookmarkStart | .//w:bookmarkEnd", namespaces=_NS)


def _attachable(data: bytes, shown: str) -> _Package:
    """An attachment read and checked; ``shown`` names it in messages."""
    package = _Package(_attached_parts(data), shown)
    _check_attachable(package)
    return package


@functools.lru_cache(maxsize=8)
def _attached_parts(data: bytes) -> _Parts:
    """An attachment parsed once for every form of a batch that attaches it, whatever the form (never
    changed: what is attached is copied from it)."""
    return _parse(data)


def _check_attachable(package: _Package) -> None:
    found = _ELSEWHERE(package.body)
    if found:
        local = etree.QName(found[0]).localname
        raise TemplateError(
            template=package.shown,
            part=DOCUMENT,
            message=_(_WHAT.get(local, _AN_IMAGE_OR_LINK)),
        )


def _canonical(element: etree._Element) -> bytes:
    return etree.tostring(element, method="c14n", exclusive=True)


def _merge_styles(base: _Package, attached: _Package, *, suffix: str) -> dict[str, str]:
    """Copy the styles the attached body uses into the base; returns the new id of each style that got one."""
    theirs, ours = attached.style_elements(), base.style_elements()
    needed: list[str] = []

    def need(style_id: str | None) -> None:
        if style_id and style_id in theirs and style_id not in needed:
            needed.append(style_id)
            for reference in ("basedOn", "link", "next"):
                element = theirs[style_id].find(_w(reference))
                if element is not None:
                    need(element.get(_w("val")))

    defaults = attached.defaults()
    for style_id in dict.fromkeys(_NAMED(attached.body)):
        need(str(style_id))
    for kind, unstyled in _UNSTYLED.items():
        if unstyled(attached.body):
            need(defaults.get(_STYLE_TYPES[kind]))

    for style_id in needed:
        # list numbering lives in numbering.xml, which is not merged: a numbered style, even one the document
        # also has, may number with another list there
        if theirs[style_id].find(f".//{_w('numPr')}") is not None:
            raise TemplateError(
                template=attached.shown,
                part=STYLES,
                message=_(
                    "holds a numbered list (the style '{style}'), which cannot be attached to another "
                    "document"
                ).format(style=style_id),
            )
    same: dict[str, bool] = {}

    def is_same(style_id: str) -> bool:
        if style_id not in theirs:  # named but not defined: nothing to copy
            return True
        if style_id not in same:
            same[style_id] = False  # a loop of basedOn is not the same style
            mine, other = ours.get(style_id), theirs[style_id]
            parent = other.find(_w("basedOn"))
            same[style_id] = (
                mine is not None
                and _canonical(mine) == _canonical(other)
                and (parent is None or is_same(parent.get(_w("val"))))
            )
        return same[style_id]

    taken_ids = set(ours)
    taken_names = {name.get(_w("val")) for el in ours.values() if (name := el.find(_w("name"))) is not None}
    renamed: dict[str, str] = {}
    for style_id in needed:
        if is_same(style_id):
            continue
        if style_id in ours:
            new_id = _free(f"{style_id}{suffix}", taken_ids)
            renamed[style_id] = new_id
            taken_ids.add(new_id)
    for style_id in needed:
        if is_same(style_id):
            continue
        element = copy.deepcopy(theirs[style_id])
        if style_id in renamed:
            element.set(_w("styleId"), renamed[style_id])
            element.attrib.pop(_w("default"), None)  # the base keeps its own default style
            name = element.find(_w("name"))
            if name is not None:
                new_name = _free(f"{name.get(_w('val'))} ({suffix})", taken_names)
                name.set(_w("val"), new_name)
                taken_names.add(new_name)
        for reference in ("basedOn", "link", "next"):
            for ref in element.iter(_w(reference)):
                value = ref.get(_w("val"))
                if value in renamed:
                    ref.set(_w("val"), renamed[value])
        base.styles.append(element)
    # a paragraph (table, run) without a style of its own takes the default style; where the base's default
    # is not the attachment's, the attachment's is named explicitly
    base_defaults = base.defaults()
    for kind, style_type in _STYLE_TYPES.items():
        own = defaults.get(style_type)
        if own and not (is_same(own) and base_defaults.get(style_type) == own) and own in needed:
            renamed.setdefault(f"<default {kind}>", renamed.get(own, own))
    return renamed


def _free(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}{number}"
    return candidate


def _restyle(element: etree._Element, names: dict[str, str]) -> None:
    """Point the attached content at the styles' ids in the base, and drop its bookmarks (their names and
    ids would clash with the document's)."""
    for child in _BOOKMARKS(element):
        child.getparent().remove(child)
    if not names:
        return
    for reference in _REFERENCES(element):
        value = reference.get(_w("val"))
        if value in names:
            reference.set(_w("val"), names[value])
    for kind, tag in _STYLE_REFERENCES.items():
        default = names.get(f"<default {kind}>")
        if default is None:
            continue
        for node in element.iter(_w(kind)):
            if _style_of(node, kind) is not None:
                continue
            properties = node.find(_w(f"{kind}Pr"))
            if properties is None:
                properties = etree.Element(_w(f"{kind}Pr"))
                node.insert(0, properties)
            reference = etree.Element(_w(tag))
            reference.set(_w("val"), default)
            insert_in_order(properties, reference)  # first, but for a paragraph mark's revision marks


def _page(section: etree._Element | None) -> tuple[bytes, ...]:
    """What a page looks like in a section: its size, margins and columns."""
    if section is None:
        return ()
    return tuple(
        _canonical(element) if element is not None else b""
        for element in (section.find(_w("pgSz")), section.find(_w("pgMar")), section.find(_w("cols")))
    )


def _with_headers_of(section: etree._Element, document: etree._Element | None) -> etree._Element:
    """A copy of an attachment's section with the document's headers and footers instead of its own (which
    refer to parts that are not copied)."""
    section = copy.deepcopy(section)
    kinds = (_w("headerReference"), _w("footerReference"), _w("titlePg"))
    for child in list(section):
        if child.tag in kinds:
            section.remove(child)
    if document is not None:
        references = [copy.deepcopy(c) for c in document if c.tag in kinds[:2]]
        for position, reference in enumerate(references):
            section.insert(position, reference)  # the references come first in a section's properties
        if document.find(kinds[2]) is not None:  # a first page of its own
            insert_in_order(section, etree.Element(kinds[2]))
    return section


def _governing_section(element: etree._Element) -> etree._Element | None:
    """The section an element of the body is in: the first section end at or after it."""
    for candidate in (element, *element.itersiblings()):
        if candidate.tag == _w("sectPr"):
            return candidate
        if candidate.tag == _w("p"):
            properties = candidate.find(_w("pPr"))
            if properties is not None and properties.find(_w("sectPr")) is not None:
                return properties.find(_w("sectPr"))
    return None


def _end_section(paragraph: etree._Element, section: etree._Element) -> None:
    properties = paragraph.find(_w("pPr"))
    if properties is None:
        properties = etree.Element(_w("pPr"))
        paragraph.insert(0, properties)
    insert_in_order(properties, section)  # after the paragraph mark's rPr, before a pPrChange


def _place(
    base: _Package, anchor: etree._Element, content: list[etree._Element], section: etree._Element | None
) -> None:
    """Put the attached content after the anchor; a section of its own when its pages differ."""
    governing = _governing_section(anchor)
    previous = anchor.getprevious()
    # a section already ends just before the anchor: nothing to end there
    open_before = previous is not None and _governing_section(previous) is governing
    own_sections = any(el.find(f".//{_w('sectPr')}") is not None for el in content)
    position = anchor
    for element in content:
        position.addnext(element)
        position = element
    if section is None or (_page(section) == _page(governing) and not own_sections):
        return
    # the pages before the anchor keep the document's section; the anchor and the attachment take the
    # attachment's page setup
    if previous is not None and governing is not None and open_before:
        if previous.tag != _w("p"):
            carrier = etree.Element(_w("p"))
            previous.addnext(carrier)
            previous = carrier
        _end_section(previous, copy.deepcopy(governing))  # the document's own section, headers and all
    own = _with_headers_of(section, governing)
    last = content[-1] if content else anchor
    if governing is not None and last.getnext() is governing and governing.getparent() is base.body:
        # nothing of the document follows: the attachment's setup is the last section's (ending it in its last
        # paragraph would leave an empty section, an empty page)
        base.body.replace(governing, own)
        return
    if last.tag != _w("p"):
        carrier = etree.Element(_w("p"))
        last.addnext(carrier)
        last = carrier
    _end_section(last, own)
