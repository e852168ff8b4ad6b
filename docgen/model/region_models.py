"""The model texts of a new region (``docgen new REGION NAME --kind renkei|teiju``): region.yaml of a
連携中枢都市圏's 連携協約 or of a 定住自立圏形成協定, with every value a region decides for itself marked
``"TODO: …"``, which ``docgen check`` lists and a draft prints as written.

The wording that does not change from region to region (the 基本方針, the roles, 費用, the 連絡会議, change and
abolition) is written out as practice writes it: a 連携協約 under 地方自治法第252条の2 (its change and abolition
by 第4項); a 定住自立圏形成協定 under the 定住自立圏構想推進要綱, two parties (中心市 and one 近隣市町村), its
roles in 別表第1 to 第3 by the 要綱's three policy areas, its change by agreement after each council's vote,
its abolition by notice after the council's vote, lapsing two years after the notice.
"""

from __future__ import annotations

_COMMON_HEAD = """\
{modeline}# {label} — the text every agreement of the region shares, written by `docgen new` from docgen's model.
# Replace every "TODO: …" value (`docgen check` lists them; a draft prints them as written), then adjust the
# wording to what the parties agreed. {{{{ parties | join_ja }}}} prints 甲及び乙, {{{{ ref.roles }}}} the number
# of the article named roles; see `docgen schema region`.
id: {region_id}
kind: {kind}
"""

RENKEI = """\
name: "TODO: the region's name, e.g. 山口県央連携都市圏域"
cover: 連携協約書
title: "TODO: the agreement's title, e.g. 山口県央連携都市圏域形成に係る連携協約"
preamble: >-
  {{ parties | join_ja("{name}（以下「{label}」という。）") }}は、連携中枢都市圏を形成するため、地方自治法（昭和22年法律第67号）第252条の2第1項の規定により、次のとおり連携協約を締結する。

articles:
  - id: purpose
    caption: 目的
    text: "TODO: the purpose, e.g. この連携協約は、甲及び乙が連携を図ることにより、…圏域を形成することを目的とする。"
  - id: policy
    caption: 基本方針
    text: >-
      {{ parties | join_ja }}は、前条に規定する目的を達成するため、次条に規定する取組について、相互に役割を分担し、連携を図るものとする。
  - id: roles
    caption: 連携する取組及び役割分担
    text: >-
      {{ parties | join_ja }}が相互に連携する取組並びに当該取組における{{ parties | join_ja }}の役割分担は、別表に定めるとおりとする。
  - id: costs
    caption: 費用
    text: >-
      {{ ref.roles }}に規定する取組を実施するために要する費用の分担については、{{ parties | join_ja }}が協議して別に定める。
  - id: meeting
    caption: 連絡会議
    text: >-
      {{ parties | join_ja }}の長は、この連携協約の推進に関し連絡調整を図るため、必要に応じて連絡会議を開催するものとする。
  - id: changes
    caption: 変更及び廃止
    text: >-
      この連携協約を変更し、又は廃止しようとするときは、{{ parties | join_ja }}の協議によらなければならない。この場合において、{{ parties | join_ja }}は、地方自治法第252条の2第4項の規定により、当該協議について議会の議決を経なければならない。

closing: >-
  この協約の締結を証するため、本協約書{{ parties | length }}通を作成し、{{ parties | join_ja }}が記名押印の上、それぞれ各1通を保有する。

appendix:
  title: 別表（{{ ref.roles }}関係）
  heading: 取組
  roles:
    central: "{{ others | join_ja }}と連携・協力して、取組を推進する。"
    partner: "{{ centrals | join_ja }}と連携・協力して、取組を推進する。"
  fields:
    - title: "TODO: a field of the 別表, e.g. 圏域全体の経済成長のけん引"
      rows:
        - item: "TODO: a 取組, e.g. 戦略産業の育成"
          text: "TODO: what it is, e.g. 中小企業の経営強化、創業促進などに取り組む。"
"""

