"""Office Open XML as Word reads it: the order of a property element's children, and the schema check of a
Word file (``docgen check`` on a user's template; the tests on every kind of document docgen writes).

Word's schema (ECMA-376 Part 1, transitional) defines a table's, a paragraph's, a run's, a cell's and a
section's properties as sequences: ``w:tblBorders`` after ``w:tblLook`` is not a table Word is sure to read,
whatever LibreOffice and python-docx forgive ("Word found unreadable content"). ``ORDER`` holds those
sequences, so that docgen and its template generators insert an element where the schema puts it
(``insert_in_order``) rather than at the end.

The check itself is openxml-audit's (PyPI, MIT; a pure-Python port of the Open XML SDK's validator, Office
2019 rules): package, schema and semantic checks of every part. It is an optional dependency (the
``validate`` and ``test`` extras), imported only here and only when asked. docs/reference/ooxml.en.md says
what it proves, what it does not, and which of its findings docgen drops (``false_positive``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from docgen.base.i18n import _
from docgen.base.patterns import regex

if TYPE_CHECKING:
    from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# The children of each property element in the schema's order (ECMA-376 Part 1, wml.xsd: CT_TblPr, CT_TrPr's
# base is a choice and has no order, CT_TcPr, CT_PPr, CT_RPr, CT_SectPr); Word 2010's w14: run properties,
# which come after w:specVanish, are not listed: docgen never writes them.
ORDER: dict[str, tuple[str, ...]] = {
    "tblPr": (
        "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
        "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
        "tblCaption", "tblDescription", "tblPrChange",
    ),
    "tcPr": (
        "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
        "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
        "tcPrChange",
    ),
    "pPr": (
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
        "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
        "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
        "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    ),
    "rPr": (
        "ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps",
        "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
        "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
        "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
        "oMath", "rPrChange",
    ),
    "sectPr": (
        "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
        "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
        "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
    ),
}  # fmt: skip


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def insert_in_order(parent: etree._Element, child: etree._Element) -> etree._Element:
    """Put ``child`` into the property element ``parent`` where the schema's sequence puts it: before the
    first child that the sequence puts after it (at the end when none does). Returns ``child``."""
    order = ORDER[_local(parent.tag)]
    rank = order.index(_local(child.tag))
    later = next(
        (
            sibling
            for sibling in parent
            if isinstance(sibling.tag, str)
            and _local(sibling.tag) in order
            and order.index(_local(sibling.tag)) > rank
        ),
        None,
    )
    if later is None:
        parent.append(child)
    else:
        later.addprevious(child)
    return child


# --- the check ----------------------------------------------------------------------------------------------


class ValidatorMissing(Exception):
    """openxml-audit is not installed (it is an optional dependency: ``pip install 'docgen[validate]'``)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "the templates were not checked against Word's schema: openxml-audit is not installed "
                "(pip install 'docgen[validate]')"
            )
        )


class Finding(NamedTuple):
    """One fault the validator found: the part, the element's path in it, and what is wrong."""

    part: str  # e.g. /word/document.xml
    path: str  # e.g. /document[1]/body[1]/tbl[1]/tblPr[1]
    node: str  # the element or attribute at fault, as the validator names it
    description: str  # the validator's words, e.g. "Unexpected element 'tblBorders' found"

    def __str__(self) -> str:
        return f"{self.part} {self.path}: {self.description}"


# Elements that Office's own schema (and so the Open XML SDK and openxml-audit) types as CT_OnOffOnly, whose
# w:val is "on" or "off", where ECMA-376 types them as CT_OnOff: xsd:boolean ("true", "false", "1", "0") or
# "on"/"off". LibreOffice writes <w:cantSplit w:val="true"/>, python-docx <w:bidiVisual w:val="0"/>; both are
# valid by the standard.
ON_OFF_ONLY = frozenset(
    {
        "noWrap", "tcFitText", "hideMark", "cantSplit", "tblHeader", "bidiVisual", "noResizeAllowed",
        "linkedToFile", "noBorder", "flatBorders", "autoRedefine", "hidden", "semiHidden", "unhideWhenUsed",
        "qFormat", "locked", "personal", "personalCompose", "personalReply",
    }
)  # fmt: skip
_BOOLEAN_AS_ON_OFF = regex(
    r"Invalid value for attribute 'val': Value '(?:true|false|1|0)' is not in allowed values: \['off', 'on'\]"
)


