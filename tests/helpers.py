"""Helpers shared by the tests: copies of the Mine agreement's files, folder snapshots, running the CLI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.cli import main

ROOT = Path(__file__).resolve().parent.parent


def copy_mine_agreement(tmp_path: Path) -> Path:
    """tmp_path/agreements/{municipalities.yaml, yamaguchi-kenou/{region,mine}.yaml}, copies to edit."""
    target = tmp_path / "agreements"
    (target / "yamaguchi-kenou").mkdir(parents=True)
    shutil.copy(ROOT / "agreements" / "municipalities.yaml", target)
    for name in ("region.yaml", "mine.yaml"):
        shutil.copy(ROOT / "agreements" / "yamaguchi-kenou" / name, target / "yamaguchi-kenou")
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (written once in the file) by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder under root."""
    return {
        str(path.relative_to(root)): (path.read_bytes() if path.is_file() else None)
        for path in sorted(root.rglob("*"))
    }


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """docgen's command line in this process: exit status, standard output, standard error."""
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def docgen_on_a_terminal(argv: list[str], cwd: Path) -> tuple[int, bytes, str]:
    """``python -m docgen ARGV`` with its standard error on a terminal (a pty) and its standard output in a
    pipe: the exit status, what it printed, and what the terminal showed without its control sequences."""
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen", *argv], stdout=subprocess.PIPE, stderr=slave, env=env, cwd=cwd
    )
    os.close(slave)
    out, _ = process.communicate(timeout=120)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other side is closed
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    return process.returncode, out, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.decode("utf-8", "replace"))


def reelect(towns: Path, since: str = "2021-04-26", **new_heads: str) -> None:
    """Test-made terms in municipalities.yaml: the last head of each municipality re-elected on ``since`` (a
    new entry, as a re-elected head is), or ``new_heads[name]`` taking office then; so that documents dated
    2021 to 2025 have a head in office. The comments of the file are not kept."""
    import datetime as dt

    import yaml

    data = yaml.safe_load(towns.read_text(encoding="utf-8"))
    for name, town in data["municipalities"].items():
        head = new_heads.get(name, town["heads"][-1]["name"])
        town["heads"].append({"name": head, "since": dt.date.fromisoformat(since)})
    towns.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
