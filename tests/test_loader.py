"""Tests of docgen.model.loader: hand-typed YAML read strictly, with the place of every value and every
mistake."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from docgen.base.errors import AgreementError, Problem
from docgen.model import loader
from docgen.model.loader import MAX_BYTES, MAX_NODES, Loaded, load_yaml

NAME = "mine.yaml"  # the display path every test passes, so that messages are predictable


def write(tmp_path: Path, content: str | bytes, name: str = "file.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def load(tmp_path: Path, content: str | bytes) -> Loaded:
    return load_yaml(write(tmp_path, content), display_path=NAME)


def messages(tmp_path: Path, content: str | bytes) -> list[str]:
    with pytest.raises(AgreementError) as caught:
        load(tmp_path, content)
    assert str(caught.value) == "\n".join(str(p) for p in caught.value.problems)
    return [str(problem) for problem in caught.value.problems]


# --- a valid file ------------------------------------------------------------------------------------------

AGREEMENT = """\
# 山口県央連携都市圏域形成に係る連携協約
region: yamaguchi-kenou
date: 2017-03-30
parties:
  - 山口市
  - 美祢市
signing:
  place: 山口市役所　本館
  note: "「甲」及び「乙」 & <b> {{ x }} 🎌"
"""


def test_valid_agreement(tmp_path: Path) -> None:
    loaded = load(tmp_path, AGREEMENT)
    assert loaded.data == {
        "region": "yamaguchi-kenou",
        "date": dt.date(2017, 3, 30),
        "parties": ["山口市", "美祢市"],
        "signing": {"place": "山口市役所\u3000本館", "note": "「甲」及び「乙」 & <b> {{ x }} 🎌"},
    }
    assert type(loaded.data["date"]) is dt.date
    assert loaded.path == tmp_path / "file.yaml"
    assert loaded.marks[()] == (2, 1)
    assert loaded.marks[("region",)] == (2, 9)
    assert loaded.marks[("date",)] == (3, 7)
    assert loaded.marks[("parties",)] == (5, 3)
    assert loaded.marks[("parties", 0)] == (5, 5)
    assert loaded.marks[("parties", 1)] == (6, 5)
    assert loaded.marks[("signing", "note")] == (9, 9)
    assert loaded.key_marks[("date",)] == (3, 1)
    assert loaded.key_marks[("parties",)] == (4, 1)
    assert loaded.key_marks[("signing", "note")] == (9, 3)
    assert ("parties", 1) not in loaded.key_marks  # list items have no key


def test_where_and_problem(tmp_path: Path) -> None:
    loaded = load(tmp_path, AGREEMENT)
    assert loaded.where(["parties", 1]) == (6, 5)
    assert loaded.where(("date",), key=True) == (3, 1)
    assert loaded.where(("parties", 1), key=True) == (6, 5)  # not a mapping entry: the value's place
    # a missing field points at the mapping (or list) that lacks it
    assert loaded.where(("signing", "head")) == (8, 3)
    assert loaded.where(("signing", "head"), key=True) == (8, 3)
    assert loaded.where(("parties", 5, "name")) == (5, 3)
    assert loaded.where(("nowhere", 1)) == (2, 1)
    assert loaded.problem(("parties", 1), "unknown municipality") == Problem(
        NAME, 6, 5, "unknown municipality"
    )
    assert str(loaded.problem(("date",), "bad", key=True)) == "mine.yaml:3:1: bad"


def test_display_path_defaults_to_path(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n")
    assert str(load_yaml(path).problem(("a",), "x")) == f"{path}:1:4: x"
    with pytest.raises(AgreementError) as caught:
        load_yaml(write(tmp_path, "a: 2017-02-30\n"))
    assert str(caught.value) == f"{path}:1:4: invalid date '2017-02-30': day is out of range for month"


@pytest.mark.parametrize(
    ("content", "data"),
    [
        ("", None),
        ("# only a comment\n", None),
        ("---\n", None),
        ("\ufeffname: 山口市\n", {"name": "山口市"}),
        ("a: 1\r\nb: 2\r\n", {"a": 1, "b": 2}),
    ],
    ids=["empty", "comment", "empty-document", "bom", "crlf"],
)
def test_empty_and_encodings(tmp_path: Path, content: str, data: object) -> None:
    assert load(tmp_path, content).data == data


def test_bom_does_not_shift_columns(tmp_path: Path) -> None:
    loaded = load(tmp_path, "\ufeffname: 山口市\n")
    assert loaded.marks[("name",)] == (1, 7)
    assert loaded.key_marks[("name",)] == (1, 1)


def test_empty_file_problem_has_no_position(tmp_path: Path) -> None:
    loaded = load(tmp_path, "")
    assert loaded.data is None
    assert str(loaded.problem((), "the file is empty")) == "mine.yaml: the file is empty"


# --- YAML 1.2 scalars --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # YAML 1.1 booleans stay text: a town named no, a value on
        ("yes", "yes"),
        ("no", "no"),
        ("No", "No"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("n", "n"),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("tRUE", "tRUE"),
        # nulls
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("", None),
        ("nULL", "nULL"),
        # numbers: decimal only; no sexagesimal, underscores, octal, hex or leading zeros
        ("12", 12),
        ("-3", -3),
        ("+7", 7),
        ("0", 0),
        ("1:30", "1:30"),
        ("190:20:30", "190:20:30"),
        ("1_000", "1_000"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("017", "017"),
        ("0b101", "0b101"),
        ("1.5", 1.5),
        ("-0.25", -0.25),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("2.5E-1", 0.25),
        (".inf", math.inf),
        ("-.inf", -math.inf),
        ("1,000", "1,000"),
        # dates
        ("2017-03-30", dt.date(2017, 3, 30)),
        ("'2017-03-30'", "2017-03-30"),
        ('"2017-03-30"', "2017-03-30"),
        ("2017-3-30", "2017-3-30"),
        ("2017-03-30 10:15:00", dt.datetime(2017, 3, 30, 10, 15)),
        (
            "2017-03-30T10:15:00.5+09:00",
            dt.datetime(2017, 3, 30, 10, 15, 0, 500000, dt.timezone(dt.timedelta(hours=9))),
        ),
        ("2017-03-30T10:15:00Z", dt.datetime(2017, 3, 30, 10, 15, tzinfo=dt.timezone.utc)),
        # text is kept exactly as written
        ("平成29年3月30日", "平成29年3月30日"),
        ("'　全角スペース　'", "\u3000全角スペース\u3000"),
        ('"tab\\there"', "tab\there"),
        ("'<&>\"'", '<&>"'),
        ("'{{ 甲 }}'", "{{ 甲 }}"),
        ("=", "="),
        ("'no'", "no"),
        # standard explicit tags
        ("!!str 12", "12"),
        ("!!str yes", "yes"),
        ("!!int '12'", 12),
        ("!!float 12", 12.0),
        ("!!bool 'true'", True),
        ("!!null ''", None),
        ("!!timestamp '2017-03-30'", dt.date(2017, 3, 30)),
    ],
)
def test_scalars(tmp_path: Path, text: str, value: object) -> None:
    data = load(tmp_path, f"value: {text}\n").data
    assert data == {"value": value}
    assert type(data["value"]) is type(value)


def test_nan(tmp_path: Path) -> None:
    assert math.isnan(load(tmp_path, "a: .nan\n").data["a"])


def test_block_scalars_keep_text(tmp_path: Path) -> None:
    content = "a: |\n  第1条　目的\n  　甲及び乙は、\nb: >-\n  one\n  two\n"
    assert load(tmp_path, content).data == {"a": "第1条　目的\n　甲及び乙は、\n", "b": "one two"}


def test_global_safe_loader_is_untouched(tmp_path: Path) -> None:
    import yaml

    load(tmp_path, "a: no\n")
    assert yaml.safe_load("a: no\nb: 1:30\n") == {"a": False, "b": 90}


# --- aliases -----------------------------------------------------------------------------------------------


def test_aliases_are_expanded_with_marks(tmp_path: Path) -> None:
    content = "base: &head\n  title: 市長\n  name: 山口太郎\nother: *head\n"
    loaded = load(tmp_path, content)
    assert loaded.data["other"] == {"title": "市長", "name": "山口太郎"}
    assert loaded.marks[("other",)] == (4, 8)  # the alias itself
    assert loaded.marks[("other", "name")] == (3, 9)  # inside: where the value is written
    assert loaded.key_marks[("other", "name")] == (3, 3)


def test_billion_laughs(tmp_path: Path) -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    # the aliases of lines 2 to 5 expand to 90 + 819 + 7380 + 66429 = 74718 values, and the first *e of line 6
    # to 66430 more: there the limit is passed
    assert messages(tmp_path, "\n".join(lines) + "\n") == [
        f"mine.yaml:6:8: too many values (aliases expand to more than {MAX_NODES})"
    ]
    assert MAX_NODES == 100_000


def test_alias_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_NODES", 15)
    # 15 nodes are written (the root, 3 keys, a list of 10); b's alias expands to 11 values and c's to 11 more
    content = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: *a\nc: *a\n"
    assert messages(tmp_path, content) == ["mine.yaml:3:4: too many values (aliases expand to more than 15)"]


def test_too_many_values_without_aliases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_NODES", 10)
    content = "items:\n" + "".join(f"  - {i}\n" for i in range(20))
    # the root mapping, "items", its list and 7 items make 10 values; the 8th item (line 9) is one too many
    assert messages(tmp_path, content) == ["mine.yaml:9:5: too many values (more than 10)"]


def test_recursive_aliases(tmp_path: Path) -> None:
    content = "a: &a [1, *a]\nb: &b\n  x: *b\n"
    assert messages(tmp_path, content) == [
        "mine.yaml:1:11: recursive alias '*a' (it is inside the value it names)",
        "mine.yaml:3:6: recursive alias '*b' (it is inside the value it names)",
    ]


def test_problem_inside_an_anchor_is_reported_once(tmp_path: Path) -> None:
    content = "a: &a {day: 2017-02-30}\nb: *a\nc: *a\n"
    assert messages(tmp_path, content) == [
        "mine.yaml:1:13: invalid date '2017-02-30': day is out of range for month"
    ]


# --- nesting -----------------------------------------------------------------------------------------------


def test_nesting_limit(tmp_path: Path) -> None:
    ok = "a: " + "[" * 63 + "]" * 63 + "\n"  # the root mapping and 63 lists: 64 levels
    assert load(tmp_path, ok).data is not None
    # the 64th list, the 65th level, starts at column 4 + 63
    assert messages(tmp_path, "a: " + "[" * 64 + "]" * 64 + "\n") == [
        "mine.yaml:1:67: nesting is too deep (more than 64 levels)"
    ]


def test_very_deep_nesting_is_no_recursion_error(tmp_path: Path) -> None:
    assert messages(tmp_path, "[" * 100_000 + "]" * 100_000) == [
        "mine.yaml:1:65: nesting is too deep (more than 64 levels)"
    ]


def test_nesting_through_aliases(tmp_path: Path) -> None:
    content = "a: &a " + "[" * 40 + "]" * 40 + "\nb: " + "[" * 30 + "*a" + "]" * 30 + "\n"
    assert messages(tmp_path, content) == ["mine.yaml:2:34: nesting is too deep (more than 64 levels)"]


# --- problems in values and keys, collected --------------------------------------------------------------

PROBLEM_CASES = [
    pytest.param(
        "date: 2017-02-30\n",
        ["mine.yaml:1:7: invalid date '2017-02-30': day is out of range for month"],
        id="bad-day",
    ),
    pytest.param(
        "date: 2017-13-01\n",
        ["mine.yaml:1:7: invalid date '2017-13-01': month must be in 1..12"],
        id="bad-month",
    ),
    pytest.param(
        "at: 2017-03-30 24:00:00\n",
        ["mine.yaml:1:5: invalid date and time '2017-03-30 24:00:00': hour must be in 0..23"],
        id="bad-hour",
    ),
    pytest.param(
        "region: x\n1: a\ntrue: b\n~: c\n2017-03-30: d\n[a, b]: e\n{a: 1}: f\n'1': ok\n",
        [
            "mine.yaml:2:1: keys must be text",
            "mine.yaml:3:1: keys must be text",
            "mine.yaml:4:1: keys must be text",
            "mine.yaml:5:1: keys must be text",
            "mine.yaml:6:1: keys must be text",
            "mine.yaml:7:1: keys must be text",
        ],
        id="keys",
    ),
    pytest.param(
        "region: x\ndate: 2017-03-30\nparties: []\ndate: 2017-04-01\nsigning:\n  place: a\n  place: b\n",
        [
            "mine.yaml:4:1: duplicate key 'date' (first at line 2)",
            "mine.yaml:7:3: duplicate key 'place' (first at line 6)",
        ],
        id="duplicate-keys",
    ),
    pytest.param(
        "a: {x: 1, x: 2}\n", ["mine.yaml:1:11: duplicate key 'x' (first at line 1)"], id="duplicate-flow"
    ),
    pytest.param(
        "base: &b {x: 1}\nmine:\n  <<: *b\n  y: 2\n",
        ["mine.yaml:3:3: merge keys ('<<') are not supported; write the keys out"],
        id="merge-key",
    ),
    pytest.param(
        'a: "bell\\a"\nb: "\\x0b"\nc: "\\x1f"\nd: "\\0"\n'
        'e: "\\uFFFE"\nf: "\\uffff"\ng: "\\ud800"\n"\\x01": x\n',
        [
            "mine.yaml:1:4: control character U+0007 is not allowed in text",
            "mine.yaml:2:4: control character U+000B is not allowed in text",
            "mine.yaml:3:4: control character U+001F is not allowed in text",
            "mine.yaml:4:4: control character U+0000 is not allowed in text",
            "mine.yaml:5:4: character U+FFFE is not allowed in text",
            "mine.yaml:6:4: character U+FFFF is not allowed in text",
            "mine.yaml:7:4: lone surrogate U+D800 is not allowed in text",
            "mine.yaml:8:1: control character U+0001 is not allowed in text",
        ],
        id="control-characters",
    ),
    pytest.param(
        "a: x\x07y\nb: ok\nc: \x1b[0m\n",
        [
            "mine.yaml:1:5: control character U+0007 is not allowed in a YAML file",
            "mine.yaml:3:4: control character U+001B is not allowed in a YAML file",
        ],
        id="raw-control-characters",
    ),
    pytest.param(
        "a: !!python/object/apply:os.system\n  - echo hi\nb: !!python/name:os.system\nc: !custom x\n"
        "d: !!binary aGVsbG8=\ne: !!set {a, b}\nf: !!omap [a: 1]\ng: !<tag:example.com,2024:x> 1\n"
        "!custom h: 1\n",
        [
            "mine.yaml:1:4: unsupported YAML tag '!!python/object/apply:os.system'",
            "mine.yaml:3:4: unsupported YAML tag '!!python/name:os.system'",
            "mine.yaml:4:4: unsupported YAML tag '!custom'",
            "mine.yaml:5:4: unsupported YAML tag '!!binary'",
            "mine.yaml:6:4: unsupported YAML tag '!!set'",
            "mine.yaml:7:4: unsupported YAML tag '!!omap'",
            "mine.yaml:8:4: unsupported YAML tag 'tag:example.com,2024:x'",
            "mine.yaml:9:1: unsupported YAML tag '!custom'",
        ],
        id="tags",
    ),
    pytest.param(
        "a: !!bool yes\nb: !!int 1:30\nc: !!timestamp 2017-3-30\nd: !!null none\ne: !!seq {}\n",
        [
            "mine.yaml:1:4: 'yes' is not a valid !!bool value",
            "mine.yaml:2:4: '1:30' is not a valid !!int value",
            "mine.yaml:3:4: '2017-3-30' is not a valid !!timestamp value",
            "mine.yaml:4:4: 'none' is not a valid !!null value",
            "mine.yaml:5:4: unsupported YAML tag '!!seq'",
        ],
        id="explicit-tags-with-wrong-values",
    ),
    pytest.param(
        # several kinds of problems in one file, reported together in document order
        "region: x\ndate: 2017-02-30\nparties:\n  - 山口市\n  - !!python/name:os.system\nregion: y\n"
        "dates:\n  - 2017-02-29\n  - 2016-02-29\n  - 2017-04-31\n",
        [
            "mine.yaml:2:7: invalid date '2017-02-30': day is out of range for month",
            "mine.yaml:5:5: unsupported YAML tag '!!python/name:os.system'",
            "mine.yaml:6:1: duplicate key 'region' (first at line 1)",
            "mine.yaml:8:5: invalid date '2017-02-29': day is out of range for month",
            "mine.yaml:10:5: invalid date '2017-04-31': day is out of range for month",
        ],
        id="collected",
    ),
]


@pytest.mark.parametrize(("content", "expected"), PROBLEM_CASES)
def test_problems(tmp_path: Path, content: str, expected: list[str]) -> None:
    assert messages(tmp_path, content) == expected


def test_python_tags_run_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    content = f'x: !!python/object/apply:os.system ["echo pwned > {marker}"]\n'
    assert messages(tmp_path, content) == [
        "mine.yaml:1:4: unsupported YAML tag '!!python/object/apply:os.system'"
    ]
    assert not marker.exists()


# --- syntax errors: one problem, at the first one ---------------------------------------------------------

# PyYAML's words said as what to fix (issue #12); the rarer ones stay PyYAML's
UNEXPECTED_COLON = (
    "unexpected ':' here: a key must line up with the keys above it, and a value that holds ': ' needs "
    'quotes ("…")'
)
SYNTAX_CASES = [
    pytest.param(
        "region: x\ndate: 2017-03-30\n  parties: y\n",
        "3:10: " + UNEXPECTED_COLON,
        id="indented-key",
    ),
    pytest.param("a: b: c\n", "1:5: " + UNEXPECTED_COLON, id="colon-in-value"),
    pytest.param(
        "parties:\n\t- 山口市\n",
        "2:1: found character '\\t' that cannot start any token (use spaces instead of tabs)",
        id="tab-indent",
    ),
    pytest.param(
        "parties: [山口市, 美祢市\n",
        "2:1: the list '[' opened at line 1, column 10 is never closed with ']'",
        id="unclosed-flow",
    ),
    pytest.param(
        "a: '山口\n",
        "2:1: the quoted text that begins at line 1, column 4 is never closed: add the closing quote",
        id="unclosed-quote",
    ),
    pytest.param(
        'a: "\\q"\n',
        "1:6: found unknown escape character 'q' (while scanning a double-quoted scalar at line 1, column 4)",
        id="bad-escape",
    ),
    pytest.param(
        "a: 1\n- b\n",
        "2:1: this line does not line up with the block that begins at line 1: indent it like the others",
        id="list-after-mapping",
    ),
    pytest.param(
        "a: 1\n---\nb: 2\n",
        "2:1: expected a single document in the file, but found another document",
        id="two-documents",
    ),
    pytest.param("a: *nowhere\n", "1:4: found undefined alias 'nowhere'", id="undefined-alias"),
    pytest.param("a: &x 1\nb: &x 2\n", "2:4: duplicate anchor 'x' (first at line 1)", id="duplicate-anchor"),
    pytest.param(
        "a: 2017-02-30\nb: [\n",
        "3:1: expected the node content, but found '<stream end>'",
        id="stops-at-first",
    ),
]


@pytest.mark.parametrize(("content", "expected"), SYNTAX_CASES)
def test_syntax_errors(tmp_path: Path, content: str, expected: str) -> None:
    assert messages(tmp_path, content) == [f"{NAME}:{expected}"]


# --- reading the file --------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AgreementError) as caught:
        load_yaml(tmp_path / "nothing.yaml", display_path="agreements/nothing.yaml")
    assert str(caught.value) == "agreements/nothing.yaml: file not found"
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(AgreementError) as caught:
        load_yaml(tmp_path, display_path="agreements")
    assert str(caught.value) == "agreements: is a folder, not a file"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "a: 1\n")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    # chmod cannot take the right to read away from root, who may run the tests
    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(AgreementError) as caught:
        load_yaml(path, display_path=NAME)
    assert str(caught.value) == "mine.yaml: permission denied: the file cannot be read"


def test_file_too_large(tmp_path: Path) -> None:
    content = "a: " + "x" * (MAX_BYTES - 3) + "\n"  # MAX_BYTES + 1 bytes
    assert messages(tmp_path, content) == [
        f"mine.yaml: file is too large ({MAX_BYTES + 1} bytes; the limit is 1 MiB)"
    ]
    assert load(tmp_path, content[: MAX_BYTES - 1] + "\n").data == {"a": "x" * (MAX_BYTES - 4)}


def test_not_utf8(tmp_path: Path) -> None:
    content = b"region: yamaguchi-kenou\nparties:\n  - " + "美祢市".encode("shift_jis") + b"\n"
    assert messages(tmp_path, content) == [
        "mine.yaml:3:5: the file is not UTF-8 text (byte 0x94 cannot be read); save it as UTF-8"
    ]


def test_not_utf8_counts_characters_not_bytes(tmp_path: Path) -> None:
    content = "名前: 山口".encode() + b"\xff\n"
    assert messages(tmp_path, content) == [
        "mine.yaml:1:7: the file is not UTF-8 text (byte 0xFF cannot be read); save it as UTF-8"
    ]


def test_not_utf8_after_a_bom_counts_from_the_text(tmp_path: Path) -> None:
    # the BOM is not a column: the bad byte is the 7th character of line 1, as without a BOM
    content = b"\xef\xbb\xbf" + "名前: 山口".encode() + b"\xff\n"
    assert messages(tmp_path, content) == [
        "mine.yaml:1:7: the file is not UTF-8 text (byte 0xFF cannot be read); save it as UTF-8"
    ]


def test_utf16(tmp_path: Path) -> None:
    assert messages(tmp_path, "a: 山口市\n".encode("utf-16")) == [
        "mine.yaml:1:1: the file is saved as UTF-16; save it as UTF-8"
    ]


# --- the fast path: LibYAML's events composed into the same tree ------------------------------------------


def _tree(node: object, depth: int = 0) -> object:
    """A node tree as plain data: tags, values, styles and positions (aliases by their anchor)."""
    import yaml.nodes

    if depth > 30:
        return "…"
    if isinstance(node, loader._Alias):
        return (
            "alias",
            node.anchor,
            node.start_mark.line,
            node.start_mark.column,
            _tree(node.target, depth + 5),
        )
    mark = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.nodes.ScalarNode):
        return (node.tag, node.value, node.style, mark)
    if isinstance(node, yaml.nodes.SequenceNode):
        return (node.tag, mark, node.flow_style, [_tree(item, depth + 1) for item in node.value])
    return (
        node.tag,
        mark,
        node.flow_style,
        [(_tree(k, depth + 1), _tree(v, depth + 1)) for k, v in node.value],
    )


FAST_CASES = [
    *(
        path.read_text(encoding="utf-8")
        for path in sorted(Path(__file__).parent.parent.glob("agreements/**/*.yaml"))
    ),
    "a: &x [1, 2]\nb: *x\n",
    "<<: 1\n'<<': 2\n",
    "a: !!str 12\nb: yes\nc: 0o17\nd: !town x\ne: !!python/object:os.system []\n",
    "- a\n- {b: c}\n",
    "a: |\n  x\n  y\nb: >-\n  z\n",
    "--- a\n...\n",
    "a: 'x'\nb: \"y\"\n? [1]\n: 2\n",
    "a: &a [*a]\n",
    "- &x 1\n- *x\n- &y [a, &z b, *z]\n",
]


@pytest.mark.parametrize("text", FAST_CASES)
def test_libyaml_events_compose_the_tree_pyyaml_composes(text: str) -> None:
    fast = loader._compose_from_libyaml(text)
    assert fast is not loader._SLOW
    slow = loader._Loader(text).get_single_node()
    assert _tree(fast) == _tree(slow)


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2\n",
        "a: &x 1\nb: &x 2\n",
        "a: *nothing\n",
        "--- 1\n--- 2\n",
        "a:\n\t- b\n",
        "[" * 100 + "]" * 100,
    ],
    ids=["syntax", "duplicate-anchor", "undefined-alias", "two-documents", "tab", "too-deep"],
)
def test_anything_unusual_is_left_to_pyyamls_parser_and_its_messages(text: str) -> None:
    assert loader._compose_from_libyaml(text) is loader._SLOW
