"""PDF output through LibreOffice, read back with poppler's pdftotext (plain mode) and pdffonts.

LibreOffice takes about a second to start, so the documents these tests read are converted together, once per
session, by a soffice wrapped in a script that counts its starts: split over two processes, and once more in
one process to compare. Without LibreOffice, poppler or the IPAex Mincho font the tests that need them skip
on a developer's machine, and fail under ``CI=true``: CI installs them (.ci/run), so a skip there would hide a
broken set-up.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx_text import APPENDIX_MARKER, body_lines
from helpers import reelect

import docgen
from docgen.base.errors import PdfError
from docgen.cli import main
from docgen.office import pdf

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
MINE = AGREEMENTS / "yamaguchi-kenou" / "mine.yaml"
REFERENCE = (ROOT / "tests" / "data" / "yamaguchi-mine-agreement.txt").read_text(encoding="utf-8")
TOOLS = ("pdftotext", "pdffonts")
INSTALL = (
    "error: PDF output needs LibreOffice, and no soffice or libreoffice program was found: install it with "
    "`sudo apt-get install libreoffice-writer-nogui fonts-ipaexfont` (Debian, Ubuntu), or set "
    "DOCGEN_SOFFICE to the soffice program; .docx output does not need it\n"
)


# --- set-up: skip locally, fail in CI -----------------------------------------------------------------------


def missing_pdf_tools(which: Callable[[str], str | None] = shutil.which) -> list[str]:
    """What the PDF tests need and this machine lacks: LibreOffice, poppler's tools, IPAex Mincho."""
    missing = [tool for tool in TOOLS if which(tool) is None]
    if which("soffice") is None and which("libreoffice") is None:
        missing.append("LibreOffice (soffice)")
    elif which("fc-match") is None or "IPAexMincho" not in pdf.mincho_face().split(","):
        missing.append("the IPAexMincho font")
    return missing


def require_pdf_tools(missing: list[str], environ: Mapping[str, str] = os.environ) -> None:
    if missing:
        message = f"the PDF tests need {', '.join(missing)}: run `bash .ci/run` to install them"
        if environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def pdf_tools() -> None:
    require_pdf_tools(missing_pdf_tools())


def test_in_ci_a_missing_tool_fails_the_tests_instead_of_skipping_them():
    with pytest.raises(pytest.fail.Exception, match="need pdftotext, pdffonts, LibreOffice"):
        require_pdf_tools(missing_pdf_tools(lambda name: None), {"CI": "true"})


def test_outside_ci_a_missing_tool_skips():
    with pytest.raises(pytest.skip.Exception, match="bash .ci/run"):
        require_pdf_tools(["LibreOffice (soffice)"], {})
    require_pdf_tools([], {"CI": "true"})  # nothing missing: neither


