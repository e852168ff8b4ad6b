"""Every kind of mistake in the YAML, end to end through the command line: the exact message, exit status 1,
and nothing written.

Each case starts from a copy of a small region in tmp_path (municipalities.yaml, the region's region.yaml and
mine.yaml) and changes one thing, then runs ``docgen build`` into a new folder, ``docgen build`` into a folder
that already holds a document, and ``docgen check``. Messages name files relative to the current folder, which
is tmp_path. Where a mistake is put into a copied file, the test finds its place in the file's text itself, so
the expected line and column do not depend on the rest of the copied file.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from docx_text import document_text
from helpers import run, snapshot

ROOT = Path(__file__).resolve().parent.parent
REGION = Path("agreements/yamaguchi-kenou")
MINE = REGION / "mine.yaml"
TO_ADD = (  # what an unknown municipality's message says after its name
    "; if it is new, add its entry (address, title, heads) to agreements/municipalities.yaml, or let "
    "`docgen new --new-municipality` add one to fill in"
)
REGION_FILE = REGION / "region.yaml"
TOWNS = Path("agreements/municipalities.yaml")
PREVIOUS = b"a document written by an earlier run"

VALID = """\
# yaml-language-server: $schema=../../schema/agreement.schema.json
region: yamaguchi-kenou
date: 2017-03-30
parties:
  - 山口市
  - 美祢市
"""


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the region with one agreement (mine.yaml) and an earlier run's output; cwd there."""
    (tmp_path / REGION).mkdir(parents=True)
    shutil.copy(ROOT / TOWNS, tmp_path / TOWNS)
    shutil.copy(ROOT / REGION_FILE, tmp_path / REGION_FILE)
    (tmp_path / MINE).write_text(VALID, encoding="utf-8")
    previous = tmp_path / "out" / "yamaguchi-kenou" / "mine.docx"
    previous.parent.mkdir(parents=True)
    previous.write_bytes(PREVIOUS)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def line_column(text: str, index: int) -> str:
    """'line:column' (1-based) of a character of text."""
    return f"{text.count(chr(10), 0, index) + 1}:{index - (text.rfind(chr(10), 0, index) + 1) + 1}"


