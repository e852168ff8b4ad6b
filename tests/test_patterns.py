"""docgen's regular expressions made from the data recorded ahead (docgen.base.patterns) are re.compile's own:
the data is today's, each pattern equals and matches like re.compile's, and another Python falls back."""

from __future__ import annotations

import _sre
import ast
import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from docgen.base import chars, ja, patterns, patterns_ahead, patterns_data

ROOT = Path(__file__).resolve().parent.parent
RECORDED = sorted(patterns_data.PATTERNS, key=lambda key: (isinstance(key[0], bytes), key))

# what the patterns are about: control characters, the line breaks YAML knows, noncharacters, lone surrogates,
# full-width digits and letters, kana, Jinja tags, printf formats, YAML scalars, WordprocessingML, PDF
EDGES = [
    "",
    "\x00",
    "a\x08b\tc\nd\x0be\x0cf\rg\x0eh\x1fi\x7fj\x85k\x9fl",
    "甲\u2028乙\u2029丙\ufeff丁\ufffe戊\uffff己",
    "\ud800",
    "前\udfff後\ud83d",
    "1行目\r\n2行目\n\n\n\n3行目\r4行目",
    "第１条　第12条 第３条の２ 法第4条 令第5条（第6条） 第7条の見出し",
    "同条第2項 前条第1項 次条第3項 前各条 前2条 前各項 前3項 同項 第4項 ３条第5項",
    "前条に規定する目的を達成するため、第2条の規定による事務を",
    "本連携協約書2通を作成し、本協定書３通を作成する。証するため",
    "山口市、美祢市及び宇部市は、萩市並びに防府市と",
    "である山口県央連携都市圏域（以下「圏域」という。）",
    "令和元年4月1日 令和　７年　１２月　３日 平成31年４月30日",
    "この協約は、その日の翌日から起算して6月を経過した日から 三箇月を経過した日",
    "（目的） (趣旨) 別表第1（第3条関係） 別表 附　則 附則",
    "甲　山口市長 伊藤　和貴 乙 美祢市長 (印) 印 （印）",
    "１　保健 2 医療 （1）　教育 (ア) 産業 ア　観光 a 交通 (a) 環境 ① 防災 ⑴ 福祉 ㈠ 文化",
    "ｶﾅ カタカナ ひらがな 々〆〇 ヽヾ ゝゞ 漢字 㐀 豈 ＡＢＣ ａｂｃ ０１２",
    '{{ name }} {% if x %}{%- p endif -%} {# note #} {%tr for r in rows %} {{ a.b | join_ja("、") }}',
    "{{ parties | length }} {{ x|join_ja('・') }} {{ broken }",
    "%s %d %(name)s %-5.2f %*d %% %(a)r %ld %.*s %(",
    "</w:p>{% endfor %}</w:tc>{%tr endif %}</w:tbl>{%",
    'w:val="1" r:id=\'rId5\' xml:space="preserve"',
    "word/document.xml word/header2.xml word/footer.xml word/footnotes.xml word/styles.xml",
    "Invalid value for attribute 'val': Value 'true' is not in allowed values: ['off', 'on']",
    "Unexpected element 'w:rPr' found",
    "true True TRUE false False yes No on OFF y N ~ null Null NULL 2026-12-06 2026-1-2T10:00",
    "-12 +0 0 012 1.5e3 .5 -.inf .NaN 3.14 1_000 0x1F",
    "    indented\nnot\n    \tx",
    "usage: docgen [-h] (--a | --b) [--lang {ja,en}] FILE ...",
    "mine ube-hofu sanyo_onoda 9x -bad BAD! main~1 v1.0^{} HEAD@{1}",
    "且つ 及び 若しくは 並びに 又は",
    "a\u3000b  c\u00a0d",
]
BYTES_EDGES = [
    b"",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    b"1 0 obj\n<< /Type /Pages /Kids [3 0 R] >>\nendobj\n3 0 obj << /Type /Page /Parent 1 0 R >>",
    b"5 0 obj\n<< /Type /ObjStm /N 3 /First 20 /Length 100 >>\nstream\r\n\x00\x01\xff\nendstream",
    b"9 0 obj << /Type/XRef /W [1 2 1] >> stream\nxyz",
    b"xref\n0 6\n0000000000 65535 f \ntrailer\n<< /Size 6 >>\nstartxref\n1234\n%%EOF\n",
    b"startxref 99 %%EOF",
]


def _samples() -> list[str]:
    texts = [ROOT / "tests" / "data" / "yamaguchi-mine-agreement.txt"]
    texts += sorted((ROOT / "agreements" / "yamaguchi-kenou").glob("*.yaml"))[:3]
    lines = [line for path in texts for line in path.read_text(encoding="utf-8").splitlines()]
    return EDGES + lines + ["\n".join(EDGES)]


SAMPLES = _samples()


def _matching(pattern: re.Pattern, text: Any) -> list:
    """What a pattern finds in a text, every way docgen asks."""
    found = [(m.span(), m.groups(), m.groupdict(), m.lastgroup) for m in pattern.finditer(text)]
    match, full = pattern.match(text), pattern.fullmatch(text)
    return [
        found,
        match and (match.span(), match.groups()),
        full and full.span(),
        pattern.split(text),
        pattern.sub(lambda m: "<" * len(m.group()) if isinstance(text, str) else b"<", text),
    ]


