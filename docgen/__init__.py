"""docgen: Japanese inter-municipal agreements (連携協約) as Word documents, from YAML.

>>> import docgen
>>> data = docgen.render("agreements/yamaguchi-kenou/mine.yaml")   # .docx bytes, nothing written
>>> docgen.build(["agreements"], "output")                         # every agreement, written to output/
>>> docgen.abolish(["agreements/yamaguchi-kenou/mine.yaml"], "output", date=datetime.date(2026, 3, 31))
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which `docgen --help` does not need
__version__ = "0.1.0"
__all__ = ["__version__", "abolish", "build", "render"]

if TYPE_CHECKING:
    from typing import Any

    from docgen.documents.abolition_notice import abolish
    from docgen.documents.batch import build, render


def __getattr__(name: str) -> Any:
    # the public API is imported on first use, so that `import docgen` (and the CLI's start) stays cheap
    if name in ("render", "build"):
        from docgen.documents import batch as module

        return getattr(module, name)
    if name == "abolish":
        from docgen.documents.abolition_notice import abolish

        return abolish
    raise AttributeError(f"module 'docgen' has no attribute {name!r}")
