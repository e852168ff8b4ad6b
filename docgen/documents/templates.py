"""Where docgen's Word templates are, and each compiled once per process: the agreement template and the
form templates that every document module of this layer renders.

A template in ``templates/`` of the current folder wins over the one docgen ships (package data of
``docgen.templates``).
"""

from __future__ import annotations

import functools
from pathlib import Path

from docgen.base.errors import display
from docgen.word.template import CompiledTemplate, read_package

TEMPLATE_NAME = "renkei-kyoyaku.docx"


def default_template(name: str = TEMPLATE_NAME) -> Path:
    """``templates/<name>`` in the current folder, else the one docgen ships (``shipped_template``)."""
    local = Path("templates") / name
    return local if local.is_file() else shipped_template(name)


def shipped_template(name: str = TEMPLATE_NAME) -> Path:
    """The template docgen ships: package data of ``docgen.templates`` (the repository's ``templates/``
    in a checkout, ``docgen/templates/`` in an installed wheel)."""
    from importlib.util import find_spec

    # installed from a wheel or a checkout, the package is a folder: its resources are files with a path.
    # Its spec says where (as importlib.resources.files would, without importing its nine modules on every
    # cold build)
    spec = find_spec("docgen.templates")
    assert spec is not None and spec.submodule_search_locations is not None  # part of docgen
    return Path(next(iter(spec.submodule_search_locations))) / name


def load_template(path: Path | None = None) -> CompiledTemplate:
    """The template at ``path`` (default: ``default_template()``), compiled.

    The file is read every time; it is compiled again only when its bytes differ from a template compiled
    before in this process (a long-running process sees every edit; nothing is kept between processes).
    """
    path = path or default_template()
    shown = display(path)
    return _compiled(read_package(path, shown), path, shown)


@functools.lru_cache(maxsize=4)
def _compiled(package: bytes, path: Path, shown: str) -> CompiledTemplate:
    return CompiledTemplate(path, display_path=shown, package=package)
