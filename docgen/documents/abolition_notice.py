"""A 定住自立圏形成協定 abolished by one party's notice (通告): the letter the notifying party's head
sends the other party's head, and with ``procedure`` that party's bill; the library behind
``docgen abolish --by``.

A 協定 is not a 連携協約, and is commonly not ended by a second agreement: its own article on 廃止 lets
either party, after its council's vote, give the other notice, and the 協定 loses effect when the article
says (e.g. いなべ市・東員町: 「この協定を廃止しようとする場合は、甲又は乙は、あらかじめ議会の議決を経て
廃止を求める旨を他方に通告するもの」; docgen's model text: 「…当該通告を行った日から起算して2年を経過した日
にその効力を失う。」). The council votes under the municipality's ordinance on matters for its vote
(地方自治法第96条第2項; e.g. 岩見沢市: 「定住自立圏形成協定の廃止を求める旨を通告すること」), never under
第252条の2.

The article is found in the 協定's text as ``docgen build`` reads it: the first provision that speaks of
通告 and 廃止 is cited as the notice's ground; the provision that says when the 協定 loses effect
(「…から起算して2年を経過した日」) gives the day, counted as 民法第143条 counts a period; without a period
``effective`` is asked for.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.base import ja
from docgen.base.chars import nfc
from docgen.base.errors import AgreementError, Problem, UserError
from docgen.base.i18n import N_, _
from docgen.base.patterns import regex
from docgen.documents.abolition import check_abolition_dates, write_abolitions
from docgen.documents.batch import Progress, resolve_all, write_documents
from docgen.documents.signing import signatories
from docgen.model.resolved import Mode, Resolved, check_mode

NOTICE_SUFFIX = ".abolition-notice.docx"
NOTICE_FORM = "abolition-notice"
# 「当該通告を行った日から起算して2年を経過した日」, 「通告のあった日の翌日から起算して6月を経過した日」
_PERIOD = regex(
    r"日(の翌日)?から(?:起算して)?([0-9一二三四五六七八九十]+)(年|箇月|か月|ヶ月|ケ月|月|日)を経過した日"
)
_KANJI = {c: i for i, c in enumerate("〇一二三四五六七八九", start=0)}

NOT_A_KYOTEI = N_(
    "--by gives notice (通告) of the abolition of a 定住自立圏形成協定; this is a 連携協約, abolished by an "
    "agreement of its parties (地方自治法第252条の2第4項): leave out --by"
)
NOT_A_PARTY = N_("--by {by}: not a party of this agreement ({parties})")
NO_ARTICLE = N_(
    "no article of this 協定 provides for its abolition by notice (通告): abolish it by an agreement of its "
    "parties with --by-agreement"
)
NO_PERIOD = N_(
    "{article} of this 協定 states no period after which it loses effect: give --effective YYYY-MM-DD, the "
    "day it loses effect"
)
NOT_THE_ARTICLES_DAY = N_(
    "--effective {effective} is not the day {article} of this 協定 gives: a notice on {date} ends it on {day}"
)


@dataclass(frozen=True)
class NoticeArticle:
    """The 協定's provisions on its abolition by notice: the one that lets a party give notice (第7条第1項),
    the one that says when it loses effect (第7条第2項, or "" when none states a period) and that period:
    (count, unit, counted from the next day)."""

    notice: str
    lapse: str = ""
    period: tuple[int, str, bool] | None = None


@dataclass(frozen=True)
class NoticeOfAbolition:
    """One 協定's notice of abolition: the 協定 as signed, the notifying party's name, the day it loses
    effect, and the letter as .docx bytes."""

    agreement: Resolved
    by: str
    effective: dt.date | None
    docx: bytes

    @property
    def target(self) -> Path:
        """``<region>/<name>.abolition-notice.docx``, relative to the output folder."""
        return Path(self.agreement.region) / (self.agreement.path.stem + NOTICE_SUFFIX)


def same_party(given: str, name: str) -> bool:
    """Whether ``--by`` names the party ``name``: as written, or without the prefecture a name is written
    with (津和野町 for 島根県津和野町)."""
    from docgen.model.national import prefectures

    given, name = nfc(given.strip()), nfc(name)
    if given == name:
        return True
    return any(name == prefecture + given for prefecture in prefectures())


def _number(text: str) -> int:
    """「2」, 「２」 or 「二」, 「十二」 as a number."""
    text = unicodedata.normalize("NFKC", text)
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI[tens] if tens else 1) * 10 + (_KANJI[ones] if ones else 0)
    return _KANJI[text]


def provisions(agreement: Resolved) -> list[tuple[str, str]]:
    """Each provision of the agreement's articles as (citation, text): 「第7条」 for an article of one
    paragraph, 「第7条第1項」, 「第7条第2項」… for one of several."""
    found = []
    for article in agreement.context.get("articles") or []:
        number = unicodedata.normalize("NFKC", str(article.get("number") or ""))
        paragraphs = article.get("paragraphs") or []
        found.append((f"{number}第1項" if paragraphs else number, str(article.get("text") or "")))
        for paragraph in paragraphs:
            label = unicodedata.normalize("NFKC", str(paragraph.get("number") or ""))
            found.append((f"{number}第{label}項", str(paragraph.get("text") or "")))
    return found


def notice_article(agreement: Resolved) -> NoticeArticle | None:
    """The 協定's provisions on its abolition by notice, or None when no provision speaks of it."""
    found = provisions(agreement)
    notice = next(
        (cite for cite, text in found if "通告" in text and ("廃止" in text or "失効" in text)), None
    )
    if notice is None:
        return None
    for cite, text in found:
        match = _PERIOD.search(text)
        if match and "通告" in text:
            period = (_number(match.group(2)), match.group(3), match.group(1) is not None)
            return NoticeArticle(notice, cite, period)
    return NoticeArticle(notice)


