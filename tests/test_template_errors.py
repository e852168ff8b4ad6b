"""Mistakes in the Word template: the message names the template, the part and the tag; exit 1; no output.

Each bad template is a copy of ``templates/renkei-kyoyaku.docx`` changed with python-docx the way a person
changes it in Word: one paragraph's text replaced, or split in two.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.text.paragraph import Paragraph
from docx_text import document_text
from helpers import run, snapshot

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "renkei-kyoyaku.docx"
BAD = "templates/bad.docx"
REGION = Path("agreements/yamaguchi-kenou")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the region with one agreement (mine.yaml), cwd there."""
    (tmp_path / REGION).mkdir(parents=True)
    (tmp_path / "templates").mkdir()
    shutil.copy(ROOT / "agreements/municipalities.yaml", tmp_path / "agreements")
    shutil.copy(ROOT / REGION / "region.yaml", tmp_path / REGION)
    shutil.copy(ROOT / REGION / "mine.yaml", tmp_path / REGION)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def paragraph(document: DocumentObject, text: str, occurrence: int | None = None) -> Paragraph:
    """The body paragraph whose text is exactly text (the given occurrence of it, when there are several)."""
    found = [p for p in document.paragraphs if p.text == text]
    if occurrence is None:
        assert len(found) == 1, f"{text!r} is in the template {len(found)} times"
        occurrence = 0
    return found[occurrence]


def set_text(target: Paragraph, text: str) -> None:
    for extra in target.runs[1:]:
        extra._r.getparent().remove(extra._r)
    target.runs[0].text = text


def replace(old: str, new: str, occurrence: int | None = None) -> Callable[[DocumentObject], None]:
    """Replace the text of the body paragraph that reads old."""
    return lambda document: set_text(paragraph(document, old, occurrence), new)


def replace_run(old: str, new: str) -> Callable[[DocumentObject], None]:
    """Replace the text of the one run (of any body paragraph) that reads old, as retyping a word does."""

    def edit(document: DocumentObject) -> None:
        runs = [run for p in document.paragraphs for run in p.runs if run.text == old]
        assert len(runs) == 1, f"{old!r} is in {len(runs)} runs of the template"
        runs[0].text = new

    return edit


def replace_header(new: str) -> Callable[[DocumentObject], None]:
    return lambda document: set_text(document.sections[0].header.paragraphs[0], new)


def split_paragraph(old: str, at: int) -> Callable[[DocumentObject], None]:
    """Split a paragraph in two, as Enter typed inside a tag does."""

    def edit(document: DocumentObject) -> None:
        target = paragraph(document, old)
        target.insert_paragraph_before(old[:at], style=target.style)
        set_text(target, old[at:])

    return edit


def split_run(old: str, at: int) -> Callable[[DocumentObject], None]:
    """Split a paragraph's text into two runs, as Word does after an edit: the same paragraph, a valid tag."""

    def edit(document: DocumentObject) -> None:
        target = paragraph(document, old)
        set_text(target, old[:at])
        target.add_run(old[at:])

    return edit


def make_template(root: Path, edit: Callable[[DocumentObject], None]) -> None:
    document = Document(str(TEMPLATE))
    edit(document)
    document.save(str(root / BAD))


BROKEN = (
    "the rendered part is not valid XML: a block such as {% if %} or {% for %} probably begins and ends in "
    "different paragraphs or table cells (use {%p %}, {%tr %} or {%tc %} for blocks of whole paragraphs, "
    "rows or cells)"
)


@dataclass
class Case:
    id: str
    edit: Callable[[DocumentObject], None]
    build: str | None  # the message of docgen build, after "error: "; None: the build succeeds
    check: list[str] | None = None  # the lines of docgen check when they differ from build's; None: the same


