"""The 別表 amended in place (#21), over the printed text (``docgen.amend``): random changes of rows, titles
and a table of text, each read back by the tests' own reader (``kaibun_reader``) to the new text, and the
sentences both readers refuse. The documents a user gets are tested in test_amend_rules."""

from __future__ import annotations

from dataclasses import replace

import pytest
from amend_region import context
from hypothesis import given
from hypothesis import strategies as st
from kaibun_reader import read
from test_amend_core import edited_text

from docgen.amend import Amendment, amend
from docgen.amend.kaibun import Sentence
from docgen.amend.text import Appendix, Row, Table, Version, version_from_context
from docgen.amend.verify import check
from docgen.base.errors import AmendmentCheckError

OLD = version_from_context(context())
KANA = "アイウエオカキクケコサシスセソタチツテト"
TABLE = Table(
    "別表第2",
    (
        ("区分", "内容", "備考"),
        ("ア", "医療の連携", "連携する"),
        ("イ", "教育の連携", "連携する"),
        ("ウ", "福祉の連携", "連携する"),
        ("エ", "交通の連携", "連携する"),
        ("オ", "防災の連携", "連携する"),
    ),
)
WITH_TABLE = replace(OLD, appendices=(*OLD.appendices, TABLE))


def amended(old: Version, new: Version) -> Amendment:
    """The amendment, checked by docgen and by the tests' own reader."""
    amendment = amend(old, new, follow=False)
    assert read(old, amendment.sentences) == new
    return amendment


def texts(amendment: Amendment) -> list[str]:
    return [s.text for s in amendment.sentences]


def relabelled(rows: list[Row]) -> tuple[Row, ...]:
    return tuple(replace(row, label=KANA[k]) for k, row in enumerate(rows))


@st.composite
def edited_appendix(draw: st.DrawFn) -> tuple[Version, int]:
    """OLD with up to three changes to its 別表: rows deleted or added anywhere in a sub-field (the rows
    after them relabelled ア, イ, …), a row's text, a field's or sub-field's title; and how many."""
    appendix = OLD.appendix
    assert isinstance(appendix, Appendix)
    fields = [[field_, list(field_.groups)] for field_ in appendix.fields]
    count = draw(st.integers(1, 3))
    for _ in range(count):
        f = draw(st.integers(0, len(fields) - 1))
        field_, groups = fields[f]
        g = draw(st.integers(0, len(groups) - 1))
        group = groups[g]
        rows = list(group.rows)
        action = draw(st.sampled_from(["delete", "add", "text", "title"]))
        if action == "delete" and len(rows) > 1:
            del rows[draw(st.integers(0, len(rows) - 1))]
        elif action == "add":
            text = draw(edited_text("地域のデジタル化に取り組む。"))
            rows.insert(draw(st.integers(0, len(rows))), Row("", "デジタル化の推進", text, rows[0].roles))
        elif action == "text":
            at = draw(st.integers(0, len(rows) - 1))
            rows[at] = replace(rows[at], text=draw(edited_text(rows[at].text)))
        elif group.title is not None and draw(st.booleans()):
            group = replace(group, title=draw(edited_text(group.title)))
        else:
            fields[f][0] = replace(field_, title=draw(edited_text(field_.title)))
        groups[g] = replace(group, rows=relabelled(rows))
    new = replace(appendix, fields=tuple(replace(f, groups=tuple(g)) for f, g in fields))
    return replace(OLD, appendices=(new,)), count


@given(edited_appendix())
def test_random_appendix_changes_read_back_to_the_new_text(edited: tuple[Version, int]) -> None:
    new, _ = edited
    if new == OLD:
        return
    amendment = amended(OLD, new)
    if texts(amendment) != ["別表を次のように改める。"]:
        assert all(not s.appendix for s in amendment.sentences)


