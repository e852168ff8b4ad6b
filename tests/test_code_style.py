"""The code reads one way: ruff's rules of pyproject.toml hold for every Python file of the repository (the
compiled templates, written by docgen, excepted there)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff is not None, "ruff is in the test extra: pip install -e '.[test]'"
    folders = ["docgen", "tests", "benchmarks", "scripts", "templates"]
    found = subprocess.run(
        [ruff, "check", "--no-cache", "--output-format", "concise", *folders],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0, found.stdout + found.stderr