_TEIJU_TABLE = """\
  - title: 別表第{number}（{{{{ ref.roles }}}}関係）
    heading: 取組
    roles:
      central: "{{{{ others | join_ja }}}}と連携して、取組を推進する。"
      partner: "{{{{ centrals | join_ja }}}}と連携して、取組を推進する。"
    fields:
      - title: {area}
        rows:
          - item: "TODO: a 取組, e.g. {example}"
            text: "TODO: what it is and each party's share"
"""

TEIJU = """\
name: "TODO: the region's name, e.g. 南信州定住自立圏"
cover: 定住自立圏形成協定書
title: "TODO: the agreement's title, e.g. 南信州定住自立圏の形成に関する協定"
preamble: >-
  {{ parties | join_ja("{name}（以下「{label}」という。）") }}は、定住自立圏構想推進要綱（平成20年12月26日総行応第39号総務事務次官通知）に基づき、定住自立圏の形成に関し、次のとおり協定を締結する。

articles:
  - id: purpose
    caption: 目的
    text: "TODO: the purpose, e.g. この協定は、中心市宣言を行った甲と乙が、…定住自立圏を形成することを目的とする。"
  - id: policy
    caption: 基本方針
    text: >-
      {{ parties | join_ja }}は、次条に規定する政策分野の取組において、相互に役割を分担し、連携を図るものとする。
  - id: roles
    caption: 連携する取組及び役割分担
    text: >-
      {{ parties | join_ja }}が連携する取組並びに当該取組における{{ parties | join_ja }}の役割分担は、生活機能の強化に係る政策分野にあっては別表第1に、結びつきやネットワークの強化に係る政策分野にあっては別表第2に、圏域マネジメント能力の強化に係る政策分野にあっては別表第3に定めるとおりとする。
  - id: costs
    caption: 費用
    text: >-
      {{ ref.roles }}に規定する取組を実施するために要する費用の分担については、{{ parties | join_ja }}が協議して別に定める。
  - id: meeting
    caption: 連絡会議
    text: >-
      {{ parties | join_ja }}は、この協定の推進に関し連絡調整を図るため、必要に応じて連絡会議を開催するものとする。
  - id: changes
    caption: 協定の変更
    text: >-
      この協定を変更しようとするときは、{{ parties | join_ja }}が協議の上、それぞれの議会の議決を経て行うものとする。
  - id: abolition
    caption: 協定の廃止
    text:
      - >-
        この協定は、{{ parties | first }}又は{{ parties | last }}が、その議会の議決を経た上で、相手方に対し廃止を求める旨の通告をすることにより、廃止することができる。
      - >-
        前項の規定による通告があった場合には、この協定は、当該通告を行った日から起算して2年を経過した日にその効力を失う。

closing: >-
  この協定の締結を証するため、本書{{ parties | length }}通を作成し、{{ parties | join_ja }}が記名押印の上、各自1通を保有する。

appendices:
"""

TEIJU_AREAS = (
    (1, "生活機能の強化に係る政策分野", "医療"),
    (2, "結びつきやネットワークの強化に係る政策分野", "地域公共交通"),
    (3, "圏域マネジメント能力の強化に係る政策分野", "合同研修・人事交流"),
)


def region_text(region_id: str, kind: str, modeline: str | None) -> str:
    """The text of a new region.yaml of ``kind`` (renkei or teiju)."""
    label = {"renkei": "連携中枢都市圏の連携協約", "teiju": "定住自立圏形成協定"}[kind]
    head = _COMMON_HEAD.format(
        modeline=f"# {modeline}\n" if modeline else "", label=label, region_id=region_id, kind=kind
    )
    if kind == "renkei":
        return head + RENKEI
    tables = "".join(
        _TEIJU_TABLE.format(number=number, area=area, example=example)
        for number, area, example in TEIJU_AREAS
    )
    return head + TEIJU + tables
