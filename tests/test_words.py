"""A command line read without argparse (docgen.commands.words) gives argparse's own namespace, or is left to
argparse: never a different reading, and the lines users type (the guide's) are read without it."""

from __future__ import annotations

import contextlib
import io
import os
import random
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_guide_commands import steps

from docgen.base.i18n import setup
from docgen.commands import words, words_ahead, words_data
from docgen.commands.execute import COMMANDS
from docgen.commands.parser import build_parser

ROOT = Path(__file__).resolve().parent.parent


def _argparse(line: list[str]) -> object | None:
    """What ``docgen.commands.dispatch`` gets from argparse for ``line``: its namespace, or ``None`` when
    argparse stops (a mistake, --help)."""
    bare = not any(word in COMMANDS for word in line)
    parser = build_parser(line[0] if line and line[0] in COMMANDS else None, bare=bare)
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            return parser.parse_args(line)
        except SystemExit:
            return None


def _agrees(line: list[str]) -> bool:
    """``words.parse`` declines ``line`` or gives argparse's namespace (and then argparse accepts it);
    returns whether it read the line itself."""
    fast = words.parse(line)
    if fast is None:
        return False
    slow = _argparse(line)
    assert slow is not None, f"read without argparse, refused by it: {line}"
    assert vars(fast) == vars(slow), line
    assert fast == slow and slow == fast, line
    return True


def test_the_recorded_words_are_todays() -> None:
    # a changed option needs `python -m docgen.commands.words_ahead`
    assert words_ahead.recorded() == Path(words_ahead.TARGET).read_text(encoding="utf-8")


# the words a generated line is made of: each option of the command, with good and bad values, and what
# argparse reads in its own ways
_VALUES = {
    "pathlib:Path": ["out", "a b", "日本語/協約.yaml", "-x", "", "@args", "--", "=x"],
    "docgen.commands.values:mode": ["final", "draft", "copy", "drat", "FINAL", "-final"],
    "docgen.commands.values:jobs": ["1", "4", "0", "5", "x", "１", "-1"],
    "docgen.commands.values:date": ["2017-03-30", "2017-3-30", "R1-05-01", "-2017"],
    "docgen.commands.values:schema_kind": ["agreement", "region", "municipalities", "regio"],
    "docgen.web.command:port": ["0", "8390", "65536", "x"],
    None: ["x", "ja", "en", "fr", "-x", "kaibun", "table", "renkei", "teiju", "甲"],
}
_ODD = [
    "--",
    "-",
    "--he",
    "-h",
    "--help",
    "--version",
    "--unknown",
    "-x",
    "@file",
    "",
    "-ot",
    "-oout",
    "-o=out",
    "-j2",
    "-a b",
    "-1",
    "—o",
    "a=b",
    "--output=",
    "--=x",
    "---output",
]
_POSITIONALS = ["agreements/mine.yaml", "a.yaml", "folder", "build", "check", "日本語.yaml", "a b.yaml"]


def _tokens(command: str) -> list[list[str]]:
    options, positionals, *_rest = words_data.COMMANDS[command]
    tokens: list[list[str]] = []
    for option, (_dest, takes, convert, choices, _const) in options.items():
        if not takes:
            tokens += [[option], [f"{option}=x"]]
            continue
        good = list(choices or _VALUES[convert])
        for value in good:
            tokens += [[option, value], [f"{option}={value}"]]
        tokens += [[option], [option[: max(3, len(option) - 2)], good[0]]]  # missing value; abbreviated
    tokens += [[word] for word in _ODD]
    tokens += [[word] for word in _POSITIONALS]
    return tokens


def _positional_words(command: str) -> list[str]:
    _options, positionals, *_rest = words_data.COMMANDS[command]
    kinds = {convert for _dest, _nargs, convert, *_ in positionals} - {None, "pathlib:Path"}
    return [word for kind in kinds for word in _VALUES[kind]] or _POSITIONALS


def _lines(command: str, count: int, seed: int) -> list[list[str]]:
    """``count`` lines of ``command``: docgen's options before it, the command's after it, and a run of
    positional words (of each count argparse may take or refuse) somewhere among them."""
    chosen = random.Random(seed)
    tokens = _tokens(command)
    positional = _positional_words(command)
    before = [[], [], ["--lang", "ja"], ["--lang=en"], ["--lang", "fr"], ["--version"], ["-h"]]
    before += [["--la", "ja"], ["--lang"]]
    lines = []
    for _ in range(count):
        parts = [chosen.choice(tokens) for _ in range(chosen.randint(0, 4))]
        run = [chosen.choice(positional) for _ in range(chosen.choice([0, 1, 1, 2, 2, 3]))]
        parts.insert(chosen.randint(0, len(parts)), run)
        lines.append([*chosen.choice(before), command, *(word for part in parts for word in part)])
    return lines


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize(
    ("command", "count"), [("build", 3000), ("check", 3000), *((c, 1000) for c in COMMANDS)]
)
def test_a_line_is_read_as_argparse_reads_it_or_left_to_argparse(lang: str, command: str, count: int) -> None:
    setup(lang)
    lines = _lines(command, count, seed=sum(map(ord, command + lang)))
    read = sum(_agrees(line) for line in lines)
    # not a test that passes by declining everything: plain lines are most of those generated
    assert read > count // 40, (command, read)


