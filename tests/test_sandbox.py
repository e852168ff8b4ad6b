"""A template or a text field from elsewhere can neither build a value that takes all memory nor work without
end: each way to try is refused at the field (or the template's tag), saying what and the limit, with exit
status 1 and nothing written.

Each case puts one expression into the region's closing sentence and runs ``docgen build``. Before the
sandbox's limits, most of these took tens of seconds and several GB, or never ended (benchmarks/hostile.py
measures them); none of them may now take more than a moment, which the tests check only by running under a
generous time-out, never by timing.
"""

from __future__ import annotations

import json
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from docx_text import document_text
from helpers import ROOT, copy_mine_agreement, run, snapshot
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

import docgen
from docgen.base import budget, sandbox

PREVIOUS = b"a document written by an earlier run"
REGION_FILE = "agreements/yamaguchi-kenou/region.yaml"


@pytest.fixture
def region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the Mine agreement's files and an earlier run's output; cwd there."""
    monkeypatch.chdir(tmp_path)
    previous = tmp_path / "out" / "yamaguchi-kenou" / "mine.docx"
    previous.parent.mkdir(parents=True)
    previous.write_bytes(PREVIOUS)
    return copy_mine_agreement(tmp_path)


@pytest.fixture(autouse=True)
def time_out() -> Iterator[None]:
    """Fail a test that runs for a minute instead of hanging the suite (the tests run in the main thread)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError("the test ran for more than 60 seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 60)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def set_closing(region: Path, closing: str) -> int:
    """Replace the region's closing sentence (a YAML string in double quotes); the line it is on."""
    file = region / "yamaguchi-kenou" / "region.yaml"
    lines = file.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("closing:"))
    lines[index : index + 2] = [f"closing: {json.dumps(closing, ensure_ascii=False)}", ""]
    file.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def only_this_limit(message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lift the other limit of the render's budget, so that a slow or busy machine cannot change which of time
    and steps runs out first: each test below meets the limit its message names."""
    if message == LATE:
        monkeypatch.setattr(budget, "MAX_STEPS", 10**9)
    else:
        monkeypatch.setattr(budget, "MAX_SECONDS", 30.0)


def refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str = "build") -> str:
    """Run docgen; what it wrote after the place of the closing sentence, once the run is known to have
    failed without writing anything."""
    before = snapshot(tmp_path)
    argv = ["build", "-o", "out"] if command == "build" else ["check"]
    status, out, err = run(argv, capsys)
    assert (status, out) == (1, "")
    assert snapshot(tmp_path) == before
    lines = err.split("\n")
    assert len(lines) == 2 and lines[1] == "", err
    return lines[0]


TEXT = "characters (the limit is 1000000)"
ITEMS = "items (the limit is 100000)"
MORE = "more than 1000000 characters (the limit is 1000000)"  # counted only until the limit was passed
STEPS = "refused: more than 250000 steps (loop passes, calls, filters and lookups; the limit is 250000)"
LATE = "refused: still running after 2 seconds (the limit)"
# a million searches through a million characters, in few steps: long past the time limit on any machine
SLOW = (
    "{% set s = 'a' * 10**6 %}{% for i in range(10**5) %}{% for j in range(10) %}{% if 'b' in s %}{% endif %}"
    "{% endfor %}{% endfor %}"
)
CASES = {
    # str methods that pad or repeat
    "ljust": ("{{ 'a'.ljust(10**9) }}", f"refused: 'a'.ljust(1000000000) would build 1000000000 {TEXT}"),
    "rjust": (
        "{{ 'a'.rjust(10**9, '*') }}",
        f"refused: 'a'.rjust(1000000000, '*') would build 1000000000 {TEXT}",
    ),
    "center": ("{{ 'a'.center(10**9) }}", f"refused: 'a'.center(1000000000) would build 1000000000 {TEXT}"),
    "zfill": ("{{ '1'.zfill(10**9) }}", f"refused: '1'.zfill(1000000000) would build 1000000000 {TEXT}"),
    "expandtabs": (
        "{{ ('\\t' * 1000).expandtabs(10**6) }}",
        f"refused: '\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t…'.expandtabs(1000000) would build 1000000000 {TEXT}",
    ),
    "join": (
        "{{ ('-' * 10**4).join(['ab'] * 10**5) }}",
        f"refused: '------------…'.join([…]) would build {MORE}",
    ),
    "replace": (
        "{{ ('a' * 10**6).replace('a', 'bb' * 500) }}",
        f"refused: 'aaaaaaaaaaaa…'.replace('a', 'bbbbbbbbbbbb…') would build 1000000000 {TEXT}",
    ),
    "translate": (
        "{{ ('a' * 10**6).translate({97: 'b' * 1000}) }}",
        f"refused: 'aaaaaaaaaaaa…'.translate({{…}}) would build 1000000000 {TEXT}",
    ),
    # str.format and %
    "format-width": (
        "{{ '{:>1000000000}'.format(1) }}",
        f"refused: '{{:>1000000000}}'.format(1) would build 1000000000 {TEXT}",
    ),
    "format-nested-width": (
        "{{ '{:{}}'.format(1, 10**9) }}",
        f"refused: '{{:{{}}}}'.format(1, 1000000000) would build 1000000000 {TEXT}",
    ),
    "format-precision": (
        "{{ '{:.1000000000f}'.format(1.5) }}",
        f"refused: '{{:.1000000000f}}'.format(1.5) would build 1000000000 {TEXT}",
    ),
    "format-repeated": (
        "{{ ('{0}' * 300000).format('x' * 1000) }}",
        f"refused: '{{0}}{{0}}{{0}}{{0}}…'.format('xxxxxxxxxxxx…') would build {MORE}",
    ),
    "percent-width": (
        "{{ '%1000000000s' % 1 }}",
        f"refused: '%1000000000s' % 1 would build 1000000000 {TEXT}",
    ),
    "percent-star": ("{{ '%*s' % (10**9, 'a') }}", f"refused: '%*s' % (…) would build 1000000000 {TEXT}"),
    "percent-precision": (
        "{{ '%.1000000000f' % 1.5 }}",
        f"refused: '%.1000000000f' % 1.5 would build 1000000000 {TEXT}",
    ),
    # filters
    "center-filter": (
        "{{ 'a' | center(10**9) }}",
        f"refused: 'a' | center(1000000000) would build 1000000000 {TEXT}",
    ),
    "join-filter": (
        "{{ range(10**5) | join('-' * 10**4) }}",
        f"refused: <range> | join('------------…') would build {MORE}",
    ),
    "format-filter": (
        "{{ '%1000000000s' | format(1) }}",
        f"refused: '%1000000000s' | format(1) would build 1000000000 {TEXT}",
    ),
    "indent": (
        "{{ ('a\\n' * 400000) | indent(1000) }}",
        f"refused: 'a\\na\\na\\na\\na\\na\\n…' | indent(1000) would build 400799000 {TEXT}",
    ),
    "replace-filter": (
        "{{ ('a' * 10**6) | replace('a', 'bb' * 500) }}",
        f"refused: 'aaaaaaaaaaaa…' | replace('a', 'bbbbbbbbbbbb…') would build 1000000000 {TEXT}",
    ),
    "wordwrap": (
        "{{ ('a' * 10**6) | wordwrap(1) }}",
        "refused: 'aaaaaaaaaaaa…' | wordwrap(1) would go through 1000000 characters (the limit is 100000)",
    ),
    "batch": (
        "{{ [1] | batch(10**9, 0) | list }}",
        f"refused: […] | batch(1000000000, 0) would make 1000000001 {ITEMS}",
    ),
    "slice": (
        "{{ [1] | slice(10**8) | list }}",
        f"refused: […] | slice(100000000) would make 100000000 {ITEMS}",
    ),
    "round": (
        "{{ 1 | round(10**9, 'ceil') }}",
        "refused: 1 | round(1000000000, 'ceil') would make a number of more than 4096 bits "
        "(the limit is 4096)",
    ),
    "sort-long-text": (
        "{{ ('ab' * 500000) | sort(case_sensitive=true) }}",
        f"refused: 'abababababab…' | sort(case_sensitive=True) would go through 1000000 {ITEMS}",
    ),
    # globals
    "range": ("{{ range(10**6) | list }}", f"refused: range(1000000) would make 1000000 {ITEMS}"),
    "lipsum": ("{{ lipsum(10**6) }}", "'lipsum' is undefined"),
    "random": ("{{ ['甲', '乙'] | random }}", "No filter named 'random'."),
    # values that double
    "namespace-doubling": (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        f"refused: 'abababababab…' ~ 'abababababab…' would build 1048576 {TEXT}",
    ),
    "plus-doubling": (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
        f"refused: 'abababababab…' + 'abababababab…' would build 1048576 {TEXT}",
    ),
    "block-doubling": (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}"
        "{% set ns.s %}{{ ns.s }}{{ ns.s }}{% endset %}{% endfor %}",
        f"refused: printing 'abababababab…' would build 1048576 {TEXT}",
    ),
    "list-doubling": (
        "{% set items = ['ab'] %}{% for i in range(40) %}{{ items.extend(items) or '' }}{% endfor %}",
        # a list a template reads cannot grow at all: what a template reads is read-only
        "refused: 'extend' would change a list, and what a template reads is read-only "
        "(build a new one instead, e.g. {% set more = items + [item] %})",
    ),
    "printing-repeated-text": (
        "{{ ['a' * 10**5] * 10**4 }}",
        f"refused: printing […] would build {MORE}",
    ),
    "nested-too-deep": (
        "{% set ns = namespace(l=[]) %}{% for i in range(100) %}{% set ns.l = [ns.l] %}{% endfor %}"
        "{{ ns.l }}",
        "refused: a value nested more than 32 deep",
    ),
    # values that share: small in memory, huge to go through
    "comparing-shared-lists": (
        "{% set ns = namespace(a=[0], b=[0]) %}{% for i in range(26) %}{% set ns.a = [ns.a, ns.a] %}"
        "{% set ns.b = [ns.b, ns.b] %}{% endfor %}{{ ns.a == ns.b }}",
        f"refused: comparing […] would go through {MORE}",
    ),
    "hashing-shared-tuples": (
        "{% set ns = namespace(t=(0,)) %}{% for i in range(26) %}{% set ns.t = (ns.t, ns.t) %}{% endfor %}"
        "{{ {ns.t: 1} }}",
        f"refused: comparing (…) would go through {MORE}",
    ),
    "sorting-shared-lists": (
        "{% set x = [0] * 10**4 %}{{ ([x] * 10**4) | sort }}",
        f"refused: […] | sort() would go through {MORE}",
    ),
    "testing-shared-lists": (
        "{% set x = [0] * 10**4 %}{{ [1] | select('in', [x] * 10**4) | list }}",
        f"refused: the test 'in' on […] would go through {MORE}",
    ),
    # the budget of one render
    "nested-range-loops": (
        "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}",
        STEPS,
    ),
    "nested-loops-over-text": (
        "{% set s = 'ab' * 500 %}{% for a in s %}{% for b in s %}{% for c in s %}{% endfor %}{% endfor %}"
        "{% endfor %}",
        STEPS,
    ),
    "output": (
        "{% for i in range(100) %}{{ 'x' * 10**6 }}{% endfor %}",
        "refused: more than 10000000 characters built in all (the limit is 10000000)",
    ),
    "recursive-macro": (
        "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(40) }}",
        LATE,
    ),
    "slow-steps": (
        SLOW,
        LATE,
    ),
    # compiling, which is no part of a render
    "too-many-tokens": ("{{ 1 }}" * 7000, "refused: more than 20000 tokens of Jinja (the limit is 20000)"),
    # what a document has no use for
    "encode": ("{{ 'ア'.encode('punycode') }}", "refused: str.encode() is not available in a template"),
    "to-bytes": (
        "{{ (1).to_bytes(10**9, 'big') }}",
        "refused: int.to_bytes() is not available in a template",
    ),
    "sort-key": (
        "{{ [10**9].sort(key='a'.ljust) }}",
        "refused: 'sort' would change a list, and what a template reads is read-only "
        "(build a new one instead, e.g. {% set more = items + [item] %})",
    ),
    "include": (
        "{% for i in range(10**5) %}{% include '{{ 1 }}' ~ i %}{% endfor %}",
        "refused: {% include %} is not available: each text and template part stands alone",
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_a_text_field_that_would_exhaust_the_machine_is_refused(
    case: str,
    region: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expression, message = CASES[case]
    only_this_limit(message, monkeypatch)
    line = set_closing(region, expression)
    assert refused(tmp_path, capsys) == f"error: {REGION_FILE}:{line}:10: closing: {message}"


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("'a' * 10**9", f"refused: 'a' * 1000000000 would build 1000000000 {TEXT}"),
        ("10**9 * 'a'", f"refused: 1000000000 * 'a' would build 1000000000 {TEXT}"),
        ("[0] * 10**8", f"refused: […] * 100000000 would make 100000000 {ITEMS}"),
        (
            "(10**2000) * (10**2000)",
            "refused: 10 ** 2000 would make a number of more than 4096 bits (the limit is 4096)",
        ),
        (
            "(10**1000) * (10**1000)",
            "refused: <a 3322-bit number> * <a 3322-bit number> would make a number of 6644 bits "
            "(the limit is 4096)",
        ),
        (
            "2 ** 100000",
            "refused: 2 ** 100000 would make a number of more than 4096 bits (the limit is 4096)",
        ),
    ],
)
def test_an_operator_building_a_huge_value_is_refused(
    expression: str, message: str, region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = set_closing(region, "{{ " + expression + " }}")
    assert refused(tmp_path, capsys) == f"error: {REGION_FILE}:{line}:10: closing: {message}"


def test_check_refuses_as_build_does(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    only_this_limit(STEPS, monkeypatch)
    line = set_closing(
        region, "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}"
    )
    assert refused(tmp_path, capsys, "check") == (f"error: {REGION_FILE}:{line}:10: closing: {STEPS}")


def make_template(root: Path, old: str, new: str) -> str:
    """A copy of the real template with the paragraph that reads old made to read new."""
    document = Document(str(ROOT / "templates" / "renkei-kyoyaku.docx"))
    (paragraph,) = [p for p in document.paragraphs if p.text == old]
    for extra in paragraph.runs[1:]:
        extra._r.getparent().remove(extra._r)
    paragraph.runs[0].text = new
    (root / "templates").mkdir(exist_ok=True)
    document.save(str(root / "templates" / "bad.docx"))
    return "templates/bad.docx"


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        (
            "{{ closing.ljust(10**9) }}",
            f"refused: 'この協約の締結を証するた…'.ljust(1000000000) would build 1000000000 {TEXT}",
        ),
        (
            "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}",
            STEPS,
        ),
        (
            "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(40) }}",
            LATE,
        ),
        (
            "{% include 'word/document.xml' %}",
            "refused: {% include %} is not available: each text and template part stands alone",
        ),
    ],
    ids=["ljust", "nested-loops", "recursive-macro", "include"],
)
def test_a_template_tag_that_would_exhaust_the_machine_is_refused(
    tag: str,
    message: str,
    region: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    only_this_limit(message, monkeypatch)
    template = make_template(tmp_path, "{{ closing }}", tag)
    before = snapshot(tmp_path)
    status, out, err = run(["build", "-o", "out", "-t", template], capsys)
    # the tags of the paragraph where Jinja stopped, one space apart
    shown = tag.replace("}{", "} {")
    assert (status, out, err) == (1, "", f"error: {template} (word/document.xml): {message} in {shown}\n")
    assert snapshot(tmp_path) == before


def test_the_time_limit_holds_in_any_thread(region: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The clock is kept without signals: a render in another thread stops as one in the main thread does."""
    only_this_limit(LATE, monkeypatch)
    set_closing(region, SLOW)
    errors: list[BaseException] = []

    def render() -> None:
        try:
            docgen.render(region / "yamaguchi-kenou" / "mine.yaml")
        except BaseException as error:  # noqa: BLE001  (handed to the test's thread)
            errors.append(error)

    thread = threading.Thread(target=render)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert [str(error).split(": closing: ")[-1] for error in errors] == [LATE]


def test_a_region_field_out_of_time_is_waited_out_once_for_the_whole_region(
    region: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The region's closing sentence is rendered for each of its eleven agreements: when it runs out of time
    for the first, the others report the same mistake without waiting out the limit again."""
    only_this_limit(LATE, monkeypatch)
    for path in (ROOT / "agreements" / "yamaguchi-kenou").glob("*.yaml"):
        shutil.copy(path, region / "yamaguchi-kenou")
    line = set_closing(region, SLOW)
    timed_out = []

    class Counted(budget.Late):
        def __init__(self, *args: object) -> None:
            timed_out.append(args)
            super().__init__(*args)

    monkeypatch.setattr(budget, "Late", Counted)
    assert refused(tmp_path, capsys) == f"error: {REGION_FILE}:{line}:10: closing: {LATE}"
    assert len(timed_out) == 1


def test_what_documents_use_still_works(region: Path) -> None:
    set_closing(
        region,
        "本協約書{{ parties | length * 1 }}通、{{ '＊' * 3 }}、{{ 2 ** 10 }}、"
        "{{ parties | join('・', attribute='name') }}、"
        "{{ '%s-%03d' % ('第', 7) }}、{{ '{}／{:>3}'.format('甲', 1) }}、{{ 'a' ~ 1 ~ 'b' }}、"
        "{% for p in parties %}{{ loop.index }}{{ p.label }}{{ '。' if loop.last else '' }}{% endfor %}"
        "{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}",
    )
    text = document_text(docgen.render(region / "yamaguchi-kenou" / "mine.yaml"))
    assert "本協約書2通、＊＊＊、1024、山口市・美祢市、第-007、甲／  1、a1b、1甲2乙。3" in text


def test_an_if_without_else_in_a_field_with_quotes_prints_nothing_when_false(region: Path) -> None:
    """A text field is compiled under its own text as its name, and Jinja writes that name, quotes and all,
    into a string in the code of an ``{{ x if y }}`` without an else: it must still compile."""
    closing = "本協約書{{ '（案）' if false }}{{ \"2\" if parties }}通、{{ 'it\\'s' if false }}以上"
    set_closing(region, closing)
    text = document_text(docgen.render(region / "yamaguchi-kenou" / "mine.yaml"))
    assert "本協約書2通、以上" in text


# what a template may do within the limits, each as Jinja's own sandbox does it
WITHIN = (
    "{{ a ~ b }}|{{ a + b }}|{{ '%s' % a }}|{{ '%(k)s' % {'k': a} }}|{{ '{}'.format(a) }}|"
    "{{ '{k:>4}'.format_map({'k': 1}) }}|{{ [a, b] | join }}|{{ a.center(5) }}|{{ 'x\ty'.expandtabs(4) }}|"
    "{% for x in [[1, [2]], [3]] recursive %}{% if x is iterable %}{{ loop(x) }}{% else %}{{ x }}{% endif %}"
    "{% endfor %}|{% for x in 'abc' %}{{ loop.revindex }}{{ loop.cycle('-', '+') }}{% endfor %}|"
    "{% for x in [] %}-{% else %}empty{% endfor %}|{{ dict(k=1).items() | list }}|{{ {(1, 2): 3}[(1, 2)] }}|"
    "{{ [1, 2] == [1, 2] }}{{ 2 in [1, 2] }}{{ 'b' in 'abc' }}{{ 3 is divisibleby 3 }}{{ [3, 1] | max }}|"
    "{{ [3, 1, 2] | sort | join(',') }}|{{ 'aAb' | list | unique | join }}|{{ range(5) | batch(2) | list }}|"
    "{{ range(5) | slice(2) | list }}|{{ [[1], [2]] | sum(start=[]) }}|{{ {'b': 1, 'a': 2} | dictsort }}|"
    "{{ 'a b c d' | wordwrap(3) }}|{{ 'a\nb' | indent(2, first=true) }}|{{ 'abc' | center(7) }}|"
    "{{ 'hello world' | truncate(9, leeway=0) }}|{{ 'aaa' | replace('a', 'bc', 2) }}|{{ {'k': a} | tojson }}|"
    "{{ [1, 2, 3] | map('string') | select('ne', '2') | join }}|{{ '%05.1f' | format(3.14159) }}|"
    "{% macro m(x) %}<{{ x }}{{ caller() }}>{% endmacro %}{% call m(1) %}c{% endcall %}|"
    "{% set ns = namespace(s='') %}{% for i in range(3) %}{% set ns.s = ns.s ~ i %}{% endfor %}{{ ns.s }}|"
    "{% set block %}{{ a }}{{ a }}{% endset %}{{ block }}|{{ (10 ** 3) * 2 }}|{{ [0] * 3 }}|{{ 'ab' * 2 }}"
)


@pytest.mark.parametrize("xml", [True, False])
def test_within_the_limits_the_environment_is_jinja_s_sandbox(xml: bool) -> None:
    def render(env: SandboxedEnvironment) -> str:
        return env.from_string(WITHIN).render(a="<", b=env.filters["safe"]("<b>"))

    plain = SandboxedEnvironment(autoescape=xml, undefined=StrictUndefined, keep_trailing_newline=True)
    assert render(sandbox.make_environment(xml=xml)) == render(plain)


def test_reading_keys_and_fields_is_as_in_jinja_s_sandbox() -> None:
    from docgen.base.printed import Party, TableRow

    source = (
        "{{ d.name }}|{{ d.keys() | sort | join(',') }}|{{ d['keys'] }}|{{ d.missing is defined }}|"
        "{{ d.__class__ is defined }}|{{ p.name }}{{ p.called }}{{ p }}|{{ p._key is defined }}|"
        "{{ p.fields is defined }}|{{ r.label }}{{ r.roles | join }}|{{ r.count('甲') }}|"
        "{{ r.missing is defined }}"
    )
    values = {
        "d": {"name": "美祢市", "keys": "鍵"},
        "p": Party(label="乙", name="美祢市", address="", title="美祢市長", head="", role="連携市町"),
        "r": TableRow(label="ア", item="取組", text="内容", roles=("甲", "乙")),
    }
    plain = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    expected = plain.from_string(source).render(values)
    assert expected == "美祢市|keys,name|鍵|False|False|美祢市乙乙|False|True|ア甲乙|0|False"
    assert sandbox.make_environment(xml=True).from_string(source).render(values) == expected
