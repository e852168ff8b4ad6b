"""The amending agreement's and the 新旧対照表's templates: the committed .docx files are what
templates/make_amendment_templates.py builds, part for part, so that the script stays their source."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("kind", ["amendment", "comparison"])
def test_the_committed_template_is_what_the_script_builds(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "templates"))
    monkeypatch.delitem(sys.modules, "make_template", raising=False)
    import make_amendment_templates

    built = parts(make_amendment_templates.build(kind))
    committed = parts((ROOT / "templates" / f"{kind}.docx").read_bytes())
    assert sorted(built) == sorted(committed)
    for name in built:
        assert built[name] == committed[name], name
