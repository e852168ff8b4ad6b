"""A template is checked whole before it is used: macros, links to outside resources, odd part names, too
many or too large parts, damaged or broken parts are refused with the template and the part named, by
`docgen build` and `docgen check` alike, and nothing is written. Random packages (a fuzzer) never give a
traceback or a partial output."""

from __future__ import annotations

import contextlib
import io
import shutil
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import run, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.word.package import MAX_PARTS

# a failing example prints the whole package: long, and hypothesis says so
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")
ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "renkei-kyoyaku.docx"
BAD = "templates/bad.docx"
REGION = Path("agreements/yamaguchi-kenou")
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Mine agreement and an earlier run's output; cwd there."""
    (tmp_path / REGION).mkdir(parents=True)
    (tmp_path / "templates").mkdir()
    shutil.copy(ROOT / "agreements/municipalities.yaml", tmp_path / "agreements")
    for name in ("region.yaml", "mine.yaml"):
        shutil.copy(ROOT / REGION / name, tmp_path / REGION)
    (tmp_path / "out/yamaguchi-kenou").mkdir(parents=True)
    (tmp_path / "out/yamaguchi-kenou/mine.docx").write_bytes(b"an earlier document")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def parts() -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(TEMPLATE) as source:
        return [(info.filename, source.read(info)) for info in source.infolist()]


