"""Shared test settings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Fuzz tests (tests/test_fuzz.py) run a bounded number of examples so that the suite stays quick, in CI too;
# no deadline: the first example of a run also pays for compiling the template.
# HYPOTHESIS_PROFILE=thorough runs many more, by hand.
settings.register_profile(
    "docgen", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "docgen"))


ROOT = Path(__file__).resolve().parent.parent

# Messages are asserted in English unless a test asks for Japanese: the suite runs under the C locale whatever
# the machine's, for the commands it starts too (set here, before any session fixture starts one).
os.environ["LANG"] = "C.UTF-8"
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_variable, None)


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Each test starts with English messages, even after one that set up Japanese in this process."""
    from docgen.base import i18n

    i18n.setup("en")
    yield
    i18n.setup("en")


@pytest.fixture(scope="session")
def region_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real region built once by `docgen build` with no paths, run from the repository."""
    out = tmp_path_factory.mktemp("region") / "output"
    result = subprocess.run(
        [sys.executable, "-m", "docgen", "build", "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote 11 documents to {out}/\n"
    assert result.stderr == ""  # not a terminal: no progress bar
    return out / "yamaguchi-kenou"


@pytest.fixture
def region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture region (tests/fixtures/region) as ./agreements in a fresh working folder; a
    test module that needs another folder defines its own ``region``."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(Path(__file__).parent / "fixtures" / "region", tmp_path / "agreements")
    return tmp_path / "agreements"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path/old and tmp_path/new: two copies of the repository's agreements, whose heads are in office
    in 2024 as well (the amendment tests' date); the current folder. For test_amend and test_amend_rules."""
    from helpers import reelect  # imports docgen: after the locale above is set

    for side in ("old", "new"):
        shutil.copytree(ROOT / "agreements", tmp_path / side)
        reelect(tmp_path / side / "municipalities.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path
