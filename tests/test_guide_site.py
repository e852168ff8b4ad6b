"""The user guide builds: `mkdocs build --strict` (any warning fails: a broken link, a missing anchor, a page
left out of the navigation), Japanese at the site's root and English under en/, into a folder of the test's
own — never into the repository."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def nav_pages() -> list[str]:
    """The Markdown files the navigation of mkdocs.yml names (its !!python tag read as a plain value)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    found: list[str] = []

    def walk(items: object) -> None:
        if isinstance(items, list):
            for item in items:
                walk(item)
        elif isinstance(items, dict):
            for value in items.values():
                walk(value)
        elif isinstance(items, str):
            found.append(items)

    walk(config["nav"])
    return found


def test_the_guide_builds_strictly_in_both_languages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    before = sorted(path.name for path in ROOT.iterdir())
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = ["build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", *build],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(path.name for path in ROOT.iterdir()) == before  # nothing written into the repository

    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in home
    assert 'id="最初のビルド"' in home  # Japanese headings keep their own anchors (pymdownx.slugs)
    # a Japanese paragraph wrapped in the source reads without a space where its line broke
    added = (site / "add-agreement" / "index.html").read_text(encoding="utf-8")
    assert "追加されます。既知の名前" in added
    source = (ROOT / "docs" / "add-agreement.md").read_text(encoding="utf-8")
    assert source.count("追加されます。\n  既知の名前") == 1
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and "The first build" in english

    for page in nav_pages():  # every page of the navigation, in both languages, from its own file
        assert (ROOT / "docs" / page).is_file(), page
        twin = ROOT / "docs" / page.replace(".md", ".en.md")
        assert twin.is_file(), f"{page} has no English twin {twin.name}"
        built = page.removesuffix(".md").removesuffix("index")
        for folder in (site, site / "en"):
            assert (folder / built / "index.html").is_file(), (folder, page)

    # the search index knows Japanese (Material splits it in the browser only with language ja)
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert re.search(r'"lang":\s*\[\s*"ja"', index)


def test_every_page_of_docs_is_in_the_navigation() -> None:
    named = set(nav_pages())
    pages = {
        path.relative_to(ROOT / "docs").as_posix()
        for path in (ROOT / "docs").rglob("*.md")
        if not path.name.endswith(".en.md")
    }
    assert pages - named == set()


def test_the_readme_is_short_and_its_links_lead_somewhere() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) < 200  # the rest is in the guide
    links = re.findall(r"\]\(([^)#]+?\.(?:md|png))(?:#[^)]*)?\)", text)
    assert len(links) > 30
    assert [link for link in links if not (ROOT / link).is_file()] == []
