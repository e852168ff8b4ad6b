"""``docgen.base.named``: a ``Named`` class behaves as the namedtuple it replaced, where docgen needs it."""

from __future__ import annotations

import copy
import pickle

import pytest

from docgen.base.denote import Reference
from docgen.base.errors import Problem
from docgen.base.named import Named
from docgen.word.grid import Grid


def test_fields_unpack_compare_and_hash_as_a_tuple() -> None:
    problem = Problem("a.yaml", 3, None, "bad")
    file, line, column, message = problem
    assert (file, line, column, message) == ("a.yaml", 3, None, "bad")
    assert (problem.file, problem.line, problem.column, problem.message) == ("a.yaml", 3, None, "bad")
    assert problem == ("a.yaml", 3, None, "bad") and hash(problem) == hash(("a.yaml", 3, None, "bad"))
    assert {problem: 1}[Problem("a.yaml", 3, None, "bad")] == 1
    assert Problem._fields == ("file", "line", "column", "message")
    assert str(problem) == "a.yaml:3: bad"  # its own __str__ stays


def test_defaults_keywords_and_repr_that_reads_back() -> None:
    grid = Grid((1, 2), 3, source="<g/>")
    assert grid.width_source == "" and grid.landscape_width is None
    assert repr(grid) == "Grid(widths=(1, 2), width=3, source='<g/>', width_source='', landscape_width=None)"
    assert eval(repr(grid), {"Grid": Grid}) == grid  # docgen/word/compiled/ is written with this repr
    assert grid._replace(width=5) == Grid((1, 2), 5, "<g/>") and type(grid._replace()) is Grid
    assert grid._asdict() == {
        "widths": (1, 2),
        "width": 3,
        "source": "<g/>",
        "width_source": "",
        "landscape_width": None,
    }
    with pytest.raises(TypeError):
        grid._replace(height=1)


def test_immutable_without_a_dict_and_pickled_copied_as_itself() -> None:
    reference = Reference(0, 2, "前条", frozenset({(0, None)}))
    assert reference.antecedent is None and reference.relative
    with pytest.raises(AttributeError):
        reference.start = 1  # type: ignore[misc]
    with pytest.raises(AttributeError):
        reference.other = 1  # type: ignore[attr-defined]
    for again in (pickle.loads(pickle.dumps(reference)), copy.deepcopy(reference), copy.copy(reference)):
        assert again == reference and type(again) is Reference


def test_a_class_whose_new_does_not_match_its_fields_is_refused() -> None:
    with pytest.raises(TypeError, match="must take exactly its fields"):

        class Swapped(Named):
            a: int
            b: int

            def __new__(cls, b: int, a: int) -> Swapped:
                return tuple.__new__(cls, (a, b))

    with pytest.raises(TypeError, match="must take exactly its fields"):

        class Missing(Named):
            a: int

    with pytest.raises(TypeError, match="default belongs in __new__"):

        class Defaulted(Named):
            a: int = 0

            def __new__(cls, a: int = 0) -> Defaulted:
                return tuple.__new__(cls, (a,))