@given(st.integers(0, 4), st.sampled_from(["delete", "add", "text"]), st.integers(0, 5))
def test_one_change_of_rows_is_made_in_place(group_at: int, action: str, at: int) -> None:
    appendix = OLD.appendix
    assert isinstance(appendix, Appendix)
    where = [(f, g) for f, field_ in enumerate(appendix.fields) for g in range(len(field_.groups))]
    f, g = where[group_at % len(where)]
    group = appendix.fields[f].groups[g]
    rows = list(group.rows)
    at %= len(rows) + (action == "add")
    if action == "delete" and len(rows) > 1:
        del rows[at]
    elif action == "add":
        rows.insert(at, Row("", "デジタル化の推進", "地域のデジタル化に取り組む。", rows[0].roles))
    else:
        rows[at % len(rows)] = replace(rows[at % len(rows)], text="地域の交流に努める。")
    groups = list(appendix.fields[f].groups)
    groups[g] = replace(group, rows=relabelled(rows))
    fields = list(appendix.fields)
    fields[f] = replace(fields[f], groups=tuple(groups))
    new = replace(OLD, appendices=(replace(appendix, fields=tuple(fields)),))
    if new == OLD:
        return
    amendment = amended(OLD, new)
    assert len(amendment.sentences) == 1
    assert not amendment.sentences[0].appendix, texts(amendment)


@st.composite
def edited_table(draw: st.DrawFn) -> Version:
    """WITH_TABLE with up to two of its rows' cells changed, rows deleted or rows added (a row's first
    cell kept, or all rows' first cells relabelled ア, イ… after)."""
    rows = list(TABLE.rows)
    for n in range(draw(st.integers(1, 2))):
        at = draw(st.integers(1, len(rows) - 1))
        action = draw(st.sampled_from(["delete", "add", "text"]))
        if action == "delete" and len(rows) > 2:
            del rows[at]
        elif action == "add":
            rows.insert(
                draw(st.integers(1, len(rows))), (f"新{n}", draw(edited_text("観光の連携")), "連携する")
            )
        else:
            cell = draw(st.integers(1, 2))
            cells = list(rows[at])
            cells[cell] = draw(edited_text(cells[cell]))
            rows[at] = tuple(cells)
    if draw(st.booleans()):  # the rows' first cells ordinals again, ア, イ…: rows after a change relabelled
        rows = [rows[0], *((KANA[k], *cells[1:]) for k, cells in enumerate(rows[1:]))]
    return replace(WITH_TABLE, appendices=(OLD.appendices[0], replace(TABLE, rows=tuple(rows))))


@given(edited_table())
def test_random_table_of_text_changes_read_back_to_the_new_text(new: Version) -> None:
    if new == WITH_TABLE:
        return
    amendment = amended(WITH_TABLE, new)
    # a table of text is named 別表第2 here, and its rows by their first cells
    for sentence in texts(amendment):
        assert sentence.startswith("別表第2"), sentence


def test_a_table_of_text_relabelled_when_its_first_row_is_deleted_and_rows_added_at_two_places() -> None:
    header, *rows = TABLE.rows
    new = replace(TABLE, rows=(header, *((KANA[k], *cells[1:]) for k, cells in enumerate(rows[1:]))))
    amendment = amended(WITH_TABLE, replace(WITH_TABLE, appendices=(OLD.appendices[0], new)))
    assert texts(amendment) == [
        "別表第2のアの項を削り、同表のイの項を同表のアの項とし、同表のウの項を同表のイの項とし、"
        "同表のエの項を同表のウの項とし、同表のオの項を同表のエの項とする。"
    ]
    # a row before ア and one after エ: the rows moved down from the back, the second place its own sentence
    x, y = ("新", "観光の連携", "連携する"), ("終", "環境の連携", "連携する")
    moved = tuple((KANA[k + 1], *cells[1:]) for k, cells in enumerate(rows))
    new = replace(TABLE, rows=(header, x, *moved[:4], y, moved[4]))
    amendment = amended(WITH_TABLE, replace(WITH_TABLE, appendices=(OLD.appendices[0], new)))
    assert texts(amendment) == [
        "別表第2のオの項を同表のカの項とし、同表のエの項を同表のオの項とし、同表のウの項を同表のエの項とし、"
        "同表のイの項を同表のウの項とし、同表のアの項を同表のイの項とし、同表のイの項の前に次のように加える。",
        "別表第2のオの項の次に次のように加える。",
    ]
    assert [s.cells for s in amendment.sentences] == [(x,), (y,)]


