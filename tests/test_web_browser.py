"""`docgen serve` in a real browser (Playwright driving Debian's Chromium): what a person sees.

One server process for the module, on a copy of the repository's agreements; one browser page signed in
with the printed address. With DOCGEN_SCREENSHOTS=<folder> the screenshots of the guide (docs/web.md) are
written there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import docgen

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WAIT_MS = 30_000  # the first preview starts LibreOffice

if CHROMIUM is None and os.environ.get("CI") != "true":
    pytest.skip("Chromium is not installed (CI installs it and runs these tests)", allow_module_level=True)
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402  (the test extra has it)


class Server:
    def __init__(self, folder: Path, process: subprocess.Popen[str], url: str) -> None:
        self.folder, self.process, self.url = folder, process, url
        self.base = url.split("/-/")[0]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("workspace")
    shutil.copytree(ROOT / "agreements", folder / "agreements")
    # a repository, so that the amendment view can take the signed version from a revision
    for command in (["init", "-q"], ["add", "agreements"], ["commit", "-qm", "signed"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *command], cwd=folder, check=True
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen", "serve", "--port", "0", "--no-browser"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+/-/auth\?token=[0-9a-f]{64}", line)
    if found is None:
        process.kill()
        pytest.fail(f"docgen serve did not print its address: {line}{process.communicate()[1]}")
    yield Server(folder, process, found.group(0))
    process.terminate()
    try:
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()


@pytest.fixture(scope="module")
def browser_page(server: Server) -> Iterator[tuple[Page, list[str]]]:
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        # bypass_csp: Playwright evaluates its waiting conditions as strings, which the CSP forbids
        context = browser.new_context(
            locale="ja-JP", viewport={"width": 1200, "height": 900}, bypass_csp=True
        )
        page = context.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url)  # signs in: the token becomes the cookie, then the list
        yield page, errors
        context.close()
        browser.close()


def shoot(page: Page, name: str) -> None:
    folder = os.environ.get("DOCGEN_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / name), full_page=False)


def drawn_pages(page: Page) -> int:
    """How many page images are drawn (loaded, with a size)."""
    return int(
        page.evaluate(
            "Array.from(document.querySelectorAll('#preview img'))"
            ".filter(i => i.complete && i.naturalWidth > 400).length"
        )
    )


def test_the_list_shows_every_agreement_with_parties_date_and_status(browser_page, server: Server) -> None:
    page, errors = browser_page
    page.goto(server.base + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("協約の一覧")
    rows = page.locator("tr[data-agreement]")
    expect(rows).to_have_count(11)
    mine = page.locator("tr[data-agreement=mine]")
    expect(mine).to_contain_text("山口市・美祢市")
    expect(mine).to_contain_text("平成29年3月30日")
    expect(mine).to_contain_text("問題なし")
    shoot(page, "web-list.png")
    assert errors == []


def test_an_agreement_shows_its_pages_and_a_mistake_saved_on_disk_appears(
    browser_page, server: Server
) -> None:
    page, errors = browser_page
    page.goto(server.base + "/a/yamaguchi-kenou/mine")
    expect(page.locator("#preview img")).to_have_count(4, timeout=WAIT_MS)
    page.wait_for_function("document.querySelectorAll('#preview img').length === 4", timeout=WAIT_MS)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('#preview img'))"
        ".every(i => i.complete && i.naturalWidth > 400)",
        timeout=WAIT_MS,
    )
    assert drawn_pages(page) == 4
    page.locator("#preview figure").nth(1).scroll_into_view_if_needed()  # the first page is the cover
    shoot(page, "web-agreement.png")
    page.evaluate("window.scrollTo(0, 0)")
    mine = server.folder / "agreements/yamaguchi-kenou/mine.yaml"
    text = mine.read_text(encoding="utf-8")
    key = page.locator("#preview .pages").get_attribute("data-key")
    mine.write_text(text.replace("  - 美祢市", "  - 美弥市"), encoding="utf-8")  # a typo, saved by an editor
    line = text.split("\n").index("  - 美祢市") + 1
    problem = page.locator(".problems code").first
    expect(problem).to_contain_text(f"agreements/yamaguchi-kenou/mine.yaml:{line}:5:", timeout=5_000)
    expect(problem).to_contain_text("美弥市")
    shoot(page, "web-problem.png")
    mine.write_text(text.replace("2017-03-30", "2017-03-31"), encoding="utf-8")  # fixed, and a new date
    expect(page.locator(".problems")).to_have_count(0, timeout=5_000)
    page.wait_for_function(
        f"(() => {{ const p = document.querySelector('#preview .pages');"
        f" return p && p.dataset.key !== '{key}' && p.dataset.count === '4'; }})()",
        timeout=WAIT_MS,
    )
    expect(page.locator(".summary")).to_contain_text("平成29年3月31日")
    mine.write_text(text, encoding="utf-8")
    assert errors == []


def test_a_new_agreement_made_through_the_form_is_built(browser_page, server: Server) -> None:
    page, errors = browser_page
    page.goto(server.base + "/new")
    page.get_by_label("ファイル名").fill("shunan")
    page.get_by_label("締結日").fill("2017-04-01")  # the heads are known in office then
    page.get_by_label("団体 1").fill("山口市")
    page.get_by_label("団体 2").fill("萩市")
    shoot(page, "web-new.png")
    page.get_by_role("button", name="作成").click()
    expect(page).to_have_url(re.compile(r"/a/yamaguchi-kenou/shunan$"))
    written = server.folder / "agreements/yamaguchi-kenou/shunan.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/agreement.schema.json\n")
    assert "region: yamaguchi-kenou\ndate: 2017-04-01\nparties:\n  - 山口市\n  - 萩市\n" in text
    assert "# Written by `docgen new`" in text
    page.get_by_role("button", name="作成して書き出す").click()
    expect(page.locator(".done")).to_contain_text("output/yamaguchi-kenou/shunan.docx")
    built = server.folder / "output/yamaguchi-kenou/shunan.docx"
    cwd = os.getcwd()
    os.chdir(server.folder)
    try:
        assert built.read_bytes() == docgen.render("agreements/yamaguchi-kenou/shunan.yaml")
    finally:
        os.chdir(cwd)
    assert errors == []


def test_downloads_are_what_docgen_build_writes(browser_page, server: Server, tmp_path: Path) -> None:
    page, errors = browser_page
    page.goto(server.base + "/a/yamaguchi-kenou/hagi")
    with page.expect_download() as docx:
        page.get_by_role("link", name=re.compile(r"Word")).click()
    with page.expect_download() as bundle:
        page.get_by_role("link", name=re.compile(r"Zip")).click()
    with page.expect_download(timeout=WAIT_MS) as pdf:
        page.get_by_role("link", name="PDF").click()
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "docgen",
            "build",
            "agreements/yamaguchi-kenou/hagi.yaml",
            "-o",
            str(tmp_path),
        ],
        cwd=server.folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    expected = (tmp_path / "yamaguchi-kenou/hagi.docx").read_bytes()
    assert Path(docx.value.path()).read_bytes() == expected
    with zipfile.ZipFile(bundle.value.path()) as archive:
        names = sorted(archive.namelist())
        assert archive.read("yamaguchi-kenou/hagi.docx") == expected
    assert names == sorted(
        ["yamaguchi-kenou/hagi.docx"]
        + [
            f"yamaguchi-kenou/hagi/{town}-{form}.docx"
            for town in ("山口市", "萩市")
            for form in ("bill", "notice", "notification")
        ]
    )
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF-")
    page.goto(server.base + "/r/yamaguchi-kenou")
    expect(page.locator("table.roles")).to_contain_text("甲の役割")
    shoot(page, "web-region.png")
    assert errors == []


def test_the_pages_work_with_the_keyboard_and_at_200_percent_zoom(browser_page, server: Server) -> None:
    page, errors = browser_page
    page.goto(server.base + "/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="本文へ移動")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#content")).to_be_focused()
    page.set_viewport_size({"width": 600, "height": 450})  # a 1200-pixel window at 200%
    try:
        for path in ("/", "/a/yamaguchi-kenou/mine", "/new", "/municipalities"):
            page.goto(server.base + path)
            # nothing wider than the window: no sideways scrolling to read a line
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
        shoot(page, "web-zoom.png")
    finally:
        page.set_viewport_size({"width": 1200, "height": 900})
    assert errors == []


def test_the_amendment_view_shows_the_comparison_of_a_change(browser_page, server: Server) -> None:
    page, errors = browser_page
    region = server.folder / "agreements/yamaguchi-kenou/region.yaml"
    text = region.read_text(encoding="utf-8")
    region.write_text(text.replace("戦略産業の育成", "戦略産業の育成及び支援", 1), encoding="utf-8")
    try:
        page.goto(server.base + "/amend")
        page.get_by_label("git のリビジョン").fill("HEAD")
        page.get_by_label("変更協約の締結日（空欄なら案）").fill("2017-05-01")
        page.get_by_role("button", name="表示").click()
        table = page.locator("table.comparison").first
        expect(table).to_contain_text("変更後")
        expect(table.locator("u").first).to_have_text("戦略産業の育成及び支援")
        expect(page.locator(".kaibun").first).to_contain_text("別表を次のように改める。")
        table.scroll_into_view_if_needed()
        shoot(page, "web-amend.png")
    finally:
        region.write_text(text, encoding="utf-8")
    assert errors == []
