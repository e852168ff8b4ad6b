"""Measure docgen against its floors, side by side, in one run on one machine.

    python benchmarks/bench.py [--repeat N] [--agreements N] [--pdf-documents N] [--python EXE] [--json FILE]

docgen is measured as a user runs it: built as a wheel and installed into a fresh venv, both inside the
benchmark's scratch folder (removed at the end; pip's cache is off, its temporary files go there too), and
run as that venv's ``docgen`` script. Its baseline is a plain interpreter, ``python -I -c pass`` of a Python
outside any venv (``--python``; default: the interpreter this venv was made from), not the ``python`` of an
editable checkout's venv, whose ``.pth`` import hooks make its start-up about twice as long.

Every figure is a median; every ratio is taken pair by pair (A, B, A, B, …) so that a machine whose speed
drifts during the run still gives a fair ratio, and the lowest and highest pair are shown beside it:

- cold ``docgen build mine.yaml -o fresh/`` as a new process, right after the agreement was edited, with
  ``HOME``, ``XDG_CACHE_HOME`` and ``TMPDIR`` pointed at empty folders — against ``python -I -c pass``
  (target: at most 5x); the same with an edited template, which docgen compiles at the run rather than
  using what ``docgen.word.ahead`` compiled when docgen was made; and the floor, the wheel venv's
  ``python -I -c "import jinja2.sandbox, yaml"``: what any YAML-and-Jinja tool pays before doing anything;
- the start-up of the wheel venv's own ``python -c pass`` and of this checkout's venv, against the same
  baseline, to show what a venv adds;
- ``docgen --help`` against ``python -I -c pass`` (target: at most 2x);
- rendering one document (``CompiledTemplate.render``: Jinja, fitting the tables, checking the XML, writing
  the zip) against the re-zip floor of its own output (its parts decompressed and written into a new zip in
  memory; target: at most 1.5x), and ``docgen.render(path)`` (YAML, checks, render) against plain docxtpl
  (``DocxTemplate(path)``, ``render``, ``save`` per document, given the context docgen resolved);
- peak memory (RSS) of ``docgen build`` over N copies of the Mine agreement (target: under 100 MB for 5,000);
- reporting the mistakes of 1,000 and 4,000 bad files (it should grow linearly);
- PDF seconds per document with 1 and 2 LibreOffice processes (skipped without LibreOffice).

Speed is never asserted in tests: read the numbers here.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
MINE = AGREEMENTS / "yamaguchi-kenou" / "mine.yaml"
TEMPLATE = ROOT / "templates" / "renkei-kyoyaku.docx"


def per_call(function: Callable[[], object], *, repeat: int, batch: int) -> float:
    """Median seconds per call over ``repeat`` batches of ``batch`` calls."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(batch):
            function()
        rounds.append((time.perf_counter() - start) / batch)
    return statistics.median(rounds)


def paired_calls(a: Callable[[], object], b: Callable[[], object], *, repeat: int, batch: int):
    """Medians of a and b per call, and the median of the ratios a/b of each round (a and b in turn)."""
    times_a, times_b, ratios = [], [], []
    for _ in range(repeat):
        ta = per_call(a, repeat=1, batch=batch)
        tb = per_call(b, repeat=1, batch=batch)
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(ta / tb)
    return statistics.median(times_a), statistics.median(times_b), statistics.median(ratios)


def run_once(command: list[str], env: dict[str, str], before: Callable[[], None] | None = None) -> float:
    if before:
        before()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def paired_processes(
    a: list[str],
    b: list[str],
    *,
    repeat: int,
    env: dict[str, str],
    before_a: Callable[[], None] | None = None,
) -> tuple[float, float, Spread]:
    """Medians of whole processes a and b, run in turn, and the spread of the pairwise ratios."""
    run_once(a, env, before_a)  # warm the operating system's file cache and Python's bytecode files
    run_once(b, env)
    times_a, times_b, ratios = [], [], []
    for _ in range(repeat):
        ta = run_once(a, env, before_a)
        tb = run_once(b, env)
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(ta / tb)
    return statistics.median(times_a), statistics.median(times_b), Spread(ratios)


class Spread:
    """The median of a run's ratios, and its lowest and highest: how much the machine moved."""

    def __init__(self, ratios: list[float]) -> None:
        self.median, self.low, self.high = statistics.median(ratios), min(ratios), max(ratios)

    def __str__(self) -> str:
        return f"{self.median:.2f}x ({self.low:.2f}–{self.high:.2f})"


