"""From saving a YAML file to the updated preview in the browser, with ``docgen serve``.

    python benchmarks/serve_latency.py [--saves N]

Starts ``docgen serve`` on a copy of the repository's agreements, opens the Mine agreement's page in
Chromium (Playwright, Debian's chromium), waits until its page images are drawn, then N times saves
mine.yaml with another signing date (a change that alters every page's content hash) and measures the
time until the page shows page images of the new document, all drawn; then N more dates through the
server's part alone (in process: the .docx rendered, converted by the warm LibreOffice, drawn by pdftoppm),
to tell it from the browser's. Prints the median and the 95th percentile of each, and the machine with its
load average. The page polls four times a second, so up to 0.25 s of each figure is the wait for the next
poll.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DRAWN = (
    "(key) => { const p = document.querySelector('#preview .pages');"
    " if (!p || p.dataset.key === key || p.dataset.key === '') return false;"
    " const imgs = Array.from(p.querySelectorAll('img'));"
    " return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0); }"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "agreements", work / "agreements")
        server = subprocess.Popen(
            [sys.executable, "-m", "docgen", "serve", "--port", "0", "--no-browser"],
            cwd=work,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert server.stdout is not None
            url = re.search(r"http://\S+", server.stdout.readline())
            assert url is not None
            times = measure(url.group(0), work / "agreements/yamaguchi-kenou/mine.yaml", args.saves)
        finally:
            server.terminate()
            server.wait(timeout=30)
    report("save to drawn preview", times)
    report("server only (render, PDF, PNG)", server_side(args.saves))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
    )


def report(what: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(
        f"{what}: {len(times)} runs, median {statistics.median(times):.3f} s, p95 {p95:.3f} s, "
        f"min {times[0]:.3f} s, max {times[-1]:.3f} s"
    )


def server_side(saves: int) -> list[float]:
    from docgen.documents.batch import render
    from docgen.web.preview import Previews

    times = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "agreements", work / "agreements")
        mine = work / "agreements/yamaguchi-kenou/mine.yaml"
        original = mine.read_text(encoding="utf-8")
        previews = Previews(work / "serve")
        try:
            previews.render(render(mine))  # LibreOffice started
            day = dt.date(2018, 3, 30)
            for _ in range(saves):
                day += dt.timedelta(days=1)
                mine.write_text(original.replace("2017-03-30", day.isoformat()), encoding="utf-8")
                start = time.perf_counter()
                previews.render(render(mine))
                times.append(time.perf_counter() - start)
        finally:
            previews.close()
    return times


def measure(url: str, mine: Path, saves: int) -> list[float]:
    original = mine.read_text(encoding="utf-8")
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
        page = browser.new_context(bypass_csp=True).new_page()
        page.goto(url)
        page.goto(url.split("/-/")[0] + "/a/yamaguchi-kenou/mine")
        page.wait_for_function(DRAWN, arg="none", timeout=60_000)  # LibreOffice started, first pages drawn
        day = dt.date(2017, 3, 30)
        for number in range(saves):
            key = page.locator("#preview .pages").get_attribute("data-key")
            day += dt.timedelta(days=1)
            text = original.replace("2017-03-30", day.isoformat())
            start = time.perf_counter()
            mine.write_text(text, encoding="utf-8")
            page.wait_for_function(DRAWN, arg=key, timeout=60_000, polling=20)
            times.append(time.perf_counter() - start)
            print(f"save {number + 1}: {times[-1]:.3f} s", flush=True)
        browser.close()
    return times


if __name__ == "__main__":
    main()