def position(path: Path, needle: str, offset: int = 0) -> str:
    """'line:column' of the first needle in a file, plus offset characters."""
    text = path.read_text(encoding="utf-8")
    return line_column(text, text.index(needle) + offset)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def alias_bomb() -> str:
    """Billion laughs: nine levels of nine aliases each, 9**9 values when expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


def text_position(path: Path, needle: str) -> str:
    """'line:column' of the text field (``text: >-``) that holds needle: where its mistakes are told."""
    text = path.read_text(encoding="utf-8")
    return line_column(text, text.rindex("text: ", 0, text.index(needle)) + len("text: "))


PARTYS = "{{ partys }}が連携を図る"  # a mistake put into the region's first article
HUGE = VALID + "# " + "あ" * 400_000 + "\n"  # 1.2 MB of comment: the limit is 1 MiB


@dataclass
class Case:
    """One mistake: how to make it in the tree, what the user is told (lines after 'error: ')."""

    id: str
    make: Callable[[Path], None]
    expected: Callable[[Path], list[str]]
    paths: list[str] = field(default_factory=lambda: ["agreements"])


def agreement(text: str | bytes, name: Path = MINE) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        path = root / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return make


def lines(*expected: str) -> Callable[[Path], list[str]]:
    return lambda root: list(expected)


def several_files(root: Path) -> None:
    agreement(VALID.replace("美祢市", "美弥市"))(root)
    agreement(VALID.replace("2017-03-30", "2017-02-30"), REGION / "hagi.yaml")(root)
    agreement(VALID + "titel: 連携協約\n", REGION / "ube.yaml")(root)
    replace_in(root / REGION_FILE, "{{ parties | join_ja }}が連携を図る", PARTYS)


def several_files_expected(root: Path) -> list[str]:
    # files in the order of their names; a region's mistake is told once, with the first agreement using it
    return [
        f"{REGION}/hagi.yaml:3:7: invalid date '2017-02-30': day is out of range for month",
        f"{MINE}:6:5: parties[1]: unknown municipality '美弥市' (did you mean '美祢市'?){TO_ADD}",
        f"{REGION_FILE}:{text_position(root / REGION_FILE, PARTYS)}: articles[0].text[0]: "
        "'partys' is undefined (did you mean 'parties'?)",
        f"{REGION}/ube.yaml:7:1: unknown key 'titel' (did you mean 'title'?)",
    ]


CASES = [
    Case(
        "yaml-syntax",
        agreement(VALID.replace("parties:\n  - 山口市\n  - 美祢市\n", "parties: [山口市, 美祢市\n")),
        lines(f"{MINE}:5:1: the list '[' opened at line 4, column 10 is never closed with ']'"),
    ),
    Case(
        "yaml-indented-key",
        agreement(VALID.replace("date: 2017-03-30\nparties:", "date: 2017-03-30\n parties:")),
        lines(
            f"{MINE}:4:9: unexpected ':' here: a key must line up with the keys above it, and a value that "
            "holds ': ' needs quotes (\"…\")"
        ),
    ),
    Case(
        "yaml-item-out-of-line",
        agreement(VALID.replace("  - 美祢市", "- 美祢市")),
        lines(
            f"{MINE}:6:1: this line does not line up with the block that begins at line 2: indent it like "
            "the others"
        ),
    ),
    Case(
        "yaml-unclosed-quote",
        agreement(VALID.replace("region: yamaguchi-kenou", 'region: "yamaguchi-kenou')),
        lines(
            f"{MINE}:7:1: the quoted text that begins at line 2, column 9 is never closed: add the closing "
            "quote"
        ),
    ),
    Case(
        "yaml-key-without-colon",
        agreement(VALID.replace("date: 2017-03-30", "date 2017-03-30")),
        lines(f"{MINE}:4:1: no ':' after the key at line 3, column 1: write 'key: value'"),
    ),
    Case(
        "yaml-value-starting-with-at",
        agreement(VALID + "title: @連携協約\n"),
        lines(f"{MINE}:7:8: a value cannot begin with '@': put the value in quotes (\"…\")"),
    ),
    Case(
        "not-yaml-at-all",  # a README saved as .yaml: prose, then a line that reads as a key
        agreement(
            "# docgen\n\ndocgen writes agreements\nas Word documents.\n\n## Set up\n\n"
            "On a fresh machine, from a clone:\n\n    docgen build\n"
        ),
        lines(
            f"{MINE}:8:1: not a YAML file of 'key: value' lines: text comes before the first key "
            "(is it an agreement?)"
        ),
    ),
    Case(
        "yaml-tab-indent",
        agreement(VALID.replace("  - 美祢市", "\t- 美祢市")),
        lines(f"{MINE}:6:1: found character '\\t' that cannot start any token (use spaces instead of tabs)"),
    ),
    Case(
        "missing-field",
        agreement(VALID.replace("parties:\n  - 山口市\n  - 美祢市\n", "")),
        lines(f"{MINE}:2:1: required field 'parties' is missing"),
    ),
    Case(
        "missing-date",
        agreement(VALID.replace("date: 2017-03-30\n", "")),
        lines(f"{MINE}:2:1: required field 'date' is missing (only a draft may leave it out)"),
    ),
    Case(
        "wrong-type-list",
        agreement(VALID.replace("parties:\n  - 山口市\n  - 美祢市\n", "parties: 山口市 美祢市\n")),
        lines(f"{MINE}:4:10: parties: expected a list, not text"),
    ),
    Case(
        "wrong-type-text",
        agreement(VALID + "title: 2017\n"),
        lines(f"{MINE}:7:8: title: expected text, not a number"),
    ),
    Case(
        "wrong-type-date",
        agreement(VALID.replace("date: 2017-03-30", "date: 20170330")),
        lines(f"{MINE}:3:7: date: a date is written as 2017-03-30"),
    ),
    Case(
        "too-few-parties",
        agreement(VALID.replace("  - 美祢市\n", "")),
        lines(f"{MINE}:5:3: parties: needs at least 2 items, not 1"),
    ),
    Case(
        "wrong-role",
        agreement(VALID.replace("  - 美祢市", "  - {name: 美祢市, role: partnr}")),
        lines(f"{MINE}:6:23: parties[1].role: must be 'central' or 'partner', not 'partnr'"),
    ),
    Case(
        "misspelt-key",
        agreement(VALID.replace("parties:", "partys:")),
        lines(
            f"{MINE}:2:1: required field 'parties' is missing",
            f"{MINE}:4:1: unknown key 'partys' (did you mean 'parties'?)",
        ),
    ),
    Case(
        "misspelt-nested-key",
        agreement(VALID + "rows:\n  3(1)イ:\n    txt: 文化の振興に取り組む。\n"),
        lines(f"{MINE}:9:5: rows.3(1)イ: unknown key 'txt' (did you mean 'text'?)"),
    ),
    Case(
        "unknown-role-key",
        agreement(VALID + "roles:\n  centrl: 取組を推進する。\n"),
        lines(f"{MINE}:8:3: roles: unknown key 'centrl' (expected 'central' or 'partner')"),
    ),
    Case(
        "duplicate-key",
        agreement(VALID + "date: 2017-04-01\n"),
        lines(f"{MINE}:7:1: duplicate key 'date' (first at line 3)"),
    ),
    Case(
        "unknown-municipality",
        agreement(VALID.replace("  - 美祢市", "  - 美弥市")),
        lines(f"{MINE}:6:5: parties[1]: unknown municipality '美弥市' (did you mean '美祢市'?){TO_ADD}"),
    ),
    Case(
        "same-party-twice",
        agreement(VALID.replace("  - 美祢市", "  - 山口市")),
        lines(f"{MINE}:6:5: parties[1]: '山口市' is already a party"),
    ),
    Case(
        "impossible-date",
        agreement(VALID.replace("2017-03-30", "2017-02-30")),
        lines(f"{MINE}:3:7: invalid date '2017-02-30': day is out of range for month"),
    ),
    Case(
        "invalid-date",
        agreement(VALID.replace("2017-03-30", "2017-13-01")),
        lines(f"{MINE}:3:7: invalid date '2017-13-01': month must be in 1..12"),
    ),
    Case(
        "quoted-bad-date",
        agreement(VALID.replace("2017-03-30", "'H29.3.30'")),
        lines(f"{MINE}:3:7: date: invalid date 'H29.3.30': write it as 2017-03-30"),
    ),
    Case(
        "date-before-meiji",
        agreement(VALID.replace("2017-03-30", "1872-12-31")),
        lines(
            f"{MINE}:3:7: date: 1872-12-31 is before 1873-01-01 (明治6年1月1日): Japan used the "
            "lunisolar calendar until 明治5年12月2日, so this Gregorian date has no 和暦 form with the same "
            "month and day"
        ),
    ),
    Case(
        "date-with-time",
        agreement(VALID.replace("2017-03-30", "2017-03-30 10:00:00")),
        lines(f"{MINE}:3:7: date: a date has no time of day: write it as 2017-03-30"),
    ),
    Case(
        "python-tag",
        agreement(
            VALID.replace("region: yamaguchi-kenou", 'region: !!python/object/apply:os.system ["touch x"]')
        ),
        lines(f"{MINE}:2:9: unsupported YAML tag '!!python/object/apply:os.system'"),
    ),
    Case(
        "custom-tag",
        agreement(VALID.replace("  - 美祢市", "  - !town 美祢市")),
        lines(f"{MINE}:6:5: unsupported YAML tag '!town'"),
    ),
    Case(
        "alias-bomb",
        agreement(VALID + alias_bomb()),
        # at the first alias that goes over the limit: line 12 is "f: &f [*e, *e, …"
        lines(f"{MINE}:12:8: too many values (aliases expand to more than 100000)"),
    ),
    Case(
        "huge-file",
        agreement(HUGE),
        lines(f"{MINE}: file is too large ({len(HUGE.encode())} bytes; the limit is 1 MiB)"),
    ),
    Case(
        "not-utf8",
        agreement(VALID.encode("shift_jis")),
        lines(f"{MINE}:5:5: the file is not UTF-8 text (byte 0x8E cannot be read); save it as UTF-8"),
    ),
    Case(
        "control-character",
        agreement(VALID + 'title: "連携\\x07協約"\n'),
        lines(f"{MINE}:7:8: control character U+0007 is not allowed in text"),
    ),
    Case(
        "empty-file",
        agreement(""),
        lines(f"{MINE}:1:1: the file is empty"),
    ),
    Case(
        "not-a-mapping",
        agreement("- 山口市\n- 美祢市\n"),
        lines(f"{MINE}:1:1: expected a mapping of keys, not a list"),
    ),
    Case(
        "unknown-region",
        agreement(VALID.replace("region: yamaguchi-kenou", "region: yamaguchi-kenoo")),
        lines(
            f"{MINE}:2:9: region: no yamaguchi-kenoo/region.yaml found in this folder or above "
            "(did you mean 'yamaguchi-kenou'?)"
        ),
    ),
    Case(
        "unknown-region-far-from-any",
        agreement(VALID.replace("region: yamaguchi-kenou", "region: hokkaido")),
        lines(f"{MINE}:2:9: region: no hokkaido/region.yaml found in this folder or above"),
    ),
    Case(
        "no-central-city",  # told at the agreement's parties, not at the region's role wording it breaks
        agreement(VALID.replace("  - 山口市", "  - {name: 山口市, role: partner}")),
        lines(
            f"{MINE}:5:3: parties: no central city: the first party is the central city (連携中枢都市) "
            "unless it says role: partner; give one party role: central"
        ),
    ),
    Case(
        "hostile-region",
        agreement(VALID.replace("region: yamaguchi-kenou", "region: ../../etc")),
        lines(f"{MINE}:2:9: region: may contain only letters a-z, digits, '-' and '_'"),
    ),
    Case(
        "region-name-too-long",
        agreement(VALID.replace("region: yamaguchi-kenou", "region: " + "a" * 300)),
        lines(f"{MINE}:2:9: region: is too long (at most 64 characters)"),
    ),
    Case(
        "unknown-row",
        agreement(VALID + "rows:\n  3(4)ア:\n    text: 文化の振興に取り組む。\n"),
        lines(f"{MINE}:8:3: rows: no 別表 row '3(4)ア' (rows are named like 1ア or 3(1)イ)"),
    ),
    Case(
        "jinja-in-agreement",
        agreement(VALID + "closing: この協約書{{ partys | length }}通を作成する。\n"),
        lines(f"{MINE}:7:10: closing: 'partys' is undefined (did you mean 'parties'?)"),
    ),
    Case(
        "jinja-syntax-in-agreement",
        agreement(VALID + "closing: この協約書{{ parties | length }通を作成する。\n"),
        lines(f"{MINE}:7:10: closing: unexpected '}}'"),
    ),
    # Jinja itself drops a comment opened at the very end of a text, without a word: the text would vanish
    Case(
        "jinja-comment-open-at-the-end",
        agreement(VALID + "closing: 'この協約書を作成する。{#'\n"),
        lines(f"{MINE}:7:10: closing: Missing end of comment tag"),
    ),
    Case(
        "jinja-comment-open-in-a-row-item",
        lambda root: replace_in(root / REGION_FILE, "item: 経済戦略の策定及び推進", "item: '{#-'"),
        lambda root: [
            f"{REGION_FILE}:{position(root / REGION_FILE, chr(39) + '{#-', 0)}: "
            "appendix.fields[0].rows[0].item: Missing end of comment tag"
        ],
    ),
    Case(
        "sandbox-escape-in-yaml",
        agreement(VALID + "preamble: \"{{ ''.__class__.__mro__ }}\"\n"),
        lines(
            f"{MINE}:7:11: preamble: refused: '__class__' of a text is Python's internals, "
            "which a template cannot reach"
        ),
    ),
    Case(
        "jinja-makes-control-character",
        agreement(VALID + "closing: '以上{{ \"\\x0c\" }}'\n"),
        lines(
            f"{MINE}:7:10: closing: control character U+000C is not allowed in a document (the text renders "
            "to it)"
        ),
    ),
    Case(
        "jinja-in-region",
        lambda root: replace_in(root / REGION_FILE, "{{ parties | join_ja }}が連携を図る", PARTYS),
        lambda root: [
            f"{REGION_FILE}:{text_position(root / REGION_FILE, PARTYS)}: articles[0].text[0]: "
            "'partys' is undefined (did you mean 'parties'?)"
        ],
    ),
    Case(
        "region-misspelt-key",
        lambda root: replace_in(root / REGION_FILE, "\nclosing:", "\nclosng:"),
        lambda root: [
            f"{REGION_FILE}:{position(root / REGION_FILE, 'id: yamaguchi-kenou')}: "
            "required field 'closing' is missing",
            f"{REGION_FILE}:{position(root / REGION_FILE, 'closng:')}: unknown key 'closng' (did you mean "
            "'closing'?)",
        ],
    ),
    Case(
        "municipality-misspelt-key",
        lambda root: replace_in(root / TOWNS, "      - name: 西岡晃", "      - nmae: 西岡晃"),
        lambda root: [
            f"{TOWNS}:{position(root / TOWNS, '- nmae: 西岡晃', 2)}: municipalities.美祢市.heads[0]: "
            "required field 'name' is missing",
            f"{TOWNS}:{position(root / TOWNS, 'nmae: 西岡晃')}: municipalities.美祢市.heads[0]: unknown key "
            "'nmae' (did you mean 'name'?)",
        ],
    ),
    Case(
        "municipality-bad-date",
        lambda root: replace_in(
            root / TOWNS, "      - name: 西岡晃", "      - name: 西岡晃\n        since: 2013-02-29"
        ),
        lambda root: [
            f"{TOWNS}:{position(root / TOWNS, '2013-02-29')}: invalid date '2013-02-29': "
            "day is out of range for month"
        ],
    ),
    Case("several-files", several_files, several_files_expected),
    Case(
        "missing-file",
        lambda root: None,
        lines("agreements/yamaguchi-kenou/mien.yaml: no such file or folder"),
        paths=["agreements/yamaguchi-kenou/mien.yaml"],
    ),
    Case(
        "not-an-agreement",
        lambda root: None,
        lines(
            f"{TOWNS}: municipalities.yaml is not an agreement; "
            "name an agreement file or a folder of agreements"
        ),
        paths=[str(TOWNS)],
    ),
    Case(
        "not-an-agreement-file",
        lambda root: (root / "agreements" / "README.md").write_text("# 連携協約\n", encoding="utf-8"),
        lines(
            "agreements/README.md: README.md is not an agreement: an agreement is a .yaml file that names "
            "its region, date and parties"
        ),
        paths=["agreements/README.md"],
    ),
    Case(
        "unreadable-agreement",  # a named pipe: opening it would wait for a writer forever
        lambda root: os.mkfifo(root / REGION / "pipe.yaml"),
        lines(f"{REGION}/pipe.yaml: is not a regular file"),
        paths=[f"{REGION}/pipe.yaml"],
    ),
    Case(
        "agreement-is-a-folder",
        lambda root: (root / REGION / "folder.yaml").mkdir(),
        lines(f"no agreement files in {REGION}/folder.yaml"),
        paths=[f"{REGION}/folder.yaml"],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_mistake(case: Case, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case.make(tree)
    expected = "".join(f"error: {line}\n" for line in case.expected(tree))
    before = snapshot(tree)
    for argv in (["build", "-o", "new-out"], ["build", "-o", "out"], ["check"]):
        status, out, err = run([*argv, *case.paths], capsys)
        assert (status, out, err) == (1, "", expected), argv
    assert snapshot(tree) == before  # nothing written: no new folder, the earlier document unchanged
    assert not (tree / "new-out").exists()


def test_the_copied_region_builds(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The starting point of every case is valid: the cases fail because of their one change."""
    status, out, err = run(["build", "-o", "out", "agreements"], capsys)
    assert (status, out, err) == (0, "wrote 1 document to out/\n", "")
    assert "山口市（以下「甲」という。）及び美祢市（以下「乙」という。）" in document_text(
        tree / "out/yamaguchi-kenou/mine.docx"
    )


