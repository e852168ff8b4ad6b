"""Whether bytes LibreOffice wrote are a whole PDF: ``pdf_problem`` says what is missing.

A crashed or killed soffice can leave a file that starts like a PDF and stops half-way; pdfinfo would tell,
but is not always there. Shared by the one-off conversions (``pdf``) and the warm LibreOffice (``warm``).
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

from docgen.base.i18n import _
from docgen.base.patterns import regex

HEADER = regex(rb"%PDF-[12]\.\d")  # LibreOffice writes 1.x; 2.0 only when asked, but it is a PDF
TRAILER = regex(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")
TAIL_BYTES = 1024  # the PDF standard wants %%EOF within the last 1024 bytes
XREF_TABLE = regex(rb"\s*xref\b")
XREF_STREAM = regex(rb"\s*\d+\s+\d+\s+obj\b(.{0,4096}?)\bstream\b", re.S)
PAGE = regex(rb"/Type\s*/Page(?![A-Za-z0-9])")  # not /Pages
OBJECT_STREAM = regex(rb"/Type\s*/ObjStm\b.{0,4096}?\bstream\r?\n", re.S)
XREF_TYPE = regex(rb"/Type\s*/XRef\b")


def pdf_problem(data: bytes) -> str | None:
    """What keeps ``data`` from being a PDF with a page, or None: header, trailer, cross-reference, a page.

    A crashed or killed soffice can leave a file that starts like a PDF and stops half-way; pdfinfo would
    tell, but is not always there.
    """
    if not HEADER.match(data):
        return _("no %PDF-1.x header")
    trailer = TRAILER.search(data[-TAIL_BYTES:])
    if trailer is None:
        return _("no startxref and %%EOF at its end")
    offset = int(trailer.group(1))
    if not (XREF_TABLE.match(data, offset) or _is_xref_stream(data, offset)):
        return _("startxref {offset} points at no cross-reference table").format(offset=offset)
    if not (PAGE.search(data) or any(PAGE.search(part) for part in _object_streams(data))):
        return _("no page")
    return None


def _is_xref_stream(data: bytes, offset: int) -> bool:
    found = XREF_STREAM.match(data, offset)
    return found is not None and XREF_TYPE.search(found.group(1)) is not None


def _object_streams(data: bytes) -> Iterator[bytes]:
    """The content of each compressed object stream, where PDF 1.5 writers may keep the page objects."""
    for found in OBJECT_STREAM.finditer(data):
        with suppress(zlib.error):
            yield zlib.decompressobj().decompress(data[found.end() :])


def ends_like_pdf(path: Path) -> bool:
    """True once soffice has written the PDF to its end (it fills the file in place, %%EOF last)."""
    try:
        with path.open("rb") as stream:
            stream.seek(max(0, stream.seek(0, os.SEEK_END) - TAIL_BYTES))
            return b"%%EOF" in stream.read()
    except OSError:
        return False
