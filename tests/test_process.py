"""docgen as a process (``python -m docgen``, as the ``docgen`` command): it ends without Python's teardown
(docgen.cli.run), so what it printed must still arrive whole, with the status main returned."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import ROOT


def docgen(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    # buffered output, as a user's shell has it (this machine's CI may set PYTHONUNBUFFERED)
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-m", "docgen", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
    )


def test_what_it_prints_arrives_whole(tmp_path: Path) -> None:
    done = docgen("schema", "region")
    assert (done.returncode, done.stderr) == (0, "")
    schema = json.loads(done.stdout)  # the whole schema, not the part a buffer held
    assert "closing" in schema["properties"]
    done = docgen("build", "-o", str(tmp_path / "out"))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"wrote 11 documents to {tmp_path / 'out'}/\n"  # a line smaller than a buffer


def test_a_mistake_is_told_with_status_1(tmp_path: Path) -> None:
    done = docgen("check", "nothing-here.yaml", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "error: nothing-here.yaml: no such file or folder\n"


def test_a_usage_mistake_is_status_2() -> None:
    done = docgen("build", "--no-such-option")
    assert done.returncode == 2
    assert done.stderr.endswith("docgen: error: unrecognized arguments: --no-such-option\n")