CASES = [
    Case(
        "undefined-variable",
        replace("{{ closing }}", "{{ signatory.name }}"),
        f"{BAD} (word/document.xml): 'signatory' is undefined in {{{{ signatory.name }}}}",
        [f"{BAD} (word/document.xml): unknown variable 'signatory.name' in {{{{ signatory.name }}}}"],
    ),
    Case(
        "misspelt-attribute",
        replace_run("{{ party.name }}", "{{ party.nmae }}"),
        f"{BAD} (word/document.xml): 'docgen.base.printed.Party object' has no attribute 'nmae' in "
        "{{ party.nmae }}",
        [
            f"{BAD} (word/document.xml): unknown variable 'parties[*].nmae' (did you mean 'name'?) in "
            "{{ party.nmae }}"
        ],
    ),
    Case(
        "syntax-error",
        replace("{{ closing }}", "{{ closing | }}"),
        f"{BAD} (word/document.xml): expected token 'name', got 'end of print statement' "
        "in {{ closing | }}",
    ),
    Case(
        "unclosed-for",
        replace("{{ closing }}", "{% for party in parties %}{{ closing }}"),
        f"{BAD} (word/document.xml): block is never closed: no {{% endfor %}} after it in "
        "{% for party in parties %}",
    ),
    Case(
        "unclosed-paragraph-if",
        replace("{%p endif %}", "（見出しなし）", occurrence=1),  # the caption's: the cover's is the first
        f"{BAD} (word/document.xml): block is never closed: no {{%p endif %}} after it in "
        "{%p if article.caption %}",
    ),
    Case(
        "stray-end-tag",
        replace("{{ closing }}", "{{ closing }}{% endif %}"),
        f"{BAD} (word/document.xml): Encountered unknown tag 'endif'. in {{% endif %}}",
    ),
    Case(
        "tag-split-across-paragraphs",
        split_paragraph("{{ closing }}", 6),
        f"{BAD} (word/document.xml): a tag begins in one paragraph and ends in another; write it in one "
        "paragraph in {{ clo¶sing }}",
    ),
    Case(
        "unclosed-print",
        replace("{{ closing }}", "{{ closing"),
        f"{BAD} (word/document.xml): a tag is never closed: no }}}} after it in {{{{ closing",
    ),
    Case(
        "unclosed-print-with-text-after-it",
        replace("（{{ article.caption }}）", "（{{ article.caption ）"),
        f"{BAD} (word/document.xml): a tag is never closed: no }}}} after it in {{{{ article.caption ）",
    ),
    Case(
        "sandbox-mro",
        replace("{{ closing }}", "{{ ''.__class__.__mro__ }}"),
        f"{BAD} (word/document.xml): refused: '__class__' of a text is Python's internals, "
        "which a template cannot reach in "
        "{{ ''.__class__.__mro__ }}",
    ),
    Case(
        "sandbox-globals",
        replace("{{ closing }}", "{{ cycler.__init__.__globals__ }}"),
        f"{BAD} (word/document.xml): refused: '__init__' of an object (type) is Python's internals, "
        "which a template cannot reach in "
        "{{ cycler.__init__.__globals__ }}",
    ),
    Case(
        "sandbox-format",
        replace("{{ closing }}", "{{ '{0.__class__}'.format(closing) }}"),
        f"{BAD} (word/document.xml): refused: '__class__' of a text is Python's internals, "
        "which a template cannot reach in "
        "{{ '{0.__class__}'.format(closing) }}",
    ),
    Case(
        "runtime-error",
        replace("{{ closing }}", "{{ closing }}{{ 1 / 0 }}"),
        # no name to look for: the tags of the paragraph where Jinja stopped
        f"{BAD} (word/document.xml): division by zero (ZeroDivisionError) "
        "in {{ closing }} {{ 1 / 0 }}",
    ),
    Case(
        "header-bad-tag",
        replace_header("{% if mode == 'draft' %}（案）{% endiff %}"),
        f"{BAD} (word/header1.xml): Encountered unknown tag 'endiff'. Jinja was looking for the following "
        "tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'. "
        "in {% endiff %}",
    ),
    Case(
        "header-undefined",
        replace_header("{% if mod == 'draft' %}（案）{% endif %}"),
        f"{BAD} (word/header1.xml): 'mod' is undefined in {{% if mod == 'draft' %}}",
        [
            f"{BAD} (word/header1.xml): unknown variable 'mod' (did you mean 'mode'?) "
            "in {% if mod == 'draft' %}"
        ],
    ),
    Case(
        "block-across-cells",
        # a plain {% endfor %} for a {%p for %}: the loop no longer takes whole paragraphs, and the XML breaks
        replace("{%p endfor %}", "{% endfor %}", occurrence=2),  # the article's lines
        f"{BAD} (word/document.xml): {BROKEN}",
        [
            f"{BAD} (word/document.xml): `{{% endfor %}}` closes "
            "`{%p for line in article.lines %}` (body ¶17) but the prefixes differ (p vs -); "
            "docxtpl removes the row/paragraph only for one of them (DTL204, paragraph 19) in {% endfor %}",
            f"{BAD} (word/document.xml): {BROKEN}",
        ],
    ),
    Case(
        "text-beside-a-paragraph-tag",
        # docxtpl drops the whole paragraph of a {%p %} tag: the words would vanish from every document
        replace("{%p endif %}", "{%p endif %}（見出しの後）", occurrence=1),
        None,
        [
            f"{BAD} (word/document.xml): `{{%p endif %}}` makes docxtpl replace the whole paragraph with the "
            "tag, so `（見出しの後）` next to it disappears from the output without any error. Move that "
            "content to its own paragraph (DTL209, paragraph 15) in {%p endif %}"
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_template_mistake(case: Case, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_template(tree, case.edit)
    before = snapshot(tree)
    if case.build is not None:
        for output in ("out", "agreements"):  # a new folder, and an existing one
            status, out, err = run(["build", "-o", output, "-t", BAD], capsys)
            assert (status, out, err) == (1, "", f"error: {case.build}\n")
    check = case.check if case.check is not None else [case.build]
    status, out, err = run(["check", "-t", BAD], capsys)
    assert (status, out, err) == (1, "", "".join(f"error: {line}\n" for line in check))
    assert snapshot(tree) == before


@pytest.mark.parametrize("page", ["templates.md", "templates.en.md"])
def test_the_template_guide_shows_the_messages_docgen_prints(page: str) -> None:
    """Every message on the guide's template page is one that a case above asserts, word for word."""
    guide = (ROOT / "docs" / page).read_text(encoding="utf-8")
    shown = [line.removeprefix("error: ") for line in guide.splitlines() if line.startswith("error: ")]
    asserted = {line for case in CASES for line in [case.build, *(case.check or [])] if line}
    assert len(shown) >= 9
    assert [line for line in shown if line not in asserted] == []


def test_tag_split_across_runs_is_one_tag(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Word splits a paragraph's text into runs freely; a tag over two runs of a paragraph is still a tag."""
    make_template(tree, split_run("{{ closing }}", 6))
    status, out, err = run(["build", "-o", "out", "-t", BAD], capsys)
    assert (status, err) == (0, "")
    text = document_text(tree / "out/yamaguchi-kenou/mine.docx")
    assert "本協約書2通を作成し、甲及び乙が記名押印の上、それぞれ各1通を保有する。" in text
    assert "{{" not in text and "clo" not in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"region: yamaguchi-kenou\n", "not a Word document (.docx): File is not a zip file"),
        (b"", "not a Word document (.docx): File is not a zip file"),
        ("zip-without-document", "not a Word document: no word/document.xml"),
        ("truncated", "not a Word document (.docx): File is not a zip file"),
    ],
    ids=["yaml-file", "empty-file", "zip-without-document", "truncated"],
)
def test_not_a_word_document(
    content: bytes | str, expected: str, tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tree / BAD
    if content == "zip-without-document":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
    elif content == "truncated":  # a download cut short
        path.write_bytes(TEMPLATE.read_bytes()[:5000])
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    before = snapshot(tree)
    for command in ("build", "check"):
        status, out, err = run([command, "-t", BAD], capsys)
        assert (status, out, err) == (1, "", f"error: {BAD}: {expected}\n")
    assert snapshot(tree) == before


def test_zip_bomb(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A small file whose document part unpacks to more than the limit is refused before it is unpacked."""
    with (
        zipfile.ZipFile(TEMPLATE) as source,
        zipfile.ZipFile(tree / BAD, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b" " * (65 * 1024 * 1024) + b"</w:body>")
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    assert (tree / BAD).stat().st_size < 1024 * 1024
    status, out, err = run(["build", "-t", BAD], capsys)
    size = 65 * 1024 * 1024 + len(zipfile.ZipFile(TEMPLATE).read("word/document.xml"))
    expected = f"error: {BAD} (word/document.xml): unpacks to {size} bytes; the limit is 64 MiB\n"
    assert (status, out, err) == (1, "", expected)


def test_broken_xml_in_a_part(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(tree / BAD, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/header1.xml":
                data = data.replace(b"</w:hdr>", b"")
            target.writestr(info, data)
    status, out, err = run(["build", "-t", BAD], capsys)
    assert (status, out) == (1, "")
    assert err.startswith(f"error: {BAD} (word/header1.xml): broken XML: ")
    assert not (tree / "output").exists()


def test_external_entities_are_not_read(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A template from elsewhere cannot pull a local file into the documents (XXE)."""
    secret = tree / "secret.txt"
    secret.write_text("SECRET-VALUE", encoding="utf-8")
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(tree / BAD, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                head, _, rest = data.partition(b"?>")
                data = (
                    head
                    + b'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "'
                    + secret.as_uri().encode()
                    + b'">]>'
                    + rest.replace(b"{{ closing }}", b"&x;{{ closing }}", 1)
                )
            target.writestr(info, data)
    for command in (["build", "-o", "out"], ["check"]):
        status, out, err = run([*command, "-t", BAD], capsys)
        message = "a document type declaration (<!DOCTYPE …>) is not allowed in a Word part"
        assert (status, out, err) == (1, "", f"error: {BAD} (word/document.xml): {message}\n")
    assert not (tree / "out").exists()


def test_a_failing_linter_is_reported_not_raised(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """docgen check says when docxtpl-lint itself fails, and still renders every agreement."""
    import docxtpl_lint

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unexpected part")

    monkeypatch.setattr(docxtpl_lint, "lint", broken)
    make_template(tree, replace("{{ closing }}", "{{ ''.__class__ }}"))
    status, out, err = run(["check", "-t", BAD], capsys)
    assert (status, out) == (1, "")
    assert err == (
        f"error: {BAD}: docxtpl-lint could not check the template (RuntimeError: unexpected part)\n"
        f"error: {BAD} (word/document.xml): refused: '__class__' of a text is Python's internals, which a "
        "template cannot reach in {{ ''.__class__ }}\n"
    )
