"""Forms name what was signed: a change's bill, notice and notification name the agreement by the title it
was signed under (a new title is one of the changes the amending agreement lists), and a notice or a bill's
別紙 publishes the agreement's text without the signing copy's cover sheet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx_text import body_lines
from helpers import edit, run

FIXTURE = Path(__file__).parent / "fixtures" / "region"
OLD_TITLE = "山口県央連携都市圏域形成に係る連携協約"
NEW_TITLE = "山口県央連携中枢都市圏形成に係る連携協約"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for side in ("old", "new"):
        shutil.copytree(FIXTURE, tmp_path / side)
    edit(tmp_path / "new/yamaguchi-kenou/region.yaml", f"title: {OLD_TITLE}", f"title: {NEW_TITLE}")
    return tmp_path


def test_change_forms_name_the_title_signed_under_and_list_the_new_title(work: Path, capsys) -> None:
    args = ["amend", "old/yamaguchi-kenou/mine.yaml", "new/yamaguchi-kenou/mine.yaml", "--date", "2017-05-01"]
    status, out, err = run([*args, "-o", "out", "--procedure"], capsys)
    assert status == 0, err
    amendment = body_lines(Path("out/yamaguchi-kenou/mine.amendment.docx"))
    assert amendment[0] == f"{OLD_TITLE}の一部を変更する連携協約"
    assert amendment[2] == "題名中「山口県央連携都市圏域形成」を「山口県央連携中枢都市圏形成」に改める。"
    folder = Path("out/yamaguchi-kenou/mine")
    bill = body_lines(folder / "美祢市-change-bill.docx")
    assert bill[1] == f"{OLD_TITLE}の変更について"
    assert bill[2].startswith(
        f"山口市との間において平成29年3月30日に締結した{OLD_TITLE}を別紙のとおり変更する"
    )
    notice = body_lines(folder / "山口市-change-notice.docx")
    assert f"美祢市と平成29年3月30日に締結した{OLD_TITLE}を変更したので" in notice[1]
    letter = body_lines(folder / "山口市-change-notification.docx")
    assert f"1　連携協約の名称 {OLD_TITLE}" in letter


def test_notices_and_bills_publish_the_text_and_the_signing_copy_keeps_its_cover(work: Path, capsys) -> None:
    status, _, err = run(
        ["build", "old/yamaguchi-kenou/mine.yaml", "-o", "out", "--procedure", "--seal"], capsys
    )
    assert status == 0, err
    assert body_lines(Path("out/yamaguchi-kenou/mine.docx"))[0] == "連携協約書"  # the signing copy
    notice = body_lines(Path("out/yamaguchi-kenou/mine/美祢市-notice.docx"))
    bill = body_lines(Path("out/yamaguchi-kenou/mine/美祢市-bill.docx"))
    assert notice[4:6] == ["", OLD_TITLE]
    assert bill[7:9] == ["別紙", OLD_TITLE]
    assert "連携協約書" not in notice + bill
    assert not any(line.endswith("印") for line in notice + bill)  # the attached text is not sealed


def test_the_attached_text_begins_on_the_page_of_its_label(work: Path, capsys) -> None:
    """The agreement's title, whose style begins a page after the cover sheet, stays on the 別紙 page."""
    import zipfile

    from lxml import etree

    assert run(["build", "old/yamaguchi-kenou/mine.yaml", "-o", "out", "--procedure"], capsys)[0] == 0
    with zipfile.ZipFile("out/yamaguchi-kenou/mine/美祢市-bill.docx") as package:
        body = etree.fromstring(package.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paragraphs = list(body.iter(f"{w}p"))
    texts = ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in paragraphs]
    title = paragraphs[texts.index("別紙") + 1]
    assert "".join(t.text or "" for t in title.iter(f"{w}t")) == OLD_TITLE
    flag = title.find(f"{w}pPr/{w}pageBreakBefore")
    assert flag is not None and flag.get(f"{w}val") == "0"