# --- reading a PDF ----------------------------------------------------------------------------------------


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, as pdftotext's plain mode reads it (form feeds separate the pages)."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squeeze(text: str) -> str:
    """Text without any white space: pdftotext breaks lines where the page does and spaces digits apart."""
    return re.sub(r"\s+", "", text)


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(font name without its subset prefix, embedded yes/no) for each font pdffonts lists."""
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout.splitlines()
    fonts = []
    for line in lines[2:]:
        name, *_, emb, _sub, _uni, _object, _generation = line.split()
        fonts.append((name.split("+", 1)[-1], emb))
    return fonts


def reference_rows() -> list[list[str]]:
    """The 別表 rows of the signed text: item, description, 甲の役割, 乙の役割."""
    lines = REFERENCE.split("\n")
    appendix = lines[lines.index(APPENDIX_MARKER) :]
    return [line.split("\t") for line in appendix if line.count("\t") == 3 and not line.startswith("取組")]


# --- one conversion per session ---------------------------------------------------------------------------


def counting_soffice(folder: Path, real: str) -> tuple[Path, Path]:
    """A script standing in for soffice that notes each start in a file, then runs the real one."""
    folder.mkdir(parents=True, exist_ok=True)
    count = folder / "starts"
    count.write_text("")
    script = folder / "soffice"
    script.write_text(f'#!/bin/sh\necho start >> "{count}"\nexec "{real}" "$@"\n')
    script.chmod(0o755)
    return script, count


def starts(count: Path) -> int:
    return len(count.read_text().splitlines())


AGREEMENT_WITHOUT_DATE = "region: yamaguchi-kenou\nparties:\n  - 山口市\n  - 美祢市\n"


@dataclass
class Converted:
    pdfs: dict[str, Path]  # converted by two soffice processes
    starts: int
    progress: list[tuple[Path, bool]]  # each call's path, and whether a file was there already
    alone: dict[str, Path]  # the same documents converted by one process
    alone_starts: int


@pytest.fixture(scope="session")
def converted(pdf_tools, tmp_path_factory: pytest.TempPathFactory) -> Converted:
    """The Mine agreement as final, sealed final, copy and draft (no date, blank names, seals): one batch."""
    work = tmp_path_factory.mktemp("pdf")
    region = work / "agreements" / "yamaguchi-kenou"
    region.mkdir(parents=True)
    shutil.copyfile(AGREEMENTS / "municipalities.yaml", work / "agreements" / "municipalities.yaml")
    shutil.copyfile(MINE.parent / "region.yaml", region / "region.yaml")
    (region / "nodate.yaml").write_text(AGREEMENT_WITHOUT_DATE, encoding="utf-8")
    documents = {
        "final": docgen.render(MINE),
        "sealed": docgen.render(MINE, seal=True),
        "copy": docgen.render(MINE, mode="copy"),
        "draft": docgen.render(region / "nodate.yaml", mode="draft", seal=True, today=dt.date(2024, 6, 1)),
    }
    docx = work / "docx"
    docx.mkdir()
    for name, data in documents.items():
        (docx / f"{name}.docx").write_bytes(data)
    paths = [docx / f"{name}.docx" for name in documents]
    script, count = counting_soffice(work / "bin", pdf.find_soffice())
    alone_script, alone_count = counting_soffice(work / "bin-alone", pdf.find_soffice())
    progress: list[tuple[Path, bool]] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOCGEN_SOFFICE", str(script))
        written = pdf.convert_to_pdf(
            paths, work / "pdf", jobs=2, progress=lambda path: progress.append((path, path.exists()))
        )
        patch.setenv("DOCGEN_SOFFICE", str(alone_script))
        alone = pdf.convert_to_pdf(paths, work / "pdf-alone", jobs=1)
    return Converted(
        dict(zip(documents, written, strict=True)),
        starts(count),
        progress,
        dict(zip(documents, alone, strict=True)),
        starts(alone_count),
    )


# --- what the PDF says --------------------------------------------------------------------------------------


def test_two_jobs_are_two_soffice_starts_and_one_job_is_one(converted):
    assert (converted.starts, converted.alone_starts) == (2, 1)
    for pdfs in (converted.pdfs, converted.alone):
        assert list(pdfs) == ["final", "sealed", "copy", "draft"]  # returned in the order given
        for name, path in pdfs.items():
            assert path == path.parent / f"{name}.pdf"
            assert path.read_bytes().startswith(b"%PDF-")


def test_one_process_and_two_give_the_same_text(converted):
    for name, path in converted.pdfs.items():
        assert pdf_pages(path) == pdf_pages(converted.alone[name]), name


def test_progress_names_each_pdf_once_as_soffice_finishes_it(converted):
    paths = [path for path, _ in converted.progress]
    assert sorted(paths) == sorted(converted.pdfs.values())
    # called while converting: the PDFs are written only once all of them converted
    assert not any(existed for _, existed in converted.progress)


def test_the_mine_pdf_holds_the_title_preamble_and_every_article(converted):
    text = squeeze("".join(pdf_pages(converted.pdfs["final"])))
    prose = REFERENCE.split("\n")[: REFERENCE.split("\n").index(APPENDIX_MARKER)]
    articles = [line for line in prose if line.startswith("第") and "条" in line[:4]]
    assert len(articles) == 6
    captions = [line for line in prose if line.startswith("（") and line.endswith("）")]
    assert len(captions) == 6
    position = 0
    for line in ["山口県央連携都市圏域形成に係る連携協約", prose[3]] + [
        x for pair in zip(captions, articles, strict=True) for x in pair
    ]:
        found = text.find(squeeze(line), position)
        assert found >= 0, f"missing or out of order in the PDF: {line}"
        position = found


def test_the_mine_pdf_holds_the_signature_block_on_one_page_party_by_party(converted):
    pages = [squeeze(page) for page in pdf_pages(converted.pdfs["final"])]
    date = "平成29年3月30日"
    parties = ["山口市亀山町2番1号山口市山口市長渡辺純忠", "美祢市大嶺町東分326番地1美祢市美祢市長西岡晃"]
    page = next(page for page in pages if date in page)
    assert page.index(date) < page.index(parties[0]) < page.index(parties[1])
    assert re.search(r"^甲$", pdf_pages(converted.pdfs["final"])[pages.index(page)], re.M)
    assert "印" not in page.split(date)[1]


def test_the_mine_pdf_holds_every_row_of_the_appendix(converted):
    pages = pdf_pages(converted.pdfs["final"])
    appendix = squeeze(
        "".join(pages[[i for i, p in enumerate(pages) if squeeze(APPENDIX_MARKER) in squeeze(p)][0] :])
    )
    rows = reference_rows()
    assert len(rows) == 19
    for item, text, _first, _second in rows:
        # the label ア, イ, … hangs outside the item's lines, and plain pdftotext may read it apart from them
        label, name = item.split("\u3000", 1)
        assert squeeze(name) in appendix, item
        assert squeeze(text) in appendix, text
    assert appendix.count(squeeze(rows[0][2])) == len(rows)  # 甲の役割 of every row
    assert appendix.count(squeeze(rows[0][3])) == len(rows)  # 乙の役割 of every row
    for heading in ("1圏域全体の経済成長のけん引", "(3)圏域マネジメント能力の強化に係る政策分野"):
        assert heading in appendix


def test_the_pdf_is_set_in_ipaex_mincho_embedded_and_no_gothic_face(converted):
    for name, path in converted.pdfs.items():
        fonts = pdf_fonts(path)
        assert fonts, f"{name}.pdf lists no fonts"
        assert {font for font, _ in fonts} == {"IPAexMincho"}, f"{name}.pdf: {fonts}"
        assert all(embedded == "yes" for _, embedded in fonts), f"{name}.pdf: {fonts}"


def test_the_final_pdf_has_no_mark_on_any_page(converted):
    pages = pdf_pages(converted.pdfs["final"])
    assert len(pages) >= 3
    assert pages[0].split()[0] == "連携協約書"
    assert not any("（案）" in page or re.search(r"^写$", page, re.M) for page in pages)


def test_the_draft_pdf_is_marked_on_every_page_with_a_blank_date_and_seals(converted):
    pages = pdf_pages(converted.pdfs["draft"])
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert page.split()[0] == "（案）", f"page {number} of the draft begins {page[:40]!r}"
    text = "".join(pages)
    assert re.search(r"令和\s+年\s+月\s+日", text)
    assert re.search(r"山口市長\s+印\s+美祢市", text)  # no name, room to write it, then the seal
    assert re.search(r"美祢市長\s+印\s", text)


def test_the_copy_pdf_is_marked_on_every_page_and_prints_the_names_without_seals(converted):
    pages = pdf_pages(converted.pdfs["copy"])
    for number, page in enumerate(pages, start=1):
        assert page.split()[0] == "写", f"page {number} of the copy begins {page[:40]!r}"
    text = squeeze("".join(pages))
    assert "山口市長渡辺純忠" in text and "美祢市長西岡晃" in text
    assert "印" not in text.split("平成29年3月30日")[1].split(squeeze(APPENDIX_MARKER))[0]


def test_the_sealed_pdf_has_in_after_each_heads_name(converted):
    text = "".join(pdf_pages(converted.pdfs["sealed"]))
    assert re.search(r"山口市長\s*渡辺純忠\s+印\s", text)
    assert re.search(r"美祢市長\s*西岡晃\s+印\s", text)


# --- docgen build --pdf -------------------------------------------------------------------------------------


def test_build_pdf_converts_all_agreements_in_one_start_per_job_beside_each_docx(
    pdf_tools, tmp_path, monkeypatch, capsys
):
    # every agreement of the repository, plus a second region with a mine.yaml of its own: two documents
    # named mine.docx in one batch, which soffice alone would write to the same mine.pdf
    other = tmp_path / "more" / "kenou-b"
    other.mkdir(parents=True)
    shutil.copyfile(AGREEMENTS / "municipalities.yaml", tmp_path / "more" / "municipalities.yaml")
    region_text = (MINE.parent / "region.yaml").read_text(encoding="utf-8")
    (other / "region.yaml").write_text(
        region_text.replace("id: yamaguchi-kenou", "id: kenou-b"), encoding="utf-8"
    )
    (other / "mine.yaml").write_text(
        "region: kenou-b\ndate: 2018-04-01\nparties:\n  - 美祢市\n  - 山口市\n", encoding="utf-8"
    )
    reelect(tmp_path / "more" / "municipalities.yaml", since="2018-03-01")  # heads in office on its date
    script, count = counting_soffice(tmp_path / "bin", pdf.find_soffice())
    monkeypatch.setenv("DOCGEN_SOFFICE", str(script))
    out = tmp_path / "output"

    status = main(["build", str(AGREEMENTS), str(tmp_path / "more"), "-o", str(out), "--pdf"])

    captured = capsys.readouterr()
    assert (status, captured.err) == (0, "")
    documents = sorted(out.rglob("*.docx"))
    assert len(documents) >= 3
    assert captured.out == f"wrote {len(documents)} documents (.docx and .pdf) to {out}/\n"
    assert starts(count) == pdf.default_jobs(len(documents))  # one per core, at most four
    assert sorted(out.rglob("*.pdf")) == [d.with_suffix(".pdf") for d in documents]
    for document in documents:
        # each PDF is its own document: the preamble, which names the parties, is the .docx's
        preamble = next(line for line in body_lines(document) if "（以下「甲」という。）" in line)
        assert squeeze(preamble) in squeeze("".join(pdf_pages(document.with_suffix(".pdf")))), document
    assert "平成30年4月1日" in squeeze("".join(pdf_pages(out / "kenou-b" / "mine.pdf")))


def test_without_libreoffice_pdf_fails_with_the_install_hint_and_writes_nothing(
    tmp_path, monkeypatch, capsys
):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("DOCGEN_SOFFICE", raising=False)
    out = tmp_path / "output"
    assert main(["build", str(MINE), "-o", str(out), "--pdf"]) == 1
    assert capsys.readouterr().err == INSTALL
    assert not out.exists()


def test_without_libreoffice_docx_output_still_works(tmp_path, monkeypatch, capsys):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("DOCGEN_SOFFICE", raising=False)
    assert main(["build", str(MINE), "-o", str(tmp_path / "output")]) == 0
    assert (tmp_path / "output" / "yamaguchi-kenou" / "mine.docx").is_file()


def test_a_docgen_soffice_that_does_not_exist_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "no-soffice"))
    with pytest.raises(
        PdfError, match=f"^DOCGEN_SOFFICE={re.escape(str(tmp_path))}/no-soffice: no such program"
    ):
        pdf.find_soffice()


def test_without_ipaex_mincho_pdf_fails_before_writing_anything(pdf_tools, tmp_path, monkeypatch, capsys):
    # a fontconfig set-up whose only fonts are in an empty folder: ＭＳ 明朝 has nothing to become
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?>
<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / "cache"}</cachedir>
<alias binding="same"><family>ＭＳ 明朝</family><prefer><family>IPAexMincho</family></prefer></alias>
</fontconfig>""")
    monkeypatch.setattr(pdf, "FONTS_CONF", conf)
    out = tmp_path / "output"
    assert main(["build", str(MINE), "-o", str(out), "--pdf"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "error: PDF output needs the Mincho font IPAexMincho, and it is not installed (ＭＳ 明朝 "
    )
    assert err.endswith("install it with `sudo apt-get install fonts-ipaexfont` (Debian, Ubuntu)\n")
    assert not out.exists()


# --- when soffice fails -------------------------------------------------------------------------------------


def fake_soffice(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(0o755)
    return script


@pytest.fixture
def two_documents(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / "docx" / "a.docx", tmp_path / "docx" / "b.docx"]
    paths[0].parent.mkdir()
    for path in paths:
        path.write_bytes(docgen.render(MINE))
    return paths


def test_a_soffice_that_exits_0_without_writing_is_an_error_naming_each_file(
    pdf_tools, tmp_path, monkeypatch, two_documents
):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(fake_soffice(tmp_path / "bin", "exit 0")))
    with pytest.raises(PdfError) as raised:
        # one process: of two, the one that exits last might be stopped before its failure is seen
        pdf.convert_to_pdf(two_documents, tmp_path / "pdf", jobs=1)
    assert str(raised.value).split("\n") == [
        f"{path}: LibreOffice wrote no PDF (exit status 0)" for path in two_documents
    ]
    assert not (tmp_path / "pdf").exists()


def test_a_document_libreoffice_cannot_read_is_named_and_no_pdf_is_written(
    pdf_tools, tmp_path, two_documents
):
    broken = tmp_path / "docx" / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this is no Word document")
    with pytest.raises(
        PdfError, match=rf"^{re.escape(str(broken))}: LibreOffice wrote no PDF \(exit status \d+"
    ):
        pdf.convert_to_pdf([*two_documents, broken], tmp_path / "pdf")
    assert not (tmp_path / "pdf").exists()  # all or nothing: a.pdf and b.pdf converted, but are not written


def test_a_hanging_soffice_is_stopped_at_the_timeout_with_its_children(
    pdf_tools, tmp_path, monkeypatch, two_documents
):
    child = tmp_path / "child.pid"
    # like soffice's own wrapper, the script starts the real work as a child process
    monkeypatch.setenv(
        "DOCGEN_SOFFICE", str(fake_soffice(tmp_path / "bin", f'sleep 300 &\necho $! > "{child}"\nwait'))
    )
    with pytest.raises(PdfError) as raised:
        pdf.convert_to_pdf(two_documents, tmp_path / "pdf", timeout=2)
    assert str(raised.value) == (
        f"LibreOffice ({tmp_path / 'bin' / 'soffice'}) did not finish converting 2 documents "
        "to PDF within 2 s and was stopped"
    )
    assert_stopped(child)


def test_two_documents_that_would_write_the_same_pdf_are_refused(tmp_path):
    paths = [tmp_path / "a" / "mine.docx", tmp_path / "b" / "mine.docx"]
    for path in paths:
        path.parent.mkdir()
        path.write_bytes(b"")
    with pytest.raises(PdfError, match="would both be converted to"):
        pdf.convert_to_pdf(paths, tmp_path / "pdf")


def test_converting_nothing_starts_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "no-soffice"))
    assert pdf.convert_to_pdf([], tmp_path) == []


