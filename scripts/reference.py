"""Write the guide's generated reference pages: docs/reference/schema.md and cli.md, each with an .en.md twin.

    python scripts/reference.py           write them
    python scripts/reference.py --check   exit 1 (naming the stale pages) if the committed ones differ

schema.md lists every field of the three YAML files from schema/*.json with its description; cli.md is
`docgen --help` and each command's `--help`, as a user sees them (run with the page's language in LANG, so
that translated help lands on the Japanese page by itself once docgen speaks Japanese). The help is parsed
into tables rather than pasted: argparse wraps and aligns it differently from one Python version to the next
("-o DIR, --output DIR" became "-o, --output DIR" in 3.13), and a table of the same facts does not move.
tests/test_reference_pages.py fails while a committed page is stale.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from unicodedata import east_asian_width

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ("agreement", "region", "municipalities")
FILES = {
    "agreement": ("agreements/<region>/<name>.yaml", "協約ファイル"),
    "region": ("agreements/<region>/region.yaml", "地域ファイル"),
    "municipalities": ("agreements/municipalities.yaml", "団体ファイル"),
}
LANG = {"ja": "ja_JP.UTF-8", "en": "C.UTF-8"}

WORDS = {
    "ja": {
        "field": "項目",
        "type": "型",
        "required": "必須",
        "description": "説明",
        "yes": "必須",
        "no": "",
        "string": "文字列",
        "jinja": "文字列（Jinja）",
        "integer": "整数",
        "boolean": "真偽値",
        "date": "日付",
        "list": "{item} のリスト",
        "mapping": "{value} の対応表",
        "one of": "{values} のいずれか",
        "or": " または ",
        "keys": "キー",
        "argument": "引数・オプション",
    },
    "en": {
        "field": "field",
        "type": "type",
        "required": "required",
        "description": "description",
        "yes": "yes",
        "no": "",
        "string": "text",
        "jinja": "text (Jinja)",
        "integer": "integer",
        "boolean": "true/false",
        "date": "date",
        "list": "list of {item}",
        "mapping": "mapping to {value}",
        "one of": "one of {values}",
        "or": " or ",
        "keys": "keys",
        "argument": "argument or option",
    },
}

SCHEMA_INTRO = {
    "ja": """# YAML の項目一覧

