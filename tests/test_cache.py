"""docgen's cache on disk must never change a result: same bytes as without it, and never a stale document."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx_text import document_text
from helpers import copy_mine_agreement

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "renkei-kyoyaku.docx"


@pytest.fixture
def region(tmp_path: Path) -> Path:
    shutil.copy(TEMPLATE, tmp_path / "template.docx")
    return copy_mine_agreement(tmp_path)


def build(
    tmp_path: Path, cache: str, out: str, agreement: str = "agreements/yamaguchi-kenou/mine.yaml"
) -> bytes:
    """`docgen build` as a new process (nothing kept in memory between runs), with the cache folder given."""
    command = ["build", agreement, "-o", out, "--template", "template.docx"]
    result = subprocess.run(
        [sys.executable, "-m", "docgen", *command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "DOCGEN_CACHE_DIR": cache, "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    return (tmp_path / out / "yamaguchi-kenou" / "mine.docx").read_bytes()


def test_a_cached_build_gives_the_same_bytes_as_an_uncached_one(region: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    plain = build(tmp_path, "off", "plain")
    first = build(tmp_path, cache, "first")  # fills the cache
    assert any((tmp_path / "cache").glob("resolved-*.json")) and any(
        (tmp_path / "cache").glob("template-*.json")
    )
    second = build(tmp_path, cache, "second")  # from the cache
    assert plain == first == second


def test_an_edited_municipality_file_is_read_again(region: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    assert "西岡晃" in document_text(build(tmp_path, cache, "before"))
    towns = region / "municipalities.yaml"
    towns.write_text(towns.read_text(encoding="utf-8").replace("西岡晃", "美祢花子"), encoding="utf-8")
    text = document_text(build(tmp_path, cache, "after"))
    assert "美祢市長　美祢花子" in text and "西岡晃" not in text


def test_an_edited_region_and_agreement_are_read_again(region: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    build(tmp_path, cache, "before")
    file = region / "yamaguchi-kenou" / "region.yaml"
    file.write_text(
        file.read_text(encoding="utf-8").replace("毎年度、連絡会議", "毎年度2回、連絡会議"), encoding="utf-8"
    )
    assert "毎年度2回、連絡会議" in document_text(build(tmp_path, cache, "region"))
    agreement = region / "yamaguchi-kenou" / "mine.yaml"
    agreement.write_text(
        agreement.read_text(encoding="utf-8").replace("2017-03-30", "2019-05-01"), encoding="utf-8"
    )
    assert "令和元年5月1日" in document_text(build(tmp_path, cache, "agreement"))


def test_an_edited_template_is_compiled_again(region: Path, tmp_path: Path) -> None:
    import docx

    cache = str(tmp_path / "cache")
    build(tmp_path, cache, "before")
    document = docx.Document(str(tmp_path / "template.docx"))
    title = next(p for p in document.paragraphs if "{{ title }}" in p.text)
    title.runs[-1].text = title.runs[-1].text.replace("{{ title }}", "{{ title }}（写し用）")
    document.save(str(tmp_path / "template.docx"))
    assert "山口県央連携都市圏域形成に係る連携協約（写し用）" in document_text(
        build(tmp_path, cache, "after")
    )


def test_a_region_file_added_nearer_the_agreement_is_used(region: Path, tmp_path: Path) -> None:
    # the region is looked up again on every run: a region.yaml in a nearer folder wins over the cached one
    drafts = region / "yamaguchi-kenou" / "drafts"
    drafts.mkdir()
    shutil.move(region / "yamaguchi-kenou" / "mine.yaml", drafts / "mine.yaml")
    cache = str(tmp_path / "cache")

    def build_draft(out: str) -> str:
        return document_text(build(tmp_path, cache, out, str(drafts / "mine.yaml")))

    assert "連携協約書\n" in build_draft("before")
    (drafts / "yamaguchi-kenou").mkdir()
    text = (region / "yamaguchi-kenou" / "region.yaml").read_text(encoding="utf-8")
    (drafts / "yamaguchi-kenou" / "region.yaml").write_text(
        text.replace("cover: 連携協約書", "cover: 連携協約書（案文）"), encoding="utf-8"
    )
    assert "連携協約書（案文）\n" in build_draft("after")


def test_a_cache_that_cannot_be_written_is_skipped(region: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    assert build(tmp_path, str(blocker), "out") == build(tmp_path, "off", "plain")