def assert_stopped(pid_file: Path) -> None:
    status = Path(f"/proc/{pid_file.read_text().strip()}/status")
    if status.exists():  # gone, or a zombie waiting for init to reap it
        assert re.search(r"^State:\s+Z", status.read_text(), re.M), status.read_text()


def test_one_failing_process_stops_the_others_and_no_pdf_is_written(
    pdf_tools, tmp_path, monkeypatch, two_documents
):
    child = tmp_path / "child.pid"
    # a.docx's process fails once b.docx's has started work that would take five minutes
    body = (
        f'case "$*" in\n  */a.docx*) while [ ! -s "{child}" ]; do sleep 0.05; done; exit 0;;\n'
        f'  *) sleep 300 & echo $! > "{child}"; wait;;\nesac'
    )
    monkeypatch.setenv("DOCGEN_SOFFICE", str(fake_soffice(tmp_path / "bin", body)))
    with pytest.raises(PdfError) as raised:
        pdf.convert_to_pdf(two_documents, tmp_path / "pdf", jobs=2, timeout=120)
    # not the timeout's message: b.docx's process was stopped at once
    assert str(raised.value) == f"{two_documents[0]}: LibreOffice wrote no PDF (exit status 0)"
    assert_stopped(child)
    assert not (tmp_path / "pdf").exists()


