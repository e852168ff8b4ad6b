"""The kinds of agreement docgen writes, and what each rests on.

- ``renkei``: a 連携協約 under 地方自治法第252条の2, added by 平成26年法律第42号; the provisions came into
  force on 平成26年11月1日, so no 連携協約 is dated earlier. Councils vote under 第252条の2第3項; after the
  signing each party publishes a 告示 and notifies its governor (第2項); a change or an abolition repeats it
  (第4項).
- ``teiju``: a 定住自立圏形成協定 under the 定住自立圏構想推進要綱 (平成20年12月26日総行応第39号 総務事務次官
  通知), not a 連携協約: each council votes under its own ordinance on matters for the council's vote
  (地方自治法第96条第2項); after the signing the 協定 is made public (公表) and reported to the prefecture as
  the 要綱 and practice ask; its own articles govern its change and abolition.
"""

from __future__ import annotations

import datetime as dt

from docgen.base.i18n import N_, _
from docgen.base.named import Named


class Kind(Named):
    """What a kind of agreement is called and when it became possible."""

    key: str  # as region.yaml writes it
    name: str  # 連携協約
    short: str  # 協約 / 協定: 「…を廃止する協約」
    basis: str  # what it rests on, for messages
    since: dt.date
    instrument: str  # what an amending instrument calls itself: 「…の一部を変更する連携協約」/「…協定」

    def __new__(cls, key: str, name: str, short: str, basis: str, since: dt.date, instrument: str) -> Kind:
        return tuple.__new__(cls, (key, name, short, basis, since, instrument))


KINDS = {
    "renkei": Kind("renkei", "連携協約", "協約", "地方自治法第252条の2", dt.date(2014, 11, 1), "連携協約"),
    "teiju": Kind(
        "teiju", "定住自立圏形成協定", "協定", "定住自立圏構想推進要綱", dt.date(2008, 12, 26), "協定"
    ),
}


def kind_of(key: str | None) -> Kind:
    """The kind a region's ``kind:`` names (a region that says none makes 連携協約)."""
    return KINDS[key or "renkei"]


def too_early(kind: Kind, day: dt.date) -> str | None:
    """Why ``day`` cannot date an agreement of ``kind``, or None."""
    if day >= kind.since:
        return None
    from docgen.base import ja

    return _(TOO_EARLY).format(
        day=day.isoformat(),
        name=kind.name,
        basis=kind.basis,
        first=ja.era_date(kind.since),
        first_iso=kind.since.isoformat(),
    )


TOO_EARLY = N_("{day} is before a {name} could be made: {basis} applies from {first} ({first_iso})")
