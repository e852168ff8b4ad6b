"""Text fields read without compiling (docgen/base/quick.py) print what Jinja prints, and anything the small
grammar does not read is left to Jinja."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.base.printed import Party
from docgen.base.quick import render_quick
from docgen.model.context import References
from docgen.model.fields import _text_environment

PARTIES = [
    Party(
        label="甲",
        name="山口市",
        address="山口市亀山町2番1号",
        title="山口市長",
        head="渡辺純忠",
        role="central",
    ),
    Party(
        label="乙",
        name="美祢市",
        address="美祢市大嶺町東分326番地1",
        title="美祢市長",
        head="西岡晃",
        role="partner",
    ),
    Party(
        label="丙",
        name="萩市",
        address="萩市大字江向510番地",
        title="萩市長",
        head="藤道健二",
        role="partner",
    ),
]
CONTEXT = {
    "parties": PARTIES,
    "others": PARTIES[1:],
    "centrals": PARTIES[:1],
    "party": PARTIES[0],
    "ref": References({"purpose": "第1条", "roles": "第3条"}),
}
PRINTS = [
    "{{ parties | join_ja }}",
    "{{parties|join_ja}}",
    '{{ parties | join_ja("{name}（以下「{label}」という。）") }}',
    "{{ parties | join_ja('{title}') }}",
    "{{ parties | length }}",
    "{{ others | join_ja }}",
    "{{ centrals | join_ja('{name}') }}",
    "{{ party }}",
    "{{ party.name }}",
    "{{ ref.roles }}",
]
NOT_QUICK = [
    "{{ parties[0].name }}",  # an index
    "{{ partys | join_ja }}",  # undefined: Jinja says so
    "{{ ref.nothing }}",  # no such article: Jinja says so
    "{{ party.nmae }}",  # no such attribute
    "{{ parties | join_ja('{nam}') }}",  # join_ja refuses the pattern: Jinja reports it
    "{{ parties | upper }}",  # another filter
    "{{ parties | length(2) }}",
    "{% if true %}x{% endif %}",
    "{# note #}",
    "{{- parties | join_ja }}",
    "{{ parties | join_ja('a\\nb') }}",  # an escape
    "{{ party.__class__ }}",
    "{{ ''.__class__ }}",
    "{{ x",
    "{{ parties }}",  # a list: Jinja refuses to print it as Python writes it (docgen.base.printable)
    "{{ ref }}",
]


def jinja(source: str) -> str:
    return _text_environment().from_string(source).render(**CONTEXT)


@pytest.mark.parametrize("source", PRINTS)
def test_a_simple_print_is_what_jinja_prints(source: str) -> None:
    text = f"前{source}後、{source}。"
    assert render_quick(text, CONTEXT, _text_environment()) == jinja(text)


@pytest.mark.parametrize("source", NOT_QUICK)
def test_anything_else_is_left_to_jinja(source: str) -> None:
    assert render_quick(f"前{source}後", CONTEXT, _text_environment()) is None


def test_plain_text_and_braces_that_are_no_print() -> None:
    for text in ("", "本協約書2通", "a } b }} c { d", "{ name }", "%} #}"):
        assert render_quick(text, CONTEXT, _text_environment()) == jinja(text)


@given(
    st.lists(
        st.one_of(
            st.sampled_from(PRINTS + NOT_QUICK),
            st.text(alphabet=st.sampled_from("甲乙、。「」{}%#| ab'\"\n\u3000"), max_size=8),
        ),
        max_size=6,
    )
)
def test_whatever_it_reads_it_prints_as_jinja_does(pieces: list[str]) -> None:
    source = "".join(pieces)
    quick = render_quick(source, CONTEXT, _text_environment())
    if quick is not None:
        assert quick == jinja(source)
