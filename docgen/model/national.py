"""The national list: every municipality of Japan with its prefecture and its 全国地方公共団体コード, from
``data/municipalities-jp.tsv`` (made from the japancode package's data by scripts/make_national_list.py).

``docgen new`` and ``docgen import`` check a new party's name against it and write its prefecture; it is read
only there (and for a hint in a message), never by ``docgen build``.

A name is written as the documents print it: 美祢市, or with its prefecture where a partner of another
prefecture writes it so (島根県津和野町). A name several municipalities share (府中市: 東京都 and 広島県) must
be written with its prefecture (広島県府中市).
"""

from __future__ import annotations

import functools
from importlib.resources import files
from typing import NamedTuple

from docgen.base.chars import nfc
from docgen.base.errors import UserError
from docgen.base.i18n import _


class Found(NamedTuple):
    """A municipality (or a prefecture) of the national list."""

    name: str  # as the list writes it: 府中市
    prefecture: str  # 広島県; a prefecture's own name for a prefecture
    code: str  # 全国地方公共団体コード, six digits
    kind: str = "municipality"  # or prefecture


class NotInJapan(UserError):
    """A name that is no municipality of Japan, or one several share."""


@functools.lru_cache(maxsize=1)
def _entries() -> tuple[Found, ...]:
    text = (files("docgen.model") / "data" / "municipalities-jp.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(Found(name, prefecture, code) for code, prefecture, name in rows)


@functools.lru_cache(maxsize=1)
def prefectures() -> tuple[str, ...]:
    return tuple(dict.fromkeys(entry.prefecture for entry in _entries()))


@functools.lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """Every municipality's name as a user may write it (e.g. in a form's suggestions): 周南市, and with its
    prefecture where several share the name (東京都府中市, 広島県府中市), as ``candidates`` reads them."""
    counts: dict[str, int] = {}
    for entry in _entries():
        counts[entry.name] = counts.get(entry.name, 0) + 1
    return tuple(e.name if counts[e.name] == 1 else e.prefecture + e.name for e in _entries())


def candidates(name: str) -> list[Found]:
    """The municipalities ``name`` may denote: one, several (an unprefixed name shared), or none."""
    name = nfc(name.strip())
    if name in prefectures():
        return [Found(name, name, "", "prefecture")]
    for prefecture in prefectures():
        if name.startswith(prefecture) and len(name) > len(prefecture):
            rest = name[len(prefecture) :]
            return [e for e in _entries() if e.prefecture == prefecture and e.name == rest]
    return [entry for entry in _entries() if entry.name == name]


def find(name: str, prefer: tuple[str, ...] = ()) -> Found:
    """The municipality ``name`` denotes; raises ``NotInJapan`` for a name of none (with a did-you-mean) or
    of several (naming each, asking for the prefixed form)."""
    found = candidates(name)
    if len(found) == 1:
        return found[0]
    if found:
        each = "、".join(f"{entry.prefecture}{entry.name}" for entry in found)
        raise NotInJapan(
            _(
                "'{name}' is the name of {count} municipalities ({each}): write it with its prefecture, e.g. "
                "'{first}'"
            ).format(name=name, count=len(found), each=each, first=f"{found[0].prefecture}{found[0].name}")
        )
    hint = did_you_mean(name, prefer)
    if hint:
        raise NotInJapan(
            _("'{name}' is no municipality of Japan (did you mean '{suggestion}'?)").format(
                name=name, suggestion=hint
            )
        )
    raise NotInJapan(_("'{name}' is no municipality of Japan").format(name=name))


def did_you_mean(name: str, prefer: tuple[str, ...] = ()) -> str | None:
    """The closest name of the national list (with its prefecture where several share it): by difflib's
    ratio, then by the characters in the same places (美弥市 → 美祢市 or 美馬市, not 香美市), then a name of
    ``prefer`` (the names municipalities.yaml knows) first."""
    import difflib

    name = nfc(name)
    names = [entry.name for entry in _entries()]
    prefixed = [entry.prefecture + entry.name for entry in _entries()]
    for pool in (names, prefixed):
        close = difflib.get_close_matches(name, pool, n=10, cutoff=0.6)
        if close:

            def score(other: str) -> tuple[float, int, bool]:
                same = sum(a == b for a, b in zip(name, other, strict=False))
                known = other in prefer or any(p.endswith(other) for p in prefer)
                return (difflib.SequenceMatcher(None, name, other).ratio(), same, known)

            best = max(close, key=score)
            if pool is names and names.count(best) > 1:
                return prefixed[names.index(best)]
            return best
    return None
