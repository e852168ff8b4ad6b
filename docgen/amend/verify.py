"""The check that nothing wrong is written: the 改め文, read back by docgen's applier (``apply``) and applied
to the old text, must give the new text, provision by provision."""

from __future__ import annotations

from collections.abc import Sequence

from docgen.amend.apply import apply
from docgen.amend.diff import appendix_parts
from docgen.amend.kaibun import Sentence
from docgen.amend.text import Article, Version, appendix_name, article_number
from docgen.base.errors import AmendmentCheckError
from docgen.base.i18n import _


def check(old: Version, new: Version, sentences: Sequence[Sentence]) -> None:
    """Raise ``AmendmentCheckError`` naming the first provision where ``sentences`` applied to ``old`` differ
    from ``new`` (articles' keys aside: they are not printed)."""
    result = apply(old, sentences)
    difference = first_difference(result, new)
    if difference is not None:
        provision, got, want = difference
        raise AmendmentCheckError(
            provision=provision,
            message=_(
                "the 改め文 applied to the old text give 「{got}」, but the new text is 「{want}」"
            ).format(got=got, want=want),
        )


def first_difference(a: Version, b: Version) -> tuple[str, str, str] | None:
    """The first printed provision where ``a`` and ``b`` differ: (its name, its text in a, in b)."""
    if a.title != b.title:
        return "題名", a.title, b.title
    if a.preamble != b.preamble:
        return "前文", a.preamble, b.preamble
    for number in range(1, max(len(a.articles), len(b.articles)) + 1):
        name = article_number(number)
        if number > len(a.articles) or number > len(b.articles):
            present = a if number <= len(a.articles) else b
            shown = "\n".join(present.articles[number - 1].all_texts())
            return name, *((shown, "") if present is a else ("", shown))
        x, y = a.articles[number - 1], b.articles[number - 1]
        if x.caption != y.caption:
            return f"{name}の見出し", x.caption or "", y.caption or ""
        for k in range(max(len(x.paragraphs), len(y.paragraphs))):
            p = _printed_paragraph(x, k)
            q = _printed_paragraph(y, k)
            if p != q:
                return f"{name}第{k + 1}項", p, q
    if len(a.appendices) != len(b.appendices):
        return "別表", f"{len(a.appendices)} 別表", f"{len(b.appendices)} 別表"
    count = len(a.appendices)
    for index, (x, y) in enumerate(zip(a.appendices, b.appendices, strict=True)):
        if x == y:
            continue
        name = appendix_name(index, count)
        ours, theirs = appendix_parts(x, name), appendix_parts(y, name)
        for k in range(max(len(ours), len(theirs))):
            p = "\t".join(ours[k].cells) if k < len(ours) else ""
            q = "\t".join(theirs[k].cells) if k < len(theirs) else ""
            if p != q:
                return (ours[k] if k < len(ours) else theirs[k]).label, p, q
        return name, repr(x), repr(y)  # equal parts, unequal otherwise (a table's header_rows)
    return None


def _printed_paragraph(article: Article, k: int) -> str:
    """A 項 (from 0) as printed: its label, text and items, one a line ("" when there is none)."""
    if k >= len(article.paragraphs):
        return ""
    lines = [f"{article.labels[k]}\u3000{article.paragraphs[k]}" if k else article.paragraphs[k]]
    lines += [f"{item.label}\u3000{item.text}" for item in article.items[k]]
    return "\n".join(lines)
