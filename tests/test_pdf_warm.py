"""PDF through a LibreOffice kept warm (``docgen.office.warm``): what the workspace's previews convert with
when a Python with LibreOffice's ``uno`` is there (Debian: python3-uno,
installed by .ci/run). Each test starts real LibreOffice processes: the output is compared with the one-off
``soffice --convert-to`` conversion, and each failure must name its document and write nothing.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from test_pdf import missing_pdf_tools, pdf_pages, require_pdf_tools

import docgen
from docgen.base.errors import PdfError
from docgen.cli import main
from docgen.office import pdf, warm

ROOT = Path(__file__).resolve().parent.parent
MINE = ROOT / "agreements" / "yamaguchi-kenou" / "mine.yaml"


@pytest.fixture(scope="session")
def uno() -> str:
    """The Python the warm LibreOffice runs in; skips locally and fails under CI=true without it."""
    require_pdf_tools(missing_pdf_tools())
    python = warm.uno_python(pdf.find_soffice())
    fits = python is not None and subprocess.run([python, "-I", "-c", "import uno"]).returncode == 0
    require_pdf_tools([] if fits else ["python3-uno"])
    assert python is not None
    return python


@pytest.fixture
def counting_python(uno: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """DOCGEN_UNO_PYTHON set to a script that notes each start of a warm LibreOffice; returns its log."""
    log = tmp_path / "python-starts"
    log.write_text("")
    script = tmp_path / "python-bin" / "python3"
    script.parent.mkdir()
    script.write_text(f'#!/bin/sh\necho start >> "{log}"\nexec "{uno}" "$@"\n')
    script.chmod(0o755)
    monkeypatch.setenv("DOCGEN_UNO_PYTHON", str(script))
    return log


@contextmanager
def warmed_up(office: pdf.Office, folder: Path, jobs: int) -> Iterator[pdf.Office]:
    """``office`` with ``jobs`` LibreOffice processes kept warm in ``folder``, as the previews hand it to
    ``convert_to_pdf``; unchanged when this machine has no ``uno`` for it."""
    with warm.WarmOffice(office.soffice, folder, jobs) as running:
        yield replace(office, warm=running) if running.usable else office


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert found is not None
    return int(found.group(1))


def processes_in(folder: Path) -> list[str]:
    """The command lines of the running processes that name something in ``folder`` (zombies aside)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = re.search(r"^State:\s+(\S)", (entry / "status").read_text(), re.M)
        except OSError:
            continue
        if str(folder) in command and state is not None and state.group(1) != "Z":
            found.append(command)
    return found


def sockets_of(work: Path) -> list[Path]:
    """The sockets in /tmp of the warm LibreOffice processes whose folders are in ``work``."""
    return [s for folder in work.glob("warm-*") for s in warm.sockets(folder) if s.exists()]


