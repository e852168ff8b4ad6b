"""The three layouts of an agreement, read back from the .docx a user gets.

final (the signing copy) equals the signed text; draft marks every page （案） and may leave the date and
the heads blank; copy (the published 写し) marks 写 and prints the names. ``--seal`` puts 印 where each head
seals.
The PDF side of the same marks is in test_pdf.py.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from docx_text import assert_matches_reference, header_texts, paragraph_lines

import docgen
from docgen.base.errors import UserError
from docgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
MINE = ROOT / "agreements" / "yamaguchi-kenou" / "mine.yaml"
REFERENCE = (ROOT / "tests" / "data" / "yamaguchi-mine-agreement.txt").read_text(encoding="utf-8")
IDEOGRAPHIC_SPACE = "\u3000"

# heads as the signed text prints them; 新市長 takes office after the Mine agreement's date
MUNICIPALITIES = """\
municipalities:
  山口市:
    address: 山口市亀山町2番1号
    title: 山口市長
    heads:
      - name: 渡辺純忠
        known: 2017-03-30
  美祢市:
    address: 美祢市大嶺町東分326番地1
    title: 美祢市長
    heads:
      - name: 西岡晃
        known: 2017-03-30
  新市:
    address: 新市本町1番1号
    title: 新市長
    heads:
      - name: 新市長一郎
        since: 2020-04-01
"""


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An agreements folder of our own (the repository's region text, small municipalities), as the cwd."""
    region = tmp_path / "agreements" / "yamaguchi-kenou"
    region.mkdir(parents=True)
    shutil.copyfile(ROOT / "agreements" / "yamaguchi-kenou" / "region.yaml", region / "region.yaml")
    (tmp_path / "agreements" / "municipalities.yaml").write_text(MUNICIPALITIES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return region


def agreement(folder: Path, name: str, *parties: str, date: str | None = None) -> Path:
    lines = ["region: yamaguchi-kenou"] + ([f"date: {date}"] if date else []) + ["parties:"]
    lines += [f"  - {party}" for party in parties]
    path = folder / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["build", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def signature_block(docx: bytes | Path) -> list[list[str]]:
    """The paragraphs of the signature block, each as its lines split at line breaks.

    The date is a paragraph of one line, each party one paragraph of three (label and address, municipality,
    title and head).
    """
    paragraphs = paragraph_lines(docx)
    start = next(i for i, lines in enumerate(paragraphs) if lines[0].startswith("この協約の締結を証するため"))
    end = paragraphs.index(["別表（第3条関係）"])
    return [lines for lines in paragraphs[start + 1 : end] if "".join(lines).strip()]


# --- final: the signing copy ------------------------------------------------------------------------------


def test_final_is_the_default_and_matches_the_signed_text_with_an_empty_header(tmp_path, capsys):
    status, out, err = build(str(MINE), "-o", str(tmp_path), capsys=capsys)
    assert (status, err) == (0, "")
    docx = tmp_path / "yamaguchi-kenou" / "mine.docx"
    assert_matches_reference(docx, REFERENCE)
    headers = header_texts(docx)
    assert headers, "the template has a header part"
    assert all(header.strip() == "" for header in headers), headers
    assert "印" not in "".join(line for lines in signature_block(docx) for line in lines)


def test_final_with_mode_named_gives_the_same_document_as_the_default(tmp_path, capsys):
    assert build(str(MINE), "-o", str(tmp_path / "a"), capsys=capsys)[0] == 0
    assert build(str(MINE), "-o", str(tmp_path / "b"), "--mode", "final", capsys=capsys)[0] == 0
    path = Path("yamaguchi-kenou") / "mine.docx"
    assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()


def test_final_without_a_date_is_an_error_at_the_file_and_nothing_is_written(tree, capsys):
    agreement(tree, "nodate", "山口市", "美祢市")
    status, out, err = build("agreements", "-o", "output", capsys=capsys)
    assert status == 1
    assert re.fullmatch(r"error: agreements/yamaguchi-kenou/nodate\.yaml:\d+:\d+: .*'date'.*\n", err), err
    assert not Path("output").exists()


def test_copy_without_a_date_is_an_error_too(tree, capsys):
    agreement(tree, "nodate", "山口市", "美祢市")
    status, out, err = build("agreements", "-o", "output", "--mode", "copy", capsys=capsys)
    assert status == 1
    assert re.fullmatch(r"error: agreements/yamaguchi-kenou/nodate\.yaml:\d+:\d+: .*'date'.*\n", err), err


def test_final_without_a_head_in_office_is_an_error_at_the_party(tree, capsys):
    path = agreement(tree, "early", "山口市", "新市", date="2017-03-30")
    status, out, err = build("agreements", "-o", "output", capsys=capsys)
    assert status == 1
    line = path.read_text(encoding="utf-8").splitlines().index("  - 新市") + 1
    assert re.fullmatch(
        rf"error: agreements/yamaguchi-kenou/early\.yaml:{line}:\d+: .*新市.*2017-03-30.*\n", err
    ), err
    assert not Path("output").exists()


# --- draft ------------------------------------------------------------------------------------------------


def test_draft_marks_the_header_and_keeps_the_signed_text(tmp_path, capsys):
    status, out, err = build(str(MINE), "-o", str(tmp_path), "--mode", "draft", capsys=capsys)
    assert (status, err) == (0, "")
    docx = tmp_path / "yamaguchi-kenou" / "mine.docx"
    assert header_texts(docx) == ["（案）"]
    assert_matches_reference(docx, REFERENCE)  # the mark is in the header, not in the text


def test_draft_without_a_date_prints_the_blank_date_of_the_build_days_era(tree, capsys):
    agreement(tree, "nodate", "山口市", "美祢市")
    status, out, err = build("agreements", "-o", "output", "--mode", "draft", capsys=capsys)
    assert (status, err) == (0, "")
    block = signature_block(Path("output/yamaguchi-kenou/nodate.docx"))
    assert block[0] == ["令和\u3000年\u3000月\u3000日"]  # today is in 令和


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2019, 4, 30), "平成\u3000年\u3000月\u3000日"),
        (dt.date(2019, 5, 1), "令和\u3000年\u3000月\u3000日"),
    ],
)
def test_the_blank_date_takes_the_era_of_the_day_given(tree, today, expected):
    path = agreement(tree, "nodate", "山口市", "美祢市")
    docx = docgen.render(path, mode="draft", today=today)
    assert signature_block(docx)[0] == [expected]


