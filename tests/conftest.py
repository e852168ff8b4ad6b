"""Shared test settings."""

from __future__ import annotations

import os
import subprocess
import sys
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