@pytest.fixture
def documents(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "docx"
    folder.mkdir()
    paths = [folder / f"{name}.docx" for name in ("a", "b", "c")]
    for path in paths:
        path.write_bytes(docgen.render(MINE))
    return paths


def test_a_warm_libreoffice_writes_what_the_one_off_conversion_writes(counting_python, tmp_path, capsys):
    # the region's agreement and its six procedure documents, as build writes them (one-off: no warm start)
    built = tmp_path / "built"
    assert main(["build", str(MINE), "--procedure", "--pdf", "--jobs", "2", "-o", str(built)]) == 0
    capsys.readouterr()
    assert counting_python.read_text() == ""  # build --pdf runs `soffice --convert-to`, no warm LibreOffice
    documents = sorted(built.rglob("*.docx"))
    assert len(documents) == 7
    office = pdf.check_libreoffice(work_dir=tmp_path)
    with warmed_up(office, tmp_path / "work", 2) as warmed:
        made = pdf.convert_to_pdf(documents, tmp_path / "warm", office=warmed)
    assert counting_python.read_text().splitlines() == ["start", "start"]  # both at once, fed from one queue
    for document, again in zip(documents, made, strict=True):
        one_off = document.with_suffix(".pdf")
        assert pages(again) == pages(one_off), document.name
        assert pdf_pages(again) == pdf_pages(one_off), document.name


def test_a_document_a_warm_libreoffice_cannot_read_is_named_and_nothing_is_written(uno, tmp_path, documents):
    broken = documents[0].with_name("broken.docx")
    broken.write_bytes(b"PK\x03\x04 this is no Word document")
    office = pdf.check_libreoffice(work_dir=tmp_path)
    work = tmp_path / "work"
    with warmed_up(office, work, 2) as warmed:
        assert warmed.warm is not None
        with pytest.raises(PdfError) as raised:
            pdf.convert_to_pdf([*documents, broken], tmp_path / "pdf", office=warmed)
        assert str(raised.value).startswith(f"{broken}: LibreOffice wrote no PDF (")
        assert processes_in(work) == []  # the failure stopped both processes at once
    assert not (tmp_path / "pdf").exists()


def test_a_killed_warm_libreoffice_names_the_document_and_leaves_no_socket(uno, tmp_path, documents):
    office = pdf.check_libreoffice(work_dir=tmp_path)
    work = tmp_path / "work"
    killed: list[int] = []

    def kill_the_office(_made: Path) -> None:
        # once the first PDF is done, soffice.bin (not docgen's script) dies as in a crash
        if not killed:
            assert [s.name for s in sockets_of(work)] == [s.name for s in warm.sockets(work / "warm-1")][:2]
            for entry in Path("/proc").iterdir():
                try:
                    command = (entry / "cmdline").read_bytes()
                except OSError:
                    continue
                if b"soffice.bin" in command and str(work).encode() in command:
                    os.kill(int(entry.name), signal.SIGKILL)
                    killed.append(int(entry.name))

    with warmed_up(office, work, 1) as warmed, pytest.raises(PdfError) as raised:
        pdf.convert_to_pdf(documents, tmp_path / "pdf", office=warmed, progress=kill_the_office)
    assert killed
    message = str(raised.value)
    assert re.match(rf"^{re.escape(str(documents[1]))}: LibreOffice (wrote no PDF|stopped while)", message)
    assert processes_in(work) == []
    assert sockets_of(work) == []  # the killed soffice's sockets, which only its own exit removes
    assert not (tmp_path / "pdf").exists()


def test_a_warm_libreoffice_that_runs_out_of_time_is_stopped_and_nothing_is_written(uno, tmp_path, documents):
    office = pdf.check_libreoffice(work_dir=tmp_path)
    work = tmp_path / "work"
    with warmed_up(office, work, 2) as warmed:
        started = time.monotonic()
        with pytest.raises(PdfError) as raised:
            pdf.convert_to_pdf(documents, tmp_path / "pdf", office=warmed, timeout=0.5)
        assert time.monotonic() - started < 30  # not the 60 s a start may take
        assert processes_in(work) == []
    assert str(raised.value) == (
        f"LibreOffice ({office.soffice}) did not finish converting 3 documents to PDF within 0.5 s and was "
        "stopped"
    )
    assert not (tmp_path / "pdf").exists()
    assert sockets_of(work) == []


def test_a_python_without_uno_falls_back_to_soffice_convert_to(uno, tmp_path, monkeypatch, documents):
    plain = tmp_path / "python-bin" / "python3"
    plain.parent.mkdir()
    plain.write_text(f'#!/bin/sh\nexec "{uno}" -S "$@"\n')
    plain.chmod(0o755)
    monkeypatch.setenv("DOCGEN_UNO_PYTHON", str(plain))  # its uno is not found: -S, no site-packages
    office = pdf.check_libreoffice(work_dir=tmp_path)
    with warmed_up(office, tmp_path / "work", 2) as warmed:
        written = pdf.convert_to_pdf(documents, tmp_path / "pdf", office=warmed)
    assert [p.name for p in written] == ["a.pdf", "b.pdf", "c.pdf"]
    assert all(pages(p) == pages(written[0]) for p in written)


def test_the_workspace_previews_convert_with_one_warm_libreoffice(counting_python, tmp_path):
    from docgen.web.preview import Previews

    previews = Previews(tmp_path / "serve")
    try:
        first, rendered = previews.render(docgen.render(MINE))
        second, again = previews.render(docgen.render(MINE, mode="copy"))
        assert first != second and len(rendered.pages) == len(again.pages) >= 2
        assert rendered.pages[0].startswith(b"\x89PNG")
        assert counting_python.read_text().splitlines() == ["start"]  # kept warm between previews
    finally:
        previews.close()
    assert processes_in(tmp_path / "serve") == []
