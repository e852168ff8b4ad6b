"""Help screens printed without argparse (docgen.commands.screens) are argparse's own, at every width."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from docgen.base.i18n import setup
from docgen.commands import screens, screens_ahead, screens_data

SCREENS = [("", "docgen --help")] + [(name, f"docgen {name} --help") for name in screens_data.COMMANDS]


def test_the_recorded_screens_are_todays() -> None:
    # a changed option, help text or translation needs `python -m docgen.commands.screens_ahead`
    assert screens_ahead.recorded() == screens_ahead.TARGET.read_text(encoding="utf-8")


def test_every_command_has_its_screen() -> None:
    assert set(screens_data.COMMANDS) == {
        "build", "check", "amend", "new", "abolish", "import", "schema", "serve"
    }  # fmt: skip
    assert set(screens_data.SCREENS) == {(lang, c) for lang in ("ja", "en") for c, _ in SCREENS}


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(("command", "shown"), SCREENS, ids=[shown for _, shown in SCREENS])
def test_a_screen_is_argparses_at_every_width(
    lang: str, command: str, shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup(lang)
    try:
        parser = screens_ahead.parser_of(command)
        recorded = screens_data.SCREENS[lang, command]
        for columns in range(3, 203):
            monkeypatch.setenv("COLUMNS", str(columns))
            expected = parser.format_help()  # argparse's formatter, asked for this width
            assert screens.layout(recorded, screens.help_width()) == expected, (shown, lang, columns)
    finally:
        setup("en")


def _run(words: list[str], env: dict[str, str], *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *options, "-m", "docgen", *words],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def _argparse_screen(words: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import sys; from docgen.commands.dispatch import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *words], capture_output=True, text=True, env=env, check=False
    )


@pytest.mark.parametrize(
    ("words", "locale"),
    [
        (["--help"], "C.UTF-8"),
        (["--help"], "ja_JP.UTF-8"),
        (["build", "-h"], "ja_JP.UTF-8"),
        (["--lang", "ja", "amend", "--help"], "C.UTF-8"),
        (["abolish", "--help", "--lang=en"], "ja_JP.UTF-8"),
        (["--lang", "en", "--lang", "ja", "serve", "--help"], "C.UTF-8"),
    ],
)
def test_the_command_prints_argparses_screen_without_argparse(words: list[str], locale: str) -> None:
    env = {**os.environ, "LANG": locale, "LC_ALL": "", "LANGUAGE": "", "COLUMNS": "100"}
    fast = _run(words, env)
    slow = _argparse_screen(words, env)
    assert (fast.returncode, fast.stdout, fast.stderr) == (0, slow.stdout, "")
    assert slow.returncode == 0
    # what the screen imported, beyond what Python (and an editable install's finder) had at start
    code = (
        "import sys; before = set(sys.modules); import docgen.cli; "
        "from docgen.commands.screens import screen; text = screen(sys.argv[1:]); "
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    imported = subprocess.run(
        [sys.executable, "-c", code, *words], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    assert "docgen.commands.screens" in imported
    assert not set(imported) & {"argparse", "gettext", "pathlib", "shutil", "docgen.commands.dispatch"}


@pytest.mark.parametrize(
    "words",
    [
        ["--lang", "fr", "--help"],  # argparse says what --lang takes
        ["--he"],  # argparse's abbreviation of --help
        ["build", "mine.yaml", "--help"],
        ["-h", "build"],
        ["bild", "--help"],
    ],
)
def test_anything_else_goes_to_argparse(words: list[str]) -> None:
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "", "COLUMNS": "100"}
    assert screens.wanted(words, screens_data.COMMANDS) is None
    fast = _run(words, env)
    slow = _argparse_screen(words, env)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
