"""``docgen check`` on docgen's own template uses docxtpl-lint's work done ahead (docgen/word/compiled/):
the same findings as running the linter, on the region's agreements and on contexts made to fail its data
rules, without importing the linter, lxml or the amendment code."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.documents.batch import resolve_all
from docgen.documents.templates import shipped_template
from docgen.model.resolved import Resolved
from docgen.word import ahead, lint
from docgen.word.template import CompiledTemplate

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "renkei-kyoyaku.docx"


@pytest.fixture(scope="module")
def region() -> list[Resolved]:
    return resolve_all([ROOT / "agreements"])


def findings(resolved: list[Resolved], *, done_ahead: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled = CompiledTemplate(TEMPLATE)
    with monkeypatch.context() as patch:
        if not done_ahead:
            patch.setattr(ahead, "lint", lambda package: None)
        return [str(error) for error in lint.lint_template(compiled, resolved)]


def changed(item: Resolved, edit) -> Resolved:
    context = copy.deepcopy(item.context)
    edit(context)
    return Resolved(path=item.path, region=item.region, context=context, title=item.title, date=item.date)


def test_the_shipped_template_is_linted_ahead() -> None:
    assert ahead.lint(TEMPLATE.read_bytes()) is not None
    assert ahead.lint(TEMPLATE.read_bytes() + b"\0") is None  # other bytes: the linter runs at the check


def test_the_region_gives_no_findings_either_way(
    region: list[Resolved], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert findings(region, done_ahead=True, monkeypatch=monkeypatch) == []
    assert findings(region, done_ahead=False, monkeypatch=monkeypatch) == []


def _without(key: str):
    return lambda context: context.pop(key)


def _none(key: str):
    return lambda context: context.__setitem__(key, None)


def _number(key: str):
    return lambda context: context.__setitem__(key, 3)


@pytest.mark.parametrize(
    "edit",
    [_without("title"), _without("parties"), _without("appendices"), _none("articles"), _number("front")],
    ids=["no-title", "no-parties", "no-appendices", "articles-null", "front-number"],
)
def test_findings_on_broken_contexts_are_the_linters_own(
    region: list[Resolved], edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = [changed(item, edit) for item in region[:2]]
    fast = findings(broken, done_ahead=True, monkeypatch=monkeypatch)
    slow = findings(broken, done_ahead=False, monkeypatch=monkeypatch)
    assert fast == slow
    assert fast, "a context made to fail the linter's data rules must give findings"


def test_check_imports_neither_the_linter_nor_the_amendment_code(tmp_path: Path) -> None:
    script = (
        "import sys, json\n"
        "from docgen.cli import main\n"
        f"status = main(['check', {str(ROOT / 'agreements')!r}])\n"
        "print(json.dumps([status, sorted(sys.modules)]))\n"
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    status, modules = json.loads(shown.stdout.splitlines()[-1])
    assert status == 0, shown.stderr
    assert "docxtpl_lint" not in modules and "lxml" not in modules
    assert not [name for name in modules if name.startswith("docgen.amend")]
    assert shipped_template().read_bytes() == TEMPLATE.read_bytes()
