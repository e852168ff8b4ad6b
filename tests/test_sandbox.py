"""A template or a text field from elsewhere cannot build a value that takes all memory."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_text import document_text
from helpers import copy_mine_agreement, run, snapshot

import docgen


@pytest.fixture
def region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_mine_agreement(tmp_path)


def set_closing(region: Path, closing: str) -> int:
    """Replace the region's closing sentence; the line it is on."""
    file = region / "yamaguchi-kenou" / "region.yaml"
    lines = file.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("closing:"))
    lines[index : index + 2] = [f'closing: "{closing}"', ""]
    file.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


@pytest.mark.parametrize(
    "expression",
    ["'a' * 10**9", "10**9 * 'a'", "[0] * 10**8", "(10**2000) * (10**2000)", "2 ** 100000"],
)
def test_an_expression_building_a_huge_value_is_refused(
    expression: str, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = set_closing(region, "{{ " + expression + " }}")
    before = snapshot(tmp_path)
    status, out, err = run(["build", "-o", "out"], capsys)
    assert (status, out) == (1, "")
    assert err.startswith(f"error: agreements/yamaguchi-kenou/region.yaml:{line}:10: closing: refused: ")
    assert "too large" in err
    assert snapshot(tmp_path) == before


def test_small_products_and_powers_still_work(region: Path) -> None:
    set_closing(region, "本協約書{{ parties | length * 1 }}通、{{ '＊' * 3 }}、{{ 2 ** 10 }}")
    text = document_text(docgen.render(region / "yamaguchi-kenou" / "mine.yaml"))
    assert "本協約書2通、＊＊＊、1024" in text
