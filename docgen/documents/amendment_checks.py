"""What ``docgen amend`` refuses or warns about before it writes an amendment, in the user's language: OLD and
NEW that cannot be paired, options and dates that cannot be, changes no 改め文 of docgen expresses, and
literal references a renumbering leaves naming another article. Apart from ``documents.amendment``, which
builds the documents, so that each stays short enough to read at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docgen.amend.references import Stale
from docgen.base.errors import AmendmentError, UserError, display
from docgen.base.i18n import N_, _
from docgen.base.patterns import regex
from docgen.model.literal_references import LiteralReferences
from docgen.model.resolved import Resolved, agreement_files

_ARTICLE = regex(r"第(\d+)条")  # the article a stale reference's provision is in
# the parts of an agreement outside its articles that no 改め文 of docgen amends, by their context key
_UNAMENDED = (
    (
        "front",
        N_(
            "the paragraphs before the preamble changed: docgen writes no 改め文 for that, write this "
            "amendment by hand"
        ),
    ),
    ("supplementary", N_("附則 changed: docgen writes no 改め文 for that, write this amendment by hand")),
    (
        "back",
        N_(
            "the paragraphs after the signatures changed: docgen writes no 改め文 for that, write this "
            "amendment by hand"
        ),
    ),
)


def pair_agreements(old: Path, new: Path) -> tuple[list[tuple[Path, Path]], list[Path], list[Path]]:
    """The agreement files of OLD and NEW that are the same agreement: two files, or the files of two folders
    with the same path below them. Returns the pairs, the files only in OLD and those only in NEW."""
    for message, path in (
        (N_("{file}: no such file or folder (OLD)"), old),
        (N_("{file}: no such file or folder (NEW)"), new),
    ):
        if not path.exists():
            raise UserError(_(message).format(file=display(path)))
    if old.is_dir() != new.is_dir():
        raise UserError(
            _("{old} and {new}: OLD and NEW are both agreement files or both folders of agreements").format(
                old=display(old), new=display(new)
            )
        )
    if not old.is_dir():
        return [(old, new)], [], []
    olds = {path.relative_to(old): path for path in agreement_files([old])}
    news = {path.relative_to(new): path for path in agreement_files([new])}
    pairs = [(olds[name], news[name]) for name in news if name in olds]
    if not pairs:
        raise UserError(
            _(
                "no agreement of {old} is in {new}: agreements are matched by their path below the folders "
                "given (give both as the folder that holds the regions, e.g. old/agreements and agreements)"
            ).format(old=display(old), new=display(new))
        )
    return pairs, [olds[name] for name in olds if name not in news], [news[n] for n in news if n not in olds]


def check_options(
    *, date: dt.date | None, effective: dt.date | None, mode: str, marks: bool, style: str
) -> None:
    """Refuse options that cannot go together, before any file is read."""
    if style == "table" and not marks:
        raise UserError(
            _(
                "--blank-sides and --style table do not go together: the table's sentence adds the "
                "provisions whose old side reads 「（新設）」 and deletes those whose new side reads "
                "「（削る）」"
            )
        )
    if date is None and mode != "draft":
        raise UserError(
            _(
                "the amendment's signing date is missing: give --date YYYY-MM-DD (only --mode draft may "
                "leave it blank)"
            )
        )
    if date is not None and effective is not None and effective < date:
        raise UserError(
            _("the amendment takes effect ({effective}) before it is signed ({date})").format(
                effective=effective.isoformat(), date=date.isoformat()
            )
        )


def check_amendable(old: Resolved, new: Resolved, date: dt.date | None, effective: dt.date | None) -> None:
    """Raise ``AmendmentError`` when ``old`` cannot become ``new`` by an amendment docgen writes."""
    names = [party.name for party in old.context["parties"]]
    if names != [party.name for party in new.context["parties"]]:
        raise AmendmentError(
            _(
                "the parties differ ({before} → {after}): an amendment changes the text between the same "
                "parties; a party that joins or leaves makes a new agreement"
            ).format(before="、".join(names), after="、".join(party.name for party in new.context["parties"]))
        )
    assert old.date is not None  # resolved as final
    for day, message in (
        (date, N_("the amendment signed on {day}, before the agreement was signed ({signed})")),
        (effective, N_("the amendment takes effect on {day}, before the agreement was signed ({signed})")),
    ):
        if day is not None and day < old.date:
            raise AmendmentError(_(message).format(day=day.isoformat(), signed=old.date.isoformat()))
    for key, message in _UNAMENDED:
        if old.context.get(key, []) != new.context.get(key, []):
            raise AmendmentError(_(message))


def stale_message(reference: Stale) -> str:
    """A literal reference that the amendment leaves naming another article or 項 (or a deleted one)."""
    if reference.meant is None:
        message = _(
            "{provision}: 「{written}」 is printed as before, but the provision it named is deleted by this "
            "amendment: write what it means instead"
        )
    elif reference.paragraph:
        message = _(
            "{provision}: 「{written}」 is printed as before and now names another provision; the one it "
            "named is now {meant}: write 「{meant}」"
        )
    elif reference.key:
        message = _(
            "{provision}: 「{written}」 is printed as before and now names another article; the one it named "
            "is now {meant}: write {{{{ ref.{key} }}}} to name it, which follows renumbering, or 「{meant}」"
        )
    else:
        message = _(
            "{provision}: 「{written}」 is printed as before and now names another article; the one it named "
            "is now {meant}: give that article an id and name it by {{{{ ref.<id> }}}}, which follows "
            "renumbering, or write 「{meant}」"
        )
    return message.format(
        provision=reference.provision, written=reference.written, meant=reference.meant, key=reference.key
    )


def in_file(file: Path, message: str) -> str:
    return _("{file}: {message}").format(file=display(file), message=message)


def stale_warning(message: str, files: list[Path]) -> str:
    """A stale reference told once for the agreements it is in."""
    if len(files) == 1:
        return _("{message} ({file})").format(message=message, file=display(files[0]))
    return _("{message} ({count} agreements)").format(message=message, count=len(files))


def stale_place(after: Resolved, reference: Stale, files: LiteralReferences) -> tuple[str, bool]:
    """``stale_message`` of ``reference`` at the ``file:line:column`` of the text that holds it in NEW (read
    through ``files``), and True; or the message alone and False, when its place is not found (then each
    agreement is named)."""
    message = stale_message(reference)
    number = _ARTICLE.match(reference.provision)
    place = files.written_at(after, int(number.group(1)), reference.written, message) if number else None
    return (str(place), True) if place is not None else (message, False)
