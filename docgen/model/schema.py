"""JSON Schemas of the YAML files, for editors: completion, descriptions and checking while typing.

``docgen schema`` prints the schema of an agreement file (``docgen schema region`` and
``docgen schema municipalities`` the others). The repository keeps them in ``schema/``, where the YAML files'
first line points an editor with yaml-language-server at them::

    # yaml-language-server: $schema=../../schema/agreement.schema.json

``python -m docgen.model.schema schema`` writes the three files again after a change of
``docgen/model/records.py``; a test checks that the committed files equal what the models give.

The schemas come from the records (``docgen/model/records.py``) that docgen itself checks files with, so an
editor and ``docgen check`` agree on what a file may contain. What only docgen can check (that a municipality
exists, that a head is in office on the date, that a Jinja text renders) is not in them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from docgen.model.records import Agreement, MunicipalitiesFile, Region
from docgen.model.spec import Record, record_schema

KINDS: dict[str, tuple[type[Record], str]] = {
    "agreement": (Agreement, "One agreement: its region, date and parties, and any wording of its own."),
    "region": (Region, "A region's shared text: title, preamble, articles, closing and 別表 (region.yaml)."),
    "municipalities": (
        MunicipalitiesFile,
        "Each municipality once: address, head's title, heads with the day each term began "
        "(municipalities.yaml).",
    ),
}
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(kind: str = "agreement") -> dict[str, Any]:
    """The JSON Schema of one kind of file: ``agreement``, ``region`` or ``municipalities``."""
    record, description = KINDS[kind]
    defs: dict[str, Any] = {}
    generated = record_schema(record, defs)
    # "$schema" first, so that a reader (and an editor) knows the dialect before anything else
    return {
        "$schema": DIALECT,
        "$id": file_name(kind),
        "title": f"docgen {kind} file",
        "description": description
        + " Text fields marked (Jinja) (format 'jinja') may use Jinja in a sandbox, e.g. "
        "{{ parties | join_ja }}.",
        **({"$defs": dict(sorted(defs.items()))} if defs else {}),
        **{key: value for key, value in generated.items() if key != "description"},
    }


def schema_text(kind: str = "agreement") -> str:
    """The schema as the committed file holds it: indented JSON, Japanese kept as it is, a final newline."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def write_schemas(folder: Path) -> list[Path]:
    """Write every kind's schema into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / file_name(kind)
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "schema")):
        print(f"wrote {written_path}")
