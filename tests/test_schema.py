"""``docgen schema`` and the committed JSON Schemas in schema/, which the YAML files' modelines point at."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from docgen.cli import main
from docgen.model.loader import load_yaml
from docgen.model.schema import KINDS, schema_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schema"
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def committed(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


def as_editor_sees(value: Any) -> Any:
    """YAML data as yaml-language-server checks it: a date is text (YAML 1.2 has no date type)."""
    if isinstance(value, dict):
        return {key: as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def problems(kind: str, data: Any) -> list[str]:
    validator = Draft202012Validator(committed(kind), format_checker=Draft202012Validator.FORMAT_CHECKER)
    return sorted(error.message for error in validator.iter_errors(as_editor_sees(data)))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_committed_schemas_are_up_to_date(kind: str) -> None:
    path = SCHEMAS / f"{kind}.schema.json"
    assert path.read_text(encoding="utf-8") == schema_text(kind), (
        f"{path} is stale: run `python -m docgen.model.schema schema` after changing docgen/model/records.py"
    )


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_committed_schemas_are_valid_json_schema(kind: str) -> None:
    schema = committed(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False  # a misspelt key is flagged in the editor too


def test_docgen_schema_prints_the_agreement_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == (SCHEMAS / "agreement.schema.json").read_text(encoding="utf-8")
    assert main(["schema", "region"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "docgen region file"
    assert main(["schema", "regoin"]) == 2
    assert "'regoin' is not one of 'agreement', 'region', 'municipalities'" in capsys.readouterr().err


def repository_yaml_files() -> list[Path]:
    return sorted((ROOT / "agreements").rglob("*.yaml"))


@pytest.mark.parametrize("path", repository_yaml_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_repository_files_point_at_their_schema_and_pass_it(path: Path) -> None:
    kind = {"region.yaml": "region", "municipalities.yaml": "municipalities"}.get(path.name, "agreement")
    match = MODELINE.match(path.read_text(encoding="utf-8").split("\n", 1)[0])
    assert match, f"{path.name}: the first line should be the yaml-language-server modeline"
    assert (path.parent / match.group(1)).resolve() == (SCHEMAS / f"{kind}.schema.json").resolve()
    assert problems(kind, load_yaml(path).data) == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"region": "yamaguchi-kenou", "date": dt.date(2017, 3, 30), "partys": ["山口市", "美祢市"]},
            [
                "'parties' is a required property",
                "Additional properties are not allowed ('partys' was unexpected)",
            ],
        ),
        (
            {"region": "yamaguchi-kenou", "date": "2017-02-30", "parties": ["山口市", "美祢市"]},
            ["'2017-02-30' is not valid under any of the given schemas"],  # a date, or empty
        ),
        (
            {
                "region": "../etc",
                "date": dt.date(2017, 3, 30),
                "parties": ["山口市", {"name": "美祢市", "role": "x"}],
            },
            [
                "'../etc' does not match '^[A-Za-z0-9][A-Za-z0-9_-]*$'",
                "{'name': '美祢市', 'role': 'x'} is not valid under any of the given schemas",
            ],
        ),
        ({"region": "a", "date": dt.date(2017, 3, 30), "parties": ["山口市"]}, ["['山口市'] is too short"]),
    ],
    ids=["misspelt-key", "impossible-date", "bad-region-and-role", "one-party"],
)
def test_the_schema_catches_mistakes_in_an_editor(data: dict[str, Any], expected: list[str]) -> None:
    assert problems("agreement", data) == sorted(expected)


# --- the schema explains itself ----------------------------------------------------------------------------


def _properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every property of every record in a schema, with its path."""
    found = []
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            found.append((f"{path}.{name}", value))
        for key, value in node.items():
            found += _properties(value, f"{path}/{key}" if key not in ("properties",) else path)
    elif isinstance(node, list):
        for item in node:
            found += _properties(item, path)
    return found


def _takes_jinja(node: Any) -> bool:
    """Whether a property's own schema (not the records it refers to) holds text of format jinja."""
    if isinstance(node, list):
        return any(_takes_jinja(item) for item in node)
    return isinstance(node, dict) and (
        node.get("format") == "jinja" or any(_takes_jinja(value) for value in node.values())
    )


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_says_what_it_is_with_an_example(kind: str) -> None:
    properties = _properties(json.loads(schema_text(kind)))
    assert properties
    for path, schema in properties:
        description = schema.get("description", "")
        assert "e.g." in description, f"{kind}{path}: {description!r}"
        # one word for the fields that take Jinja, in the schema as in region.yaml's comment
        assert ("(Jinja)" in description) == _takes_jinja(schema), f"{kind}{path}: {description!r}"


def test_the_region_file_names_jinja_fields_as_the_schema_does() -> None:
    comment = (ROOT / "agreements/yamaguchi-kenou/region.yaml").read_text(encoding="utf-8").split("\nid:")[0]
    assert 'Text fields marked "(Jinja)" in `docgen schema`' in comment
    assert "(Jinja)" in json.loads(schema_text("region"))["description"]
