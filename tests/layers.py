"""docgen's import graph, read from the source: which module imports which (imports inside functions
count), and what breaks the layers.

The layers, lowest first; a module may import its own layer and the layers below it, never one above:

    base < amend < model < word < office < documents < importer < web, commands < the top (cli, the API)

A layer is a subpackage of ``docgen`` (``docgen/model/…`` is ``model``); the modules directly in ``docgen/``
are the top. ``tests/test_layers.py`` runs these checks on docgen and on small trees made to break them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

LAYERS = {
    "base": 0,
    "amend": 1,
    "model": 2,
    "word": 3,
    "office": 4,
    "documents": 5,
    "importer": 6,
    "web": 7,
    "commands": 8,
    "top": 9,
}
MAX_LINES = 600
# written by python -m docgen.word.compile_ahead, python -m docgen.commands.screens_ahead and
# python -m docgen.base.patterns_ahead
GENERATED = ("word/compiled/", "commands/screens_data.py", "base/patterns_data.py")


@dataclass
class Graph:
    root: Path  # the package folder (docgen/)
    name: str = "docgen"
    modules: dict[str, Path] = field(default_factory=dict)
    edges: dict[str, set[str]] = field(default_factory=dict)
    private: list[str] = field(default_factory=list)  # "a imports b._name (file:line)"


def module_name(root: Path, path: Path, package: str = "docgen") -> str:
    parts = [package, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str, package: str = "docgen") -> str:
    parts = module.split(".")
    if len(parts) <= 2:
        inner = parts[1] if len(parts) == 2 else ""
        # a subpackage's own __init__ (docgen.model) belongs to it; a module in docgen/ to the top
        return inner if inner in LAYERS and inner != "top" else "top"
    return parts[1] if parts[1] in LAYERS else "top"


def read(root: Path, package: str = "docgen") -> Graph:
    graph = Graph(root, package)
    for path in sorted(root.rglob("*.py")):
        graph.modules[module_name(root, path, package)] = path
    for module, path in graph.modules.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if _ours(a.name, package))
            elif isinstance(node, ast.ImportFrom):
                source = _absolute(module, is_package, node)
                if not _ours(source, package):
                    continue
                for alias in node.names:
                    submodule = f"{source}.{alias.name}"
                    if submodule in graph.modules:
                        targets.add(submodule)
                        continue
                    targets.add(source)
                    # `_` is gettext's translation function (docgen.base.i18n), public by that convention
                    private = alias.name.startswith("_") and not alias.name.startswith("__")
                    private = private and alias.name != "_"
                    if private and source != module:
                        graph.private.append(f"{module} imports {source}.{alias.name} ({path}:{node.lineno})")
        graph.edges[module] = {t for t in targets if t != module and t in graph.modules}
    return graph


def _ours(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def upward(graph: Graph) -> list[str]:
    """Imports of a layer above the importing module's, or of a sibling layer of the same rank."""
    wrong = []
    for module, targets in sorted(graph.edges.items()):
        mine = layer(module, graph.name)
        for target in sorted(targets):
            theirs = layer(target, graph.name)
            if theirs != mine and LAYERS[theirs] >= LAYERS[mine]:
                wrong.append(f"{module} ({mine}) imports {target} ({theirs})")
    return wrong


def circles(graph: Graph) -> list[list[str]]:
    """The import circles: strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph.edges):
        if node not in index:
            visit(node)
    return found


def long_modules(graph: Graph) -> Iterator[str]:
    for path in sorted(graph.modules.values()):
        relative = path.relative_to(graph.root).as_posix()
        if relative.startswith(GENERATED):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            yield f"{relative}: {lines} lines"