<!-- scripts/reference.py が schema/*.json から作るページです。手で編集しないでください。 -->

docgen が読む 3 種類の YAML ファイルの、すべての項目とその説明です。
`docgen schema`（`docgen schema region`、`docgen schema municipalities`）が出力する
JSON Schema と同じ内容で、エディタの補完（各 YAML ファイルの 1 行目）もこれを使います。
説明文はスキーマに書かれた英語のままです（docgen のメッセージが日本語になるときに訳されます）。
「Jinja」と書いた項目だけが `{{ parties | join_ja }}` のような Jinja を使えます
（[サンドボックスの制限](sandbox.md)）。
""",
    "en": """# The YAML fields

<!-- Written by scripts/reference.py from schema/*.json; do not edit by hand. -->

Every field of the three YAML files docgen reads, with its description: the JSON Schema `docgen schema`
(`docgen schema region`, `docgen schema municipalities`) prints, which editors use for completion (the first
line of each YAML file). Only the fields marked Jinja may use Jinja such as `{{ parties | join_ja }}`
([the sandbox's limits](sandbox.md)).
""",
}

CLI_INTRO = {
    "ja": """# コマンド一覧

<!-- scripts/reference.py が `docgen --help` と各コマンドの `--help` から作るページです。
手で編集しないでください。 -->

`docgen --help` と各コマンドの `docgen COMMAND --help` が表示する内容です。
""",
    "en": """# The commands

<!-- Written by scripts/reference.py from `docgen --help` and each command's `--help`;
do not edit by hand. -->

What `docgen --help` and each command's `docgen COMMAND --help` print.
""",
}


# --- schema -------------------------------------------------------------------------------------------


def type_of(node: dict, lang: str, anchors: dict[str, str]) -> str:
    words = WORDS[lang]
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{anchors[name]})"
    if "anyOf" in node:
        kinds = [type_of(option, lang, anchors) for option in node["anyOf"] if option.get("type") != "null"]
        return words["or"].join(kinds)
    if "enum" in node:
        return words["one of"].format(values=", ".join(f"`{value}`" for value in node["enum"]))
    if "const" in node:
        return f"`{node['const']}`"
    kind = node.get("type")
    if kind == "array":
        return words["list"].format(item=type_of(node.get("items", {}), lang, anchors))
    if kind == "object":
        value = node.get("additionalProperties")
        if isinstance(value, dict):
            text = words["mapping"].format(value=type_of(value, lang, anchors))
            names = node.get("propertyNames", {}).get("enum")
            if names:
                text += f" ({words['keys']}: {', '.join(f'`{name}`' for name in names)})"
            return text
        return "object"
    if kind == "string":
        if node.get("format") == "jinja":
            return words["jinja"]
        if node.get("format") == "date":
            return words["date"]
        return words["string"]
    if kind in ("integer", "boolean"):
        return words[kind]
    if isinstance(kind, list):
        return words["or"].join(words.get(k, k) for k in kind if k != "null")
    return kind or ""


def cell(text: str) -> str:
    """A table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def field_table(node: dict, lang: str, anchors: dict[str, str]) -> Iterator[str]:
    words = WORDS[lang]
    required = set(node.get("required", []))
    yield f"| {words['field']} | {words['type']} | {words['required']} | {words['description']} |"
    yield "|---|---|---|---|"
    for name, field in node.get("properties", {}).items():
        yes = words["yes"] if name in required else words["no"]
        kind = cell(type_of(field, lang, anchors))
        yield f"| `{name}` | {kind} | {yes} | {cell(field.get('description', ''))} |"


def schema_page(lang: str) -> str:
    lines = [SCHEMA_INTRO[lang]]
    for kind in SCHEMAS:
        schema = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        path, name_ja = FILES[kind]
        heading = f"{name_ja}（`{path}`）" if lang == "ja" else f"The {kind} file (`{path}`)"
        anchors = {name: f"{kind}-{name.lower()}" for name in schema.get("$defs", {})}
        lines += [f"## {heading} {{#{kind}}}", "", cell(schema.get("description", "")), ""]
        lines += [*field_table(schema, lang, anchors), ""]
        for name, node in schema.get("$defs", {}).items():
            lines += [f"### {name} {{#{anchors[name]}}}", ""]
            if node.get("description"):
                lines += [cell(node["description"]), ""]
            if node.get("properties"):
                lines += [*field_table(node, lang, anchors), ""]
            else:
                lines += [f"{WORDS[lang]['type']}: {cell(type_of(node, lang, anchors))}", ""]
    return "\n".join(lines).rstrip() + "\n"


# --- command line -------------------------------------------------------------------------------------


def docgen_command() -> list[str]:
    script = shutil.which("docgen", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "docgen"]


def help_text(args: list[str], lang: str) -> str:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANGUAGE"))}
    env.update(LANG=LANG[lang], COLUMNS="100", NO_COLOR="1")
    result = subprocess.run(
        [*docgen_command(), *args, "--help"], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    return result.stdout


SECTION = re.compile(r"^(\S[^:]*):$")


def parse_help(text: str) -> tuple[str, str, list[tuple[str, list[tuple[str, str]]]]]:
    """argparse's help as (usage, description, [(section, [(invocation, help)])]); wrapped lines joined."""
    blocks = text.rstrip("\n").split("\n\n")
    usage = " ".join(blocks[0].split())
    description: list[str] = []
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for block in blocks[1:]:
        lines = block.split("\n")
        match = SECTION.match(lines[0])
        if not match:  # the description, or an epilog
            description.append(block)
            continue
        entries: list[tuple[str, str]] = []
        for line in lines[1:]:
            stripped = line.strip()
            indent = len(line) - len(line.lstrip())
            # an entry starts at 2 spaces (4 for a command under COMMAND); its wrapped help goes deeper
            if indent <= 4:
                parts = re.split(r"\s{2,}", stripped, maxsplit=1)
                invocation = normalize_invocation(parts[0])
                entries.append((invocation, parts[1] if len(parts) > 1 else ""))
            else:
                invocation, help_ = entries[-1]
                entries[-1] = (invocation, joined(help_, stripped))
        sections.append((match.group(1), entries))
    return usage, "\n\n".join(description), sections


def joined(text: str, more: str) -> str:
    """A help text and its wrapped next line: with a space, but none between two Japanese characters (docgen
    wraps Japanese help anywhere, not at spaces)."""
    if text and more and east_asian_width(text[-1]) in "WF" and east_asian_width(more[0]) in "WF":
        return text + more
    return f"{text} {more}".strip()


def normalize_invocation(invocation: str) -> str:
    """'-o DIR, --output DIR' (Python before 3.13) and '-o, --output DIR' (3.13) both as the latter."""
    forms = [form.strip() for form in invocation.split(", ")]
    metavars = {form.split(" ", 1)[1] for form in forms if " " in form}
    if len(forms) > 1 and len(metavars) == 1:
        metavar = metavars.pop()
        names = [form.split(" ", 1)[0] for form in forms]
        return f"{', '.join(names)} {metavar}"
    return invocation


def commands(text: str) -> list[str]:
    """The command names listed by `docgen --help`."""
    names = []
    for _, entries in parse_help(text)[2]:
        for invocation, _ in entries:
            if re.fullmatch(r"[a-z][a-z-]*", invocation):
                names.append(invocation)
    return names


def help_section(args: list[str], lang: str, level: str) -> list[str]:
    usage, description, sections = parse_help(help_text(args, lang))
    title = " ".join(["docgen", *args])
    anchor = "-".join(["docgen", *args])
    out = [f"{level} `{title}` {{#{anchor}}}", "", "```text", usage, "```", ""]
    if description:
        out += ["```text", description, "```", ""]
    for name, entries in sections:
        if name in ("commands", "コマンド") or not entries:  # listed by their own sections
            continue
        out += [
            f"**{name}**",
            "",
            f"| {WORDS[lang]['argument']} | {WORDS[lang]['description']} |",
            "|---|---|",
        ]
        out += [f"| `{cell(invocation)}` | {cell(help_)} |" for invocation, help_ in entries]
        out.append("")
    return out


def cli_page(lang: str) -> str:
    top = help_text([], lang)
    lines = [CLI_INTRO[lang], *help_section([], lang, "##")]
    for command in commands(top):
        lines += help_section([command], lang, "##")
    return "\n".join(lines).rstrip() + "\n"


# --- pages --------------------------------------------------------------------------------------------


def pages() -> dict[Path, str]:
    reference = ROOT / "docs" / "reference"
    out = {}
    for lang, suffix in (("ja", ".md"), ("en", ".en.md")):
        out[reference / f"schema{suffix}"] = schema_page(lang)
        out[reference / f"cli{suffix}"] = cli_page(lang)
    return out


def main(argv: list[str]) -> int:
    stale = []
    for path, text in pages().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if "--check" in argv:
            stale.append(path.relative_to(ROOT).as_posix())
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT).as_posix()}")
    if stale:
        print(f"stale: {', '.join(stale)}; run python scripts/reference.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