def lapse_day(notice: dt.date, period: tuple[int, str, bool]) -> dt.date:
    """The day a period counted from a notice has passed (「…から起算して2年を経過した日」): by 民法第143条
    a period of years or months ends the day before the day that corresponds to its first day, or at the end
    of the month when there is none; the day after is the day it has passed."""
    count, unit, from_next_day = period
    start = notice + dt.timedelta(days=1) if from_next_day else notice
    if unit == "日":
        return start + dt.timedelta(days=count)
    months = count * 12 if unit == "年" else count
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    try:
        return start.replace(year=year, month=month)
    except ValueError:  # no corresponding day (2月30日): the period ends with the month
        return dt.date(year + month // 12, month % 12 + 1, 1)


def notices_of_abolition(
    paths: Sequence[str | Path],
    *,
    by: str,
    date: dt.date | None = None,
    effective: dt.date | None = None,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
    forms: str | Path | None = None,
    procedure: bool = False,
    warn: Callable[[str], None] | None = None,
) -> tuple[list[NoticeOfAbolition], dict[Path, bytes]]:
    """The notice of abolition (通告書) ``by`` gives for every 協定 in ``paths``, dated ``date``, and with
    ``procedure`` its bill; writes nothing. Returns the notices and every document by its name below the
    output folder. Raises ``UserError`` or ``AgreementError`` for what cannot be (a 連携協約, ``by`` no party,
    no article on notice, dates against the 協定 or its article, heads not in office); a draft tells ``warn``
    of each head it leaves blank."""
    from docgen.documents.forms import FormTemplates, render_form
    from docgen.documents.procedure import Attachment, load_procedure

    check_mode(mode, seal)
    if date is None and mode != "draft":
        raise UserError(
            _("the notice's date is missing: give --date YYYY-MM-DD (only --mode draft may leave it blank)")
        )
    agreements = resolve_all([Path(p) for p in paths])
    check_abolition_dates(agreements, date, effective)
    problems: list[Problem] = []
    days: dict[Path, tuple[dt.date | None, NoticeArticle]] = {}
    for item in agreements:
        where = str(item.path)
        if item.kind != "teiju":
            problems.append(Problem(where, None, None, _(NOT_A_KYOTEI)))
            continue
        names = [party.name for party in item.context["parties"]]
        if not any(same_party(by, name) for name in names):
            problems.append(
                Problem(where, None, None, _(NOT_A_PARTY).format(by=by, parties=", ".join(names)))
            )
            continue
        article = notice_article(item)
        if article is None:
            problems.append(Problem(where, None, None, _(NO_ARTICLE)))
            continue
        day = effective
        if article.period is not None and date is not None:
            day = lapse_day(date, article.period)
            if effective is not None and effective != day:
                message = _(NOT_THE_ARTICLES_DAY).format(
                    effective=effective.isoformat(),
                    article=article.lapse,
                    date=date.isoformat(),
                    day=day.isoformat(),
                )
                problems.append(Problem(where, None, None, message))
        elif article.period is None and effective is None and mode != "draft":
            problems.append(Problem(where, None, None, _(NO_PERIOD).format(article=article.notice)))
        days[item.path] = (day, article)
    if problems:
        raise AgreementError(problems)
    signing = signatories(agreements, date, mode, "abolition", warn=warn)
    templates = FormTemplates(Path(forms) if forms is not None else None)
    blank = ja.blank_date(date or today or dt.date.today())
    made: list[NoticeOfAbolition] = []
    documents: dict[Path, bytes] = {}
    for item in agreements:
        day, article = days[item.path]
        parties = signing[item.path]
        sender = next(party for party in parties if same_party(by, party.name))
        try:
            steps = load_procedure(
                item.signed_by(parties, date),
                mode=mode,
                seal=seal,
                today=today,
                action="廃止",
                original=item.date,
                effective=day,
                by_notice=True,
                article={"notice": article.notice, "lapse": article.lapse},
            )
        except AgreementError as error:
            problems += error.problems
            continue
        own = next(forms_ for forms_ in steps.parties if forms_.party == sender.name)
        context: dict[str, Any] = {
            **own.contexts["bill"],
            # the letter is signed by the head in office on its date
            "party": {**own.contexts["bill"]["party"], "head": sender.head, "signer": sender.signer},
            "letter": {"number": "", "date": ja.era_date(date) if date is not None else blank},
            "addressees": [
                {"signer": party.signer or party.title, "head": party.head}
                for party in parties
                if party is not sender
            ],
            "effective": ja.era_date(day) if day is not None else blank,
        }
        letter = render_form(templates.template(NOTICE_FORM, sender.name), NOTICE_FORM, context, date=date)
        notice = NoticeOfAbolition(item, sender.name, day, letter)
        made.append(notice)
        documents[notice.target] = letter
        if procedure:
            unsealed = letter
            if seal:  # the bill's 別紙 is the letter as the council sees it, without 印
                unsealed = render_form(
                    templates.template(NOTICE_FORM, sender.name),
                    NOTICE_FORM,
                    {**context, "seal": False},
                    date=date,
                )
            bill = render_form(
                templates.template("bill", sender.name),
                "bill",
                own.contexts["bill"],
                [Attachment("agreement", unsealed)],
                date=date,
            )
            folder = Path(item.region) / item.path.stem
            documents[folder / f"{sender.name}-abolition-bill.docx"] = bill
    if problems:
        raise AgreementError(list(dict.fromkeys(problems)))
    return made, documents


def write_notices_of_abolition(
    paths: Sequence[str | Path],
    out_dir: str | Path = "output",
    *,
    by: str,
    pdf: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    **options: Any,
) -> tuple[list[NoticeOfAbolition], list[Path]]:
    """``notices_of_abolition``, written to ``out_dir`` (with ``pdf`` also the PDFs), all together or none;
    returns the notices and the files written."""
    if pdf:
        from docgen.office.pdf import find_soffice

        find_soffice()  # a missing LibreOffice is told before the agreements are read
    made, documents = notices_of_abolition(paths, by=by, **options)
    out = Path(out_dir)
    written = write_documents(
        out, {out / name: data for name, data in documents.items()}, pdf=pdf, jobs=jobs, progress=progress
    )
    return made, written


def abolish(
    paths: Sequence[str | Path],
    out_dir: str | Path = "output",
    *,
    by: str | None = None,
    **options: Any,
) -> list[Path]:
    """Abolish the agreements in ``paths``: write each abolishing agreement (and with ``procedure=True`` its
    forms) into ``out_dir``, or with ``by`` the notice of abolition that party gives of each 協定 (and its
    bill); returns the files written. Options as ``write_abolitions`` (a 協定 abolished by agreement:
    ``by_agreement=True``) or ``write_notices_of_abolition``."""
    if by is not None:
        return write_notices_of_abolition(paths, out_dir, by=by, **options)[1]
    return write_abolitions(paths, out_dir, **options)[1]
