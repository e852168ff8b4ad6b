"""Time and peak memory of `docgen build` on text fields that try to exhaust the machine.

    python benchmarks/hostile.py [--timeout S] [--memory GB] [--only NAME ...] [--json FILE]

Each case puts one Jinja expression into the closing sentence of a copy of the Mine agreement's region
and runs ``docgen build`` on it as a new process under ``/usr/bin/time -v``, with the cache off, a time-out
and a cap on address space (so that a case that would take all memory fails with MemoryError instead of
taking the machine). It prints the wall time, the peak resident memory and the first line docgen wrote to
standard error. The sandbox (docgen/base/sandbox.py, sizes.py, budget.py) should refuse each case within a
second or two and a few hundred MB; the "normal" case is the real closing sentence, for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CASES = {
    "normal": (
        "本協約書{{ parties | length }}通を作成し、"
        "{{ parties | join_ja }}が記名押印の上、それぞれ各1通を保有する。"
    ),
    "ljust": "{{ 'a'.ljust(10**9) }}",
    "center": "{{ 'a'.center(10**9) }}",
    "center-filter": "{{ 'a' | center(10**9) }}",
    "zfill": "{{ '1'.zfill(10**9) }}",
    "expandtabs": "{{ ('\\t' * 10**6).expandtabs(1000) }}",
    "join": "{{ ('-' * 10**4).join(range(10**5) | map('string')) }}",
    "join-filter": "{{ range(10**5) | join('-' * 10**4) }}",
    "format-width": "{{ '{:>1000000000}'.format(1) }}",
    "format-nested-width": "{{ '{:{}}'.format(1, 10**9) }}",
    "format-precision": "{{ '{:.1000000000f}'.format(1) }}",
    "percent-width": "{{ '%1000000000s' % 1 }}",
    "percent-star": "{{ '%*s' % (10**9, 1) }}",
    "format-filter": "{{ '%1000000000s' | format(1) }}",
    "lipsum": "{{ lipsum(10**6) }}",
    "nested-range": "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}",
    "nested-string-loop": "{% set s = 'a' * 10**5 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "namespace-doubling": (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
        "{{ ns.s | length }}"
    ),
    "plus-doubling": (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}"
        "{{ ns.s | length }}"
    ),
    "block-doubling": (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}"
        "{% set ns.s %}{{ ns.s }}{{ ns.s }}{% endset %}{% endfor %}{{ ns.s | length }}"
    ),
    "list-doubling": "{% set l = ['ab'] %}{% for i in range(40) %}{{ l.extend(l) or '' }}{% endfor %}",
    "recursive-macro": (
        "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(40) }}"
    ),
    "replace": "{{ ('a' * 10**6).replace('a', 'b' * 1000) }}",
    "replace-filter": "{{ ('a' * 10**6) | replace('a', 'b' * 1000) }}",
    "indent": "{{ ('a\\n' * 400000) | indent(1000) }}",
    "wordwrap": "{{ ('a' * 10**6) | wordwrap(1) | length }}",
    "translate": "{{ ('a' * 10**6).translate({97: 'b' * 1000}) }}",
    "print-list": "{{ ['a' * 10**6] * 10**3 }}",
    "batch": "{{ [1] | batch(10**9, 0) | list | length }}",
    "slice": "{{ [1] | slice(10**8) | list | length }}",
    "round": "{{ 1 | round(10**9, 'ceil') }}",
    "encode": (  # punycode takes time that grows with the square of the text: 2 minutes for 20,000 kanji
        "{% set s %}{% for i in range(19968, 39968) %}{{ '%c' % i }}{% endfor %}{% endset %}"
        "{{ s.encode('punycode') | length }}"
    ),
    "slow-steps": "{% set s = 'a' * 10**6 %}{% for i in range(10**5) %}{% for j in range(10) %}"
    "{% if 'b' in s %}{% endif %}{% endfor %}{% endfor %}",
    "comparing-shared-lists": (
        "{% set ns = namespace(a=[0], b=[0]) %}{% for i in range(40) %}{% set ns.a = [ns.a, ns.a] %}"
        "{% set ns.b = [ns.b, ns.b] %}{% endfor %}{{ ns.a == ns.b }}"
    ),
    "hashing-shared-tuples": (
        "{% set ns = namespace(t=(0,)) %}{% for i in range(40) %}{% set ns.t = (ns.t, ns.t) %}{% endfor %}"
        "{{ {ns.t: 1} }}"
    ),
    "sort-key": "{{ [10**9].sort(key='a'.ljust) }}",
    "to-bytes": "{{ (1).to_bytes(10**9, 'big') | length }}",
    "include": "{% for i in range(10**5) %}{% include '{{ 1 }}' ~ i %}{% endfor %}",
    "compile": "{{ 1 }}" * 140000,  # about 1 MB: the most a YAML file may hold
    "output": "{% for i in range(10**5) %}{{ 'x' * 10**5 }}{% endfor %}",
}


def run(name: str, closing: str, timeout: float, memory_gb: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="docgen-hostile-") as folder:
        root = Path(folder)
        region = root / "agreements" / "yamaguchi-kenou"
        region.mkdir(parents=True)
        shutil.copy(ROOT / "agreements" / "municipalities.yaml", root / "agreements")
        shutil.copy(ROOT / "agreements" / "yamaguchi-kenou" / "mine.yaml", region)
        lines = (
            (ROOT / "agreements" / "yamaguchi-kenou" / "region.yaml").read_text(encoding="utf-8").split("\n")
        )
        index = next(i for i, line in enumerate(lines) if line.startswith("closing:"))
        lines[index : index + 2] = [f"closing: {json.dumps(closing, ensure_ascii=False)}", ""]
        (region / "region.yaml").write_text("\n".join(lines), encoding="utf-8")
        limit = int(memory_gb * 1024 * 1024)
        command = (
            f"ulimit -v {limit}; exec /usr/bin/time -v timeout {timeout} "
            f"{sys.executable} -m docgen build agreements/yamaguchi-kenou/mine.yaml -o out"
        )
        env = {**os.environ, "DOCGEN_CACHE_DIR": "off"}
        result = subprocess.run(["bash", "-c", command], cwd=root, capture_output=True, text=True, env=env)
        report = result.stderr
        wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", report)
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
        seconds = (
            float(wall.group(2)) * 60 + float(wall.group(3)) + float(wall.group(1) or 0) * 3600
            if wall
            else None
        )
        status = re.search(r"Exit status: (\d+)", report)
        messages = [line for line in report.split("\n") if line.startswith("error:") or "Error" in line]
        killed = status is not None and status.group(1) == "124"  # timeout's status when time ran out
        return {
            "case": name,
            "seconds": seconds,
            "peak_mb": int(rss.group(1)) // 1024 if rss else None,
            "exit": "timeout" if killed else (int(status.group(1)) if status else None),
            "message": (messages[0] if messages else "")[:150],
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--memory", type=float, default=16, help="address space cap in GB")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--json")
    args = parser.parse_args()
    results = []
    for name, closing in CASES.items():
        if args.only and name not in args.only:
            continue
        result = run(name, closing, args.timeout, args.memory)
        results.append(result)
        seconds, peak = result["seconds"] or 0, result["peak_mb"] or 0
        print(
            f"{name:22} {seconds:8.2f} s {peak:7} MB  exit {result['exit']}  {result['message']}", flush=True
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
