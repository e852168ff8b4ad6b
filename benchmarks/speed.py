"""docgen's speed targets (issue #25), each against its floor, measured side by side in one run.

    python benchmarks/speed.py [--python EXE] [--rounds N] [--docgen-venv DIR] [--skip-pdf] [--json FILE]

docgen is timed as a user installs it, as ``bench.py`` does it: built into a wheel and installed into a new
venv of a plain interpreter (``--python``; no editable install, whose finder adds imports to every start),
unless ``--docgen-venv`` names a venv already made that way. The baseline is that plain interpreter's
``python -I -c pass``, outside any venv; the venv's own start is shown beside it.

Every figure is a median over interleaved rounds (A, B, A, B, …, so that a machine whose
load drifts during the run still gives fair ratios), with its spread (min–max of the round-by-round
ratios). Each process is timed twice: wall-clock, and CPU seconds (user + system) from the operating
system's accounting of the finished child (``resource.getrusage(RUSAGE_CHILDREN)``). On a machine shared
with other work the CPU figure is the steadier one, and the targets are judged on it; the PDF target is
about using two cores at once, so it is judged on wall-clock time.

The targets and their floors:

1. ``docgen --help`` and each command's ``--help``: at most 2x the plain ``python -I -c pass``.
2. a cold ``docgen build`` of one agreement just edited: at most 1.15x the import floor, ``python -I -c
   "import jinja2.sandbox, yaml"``: what any YAML-and-Jinja tool pays before it does anything; in English
   and in Japanese. docgen's console script pauses Python's garbage collector while it imports
   (``docgen.commands.collector``), which a plain interpreter does not do; a row shows the build against a
   floor that pauses it too, so that what docgen itself adds is seen apart.
3. a batch, per document (``build`` of many agreements less ``build`` of one, divided): at most 1.5x the
   re-zip-and-write floor per document (a process that reads each .docx docgen wrote, decompresses its
   parts into a new zip and writes it to a file, timed the same way).
4. memory: the peak RSS of ``docgen build`` of 5,000 agreements within 8 MiB of 500.
5. PDF of the region with its forms (``--procedure --pdf``): ``--jobs 2`` at least 1.5x faster than
   ``--jobs 1`` on two cores (skipped without LibreOffice, or with ``--skip-pdf``). (The run of
   2026-12-06 on 6ef5e69 also timed the builds with a LibreOffice kept warm, ``docgen.office.warm``: no
   faster, 8-13% more CPU, so a build converts with one ``soffice --convert-to`` a job.)

Nothing here is asserted in the tests: speed is read here. Only the standard library and docgen's own
dependencies are used.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import (  # the wheel install and the plain interpreter of bench.py
    cpu_name,
    install_wheel,
    plain_python,
)

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
MINE = AGREEMENTS / "yamaguchi-kenou" / "mine.yaml"
COMMANDS = ("build", "check", "amend", "new", "abolish", "import", "schema", "serve")
REZIP = """
import io, sys, zipfile
from pathlib import Path
out = Path(sys.argv[1])
for index, name in enumerate(sys.argv[2:]):
    target = io.BytesIO()
    with zipfile.ZipFile(name) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            copy.writestr(info, source.read(info))
    (out / f"{index}.docx").write_bytes(target.getvalue())
