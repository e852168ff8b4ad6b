"""Every command the guide (and README.md) shows runs, so that no example goes stale.

The convention, for everyone who writes a page of docs/ (both languages, page.md and page.en.md) or README.md:

- A ```console block holds commands and what they print. A line starting with ``$ `` is a command, run by
  bash from the top of a fresh folder that holds a copy of the repository's agreements/, templates/ and
  schema/ (and docs/examples/ as examples/): write paths as a user in a clone of the repository would
  (``$ docgen build agreements/yamaguchi-kenou/mine.yaml``). ``docgen`` is the one under test.
- The lines after a command, up to the next ``$ `` line, are output it must print (standard output and
  standard error together): each must occur as it is written, and ``…`` in a line stands for any text (a
  line that is only ``…`` stands for lines left out). Show real output: run the command and paste it.
- A command must exit 0, unless its line ends with ``# exit N`` (bash reads that as a comment): then it must
  exit N. Use it for the examples of mistakes: ``$ docgen check agreements/x/shunan.yaml  # exit 1``.
- The commands of one page run in order, in one folder: a later block sees what an earlier one wrote.
  Each page (and each language) starts from a fresh copy.
- A step the reader need not see — making a mistake to show its message, filling in a value the page tells
  the reader to fill in — is an HTML comment of its own line(s), run in page order and required to exit 0:
  ``<!-- run: sed -i 's/美祢市/美弥市/' agreements/yamaguchi-kenou/mine.yaml -->``.
- Japanese pages run with ``LANG=ja_JP.UTF-8``, English ones (page.en.md, README.md) with ``LANG=C.UTF-8``:
  once docgen's messages are translated, each page shows its own language's output.
- ```sh (or other) blocks are not run: keep them for what cannot run here (installing docgen, opening Word).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w-]*)")
HIDDEN = re.compile(r"<!--\s*run:(.*?)-->", re.S)
EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")


@dataclass
class Step:
    command: str
    line: int  # where it is written, for the failure message
    shown: bool = True
    output: list[str] = field(default_factory=list)

    @property
    def status(self) -> int:
        match = EXIT.search(self.command)
        return int(match.group(1)) if match else 0


def steps(page: Path) -> list[Step]:
    """A page's commands in order: those of ```console blocks, with the output they show, and hidden ones."""
    text = page.read_text(encoding="utf-8")
    found: list[Step] = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = FENCE.match(line)
        if fence:
            indent, marks, language = fence.groups()
            end = index + 1
            while end < len(lines) and not lines[end].strip().startswith(marks):
                end += 1
            if language == "console":
                body = [
                    row[len(indent) :] if row.startswith(indent) else row for row in lines[index + 1 : end]
                ]
                block = [*console(body, index + 2)]
                assert block, f"{page.name}:{index + 1}: a console block without a `$ ` line"
                found += block
            index = end + 1
            continue
        if line.lstrip().startswith("<!--"):  # a comment may span lines: read it whole
            match = HIDDEN.match("\n".join(lines[index:]).lstrip())
            if match:
                found.append(Step(match.group(1).strip(), index + 1, shown=False))
                index += match.group(0).count("\n") + 1
                continue
        index += 1
    return found


def console(body: list[str], first_line: int):
    step: Step | None = None
    for offset, row in enumerate(body):
        if row.startswith("$ "):
            if step:
                yield step
            step = Step(row[2:], first_line + offset)
        elif step is not None:
            if row.strip() and row.strip() != "…":
                step.output.append(row)
        else:
            raise AssertionError(f"line {first_line + offset}: output before the first `$ ` command: {row!r}")
    if step:
        yield step


def shows(output: str, expected: str) -> bool:
    """Whether ``expected`` (one line the guide shows, ``…`` for any text) occurs in ``output``."""
    pattern = ".*?".join(re.escape(piece) for piece in expected.strip().split("…"))
    return re.search(pattern, output) is not None


def pages() -> list[Path]:
    return sorted(page for page in [*DOCS.rglob("*.md"), ROOT / "README.md"] if steps(page))


def english(page: Path) -> bool:
    return page.name.endswith(".en.md") or page.name == "README.md"


def environment(page: Path, folder: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LC_", "LANGUAGE", "PYTHON", "DOCGEN_LANG"))
    }
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        LANG="C.UTF-8" if english(page) else "ja_JP.UTF-8",
        HOME=str(folder / ".home"),  # nothing may land in the user's home; a stray file shows here
        COLUMNS="100",
        NO_COLOR="1",
    )
    return env


def fresh_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    for name in ("agreements", "templates", "schema"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    if (DOCS / "examples").is_dir():
        shutil.copytree(DOCS / "examples", folder / "examples")
    (folder / ".home").mkdir()
    return folder


def test_the_guide_has_commands_in_both_languages() -> None:
    names = {page.relative_to(DOCS).as_posix() for page in pages() if page.is_relative_to(DOCS)}
    assert "index.md" in names and "index.en.md" in names
    for name in names:  # a page's commands are shown in its twin too
        twin = name.replace(".en.md", ".md") if name.endswith(".en.md") else name[:-3] + ".en.md"
        assert twin in names, f"{name} shows commands and {twin} does not"


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.relative_to(ROOT).as_posix())
def test_the_commands_of_a_page_run(page: Path, tmp_path: Path) -> None:
    folder = fresh_folder(tmp_path)
    env = environment(page, folder)
    where = page.relative_to(ROOT).as_posix()
    for step in steps(page):
        result = subprocess.run(
            ["bash", "-c", step.command],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            stdin=subprocess.DEVNULL,
        )
        output = result.stdout + result.stderr
        assert result.returncode == step.status, (
            f"{where}:{step.line}: `{step.command}` exited {result.returncode}, not {step.status}:\n{output}"
        )
        for expected in step.output:
            assert shows(output, expected), (
                f"{where}:{step.line}: `{step.command}` did not print\n  {expected}\nbut:\n{output}"
            )
    assert not any((folder / ".home").iterdir()), f"{where}: something was written into HOME"


def test_the_reader_of_the_convention_finds_what_it_promises(tmp_path: Path) -> None:
    """The parser itself, on a page made here: commands, shown output with …, # exit N and hidden steps."""
    page = tmp_path / "page.md"
    page.write_text(
        "# A page\n\n<!-- run: echo hidden > note.txt -->\n\n"
        "```console\n$ cat note.txt\nhidden\n$ false  # exit 1\n```\n\n"
        "```sh\n$ not run\n```\n\n"
        "<!-- run:\n  echo two\n-->\n\n"
        "    ```console\n    $ echo 'wrote 11 documents to output/'\n    wrote … documents\n    …\n    ```\n",
        encoding="utf-8",
    )
    found = steps(page)
    assert [(s.command, s.shown, s.status, s.output) for s in found] == [
        ("echo hidden > note.txt", False, 0, []),
        ("cat note.txt", True, 0, ["hidden"]),
        ("false  # exit 1", True, 1, []),
        ("echo two", False, 0, []),
        ("echo 'wrote 11 documents to output/'", True, 0, ["wrote … documents"]),
    ]
    assert shows("wrote 11 documents to output/\n", "wrote … documents")
    assert not shows("wrote 11 documents to output/\n", "wrote … agreements")
