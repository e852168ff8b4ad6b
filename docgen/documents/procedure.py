"""The procedure documents of a 連携協約, per party: the council bill (議案), the public notice (告示) and the
notification (届出).

By 地方自治法第252条の2 every party's council approves an agreement before it is signed (第3項); after the
signing every party publishes it and notifies the governor of its prefecture, or 総務大臣 when the party is a
prefecture (第2項); a change repeats all of it (第4項). This module turns an agreement (or a change of one)
and what is known of each party's numbers and dates (the agreement file's ``procedure:``) into what each
form prints, checks those dates against the law's order, and renders the forms with the documents they
attach. The wording is in the form templates (``templates/forms/``, made by ``templates/make_forms.py``);
numbers and dates not yet known print blank, to fill in by hand, and are listed as notes.

- ``load_procedure(resolved)``: an agreement's ``Procedure``: each party's form contexts, and the blanks;
  raises ``AgreementError`` for what contradicts the law or the data (a vote after the signing, a notice
  before it, an unknown party, a missing prefecture);
- ``party_forms(subject, …)``: the same from plain data, for a change (``Subject(action="変更", …)``);
- ``FormTemplates(folder)``: the form templates, a municipality's own before the shared ones;
- ``render_form(template, context, attachments)``: one form's .docx, with the documents it attaches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

from docgen.base import ja
from docgen.base.chars import by_nfc, nfc
from docgen.base.errors import AgreementError, Problem
from docgen.base.i18n import N_, _
from docgen.base.printed import Party
from docgen.documents.dates_order import check_order
from docgen.model.agreement import Sources
from docgen.model.heads import head_in_office, no_head_message, signer
from docgen.model.loader import Loaded
from docgen.model.records import (
    Agreement,
    Bill,
    MunicipalitiesFile,
    Municipality,
    Notice,
    Notification,
    PartyProcedure,
)
from docgen.model.resolved import Mode, Resolved

Action = Literal["締結", "変更", "廃止"]
ACTIONS: tuple[Action, ...] = ("締結", "変更", "廃止")
FORMS = ("bill", "notice", "notification")
"""The forms in the order they are made: templates ``<forms folder>/<form>.docx``, files
``<party>-<form>.docx``."""
FORMS_FOLDER = Path("templates/forms")
BLANK_NUMBER = "\u3000"  # 議案第　号: one ideographic space where the number is written by hand
# what each form attaches: the bill every document (the agreement as 別紙, a change's 新旧対照表 as 参考), the
# notice the agreement's text (第2項: 「当該連携協約を告示する」); the notification lists its enclosures
ATTACHES: dict[str, tuple[str, ...]] = {
    "bill": ("agreement", "comparison"),
    "notice": ("agreement",),
    "notification": (),
    "abolition-notice": (),  # a 協定's notice of abolition (通告書): a letter, attaching nothing
}
# the numbers and dates that may be blank, as they are written under procedure.<party>
STEPS = (
    ("bill", "number"),
    ("bill", "date"),
    ("bill", "vote"),
    ("notice", "number"),
    ("notice", "date"),
    ("notification", "number"),
    ("notification", "date"),
)
# characters that cannot be in a file name made from a party's name
_NOT_IN_FILE_NAMES = frozenset('/\\:*?"<>|') | {chr(c) for c in range(32)}


class Attachment(NamedTuple):
    """A document a form attaches: ``agreement`` (the agreement, or the amending agreement of a change) or
    ``comparison`` (a change's 新旧対照表), as .docx bytes."""

    kind: Literal["agreement", "comparison"]
    docx: bytes


class Subject(NamedTuple):
    """What the forms are about: an agreement to conclude (締結), or a change of one (変更)."""

    action: Action
    title: str  # the agreement's title (of a change: the title of the agreement changed)
    region: str  # the region's name
    signed: dt.date | None  # the day it is signed: the agreement's, or the amending agreement's
    original: dt.date | None = None  # for a change or an abolition: the day the agreement was signed
    kind: str = "renkei"  # renkei (連携協約) or teiju (定住自立圏形成協定): docgen.model.kinds
    # for an abolition: the day it takes effect (None: the day it is signed, 「締結の日から」)
    effective: dt.date | None = None
    # a 協定 abolished by one party's notice (通告) under its own article: ``signed`` is the notice's date
    by_notice: bool = False
    article: dict[str, str] | None = None  # by notice: the 協定's article cited (notice, lapse)


class PartyForms(NamedTuple):
    """One party's forms: its name (as municipalities.yaml writes it) and what each form prints."""

    party: str
    contexts: dict[str, dict[str, Any]]  # by form: bill, notice, notification


class Procedure(NamedTuple):
    """An agreement's procedure documents: each party's forms, and what they leave blank."""

    resolved: Resolved
    subject: Subject
    parties: list[PartyForms]
    blanks: list[Problem]  # one note per party whose numbers or dates are still blank

    def output_name(self, party: str, form: str) -> Path:
        """``<region>/<agreement>/<party>-<form>.docx``, beside the agreement's own document."""
        return Path(self.resolved.region) / self.resolved.path.stem / f"{party}-{form}.docx"

    def output_names(self) -> list[Path]:
        """Every form's output name, relative to the output folder, in party and form order."""
        return [self.output_name(party.party, form) for party in self.parties for form in FORMS]


class Form(NamedTuple):
    """A rendered form: whose, which, where it goes (relative to the output folder), its bytes."""

    party: str
    form: str
    name: Path
    docx: bytes


class _Issue(NamedTuple):
    """A problem in one party's procedure data: where under ``procedure.<party>``, and what."""

    party: str
    loc: tuple[str, ...]
    message: str


def own_name(name: str, town: Municipality) -> str:
    """The name a municipality uses in its own documents: 島根県津和野町 (as its partners write it) is
    津和野町 in 津和野町告示."""
    prefecture = town.prefecture or ""
    if town.kind != "prefecture" and prefecture and name.startswith(prefecture) and name != prefecture:
        return name[len(prefecture) :]
    return name


def party_forms(
    subject: Subject,
    parties: Sequence[Party],
    towns: Mapping[str, Municipality],
    steps: Mapping[str, PartyProcedure],
    *,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
) -> tuple[list[PartyForms], list[_Issue]]:
    """Each party's form contexts; ``steps`` by party name (as ``parties`` name them), missing ones blank.

    The issues are the data's contradictions (dates against the law's order, no head in office on a
    document's date), each at its place under ``procedure.<party>``.
    """
    era_day = subject.signed or today or dt.date.today()
    blank_date = ja.blank_date(era_day)

    def date(day: dt.date | None) -> str:
        return ja.era_date(day) if day is not None else blank_date

    issues: list[_Issue] = []
    result = []
    for party in parties:
        town = towns[party.name]
        step = steps.get(party.name) or PartyProcedure()
        bill, notice, letter = (
            step.bill or Bill(),
            step.notice or Notice(),
            step.notification or Notification(),
        )
        found = check_order(
            subject.kind, subject.action, subject.signed, bill, notice, letter, by_notice=subject.by_notice
        )
        issues += [_Issue(party.name, loc, message) for loc, message in found]
        common = {
            "action": subject.action,
            "kind": subject.kind,
            "title": subject.title,
            "region": subject.region,
            "signed": date(subject.signed),
            "original": {"date": date(subject.original)},
            # what an abolition's notification prints as its day: the day it takes effect
            "effective": date(subject.effective or subject.signed),
            "by_notice": subject.by_notice,
            "article": subject.article or {"notice": "", "lapse": ""},
            "partners": [other for other in parties if other is not party],
            "parties": list(parties),
            "bill": {
                "number": str(bill.number) if bill.number is not None else BLANK_NUMBER,
                "date": date(bill.date),
                "vote": date(bill.vote),
                "reason": bill.reason,
            },
            "notice": {
                "number": str(notice.number) if notice.number is not None else BLANK_NUMBER,
                "date": date(notice.date),
            },
            "notification": {"number": letter.number or "", "date": date(letter.date)},
            "mode": mode,
            "seal": seal,
        }
        # each form is signed by the head in office on its own date; a date not yet known is taken from the
        # step it follows, and at last from the signing
        days = {
            "bill": ((bill.date, ("bill", "date")), (bill.vote, ("bill", "vote"))),
            "notice": ((notice.date, ("notice", "date")),),
            "notification": ((letter.date, ("notification", "date")), (notice.date, ("notice", "date"))),
        }
        contexts = {}
        for form in FORMS:
            day, loc = next(((d, at) for d, at in days[form] if d is not None), (subject.signed, None))
            head = head_in_office(town, day) if day is not None else None
            if head is None and day is not None and loc is not None and mode != "draft":
                issues.append(_Issue(party.name, loc, no_head_message(party.name, town, day)))
            contexts[form] = {
                **common,
                "party": {
                    "name": party.name,
                    "own_name": own_name(party.name, town),
                    "label": party.label,
                    "address": party.address,
                    "title": party.title,
                    "head": head.name if head is not None else "",
                    "signer": signer(town, head),
                    "prefecture": town.prefecture or "",
                    "kind": town.kind or "municipality",
                    "ordinance": town.ordinance or blank_ordinance(own_name(party.name, town)),
                },
                "attachments": [],  # filled by render_form with the documents it attaches
            }
        result.append(PartyForms(party.name, contexts))
    return result, issues


def blank_ordinance(name: str) -> str:
    """The ordinance on matters for the council's vote, to fill in by hand: its name and number differ by
    municipality (e.g. 議会の議決すべき事件を定める条例, …に関する条例)."""
    return f"{name}議会の議決すべき事件を定める条例（\u3000\u3000年{name}条例第\u3000号）"


def blank_steps(step: PartyProcedure | None) -> list[str]:
    """The numbers and dates of a party's procedure still blank, as written under ``procedure.<party>``:
    bill.number, bill.vote, …"""
    blanks = []
    for record, field in STEPS:
        part = getattr(step, record) if step is not None else None
        if part is None or getattr(part, field) is None:
            blanks.append(f"{record}.{field}")
    return blanks


# --- an agreement's procedure, from its YAML -----------------------------------------------------------


def load_procedure(
    resolved: Resolved,
    *,
    sources: Sources | None = None,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
    forms: bool = True,
    action: Action = "締結",
    original: dt.date | None = None,
    title: str | None = None,
    effective: dt.date | None = None,
    by_notice: bool = False,
    article: dict[str, str] | None = None,
) -> Procedure:
    """The procedure of an agreement already resolved: its file's ``procedure:`` and its parties' entries in
    municipalities.yaml, read again (a region's files once a batch, through ``sources``).

    For a change (``action="変更"``), ``resolved`` is the agreement as changed, dated the day the change is
    signed, and ``original`` the day the agreement was first signed; its file's ``procedure:`` holds the
    change's bills, notices and notifications. An abolition (``action="廃止"``) also takes the day it takes
    effect (``effective``), and for a 協定 abolished by one party's notice (``by_notice``) the 協定's article
    cited (``article``: ``notice`` and ``lapse``, e.g. 第7条第1項).

    Raises ``AgreementError`` with every problem: a ``procedure`` key that names no party, dates against the
    law's order, no head in office on a document's date; with ``forms`` (the documents are to be made) also a
    party without a prefecture, or whose name cannot name a file.
    """
    if action not in ACTIONS:
        raise ValueError(
            _("action must be one of {actions}, not {action}").format(
                actions=", ".join(ACTIONS), action=repr(action)
            )
        )
    sources = sources or Sources()
    loaded, agreement = sources.read(resolved.path, Agreement)
    towns_loaded, towns_file = sources.read(resolved.inputs[-1], MunicipalitiesFile)
    towns = towns_file.municipalities
    parties: list[Party] = resolved.context["parties"]
    problems: list[Problem] = []

    by_name = by_nfc(party.name for party in parties)
    steps: dict[str, PartyProcedure] = {}
    written: dict[str, str] = {}  # party → the key as written under procedure
    # a change's documents have numbers and dates of their own, not those of the agreement's conclusion
    field = {"変更": "change_procedure", "廃止": "abolition_procedure"}.get(action, "procedure")
    recorded = getattr(agreement, field)
    for key, step in recorded.items():
        name = by_name.get(nfc(key))
        if name is None:
            import difflib  # only for a mistake

            hint = difflib.get_close_matches(key, list(by_name.values()), n=1, cutoff=0.5)
            problems.append(
                loaded.problem(
                    (field, key),
                    (
                        _("{field}: '{key}' is not a party of this agreement (did you mean '{suggestion}'?)")
                        if hint
                        else _("{field}: '{key}' is not a party of this agreement ({parties})")
                    ).format(
                        field=field,
                        key=key,
                        suggestion=hint[0] if hint else "",
                        parties=", ".join(by_name.values()),
                    ),
                    key=True,
                )
            )
        elif name in steps:
            problems.append(
                loaded.problem(
                    (field, key),
                    _("{field}: '{key}' is written twice (as '{first}')").format(
                        field=field, key=key, first=written[name]
                    ),
                    key=True,
                )
            )
        else:
            steps[name], written[name] = step, key

    # a change or an abolition names the agreement by the title it was signed under
    subject = Subject(
        action,
        title or resolved.title,
        resolved.context["region"],
        resolved.date,
        original,
        resolved.kind,
        effective,
        by_notice,
        article,
    )
    result, issues = party_forms(subject, parties, towns, steps, mode=mode, seal=seal, today=today)
    problems += [
        loaded.problem(
            (field, written[i.party], *i.loc),
            _("{field}: {message}").format(
                field=f"{field}.{written[i.party]}.{'.'.join(i.loc)}", message=i.message
            ),
        )
        for i in issues
    ]
    if forms:
        problems += _party_problems(parties, towns, towns_loaded)
    if problems:
        raise AgreementError(problems)

    blanks = []
    for index, party in enumerate(parties):
        missing = blank_steps(steps.get(party.name))
        if resolved.kind == "teiju" and not towns[party.name].ordinance:
            missing.append(f"municipalities.{party.name}.ordinance")
        if missing:
            key = written.get(party.name)
            loc = (field, key) if key is not None else ("parties", index)
            blanks.append(
                loaded.problem(
                    loc,
                    _("{field}: blank in the forms, to fill in by hand: {blanks}").format(
                        field=f"{field}.{key or party.name}", blanks=", ".join(missing)
                    ),
                    key=key is not None,
                )
            )
    return Procedure(resolved, subject, result, blanks)


NO_PREFECTURE = N_(
    "municipalities.{name}: no 'prefecture': the notification (届出) is addressed to its governor; write "
    "prefecture: {prefecture} (or kind: prefecture for a prefecture, which notifies 総務大臣)"
)


def _prefecture_of(name: str) -> str:
    """The prefecture the national list gives a municipality (福山市 → 広島県), for a hint; 〇〇県 if none."""
    from docgen.model.national import NotInJapan, find  # only for a mistake

    try:
        return find(name).prefecture
    except NotInJapan:
        return "〇〇県"


def _party_problems(
    parties: Sequence[Party], towns: Mapping[str, Municipality], loaded: Loaded
) -> list[Problem]:
    """What the forms need of each party's entry: a prefecture, and a name that can name a file."""
    problems = []
    for party in parties:
        town = towns[party.name]
        where = ("municipalities", party.name)
        if town.kind != "prefecture" and not town.prefecture:
            problems.append(
                loaded.problem(
                    where,
                    _(NO_PREFECTURE).format(name=party.name, prefecture=_prefecture_of(party.name)),
                    key=True,
                )
            )
        bad = sorted(set(party.name) & _NOT_IN_FILE_NAMES)
        if bad or party.name.startswith(".") or len(party.name.encode("utf-8")) > 200:
            problems.append(
                loaded.problem(
                    where,
                    (
                        _(
                            "municipalities.{name}: the name cannot name the forms' files "
                            "(<name>-bill.docx): it holds {bad}"
                        )
                        if bad
                        else _(
                            "municipalities.{name}: the name cannot name the forms' files (<name>-bill.docx)"
                        )
                    ).format(name=party.name, bad=repr("".join(bad))),
                    key=True,
                )
            )
    return problems