# prints the OSL_PIPE_* socket that the process argv[1] or one of its descendants listens on (Linux's /proc)
SOCKET_OF = """import os, sys
children = {}
for name in os.listdir("/proc"):
    try:
        stat = open(f"/proc/{name}/stat").read() if name.isdigit() else ""
    except OSError:
        continue
    if stat:
        children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(name))
tree, todo = set(), [int(sys.argv[1])]
while todo:
    pid = todo.pop()
    tree.add(pid)
    todo.extend(children.get(pid, []))
inodes = set()
for pid in tree:
    try:
        links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    except OSError:
        continue
    inodes.update(link[8:-1] for link in links if link.startswith("socket:["))
for line in open("/proc/net/unix").read().splitlines()[1:]:
    fields = line.split()
    if len(fields) > 7 and fields[6] in inodes and os.path.basename(fields[7]).startswith("OSL_PIPE_"):
        print(fields[7])
        break
"""


def test_a_stopped_soffice_leaves_no_socket_in_tmp(pdf_tools, tmp_path, monkeypatch, two_documents):
    # LibreOffice's single-instance socket goes to /tmp whatever TMPDIR says, and only soffice's normal exit
    # removes it. The real soffice converts b.docx and three copies; once its socket is there, the process
    # given a.docx fails, and docgen stops the real one in the middle of its work.
    documents = [*two_documents, *(two_documents[1].with_name(f"c{n}.docx") for n in range(3))]
    for path in documents[2:]:
        shutil.copyfile(two_documents[1], path)
    ready = tmp_path / "socket"
    # the socket of this soffice, not any new one in /tmp: another LibreOffice on the machine makes its own
    finder = tmp_path / "socket_of.py"
    finder.write_text(SOCKET_OF)
    body = f"""for argument in "$@"; do case "$argument" in */a.docx) fail=1;; esac; done
if [ -n "$fail" ]; then
  while [ ! -s "{ready}" ]; do sleep 0.05; done
  exit 0
fi
"{pdf.find_soffice()}" "$@" &
child=$!
until [ -n "$socket" ]; do
  sleep 0.05
  socket=$("{sys.executable}" "{finder}" "$child")
done
echo "$socket" > "{ready}"
wait"""
    monkeypatch.setenv("DOCGEN_SOFFICE", str(fake_soffice(tmp_path / "bin", body)))
    with pytest.raises(PdfError, match=f"^{re.escape(str(documents[0]))}: LibreOffice wrote no PDF"):
        pdf.convert_to_pdf(documents, tmp_path / "pdf", jobs=2, timeout=120)
    socket = Path(ready.read_text().strip())
    assert socket.name.startswith("OSL_PIPE_")
    assert not socket.exists()


