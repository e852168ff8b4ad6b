"""Write ``docgen/word/compiled/``: docgen's own templates compiled ahead (``python -m
docgen.word.compile_ahead``, run when a shipped template or the compiling code changes).

What the files hold and when they are used is ``docgen.word.ahead``; this module only writes them, so that
compiling (``docgen.word.template``, which reads them) never imports the code that writes them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.base.output import spans
from docgen.word.ahead import FOLDER, NOTICE, TEMPLATES, key, linter_key
from docgen.word.lint import IGNORED_RULES
from docgen.word.template import CompiledTemplate


def files(templates: Path) -> dict[str, str]:
    """The files of ``docgen/word/compiled/`` for the templates in ``templates``, by name."""
    index = {}
    written: dict[str, str] = {}
    for file in TEMPLATES:
        path = templates / file
        package = path.read_bytes()
        compiled = CompiledTemplate(path, package=package, ahead=False)
        module = file.removesuffix(".docx").replace("-", "_")
        rows = []
        for count, (name, part) in enumerate(compiled.parts.items(), start=1):
            code = f"{module}_{count}"
            # the first line carries the notice: a line added above would move every line Jinja's
            # debug_info names
            first, rest = compiled.env.compile(part.source, name, raw=True).split("\n", 1)
            written[f"{code}.py"] = f"{first}  # {NOTICE}\n{rest}\n"
            grids, pages = tuple(part.tables.grids), tuple(part.tables.pages)
            rows.append(f"    ({name!r}, {code!r}, {part.source!r}, {grids!r}, {pages!r}),")
        where = spans(package)
        entries = [f"    {span!r}," for span in where or ()]
        written[f"{module}.py"] = "\n".join(
            [
                f'"""{file}, compiled: {NOTICE}."""',
                "",
                "from docgen.word.grid import Grid, Page",
                "",
                "PARTS = (",
                *rows,
                ")",
                "",
                "# the zip's entries: name, method, crc, size, where their compressed bytes start and end",
                *(["ENTRIES = None"] if where is None else ["ENTRIES = (", *entries, ")"]),
                "# docProps/core.xml cut at the values docgen sets (docgen.word.wordxml.CoreTemplate)",
                f"CORE = {compiled.core.pieces if compiled.core is not None else None!r}",
                "",
                "# docxtpl-lint's findings that no data can change, and the data paths it checks against the",
                "# agreements' contexts (docgen.word.lint): `docgen check` need not import the linter",
                f"LINT = {_lint(package, compiled)!r}",
                "",
            ]
        )
        index[key(package)] = module
    entries = "".join(f"    {k!r}: {v!r},\n" for k, v in index.items())
    docstring = f'"""docgen\'s templates compiled ahead of time (docgen.word.ahead): {NOTICE}."""'
    written["__init__.py"] = f"{docstring}\n\nTEMPLATES = {{\n{entries}}}\n"
    return written


def _lint(package: bytes, compiled: CompiledTemplate) -> tuple[object, ...] | None:
    """What docxtpl-lint finds in the template before any data, and what it would check in the data.

    As ``docxtpl_lint.lint`` does (2.x): the tags of each part, their analysis, the uses of data paths not
    guarded by ``is defined`` or ``default`` (each path once) and the paths looped over. None when the
    template switches rules off or suppresses a finding in place: then the linter runs at ``docgen check``.
    """
    import io

    import docxtpl_lint
    from docxtpl_lint import core

    static = docxtpl_lint.lint(package, jinja_env=compiled.env, autoescape=True, ignore=IGNORED_RULES).issues
    paragraphs = list(core.iter_paragraphs(io.BytesIO(package)))
    tags: list[core.Tag] = []
    for part in dict.fromkeys(p.part for p in paragraphs):
        tags.extend(core.scan_tags("", [p for p in paragraphs if p.part == part], []))
    if core.disabled_rules(tags) or core.suppressions(tags):
        return None
    analysis = core.analyse(tags)
    seen: set[str] = set()
    uses = []
    for path, tag in analysis.uses:
        guarded = any(path == g or path.startswith(g + ".") for g in analysis.guarded)
        if path not in seen and not guarded:
            seen.add(path)
            uses.append((path, tag.para.part, tag.para.index, tag.raw))
    loops = [
        (path, tag.para.part, tag.para.index, tag.raw)
        for path, tag in analysis.iterables
        if path not in analysis.guarded
    ]
    findings = tuple(
        (issue.rule, issue.location.part, issue.location.paragraph, issue.message, issue.snippet)
        for issue in static
    )
    return (linter_key(), findings, tuple(uses), tuple(loops))


def main() -> int:
    package = Path(__file__).resolve().parent.parent  # docgen/, in a checkout beside templates/
    repository = package.parent / "templates"
    written = files(repository if repository.is_dir() else package / "templates")
    FOLDER.mkdir(exist_ok=True)
    for old in FOLDER.glob("*.py"):
        if old.name not in written:
            old.unlink()
    for name, text in written.items():
        (FOLDER / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(written)} files to {FOLDER}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
