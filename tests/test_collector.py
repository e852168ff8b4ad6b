"""The console script pauses Python's garbage collector while a command imports (docgen.commands.collector);
a program that calls docgen from Python keeps its collector as it set it."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from docgen import cli
from docgen.commands import collector

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("enabled", [True, False])
def test_main_leaves_the_callers_collector_as_it_was(tmp_path: Path, enabled: bool) -> None:
    agreements = ROOT / "agreements"
    (gc.enable if enabled else gc.disable)()
    try:
        status = cli.main(["build", str(agreements / "yamaguchi-kenou" / "mine.yaml"), "-o", str(tmp_path)])
        assert status == 0
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert (tmp_path / "yamaguchi-kenou" / "mine.docx").is_file()


def test_resume_turns_on_only_what_pause_turned_off() -> None:
    try:
        gc.disable()
        collector.pause()  # already off: not paused by docgen
        collector.resume()
        assert not gc.isenabled()
        gc.enable()
        collector.pause()
        assert not gc.isenabled()
        collector.resume()
        assert gc.isenabled()
        collector.resume()  # a second resume changes nothing
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_build_from_the_console_script_collects_again_for_its_work(tmp_path: Path) -> None:
    # what `docgen build` runs, in a process of its own; it reports the collector's state as the build ends
    script = (
        "import gc, sys\n"
        "from docgen.documents import batch\n"
        "real = batch.build\n"
        "def build(*args, **kwargs):\n"
        "    result = real(*args, **kwargs)\n"
        "    print('collector', gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)\n"
        "    return result\n"
        "batch.build = build\n"
        "sys.argv = ['docgen', 'build', sys.argv[1], '-o', sys.argv[2]]\n"
        "from docgen.cli import run\n"
        "run()\n"
    )
    agreement = ROOT / "agreements" / "yamaguchi-kenou" / "mine.yaml"
    done = subprocess.run(
        [sys.executable, "-c", script, str(agreement), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "collector True True" in done.stderr
    assert "wrote 1 document" in done.stdout