"""


def timed(
    command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall and CPU seconds of ``command`` as a new process (its children's CPU included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class Pair:
    """Rounds of (A, B), each a (wall, cpu) pair of seconds, and their ratios A/B."""

    def __init__(self) -> None:
        self.a: list[tuple[float, float]] = []
        self.b: list[tuple[float, float]] = []

    def ratios(self, kind: int) -> list[float]:
        return [a[kind] / b[kind] for a, b in zip(self.a, self.b, strict=True)]

    def median(self, side: str, kind: int) -> float:
        return statistics.median(item[kind] for item in getattr(self, side))


def interleaved(
    a: Callable[[], tuple[float, float]], b: Callable[[], tuple[float, float]], rounds: int
) -> Pair:
    a(), b()  # warm the file cache and the .pyc files
    pair = Pair()
    for _ in range(rounds):
        pair.a.append(a())
        pair.b.append(b())
    return pair


def machine() -> dict[str, object]:
    cpu = cpu_name()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable cores": usable,
        "python": platform.python_version(),
        "system": platform.system(),
        "load average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def region_copy(folder: Path, count: int) -> Path:
    """``count`` copies of the Mine agreement with the region's and municipalities' files."""
    region = folder / "agreements" / "yamaguchi-kenou"
    region.mkdir(parents=True)
    shutil.copy(AGREEMENTS / "municipalities.yaml", folder / "agreements")
    shutil.copy(AGREEMENTS / "yamaguchi-kenou" / "region.yaml", region)
    text = MINE.read_text(encoding="utf-8")
    for index in range(count):
        (region / f"a{index}.yaml").write_text(text, encoding="utf-8")
    return folder / "agreements"


def peak_rss_mib(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return usage.ru_maxrss / 1024


class Report:
    def __init__(self) -> None:
        self.rows: list[str] = []
        self.figures: dict[str, object] = {}

    def pair(self, what: str, pair: Pair, against: str, target: float | None, *, judge: int = 1) -> None:
        """A row: A's medians (wall, CPU), B's, the median ratio and its spread for both, met or not;
        ``judge``: the ratio the target is about (0 wall, 1 CPU)."""
        cells = []
        for kind in (0, 1):
            ratios = pair.ratios(kind)
            cells.append(
                f"{pair.median('a', kind) * 1000:.1f} / {pair.median('b', kind) * 1000:.1f} ms, "
                f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}–{max(ratios):.2f})"
            )
        ratio = statistics.median(pair.ratios(judge))
        kind = ("wall", "CPU")[judge]
        verdict = (
            "" if target is None else ("met" if ratio <= target else "NOT met") + f" ({kind} ≤ {target:.3g}x)"
        )
        self.rows.append(f"| {what} | {against} | {cells[0]} | {cells[1]} | {verdict} |")
        self.figures[what] = {
            "against": against,
            "wall ratio": statistics.median(pair.ratios(0)),
            "cpu ratio": statistics.median(pair.ratios(1)),
            "cpu ratios min max": [min(pair.ratios(1)), max(pair.ratios(1))],
            "wall ratios min max": [min(pair.ratios(0)), max(pair.ratios(0))],
            "target": target,
        }

    def line(self, what: str, against: str, wall: str, cpu: str, verdict: str) -> None:
        self.rows.append(f"| {what} | {against} | {wall} | {cpu} | {verdict} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21, help="interleaved rounds per process figure")
    parser.add_argument("--docgen-venv", type=Path, help="a venv with docgen installed from its wheel")
    parser.add_argument(
        "--python", default=plain_python(), help="the plain interpreter: baseline, and the wheel venv's base"
    )
    parser.add_argument("--batch", type=int, default=300, help="agreements in the batch figure")
    parser.add_argument("--memory", type=int, nargs=2, default=(500, 5000), help="the two memory batches")
    parser.add_argument("--pdf-rounds", type=int, default=3)
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    report = Report()
    started = machine()
    rounds = options.rounds

    with tempfile.TemporaryDirectory(prefix="docgen-speed-") as scratch:
        work = Path(scratch)
        empty = {name: work / name for name in ("home", "cache", "tmp", "pip")}
        for folder in empty.values():
            folder.mkdir()
        if options.docgen_venv:
            scripts = options.docgen_venv / "bin"
        else:  # pip and the wheel build keep their caches and temporary files in the scratch folder
            pip_env = {**os.environ, "TMPDIR": str(empty["pip"]), "PIP_NO_CACHE_DIR": "1"}
            scripts = install_wheel(work, options.python, pip_env)
        python = str(scripts / "python")
        docgen = str(scripts / "docgen")
        plain = options.python
        env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
        env.update(HOME=str(empty["home"]), XDG_CACHE_HOME=str(empty["cache"]), TMPDIR=str(empty["tmp"]))
        for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):  # the language: LANG's alone
            env.pop(variable, None)
        env["LANG"] = "C.UTF-8"
        japanese = {**env, "LANG": "ja_JP.UTF-8"}

        def run(
            *command: str, cwd: Path | None = None, environ: dict[str, str] | None = None
        ) -> Callable[[], tuple[float, float]]:
            return lambda: timed(list(command), cwd=cwd, env=environ or env)

        bare = run(plain, "-I", "-c", "pass")
        report.figures["plain python"] = plain

        # 1. help screens --------------------------------------------------------------------------------
        report.pair(
            "`python -I -c pass` in the wheel's venv",
            interleaved(run(python, "-I", "-c", "pass"), bare, rounds),
            "plain `python -I -c pass`",
            None,
        )
        report.pair(
            "`docgen --help`",
            interleaved(run(docgen, "--help"), bare, rounds),
            "plain `python -I -c pass`",
            2,
        )
        report.pair(
            "`docgen --help` in Japanese (LANG=ja_JP.UTF-8)",
            interleaved(run(docgen, "--help", environ=japanese), bare, rounds),
            "plain `python -I -c pass`",
            2,
        )
        # what any argparse program started by the script pip writes pays (the script imports re; argparse
        # imports re, gettext and locale): how much of the ratio is docgen's own
        argparse_floor = "import re, argparse; argparse.ArgumentParser(prog='x').parse_args(['--help'])"
        report.pair(
            "an empty argparse program's `--help`",
            interleaved(run(python, "-I", "-c", argparse_floor), bare, rounds),
            "plain `python -I -c pass`",
            None,
        )
        for command in COMMANDS:
            report.pair(
                f"`docgen {command} --help`",
                interleaved(run(docgen, command, "--help"), bare, max(5, rounds // 3)),
                "plain `python -I -c pass`",
                2,
            )

        # 2. a cold build of one edited agreement ---------------------------------------------------------
        one = region_copy(work / "one", 1)
        agreement = one / "yamaguchi-kenou" / "a0.yaml"
        edits = iter(range(10**6))

        def edited_build(environ: dict[str, str]) -> Callable[[], tuple[float, float]]:
            def build() -> tuple[float, float]:
                text = agreement.read_text(encoding="utf-8").split("\n# edit")[0]
                agreement.write_text(f"{text}\n# edit {next(edits)}\n", encoding="utf-8")
                return timed([docgen, "build", str(agreement), "-o", str(work / "fresh")], env=environ)

            return build

        floor = run(python, "-I", "-c", "import jinja2.sandbox, yaml")
        report.pair(
            "cold `docgen build a0.yaml` after an edit",
            interleaved(edited_build(env), floor, rounds),
            '`python -I -c "import jinja2.sandbox, yaml"`',
            1.15,
        )
        # docgen's users read Japanese: the same build with its messages from the Japanese catalog
        report.pair(
            "cold `docgen build a0.yaml` after an edit, in Japanese (LANG=ja_JP.UTF-8)",
            interleaved(edited_build(japanese), floor, rounds),
            '`python -I -c "import jinja2.sandbox, yaml"`',
            1.15,
        )
        # docgen's console script pauses the garbage collector while it imports (docgen.commands.collector),
        # which the floor's plain interpreter does not: what docgen adds against a floor that pauses it too
        paused_floor = run(python, "-I", "-c", "import gc; gc.disable(); import jinja2.sandbox, yaml")
        report.pair(
            "cold `docgen build a0.yaml` after an edit (the same)",
            interleaved(edited_build(env), paused_floor, rounds),
            '`python -I -c "import gc; gc.disable(); import jinja2.sandbox, yaml"`',
            None,
        )
        report.pair(
            '`python -I -c "import jinja2.sandbox, yaml"`',
            interleaved(floor, bare, rounds),
            "plain `python -I -c pass`",
            None,
        )

        # 3. a batch, per document ------------------------------------------------------------------------
        many = region_copy(work / "batch", options.batch)
        written = work / "batch" / "output"
        subprocess.run(
            [docgen, "build", "-o", str(written)],
            cwd=many.parent,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        documents = sorted(str(p) for p in written.rglob("*.docx"))
        rezipped = work / "rezipped"
        rezipped.mkdir()

        def batch_build(count: int) -> Callable[[], tuple[float, float]]:
            paths = [str(many / "yamaguchi-kenou" / f"a{i}.yaml") for i in range(count)]
            return lambda: timed([docgen, "build", *paths, "-o", str(work / "b-out")], env=env)

        def rezip(count: int) -> Callable[[], tuple[float, float]]:
            return lambda: timed([python, "-I", "-c", REZIP, str(rezipped), *documents[:count]], env=env)

        # the four in turn, round by round: a batch and one agreement, the re-zip of as many and of one
        steps = (batch_build(options.batch), batch_build(1), rezip(options.batch), rezip(1))
        for step in steps:
            step()
        per_doc = Pair()
        for _ in range(max(3, rounds // 3)):
            build_n, build_1, zip_n, zip_1 = (step() for step in steps)
            per_doc.a.append(
                tuple((n - o) / (options.batch - 1) for n, o in zip(build_n, build_1, strict=True))
            )
            per_doc.b.append(tuple((n - o) / (options.batch - 1) for n, o in zip(zip_n, zip_1, strict=True)))
        report.pair(
            f"a batch of {options.batch}, per document (`build` of {options.batch} less `build` of 1)",
            per_doc,
            "re-zip and write each .docx, per document",
            1.5,
        )

        # 4. memory ---------------------------------------------------------------------------------------
        rss = {}
        for count in options.memory:
            folder = region_copy(work / f"memory-{count}", count)
            rss[count] = peak_rss_mib([docgen, "build", "-o", "output"], folder.parent, env)
            shutil.rmtree(folder.parent)
        low, high = options.memory
        grown = rss[high] - rss[low]
        report.line(
            f"peak RSS of `docgen build`, {high} agreements against {low}",
            f"{low} agreements: {rss[low]:.1f} MiB",
            f"{high} agreements: {rss[high]:.1f} MiB",
            f"grown by {grown:.1f} MiB",
            ("met" if grown <= 8 else "NOT met") + " (≤ +8 MiB)",
        )
        report.figures["peak RSS MiB"] = rss

        # 5. PDF ------------------------------------------------------------------------------------------
        if options.skip_pdf or not (shutil.which("soffice") or os.environ.get("DOCGEN_SOFFICE")):
            report.line("PDF", "", "skipped", "", "not measured")
        else:

            def pdf_build(jobs: int) -> Callable[[], tuple[float, float]]:
                target = work / f"pdf-{jobs}"
                return lambda: timed(
                    [docgen, "build", "-o", str(target), "--procedure", "--pdf", "--jobs", str(jobs)],
                    cwd=ROOT,
                    env=env,
                )

            pdfs = interleaved(pdf_build(2), pdf_build(1), options.pdf_rounds)
            made = len(list((work / "pdf-2").rglob("*.pdf")))
            report.pair(
                f"PDF of the region with its forms ({made} documents), `--jobs 2` (1.5x faster: ≤ 0.667x)",
                pdfs,
                "`--jobs 1`",
                1 / 1.5,
                judge=0,
            )
            report.figures["PDF seconds a document, wall"] = {
                f"--jobs {jobs}": statistics.median(wall for wall, _ in rounds_) / made
                for jobs, rounds_ in ((2, pdfs.a), (1, pdfs.b))
            }
        for folder in empty.values():
            if any(folder.iterdir()):
                raise SystemExit(f"docgen wrote into {folder}: {sorted(p.name for p in folder.iterdir())}")

    ended = machine()
    print(
        f"machine: {started['cpu']}, {started['cores']} cores ({started['usable cores']} usable), Python "
        f"{started['python']}, {started['system']}; load average {started['load average']} at the start, "
        f"{ended['load average']} at the end"
    )
    print(f"medians of {rounds} interleaved rounds (fewer for batches, PDF); ratios: median (min–max)")
    print()
    print("| what | against (floor) | wall: ours / floor, ratio | CPU: ours / floor, ratio | target |")
    print("|---|---|---|---|---|")
    for row in report.rows:
        print(row)
    if options.json:
        options.json.write_text(
            json.dumps({"machine": started, **report.figures}, indent=2, ensure_ascii=False) + "\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