def python_soffice(folder: Path, pdf_file: Path, mode: int | None = None) -> tuple[Path, Path]:
    """A soffice that writes the bytes of ``pdf_file`` as the PDF of each document and notes, one line per
    start, the documents it was given; with ``mode``, it gives each PDF that mode, whatever the umask."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "documents"
    log.write_text("")
    script = folder / "soffice"
    script.write_text(f"""#!{sys.executable}
import pathlib, shutil, sys
arguments = sys.argv[1:]
out = pathlib.Path(arguments[arguments.index("--outdir") + 1])
documents = [pathlib.Path(a) for a in arguments if a.endswith(".docx")]
with open({str(log)!r}, "a") as log:
    print(*(d.stem for d in documents), file=log)
out.mkdir(parents=True, exist_ok=True)
for document in documents:
    shutil.copyfile({str(pdf_file)!r}, out / (document.stem + ".pdf"))
    if {mode!r} is not None:
        (out / (document.stem + ".pdf")).chmod({mode!r})
""")
    script.chmod(0o755)
    return script, log


def object_stream_pdf() -> bytes:
    """A one-page PDF 1.5 whose page object sits in a compressed object stream, found through a
    cross-reference stream: as PDF 1.5 writers may store it, with no plain ``/Type /Page`` to see."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
    ]
    body, offsets = b"", []
    for item in objects:
        offsets.append(len(body))
        body += item + b"\n"
    index = b" ".join(b"%d %d" % (number, offset) for number, offset in enumerate(offsets, start=1)) + b"\n"
    packed = zlib.compress(index + body)
    data = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    object_stream = len(data)
    data += b"4 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        len(index),
        len(packed),
    )
    data += packed + b"\nendstream\nendobj\n"
    xref = len(data)
    rows = [(0, 0, 65535), (2, 4, 0), (2, 4, 1), (2, 4, 2), (1, object_stream, 0), (1, xref, 0)]
    table = b"".join(struct.pack(">BIH", *row) for row in rows)
    data += b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(table)
    data += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(data)


