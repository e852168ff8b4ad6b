"""Fuzzing: mutated agreements, regions and municipality files either build a valid document that shows their
values, or fail with a ``UserError`` whose every problem has a line number. Never another exception, never a
partial file.

Each example starts from a valid set (municipalities.yaml with the two parties, the region's region.yaml, an
agreement) and changes it: a key deleted, a value of another type, a text replaced by random Unicode with
XML-special and control characters, a key written twice, characters typed into a file, a file cut short. It
writes the files into a fresh folder and runs ``docgen.build``. The number of examples is bounded by the
"docgen" profile of tests/conftest.py; ``HYPOTHESIS_PROFILE=thorough`` runs many more.
"""

from __future__ import annotations

import copy
import datetime as dt
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from docx_text import document_text
from hypothesis import event, given, settings
from hypothesis import strategies as st

import docgen
from docgen.base.errors import AgreementError, UserError

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "renkei-kyoyaku.docx"
PARTIES = ("山口市", "美祢市")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


REGION = _load(ROOT / "agreements/yamaguchi-kenou/region.yaml")
TOWNS = {
    "municipalities": {
        name: _load(ROOT / "agreements/municipalities.yaml")["municipalities"][name] for name in PARTIES
    }
}
AGREEMENT = {"region": "yamaguchi-kenou", "date": dt.date(2017, 3, 30), "parties": list(PARTIES)}
FILES = {
    "agreement": "agreements/yamaguchi-kenou/fuzz.yaml",
    "region": "agreements/yamaguchi-kenou/region.yaml",
    "municipalities": "agreements/municipalities.yaml",
}

Loc = tuple[Any, ...]


def printed(which: str, loc: Loc) -> bool:
    """Whether the document prints the text at loc as it is (not as a template): then it must be there."""
    if which == "municipalities":
        return len(loc) >= 3 and (
            loc[2] in ("address", "title") or loc[2:4] == ("heads", 0) and loc[-1] == "name"
        )
    if which == "agreement":
        return len(loc) == 3 and loc[0] == "rows" and loc[2] in ("item", "text")
    text_keys = ("heading", "item", "text")
    return loc[0] == "appendix" and loc[-1] in text_keys and "roles" not in loc


def template_field(which: str, loc: Loc) -> bool:
    # the title, the cover and a 別表's title are Jinja too: a title may name the parties
    return which in ("region", "agreement") and (
        loc[:1] in (("preamble",), ("closing",), ("title",), ("cover",))
        or loc == ("appendix", "title")
        or "roles" in loc
        or (loc[:1] == ("articles",) and "text" in loc)
    )


# --- strategies ---------------------------------------------------------------------------------------------

HOSTILE = [
    "&",
    "<",
    ">",
    '"',
    "'",
    "&amp;",
    "<w:t>",
    "]]>",
    "{{ x }}",
    "{% if %}",
    "{#",
    "{_{",
    "}}",
    "%}",
    "\t",
    "\n",
    "\u3000",
    "甲",
    "「」",
    "\x00",
    "\x07",
    "\x1b",
    "\ufffe",
    "\x85",
    "\u2028",
    "🎌",
    "ﾃｽﾄ",
    "\\",
    "${x}",
    "%s",
]
JINJA = [
    "{{ parties | join_ja }}",
    "{{ partys }}",
    "{{ parties[9].name }}",
    "{% if %}",
    "{{ ''.__class__ }}",
    "{{ parties | join_ja('{nam}') }}",
    "{{ party.name }}",
    "{{ others | join_ja }}",
    "{{ 1 / 0 }}",
    "{{ parties | join_ja('{name.__class__}') }}",
    "{{ range(10) | list }}",
    "{{ '\\x01' }}",
    "{{ x",
]
texts = st.one_of(
    st.text(min_size=0, max_size=12),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=6).map("".join),
    st.text(alphabet=st.sampled_from("&<>\"'{}%#_ \t\n甲乙ア\u3000abc"), min_size=1, max_size=12),
)
other_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=True),
    st.dates(),
    st.lists(st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
)


