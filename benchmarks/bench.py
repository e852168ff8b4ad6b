"""Measure docgen's rendering against plain docxtpl, the zip floor, and a cold command against bare Python.

    python benchmarks/bench.py [--agreement FILE] [--repeat N] [--json FILE]

All figures come from one run on one machine, with the same template and the same agreement data:

- plain docxtpl: ``DocxTemplate(path)``, ``render(context)``, ``save()`` per document, as a docxtpl user
  writes it, given the context docgen resolved from the YAML (so docxtpl does less work than docgen: no YAML
  at all);
- docgen.render: the whole ``docgen.render(path)`` (YAML, checks, render, zip) after the first call;
- the floor: rewriting the produced .docx's parts into a new zip in memory (``zipfile``, deflate);
- cold: ``docgen build FILE -o DIR`` as a new process, against ``python -c pass``, in the same environment;
  once with docgen's cache on disk warm (the compiled template and the resolved agreement, as after any
  earlier build of unchanged files) and once with the cache off (a first build).

Each in-process figure is the median of ``--repeat`` rounds of a batch of calls; each process figure the
median of ``--repeat`` runs. Speed is never asserted in tests: read the numbers here.
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
DEFAULT_AGREEMENT = ROOT / "agreements" / "yamaguchi-kenou" / "mine.yaml"
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


def per_process(command: list[str], *, repeat: int, env: dict[str, str]) -> float:
    """Median wall-clock seconds of a whole process."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def rezip(data: bytes) -> bytes:
    """The floor: the same parts, decompressed and written into a new zip in memory."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
    return out.getvalue()


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreement", type=Path, default=DEFAULT_AGREEMENT)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    from docxtpl import DocxTemplate

    import docgen
    from docgen.agreement import load_agreement

    resolved = load_agreement(args.agreement)
    context = resolved.context

    def plain_docxtpl() -> bytes:
        document = DocxTemplate(str(TEMPLATE))
        document.render(context)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    def docgen_render() -> bytes:
        return docgen.render(args.agreement, template=TEMPLATE)

    produced = docgen_render()  # the first call compiles the template and reads the region
    figures = {
        "plain docxtpl": per_call(plain_docxtpl, repeat=args.repeat, batch=10),
        "docgen.render": per_call(docgen_render, repeat=args.repeat, batch=50),
        "re-zip floor": per_call(lambda: rezip(produced), repeat=args.repeat, batch=50),
    }

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
        docgen_command = shutil.which("docgen", path=str(Path(sys.executable).parent))
        command = [docgen_command] if docgen_command else [sys.executable, "-m", "docgen"]
        build = [*command, "build", str(args.agreement), "-o", out, "--template", str(TEMPLATE)]
        # docgen's cache on disk (docgen/cache.py) holds the compiled template and the resolved agreement:
        # warm after one build, as when a user regenerates; "off" measures a first build, with nothing cached
        warm = {**env, "DOCGEN_CACHE_DIR": cache}
        per_process(build, repeat=1, env=warm)  # fills the cache, and the OS file cache and Python's bytecode
        figures["docgen build (process)"] = per_process(build, repeat=args.repeat, env=warm)
        figures["docgen build, no cache"] = per_process(
            build, repeat=args.repeat, env={**env, "DOCGEN_CACHE_DIR": "off"}
        )
        figures["python -c pass"] = per_process([sys.executable, "-c", "pass"], repeat=args.repeat, env=env)

    plain, ours, floor = figures["plain docxtpl"], figures["docgen.render"], figures["re-zip floor"]
    cold, bare = figures["docgen build (process)"], figures["python -c pass"]
    first = figures["docgen build, no cache"]
    agreement = args.agreement.relative_to(ROOT) if args.agreement.is_relative_to(ROOT) else args.agreement
    print(f"machine: {machine()}")
    print(f"agreement: {agreement}")
    print(f"{'':28}{'ms':>9}")
    for name, seconds in figures.items():
        print(f"{name:28}{seconds * 1000:9.2f}")
    print()
    print(f"docgen.render is {plain / ours:.1f}x faster than plain docxtpl (target >= 5x, aim 10x)")
    print(f"docgen.render is {ours / floor:.1f}x the re-zip floor")
    print(f"cold docgen build is {cold / bare:.1f}x python -c pass (target <= 5x)")
    print(f"cold docgen build with nothing cached is {first / bare:.1f}x python -c pass")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"machine": machine(), "ms": {k: v * 1000 for k, v in figures.items()}},
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
