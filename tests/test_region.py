"""The whole region: eleven agreements built together, heads by date, three parties, reproducible output.

The tests of the real region (``agreements/``) say so in their names; the others work on the small copy in
``tests/fixtures/region`` so that editing the real agreements does not change them.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx_text import assert_matches_reference, body_lines, document_text, paragraph_lines
from helpers import docgen_on_a_terminal, snapshot

import docgen
import docgen.base.output
from docgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "region"
REFERENCE = (Path(__file__).parent / "data" / "yamaguchi-mine-agreement.txt").read_text(encoding="utf-8")

# The eleven agreements of 平成29年3月30日 as the guide lists them (docs/index.md): file → (甲, 乙).
ELEVEN = {
    "ube": ("山口市", "宇部市"),
    "hagi": ("山口市", "萩市"),
    "hofu": ("山口市", "防府市"),
    "mine": ("山口市", "美祢市"),
    "sanyo-onoda": ("山口市", "山陽小野田市"),
    "tsuwano": ("山口市", "島根県津和野町"),
    "ube-hagi": ("宇部市", "萩市"),
    "ube-hofu": ("宇部市", "防府市"),
    "ube-mine": ("宇部市", "美祢市"),
    "ube-sanyo-onoda": ("宇部市", "山陽小野田市"),
    "ube-tsuwano": ("宇部市", "島根県津和野町"),
}
# The signature block of each party on 2017-03-30 (region-2017.md): address, name, title and head, each a line
# of its own in the party's one paragraph.
SIGNATORIES = {
    "山口市": ("山口市亀山町2番1号", "山口市", "山口市長　渡辺純忠"),
    "宇部市": ("宇部市常盤町一丁目7番1号", "宇部市", "宇部市長　久保田后子"),
    "萩市": ("萩市大字江向510番地", "萩市", "萩市長　藤道健二"),
    "防府市": ("防府市寿町7番1号", "防府市", "防府市長　松浦正人"),
    "美祢市": ("美祢市大嶺町東分326番地1", "美祢市", "美祢市長　西岡晃"),
    "山陽小野田市": ("山陽小野田市日の出一丁目1番1号", "山陽小野田市", "山陽小野田市長　白井博文"),
    "島根県津和野町": ("島根県鹿足郡津和野町日原54番地25", "島根県津和野町", "津和野町長　下森博之"),
}
CENTRAL_WITH_PARTNER = "乙と連携・協力して、取組を推進する。"
PARTNER = "甲と連携・協力して実施する事業について、甲と取組を推進する。"
CENTRAL_WITH_CENTRAL = "甲と連携・協力して、取組を推進する。"


def build_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["build", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- the real region ------------------------------------------------------------------------------


def test_real_region_build_without_paths_writes_exactly_the_eleven_documents(region_output: Path) -> None:
    assert sorted(p.name for p in region_output.iterdir()) == sorted(f"{name}.docx" for name in ELEVEN)


@pytest.mark.parametrize("name", ELEVEN)
def test_real_region_cover_preamble_and_signatures_name_the_parties(region_output: Path, name: str) -> None:
    first, second = ELEVEN[name]
    lines = body_lines(region_output / f"{name}.docx")
    assert lines[1] == f"{first}　{second}"
    assert lines[3] == (
        f"{first}（以下「甲」という。）及び{second}（以下「乙」という。）は、連携中枢都市圏である"
        "山口県央連携都市圏域（以下「圏域」という。）を形成するため、地方自治法（昭和22年法律第67号）"
        "第252条の2第1項の規定により、次のとおり連携協約を締結する。"
    )
    assert (
        "この協約の締結を証するため、本協約書2通を作成し、甲及び乙が記名押印の上、それぞれ各1通を保有する。"
        in lines
    )
    paragraphs = paragraph_lines(region_output / f"{name}.docx")
    at = paragraphs.index(["平成29年3月30日"])
    address, town, head = SIGNATORIES[first]
    address2, town2, head2 = SIGNATORIES[second]
    # one paragraph per party, so that LibreOffice keeps it on one page; its lines split at line breaks; then
    # the empty paragraph that ends the first section (the 別表 has a section of its own)
    assert paragraphs[at + 1 : at + 5] == [
        [f"甲　{address}", town, head],
        [f"乙　{address2}", town2, head2],
        [""],
        ["別表（第3条関係）"],
    ]


@pytest.mark.parametrize("name", ELEVEN)
def test_real_region_roles_follow_who_is_a_central_city(region_output: Path, name: str) -> None:
    lines = body_lines(region_output / f"{name}.docx")
    rows = [line.split("\t") for line in lines[lines.index("別表（第3条関係）") :] if "\t" in line]
    data = [row for row in rows if row[0] != "取組"]
    assert len(data) == 19
    # 山口市–宇部市: two central cities, both cells 「…と連携・協力して、取組を推進する。」
    expected = [CENTRAL_WITH_PARTNER, CENTRAL_WITH_CENTRAL if name == "ube" else PARTNER]
    assert all(row[2:] == expected for row in data)


def test_real_mine_agreement_still_equals_the_signed_text(region_output: Path) -> None:
    assert_matches_reference(region_output / "mine.docx", REFERENCE)


def test_real_region_checks_clean_with_nothing_to_fill_in(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["check"]) == 0
    assert capsys.readouterr() == ("ok: 11 agreements, template templates/renkei-kyoyaku.docx\n", "")


@pytest.mark.parametrize("page", ["index.md", "index.en.md"])
def test_real_guide_table_lists_every_agreement_file_with_its_parties_and_output(page: str) -> None:
    guide = (ROOT / "docs" / page).read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| `([\w-]+)\.yaml` \| (\S+) \| (\S+) \| `output/yamaguchi-kenou/([\w-]+)\.docx` \|$",
        guide,
        flags=re.M,
    )
    assert {name: (first, second) for name, first, second, _ in rows} == ELEVEN
    assert all(name == output for name, _, _, output in rows)
    files = {
        p.stem for p in (ROOT / "agreements" / "yamaguchi-kenou").glob("*.yaml") if p.name != "region.yaml"
    }
    assert files == set(ELEVEN)


def test_real_assumed_facts_are_marked_for_the_user() -> None:
    towns = (ROOT / "agreements" / "municipalities.yaml").read_text(encoding="utf-8")
    address_line = next(i for i, line in enumerate(towns.splitlines()) if "津和野町日原54番地25" in line)
    assert "# assumed:" in towns.splitlines()[address_line - 1]
    for name in ELEVEN:
        if name != "mine":  # the signed text: nothing assumed
            text = (ROOT / "agreements" / "yamaguchi-kenou" / f"{name}.yaml").read_text(encoding="utf-8")
            assert "# assumed:" in text, name


# --- heads with terms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "head"),
    [
        ("2017-03-30", "白井博文"),
        ("2017-04-23", "白井博文"),
        ("2017-04-24", "藤田剛二"),
        ("2017-05-01", "藤田剛二"),
    ],
)
def test_real_sanyo_onoda_agreement_dated_later_prints_the_head_then_in_office(
    tmp_path: Path, day: str, head: str
) -> None:
    agreements = tmp_path / "agreements"
    shutil.copytree(ROOT / "agreements", agreements)
    file = agreements / "yamaguchi-kenou" / "sanyo-onoda.yaml"
    text = file.read_text(encoding="utf-8")
    assert "date: 2017-03-30\n" in text
    file.write_text(text.replace("date: 2017-03-30\n", f"date: {day}\n"), encoding="utf-8")
    docx = docgen.render(file)
    address, town, _ = SIGNATORIES["山陽小野田市"]
    assert [f"乙　{address}", town, f"山陽小野田市長　{head}"] in paragraph_lines(docx)
    text = document_text(docx)
    other = ({"白井博文", "藤田剛二"} - {head}).pop()
    assert other not in text


# --- any number of parties ------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def three_party() -> bytes:
    return docgen.render(FIXTURE / "yamaguchi-kenou" / "three-party.yaml")


def test_three_parties_are_joined_and_counted(three_party: bytes) -> None:
    lines = body_lines(three_party)
    assert lines[1] == "山口市　宇部市　美祢市"
    assert lines[3].startswith(
        "山口市（以下「甲」という。）、宇部市（以下「乙」という。）及び美祢市（以下「丙」という。）は、"
    )
    assert (
        "第2条　甲、乙及び丙は、前条に規定する目的を達成するため、"
        "次条に規定する取組について、相互に連携を図るものとする。" in lines
    )
    assert (
        "この協約の締結を証するため、本協約書3通を作成し、甲、乙及び丙が記名押印の上、それぞれ各1通を保有する。"
        in lines
    )
    assert "甲及び乙" not in document_text(three_party).split("別表（第3条関係）")[0]


def test_three_parties_each_get_a_signature_block(three_party: bytes) -> None:
    paragraphs = paragraph_lines(three_party)
    at = paragraphs.index(["平成29年3月30日"])
    assert paragraphs[at + 1 : at + 6] == [
        ["甲　山口市亀山町2番1号", "山口市", "山口市長　渡辺純忠"],
        ["乙　宇部市常盤町一丁目7番1号", "宇部市", "宇部市長　久保田后子"],
        ["丙　美祢市大嶺町東分326番地1", "美祢市", "美祢市長　西岡晃"],
        [""],  # the end of the first section: the 別表 has one of its own
        ["別表（第3条関係）"],
    ]


def test_three_parties_get_a_role_column_each(three_party: bytes) -> None:
    lines = body_lines(three_party)
    rows = [line.split("\t") for line in lines[lines.index("別表（第3条関係）") :] if "\t" in line]
    headers = [row for row in rows if row[0] == "取組"]
    assert ["\t".join(row) for row in headers] == ["取組\t\t甲の役割\t乙の役割\t丙の役割"] * 5
    data = [row for row in rows if row[0] != "取組"]
    assert len(data) == 19
    for row in data:
        assert len(row) == 5
        assert row[2:] == [
            "乙及び丙と連携・協力して、取組を推進する。",
            "甲及び丙と連携・協力して、取組を推進する。",
            "甲及び乙と連携・協力して実施する事業について、甲及び乙と取組を推進する。",
        ]


def test_three_role_columns_share_the_table_width(three_party: bytes) -> None:
    # Word and LibreOffice lay out a table by its grid: three roles must not land in narrow marker columns
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(three_party)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    tables = list(root.iter(W + "tbl"))
    assert len(tables) == 5
    for table in tables:
        widths = [int(col.get(W + "w")) for col in table.iter(W + "gridCol")]
        assert len(widths) == 5
        total = int(table.find(f"{W}tblPr/{W}tblW").get(W + "w"))
        assert abs(sum(widths) - total) <= 5
        roles = widths[2:]
        assert max(roles) - min(roles) <= 1
        assert min(roles) >= 1134  # 20 mm: about eleven 9-point characters a line


# --- batch build ----------------------------------------------------------------------------------


def test_build_without_paths_builds_every_agreement_quietly(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = build_cli([], capsys)
    assert (status, out, err) == (0, "wrote 3 documents to output/\n", "")
    assert sorted(p.as_posix() for p in Path("output").rglob("*.docx")) == [
        "output/yamaguchi-kenou/mine.docx",
        "output/yamaguchi-kenou/sanyo-onoda.docx",
        "output/yamaguchi-kenou/three-party.docx",
    ]


def test_two_bad_agreements_report_both_and_write_nothing(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = region / "yamaguchi-kenou" / "mine.yaml"
    mine.write_text(mine.read_text(encoding="utf-8").replace("  - 美祢市", "  - 美弥市"), encoding="utf-8")
    onoda = region / "yamaguchi-kenou" / "sanyo-onoda.yaml"
    onoda.write_text(onoda.read_text(encoding="utf-8").replace("2017-03-30", "2017-02-30"), encoding="utf-8")
    status, out, err = build_cli([], capsys)
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert any(
        line.startswith("error: agreements/yamaguchi-kenou/mine.yaml:5:5: ") and "美弥市" in line
        for line in lines
    ), err
    assert any(
        line.startswith("error: agreements/yamaguchi-kenou/sanyo-onoda.yaml:2:7: ") and "2017-02-30" in line
        for line in lines
    ), err
    assert not Path("output").exists()


def test_progress_bar_is_drawn_on_a_terminal_only(region: Path) -> None:
    status, out, text = docgen_on_a_terminal(["build"], region.parent)
    assert status == 0
    assert out == b"wrote 3 documents to output/\n"
    assert "building" in text and "3/3" in text and "━" in text


def test_the_progress_bar_counts_every_form_of_every_party(region: Path) -> None:
    """With --procedure each party of each agreement gets three forms: 3 agreements, 2 + 2 + 3 parties, 24
    documents, counted as the batch knows them once it has checked the agreements."""
    status, out, text = docgen_on_a_terminal(["build", "--procedure"], region.parent)
    assert status == 0
    assert out.startswith(b"wrote 24 documents to output/")
    assert "24/24" in text
    assert not re.search(r"\b\d+/(?!24\b)\d+", text), text  # never another total, e.g. 21 for 3 × 7


# --- reproducible and atomic output ---------------------------------------------------------------


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_give_identical_bytes(region: Path) -> None:
    runs = []
    for out, zone in (("first", "UTC"), ("second", "Pacific/Kiritimati")):
        env = {**os.environ, "TZ": zone}
        result = subprocess.run(
            [sys.executable, "-m", "docgen", "build", "-o", out],
            cwd=region.parent,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        runs.append(digests(region.parent / out))
    assert len(runs[0]) == 4  # three documents and the list of what was written (for --clean)
    assert runs[0] == runs[1]


def test_zip_times_and_document_properties_come_from_the_agreement_not_the_clock(region: Path) -> None:
    data = docgen.render(region / "yamaguchi-kenou" / "mine.yaml")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode("utf-8")
    assert ">2017-03-30T00:00:00Z</dcterms:created>" in core
    assert ">2017-03-30T00:00:00Z</dcterms:modified>" in core
    assert "<dc:title>山口県央連携都市圏域形成に係る連携協約</dc:title>" in core


@pytest.mark.parametrize("earlier", [False, True], ids=["new-output", "earlier-output"])
def test_a_failed_write_leaves_the_output_folder_as_it_was(
    region: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], earlier: bool
) -> None:
    """All or nothing: the disk fills up while the second document is put in place; the first one, already
    in place, is taken back, and the earlier run's documents are as they were."""
    if earlier:
        old = Path("output/yamaguchi-kenou")
        old.mkdir(parents=True)
        for name in ("mine.docx", "sanyo-onoda.docx", "keep.txt"):
            (old / name).write_bytes(b"an earlier run's " + name.encode())
    before = snapshot(Path(".")) if earlier else None
    replace = os.replace
    calls: list[str] = []

    def full_disk(source: str, target: str) -> None:
        if str(target).startswith("output/yamaguchi-kenou/") and str(target).endswith(".docx"):
            calls.append(str(target))
            if len(calls) == 2:
                raise OSError(28, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(docgen.base.output.os, "replace", full_disk)
    status, out, err = build_cli([], capsys)
    assert (status, out) == (1, "")
    assert err == "error: output/yamaguchi-kenou/sanyo-onoda.docx: cannot write: No space left on device\n"
    if earlier:
        assert snapshot(Path(".")) == before  # every earlier file as it was; no staging folder left
    else:
        assert not Path("output").exists()  # the folder the run made is gone too


def test_a_document_another_run_moves_aside_meanwhile_is_written_all_the_same(
    region: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # two builds at once into one folder: both see the earlier mine.docx and both move it aside before
    # writing theirs; the second finds it gone, which is no failure (the hostile corpus's two builds at once)
    build_cli([], capsys)
    earlier = Path("output/yamaguchi-kenou/mine.docx")
    replace = os.replace
    moved: list[str] = []

    def another_run_first(source: str, target: str) -> None:
        if Path(source) == earlier and not moved:
            moved.append(str(source))
            Path(source).unlink()  # the other run took it a moment before this one
        replace(source, target)

    monkeypatch.setattr(docgen.base.output.os, "replace", another_run_first)
    status, out, err = build_cli([], capsys)
    assert (status, err) == (0, "")
    assert moved == [str(earlier)]
    assert earlier.read_bytes() == docgen.render(Path("agreements/yamaguchi-kenou/mine.yaml"))


def test_an_interrupted_write_leaves_no_partial_or_temporary_file(
    region: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class HalfWritten:
        def __init__(self, stream) -> None:
            self.stream = stream

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.stream.close()

        def write(self, data: bytes) -> None:
            self.stream.write(data[: len(data) // 2])
            self.stream.flush()
            raise KeyboardInterrupt  # Ctrl-C in the middle of writing a document

    real_open = Path.open

    def interrupted(self: Path, mode: str = "r", *args, **kwargs):
        stream = real_open(self, mode, *args, **kwargs)
        return HalfWritten(stream) if mode == "xb" else stream  # "xb": a staged document

    monkeypatch.setattr(Path, "open", interrupted)
    status = main(["build"])
    assert status == 130
    assert capsys.readouterr().err.endswith("aborted\n")
    assert not Path("output").exists()


def test_a_staging_folder_left_by_a_killed_run_is_removed_by_the_next(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess as sp

    dead = sp.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a process id that no longer runs
    left = Path(f"output/.docgen-staging-{dead.pid}-abc/files/yamaguchi-kenou")
    left.mkdir(parents=True)
    (left / "mine.docx").write_bytes(b"half a document")
    status, out, err = build_cli([], capsys)
    assert (status, err) == (0, "")
    assert sorted(p.name for p in Path("output").iterdir()) == [".docgen-written.json", "yamaguchi-kenou"]


def test_sigterm_during_a_build_removes_what_was_staged(region: Path) -> None:
    """A build stopped by SIGTERM (a killed job) leaves the output folder as it was: nothing staged stays."""
    import signal
    import time

    agreements = Path("agreements/yamaguchi-kenou")
    text = (agreements / "mine.yaml").read_text(encoding="utf-8")
    for index in range(400):
        (agreements / f"copy{index}.yaml").write_text(text, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen", "build"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not list(Path("output").glob(".docgen-staging-*/files/yamaguchi-kenou/*.docx")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (143, b"", b"aborted\n")  # 128 + SIGTERM
    assert not Path("output").exists()  # the run made it, and took it away again


def test_a_file_name_too_long_for_the_disk_writes_nothing(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agreements = Path("agreements/yamaguchi-kenou")
    # 255 characters, the most a file name may have; its document's name, .docx, is one more
    long_name = agreements / ("a" * 251 + ".yml")
    long_name.write_text((agreements / "mine.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    status, out, err = build_cli([], capsys)
    assert (status, out) == (1, "")
    assert err == f"error: output/yamaguchi-kenou/{'a' * 251}.docx: cannot write: File name too long\n"
    assert not Path("output").exists()