def paths(value: Any, loc: Loc = ()) -> Iterator[Loc]:
    """Every place in a YAML value: loc of each mapping value and list item, depth first."""
    yield loc
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*loc, index))


def get(value: Any, loc: Loc) -> Any:
    for part in loc:
        value = value[part]
    return value


@dataclass
class Inputs:
    data: dict[str, Any] = field(
        default_factory=lambda: {
            "agreement": copy.deepcopy(AGREEMENT),
            "region": copy.deepcopy(REGION),
            "municipalities": copy.deepcopy(TOWNS),
        }
    )
    texts: dict[str, str] = field(default_factory=dict)  # the files' text after the text-level edits
    values: list[tuple[str, Loc, str]] = field(default_factory=list)  # texts put where they are printed
    edited: set[str] = field(default_factory=set)  # files whose text was changed after writing the data
    notes: list[str] = field(default_factory=list)


@st.composite
def inputs(draw: st.DrawFn) -> Inputs:
    made = Inputs()
    # mostly one change, and mostly texts, so that about half the examples still build and show their values
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        which = draw(st.sampled_from(sorted(made.data)))
        data = made.data[which]
        change = draw(st.sampled_from(["delete", "retype", "text", "text", "text", "text", "add", "add"]))
        places = [loc for loc in paths(data) if loc]
        if change == "text":  # a text where texts are (a different type is "retype")
            places = [loc for loc in places if isinstance(get(data, loc), str)] or places
        if not places:  # everything deleted already
            continue
        loc = draw(st.sampled_from(places))
        parent, key = get(data, loc[:-1]), loc[-1]
        if change == "delete":
            del parent[key]
        elif change == "retype":
            parent[key] = draw(other_values)
        elif change == "text":
            value = (
                draw(st.one_of(texts, st.sampled_from(JINJA))) if template_field(which, loc) else draw(texts)
            )
            parent[key] = value
            made.values.append((which, loc, value))
        elif which == "agreement":  # add an optional field of the agreement, or change a 別表 row
            name = draw(st.sampled_from(["title", "cover", "rows"]))
            if name == "rows":
                row = draw(st.sampled_from(["1ア", "2イ", "3(1)ア", "3(3)ウ", "9ア"]))
                part = draw(st.sampled_from(["item", "text"]))
                value = draw(texts)
                data.setdefault("rows", {}).setdefault(row, {})[part] = value
                made.values.append((which, ("rows", row, part), value))
            else:  # a title or a cover: Jinja, whose value is not printed as written
                data[name] = draw(st.one_of(texts, st.sampled_from(JINJA)))
        made.notes.append(f"{change} {which} {loc}")
    for which, data in made.data.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80)
        edit = draw(st.sampled_from(["none"] * 12 + ["type", "cut", "duplicate"]))
        if edit == "type":  # characters typed somewhere into the file
            at = draw(st.integers(0, len(text)))
            text = (
                text[:at]
                + draw(st.sampled_from([*HOSTILE, ":", "- ", "  ", "&a", "*a", "!!python/name:os"]))
                + text[at:]
            )
        elif edit == "cut":  # a file saved half-way
            text = text[: draw(st.integers(0, len(text)))]
        elif edit == "duplicate" and isinstance(data, dict) and data:
            text += text.split("\n", 1)[0] + "\n"  # the first top-level key once more, at the end
        made.texts[which] = text
        if edit == "none" and yaml.safe_load(text) != data:
            # PyYAML's dumper does not always write what its loader reads back (a NEL in single quotes reads
            # as a space): the file does not hold the values that were set
            edit = "dumped differently"
        if edit != "none":
            made.edited.add(which)
            made.notes.append(f"{edit} in {which}")
    return made