def false_positive(finding: Finding) -> bool:
    """A finding the standard contradicts: an xsd:boolean value of w:val on an element ECMA-376 types
    CT_OnOff and openxml-audit ``on``/``off`` only. Nothing else: not another value, attribute or element."""
    element = finding.path.rsplit("/", 1)[-1].split("[", 1)[0]
    return (
        element in ON_OFF_ONLY
        and finding.node == "val"
        and _BOOLEAN_AS_ON_OFF.fullmatch(finding.description) is not None
    )


_validator: object | None = None


def _openxml_validator() -> object:
    """openxml-audit's validator, made once per process (loading its schemas takes about half a second)."""
    global _validator
    if _validator is None:
        try:
            from openxml_audit import FileFormat, OpenXmlValidator
        except ImportError:
            raise ValidatorMissing from None
        _validator = OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=1000)
    return _validator


def raw_findings(path: Path) -> list[Finding]:
    """Everything openxml-audit reports for the Word file at ``path``; raises ``ValidatorMissing``."""
    result = _openxml_validator().validate(path)  # type: ignore[attr-defined]
    return [Finding(e.part_uri, e.path, e.node or "", e.description) for e in result.errors]


def findings(path: Path) -> list[Finding]:
    """The schema faults of the Word file at ``path``, without the validator's false positives; raises
    ``ValidatorMissing``."""
    return [finding for finding in raw_findings(path) if not false_positive(finding)]


# --- saying what the schema expects -------------------------------------------------------------------------

_UNEXPECTED = regex(r"Unexpected element '([\w:]+)' found")


def explain(finding: Finding, package: Path) -> str:
    """A finding as a sentence that says what the schema expects and how to fix it."""
    match = _UNEXPECTED.fullmatch(finding.description)
    parent = finding.path.rsplit("/", 1)[-1].split("[", 1)[0]
    if match is None or parent not in ORDER or match.group(1) not in ORDER[parent]:
        return f"{finding.path}: {finding.description}"
    element = match.group(1)
    children = _children(package, finding.part, finding.path)
    if children.count(element) > 1:
        twice = _("{path}: w:{element} is written {count} times in w:{parent}; the schema allows it once")
        return twice.format(path=finding.path, element=element, count=children.count(element), parent=parent)
    order = ORDER[parent]
    known = [child for child in children if child in order]
    expected = sorted(dict.fromkeys(known), key=order.index)
    # the element the schema puts after it that the template writes before it, earliest in the schema's order
    rank = order.index(element)
    written_before = [child for child in known[: known.index(element)] if order.index(child) > rank]
    after = min(written_before, key=order.index) if written_before else ""
    message = _(
        "{path}: w:{element} is out of the schema's order in w:{parent}: it must come before w:{after} "
        "(the order is {expected}, each once; the template has {actual}). Move it, or open the template in "
        "LibreOffice or Word and save it again as .docx, which writes the schema's order"
    )
    return message.format(
        path=finding.path,
        element=element,
        parent=parent,
        after=after or _("the others"),
        expected=", ".join(f"w:{name}" for name in expected),
        actual=", ".join(f"w:{name}" for name in known),
    )


def _children(package: Path, part: str, path: str) -> list[str]:
    """The local names of the children of the element at ``path`` (openxml-audit's /a[1]/b[2] form)."""
    import zipfile

    from lxml import etree

    try:
        with zipfile.ZipFile(package) as archive:
            root = etree.fromstring(
                archive.read(part.lstrip("/")), etree.XMLParser(resolve_entities=False, no_network=True)
            )
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return []
    node: etree._Element | None = root
    steps = list(_steps(path))
    if not steps or steps[0][0] != _local(root.tag):
        return []
    for name, index in steps[1:]:
        matches = [child for child in node if isinstance(child.tag, str) and _local(child.tag) == name]
        node = matches[index - 1] if len(matches) >= index else None
        if node is None:
            return []
    return [_local(child.tag) for child in node if isinstance(child.tag, str)]


def _steps(path: str) -> Iterator[tuple[str, int]]:
    for step in path.strip("/").split("/"):
        name, _, index = step.partition("[")
        yield name.split(":")[-1], int(index.rstrip("]") or 1)