@pytest.mark.parametrize(
    "line",
    [
        ["build", "a.yaml", "-o", "out", "b.yaml"],  # positionals split by an option: argparse refuses
        ["build", "-o", "out", "a.yaml", "--pdf", "b.yaml"],
        ["amend", "old", "-o", "out", "new"],  # argparse takes this one; declined all the same
        ["build", "--mode", "drat"],
        ["build", "--out", "x"],
        ["build", "-oout"],
        ["build", "--", "-a.yaml"],
        ["build", "-o"],
        ["build", "-o", "-x"],
        ["build", "--pdf=yes"],
        ["--version", "build"],
        ["build", "--help"],
        ["new", "r", "n", "--party", "a"],  # append: argparse's rules
        ["schema", "region", "agreement"],
        ["abolish"],
        ["--lang", "fr", "build"],
        ["bild", "x"],
        [],
    ],
)
def test_what_argparse_must_read_is_declined(line: list[str]) -> None:
    assert words.parse(line) is None


@pytest.mark.parametrize(
    "line",
    [
        ["build"],
        ["build", "agreements/yamaguchi-kenou/mine.yaml", "-o", "out"],
        ["--lang", "ja", "build", "--mode", "draft", "--seal", "-o", "drafts"],
        ["build", "a.yaml", "b.yaml", "--procedure", "--forms=forms", "-j", "2", "--pdf", "--lang=en"],
        ["--lang", "en", "check", "--date", "2017-04-20", "--lang", "ja", "mine.yaml"],
        ["check", "--procedure", "-t", "templates/renkei-kyoyaku.docx"],
        ["amend", "old", "new", "--style", "table", "--old-left", "--blank-sides"],
        ["schema"],
        ["schema", "region"],
        ["serve", "--port", "0", "--no-browser"],
        ["import", "signed.docx", "--region", "yamaguchi-kenou"],
        ["new", "yamaguchi-kenou", "shunan", "--kind", "renkei"],
    ],
)
def test_a_plain_line_is_read_without_argparse(line: list[str]) -> None:
    for lang in ("en", "ja"):
        setup(lang)
        assert _agrees(line), line


def _shown_lines() -> list[list[str]]:
    """The docgen command lines the guide (both languages) and README.md show."""
    pages = sorted(ROOT.glob("docs/*.md")) + [ROOT / "README.md"]
    found = []
    for page in pages:
        for step in steps(page):
            line = shlex.split(step.command, comments=True)
            if line[:1] == ["docgen"] and not {"|", "&&", ";", ">", "2>&1"} & set(line):
                found.append(line[1:])
    return found


def test_the_lines_the_guide_shows_are_read_without_argparse() -> None:
    shown = _shown_lines()
    plain = [line for line in shown if line and line[0] in ("build", "check")]
    assert len(plain) >= 20  # the guide shows many
    for line in plain:
        assert _agrees(line), line
    # the other commands too, or argparse reads them (new's --party, repeated, is argparse's append)
    for line in shown:
        _agrees(line)


def _imported(line: list[str], locale: str, cwd: Path) -> tuple[set[str], str]:
    """The modules ``docgen LINE`` has imported when its command has run, and what it printed."""
    code = (
        "import sys; from docgen.cli import main; status = main(sys.argv[1:]); "
        "print(status, ' '.join(sorted(sys.modules)))"
    )
    env = {**os.environ, "LANG": locale, "LC_ALL": "", "LANGUAGE": ""}
    result = subprocess.run(
        [sys.executable, "-c", code, *line], capture_output=True, text=True, env=env, check=False, cwd=cwd
    )
    *printed, modules = result.stdout.strip().split("\n")
    status, _space, names = modules.partition(" ")
    assert (status, result.stderr) == ("0", ""), result
    return set(names.split()), "\n".join(printed)


@pytest.mark.parametrize("locale", ["C.UTF-8", "ja_JP.UTF-8"])
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_plain_build_or_check_imports_no_argparse(tmp_path: Path, locale: str, command: str) -> None:
    shutil.copytree(ROOT / "tests" / "fixtures" / "region", tmp_path / "agreements")
    mine = "agreements/yamaguchi-kenou/mine.yaml"
    line = [command, mine, *(["-o", "out"] if command == "build" else [])]
    imported, printed = _imported(line, locale, tmp_path)
    assert "docgen.commands.execute" in imported
    if command == "build":
        assert (tmp_path / "out" / "yamaguchi-kenou" / "mine.docx").is_file()
        english = locale == "C.UTF-8"
        assert printed == ("wrote 1 document to out/" if english else "out/ に文書 1 件を書き出しました")
    unused = {
        "argparse",
        "signal",
        "docgen.commands.dispatch",
        "docgen.commands.parser",
        "docgen.commands.screens",
        "docgen.web.command",
    }
    assert not imported & unused
    # English needs no catalog; Japanese reads its own on demand, without gettext (docgen.base.catalog)
    assert "gettext" not in imported
    assert ("docgen.base.catalog" in imported) == (locale == "ja_JP.UTF-8")
