"""Page images of a document for ``docgen serve``: .docx bytes → PDF (LibreOffice) → PNG pages (pdftoppm).

One LibreOffice is kept running (``docgen.office.warm``), so a preview
costs a document load, not a LibreOffice start; without a ``uno`` for it each preview starts LibreOffice the
one-off way (slower, same result). Results are kept in memory only, by the SHA-256 of the
.docx bytes, so a file saved back to what it was is drawn at once; files exist only while a conversion runs,
inside the server's work folder, which is removed when the server stops.
"""

from __future__ import annotations

import hashlib
import shutil
import struct
import subprocess
import threading
import zlib
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from docgen.base.errors import PdfError
from docgen.office.pdf import Office, check_libreoffice, convert_to_pdf
from docgen.office.warm import WarmOffice

CACHE_SIZE = 48  # documents; a page image is ~100 KB, a document 4-8 pages
DPI = 80  # readable Japanese at 100% zoom, quick to draw
CONVERT_TIMEOUT_S = 60.0


class Rendered(NamedTuple):
    pdf: bytes
    pages: tuple[bytes, ...]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def png_of_ppm(ppm: bytes) -> bytes:
    """A PNG of a binary PPM (P6, 8 bits, as pdftoppm writes it): rows unfiltered, deflated quickly."""
    fields: list[bytes] = []
    at = 2
    while len(fields) < 3:  # width, height, maximum value; whitespace and comments between them
        while ppm[at : at + 1].isspace():
            at += 1
        if ppm[at : at + 1] == b"#":
            at = ppm.index(b"\n", at) + 1
            continue
        end = at
        while not ppm[end : end + 1].isspace():
            end += 1
        fields.append(ppm[at:end])
        at = end
    width, height, top = (int(field) for field in fields)
    if ppm[:2] != b"P6" or top != 255:
        raise PdfError("pdftoppm wrote an image docgen cannot read")
    pixels = memoryview(ppm)[at + 1 :]
    row = width * 3
    raw = b"".join(b"\0" + pixels[y * row : (y + 1) * row] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 1))  # a page is mostly white: the quickest level packs it well
        + chunk(b"IEND", b"")
    )


class Previews:
    """PDFs and page images of .docx bytes, made one at a time, kept in memory by content."""

    def __init__(self, work: Path, *, warm: bool = True) -> None:
        self.work = work.absolute()  # the server's own folder: everything written here is removed with it
        self.warm = warm
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, Rendered] = OrderedDict()
        self._warm: WarmOffice | None = None
        self._office: Office | None = None
        self._count = 0

    def render(self, docx: bytes) -> tuple[str, Rendered]:
        key = digest(docx)
        with self._lock:
            found = self._cache.get(key)
            if found is None:
                found = self._convert(docx)
                self._cache[key] = found
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
            self._cache.move_to_end(key)
            return key, found

    def page(self, key: str, number: int) -> bytes | None:
        with self._lock:
            found = self._cache.get(key)
        if found is None or not 1 <= number <= len(found.pages):
            return None
        return found.pages[number - 1]

    def _convert(self, docx: bytes) -> Rendered:
        self._count += 1
        job = self.work / f"job-{self._count}"
        job.mkdir(parents=True)
        try:
            source, pdf = job / "document.docx", job / "document.pdf"
            source.write_bytes(docx)
            if self._office is None:
                self._office = check_libreoffice(work_dir=self.work)
            if self.warm and self._warm is None:
                # started again after a failure; its profile in a folder of its own each time
                self._warm = WarmOffice(self._office.soffice, self.work / f"office-{self._count}")
            office = self._office
            if self._warm is not None and self._warm.usable:
                office = replace(office, warm=self._warm)
            try:
                convert_to_pdf([source], job, office=office, work_dir=job, timeout=CONVERT_TIMEOUT_S)
            except PdfError:
                if self._warm is not None:
                    self._warm.kill()  # started again for the next preview
                    self._warm = None
                raise
            data = pdf.read_bytes()
            # raw pixels, made PNG here: pdftoppm's own PNG writer takes 5-7 times as long as its drawing
            subprocess.run(
                ["pdftoppm", "-r", str(DPI), str(pdf), str(job / "page")],
                check=True,
                capture_output=True,
                timeout=CONVERT_TIMEOUT_S,
            )
            pages = sorted(job.glob("page-*.ppm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
            return Rendered(data, tuple(png_of_ppm(page.read_bytes()) for page in pages))
        except (OSError, subprocess.SubprocessError) as error:
            raise PdfError(f"could not draw the pages: {error}") from None
        finally:
            shutil.rmtree(job, ignore_errors=True)

    def close(self) -> None:
        with self._lock:
            if self._warm is not None:
                self._warm.close()
                self._warm = None
