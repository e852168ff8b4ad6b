"""Build the procedure forms of a 連携協約: templates/forms/bill.docx (議案), notice.docx (告示) and
notification.docx (届出).

Run once (``python templates/make_forms.py``) to recreate them from scratch; after that the committed .docx
files are the source: open them in Word or LibreOffice to change the layout or the wording. A municipality
whose council or office writes these documents differently puts its own copy in
``templates/forms/<municipality>/`` (e.g. ``templates/forms/山口市/bill.docx``), which docgen uses for that
party.

The forms share the agreement template's page (A4, margins), its Normal style (ＭＳ 明朝, 10.5 pt) and
its header (（案）/写 by --mode); see make_template.py. Each form holds its wording for both actions, the
conclusion of an agreement (締結) and its change (変更), in ``{%p if action == "変更" %}`` blocks. The
agreement itself is not in the forms: docgen appends it after each paragraph in the style
``Attachment Label`` (「別紙」 of the bill, an empty one before the notice's full text), with the
agreement's own styles.

The wording follows ``kind``: a 連携協約 (renkei) cites 地方自治法第252条の2; a 定住自立圏形成協定 (teiju)
cites the municipality's ordinance on matters for the council's vote (``party.ordinance``, 第96条第2項), is
made public (公表) and reported to the prefecture (報告) as the 定住自立圏構想推進要綱 and practice ask, and
never cites 第252条の2. A municipality whose practice differs keeps its own forms in
templates/forms/<name>/.

The values a form prints (see docgen/documents/procedure.py): ``action`` (締結, 変更 or 廃止), ``kind``
(renkei or teiju), ``title`` (the agreement's title as signed), ``region``, ``signed`` (the signing date as
printed), ``original.date`` (for a change or an abolition: the date the agreement was signed), ``party``
(this party: name, own_name, label, address, title, signer, head, prefecture, kind, ordinance), ``partners``
and ``parties`` (use ``join_ja("{name}")``), ``bill`` (number, date, vote, reason), ``notice`` (number,
date), ``notification`` (number, date), ``attachments`` (each with ``kind``:
agreement or comparison), ``mode`` and ``seal``. A number or date not yet known is printed blank: 「　」,
「令和　年　月　日」; the letter's number is "" then.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))  # make_template.py, beside this file

from make_template import (  # noqa: E402
    BODY_PT,
    add,
    finish,
    make_header,
    make_styles,
    page_setup,
    paragraph_style,
    prune_styles,
)

FORMS = Path(__file__).resolve().parent / "forms"
LAW = "地方自治法（昭和22年法律第67号）"
# 第4項: a change is made 「前三項の例により」; the citation says so (not 準用, which the article does
# not say)
BY_EXAMPLE = "第252条の2第4項の規定によりその例によることとされる同条"
PARTNERS = '{{ partners | join_ja("{name}") }}'
# a 協定's bills cite the municipality's ordinance on matters for the council's vote (地方自治法第96条第2項)
ORDINANCE = "{{ party.ordinance }}"
# the 記's 「3　…の日」: an abolition's is the day it takes effect (--effective, else its signing: 附則
# 「締結の日から」), not the day it is signed
ACTION_DAY = '3　{{ action }}の日\t{% if action == "廃止" %}{{ effective }}{% else %}{{ signed }}{% endif %}'
RECORD_TAB_CHARS = 11  # the 記's values start here: 「5　告示の日及び番号」 is 10 characters


def form_styles(doc) -> None:
    left, center, right = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    paragraph_style(doc, "Form Number", align=left, after=BODY_PT)
    paragraph_style(doc, "Form Title", size=12, align=center, before=BODY_PT, after=BODY_PT)
    paragraph_style(doc, "Form Text", first=1)
    paragraph_style(doc, "Form Date", left=2, before=BODY_PT)
    # the head signs at the right, one character in
    style = paragraph_style(doc, "Form Signer", align=right, before=BODY_PT, after=BODY_PT)
    style.paragraph_format.right_indent = Pt(BODY_PT)
    paragraph_style(doc, "Form Heading", align=left, before=BODY_PT * 2, keep_next=True)
    paragraph_style(doc, "Letter Number", align=right)
    paragraph_style(doc, "Letter Addressee", left=1, before=BODY_PT, align=left)
    paragraph_style(doc, "Record Heading", align=center, before=BODY_PT, after=BODY_PT, keep_next=True)
    # 「1　連携協約の名称」, a tab, the value; a long value wraps under the value, not under the label
    style = paragraph_style(
        doc, "Record Item", left=RECORD_TAB_CHARS, first=-RECORD_TAB_CHARS, after=4, align=left
    )
    style.paragraph_format.tab_stops.add_tab_stop(Pt(BODY_PT * RECORD_TAB_CHARS))
    # 「別紙」 on the first page of each attached document, which follows this paragraph
    paragraph_style(doc, "Attachment Label", page_break=True, after=BODY_PT, align=left)


def either(doc, style: str, change: str, conclusion: str, abolition: str | None = None) -> None:
    """The wording of a change, of an abolition and of a conclusion, one of which a document prints."""
    add(doc, '{%p if action == "変更" %}', style)
    add(doc, change, style)
    if abolition is not None:
        add(doc, '{%p elif action == "廃止" %}', style)
        add(doc, abolition, style)
    add(doc, "{%p else %}", style)
    add(doc, conclusion, style)
    add(doc, "{%p endif %}", style)


def by_kind(doc, style: str, renkei, teiju) -> None:
    """A 連携協約's wording (地方自治法第252条の2) or a 定住自立圏形成協定's (the 要綱 and the municipality's
    ordinance on matters for the council's vote): each a function that adds its paragraphs."""
    add(doc, '{%p if kind == "teiju" %}', style)
    teiju()
    add(doc, "{%p else %}", style)
    renkei()
    add(doc, "{%p endif %}", style)


def signer(doc, *, seal: bool = False) -> None:
    mark = "{% if seal %}　印{% endif %}" if seal else ""
    # the title, or for one acting for the head 「山口市長職務代理者　山口市副市長」
    add(doc, "{{ party.signer }}　{{ party.head }}" + mark, "Form Signer")


def attachments(doc, label: str) -> None:
    add(doc, "{%p for attachment in attachments %}", "Attachment Label")
    add(doc, label, "Attachment Label")
    add(doc, "{%p endfor %}", "Attachment Label")


def bill(doc) -> None:
    add(doc, "議案第{{ bill.number }}号", "Form Number")
    add(doc, "{{ title }}の{{ action }}について", "Form Title")
    by_kind(
        doc,
        "Form Text",
        lambda: either(
            doc,
            "Form Text",
            f"{PARTNERS}との間において{{{{ original.date }}}}に締結した{{{{ title }}}}を別紙のとおり"
            f"変更することについて、{LAW}{BY_EXAMPLE}第3項の規定により、議会の議決を求める。",
            f"{PARTNERS}との間において、別紙のとおり{{{{ title }}}}"
            f"を締結することについて、{LAW}第252条の2第3項の"
            "規定により、議会の議決を求める。",
            f"{PARTNERS}との間において{{{{ original.date }}}}に締結した{{{{ title }}}}を別紙のとおり"
            f"廃止することについて、{LAW}{BY_EXAMPLE}第3項の規定により、議会の議決を求める。",
        ),
        lambda: either(
            doc,
            "Form Text",
            f"{PARTNERS}との間において{{{{ original.date }}}}に締結した{{{{ title }}}}を別紙のとおり"
            f"変更することについて、{ORDINANCE}の規定により、議会の議決を求める。",
            f"{PARTNERS}との間において、別紙のとおり{{{{ title }}}}"
            f"を締結することについて、{ORDINANCE}の規定により、"
            "議会の議決を求める。",
            # by notice (通告) under the 協定's own article, the bill asks to give the notice (its 別紙)
            f"{PARTNERS}との間において{{{{ original.date }}}}に締結した{{{{ title }}}}"
            "{% if by_notice %}の廃止を求める旨を、同協定{{ article.notice }}の規定により、別紙のとおり"
            f"{PARTNERS}に通告する{{% else %}}を別紙のとおり廃止する{{% endif %}}"
            f"ことについて、{ORDINANCE}の規定により、議会の議決を求める。",
        ),
    )
    add(doc, "{{ bill.date }}提出", "Form Date")
    signer(doc)
    add(doc, "提案理由", "Form Heading")
    add(doc, "{%p if bill.reason %}", "Form Text")
    add(doc, "{{ bill.reason }}", "Form Text")
    add(doc, '{%p elif kind == "teiju" and by_notice %}', "Form Text")
    add(
        doc,
        f"{PARTNERS}と締結した{{{{ title }}}}を廃止するため、同協定{{{{ article.notice }}}}の規定により"
        f"{PARTNERS}に通告することについて、{ORDINANCE}の規定により議会の議決を求めるものである。",
        "Form Text",
    )
    add(doc, '{%p elif kind == "teiju" %}', "Form Text")
    add(
        doc,
        f'{PARTNERS}と{{% if action == "締結" %}}{{{{ title }}}}を締結する'
        f"{{% else %}}締結した{{{{ title }}}}を"
        f"{{{{ action }}}}する{{% endif %}}ため、{ORDINANCE}の規定により議会の議決を求めるものである。",
        "Form Text",
    )
    add(doc, '{%p elif action == "変更" %}', "Form Text")
    add(
        doc,
        f"{PARTNERS}と締結した{{{{ title }}}}を変更するため、地方自治法{BY_EXAMPLE}第3項の規定により議会の"
        "議決を求めるものである。",
        "Form Text",
    )
    add(doc, '{%p elif action == "廃止" %}', "Form Text")
    add(
        doc,
        f"{PARTNERS}と締結した{{{{ title }}}}を廃止するため、地方自治法{BY_EXAMPLE}第3項の規定により議会の"
        "議決を求めるものである。",
        "Form Text",
    )
    add(doc, "{%p else %}", "Form Text")
    add(
        doc,
        f"{PARTNERS}と{{{{ title }}}}を締結するため、地方自治法第252条の2第3項の規定により議会の議決を求める"
        "ものである。",
        "Form Text",
    )
    add(doc, "{%p endif %}", "Form Text")
    # the agreement is 別紙; with a change, the 新旧対照表 follows as 参考 (explanatory, not voted on)
    attachments(doc, '{% if attachment.kind == "comparison" %}参考{% else %}別紙{% endif %}')


def notice(doc) -> None:
    add(doc, "{{ party.own_name }}告示第{{ notice.number }}号", "Form Number")
    by_kind(
        doc,
        "Form Text",
        lambda: either(
            doc,
            "Form Text",
            f"{LAW}{BY_EXAMPLE}第1項の規定により、{PARTNERS}と"
            f"{{{{ original.date }}}}に締結した{{{{ title }}}}を"
            "変更したので、同条第4項の規定によりその例によることとされる同条第2項の規定により告示する。",
            f"{LAW}第252条の2第1項の規定により、{PARTNERS}と"
            f"{{{{ title }}}}を締結したので、同条第2項の規定により"
            "告示する。",
            f"{LAW}{BY_EXAMPLE}第1項の規定により、{PARTNERS}と"
            f"{{{{ original.date }}}}に締結した{{{{ title }}}}を"
            "廃止したので、同条第4項の規定によりその例によることとされる同条第2項の規定により告示する。",
        ),
        # a 協定 is made public (公表) as the 要綱 asks; 第252条の2第2項 does not apply to it
        lambda: either(
            doc,
            "Form Text",
            f"{PARTNERS}と{{{{ original.date }}}}に締結した{{{{ title }}}}を変更したので、公表する。",
            f"{PARTNERS}と{{{{ title }}}}を締結したので、公表する。",
            f"{PARTNERS}と{{{{ original.date }}}}に締結した{{{{ title }}}}を廃止したので、公表する。",
        ),
    )
    add(doc, "{{ notice.date }}", "Form Date")
    signer(doc)
    # the agreement's full text (第2項: 「その旨及び当該連携協約を告示する」) on the pages after
    attachments(doc, "")


def notification(doc) -> None:
    add(doc, '{{ notification.number or "第　号" }}', "Letter Number")
    add(doc, "{{ notification.date }}", "Letter Number")
    # a prefecture that is a party notifies 総務大臣; a municipality the governor of its prefecture
    add(
        doc,
        '{% if party.kind == "prefecture" %}総務大臣{% else %}{{ party.prefecture }}知事{% endif %}　様',
        "Letter Addressee",
    )
    signer(doc, seal=True)
    by_kind(
        doc,
        "Form Text",
        lambda: _notification_renkei(doc),
        lambda: _notification_teiju(doc),
    )


def _notification_renkei(doc) -> None:
    add(doc, "連携協約の{{ action }}について（届出）", "Form Title")
    either(
        doc,
        "Form Text",
        f"{LAW}{BY_EXAMPLE}第2項の規定により、下記のとおり届け出ます。",
        f"{LAW}第252条の2第2項の規定により、下記のとおり届け出ます。",
        f"{LAW}{BY_EXAMPLE}第2項の規定により、下記のとおり届け出ます。",
    )
    add(doc, "記", "Record Heading")
    items = [
        "1　連携協約の名称\t{{ title }}",
        f"2　連携協約の相手方\t{PARTNERS}",
        ACTION_DAY,
        "4　議会の議決の日\t{{ bill.vote }}",
        "5　告示の日及び番号\t{{ notice.date }}（{{ party.own_name }}告示第{{ notice.number }}号）",
    ]
    for item in items:
        add(doc, item, "Record Item")
    add(doc, "添付書類", "Form Heading")
    for item in (
        '(1)　{% if action == "変更" %}変更連携協約書{% elif action == "廃止" %}廃止協約書'
        "{% else %}連携協約書{% endif %}の写し",
        "(2)　議会の議決書の写し",
        "(3)　告示の写し",
    ):
        add(doc, item, "Record Item")


def _notification_teiju(doc) -> None:
    # no 届出 under 第252条の2第2項: a report to the prefecture, as the 要綱 and practice ask (its wording is
    # the municipality's to set: edit this template or put its own in templates/forms/<municipality>/)
    add(doc, "定住自立圏形成協定の{{ action }}について（報告）", "Form Title")
    add(
        doc,
        f'{PARTNERS}と{{% if action == "締結" %}}{{{{ title }}}}を締結した'
        f"{{% else %}}{{{{ original.date }}}}に締結し"
        "た{{ title }}を{{ action }}した{% endif %}"
        "ので、定住自立圏構想推進要綱に基づき、下記のとおり報告します。",
        "Form Text",
    )
    add(doc, "記", "Record Heading")
    items = [
        "1　協定の名称\t{{ title }}",
        f"2　協定の相手方\t{PARTNERS}",
        ACTION_DAY,
        "4　議会の議決の日\t{{ bill.vote }}",
        "5　公表の日及び番号\t{{ notice.date }}（{{ party.own_name }}告示第{{ notice.number }}号）",
    ]
    for item in items:
        add(doc, item, "Record Item")
    add(doc, "添付書類", "Form Heading")
    for item in (
        '(1)　{% if action == "変更" %}変更協定書{% elif action == "廃止" %}廃止協定書{% else %}協定書'
        "{% endif %}の写し",
        "(2)　議会の議決書の写し",
    ):
        add(doc, item, "Record Item")


def abolition_notice(doc) -> None:
    """A 定住自立圏形成協定's abolition by notice (通告): the letter from the notifying party's head to the
    other party's head, after its council's vote, citing the 協定's own article; ``letter`` (number,
    date), ``addressees`` (each other party's signer, head), ``article`` (notice, lapse: e.g. 第7条第1項,
    第7条第2項), ``effective`` (the day the 協定 loses effect)."""
    add(doc, '{{ letter.number or "第　号" }}', "Letter Number")
    add(doc, "{{ letter.date }}", "Letter Number")
    # the other party's head (a 協定 of three parties: each of the others)
    add(doc, "{%p for addressee in addressees %}", "Letter Addressee")
    add(doc, "{{ addressee.signer }}　{{ addressee.head }}　様", "Letter Addressee")
    add(doc, "{%p endfor %}", "Letter Addressee")
    signer(doc, seal=True)
    add(doc, "{{ title }}の廃止について（通告）", "Form Title")
    add(
        doc,
        f"{PARTNERS}と{{{{ original.date }}}}に締結した{{{{ title }}}}（以下「協定」という。）の"
        f"廃止について、{ORDINANCE}の規定による議会の議決を経たので、協定{{{{ article.notice }}}}の"
        "規定により、協定の廃止を求める旨を通告します。",
        "Form Text",
    )
    add(doc, "記", "Record Heading")
    for item in (
        "1　協定の名称\t{{ title }}",
        "2　締結の日\t{{ original.date }}",
        "3　議会の議決の日\t{{ bill.vote }}",
        "4　効力を失う日\t{{ effective }}{% if article.lapse %}（協定{{ article.lapse }}の規定による。）"
        "{% endif %}",
    ):
        add(doc, item, "Record Item")


FORM_TITLES = {"bill": "議案", "notice": "告示", "notification": "届出", "abolition-notice": "通告"}
MAKERS = {
    "bill": bill,
    "notice": notice,
    "notification": notification,
    "abolition-notice": abolition_notice,
}


def build(form: str) -> bytes:
    doc = docx.Document()
    body = doc.element.body
    for paragraph in list(body.iterchildren()):
        if paragraph.tag.endswith("}p"):
            body.remove(paragraph)
    page_setup(doc)
    make_styles(doc)
    form_styles(doc)
    MAKERS[form](doc)
    make_header(doc)
    prune_styles(doc)
    return finish(doc, FORM_TITLES[form], "docgen procedure form: Jinja tags in docxtpl syntax")


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FORMS
    folder.mkdir(parents=True, exist_ok=True)
    for form in MAKERS:
        target = folder / f"{form}.docx"
        target.write_bytes(build(form))
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
