"""``docgen check`` against ``docgen build`` of the same agreements, side by side, as new processes.

    python benchmarks/check_build.py [--repeat N] [--docgen PATH]

``check`` reads, checks and renders every agreement in memory and lints the template; ``build`` reads,
checks, renders and writes them. A check that costs more than the build it stands for is a check people
skip, so the target is ``check`` ≤ ``build`` (ratio at most 1.0). Each round runs one of each, in turn
(A, B, A, B, …), and the ratio is taken round by round, so a machine whose speed drifts during the run
still gives a fair ratio. CPU seconds (user + system, from the operating system's accounting of each
finished process) are reported beside wall-clock seconds: on a shared machine they are the steadier figure.

``--docgen`` names the ``docgen`` to time (default: the one beside this Python, e.g. a wheel's venv).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command`` as a new process (its children's CPU included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--repeat", type=int, default=21, help="rounds (default: 21)")
    parser.add_argument("--docgen", default=str(Path(sys.executable).with_name("docgen")))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "agreements", work / "agreements")
        check = [options.docgen, "check"]
        build = [options.docgen, "build", "-o", "out"]
        for command in (check, build):  # warm the file cache and the .pyc files
            timed(command, work)
        rounds = []
        for _ in range(options.repeat):
            shutil.rmtree(work / "out", ignore_errors=True)
            rounds.append((timed(check, work), timed(build, work)))
    wall_ratios = [c[0] / b[0] for c, b in rounds]
    cpu_ratios = [c[1] / b[1] for c, b in rounds]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {options.repeat} rounds; docgen {options.docgen}")  # fmt: skip
    for name, index in (("wall", 0), ("cpu", 1)):
        checks = [c[index] for c, _ in rounds]
        builds = [b[index] for _, b in rounds]
        ratios = wall_ratios if index == 0 else cpu_ratios
        print(
            f"{name:4}  check {statistics.median(checks) * 1000:6.1f} ms   build "
            f"{statistics.median(builds) * 1000:6.1f} ms   check/build median "
            f"{statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}; target <= 1.00)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
