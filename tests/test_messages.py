"""docgen speaks Japanese and English: every message has its Japanese, keeps its fields, ships compiled; and a
user under a Japanese locale (or with --lang ja) reads docgen's mistakes and help in Japanese.

The catalog is checked against the messages extracted afresh from the source with Babel's own API (as
``pybabel extract`` does), never against a committed list that could go stale with the code.
"""

from __future__ import annotations

import ast
import io
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path
from unicodedata import east_asian_width

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from docgen.base import i18n

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "docgen" / "locale"
PO = LOCALE / "ja" / "LC_MESSAGES" / "docgen.po"
MO = LOCALE / "ja" / "LC_MESSAGES" / "docgen.mo"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _extracted() -> dict[str, int]:
    """Each message id in docgen's source (a plural message by its singular), with a line it is on: its
    Python modules and the workspace's page templates, as babel.cfg maps them for ``pybabel extract``."""
    found: dict[str, int] = {}
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "docgen"), method_map=method_map, options_map=options_map
    ):
        key = message if isinstance(message, str) else message[0]
        assert key, f"docgen/{filename}:{lineno}: an empty message id"
        found.setdefault(key, lineno)
    return found


def _catalog():  # noqa: ANN202 - babel's Catalog, imported only here
    with PO.open("rb") as file:
        return read_po(file, locale="ja", domain="docgen")


def _text(value: object) -> list[str]:
    return [value] if isinstance(value, str) else list(value)  # type: ignore[arg-type]


def test_every_message_has_a_japanese_translation() -> None:
    catalog = _catalog()
    missing = []
    for key in _extracted():
        message = catalog.get(key)
        if message is None or not all(_text(message.string)) or message.fuzzy:
            missing.append(key)
    assert missing == [], "messages without Japanese (run the commands of docgen/locale/README.md)"


def test_the_catalog_holds_no_message_the_code_no_longer_has() -> None:
    extracted = _extracted()
    stale = [m.id for m in _catalog() if m.id and _text(m.id)[0] not in extracted]
    assert stale == []


_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def _fields(text: str) -> list[str]:
    """The ``{named}`` fields (sorted, each once) and the ``%s``/``%(name)s`` specifiers of text."""
    named = sorted({name for _, name, _, _ in string.Formatter().parse(text) if name is not None})
    percent = [match.group(0) for match in _PERCENT.finditer(text) if match.group(0) != "%%"]
    return named + percent


def test_each_translation_keeps_exactly_its_message_s_fields() -> None:
    wrong = []
    for message in _catalog():
        if not message.id:
            continue
        ids = _text(message.id)
        for translation in _text(message.string):
            if "{" in ids[0] or "}" in ids[0] or "%" in ids[0]:
                expected = _fields(ids[-1]) if len(ids) > 1 else _fields(ids[0])
                got = _fields(translation)
                if sorted(got) != sorted(expected):
                    wrong.append((ids[0], expected, got))
    assert wrong == []


def test_field_check_catches_a_dropped_or_renamed_field() -> None:
    assert _fields("{file}:{line}: unknown municipality {name}") == ["file", "line", "name"]
    assert _fields("{file}:{line}: 団体 {nmae} は見つかりません") != _fields("{file}:{line}: unknown {name}")
    assert _fields("the mapping '{{' opened at {at}") == ["at"]
    assert _fields("%(prog)s: error: %(message)s\n") == ["%(prog)s", "%(message)s"]


def test_the_committed_mo_is_the_po_compiled() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog())
    assert MO.read_bytes() == compiled.getvalue(), "run: pybabel compile -D docgen -d docgen/locale -l ja"


