"""The guide's generated reference pages are what scripts/reference.py writes today: every field of the
schema with its description, and every command's help. Run `python scripts/reference.py` after a change."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def reference_module():
    spec = importlib.util.spec_from_file_location("reference", ROOT / "scripts" / "reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_reference_pages_are_current() -> None:
    stale = [
        path.relative_to(ROOT).as_posix()
        for path, text in reference_module().pages().items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "stale: run python scripts/reference.py"


def test_the_schema_page_lists_every_field_with_its_description() -> None:
    for page in ("schema.md", "schema.en.md"):
        text = (ROOT / "docs" / "reference" / page).read_text(encoding="utf-8")
        for kind in ("agreement", "region", "municipalities"):
            schema = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
            for node in [schema, *schema.get("$defs", {}).values()]:
                for name, field in node.get("properties", {}).items():
                    description = " ".join(field["description"].split()).replace("|", "\\|")
                    assert f"| `{name}` |" in text and description in text, (page, kind, name)


def test_the_command_page_shows_each_commands_options() -> None:
    text = (ROOT / "docs" / "reference" / "cli.en.md").read_text(encoding="utf-8")
    for command in ("build", "check", "amend", "new", "import", "schema"):
        assert f"## `docgen {command}`" in text
    assert "| `--output, -o DIR` | folder to write into (default: output/) |" in text
    assert "| `--seal` | print 印 after each head's name, where the seal goes |" in text