# --- paths -------------------------------------------------------------------------------------------------


def test_output_names_stay_in_the_output_folder(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file name that looks like a path still gives <out>/<region>/<stem>.docx."""
    hostile = tree / REGION / "..docx.yaml"
    hostile.write_text(VALID, encoding="utf-8")
    status, _, err = run(["build", "-o", "out", str(hostile.relative_to(tree))], capsys)
    assert (status, err) == (0, "")
    assert (tree / "out/yamaguchi-kenou/..docx.docx").is_file()
    assert sorted(p.name for p in tree.iterdir()) == ["agreements", "out"]


def test_a_link_out_of_the_output_folder_is_not_followed(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tree / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(tree / "out")
    (tree / "out").mkdir()
    (tree / "out" / "yamaguchi-kenou").symlink_to(elsewhere)
    status, out, err = run(["build", "-o", "out"], capsys)
    assert (status, out) == (1, "")
    assert err == "error: out/yamaguchi-kenou/mine.docx: outside the output folder out; not written\n"
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("a-file", "a-file: is a file, not a folder; cannot write a-file/yamaguchi-kenou/mine.docx"),
        ("a-file/sub", "a-file: is a file, not a folder; cannot write a-file/sub/yamaguchi-kenou/mine.docx"),
        ("taken", "taken/yamaguchi-kenou/mine.docx: is a folder; cannot write the document there"),
    ],
    ids=["output-is-a-file", "output-below-a-file", "target-is-a-folder"],
)
def test_unwritable_output(
    output: str, expected: str, tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # tests run as root, whom file modes do not stop; a path through a regular file stops everyone
    (tree / "a-file").write_text("not a folder", encoding="utf-8")
    (tree / "taken" / "yamaguchi-kenou" / "mine.docx").mkdir(parents=True)
    before = snapshot(tree)
    status, out, err = run(["build", "-o", output], capsys)
    assert (status, out, err) == (1, "", f"error: {expected}\n")
    assert snapshot(tree) == before


def test_unreadable_agreement(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / MINE).chmod(0)
    if os.geteuid() == 0:
        # root reads every file whatever its mode (as CI runs): the operating system's refusal is simulated
        real_open = Path.open

        def refuse(self: Path, *args, **kwargs):
            if self.name == Path(MINE).name and self.resolve() == (tree / MINE).resolve():
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refuse)
    status, _, err = run(["build", "-o", "out"], capsys)
    assert (status, err) == (1, f"error: {MINE}: permission denied: the file cannot be read\n")


def test_unreadable_template(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(tree)
    status, _, err = run(["build", "-o", "out", "-t", "templates/none.docx"], capsys)
    assert (status, err) == (1, "error: templates/none.docx: file not found\n")
    status, _, err = run(["build", "-o", "out", "-t", "agreements"], capsys)
    assert (status, err) == (1, "error: agreements: is a folder, not a Word document\n")
    assert snapshot(tree) == before


# --- names in another Unicode form, too many rows, two files for one document ------------------------------


def test_a_party_typed_in_decomposed_unicode_is_the_municipality_and_prints_as_written_there(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import unicodedata

    towns = (tree / TOWNS).read_text(encoding="utf-8")
    entry = (
        "\n  ガラス町:\n    address: ガラス町1番地\n    title: ガラス町長\n"
        "    heads:\n      - name: 硝子\n        known: 2017-03-30\n"
    )
    (tree / TOWNS).write_text(towns + entry, encoding="utf-8")
    nfd = unicodedata.normalize("NFD", "ガラス町")
    assert nfd != "ガラス町"  # ガ is カ + U+3099 in NFD, as macOS writes it
    (tree / MINE).write_text(VALID.replace("  - 美祢市", f"  - {nfd}"), encoding="utf-8")
    status, out, err = run(["build", "-o", "out"], capsys)
    assert (status, err) == (0, "")
    text = document_text(tree / "out/yamaguchi-kenou/mine.docx")
    assert "ガラス町（以下「乙」という。）" in text and nfd not in text


def test_two_keys_that_differ_only_in_unicode_form_are_duplicates(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import unicodedata

    towns = (tree / TOWNS).read_text(encoding="utf-8")
    entry = (
        "\n  {}:\n    address: ガラス町1番地\n    title: ガラス町長\n"
        "    heads:\n      - name: 硝子太郎\n        known: 2017-03-30\n"
    )
    text = towns + entry.format("ガラス町") + entry.format(unicodedata.normalize("NFD", "ガラス町"))
    (tree / TOWNS).write_text(text, encoding="utf-8")
    nfd = unicodedata.normalize("NFD", "ガラス町")
    line = text.count("\n", 0, text.index(f"\n  {nfd}:") + 1) + 1
    first_line = text.count("\n", 0, text.index("\n  ガラス町:") + 1) + 1
    before = snapshot(tree)
    status, out, err = run(["build", "-o", "new-out"], capsys)
    assert (status, out) == (1, "")
    assert err == (
        f"error: {TOWNS}:{line}:3: duplicate key '{nfd}' (first at line {first_line}, "
        "the same name in another Unicode form)\n"
    )
    assert snapshot(tree) == before


def test_more_rows_than_kana_labels_is_a_message_at_the_field(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    region = (tree / REGION_FILE).read_text(encoding="utf-8")
    anchor = "        - item: その他\n          text: 交流人口の拡大"
    rows = "".join(f"        - item: 取組{n}\n          text: 取組{n}に取り組む。\n" for n in range(40))
    (tree / REGION_FILE).write_text(region.replace(anchor, rows + anchor), encoding="utf-8")
    before = snapshot(tree)
    for argv in (["build", "-o", "new-out"], ["check"]):
        status, out, err = run(argv, capsys)
        assert (status, out) == (1, "")
        at = position(tree / REGION_FILE, "- item: その他", 2)  # the 45th row: 4 rows, the 40 added, it
        assert err == (
            f"error: {REGION_FILE}:{at}: appendix.fields[0].rows: 45 rows, and rows are labelled ア to ワ: "
            "at most 44; divide the field into sections (1), (2), … ('sections:')\n"
        )
    assert snapshot(tree) == before


def test_two_files_for_one_document_are_refused_by_check_as_by_build(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / REGION / "mine.yml").write_text(VALID, encoding="utf-8")
    before = snapshot(tree)
    expected = (
        f"error: {REGION}/mine.yml: writes the same document as {MINE} (yamaguchi-kenou/mine.docx); "
        "rename one\n"
    )
    for argv in (["build", "-o", "new-out"], ["check"]):
        status, out, err = run(argv, capsys)
        assert (status, out, err) == (1, "", expected), argv
    assert snapshot(tree) == before


# --- the command line's own help ---------------------------------------------------------------------------


def test_help_shows_each_command_s_summary_whole(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # a common terminal: argparse wraps help to its width
    status, out, _ = run(["--help"], capsys)
    assert status == 0
    commands = out.split("COMMAND\n", 2)[-1].splitlines()
    assert commands == [
        "    build         Build the agreements in PATHS (default: agreements/).",
        "    check         Check agreements and the template without writing anything.",
        # wrapped by display width: 新旧対照表 takes ten columns
        "    amend         Write the amending agreements and 新旧対照表 from OLD to",
        "                  NEW.",
        "    new           Start a new agreement: agreements/REGION/NAME.yaml.",
        "    abolish       Write the agreements that abolish AGREEMENTS.",
        "    import        Turn a signed agreement in Word into docgen's YAML.",
        "    schema        Print the JSON Schema of a YAML file kind (default:",
        "                  agreement).",
        "    serve         Open a workspace in the browser over the agreements of",
        "                  FOLDER.",
    ]
    # each command's own help starts with the same summary, then says more
    status, out, _ = run(["build", "--help"], capsys)
    assert "\nBuild the agreements in PATHS (default: agreements/).\n\nPATHS are agreement files" in out
