"""No hidden state: a command writes the files it is asked to write and nothing else — no cache in the home
folder, nothing in the temporary folder — and leaves no staging folder behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import copy_mine_agreement, snapshot
from test_pdf import pdf_tools  # noqa: F401  (the fixture: LibreOffice, fonts and poppler are there)

ROOT = Path(__file__).resolve().parent.parent


def run_in_empty_environment(
    tmp_path: Path, *argv: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, Path]]:
    empty = {name: tmp_path / name for name in ("home", "cache", "tmp")}
    for folder in empty.values():
        folder.mkdir()
    env = {
        **os.environ,
        "HOME": str(empty["home"]),
        "XDG_CACHE_HOME": str(empty["cache"]),
        "TMPDIR": str(empty["tmp"]),
    }
    result = subprocess.run(
        [sys.executable, "-m", "docgen", *argv],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result, empty


@pytest.mark.parametrize(
    "argv",
    [
        ["build", "-o", "out", "-t", str(ROOT / "templates/renkei-kyoyaku.docx")],
        ["check", "-t", str(ROOT / "templates/renkei-kyoyaku.docx")],
        ["build", "-o", "out", "--pdf", "-t", str(ROOT / "templates/renkei-kyoyaku.docx")],
    ],
    ids=["build", "check", "build-pdf"],
)
@pytest.mark.usefixtures("pdf_tools")
def test_home_cache_and_temporary_folders_stay_empty(tmp_path: Path, argv: list[str]) -> None:
    copy_mine_agreement(tmp_path)
    agreements = snapshot(tmp_path / "agreements")
    result, empty = run_in_empty_environment(tmp_path, *argv)
    assert result.returncode == 0, result.stderr
    for name, folder in empty.items():
        assert list(folder.rglob("*")) == [], f"{name} was written into"
    assert snapshot(tmp_path / "agreements") == agreements
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    # the list of what a build wrote (for --clean) is in the output folder it describes
    expected = [] if argv[0] == "check" else ["out/.docgen-written.json", "out/yamaguchi-kenou/mine.docx"]
    if "--pdf" in argv:
        expected.append("out/yamaguchi-kenou/mine.pdf")
    assert [p for p in written if not p.startswith("agreements/")] == expected
    # no staging folder, hidden or not, is left in the output folder
    if (tmp_path / "out").exists():
        written = sorted(p.name for p in (tmp_path / "out").iterdir())
        assert written == [".docgen-written.json", "yamaguchi-kenou"]
