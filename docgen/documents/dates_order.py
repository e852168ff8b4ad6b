"""The procedure's dates against the order the law (or, for a 定住自立圏形成協定, its own articles and the
municipality's ordinance) gives them: 議決 ≤ 締結 ≤ 告示 ≤ 届出, each message in the words of the kind and of
what is signed (an agreement, its change, its abolition).

A 連携協約 is voted under 地方自治法第252条の2第3項 and published and notified under 第2項 (a change or an
abolition 「前三項の例により」, 第4項). A 定住自立圏形成協定 is not a 連携協約: its council votes under
the municipality's ordinance on matters for the council's vote (地方自治法第96条第2項) and it is made
public (公表) and reported as the 定住自立圏構想推進要綱 and practice ask; no message about
it cites 第252条の2.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docgen.base.i18n import N_, _

# each step against the signing of the agreement, of its change or of its abolition: whole sentences, by kind
ORDER = {
    "renkei": {
        ("vote", "締結"): N_(
            "the council's vote ({date}) is after the signing ({signed}): by 地方自治法第252条の2第3項 the "
            "council approves an agreement before it is signed"
        ),
        ("vote", "変更"): N_(
            "the council's vote ({date}) is after the change's signing ({signed}): by "
            "地方自治法第252条の2第3項 the council approves an agreement before it is signed"
        ),
        ("vote", "廃止"): N_(
            "the council's vote ({date}) is after the abolition's signing ({signed}): by "
            "地方自治法第252条の2第4項 and 第3項 the council approves an abolition before it is signed"
        ),
        ("bill", "締結"): N_(
            "the bill ({date}) is after the signing ({signed}): the council approves an agreement before "
            "it is signed"
        ),
        ("bill", "変更"): N_(
            "the bill ({date}) is after the change's signing ({signed}): the council approves an agreement "
            "before it is signed"
        ),
        ("bill", "廃止"): N_(
            "the bill ({date}) is after the abolition's signing ({signed}): the council approves an "
            "abolition before it is signed"
        ),
        ("notice", "締結"): N_(
            "the notice ({date}) is before the signing ({signed}): by 地方自治法第252条の2第2項 an "
            "agreement is published and notified after it is signed"
        ),
        ("notice", "変更"): N_(
            "the notice ({date}) is before the change's signing ({signed}): by 地方自治法第252条の2第2項 an "
            "agreement is published and notified after it is signed"
        ),
        ("notice", "廃止"): N_(
            "the notice ({date}) is before the abolition's signing ({signed}): by "
            "地方自治法第252条の2第4項 and 第2項 an abolition is published and notified after it is signed"
        ),
        ("notification", "締結"): N_(
            "the notification ({date}) is before the signing ({signed}): by 地方自治法第252条の2第2項 an "
            "agreement is published and notified after it is signed"
        ),
        ("notification", "変更"): N_(
            "the notification ({date}) is before the change's signing ({signed}): by "
            "地方自治法第252条の2第2項 an agreement is published and notified after it is signed"
        ),
        ("notification", "廃止"): N_(
            "the notification ({date}) is before the abolition's signing ({signed}): by "
            "地方自治法第252条の2第4項 and 第2項 an abolition is published and notified after it is signed"
        ),
    },
    "teiju": {
        ("vote", "締結"): N_(
            "the council's vote ({date}) is after the signing ({signed}): the council approves a "
            "定住自立圏形成協定 before it is signed, under the municipality's ordinance on matters for "
            "its vote (地方自治法第96条第2項)"
        ),
        ("vote", "変更"): N_(
            "the council's vote ({date}) is after the change's signing ({signed}): the council approves a "
            "change of a 定住自立圏形成協定 before it is signed, under the municipality's ordinance on "
            "matters for its vote (地方自治法第96条第2項)"
        ),
        ("vote", "廃止"): N_(
            "the council's vote ({date}) is after the abolition's signing ({signed}): the council "
            "approves the abolition of a 定住自立圏形成協定 before it is signed, under the municipality's "
            "ordinance on matters for its vote (地方自治法第96条第2項)"
        ),
        ("vote", "通告"): N_(
            "the council's vote ({date}) is after the notice of abolition ({signed}): the 協定's article "
            "on its abolition asks for the council's vote before the notice (通告) is given"
        ),
        ("bill", "締結"): N_(
            "the bill ({date}) is after the signing ({signed}): the council approves a 定住自立圏形成協定 "
            "before it is signed"
        ),
        ("bill", "変更"): N_(
            "the bill ({date}) is after the change's signing ({signed}): the council approves a change of a "
            "定住自立圏形成協定 before it is signed"
        ),
        ("bill", "廃止"): N_(
            "the bill ({date}) is after the abolition's signing ({signed}): the council approves the "
            "abolition of a 定住自立圏形成協定 before it is signed"
        ),
        ("bill", "通告"): N_(
            "the bill ({date}) is after the notice of abolition ({signed}): the council votes before the "
            "notice (通告) is given"
        ),
        ("notice", "締結"): N_(
            "the notice ({date}) is before the signing ({signed}): a 定住自立圏形成協定 is made public "
            "(公表) after it is signed"
        ),
        ("notice", "変更"): N_(
            "the notice ({date}) is before the change's signing ({signed}): a change of a "
            "定住自立圏形成協定 is made public (公表) after it is signed"
        ),
        ("notice", "廃止"): N_(
            "the notice ({date}) is before the abolition's signing ({signed}): the abolition of a "
            "定住自立圏形成協定 is made public (公表) after it is signed"
        ),
        ("notification", "締結"): N_(
            "the report ({date}) is before the signing ({signed}): a 定住自立圏形成協定 is reported to the "
            "prefecture after it is signed"
        ),
        ("notification", "変更"): N_(
            "the report ({date}) is before the change's signing ({signed}): a change of a "
            "定住自立圏形成協定 is reported to the prefecture after it is signed"
        ),
        ("notification", "廃止"): N_(
            "the report ({date}) is before the abolition's signing ({signed}): the abolition of a "
            "定住自立圏形成協定 is reported to the prefecture after it is signed"
        ),
    },
}


def check_order(
    kind: str,
    action: str,
    signed: dt.date | None,
    bill: Any,
    notice: Any,
    letter: Any,
    *,
    by_notice: bool = False,
) -> list[tuple[tuple[str, str], str]]:
    """The dates of one party's steps (``bill``, ``notice``, ``letter``: records with ``date``, and the bill's
    ``vote``) against the order 議決 ≤ 締結 ≤ 告示 ≤ 届出 (the letter reports the notice): each problem with
    its place under the party's procedure. ``by_notice``: a 協定 abolished by one party's notice (通告), the
    notice's date in ``signed``."""
    found: list[tuple[tuple[str, str], str]] = []
    messages = ORDER["teiju" if kind == "teiju" else "renkei"]
    step = "通告" if by_notice and kind == "teiju" else action if action in ("変更", "廃止") else "締結"
    if bill.date and bill.vote and bill.date > bill.vote:
        found.append(
            (
                ("bill", "date"),
                _("the bill is dated {date}, after the council's vote on it ({vote})").format(
                    date=bill.date, vote=bill.vote
                ),
            )
        )
    if signed is not None:
        if bill.vote and bill.vote > signed:
            found.append((("bill", "vote"), _(messages["vote", step]).format(date=bill.vote, signed=signed)))
        elif bill.date and bill.vote is None and bill.date > signed:
            found.append((("bill", "date"), _(messages["bill", step]).format(date=bill.date, signed=signed)))
        if step != "通告":  # a notice of abolition is a letter: nothing is published or reported by docgen
            for record, what in ((notice, "notice"), (letter, "notification")):
                if record.date and record.date < signed:
                    message = _(messages[what, step]).format(date=record.date, signed=signed)
                    found.append(((what, "date"), message))
    if (
        letter.date
        and notice.date
        and letter.date < notice.date
        and (signed is None or notice.date >= signed)
    ):
        found.append(
            (
                ("notification", "date"),
                _("the notification ({date}) is before the notice it reports ({notice})").format(
                    date=letter.date, notice=notice.date
                ),
            )
        )
    return found