def test_no_function_hides_the_translation_function() -> None:
    """A function that assigns ``_`` (``name, _ = pair``) makes every ``_("…")`` in it call that value."""
    wrong = []
    for path in sorted((ROOT / "docgen").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            calls = stores = False
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
                    calls = True
                if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                    stores = True
            if calls and stores:
                wrong.append(f"{path.relative_to(ROOT)}:{function.lineno} {function.name}")
    assert wrong == []


# --- choosing the language ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LANG": "C.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "ja"}, "ja"),
        ({"LANG": "ja_JP.UTF-8", "LANGUAGE": "en_US:ja"}, "en"),
        ({"LANGUAGE": "fr:ja", "LANG": "C"}, "ja"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_the_language_is_read_from_the_locale_as_gettext_reads_it(
    environ: dict[str, str], expected: str
) -> None:
    if sys.platform == "win32" and not environ:
        pytest.skip("Windows reads its display language when no variable is set")
    assert i18n.locale_language(environ) == expected


def test_using_sets_the_language_for_its_block_and_its_context_only() -> None:
    # what docgen serve relies on: one request's language reaches neither another thread nor the process's
    import threading

    outside = (i18n.language(), i18n._("Not found"))
    seen: list[tuple[str, str]] = []
    with i18n.using("ja"):
        assert (i18n.language(), i18n._("Not found")) == ("ja", "見つかりません")
        with i18n.using("en"):
            assert (i18n.language(), i18n._("Not found")) == ("en", "Not found")
        assert i18n._("Not found") == "見つかりません"
        thread = threading.Thread(target=lambda: seen.append((i18n.language(), i18n._("Not found"))))
        thread.start()
        thread.join()
    assert seen == [outside]
    assert (i18n.language(), i18n._("Not found")) == outside


def test_a_missing_catalog_means_english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.setup("ja") == "en"
    assert i18n._("file not found") == "file not found"


def test_a_damaged_catalog_means_english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = tmp_path / "ja" / "LC_MESSAGES"
    broken.mkdir(parents=True)
    (broken / "docgen.mo").write_bytes(b"not a catalog")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.setup("ja") == "en"
    assert i18n._("file not found") == "file not found"


# --- what a user reads -------------------------------------------------------------------------------------


def _docgen(args: list[str], cwd: Path, **environ: str) -> subprocess.CompletedProcess[str]:
    """docgen run as a user runs it, with the locale variables given and no others."""
    unset = ("LANGUAGE", "LC_ALL", "LC_MESSAGES")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(environ)
    env["COLUMNS"] = "100"
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def unknown_party(tmp_path: Path) -> Path:
    """A copy of the small region whose agreement names a municipality that does not exist (美弥市)."""
    shutil.copytree(FIXTURES / "region", tmp_path / "agreements")
    mine = tmp_path / "agreements" / "yamaguchi-kenou" / "mine.yaml"
    mine.write_text(mine.read_text(encoding="utf-8").replace("  - 美祢市", "  - 美弥市"), encoding="utf-8")
    return tmp_path


def _place_of(path: Path, text: str) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if text in line:
            return f"{number}:{line.index(text) + 1}"
    raise AssertionError(text)


def test_a_mistake_is_told_in_japanese_under_a_japanese_locale(unknown_party: Path) -> None:
    mine = unknown_party / "agreements" / "yamaguchi-kenou" / "mine.yaml"
    place = f"agreements/yamaguchi-kenou/mine.yaml:{_place_of(mine, '美弥市')}"
    japanese = _docgen(["check"], unknown_party, LANG="ja_JP.UTF-8")
    english = _docgen(["check"], unknown_party, LANG="C.UTF-8")
    assert (english.returncode, english.stdout, english.stderr) == (
        1,
        "",
        f"error: {place}: parties[1]: unknown municipality '美弥市' (did you mean '美祢市'?); "
        "if it is new, add its entry (address, title, heads) to agreements/municipalities.yaml, "
        "or let `docgen new --new-municipality` add one to fill in\n",
    )
    # the place stays machine-readable (an editor jumps to it); the field's name is the YAML's own
    assert (japanese.returncode, japanese.stdout, japanese.stderr) == (
        1,
        "",
        f"エラー: {place}: parties[1]: 市町村「美弥市」が見つかりません（「美祢市」ではありませんか？）。"
        "新しい団体であれば、agreements/municipalities.yaml にその項目（所在地、長の職名、長）を加えるか、"
        "`docgen new --new-municipality` で記入用の項目を追加してください\n",
    )
    # --lang decides over the locale, before or after the command
    for args in (["--lang", "ja", "check"], ["check", "--lang=ja"]):
        assert _docgen(args, unknown_party, LANG="C.UTF-8").stderr == japanese.stderr
    assert _docgen(["--lang", "en", "check"], unknown_party, LANG="ja_JP.UTF-8").stderr == english.stderr


_COMMANDS = ["build", "check", "amend", "new", "abolish", "import", "schema", "serve"]


@pytest.mark.parametrize("command", [None, *_COMMANDS])
def test_help_in_both_languages(tmp_path: Path, command: str | None) -> None:
    args = ["--help"] if command is None else [command, "--help"]
    english = _docgen(args, tmp_path, LANG="C.UTF-8")
    japanese = _docgen(args, tmp_path, LANG="ja_JP.UTF-8")
    assert english.returncode == japanese.returncode == 0
    assert english.stdout.startswith("usage: docgen")
    assert "show this help message and exit" in english.stdout
    assert "\noptions:\n" in english.stdout
    # argparse's own words too
    assert japanese.stdout.startswith("使い方: docgen")
    assert "このヘルプを表示して終了します" in japanese.stdout
    assert "\nオプション:\n" in japanese.stdout
    # no English sentence is left: each line's words outside options, metavars and file names are Japanese
    for line in japanese.stdout.splitlines():
        prose = re.sub(
            r"docgen \w+|--?[\w-]+|\{[^}]*\}|\b[A-Z][A-Z_.-]+\b|[\w./<>-]*[./<>][\w./<>-]*", "", line
        )
        assert not re.search(r"\b[a-z]{3,} [a-z]{3,}\b", prose), line
    assert _docgen(["--lang", "ja", *args], tmp_path, LANG="C.UTF-8").stdout == japanese.stdout
    # wrapped to the terminal (COLUMNS=100), each Japanese character taking two columns
    lines = japanese.stdout.splitlines()
    assert max(sum(2 if east_asian_width(c) in "WF" else 1 for c in line) for line in lines) <= 100


def test_abolish_help_in_both_languages(tmp_path: Path) -> None:
    english = _docgen(["abolish", "--help"], tmp_path, LANG="C.UTF-8")
    japanese = _docgen(["abolish", "--help"], tmp_path, LANG="ja_JP.UTF-8")
    assert english.returncode == japanese.returncode == 0
    assert "\nWrite the agreements that abolish AGREEMENTS.\n" in english.stdout
    assert "the abolition's signing date (with --by: the notice's date)" in english.stdout
    assert "\nAGREEMENT を廃止する協約を作成します。\n" in japanese.stdout
    assert "廃止協約の締結日（--by では通告の日）。その日に在任する長が署名します" in japanese.stdout
    assert "廃止について、各締結団体の議案・告示・届出も書き出します" in japanese.stdout
    assert "定住自立圏形成協定だけ: 協定自身の条に従って廃止を通告する団体" in japanese.stdout.replace(
        "\n", ""
    )
    assert "a 定住自立圏形成協定 only: the party that gives notice (通告) of the" in english.stdout
    files = (".abolition.docx", ".abolition-notice.docx", "-abolition-bill")
    prose = japanese.stdout
    for name in files:
        prose = prose.replace(name, "")
    assert "abolition" not in prose


@pytest.fixture
def later_signing(tmp_path: Path) -> Path:
    """The small region with the shipped municipalities.yaml, which knows the heads only around 2017-03-30
    (``known``), and its agreement dated 2024-04-01, seven years later: no recorded head is in office then."""
    shutil.copytree(FIXTURES / "region", tmp_path / "agreements")
    shutil.copy(ROOT / "agreements" / "municipalities.yaml", tmp_path / "agreements" / "municipalities.yaml")
    mine = tmp_path / "agreements" / "yamaguchi-kenou" / "mine.yaml"
    text = mine.read_text(encoding="utf-8")
    assert "date: 2017-03-30\n" in text
    mine.write_text(text.replace("date: 2017-03-30\n", "date: 2024-04-01\n"), encoding="utf-8")
    return tmp_path


def test_a_head_not_in_office_is_told_in_both_languages(later_signing: Path) -> None:
    mine = later_signing / "agreements" / "yamaguchi-kenou" / "mine.yaml"
    shown = "agreements/yamaguchi-kenou/mine.yaml"
    places = {town: f"{shown}:{_place_of(mine, town)}" for town in ("山口市", "美祢市")}
    heads = {"山口市": "渡辺純忠", "美祢市": "西岡晃"}  # the shipped file: known in office on 2017-03-30
    english = _docgen(["build", shown], later_signing, LANG="C.UTF-8")
    japanese = _docgen(["build", shown], later_signing, LANG="ja_JP.UTF-8")
    assert (english.returncode, english.stdout) == (japanese.returncode, japanese.stdout) == (1, "")
    assert english.stderr == "".join(
        f"error: {places[town]}: parties[{index}]: no head of {town} recorded in office on 2024-04-01: the "
        f"last recorded is {heads[town]} (known in office on 2017-03-30); a term lasts at most 4 years "
        f"(地方自治法第140条). Add the head in office then to municipalities.yaml under {town}.heads, e.g. "
        "'- {name: …, since: YYYY-MM-DD}' (a re-elected head is a new entry)\n"
        for index, town in enumerate(heads)
    )
    assert japanese.stderr == "".join(
        f"エラー: {places[town]}: parties[{index}]: 2024-04-01 に在任する{town}の長が記録されていません。"
        f"記録されている最後の長は{heads[town]}（2017-03-30 に在任）で、"
        "任期は最長4年です（地方自治法第140条）。"
        f"その日に在任する長を、municipalities.yaml の {town}.heads に '- {{name: …, since: YYYY-MM-DD}}' "
        "のように加えてください（再選された長も新しい項目として加えます）\n"
        for index, town in enumerate(heads)
    )
    assert not (later_signing / "output").exists()  # nothing is written


def test_usage_mistakes_in_both_languages(tmp_path: Path) -> None:
    english = _docgen(["amend"], tmp_path, LANG="C.UTF-8")
    japanese = _docgen(["amend"], tmp_path, LANG="ja_JP.UTF-8")
    assert english.returncode == japanese.returncode == 2
    assert "docgen amend: error: the following arguments are required: OLD, NEW" in english.stderr
    assert "docgen amend: エラー: 次の引数を指定してください: OLD, NEW" in japanese.stderr
    japanese = _docgen(["schema", "regoin"], tmp_path, LANG="ja_JP.UTF-8")
    assert japanese.returncode == 2
    assert "「regoin」は指定できません" in japanese.stderr
    assert "（「region」ではありませんか？）" in japanese.stderr
    japanese = _docgen(["biuld"], tmp_path, LANG="ja_JP.UTF-8")
    assert japanese.returncode == 2
    assert "'biuld' は選べません" in japanese.stderr
