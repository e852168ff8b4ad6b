"""Page images of a document for ``docgen serve``: .docx bytes → PDF (LibreOffice) → PNG pages (pdftoppm).

One LibreOffice is kept running (``unoworker.py``, run by a Python that has LibreOffice's ``uno``), so a
preview costs a document load, not a LibreOffice start; without ``uno`` each preview starts LibreOffice as
``docgen build --pdf`` does (slower, same result). Results are kept in memory only, by the SHA-256 of the
.docx bytes, so a file saved back to what it was is drawn at once; files exist only while a conversion runs,
inside the server's work folder, which is removed when the server stops.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import selectors
import shutil
import struct
import subprocess
import threading
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import NamedTuple

from docgen.base.errors import PdfError

CACHE_SIZE = 48  # documents; a page image is ~100 KB, a document 4-8 pages
DPI = 80  # readable Japanese at 100% zoom, quick to draw
CONVERT_TIMEOUT_S = 60.0
UNO_PYTHON_VARIABLE = "DOCGEN_UNO_PYTHON"


class Rendered(NamedTuple):
    pdf: bytes
    pages: tuple[bytes, ...]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_uno_python(soffice: str) -> str | None:
    """A Python that can ``import uno``: $DOCGEN_UNO_PYTHON, LibreOffice's own, or the system's."""
    named = os.environ.get(UNO_PYTHON_VARIABLE)
    candidates = [named] if named else []
    candidates += [str(Path(os.path.realpath(soffice)).with_name("python")), "/usr/bin/python3"]
    for python in candidates:
        if not python or not os.access(python, os.X_OK):
            continue
        try:
            probe = subprocess.run([python, "-I", "-c", "import uno"], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return python
    return None


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


class _Worker:
    """The running ``unoworker.py`` and its LibreOffice."""

    def __init__(self, python: str, soffice: str, folder: Path, environment: dict[str, str]) -> None:
        profile = (folder / "profile").absolute().as_uri()
        script = Path(__file__).with_name("unoworker.py")
        pipe = f"docgen-serve-{secrets.token_hex(8)}"
        self.process = subprocess.Popen(
            [python, "-I", str(script), soffice, profile, pipe],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=environment,
            text=True,
        )
        if self._answer(CONVERT_TIMEOUT_S).get("ready") is not True:
            self.stop()
            raise PdfError("LibreOffice did not start for the previews")

    def _answer(self, timeout: float) -> dict[str, object]:
        assert self.process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout):
                raise PdfError(f"LibreOffice took more than {timeout:.0f} s for a preview")
        line = self.process.stdout.readline()
        if not line:
            raise PdfError("LibreOffice stopped while making a preview")
        answer = json.loads(line)
        return answer if isinstance(answer, dict) else {}

    def convert(self, docx: Path, pdf: Path) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"docx": str(docx), "pdf": str(pdf)}) + "\n")
        self.process.stdin.flush()
        answer = self._answer(CONVERT_TIMEOUT_S)
        if answer.get("ok") is not True:
            raise PdfError(f"LibreOffice could not make a preview: {answer.get('error')}")

    def stop(self) -> None:
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Previews:
    """PDFs and page images of .docx bytes, made one at a time, kept in memory by content."""

    def __init__(self, work: Path, *, warm: bool = True) -> None:
        self.work = work.absolute()  # the server's own folder: everything written here is removed with it
        self.warm = warm
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, Rendered] = OrderedDict()
        self._worker: _Worker | None = None
        self._office: object = None
        self._python: str | None = None
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
        from docgen.office.pdf import check_libreoffice, convert_to_pdf, soffice_environment

        self._count += 1
        job = self.work / f"job-{self._count}"
        job.mkdir(parents=True)
        try:
            source, pdf = job / "document.docx", job / "document.pdf"
            source.write_bytes(docx)
            if self._office is None:
                self._office = check_libreoffice(work_dir=self.work)
                soffice = self._office.soffice  # type: ignore[attr-defined]
                self._python = find_uno_python(soffice) if self.warm else None
            if self._python is not None and self._worker is None:
                home = self.work / "office"
                self._worker = _Worker(
                    self._python,
                    self._office.soffice,
                    home,
                    soffice_environment(home),  # type: ignore[attr-defined]
                )
            if self._worker is not None:
                try:
                    self._worker.convert(source.absolute(), pdf.absolute())
                except PdfError:
                    self._worker.stop()  # started again for the next preview
                    self._worker = None
                    raise
            else:
                convert_to_pdf([source], job, office=self._office, work_dir=job)  # type: ignore[arg-type]
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
            if self._worker is not None:
                self._worker.stop()
                self._worker = None
