"""``docgen new REGION NAME --kind renkei|teiju``: a region started from docgen's model text, its TODO values
listed by check, built in draft mode at once; and the national list, which only new and import read."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from docx_text import body_lines
from helpers import run, snapshot

FIXTURE = Path(__file__).parent / "fixtures" / "region"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE, tmp_path / "agreements")
    return tmp_path


def test_a_renkei_region_starts_builds_as_a_draft_and_check_lists_its_todos(folder: Path, capsys) -> None:
    status, out, err = run(
        [
            "new",
            "okayama",
            "tamano",
            "-p",
            "岡山市",
            "-p",
            "玉野市",
            "--kind",
            "renkei",
            "--date",
            "2024-04-01",
            "--new-municipality",
        ],
        capsys,
    )
    assert (status, err) == (0, "")
    assert (
        out.splitlines()[0]
        == "wrote agreements/okayama/region.yaml (a renkei region from docgen's model text)"
    )
    region = yaml.safe_load(Path("agreements/okayama/region.yaml").read_text(encoding="utf-8"))
    assert region["kind"] == "renkei"
    assert [a["caption"] for a in region["articles"]] == [
        "目的",
        "基本方針",
        "連携する取組及び役割分担",
        "費用",
        "連絡会議",
        "変更及び廃止",
    ]
    towns = yaml.safe_load(Path("agreements/municipalities.yaml").read_text(encoding="utf-8"))[
        "municipalities"
    ]
    assert towns["玉野市"]["prefecture"] == "岡山県"

    status, out, err = run(
        ["build", "--mode", "draft", "agreements/okayama/tamano.yaml", "-o", "out"], capsys
    )
    assert (status, out) == (0, "wrote 1 document to out/\n")
    assert "warning: agreements/okayama/region.yaml:" in err
    lines = body_lines(Path("out/okayama/tamano.docx"))
    assert lines[3].startswith(
        "岡山市（以下「甲」という。）及び玉野市（以下「乙」という。）は、連携中枢都市圏を形成するため"
    )
    assert "（変更及び廃止）" in lines
    assert "別表（第3条関係）" in lines

    status, out, err = run(["check", "agreements/okayama/tamano.yaml"], capsys)
    assert (status, out) == (1, "")
    todo = [line for line in err.splitlines() if "region.yaml" in line]
    assert [line.split(": ", 3)[2] for line in todo] == [
        "name",
        "title",
        "articles[0].text",
        "appendix.fields[0].title",
        "appendix.fields[0].rows[0].item",
        "appendix.fields[0].rows[0].text",
    ]
    assert all(": to fill in: " in line for line in todo)


def test_a_teiju_region_has_three_tables_and_its_own_change_and_abolition(folder: Path, capsys) -> None:
    status, _, err = run(
        [
            "new",
            "hokuto",
            "setana",
            "-p",
            "函館市",
            "-p",
            "せたな町",
            "--kind",
            "teiju",
            "--date",
            "2024-04-01",
            "--new-municipality",
        ],
        capsys,
    )
    assert status == 0, err
    assert run(["build", "--mode", "draft", "agreements/hokuto/setana.yaml", "-o", "out"], capsys)[0] == 0
    lines = body_lines(Path("out/hokuto/setana.docx"))
    assert lines[0] == "定住自立圏形成協定書"
    assert "（協定の変更）" in lines and "（協定の廃止）" in lines
    assert [line for line in lines if line.startswith("別表第")] == [
        "別表第1（第3条関係）",
        "別表第2（第3条関係）",
        "別表第3（第3条関係）",
    ]
    assert not any("第252条の2" in line or "連携協約" in line for line in lines)


def test_without_kind_the_error_says_how_to_start_a_region(folder: Path, capsys) -> None:
    before = snapshot(folder)
    status, out, err = run(["new", "okayama", "tamano", "-p", "岡山市", "-p", "玉野市"], capsys)
    assert (status, out) == (1, "")
    assert err == (
        "error: no region 'okayama': agreements/okayama/regi"
        "on.yaml does not exist (regions: yamaguchi-kenou). "
        "To start it, say what its agreements are: docgen"
        " new okayama NAME --party 岡山市 --party 玉野市 --kind "
        "renkei (a 連携協約 of a 連携中枢都市圏) or --kind teiju (a 定住自立圏形成協定)\n"
    )
    assert snapshot(folder) == before


def test_all_or_nothing_a_bad_party_leaves_no_region(folder: Path, capsys) -> None:
    before = snapshot(folder)
    status, _, err = run(["new", "okayama", "t", "-p", "岡山市", "-p", "玉野し", "--kind", "renkei"], capsys)
    assert status == 1
    assert err == "error: --party 玉野し: '玉野し' is no municipality of Japan (did you mean '玉野市'?)\n"
    assert snapshot(folder) == before


def test_build_does_not_read_the_national_list() -> None:
    code = (
        "import sys, docgen.cli\n"
        "status = docgen.cli.main(['build', '-o', sys.argv[1]])\n"
        "print(status, 'docgen.model.national' in sys.modules)\n"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(
            [sys.executable, "-c", code, out], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
    assert result.stdout.splitlines()[-1] == "0 False", result.stderr


def test_the_national_list_knows_every_municipality_with_its_prefecture() -> None:
    from docgen.model.national import find

    assert find("島根県津和野町").prefecture == "島根県"
    assert find("千代田区").prefecture == "東京都"
    assert find("福山市").code == "342076"
    rows = (ROOT / "docgen/model/data/municipalities-jp.tsv").read_text(encoding="utf-8").splitlines()
    assert len([row for row in rows if not row.startswith("#")]) == 1741  # 1,718 市町村 and 23 特別区


def test_a_missing_prefecture_is_hinted_from_the_national_list(folder: Path, capsys) -> None:
    towns = Path("agreements/municipalities.yaml")
    towns.write_text(
        towns.read_text(encoding="utf-8")
        + "\n  福山市:\n    address: 福山市東桜町3番5号\n    title: 福山市長\n    heads:\n"
        + "      - name: 試験一郎\n        known: 2017-03-30\n",
        encoding="utf-8",
    )
    Path("agreements/yamaguchi-kenou/fukuyama.yaml").write_text(
        "region: yamaguchi-kenou\ndate: 2017-03-30\nparties:\n  - 山口市\n  - 福山市\n", encoding="utf-8"
    )
    status, out, err = run(["build", "agreements/yamaguchi-kenou/fukuyama.yaml", "--procedure"], capsys)
    assert (status, out) == (1, "")
    assert "municipalities.福山市: no 'prefecture':" in err
    assert "write prefecture: 広島県 (or kind: prefecture" in err  # not 山口県
