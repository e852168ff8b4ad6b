"""`docgen new` writes a skeleton, `docgen check` lists what is still to fill in, then it builds."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
import yaml
from docx_text import body_lines, paragraph_lines

from docgen.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "region"
SHUNAN = "agreements/yamaguchi-kenou/shunan.yaml"
TOWNS = "agreements/municipalities.yaml"
DATE_TODO = '"TODO: the signing date'
ADDRESS_TODO = '"TODO: the town hall'
TITLE_TODO = "\"TODO: the head's title"
HEAD_TODO = '"TODO: the head in office'
KOU_TODO, OTSU_TODO = '"TODO: 甲', '"TODO: 乙'
ROW_TODO = '"TODO: this agreement'


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def where(path: str, text: str) -> str:
    """'path:line:column' of the first occurrence of text in the file, counted by hand here."""
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return f"{path}:{number}:{line.index(text) + 1}"
    raise AssertionError(f"{text!r} not in {path}")


def test_new_check_fill_in_check_build(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys, "new", "yamaguchi-kenou", "shunan", "--party", "山口市", "--party", "周南市"
    )
    assert (status, err) == (0, "")
    assert out == (
        f"wrote {SHUNAN}\n"
        f"added 周南市 to {TOWNS}: fill in the address, the head's title and name\n"
        f'next: replace every "TODO: …" value, then run: docgen check {SHUNAN}\n'
    )
    text = Path(SHUNAN).read_text(encoding="utf-8")
    assert "\nregion: yamaguchi-kenou\n" in text
    assert '\ndate: "TODO: the signing date, e.g. 2017-03-30"\nparties:\n  - 山口市\n  - 周南市\n' in text
    assert text.endswith("  - 周南市\n")
    towns = Path(TOWNS).read_text(encoding="utf-8")
    assert towns.startswith((FIXTURE / "municipalities.yaml").read_text(encoding="utf-8"))  # kept as it was

    status, out, err = run(capsys, "check", SHUNAN)
    assert (status, out) == (1, "")
    assert err == (
        f"error: {where(SHUNAN, DATE_TODO)}: date: to fill in: the signing date, e.g. 2017-03-30\n"
        f"error: {where(TOWNS, ADDRESS_TODO)}: municipalities.周南市.address: to fill in: the town "
        "hall's address as written in a signature block\n"
        f"error: {where(TOWNS, TITLE_TODO)}: municipalities.周南市.title: to fill in: "
        "the head's title, e.g. 周南市長\n"
        f"error: {where(TOWNS, HEAD_TODO)}: municipalities.周南市.heads[0].name: to fill in: "
        "the head in office on the agreement's date\n"
    )
    # build refuses in the same words and writes nothing
    status, out, build_err = run(capsys, "build", SHUNAN)
    assert (status, out, build_err) == (1, "", err)
    assert not Path("output").exists()

    Path(SHUNAN).write_text(
        text.replace('"TODO: the signing date, e.g. 2017-03-30"', "2017-03-30"), encoding="utf-8"
    )
    filled = (
        towns.replace(
            '"TODO: the town hall\'s address as written in a signature block"', "周南市岐山通1丁目1番地"
        )
        .replace('"TODO: the head\'s title, e.g. 周南市長"', "周南市長")
        # the head and a day they were in office (a new party's entry has no 'known' without --date)
        .replace(
            '"TODO: the head in office on the agreement\'s date"', "木村健一郎\n        known: 2017-03-30"
        )
    )
    assert "TODO" not in filled.split("周南市:")[1].split("\n", 1)[1]
    Path(TOWNS).write_text(filled, encoding="utf-8")

    assert run(capsys, "check", SHUNAN) == (
        0,
        "ok: 1 agreement, template renkei-kyoyaku.docx (docgen's own)\n",
        "",
    )
    assert run(capsys, "build", SHUNAN) == (0, "wrote 1 document to output/\n", "")
    lines = body_lines(Path("output/yamaguchi-kenou/shunan.docx"))
    assert lines[3].startswith("山口市（以下「甲」という。）及び周南市（以下「乙」という。）は、")
    # 乙's signature block, one paragraph after the date and 甲's, its lines split at line breaks
    paragraphs = paragraph_lines(Path("output/yamaguchi-kenou/shunan.docx"))
    assert paragraphs[paragraphs.index(["平成29年3月30日"]) + 2] == [
        "乙　周南市岐山通1丁目1番地",
        "周南市",
        "周南市長　木村健一郎",
    ]


def test_new_never_overwrites(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = region / "yamaguchi-kenou" / "mine.yaml"
    before, towns = mine.read_bytes(), (region / "municipalities.yaml").read_bytes()
    status, out, err = run(capsys, "new", "yamaguchi-kenou", "mine", "--party", "山口市", "--party", "周南市")
    assert (status, out) == (1, "")
    assert (
        err == "error: agreements/yamaguchi-kenou/mine.yaml already exists: "
        "choose another name, or edit that file\n"
    )
    assert mine.read_bytes() == before
    assert (region / "municipalities.yaml").read_bytes() == towns  # 周南市 not added either


def test_new_with_known_parties_and_a_date_is_ready_to_build(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    towns = (region / "municipalities.yaml").read_bytes()
    status, out, err = run(
        capsys,
        "new",
        "yamaguchi-kenou",
        "ube-mine.yaml",
        "-p",
        "宇部市",
        "-p",
        "美祢市",
        "--date",
        "2017-03-30",
    )
    assert (status, err) == (0, "")
    assert out == (
        "wrote agreements/yamaguchi-kenou/ube-mine.yaml\n"
        "next: docgen build agreements/yamaguchi-kenou/ube-mine.yaml\n"
    )
    assert (region / "municipalities.yaml").read_bytes() == towns
    assert run(capsys, "build", "agreements/yamaguchi-kenou/ube-mine.yaml") == (
        0,
        "wrote 1 document to output/\n",
        "",
    )
    lines = body_lines(Path("output/yamaguchi-kenou/ube-mine.docx"))
    assert lines[3].startswith("宇部市（以下「甲」という。）及び美祢市（以下「乙」という。）は、")


def test_new_without_parties_leaves_them_to_fill_in(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "new", "yamaguchi-kenou", "shunan")[0] == 0
    status, out, err = run(capsys, "check", SHUNAN)
    assert (status, out) == (1, "")
    # the placeholders are listed as such, not as unknown municipalities
    assert err == (
        f"error: {where(SHUNAN, DATE_TODO)}: date: to fill in: the signing date, e.g. 2017-03-30\n"
        f"error: {where(SHUNAN, KOU_TODO)}: parties[0]: to fill in: 甲, a central city: its name in "
        "municipalities.yaml\n"
        f"error: {where(SHUNAN, OTSU_TODO)}: parties[1]: to fill in: 乙, a partner: its name in "
        "municipalities.yaml\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["nowhere", "shunan"],
            "no region 'nowhere': agreements/nowhere/region.yaml does not exist (regions: yamaguchi-kenou). "
            "To start it, say what its agreements are: docgen new nowhere NAME --party A --party B --kind "
            "renkei (a 連携協約 of a 連携中枢都市圏) or --kind teiju (a 定住自立圏形成協定)",
        ),
        (
            ["yamaguchi-kenou", "周南"],
            "'周南' cannot name an agreement file: use letters a-z, digits, '-' and '_' "
            "(e.g. shunan), and not 'region' or 'municipalities'",
        ),
        (
            ["yamaguchi-kenou", "region"],
            "'region' cannot name an agreement file: use letters a-z, digits, '-' and '_' "
            "(e.g. shunan), and not 'region' or 'municipalities'",
        ),
        (["yamaguchi-kenou", "shunan", "-p", "山口市", "-p", "山口市"], "--party 山口市 is given twice"),
    ],
)
def test_new_refuses_what_it_cannot_write(
    region: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run(capsys, "new", *args) == (1, "", f"error: {message}\n")
    assert sorted(p.name for p in (region / "yamaguchi-kenou").iterdir()) == [
        "mine.yaml",
        "region.yaml",
        "sanyo-onoda.yaml",
        "three-party.yaml",
    ]


def test_new_says_what_to_add_when_it_cannot_append(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    towns = region / "municipalities.yaml"
    # the same facts in flow style: text appended after it would not be part of the mapping
    towns.write_text(
        "municipalities: {山口市: {address: 山口市亀山町2番1号, title: 山口市長,"
        " heads: [{name: 渡辺純忠, known: 2017-03-30}]}}\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, "new", "yamaguchi-kenou", "shunan", "-p", "山口市", "-p", "周南市")
    assert (status, out) == (1, "")
    assert err == (
        f"error: {TOWNS}: could not add 周南市 by appending; add under 'municipalities:' and fill in:\n"
        f"error:   周南市:  # added by `docgen new` for {SHUNAN}: replace the TODO values\n"
        'error:     address: "TODO: the town hall\'s address as written in a signature block"\n'
        'error:     title: "TODO: the head\'s title, e.g. 周南市長"\n'
        "error:     prefecture: 山口県\n"  # from the national list
        "error:     heads:\n"
        'error:       - name: "TODO: the head in office on the agreement\'s date"\n'
    )
    assert not Path(SHUNAN).exists()  # nothing written when the whole job cannot be done


def test_check_lists_a_todo_anywhere_in_an_agreement_beside_real_mistakes(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = region / "yamaguchi-kenou" / "mine.yaml"
    mine.write_text(
        mine.read_text(encoding="utf-8").replace("  - 美祢市", "  - 美弥市")
        + 'rows:\n  1ア:\n    text: "TODO: this agreement\'s wording"\n',
        encoding="utf-8",
    )
    status, out, err = run(capsys, "check", "agreements/yamaguchi-kenou/mine.yaml")
    assert (status, out) == (1, "")
    path = "agreements/yamaguchi-kenou/mine.yaml"
    assert err == (
        f"error: {where(path, ROW_TODO)}: rows.1ア.text: to fill in: this agreement's wording\n"
        f"error: {where(path, '美弥市')}: parties[1]: unknown municipality '美弥市'"
        " (did you mean '美祢市'?); if it is new, add its entry (address, title, heads) to "
        "agreements/municipalities.yaml, or let `docgen new --new-municipality` add one to fill in\n"
    )


# --- names checked as `docgen build` checks them; the editor's schema line ----------------------------------


def test_new_refuses_a_name_of_no_municipality_of_japan(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    towns = (region / "municipalities.yaml").read_bytes()
    for flags in ([], ["--new-municipality"]):
        args = ["new", "yamaguchi-kenou", "shunan", "-p", "山口市", "-p", "美弥市", *flags]
        status, out, err = run(capsys, *args)
        assert (status, out) == (1, "")
        # the did-you-mean over the national list, the names municipalities.yaml knows first
        assert err == "error: --party 美弥市: '美弥市' is no municipality of Japan (did you mean '美祢市'?)\n"
    assert not Path(SHUNAN).exists()
    assert (region / "municipalities.yaml").read_bytes() == towns


@pytest.mark.parametrize(
    ("name", "each"),
    [("府中市", "東京都府中市、広島県府中市"), ("伊達市", "北海道伊達市、福島県伊達市")],
)
def test_new_refuses_a_name_several_municipalities_share(
    region: Path, capsys: pytest.CaptureFixture[str], name: str, each: str
) -> None:
    status, out, err = run(capsys, "new", "yamaguchi-kenou", "shunan", "-p", "山口市", "-p", name)
    assert (status, out) == (1, "")
    first = each.split("、")[0]
    assert err == (
        f"error: --party {name}: '{name}' is the name of 2 municipalities ({each}): write it with its "
        f"prefecture, e.g. '{first}'\n"
    )
    assert not Path(SHUNAN).exists()


def test_new_writes_the_prefecture_of_a_prefixed_name(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "new", "yamaguchi-kenou", "shunan", "-p", "山口市", "-p", "広島県府中市")
    assert (status, err) == (0, "")
    towns = yaml.safe_load(Path(TOWNS).read_text(encoding="utf-8"))["municipalities"]
    # the name as given (printed so in the documents), its prefecture from the national list
    assert towns["広島県府中市"]["prefecture"] == "広島県"
    assert towns["広島県府中市"]["title"] == "TODO: the head's title, e.g. 府中市長"
    assert "\n  - 広島県府中市\n" in Path(SHUNAN).read_text(encoding="utf-8")


def test_new_refuses_a_party_close_to_a_known_municipality(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    towns = (region / "municipalities.yaml").read_bytes()
    status, out, err = run(capsys, "new", "yamaguchi-kenou", "shunan", "-p", "山口市", "-p", "岡山市")
    assert (status, out) == (1, "")
    # a municipality of Japan, but close to one municipalities.yaml knows: meant, or a typo?
    assert err == (
        "error: --party 岡山市: unknown municipality '岡山市' (did you mean '山口市'?); "
        f"if 岡山市 is new, give --new-municipality to add it to {TOWNS}\n"
    )
    assert not Path(SHUNAN).exists()
    assert (region / "municipalities.yaml").read_bytes() == towns


def test_new_adds_a_close_name_when_told_it_is_new(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys,
        "new",
        "yamaguchi-kenou",
        "okayama",
        "-p",
        "山口市",
        "-p",
        "岡山市",
        "--new-municipality",
        "--date",
        "2017-03-30",
    )
    assert (status, err) == (0, "")
    assert f"added 岡山市 to {TOWNS}: fill in the address, the head's title and name\n" in out
    towns = yaml.safe_load(Path(TOWNS).read_text(encoding="utf-8"))["municipalities"]
    assert towns["岡山市"]["prefecture"] == "岡山県"
    assert towns["岡山市"]["heads"] == [
        {"name": "TODO: the head in office on the agreement's date", "known": dt.date(2017, 3, 30)}
    ]


def test_new_knows_a_party_typed_in_another_unicode_form(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import unicodedata

    entry = "\n  ガラス町:\n    address: ガラス町1番地\n    title: ガラス町長\n    heads:\n"
    entry += "      - name: 硝子\n"
    towns = region / "municipalities.yaml"
    towns.write_text(towns.read_text(encoding="utf-8") + entry, encoding="utf-8")
    before = towns.read_bytes()
    nfd = unicodedata.normalize("NFD", "ガラス町")
    assert nfd != "ガラス町"  # ガ is カ + U+3099 in NFD, as macOS writes it
    status, out, _ = run(capsys, "new", "yamaguchi-kenou", "shunan", "-p", "山口市", "-p", nfd)
    assert status == 0 and "added" not in out
    assert towns.read_bytes() == before
    assert "\n  - ガラス町\n" in Path(SHUNAN).read_text(encoding="utf-8")  # as municipalities.yaml has it


def test_a_new_file_starts_with_the_schema_line_of_the_other_agreements(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "new", "yamaguchi-kenou", "shunan", "-p", "山口市", "-p", "美祢市")[0] == 0
    first = Path(SHUNAN).read_text(encoding="utf-8").split("\n", 1)[0]
    repository = Path(__file__).resolve().parent.parent / "agreements" / "yamaguchi-kenou" / "mine.yaml"
    assert first == repository.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == "# yaml-language-server: $schema=../../schema/agreement.schema.json"


def test_a_party_typed_in_decomposed_form_is_still_told_to_fill_in(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """つくばみらい市 typed as つくは + ゛ (as macOS may write a name) is the same municipality: its unfilled
    entry is listed, and nothing is built with a TODO in it."""
    name = "つくばみらい市"
    status, _, _ = run(capsys, "new", "yamaguchi-kenou", "tsukuba", "--party", "山口市", "--party", name)
    assert status == 0
    path = Path("agreements/yamaguchi-kenou/tsukuba.yaml")
    composed_err = run(capsys, "check", str(path))[2]
    assert f"municipalities.{name}.address: to fill in" in composed_err
    decomposed = unicodedata.normalize("NFD", name)
    assert decomposed != name
    path.write_text(path.read_text(encoding="utf-8").replace(name, decomposed), encoding="utf-8")
    assert run(capsys, "check", str(path)) == (1, "", composed_err)
    assert run(capsys, "build", str(path))[0] == 1
    assert not Path("output").exists()
