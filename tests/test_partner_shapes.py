"""A second partner in every shape of region ``docgen import`` writes (several 別表, tables of text, parties
by name, roles inside articles, a list of the region's members): ``docgen new`` adds it, and the first
partner's name is printed only in the fixed text the import listed as kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx_text import body_lines
from helpers import run
from import_helpers import office_docx, real_head, real_text

SYNTHESIZED = """\
この連携協約の締結を証するため、本連携協約書2通を作成し、福山市及び三原市が記名押印の上、それぞれ各1通を保有する。
平成27年3月25日
福山市試験町1番1号
福山市
福山市長　試験一郎
三原市試験町2番2号
三原市
三原市長　試験二郎
別表（第２条関係）
取組\t内容
観光\t三原市と連携して、観光の振興に取り組む。
医療\t福山市及び三原市が協力して、救急医療の体制を整える。"""


def shapes() -> dict[str, str]:
    texts = {
        name: real_text(name)
        for name in (
            "fukuyama-mihara",
            "himeji-inami-v1",
            "kumamoto-yamaga",
            "okayama-tamano",
            "matsue-yonago-sakaiminato",
        )
    }
    # a table of text whose cells and title name a party and an article as typed (三原市, 第２条)
    texts["table-cells"] = "\n".join([*real_head("fukuyama-mihara"), *SYNTHESIZED.split("\n")])
    return texts


@pytest.mark.parametrize("name", sorted(shapes()))
def test_new_adds_a_partner_and_the_first_partners_name_stays_only_in_fixed_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("signed.docx").write_bytes(office_docx(shapes()[name]))
    status, out, err = run(["import", "signed.docx", "--region", "r"], capsys)
    assert status == 0, err
    kept = [line.strip()[1:-1] for line in out.splitlines() if line.startswith("         「")]
    region = yaml.safe_load(Path("agreements/r/region.yaml").read_text(encoding="utf-8"))
    # a 定住自立圏形成協定 (「…定住自立圏の形成に関する協定書」) is recognised as such
    assert region["kind"] == ("teiju" if name == "matsue-yonago-sakaiminato" else "renkei")
    signed = yaml.safe_load(Path("agreements/r/signed.yaml").read_text(encoding="utf-8"))
    parties = [p if isinstance(p, str) else p["name"] for p in signed["parties"]]
    first_partner = parties[1]
    # the new agreement: the same central city (and any other party), 尾道市 for the first partner
    new_parties = [parties[0], "尾道市", *parties[2:]]
    args = ["new", "r", "other", "--date", signed["date"].isoformat(), "--new-municipality"]
    for party in new_parties:
        args += ["--party", party]
    status, out, err = run(args, capsys)
    assert (status, err) == (0, ""), out
    status, out, err = run(["build", "--mode", "draft", "agreements/r/other.yaml", "-o", "out"], capsys)
    assert status == 0, err
    lines = body_lines(Path("out/r/other.docx"))
    assert any("尾道市" in line for line in lines)
    for line in lines:
        if first_partner in line:
            # only inside a list of the region's members, which the import listed as kept
            assert any(first_partner in text and text in line for text in kept), line
    if name == "table-cells":
        assert "別表（第2条関係）" in lines
        assert "観光\t尾道市と連携して、観光の振興に取り組む。" in lines
        assert "医療\t福山市及び尾道市が協力して、救急医療の体制を整える。" in lines