def rezip(data: bytes, comment: bytes = b"") -> bytes:
    """The floor: the same parts, decompressed and written into a new zip in memory (with ``comment``, a
    zip whose bytes differ and whose parts do not)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.comment = comment
    return out.getvalue()


def peak_rss_mib(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Peak resident memory (MiB) and wall seconds of a process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(
            f"{' '.join(command)} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return usage.ru_maxrss / 1024, elapsed


def region_copy(folder: Path, count: int, *, bad: bool = False) -> Path:
    """``count`` copies of the Mine agreement (misspelt: ``bad``) with the region and municipality files."""
    region = folder / "agreements" / "yamaguchi-kenou"
    region.mkdir(parents=True)
    shutil.copy(AGREEMENTS / "municipalities.yaml", folder / "agreements")
    shutil.copy(AGREEMENTS / "yamaguchi-kenou" / "region.yaml", region)
    text = MINE.read_text(encoding="utf-8")
    if bad:
        text = text.replace("美祢市", "美弥市")
    for index in range(count):
        (region / f"a{index}.yaml").write_text(text, encoding="utf-8")
    return folder / "agreements"


def cpu_name() -> str:
    """The processor's model name as lscpu gives it (from /proc/cpuinfo), else what platform knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> str:
    return f"{cpu_name()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def load() -> str:
    """The load average (1, 5, 15 minutes): a shared machine's other work shows in the figures."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def plain_python() -> str:
    """The interpreter a venv was made from: a Python outside any venv, with nothing but its own start-up."""
    return os.path.realpath(getattr(sys, "_base_executable", None) or sys.executable)


def source_files() -> list[str]:
    """The files git knows (tracked and new, not ignored), as a clean checkout holds them: a stale build/ or
    egg-info of an earlier build must not leak into the wheel."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def install_wheel(work: Path, python: str, env: dict[str, str]) -> Path:
    """Build docgen's wheel from a copy of the checkout and install it into a fresh venv of ``python``, all in
    ``work``; the venv's bin folder."""
    source, dist, venv = work / "src", work / "dist", work / "venv"
    for name in source_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    quiet = {"stdout": subprocess.DEVNULL, "check": True, "env": env}
    pip = ["-m", "pip", "-q", "--disable-pip-version-check", "--no-cache-dir"]
    subprocess.run(
        [sys.executable, *pip[:2], "wheel", *pip[2:], "--no-deps", "-w", str(dist), str(source)], **quiet
    )
    subprocess.run([python, "-m", "venv", str(venv)], **quiet)
    wheel = next(dist.glob("docgen-*.whl"))
    subprocess.run([str(venv / "bin" / "python"), *pip[:2], "install", *pip[2:], str(wheel)], **quiet)
    return venv / "bin"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="pairs of runs for each process figure")
    parser.add_argument("--agreements", type=int, default=5000, help="agreements for the memory figure")
    parser.add_argument("--pdf-documents", type=int, default=22, help="documents for the PDF figure")
    parser.add_argument(
        "--python", default=plain_python(), help="the plain interpreter: baseline, and the wheel venv's base"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    rows: list[tuple[str, str, str, str]] = []  # what, ms (or other unit), against, ratio
    figures: dict[str, float | str] = {"load at start": load()}

    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as scratch:
        work = Path(scratch)
        empty = {name: work / name for name in ("home", "cache", "tmp", "pip")}
        for folder in empty.values():
            folder.mkdir()
        env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
        env.pop("VIRTUAL_ENV", None)
        env.update(HOME=str(empty["home"]), XDG_CACHE_HOME=str(empty["cache"]), TMPDIR=str(empty["tmp"]))
        # pip and the wheel build keep their caches and temporary files in the scratch folder too
        bin_folder = install_wheel(
            work, args.python, {**os.environ, "TMPDIR": str(empty["pip"]), "PIP_NO_CACHE_DIR": "1"}
        )
        docgen = [str(bin_folder / "docgen")]
        venv_python = str(bin_folder / "python")

        # --- processes -----------------------------------------------------------------------------------
        agreements = region_copy(work / "one", 1)
        agreement = agreements / "yamaguchi-kenou" / "a0.yaml"
        edits = iter(range(10**6))

        def edit() -> None:  # a new comment each run: the agreement was just saved
            text = agreement.read_text(encoding="utf-8").split("\n# edit")[0]
            agreement.write_text(f"{text}\n# edit {next(edits)}\n", encoding="utf-8")

        bare = [args.python, "-I", "-c", "pass"]
        plain = "`python -I -c pass`"
        build = [*docgen, "build", str(agreement), "-o", str(work / "fresh"), "--template", str(TEMPLATE)]
        cold, base, ratio = paired_processes(build, bare, repeat=args.repeat, env=env, before_a=edit)
        rows.append(("cold `docgen build mine.yaml` after an edit", f"{cold * 1000:.0f}", plain, str(ratio)))
        figures.update(
            {
                "python -I -c pass ms": base * 1000,
                "cold build ms": cold * 1000,
                "cold build ratio": ratio.median,
                "cold build ratio range": f"{ratio.low:.2f}-{ratio.high:.2f}",
            }
        )
        # the same, with a template docgen did not compile ahead (docgen.word.ahead): its bytes differ, as a
        # template a user saved in Word does, so it is cleaned and compiled at the run
        edited_template = work / "edited.docx"
        edited_template.write_bytes(rezip(TEMPLATE.read_bytes(), comment=b"edited"))
        build_edited = [*build[:-1], str(edited_template)]
        cold_edited, _, edited_ratio = paired_processes(
            build_edited, bare, repeat=args.repeat, env=env, before_a=edit
        )
        rows.append(
            (
                "the same with an edited template (compiled at the run)",
                f"{cold_edited * 1000:.0f}",
                plain,
                str(edited_ratio),
            )
        )
        figures.update(
            {"cold build, edited template ms": cold_edited * 1000, "edited ratio": edited_ratio.median}
        )
        floor_command = [venv_python, "-I", "-c", "import jinja2.sandbox, yaml"]
        floor, _, floor_ratio = paired_processes(floor_command, bare, repeat=args.repeat, env=env)
        rows.append(
            (
                'floor: `python -I -c "import jinja2.sandbox, yaml"`',
                f"{floor * 1000:.0f}",
                plain,
                str(floor_ratio),
            )
        )
        figures.update({"floor ms": floor * 1000, "floor ratio": floor_ratio.median})
        helped, _, help_ratio = paired_processes([*docgen, "--help"], bare, repeat=args.repeat, env=env)
        rows.append(("`docgen --help`", f"{helped * 1000:.0f}", plain, str(help_ratio)))
        figures.update({"help ms": helped * 1000, "help ratio": help_ratio.median})
        # what a venv adds to start-up: the wheel's venv (what docgen's script pays), and an editable
        # checkout's venv (the baseline these figures used to be taken against)
        for label, interpreter in (
            ("the wheel venv's", venv_python),
            ("this checkout's venv", sys.executable),
        ):
            started, _, start_ratio = paired_processes(
                [interpreter, "-c", "pass"], bare, repeat=args.repeat, env=env
            )
            rows.append((f"{label} `python -c pass`", f"{started * 1000:.0f}", plain, str(start_ratio)))
            figures[f"{label} python -c pass ms"] = started * 1000
        rows.append(("`python -I -c pass` (plain interpreter)", f"{base * 1000:.0f}", "", ""))
        for folder in empty.values():
            if any(folder.iterdir()):
                raise SystemExit(f"docgen wrote into {folder}: {sorted(p.name for p in folder.iterdir())}")

        # --- in process ----------------------------------------------------------------------------------
        from docxtpl import DocxTemplate

        import docgen as library
        from docgen.documents.batch import resolve
        from docgen.documents.templates import load_template

        resolved = resolve(MINE)
        compiled = load_template(TEMPLATE)

        def render() -> bytes:
            return compiled.render(resolved.context, title=resolved.title, date=resolved.date)

        produced = render()
        ours, floor_zip, render_ratio = paired_calls(
            render, lambda: rezip(produced), repeat=args.repeat, batch=50
        )
        rows.append(
            (
                "render one document (`CompiledTemplate.render`)",
                f"{ours * 1000:.2f}",
                "the re-zip floor of its output",
                f"{render_ratio:.2f}x",
            )
        )
        figures.update(
            {"render ms": ours * 1000, "re-zip floor ms": floor_zip * 1000, "render ratio": render_ratio}
        )

        # the template's own filters, in a plain (unsandboxed, unbounded) Jinja environment, as a docxtpl
        # user would give them
        import jinja2

        from docgen.base.sandbox import make_environment

        ours = make_environment(xml=True).filters
        plain_env = jinja2.Environment(autoescape=True)
        plain_env.filters.update(join_ja=ours["join_ja"], join_lines=ours["join_lines"])

        def plain_docxtpl() -> bytes:
            document = DocxTemplate(str(TEMPLATE))
            document.render(resolved.context, jinja_env=plain_env)
            out = io.BytesIO()
            document.save(out)
            return out.getvalue()

        def whole() -> bytes:
            return library.render(MINE, template=compiled)

        mine, plain, plain_ratio = paired_calls(whole, plain_docxtpl, repeat=args.repeat, batch=10)
        rows.append(
            (
                "`docgen.render(path)` (YAML, checks, render)",
                f"{mine * 1000:.2f}",
                "plain docxtpl per document",
                f"{plain / mine:.1f}x faster",
            )
        )
        figures.update({"docgen.render ms": mine * 1000, "plain docxtpl ms": plain * 1000})

        # --- memory and many files -----------------------------------------------------------------------
        many = region_copy(work / "many", args.agreements)
        rss, seconds = peak_rss_mib(
            [*docgen, "build", "-o", "output", "--template", str(TEMPLATE)], env, many.parent
        )
        rows.append(
            (
                f"peak RSS, `docgen build` of {args.agreements} agreements",
                f"{rss:.0f} MiB",
                f"{seconds:.1f} s",
                "",
            )
        )
        figures.update({"peak RSS MiB": rss, "many seconds": seconds})
        collected = {}
        for count in (1000, 4000):
            bad = region_copy(work / f"bad{count}", count, bad=True)
            start = time.perf_counter()
            result = subprocess.run([*docgen, "check"], cwd=bad.parent, env=env, capture_output=True)
            collected[count] = time.perf_counter() - start
            assert result.returncode == 1 and result.stderr.count(b"\n") == count
        rows.append(
            (
                "report the mistakes of 1,000 / 4,000 bad files",
                f"{collected[1000]:.1f} s / {collected[4000]:.1f} s",
                "",
                f"{collected[4000] / collected[1000]:.1f}x for 4x the files",
            )
        )
        figures.update({"bad 1000 s": collected[1000], "bad 4000 s": collected[4000]})

        # --- PDF ----------------------------------------------------------------------------------------
        try:
            from docgen.office.pdf import check_libreoffice, convert_to_pdf

            office = check_libreoffice()
        except Exception as error:  # no LibreOffice here: say so
            rows.append(("PDF", "skipped", str(error)[:60], ""))
        else:
            documents = work / "pdf"
            documents.mkdir()
            for index in range(args.pdf_documents):
                (documents / f"d{index}.docx").write_bytes(produced)
            for jobs in (1, 2):
                target = work / f"pdf-{jobs}"
                target.mkdir()
                start = time.perf_counter()
                convert_to_pdf(
                    sorted(documents.glob("*.docx")),
                    target,
                    jobs=jobs,
                    office=office,
                    work_dir=work / f"w{jobs}",
                )
                per_document = (time.perf_counter() - start) / args.pdf_documents
                figures[f"pdf s/doc jobs={jobs}"] = per_document
            one, two = figures["pdf s/doc jobs=1"], figures["pdf s/doc jobs=2"]
            rows.append(
                (f"PDF, {args.pdf_documents} documents, 1 LibreOffice process", f"{one:.2f} s/doc", "", "")
            )
            rows.append(
                (
                    f"PDF, {args.pdf_documents} documents, 2 processes",
                    f"{two:.2f} s/doc",
                    "1 process",
                    f"{one / two:.2f}x faster",
                )
            )

    figures["load at end"] = load()
    print(f"machine: {machine()}")
    version = subprocess.run(
        [args.python, "-I", "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    figures["plain interpreter"] = f"{args.python} (Python {version})"
    print(f"plain interpreter, and the wheel venv's base: {figures['plain interpreter']}")
    print(f"load average at start: {figures['load at start']}, at end: {figures['load at end']}")
    print()
    print("| what | time | against | ratio |")
    print("|---|---:|---|---|")
    for what, value, against, ratio_text in rows:
        print(f"| {what} | {value} | {against} | {ratio_text} |")
    if args.json:
        args.json.write_text(
            json.dumps({"machine": machine(), **figures}, indent=2, ensure_ascii=False) + "\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