def test_a_row_added_at_the_head_and_one_deleted_in_another_sub_field() -> None:
    appendix = OLD.appendix
    assert isinstance(appendix, Appendix)
    first, second, third = appendix.fields
    head = Row("", "デジタル化の推進", "地域のデジタル化に取り組む。", first.groups[0].rows[0].roles)
    one = replace(first.groups[0], rows=relabelled([head, *first.groups[0].rows]))
    two = replace(second.groups[0], rows=relabelled(list(second.groups[0].rows[1:])))
    new = replace(
        appendix,
        fields=(
            replace(first, groups=(one,)),
            replace(second, groups=(two,)),
            third,
        ),
    )
    amendment = amended(OLD, replace(OLD, appendices=(new,)))
    assert texts(amendment) == [
        "別表1の項オを同表1の項カとし、同表1の項エを同表1の項オとし、同表1の項ウを同表1の項エとし、"
        "同表1の項イを同表1の項ウとし、同表1の項アを同表1の項イとし、同表1の項イの前に次のように加える。",
        "別表2の項アを削り、同表2の項イを同表2の項アとし、同表2の項ウを同表2の項イとし、"
        "同表2の項エを同表2の項ウとする。",
    ]


def test_rows_added_at_three_places_and_one_deleted_in_one_sub_field() -> None:
    # 1の項 ア–オ: a row before ア, イ deleted, a row after ウ and one after オ: the deletion and the
    # relabelling (up from the front, down from the back) in the first sentence with the first run of rows,
    # each further run in a sentence of its own after the row now before it
    appendix = OLD.appendix
    assert isinstance(appendix, Appendix)
    first = appendix.fields[0]
    a, _, c, d, e = first.groups[0].rows
    roles = a.roles
    x, y, z = (Row("", item, "地域の課題に取り組む。", roles) for item in ("デジタル化", "脱炭素化", "防災"))
    one = replace(first.groups[0], rows=relabelled([x, a, c, y, d, e, z]))
    new = replace(appendix, fields=(replace(first, groups=(one,)), *appendix.fields[1:]))
    amendment = amended(OLD, replace(OLD, appendices=(new,)))
    assert texts(amendment) == [
        "別表1の項イを削り、同表1の項オを同表1の項カとし、同表1の項エを同表1の項オとし、"
        "同表1の項アを同表1の項イとし、同表1の項イの前に次のように加える。",
        "別表1の項ウの次に次のように加える。",
        "別表1の項カの次に次のように加える。",
    ]
    assert [[row.label for row in s.rows] for s in amendment.sentences] == [["ア"], ["エ"], ["キ"]]


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        ("別表第2のカの項を削る。", "カの項 names 0 rows"),
        ("別表第1の1の項を削る。", "1の項 names a field, not a row"),
        ("別表第2の区分の項中「内容」を「事項」に改め、同表キの項を削る。", "キの項 names 0 rows"),
        ("別表第1の1の項中「1　圏域全体」を「2　圏域全体」に改める。", "the label 「1」 is changed"),
        ("別表第1の9の項中「圏域」を「地域」に改める。", "there is no 9の項"),
        ("別表第1の内容の欄中「内容」を「事業」に改める。", "there is no 内容の欄"),
        ("別表第1の取組の欄中「ア　経済戦略」を「戦略」に改める。", "the label 「ア」 is changed"),
        ("別表第1の1の項アの前に次のように加える。", "no rows follow to add"),
        ("別表第1の1の項アを同表のイの項とする。", "relabelled within its own field"),
    ],
)
def test_sentences_both_readers_refuse(sentence: str, message: str) -> None:
    with pytest.raises(AmendmentCheckError, match=message):
        check(WITH_TABLE, WITH_TABLE, [Sentence(sentence)])
    with pytest.raises(AssertionError):
        read(WITH_TABLE, [Sentence(sentence)])


def test_quotes_that_would_chain_are_not_written() -> None:
    # イ 教育 deleted and ウ 観光 added after 福祉, which moves up to イ: the rows paired by position, the
    # quotes 「教育」を「福祉」に、「福祉」を「観光」に would turn the 福祉 just put in into 観光 (docgen
    # stopped with an internal error); now not quoted so, and the sentences read back to the new table
    header, a, b, c, d, e = TABLE.rows
    new = replace(TABLE, rows=(header, a, ("イ", *c[1:]), ("ウ", "観光の連携", "連携する"), d, e))
    amendment = amended(WITH_TABLE, replace(WITH_TABLE, appendices=(OLD.appendices[0], new)))
    assert "「福祉」を「観光」に" not in "".join(texts(amendment))