def without_pages(data: bytes) -> bytes:
    return data.replace(b"/Type/Page", b"/Type/Gage")


def pointing_elsewhere(data: bytes) -> bytes:
    start = data.rindex(b"startxref")
    return data[:start] + b"startxref\n7\n%%EOF\n"


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (lambda data: b"%PDF-junk", "no %PDF-1.x header"),
        (lambda data: data[: len(data) // 2], "no startxref and %%EOF at its end"),
        (pointing_elsewhere, "startxref 7 points at no cross-reference table"),
        (without_pages, "no page"),
    ],
    ids=["junk", "cut-off", "startxref-elsewhere", "no-page"],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused(
    converted, tmp_path, monkeypatch, two_documents, spoil, problem
):
    spoilt = tmp_path / "spoilt.pdf"
    spoilt.write_bytes(spoil(converted.pdfs["final"].read_bytes()))
    script, _ = python_soffice(tmp_path / "bin", spoilt)
    monkeypatch.setenv("DOCGEN_SOFFICE", str(script))
    with pytest.raises(PdfError) as raised:
        pdf.convert_to_pdf(two_documents[:1], tmp_path / "pdf")
    assert (
        str(raised.value) == f"{two_documents[0]}: LibreOffice wrote a broken PDF: {problem} (exit status 0)"
    )
    assert not (tmp_path / "pdf").exists()


def test_a_pdf_with_its_page_in_an_object_stream_is_accepted(pdf_tools, tmp_path, monkeypatch, two_documents):
    sample = tmp_path / "sample.pdf"
    sample.write_bytes(object_stream_pdf())
    info = subprocess.run(["pdfinfo", str(sample)], capture_output=True, check=True, text=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.M)  # poppler reads it: the sample is a real PDF
    script, _ = python_soffice(tmp_path / "bin", sample)
    monkeypatch.setenv("DOCGEN_SOFFICE", str(script))
    written = pdf.convert_to_pdf(two_documents, tmp_path / "pdf")
    assert [path.read_bytes() for path in written] == [sample.read_bytes()] * 2


# --- jobs, progress and one check of the font per run ------------------------------------------------------


@pytest.fixture
def recording_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """DOCGEN_SOFFICE set to a soffice that writes a one-page PDF per document; returns its log."""
    sample = tmp_path / "sample.pdf"
    sample.write_bytes(object_stream_pdf())
    script, log = python_soffice(tmp_path / "bin", sample)
    monkeypatch.setenv("DOCGEN_SOFFICE", str(script))
    return log


def letter_documents(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = [folder / f"{letter}.docx" for letter in "abcdefghijk"[:count]]
    for path in paths:
        path.write_bytes(b"PK\x03\x04")  # never opened: the soffice here only copies a PDF
    return paths


@pytest.mark.parametrize(
    ("count", "jobs", "parts"),
    [
        (5, 2, ["a c e", "b d"]),  # documents of one size: dealt in turn, counts differ by one at most
        (11, 4, ["a e i", "b f j", "c g k", "d h"]),
        (3, 4, ["a", "b", "c"]),  # never more processes than documents
        (3, 1, ["a b c"]),
    ],
)
def test_documents_of_one_size_are_dealt_to_the_processes_in_turn(
    pdf_tools, tmp_path, recording_soffice, monkeypatch, count, jobs, parts
):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(16)), raising=False)
    documents = letter_documents(tmp_path / "docx", count)
    calls: list[Path] = []
    written = pdf.convert_to_pdf(documents, tmp_path / "pdf", jobs=jobs, progress=calls.append)
    assert sorted(recording_soffice.read_text().splitlines()) == parts
    assert written == [tmp_path / "pdf" / f"{d.stem}.pdf" for d in documents]
    assert sorted(calls) == written  # once each
    assert all(path.read_bytes().startswith(b"%PDF-1.5") for path in written)