def test_the_recorded_patterns_are_todays() -> None:
    # a new or changed pattern given to regex needs `python -m docgen.base.patterns_ahead`
    assert patterns_ahead.recorded() == patterns_ahead.TARGET.read_text(encoding="utf-8")


def test_this_python_uses_the_recorded_data() -> None:
    # CI runs Debian's Python 3.11, as the data was recorded with (the test above fails under another, as
    # tests/test_screens.py does); under another minor version the data is not used
    if patterns.here() == patterns_data.MADE_WITH:
        assert patterns.AHEAD is patterns_data.PATTERNS
    else:
        assert patterns.AHEAD == {}
    assert len(RECORDED) > 90  # every module-level pattern of docgen, the importer's and the web's included


@pytest.mark.parametrize(("source", "flags"), RECORDED, ids=[repr(key)[:60] for key in RECORDED])
def test_a_recorded_pattern_is_re_compiles(source: str | bytes, flags: int) -> None:
    fast, slow = patterns.regex(source, flags), re.compile(source, flags)
    assert (fast is not slow) == bool(patterns.AHEAD)  # made from the data, not taken from re's cache
    assert type(fast) is re.Pattern
    assert (fast.pattern, fast.flags, fast.groups, dict(fast.groupindex)) == (
        slow.pattern,
        slow.flags,
        slow.groups,
        dict(slow.groupindex),
    )
    assert fast == slow  # CPython compares the flags, the source and the compiled code word for word
    texts = BYTES_EDGES + [text.encode("utf-8", "surrogatepass") for text in SAMPLES[:40]]
    for text in texts if isinstance(source, bytes) else SAMPLES:
        assert _matching(fast, text) == _matching(slow, text), text


def test_the_edge_characters_are_found() -> None:
    # expectations written by hand from what each pattern is for
    assert chars.BAD_TEXT.findall("a\x00b\tc\nd\x0be\r\x1f\x7f\x85\u2028\ufeff\ufffe\uffff\ud800\udfff") == [
        "\x00", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800", "\udfff"
    ]  # fmt: skip
    assert chars.BAD_NAME.findall("山口市\t\x7f\x85\x9f\xa0\u2028\u2029\ufeff\u3000\ud800") == [
        "\t", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufeff", "\ud800"
    ]  # fmt: skip
    text = "第１条及び第12条、第3条の2、法第4条、令第5条、（第6条）"
    assert ja.ARTICLE_NUMBER.findall(text) == ["１", "12", "6"]


def _loaded_again() -> Any:
    """docgen.base.patterns as a fresh import would make it now."""
    spec = importlib.util.spec_from_file_location("patterns_again", patterns.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "other",
    [
        ("MAGIC", _sre.MAGIC + 1),  # another version of the regular expression engine
        ("CODESIZE", 2),
        ("version_info", (3, 12, 0, "final", 0)),
        ("byteorder", "big" if sys.byteorder == "little" else "little"),
    ],
    ids=["magic", "codesize", "python", "byteorder"],
)
def test_another_python_falls_back_to_re_compile(
    other: tuple[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    name, value = other
    monkeypatch.setattr(_sre if name in ("MAGIC", "CODESIZE") else sys, name, value)
    again = _loaded_again()
    monkeypatch.undo()
    assert again.AHEAD == {}
    for source, flags in RECORDED[:10]:
        assert again.regex(source, flags) is re.compile(source, flags)  # re.compile's, from its cache
    assert patterns.regex(*RECORDED[0]) is not re.compile(*RECORDED[0])


def test_the_same_python_uses_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    again = _loaded_again()
    assert again.AHEAD is patterns_data.PATTERNS


def test_a_pattern_not_recorded_is_re_compiles() -> None:
    source = r"(?P<年>\d{4})年度"  # made at run time, nowhere in docgen's source
    assert (source, 0) not in patterns_data.PATTERNS
    made = patterns.regex(source)
    assert made is re.compile(source)
    assert made.match("2026年度").group("年") == "2026"


# re.compile where regex is not wanted: the help screen's three (docgen/commands/screens.py says why), and
# patterns built from data at run time, which cannot be recorded
RE_COMPILE_KEPT = {
    "docgen/base/patterns.py": 1,  # the fallback
    "docgen/base/patterns_ahead.py": 1,  # a mistake in a pattern is told as re tells it
    "docgen/commands/screens.py": 3,
    "docgen/word/template.py": 1,  # a name quoted by a template error
    "docgen/importer/convert.py": 1,  # the member names of the document being imported
}


def test_docgen_compiles_its_patterns_through_regex() -> None:
    found: dict[str, int] = {}
    for path in sorted((ROOT / "docgen").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "compile"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
            ):
                name = path.relative_to(ROOT).as_posix()
                found[name] = found.get(name, 0) + 1
    # a new constant pattern: regex(...) from docgen.base.patterns, then python -m docgen.base.patterns_ahead
    assert found == RE_COMPILE_KEPT
