"""docgen's layers hold: no import circle, no layer imported from below, no private name imported across
modules, no module over 600 lines — read from the source (tests/layers.py), and shown to fail on trees made
to break each rule."""

from __future__ import annotations

from pathlib import Path

import layers
import pytest

DOCGEN = Path(__file__).resolve().parent.parent / "docgen"


@pytest.fixture(scope="module")
def graph() -> layers.Graph:
    return layers.read(DOCGEN)


def test_every_module_is_in_a_known_layer(graph: layers.Graph) -> None:
    folders = {path.relative_to(DOCGEN).parts[0] for path in graph.modules.values() if path.parent != DOCGEN}
    assert folders <= set(layers.LAYERS), "a new subpackage needs its place in tests/layers.py LAYERS"


def test_no_import_circles(graph: layers.Graph) -> None:
    assert layers.circles(graph) == []


def test_layers_import_only_layers_below_them(graph: layers.Graph) -> None:
    assert layers.upward(graph) == []


def test_no_private_name_crosses_modules(graph: layers.Graph) -> None:
    assert graph.private == []


def test_no_module_over_600_lines(graph: layers.Graph) -> None:
    assert list(layers.long_modules(graph)) == []


def test_each_subpackage_says_what_it_holds_and_may_import() -> None:
    for init in sorted(DOCGEN.glob("*/__init__.py")):
        if init.parent.name == "compiled":
            continue
        text = init.read_text(encoding="utf-8")
        assert "May import" in text, f"{init.relative_to(DOCGEN.parent)} does not say what it may import"


# --- the checks fail where they should -----------------------------------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> layers.Graph:
    root = tmp_path / "docgen"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return layers.read(root)


def test_an_upward_import_inside_a_function_is_found(tmp_path: Path) -> None:
    graph = _tree(
        tmp_path,
        {
            "base/__init__.py": "",
            "base/ja.py": "def f():\n    from docgen.documents.batch import build\n",
            "documents/__init__.py": "",
            "documents/batch.py": "from docgen.base import ja\n",
        },
    )
    assert layers.upward(graph) == ["docgen.base.ja (base) imports docgen.documents.batch (documents)"]
    assert layers.circles(graph) == [["docgen.base.ja", "docgen.documents.batch"]]


def test_a_circle_within_a_layer_is_found(tmp_path: Path) -> None:
    graph = _tree(
        tmp_path,
        {
            "word/__init__.py": "",
            "word/ahead.py": "from . import template\n",
            "word/template.py": "def f():\n    from .ahead import find\n",
        },
    )
    assert layers.upward(graph) == []
    assert layers.circles(graph) == [["docgen.word.ahead", "docgen.word.template"]]


def test_the_web_app_may_not_reach_up_to_the_commands(tmp_path: Path) -> None:
    web_up = _tree(
        tmp_path / "up",
        {"web/__init__.py": "import docgen.commands.serve\n", "commands/serve.py": ""},
    )
    assert layers.upward(web_up) == ["docgen.web (web) imports docgen.commands.serve (commands)"]
    commands_down = _tree(
        tmp_path / "down",
        {"commands/__init__.py": "from docgen.web import app\n", "web/__init__.py": "", "web/app.py": ""},
    )
    assert layers.upward(commands_down) == []


def test_a_private_name_and_a_long_module_are_found(tmp_path: Path) -> None:
    graph = _tree(
        tmp_path,
        {
            "model/__init__.py": "",
            "model/loader.py": "_BAD = 1\n" + "x = 1\n" * 600,
            "model/agreement.py": "from docgen.model.loader import _BAD\n",
        },
    )
    assert len(graph.private) == 1 and "docgen.model.loader._BAD" in graph.private[0]
    assert list(layers.long_modules(graph)) == ["model/loader.py: 601 lines"]
