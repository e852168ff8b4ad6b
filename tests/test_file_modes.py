"""Files docgen writes get the mode the umask gives a new file (0644 under 022, 0640 under 027), not the
0600 of a temporary file; `docgen new` keeps the mode of the file it appends to."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import copy_mine_agreement, run
from test_pdf import object_stream_pdf, pdf_tools, python_soffice  # noqa: F401  (pdf_tools: a fixture)

from docgen.cli import main


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_documents_follow_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], mask: int
) -> None:
    copy_mine_agreement(tmp_path)
    monkeypatch.chdir(tmp_path)
    os.umask(mask)
    status, _, err = run(["build", "-o", "out"], capsys)
    assert (status, err) == (0, "")
    assert mode(tmp_path / "out/yamaguchi-kenou/mine.docx") == 0o666 & ~mask


@pytest.mark.usefixtures("umask", "pdf_tools")
def test_pdfs_follow_the_umask_whatever_mode_soffice_gives_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = tmp_path / "sample.pdf"
    sample.write_bytes(object_stream_pdf())
    script, _ = python_soffice(tmp_path / "bin", sample, mode=0o600)  # as a program writing a temporary file
    monkeypatch.setenv("DOCGEN_SOFFICE", str(script))
    copy_mine_agreement(tmp_path)
    monkeypatch.chdir(tmp_path)
    os.umask(0o027)
    status, _, err = run(["build", "-o", "out", "--pdf"], capsys)
    assert (status, err) == (0, "")
    assert mode(tmp_path / "out/yamaguchi-kenou/mine.docx") == 0o640
    assert mode(tmp_path / "out/yamaguchi-kenou/mine.pdf") == 0o640


@pytest.mark.usefixtures("umask")
def test_new_keeps_the_mode_of_the_file_it_appends_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    agreements = copy_mine_agreement(tmp_path)
    monkeypatch.chdir(tmp_path)
    towns = agreements / "municipalities.yaml"
    towns.chmod(0o640)
    assert main(["new", "yamaguchi-kenou", "shunan", "--party", "山口市", "--party", "周南市"]) == 0
    capsys.readouterr()
    assert "周南市" in towns.read_text(encoding="utf-8")
    assert mode(towns) == 0o640  # as it was
    assert mode(agreements / "yamaguchi-kenou/shunan.yaml") == 0o644  # a new file: the umask's