def test_draft_without_a_date_leaves_the_names_blank_for_signing(tree):
    path = agreement(tree, "nodate", "山口市", "美祢市")
    docx = docgen.render(path, mode="draft", today=dt.date(2024, 6, 1))
    assert signature_block(docx) == [
        ["令和\u3000年\u3000月\u3000日"],
        ["甲\u3000山口市亀山町2番1号", "山口市", "山口市長\u3000"],
        ["乙\u3000美祢市大嶺町東分326番地1", "美祢市", "美祢市長\u3000"],
    ]
    assert header_texts(docx) == ["（案）"]


def test_draft_allows_a_party_without_a_head_in_office_and_leaves_that_name_blank(tree, capsys):
    path = agreement(tree, "early", "山口市", "新市", date="2017-03-30")
    status, out, err = build("agreements", "-o", "output", "--mode", "draft", capsys=capsys)
    line = path.read_text(encoding="utf-8").splitlines().index("  - 新市") + 1
    assert status == 0
    assert err == (
        f"warning: agreements/yamaguchi-kenou/early.yaml:{line}:5: parties[1]: no head of 新市 recorded in "
        "office on 2017-03-30: the first recorded is 新市長一郎 (since 2020-04-01). Add the head in office "
        "then to municipalities.yaml before the others under 新市.heads, e.g. '- {name: …, known: "
        "2017-03-30}'; the draft leaves the name blank\n"
    )
    assert signature_block(Path("output/yamaguchi-kenou/early.docx")) == [
        ["平成29年3月30日"],
        ["甲\u3000山口市亀山町2番1号", "山口市", "山口市長\u3000渡辺純忠"],
        ["乙\u3000新市本町1番1号", "新市", "新市長\u3000"],
    ]


# --- copy -------------------------------------------------------------------------------------------------


def test_copy_marks_the_header_and_prints_the_names(tmp_path, capsys):
    status, out, err = build(str(MINE), "-o", str(tmp_path), "--mode", "copy", capsys=capsys)
    assert (status, err) == (0, "")
    docx = tmp_path / "yamaguchi-kenou" / "mine.docx"
    assert header_texts(docx) == ["写"]
    assert_matches_reference(docx, REFERENCE)
    # the head's line is the third and last of each party's paragraph
    assert [lines[2:] for lines in signature_block(docx)[1:]] == [
        ["山口市長\u3000渡辺純忠"],
        ["美祢市長\u3000西岡晃"],
    ]


def test_seal_with_copy_is_refused_because_a_published_copy_has_no_seal(tmp_path, capsys):
    status, out, err = build(str(MINE), "-o", str(tmp_path), "--mode", "copy", "--seal", capsys=capsys)
    assert status == 1
    assert err == (
        "error: --seal is for the signing copy (final) and drafts: a published copy (--mode copy) "
        "prints the heads' names without 印\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_seal_with_copy_is_refused_by_the_library_too():
    with pytest.raises(UserError, match="published copy"):
        docgen.render(MINE, mode="copy", seal=True)


def test_an_unknown_mode_is_refused_by_the_library():
    with pytest.raises(UserError, match="unknown mode 'Draft'"):
        docgen.render(MINE, mode="Draft")  # type: ignore[arg-type]


# --- seal -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["final", "draft"])
def test_seal_puts_in_after_each_heads_name_and_nothing_else_changes(tmp_path, capsys, mode):
    status, out, err = build(str(MINE), "-o", str(tmp_path), "--mode", mode, "--seal", capsys=capsys)
    assert (status, err) == (0, "")
    sealed = paragraph_lines(tmp_path / "yamaguchi-kenou" / "mine.docx")
    plain = paragraph_lines(docgen.render(MINE, mode=mode))
    # the same paragraphs with the same lines (strict zips), but for the line of each head's name
    changed = [
        (a, b)
        for plain_lines, sealed_lines in zip(plain, sealed, strict=True)
        for a, b in zip(plain_lines, sealed_lines, strict=True)
        if a != b
    ]
    # 印 stands at a tab stop, so that it lines up for every party (a tab reads as a space)
    assert changed == [
        ("山口市長\u3000渡辺純忠", "山口市長\u3000渡辺純忠 印"),
        ("美祢市長\u3000西岡晃", "美祢市長\u3000西岡晃 印"),
    ]
    assert len(plain) == len(sealed)


def test_seal_in_a_draft_with_blank_names_still_marks_each_seal(tree):
    # the room left for the name is the tab to 印's stop (looked at in the PDF page images)
    path = agreement(tree, "nodate", "山口市", "美祢市")
    docx = docgen.render(path, mode="draft", seal=True, today=dt.date(2024, 6, 1))
    assert [lines[2:] for lines in signature_block(docx)[1:]] == [
        ["山口市長\u3000 印"],
        ["美祢市長\u3000 印"],
    ]