def package(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    names = [name for name, _ in members]
    # a package with a name twice is one the fuzzer means to make: zipfile warns as it writes the second
    expected = (
        pytest.warns(UserWarning, match="Duplicate name")
        if len(set(names)) < len(names)
        else contextlib.nullcontext()
    )
    with expected, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            target.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def edited(change: Callable[[list[tuple[str, bytes]]], list[tuple[str, bytes]]]) -> bytes:
    return package(change(parts()))


def replace_part(name: str, old: bytes, new: bytes) -> Callable[[list[tuple[str, bytes]]], list]:
    def change(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        assert any(n == name for n, _ in members), name
        return [(n, d.replace(old, new, 1) if n == name else d) for n, d in members]

    return change


def add_part(name: str, data: bytes) -> Callable[[list[tuple[str, bytes]]], list]:
    return lambda members: [*members, (name, data)]


def relationship(target: str, kind: str) -> Callable[[list[tuple[str, bytes]]], list]:
    extra = f'<Relationship Id="rId99" Type="{OFFICE}/{kind}" Target="{target}" TargetMode="External"/>'
    return replace_part(
        "word/_rels/document.xml.rels", b"</Relationships>", extra.encode() + b"</Relationships>"
    )


def footer_with_entity(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    footer = (
        b'<?xml version="1.0"?><!DOCTYPE w:ftr [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>&x;'
        b"</w:t></w:r></w:p></w:ftr>"
    )
    return [*members, ("word/footer9.xml", footer)]


def many_parts(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    return members + [(f"word/media/extra{index}.bin", b"") for index in range(MAX_PARTS)]


def encrypted(data: bytes) -> bytes:
    """The first part's 'encrypted' flag set, in its local header and in the central directory."""
    raw = bytearray(data)
    raw[6] |= 1
    central = raw.rfind(b"PK\x05\x06")
    start = struct.unpack("<I", raw[central + 16 : central + 20])[0]
    raw[start + 8] |= 1
    return bytes(raw)


def damaged(data: bytes) -> bytes:
    """One byte of the first part's compressed data changed: its checksum no longer matches."""
    raw = bytearray(data)
    name_length, extra_length = struct.unpack("<HH", raw[26:30])
    raw[30 + name_length + extra_length + 5] ^= 0xFF
    return bytes(raw)


DOCUMENT = dict(parts())["word/document.xml"]
TAGS = DOCUMENT.count(b"{{") + DOCUMENT.count(b"{%")  # in the template as it is

CASES = {
    "macro-project": (
        edited(add_part("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macros")),
        "(word/vbaProject.bin): holds macros, which a template must not carry into documents; save it in "
        "Word as a Word Document (.docx), not a macro-enabled one (.docm)",
    ),
    "macro-content-type": (
        edited(
            replace_part(
                "[Content_Types].xml",
                b"wordprocessingml.document.main+xml",
                b"ms-word.document.macroEnabled.main+xml",
            )
        ),
        "([Content_Types].xml): holds macros, which a template must not carry into documents; save it in "
        "Word as a Word Document (.docx), not a macro-enabled one (.docm)",
    ),
    "linked-image": (
        edited(relationship("http://example.invalid/seal.png", "image")),
        "(word/_rels/document.xml.rels): links to an outside resource (rId99 → http://example.invalid/seal.png):"
        " a linked image or attached template would be fetched when a document opens; embed it in the "
        "template or remove the link",
    ),
    "remote-attached-template": (
        edited(relationship("\\\\server\\share\\normal.dotm", "attachedTemplate")),
        "(word/_rels/document.xml.rels): links to an outside resource "
        "(rId99 → \\\\server\\share\\normal.dotm): a linked image or attached template would be fetched "
        "when a document opens; embed it in the template or remove the link",
    ),
    "absolute-name": (
        edited(add_part("/etc/cron.d/x", b"")),
        ": has a part named '/etc/cron.d/x': a part's name must be a relative path inside the package",
    ),
    "climbing-name": (
        edited(add_part("word/../../x.xml", b"<x/>")),
        ": has a part named 'word/../../x.xml': a part's name must be a relative path inside the package",
    ),
    "repeated-name": (
        edited(add_part("WORD/styles.xml", b"<x/>")),
        ": has two parts named 'WORD/styles.xml'",
    ),
    "too-many-parts": (
        edited(many_parts),
        f": holds {len(parts()) + MAX_PARTS} parts; a template may hold at most {MAX_PARTS}",
    ),
    "entity-in-a-footer-without-tags": (
        edited(footer_with_entity),
        "(word/footer9.xml): a document type declaration (<!DOCTYPE …>) is not allowed in a Word part",
    ),
    "broken-styles": (
        edited(replace_part("word/styles.xml", b"</w:styles>", b"")),
        "(word/styles.xml): broken XML: no element found: line 2, column ",
    ),
    "encrypted-part": (
        encrypted(package(parts())),
        f"({parts()[0][0]}): is encrypted; save it in Word without a password",
    ),
    "damaged-part": (
        damaged(package(parts())),
        f"({parts()[0][0]}): cannot be unpacked (Bad CRC-32 for file '{parts()[0][0]}')",
    ),
    "password-protected": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
        ": not a Word document (.docx): it is password-protected or an old .doc file; open it in Word and "
        "save it as a Word Document (.docx) without a password",
    ),
    "too-many-tags": (
        edited(replace_part("word/document.xml", b"{{ closing }}", b"{{ closing }}" + b"{{ x }}" * 5001)),
        f"(word/document.xml): has {TAGS + 5001} tags; a part may have at most 5000",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_template_is_checked_whole(case: str, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, message = CASES[case]
    (tree / BAD).write_bytes(data)
    before = snapshot(tree)
    for argv in (["build", "-o", "out", "-t", BAD], ["build", "-o", "new", "-t", BAD], ["check", "-t", BAD]):
        status, out, err = run(argv, capsys)
        assert (status, out) == (1, ""), argv
        place = f"{BAD} " if message.startswith("(") else BAD  # "bad.docx (part): …" or "bad.docx: …"
        assert err.startswith(f"error: {place}{message}"), (argv, err)
        assert err.count("\n") == 1
    assert snapshot(tree) == before


def test_hyperlinks_to_the_outside_stay(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / BAD).write_bytes(edited(relationship("https://www.city.yamaguchi.lg.jp/", "hyperlink")))
    status, out, err = run(["build", "-o", "out", "-t", BAD], capsys)
    assert (status, err) == (0, "")


def test_a_package_past_the_zip_limits_gets_a_message(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """More than 65,535 parts: refused at the parts bound, with a message, not a traceback."""
    members = parts() + [(f"p/{index}", b"") for index in range(65_536)]
    (tree / BAD).write_bytes(package(members))
    status, out, err = run(["build", "-o", "out", "-t", BAD], capsys)
    assert (status, out) == (1, "")
    assert err == f"error: {BAD}: holds {len(members)} parts; a template may hold at most {MAX_PARTS}\n"


# --- a fuzzer over packages --------------------------------------------------------------------------------

NAMES = st.sampled_from(
    [
        "word/document.xml",
        "word/header1.xml",
        "word/footer1.xml",
        "word/styles.xml",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
        "docProps/core.xml",
        "word/media/image1.png",
        "word/vbaProject.bin",
        "../x",
        "/abs",
        "word//double.xml",
        "customXml/item1.xml",
    ]
)
XML_BITS = st.sampled_from(
    [
        b"<w:p><w:r><w:t>{{ closing }}</w:t></w:r></w:p>",
        b"<w:p><w:r><w:t>{% for p in parties %}{{ p.name }}{% endfor %}</w:t></w:r></w:p>",
        b"<w:tbl><w:tblGrid><w:gridCol w:w='100'/></w:tblGrid><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>",
        b"<!DOCTYPE x>",
        b"&amp;",
        b"&x;",
        b"<w:t>{{</w:t>",
        b"\x00",
        b"\xff\xfe",
        b"<Relationship Id='r' Type='image' Target='http://x' TargetMode='External'/>",
        b"{%tr for r in appendix.fields %}",
        b"</w:body>",
    ]
)


@st.composite
def packages(draw: st.DrawFn) -> bytes:
    members = parts()
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["add", "edit", "drop", "junk"]))
        if action == "add":
            members.append((draw(NAMES), draw(st.binary(max_size=64)) + draw(XML_BITS)))
        elif action == "edit" and members:
            index = draw(st.integers(0, len(members) - 1))
            name, data = members[index]
            at = draw(st.integers(0, len(data)))
            members[index] = (name, data[:at] + draw(XML_BITS) + data[at:])
        elif action == "drop" and members:
            members.pop(draw(st.integers(0, len(members) - 1)))
        else:
            return draw(st.binary(max_size=256))
    return package(members)


@settings(max_examples=40)
@given(packages())
def test_random_templates_never_give_a_traceback_or_a_partial_output(data: bytes) -> None:
    import os
    import tempfile

    from docgen.cli import main

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / REGION).mkdir(parents=True)
        (root / "templates").mkdir()
        shutil.copy(ROOT / "agreements/municipalities.yaml", root / "agreements")
        for name in ("region.yaml", "mine.yaml"):
            shutil.copy(ROOT / REGION / name, root / REGION)
        (root / BAD).write_bytes(data)
        cwd = Path.cwd()
        os.chdir(root)
        try:
            status = main(["build", "-o", "out", "-t", BAD])
        finally:
            os.chdir(cwd)
        written = sorted(p.relative_to(root / "out").as_posix() for p in (root / "out").rglob("*"))
        if status == 0:
            assert written == [".docgen-written.json", "yamaguchi-kenou", "yamaguchi-kenou/mine.docx"]
            with zipfile.ZipFile(root / "out/yamaguchi-kenou/mine.docx") as document:
                assert document.testzip() is None
        else:
            assert status == 1
            assert written == []