# --- the property -------------------------------------------------------------------------------------------


def flat(text: str) -> str:
    """Text as body_lines reads it back: a tab or a line break in a paragraph is a space."""
    return text.replace("\t", " ").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def still_there(made: Inputs, which: str, loc: Loc, value: str) -> bool:
    """Whether the file still holds value at loc: not changed by a later mutation, nor by typing into it."""
    if which in made.edited:
        return False
    try:
        return get(made.data[which], loc) == value
    except (KeyError, IndexError, TypeError):
        return False


def build(made: Inputs) -> str:
    """Write the inputs into a new folder and build; "built" or "refused", after checking the property."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for which, name in FILES.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(made.texts[which], encoding="utf-8")
        out = root / "out"
        try:
            built = docgen.build([root / FILES["agreement"]], out, template=TEMPLATE)
        except UserError as error:
            assert isinstance(error, AgreementError), f"{type(error).__name__}: {error}"
            assert error.problems
            for problem in error.problems:
                assert problem.line is not None, f"no line number: {problem}"
            assert not out.exists(), "nothing is written when an input has a mistake"
            return "refused"
        written = sorted(str(path.relative_to(out)) for path in out.rglob("*") if path.is_file())
        assert written == [".docgen-written.json", "yamaguchi-kenou/fuzz.docx"], "exactly the documents"
        assert [item.target for item in built] == [out / "yamaguchi-kenou/fuzz.docx"]
        docx = out / "yamaguchi-kenou/fuzz.docx"
        Document(str(docx))  # opens
        text = document_text(docx)
        for which, loc, value in made.values:
            if printed(which, loc) and still_there(made, which, loc, value) and value.strip():
                assert flat(value) in text, f"{which} {loc}: {value!r} is not in the document"
    return "built"


def dumped(made: Inputs) -> Inputs:
    made.texts = {
        which: yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80)
        for which, data in made.data.items()
    }
    return made


def test_the_valid_set_builds_with_its_values() -> None:
    made = Inputs()
    made.data["agreement"]["rows"] = {"1ア": {"text": "題名 & <覚書> {{ x }}"}}
    made.values.append(("agreement", ("rows", "1ア", "text"), "題名 & <覚書> {{ x }}"))
    assert build(dumped(made)) == "built"


def test_a_missing_value_is_noticed() -> None:
    """The property is not vacuous: a value said to be set but not in the document fails it."""
    made = Inputs()
    made.data["agreement"]["rows"] = {"1ア": {"text": "印刷されない取組"}}
    made.values.append(("agreement", ("rows", "1ア", "text"), "印刷されない取組"))
    dumped(made)
    made.texts["agreement"] = made.texts["agreement"].replace("印刷されない取組", "別の取組")
    with pytest.raises(AssertionError, match="is not in the document"):
        build(made)


@settings(max_examples=max(settings.default.max_examples, 200))  # the main property: more examples, ~7 s
@given(inputs())
def test_mutated_inputs_build_or_fail_with_a_line(made: Inputs) -> None:
    event(build(made))


@given(st.sampled_from(sorted(FILES)), st.binary(max_size=64), st.integers(0, 4000))
def test_random_bytes_in_a_file(which: str, junk: bytes, at: int) -> None:
    """Bytes that are not text at all (other encodings, a stray NUL) inside a file."""
    made = dumped(Inputs())
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, path_text in FILES.items():
            path = root / path_text
            path.parent.mkdir(parents=True, exist_ok=True)
            data = made.texts[name].encode("utf-8")
            if name == which:
                data = data[:at] + junk + data[at:]
            path.write_bytes(data)
        out = root / "out"
        try:
            docgen.build([root / FILES["agreement"]], out, template=TEMPLATE)
        except AgreementError as error:
            assert all(problem.line is not None for problem in error.problems), str(error)
            assert not out.exists()
        else:
            Document(str(out / "yamaguchi-kenou/fuzz.docx"))
