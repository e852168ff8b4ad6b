"""Party and article references: the region's texts as Jinja that serves any partner.

Where the text names the parties — a join (甲及び乙, 福山市及び三原市, 熊本市長及び山鹿市長), a party's
name or its head's title, a definition (山口市（以下「甲」という。）), the number of originals
(本協約書2通) — the importer writes a reference (``{{ parties | join_ja }}``, ``{{ parties[1].name }}``,
``{{ parties | length }}``), so that the region's text prints another partner's name. A label alone
(甲が、乙の) stays as written: labels follow the parties' order and read the same for every partner.
Names inside fixed text stay literal: a list of the region's members (福山市、三原市、尾道市…及び井原市),
and a name that is part of a longer word (飯田市立病院). References to the document's own articles
(第3条) become ``{{ ref.<id> }}``. Everything else is literal text, with ``{{``, ``{%`` and ``{#``
escaped so that it prints as written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from docgen.base.i18n import N_
from docgen.base.patterns import regex

KINDS = {
    "join": N_("joins of the parties (甲及び乙, 福山市及び三原市, 熊本市長及び山鹿市長)"),
    "definition": N_("the parties' definitions (山口市（以下「甲」という。）…)"),
    "name": N_("a party's name"),
    "title": N_("a party's head's title (山口市長)"),
    "originals": N_("the number of originals (本協約書2通)"),
    "article": N_("references to articles (第3条)"),
    "role": N_("role wording in the 別表 (乙と連携…)"),
    "role header": N_("role headers in the 別表 (甲の役割)"),
    "signature": N_("signature blocks"),
    "cover": N_("the parties' names on the cover"),
}
KEPT = N_("member lists and place names kept as written")

_CONNECTORS = ("若しくは", "並びに", "及び", "又は", "、", "と")
_CJK = regex(r"[\u4e00-\u9fff\u3400-\u4dbf\u30a1-\u30fa\u30fc-\u30ff々〆]")  # not ・
_LABEL_NEXT = "及並又若"  # a label may stand before these words: 甲及び乙
_ORIGINALS = regex(r"(本(?:連携)?(?:協約|協定)書)([0-9]+)(通)")
# a 第２条 typed with full-width digits is a reference too
_ARTICLE_REF = regex(r"第([0-9０-９]+)条(?!の[0-9０-９])")
_MUNICIPALITY = r"[^\s\u3000、。，,（）()「」及並又・]{1,10}?[市町村]"
_MEMBER_LIST = regex(rf"{_MUNICIPALITY}(?:、{_MUNICIPALITY})+(?:(?:及び|並びに){_MUNICIPALITY})?")
_BETWEEN_MEMBERS = regex(r"、|及び|並びに")
_JINJA_OPENER = regex(r"\{[{%#]")


@dataclass(frozen=True)
class PartyRef:
    index: int
    label: str
    name: str
    title: str
    central: bool = False


@dataclass
class _Mention:
    start: int
    end: int
    kind: str  # label, name, title, definition
    party: int
    open: str = ""  # a definition's parentheses, as written
    close: str = ""


def escape(text: str) -> str:
    """Literal text as a Jinja source that prints it unchanged: {{, {% and {# are written as expressions."""
    return _JINJA_OPENER.sub(lambda m: "{{ '" + m.group() + "' }}", text)


class References:
    """Turns the document's texts into Jinja with references; counts what it replaced, by kind."""

    def __init__(self, parties: list[PartyRef], article_ids: dict[int, str]) -> None:
        self.parties = parties
        self.article_ids = article_ids
        self.counts: Counter[str] = Counter()
        self.kept = 0
        self.kept_texts: list[str] = []  # the member lists kept as written, each where it was met

    # --- texts of the region -----------------------------------------------------------------------------

    def text(self, source: str) -> str:
        """A region text (preamble, article, closing, 別表 title …) as Jinja with references."""
        protected = self._protected(source)
        mentions = self._mentions(source, protected)
        out: list[str] = []
        at = 0
        for start, end, jinja in self._replacements(source, mentions, protected):
            out.append(escape(source[at:start]))
            out.append(jinja)
            at = end
        out.append(escape(source[at:]))
        return "".join(out)

    def role(self, source: str, column: int) -> str:
        """Role wording in the column of ``parties[column]``: the other parties it names become ``others``
        (in a central city's column) or ``centrals`` (in a partner's), the party itself ``party``."""
        mentions = [m for m in self._mentions(source, []) if m.kind in ("label", "name")]
        me = self.parties[column]
        others = [p.index for p in self.parties if p.index != column]
        centrals = [p.index for p in self.parties if p.central and p.index != column]
        out: list[str] = []
        at = 0
        changed = False
        for group in _groups(source, mentions):
            indexes = [m.party for m in group]
            kind = group[0].kind
            fmt = "" if kind == "label" else '("{name}")'
            if indexes == [column]:
                jinja = "{{ party }}" if kind == "label" else "{{ party.name }}"
            elif indexes == centrals and not me.central and _join_form(source, group):
                jinja = f"{{{{ centrals | join_ja{fmt} }}}}"
            elif indexes == others and _join_form(source, group):
                jinja = f"{{{{ others | join_ja{fmt} }}}}"
            else:
                for mention in group:
                    out.append(escape(source[at : mention.start]))
                    field = "" if kind == "label" else ".name"
                    out.append(f"{{{{ parties[{mention.party}]{field} }}}}")
                    at = mention.end
                changed = True
                continue
            out.append(escape(source[at : group[0].start]))
            out.append(jinja)
            at = group[-1].end
            changed = True
        out.append(escape(source[at:]))
        if changed:
            self.counts["role"] += 1
        return "".join(out)

    def count(self, kind: str, n: int = 1) -> None:
        self.counts[kind] += n

    # --- finding mentions -------------------------------------------------------------------------------

    def _protected(self, source: str) -> list[tuple[int, int]]:
        """Spans of fixed text: lists of three or more municipalities that name others than the parties."""
        spans = []
        names = {p.name for p in self.parties}
        for match in _MEMBER_LIST.finditer(source):
            members = _BETWEEN_MEMBERS.split(match.group())
            if len(members) >= 3 and any(member not in names for member in members):
                spans.append(match.span())
                if any(member in names for member in members):
                    self.kept += 1
                    self.kept_texts.append(match.group())
        return spans

    def _mentions(self, source: str, protected: list[tuple[int, int]]) -> list[_Mention]:
        found: list[_Mention] = []
        at = 0
        while at < len(source):
            span = next((s for s in protected if s[0] <= at < s[1]), None)
            if span is not None:
                at = span[1]
                continue
            mention = self._mention_at(source, at)
            if mention is None:
                at += 1
                continue
            found.append(mention)
            at = mention.end
        return found

    def _mention_at(self, source: str, at: int) -> _Mention | None:
        before = source[at - 1] if at else ""
        if before and _CJK.match(before):
            return None
        for party in self.parties:
            # a definition: 山口市（以下「甲」という。）
            for open_, close in (("（", "）"), ("(", ")")):
                definition = f"{party.name}{open_}以下「{party.label}」という。{close}"
                if source.startswith(definition, at):
                    end = at + len(definition)
                    return _Mention(at, end, "definition", party.index, open_, close)
        for kind, attribute in (("title", "title"), ("name", "name")):
            for party in sorted(self.parties, key=lambda p: -len(getattr(p, attribute))):
                word = getattr(party, attribute)
                if word and source.startswith(word, at) and _ends_word(source, at + len(word), kind):
                    return _Mention(at, at + len(word), kind, party.index)
        for party in self.parties:
            if source.startswith(party.label, at):
                after = source[at + 1 : at + 2]
                if not after or not _CJK.match(after) or after in _LABEL_NEXT:
                    return _Mention(at, at + 1, "label", party.index)
        return None

    def _replacements(self, source: str, mentions: list[_Mention], protected: list[tuple[int, int]]):
        """(start, end, Jinja) for every part of the text that becomes a reference, in order."""
        result: list[tuple[int, int, str]] = []
        for group in _groups(source, mentions):
            kind = group[0].kind
            indexes = [m.party for m in group]
            same_parens = len({(m.open, m.close) for m in group}) == 1
            if (
                len(group) == len(self.parties) > 1
                and indexes == list(range(len(self.parties)))
                and _join_form(source, group)
                and same_parens
            ):
                fmt = {
                    "label": "",
                    "name": '("{name}")',
                    "title": '("{title}")',
                    "definition": f'("{{name}}{group[0].open}以下「{{label}}」という。{group[0].close}")',
                }[kind]
                result.append((group[0].start, group[-1].end, f"{{{{ parties | join_ja{fmt} }}}}"))
                self.counts["definition" if kind == "definition" else "join"] += 1
                continue
            for mention in group:
                if mention.kind == "label":
                    continue  # a label reads the same for every partner
                if mention.kind == "definition":
                    jinja = (
                        f"{{{{ parties[{mention.party}].name }}}}{mention.open}以下「"
                        f"{self.parties[mention.party].label}」という。{mention.close}"
                    )
                    self.counts["definition"] += 1
                else:
                    jinja = f"{{{{ parties[{mention.party}].{mention.kind} }}}}"
                    self.counts[mention.kind] += 1
                result.append((mention.start, mention.end, jinja))
        for match in _ORIGINALS.finditer(source):
            if int(match.group(2)) == len(self.parties) and not _inside(match.start(), protected):
                result.append((match.start(2), match.end(2), "{{ parties | length }}"))
                self.counts["originals"] += 1
        for match in _ARTICLE_REF.finditer(source):
            number = int(match.group(1))
            before = source[match.start() - 1] if match.start() else ""
            if (
                number in self.article_ids
                and before not in "法令綱則）)号"
                and not _inside(match.start(), protected)
            ):
                result.append((match.start(), match.end(), f"{{{{ ref.{self.article_ids[number]} }}}}"))
                self.counts["article"] += 1
        result.sort()
        # a reference never overlaps another (mentions, originals and article numbers are disjoint)
        return result


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in spans)


_NAME_ENDS = "はがのをにとへでもや及並又若、。，,（）()「」・"


def _ends_word(source: str, end: int, kind: str) -> bool:
    """Whether a name ends a word here: 福山市が, 福山市及び, but not 飯田市立病院."""
    if end >= len(source):
        return True
    after = source[end]
    if kind == "name" and after == "長":
        return False  # 山口市長 is a title, read as one
    return after in _NAME_ENDS or not _CJK.match(after) and not after.isalnum()


def _groups(source: str, mentions: list[_Mention]) -> list[list[_Mention]]:
    """Mentions of one kind joined by connectors (及び, 、, 並びに, と, 又は), as groups."""
    groups: list[list[_Mention]] = []
    for mention in mentions:
        if groups:
            last = groups[-1][-1]
            between = source[last.end : mention.start]
            if last.kind == mention.kind and between in _CONNECTORS:
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def _join_form(source: str, group: list[_Mention]) -> bool:
    """Whether the connectors are join_ja's: A及びB, A、B及びC."""
    connectors = [source[a.end : b.start] for a, b in zip(group, group[1:], strict=False)]
    if not connectors:
        return True
    return connectors == ["、"] * (len(connectors) - 1) + ["及び"]