def test_a_large_document_gets_a_process_of_its_own_while_the_small_ones_share_the_other(
    pdf_tools, tmp_path, recording_soffice, monkeypatch
):
    """Balanced by size, not by count: halves by count would give the process with the large document four
    small ones more to do, and the other process little."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    documents = letter_documents(tmp_path / "docx", 10)
    documents[0].write_bytes(b"PK\x03\x04" * 20)
    written = pdf.convert_to_pdf(documents, tmp_path / "pdf", jobs=2)
    assert sorted(recording_soffice.read_text().splitlines()) == ["a", "b c d e f g h i j"]
    assert written == [tmp_path / "pdf" / f"{d.stem}.pdf" for d in documents]


def test_more_jobs_than_cores_run_one_process_a_core(pdf_tools, tmp_path, recording_soffice, monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    documents = letter_documents(tmp_path / "docx", 5)
    pdf.convert_to_pdf(documents, tmp_path / "pdf", jobs=4)
    assert sorted(recording_soffice.read_text().splitlines()) == ["a c e", "b d"]


def test_build_says_when_jobs_asks_for_more_than_the_cores(
    pdf_tools, tmp_path, recording_soffice, monkeypatch, capsys
):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    status = main(["build", str(MINE), "-o", str(tmp_path / "out"), "--pdf", "--jobs", "4"])
    captured = capsys.readouterr()
    assert status == 0
    assert captured.err == (
        "note: --jobs 4: docgen may use 2 cores here, so it runs 2 LibreOffice processes at once\n"
    )
    assert (tmp_path / "out" / "yamaguchi-kenou" / "mine.pdf").read_bytes().startswith(b"%PDF-1.5")


def test_by_default_there_is_one_process_per_core_and_four_at_most(monkeypatch):
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)  # as on macOS and Windows
    for cores, documents, jobs in [(1, 10, 1), (2, 10, 2), (16, 10, 4), (16, 3, 3), (None, 10, 1)]:
        monkeypatch.setattr(os, "cpu_count", lambda cores=cores: cores)
        assert pdf.default_jobs(documents) == jobs, (cores, documents)


def test_by_default_only_the_cores_docgen_may_use_count(monkeypatch):
    """A container or ``taskset`` that allows one core of sixteen: one LibreOffice process, not four."""
    monkeypatch.setattr(os, "cpu_count", lambda: 16)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert pdf.default_jobs(10) == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 5, 7}, raising=False)
    assert pdf.default_jobs(10) == 4


def test_jobs_must_be_one_or_more(tmp_path, two_documents):
    with pytest.raises(PdfError, match="^the number of LibreOffice processes must be 1 or more, not 0$"):
        pdf.convert_to_pdf(two_documents, tmp_path / "pdf", jobs=0)


def test_a_checked_office_is_not_checked_again(pdf_tools, tmp_path, monkeypatch, recording_soffice):
    folder = tmp_path / "fc-bin"
    folder.mkdir()
    runs = folder / "runs"
    (folder / "fc-match").write_text(
        f'#!/bin/sh\necho run >> "{runs}"\nexec "{shutil.which("fc-match")}" "$@"\n'
    )
    (folder / "fc-match").chmod(0o755)
    runs.write_text("")
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    documents = letter_documents(tmp_path / "docx", 2)

    office = pdf.check_libreoffice()
    assert office == pdf.Office(str(tmp_path / "bin" / "soffice"))
    assert starts(runs) == 1
    pdf.convert_to_pdf(documents, tmp_path / "pdf", office=office)
    assert starts(runs) == 1  # fc-match ran once for the check and the conversion together
    pdf.convert_to_pdf(documents, tmp_path / "pdf-2")
    assert starts(runs) == 2  # without the check's result, the conversion checks by itself


# --- nothing written outside the folders given --------------------------------------------------------------


@pytest.mark.parametrize("work_dir", [".docgen-work", None])
def test_a_conversion_leaves_home_and_the_temporary_folders_as_they_were(
    pdf_tools, tmp_path, monkeypatch, two_documents, work_dir
):
    # LibreOffice and fontconfig write into these (dconf's marker file, temporary files, font caches)
    empty = {}
    for variable in ("HOME", "TMPDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR"):
        empty[variable] = tmp_path / "empty" / variable.lower()
        empty[variable].mkdir(parents=True, mode=0o700)
        monkeypatch.setenv(variable, str(empty[variable]))
    monkeypatch.setattr(tempfile, "tempdir", str(empty["TMPDIR"]))  # Python read TMPDIR before this test
    out = tmp_path / "pdf"

    written = pdf.convert_to_pdf(two_documents, out, work_dir=out / work_dir if work_dir else None)

    assert {name: sorted(folder.rglob("*")) for name, folder in empty.items()} == dict.fromkeys(empty, [])
    assert sorted(out.iterdir()) == written  # the work folder is gone again
    assert sorted(two_documents[0].parent.iterdir()) == two_documents
    for path in written:  # and LibreOffice still found docgen's fonts
        assert {font for font, _ in pdf_fonts(path)} == {"IPAexMincho"}


# --- the signature block on the page ------------------------------------------------------------------------

# two parties as in the Mine agreement; a preamble made longer step by step, by at most one printed line a
# step, moves the page break through the signatures, the date and the closing words (measured with LibreOffice
# 7.4 and IPAex Mincho: 乙 goes to the next page at step 42, 甲 with the date and the closing words at 58).
# Each address is long enough to wrap, so that a party is four lines: LibreOffice never breaks a paragraph of
# three lines anyway (two lines at least stay at each side of a break), which would leave nothing for the
# party's keep-lines-together to do.
SWEEP = range(36, 72, 2)
SENTENCE = "この協約は、圏域の住民の福祉の増進に資するものとする。"
SWEEP_TOWNS = "municipalities:\n" + "".join(
    f"  {town}:\n    address: {town}本町一丁目{n}番{n}号{town}役所本庁舎三階総合政策部企画課\n"
    f"    title: {town}長\n    heads:\n      - name: {head}\n        known: 2017-03-30\n"
    for n, (town, head) in enumerate([("東市", "東一郎"), ("西市", "西二郎")], start=1)
)
# the first and the last printed line of each party's signature block, as layout_lines gives them
PARTY_LINES = (("甲東市本町一丁目1番1号", "東市長東一郎印"), ("乙西市本町一丁目2番2号", "西市長西二郎印"))
ARTICLE_6_END = "より、当該協議について議会の議決を経なければならない。"


def layout_lines(path: Path) -> list[tuple[int, str]]:
    """(page, line without white space) for each line as the page shows it.

    ``pdftotext -layout`` keeps a printed line together (the plain mode may read the 印 column or the labels
    甲, 乙 apart from their lines), which is what a question about pages needs.
    """
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return [
        (page, squeeze(line))
        for page, content in enumerate(text.split("\f"))
        for line in content.splitlines()
        if line.strip()
    ]


@pytest.fixture(scope="module")
def sweep(pdf_tools, tmp_path_factory: pytest.TempPathFactory) -> dict[int, list[tuple[int, str]]]:
    work = tmp_path_factory.mktemp("sweep")
    region = work / "agreements" / "yamaguchi-kenou"
    region.mkdir(parents=True)
    shutil.copyfile(MINE.parent / "region.yaml", region / "region.yaml")
    (work / "agreements" / "municipalities.yaml").write_text(SWEEP_TOWNS, encoding="utf-8")
    documents = []
    for step in SWEEP:
        padding = SENTENCE * (step // 2) + "あ" * 20 * (step % 2)
        path = region / f"step{step:02d}.yaml"
        path.write_text(
            "region: yamaguchi-kenou\ndate: 2017-03-30\nparties:\n  - 東市\n  - 西市\n"
            f"preamble: '{{{{ parties | join_ja }}}}は、連携協約を締結する。{padding}'\n",
            encoding="utf-8",
        )
        documents.append(work / f"{path.stem}.docx")
        documents[-1].write_bytes(docgen.render(path, seal=True))
    pdfs = pdf.convert_to_pdf(documents, work / "pdf")
    return {step: layout_lines(path) for step, path in zip(SWEEP, pdfs, strict=True)}


def page_of(lines: list[tuple[int, str]], start: str) -> int:
    pages = [page for page, line in lines if line.startswith(start)]
    assert len(pages) == 1, f"{start}: on pages {pages}"
    return pages[0]


def line_of(lines: list[tuple[int, str]], start: str) -> int:
    """How many printed lines come before the one line that begins with ``start``."""
    numbers = [number for number, (_page, line) in enumerate(lines) if line.startswith(start)]
    assert len(numbers) == 1, f"{start}: lines {numbers}"
    return numbers[0]


def test_the_closing_words_and_the_date_stay_on_the_page_of_the_first_signature(sweep):
    moved = 0
    for step, lines in sweep.items():
        first = page_of(lines, PARTY_LINES[0][0])
        where = {
            "the closing words": page_of(lines, "れ各1通を保有する。"),
            "the date": page_of(lines, "平成29年3月30日"),
            "甲's name": page_of(lines, PARTY_LINES[0][1]),
        }
        assert where == dict.fromkeys(where, first), f"preamble step {step}: {where}, 甲 on page {first}"
        moved += page_of(lines, ARTICLE_6_END) < first
    assert moved, (
        "the page break never fell between the articles and the closing words: the sweep proves nothing"
    )


def test_no_party_is_split_across_pages(sweep):
    # a party is one paragraph kept together (a chain of paragraphs kept with the next was not: LibreOffice
    # left 乙's address and town behind while its name moved on)
    for step, lines in sweep.items():
        for first, last in PARTY_LINES:
            assert page_of(lines, first) == page_of(lines, last), f"preamble step {step}: {first}… is split"
    # the sweep proves something only if the page break falls inside each party at some step: from one step to
    # the next the party goes to the next page while the text before it grows by at most one printed line, so
    # the page had room for all its lines but the last
    for first, _last in PARTY_LINES:
        assert any(
            page_of(sweep[after], first) > page_of(sweep[before], first)
            and line_of(sweep[after], ARTICLE_6_END) - line_of(sweep[before], ARTICLE_6_END) <= 1
            for before, after in itertools.pairwise(sweep)
        ), f"the page break never fell inside {first}…: the sweep proves nothing"


def test_the_progress_bar_goes_through_the_documents_then_the_pdfs(
    pdf_tools, recording_soffice: Path, tmp_path: Path
) -> None:
    """On a terminal the bar counts the documents rendered, then the PDFs made: 2 of 2 for one agreement."""
    from helpers import copy_mine_agreement, docgen_on_a_terminal

    copy_mine_agreement(tmp_path)
    template = str(ROOT / "templates/renkei-kyoyaku.docx")
    status, out, text = docgen_on_a_terminal(["build", "--pdf", "-t", template], tmp_path)
    assert (status, out) == (0, b"wrote 1 document (.docx and .pdf) to output/\n")
    assert "building" in text and "1/2" in text
    assert "PDF" in text and "2/2" in text
    assert (tmp_path / "output/yamaguchi-kenou/mine.pdf").is_file()
