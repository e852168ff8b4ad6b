"""The model texts of a new region (``docgen new REGION NAME --kind renkei|teiju``): region.yaml of a
連携中枢都市圏's 連携協約 or of a 定住自立圏形成協定, with every value a region decides for itself marked
``"TODO: …"``, which ``docgen check`` lists and a draft prints as written.

The wording that does not change from region to region (the 基本方針, the roles, 費用, the 連絡会議,
change and abolition) is written out as practice writes it: a 連携協約 under 地方自治法第252条の2 (its change
and abolition by 第4項); a 定住自立圏形成協定 under the 定住自立圏構想推進要綱, commonly between the 中心市
and one 近隣市町村, its roles in 別表第1 to 第3 by the 要綱's three policy areas, its change by agreement
after each council's vote, its abolition by notice after the council's vote, lapsing two years after the
notice.

The texts are YAML files beside this module (``data/region-renkei.yaml``, ``data/region-teiju.yaml``),
shipped with docgen; a head of comments and the region's id and kind are put before them.
"""

from __future__ import annotations

from importlib.resources import files

_HEAD = """\
{modeline}# {label} — the text every agreement of the region shares, written by `docgen new` from docgen's
# model. Replace every "TODO: …" value (`docgen check` lists them; a draft prints them as written), then
# adjust the wording to what the parties agreed. {{{{ parties | join_ja }}}} prints 甲及び乙,
# {{{{ ref.roles }}}} the number of the article named roles; see `docgen schema region`.
id: {region_id}
kind: {kind}
"""
LABELS = {"renkei": "連携中枢都市圏の連携協約", "teiju": "定住自立圏形成協定"}


def region_text(region_id: str, kind: str, modeline: str | None) -> str:
    """The text of a new region.yaml of ``kind`` (renkei or teiju)."""
    head = _HEAD.format(
        modeline=f"# {modeline}\n" if modeline else "", label=LABELS[kind], region_id=region_id, kind=kind
    )
    model = (files("docgen.model") / "data" / f"region-{kind}.yaml").read_text(encoding="utf-8")
    return head + model
