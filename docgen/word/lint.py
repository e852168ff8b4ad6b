"""``docgen check`` for the Word template: find its mistakes without writing anything.

Compiling a template (``CompiledTemplate``) already refuses syntax errors, unclosed blocks and tags split
across paragraphs. A template can still be wrong in ways that only show in some documents, or not at all:

1. docxtpl's own tags can lose text silently: text beside a ``{%p %}`` tag, a ``{%p for %}`` closed by a plain
   ``{% endfor %}``, a ``{%tr %}`` loop whose ends are in different tables. docxtpl-lint (MIT, PyPI) knows
   these rules and tests each against docxtpl itself, so docgen uses it rather than a linter of its own.
2. Every value the template reads must be one that an agreement provides (``{{ party.nam }}`` in a branch that
   no agreement reaches would only fail later). docxtpl-lint follows loops and attributes to full paths
   (``appendix.fields[*].groups[*].rows[*].label``); each is looked up in the agreements' contexts.
3. Every agreement is rendered in memory, which reports what only running shows, like a sandbox refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from docgen.base.errors import TemplateError, UserError
from docgen.base.i18n import N_, _
from docgen.base.printed import Party, article_line, literal_appendix
from docgen.model.resolved import Resolved
from docgen.word import ahead
from docgen.word.template import CompiledTemplate

# Rules that do not apply to docgen: DTL308 warns about docxtpl rendering without autoescape, which docgen
# never does; DTL302 reports data the template does not use, which is normal (not every template prints all).
IGNORED_RULES = ("DTL302", "DTL308")


class TemplateProblems(UserError):
    """Every problem found in a template, one ``TemplateError`` a line."""

    def __init__(self, errors: Sequence[TemplateError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


def check_template(compiled: CompiledTemplate, resolved: Sequence[Resolved]) -> None:
    """Raise ``TemplateProblems`` with every problem of the template, as used by these agreements."""
    errors = lint_template(compiled, resolved)
    if errors:
        raise TemplateProblems(errors)


def lint_template(
    compiled: CompiledTemplate, resolved: Sequence[Resolved], *, every_shape: bool = True
) -> list[TemplateError]:
    """The template's problems: docxtpl-lint's rules, unknown variables, then errors of rendering each one.

    ``every_shape``: the contexts are agreements', and an agreement of every shape is checked too (see
    ``_every_shape``); False for other documents' templates (the procedure forms).
    """
    contexts = [item.context for item in resolved]
    linted = contexts + [_every_shape(contexts[0])] if contexts and every_shape else contexts
    errors: list[TemplateError] = []
    done_ahead = ahead.lint(compiled.path.read_bytes())
    if done_ahead is not None:  # docgen's own template: the linter's work on it was done when docgen was made
        issues: list[Any] = _data_findings(done_ahead, linted)
    else:
        import docxtpl_lint

        try:
            issues = docxtpl_lint.lint(
                compiled.path.read_bytes(),
                contexts=[_plain(context) for context in linted],
                jinja_env=compiled.env,
                autoescape=True,
                ignore=IGNORED_RULES,
            ).issues
        except Exception as error:  # the template compiled, so this is docxtpl-lint's trouble: say so, go on
            issues = []
            message = _("docxtpl-lint could not check the template ({kind}: {reason})").format(
                kind=type(error).__name__, reason=error
            )
            errors.append(TemplateError(template=compiled.display, message=message))
    for issue in issues:
        if issue.rule == "DTL301":
            path = issue.params["path"]
            if path.split(".")[0].split("[")[0] in compiled.env.globals:
                continue  # range, cycler, …: not data; rendering below reports any misuse of them
            plain = [_plain(context) for context in contexts]
            hint = _path_hint(path, plain)
            if hint:
                message = _("unknown variable '{path}' (did you mean '{suggestion}'?)")
            else:
                message = _("unknown variable '{path}'")
            message = message.format(path=path, suggestion=hint)
        else:
            message = _("{message} ({rule}, paragraph {paragraph})").format(
                message=issue.message, rule=issue.rule, paragraph=issue.location.paragraph
            )
        errors.append(
            TemplateError(
                template=compiled.display,
                part=_part_name(issue.location.part),
                message=message,
                tag=issue.snippet,
            )
        )
    # one error per tag: the same mistake fails every agreement, and a tag reported above needs no second word
    reported = {(error.part, error.tag) for error in errors}
    for item in resolved:
        try:
            compiled.render_parts(item.context, title=item.title, date=item.date)
        except TemplateError as error:
            if (error.part, error.tag) not in reported:
                reported.add((error.part, error.tag))
                errors.append(error)
    return errors


class _Finding(NamedTuple):
    """A finding of docxtpl-lint's, done ahead, with the fields of its ``Issue`` that docgen reads."""

    rule: str
    part: str
    paragraph: int
    message: str
    snippet: str
    params: dict[str, str]

    @property
    def location(self) -> _Finding:
        return self


def _data_findings(done: ahead.Lint, contexts: list[Any]) -> list[_Finding]:
    """What ``docxtpl_lint.lint`` reports for a template whose tags it analysed ahead, given these contexts:
    the findings no data changes, then DTL301 (a path absent from every context) and DTL303 (a loop over a
    number, true/false or null), worded as docxtpl-lint 2.x words them (MIT; ``core.check_data``)."""
    found = [_Finding(rule, part, paragraph, message, snippet, {}) for rule, part, paragraph, message, snippet
             in done.findings]  # fmt: skip
    for path, part, paragraph, tag in done.uses:
        if all(_values_at(context, path) is None for context in contexts):
            shown = path.replace("[]", "[*]")
            found.append(_Finding("DTL301", part, paragraph, "", tag, {"path": shown}))
    for path, part, paragraph, tag in done.loops:
        values = [value for context in contexts for value in (_values_at(context, path) or [])]
        bad = [value for value in values if value is None or isinstance(value, (bool, int, float))]
        if bad:
            shown = path.replace("[]", "[*]")
            kind = {bool: "boolean", int: "number", float: "number", type(None): "null"}[type(bad[0])]
            message = _(_LOOPED_OVER[kind]).format(path=shown)
            found.append(_Finding("DTL303", part, paragraph, message, tag, {"path": shown}))
    return found


def _values_at(data: Any, path: str) -> list[Any] | None:
    """The values at ``path`` (``[]``: each item of a list); None where the path is provably absent, an empty
    list where absence cannot be proven (an empty list on the way) — docxtpl-lint's ``core._resolve``, read
    from docgen's values as ``_plain`` would give them to the linter (a party or a row as a mapping, a
    tuple as a list), without copying them."""
    current: list[Any] = [data]
    for part in path.split("."):
        is_list = part.endswith("[]")
        name = part[:-2] if is_list else part
        found = [_field(value, name) for value in current if _has(value, name)]
        if not found:
            return None if current else []
        if is_list:
            items = [x for value in found if _is_list(value) for x in value]
            found = items + [value for value in found if _is_mapping(value)]
            if not found:
                return []
        current = found
    return current


def _is_mapping(value: Any) -> bool:
    return isinstance(value, (dict, Party)) or (isinstance(value, tuple) and hasattr(value, "_asdict"))


def _is_list(value: Any) -> bool:
    return isinstance(value, list) or (isinstance(value, tuple) and not hasattr(value, "_asdict"))


def _has(value: Any, name: str) -> bool:
    if isinstance(value, dict):
        return name in value
    if isinstance(value, Party):
        return name in Party.__slots__
    return isinstance(value, tuple) and hasattr(value, "_asdict") and name in value._fields


def _field(value: Any, name: str) -> Any:
    return value[name] if isinstance(value, dict) else getattr(value, name)


def _every_shape(context: dict[str, Any]) -> dict[str, Any]:
    """An agreement's context with every shape docgen gives a template filled in once (items at each level,
    附則, paragraphs before and after, a 別表 kept as text), so that the template's branches for shapes these
    agreements do not use are checked too: a misspelt name there is found now, not in another region."""
    sample = dict(context)  # a plain copy already (_plain): only what changes below is copied again
    sample["front"] = sample["back"] = sample["supplementary"] = ["…"]
    if sample["articles"]:
        first = dict(sample["articles"][0])
        first["lines"] = [
            article_line("item" if level else "paragraph", level, "…", "…") for level in range(6)
        ]
        sample["articles"] = [first, *sample["articles"][1:]]
    sample["appendices"] = [*sample.get("appendices", []), literal_appendix("…", [["…"]], 1)]
    return sample


def _part_name(label: str) -> str:
    """docxtpl-lint's name of a part (body, header1, footnotes) as the part's name in the package."""
    return "word/document.xml" if label == "body" else f"word/{label}.xml"


def _plain(value: Any) -> Any:
    """A context as plain data (dicts, lists, text) for docxtpl-lint, which looks values up by key."""
    if isinstance(value, Party):
        return {name: getattr(value, name) for name in Party.__slots__}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a TableRow
        return _plain(value._asdict())
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


# a loop over a value that is not a list: whole sentences, one for each kind of value
_LOOPED_OVER = {
    "boolean": N_("`{{% for … in {path} %}}` but `{path}` is a boolean in the data file"),
    "number": N_("`{{% for … in {path} %}}` but `{path}` is a number in the data file"),
    "null": N_("`{{% for … in {path} %}}` but `{path}` is a null in the data file"),
}


def _path_hint(path: str, contexts: list[Any]) -> str:
    """A name close to the first part of ``path`` that no context has ('parties' for 'partys'), else ""."""
    known: set[str] = set()
    current = contexts
    for part in path.split("."):
        name = part.removesuffix("[*]")
        mappings = [value for value in current if isinstance(value, dict)]
        known = {key for mapping in mappings for key in mapping}
        if name not in known:
            import difflib  # only for a mistake

            hint = difflib.get_close_matches(name, sorted(known), n=1)
            return hint[0] if hint else ""
        current = [mapping[name] for mapping in mappings if name in mapping]
        if part.endswith("[*]"):
            current = [item for value in current if isinstance(value, list) for item in value]
    return ""


def schema_warnings(templates: Sequence[Path], own: Path) -> list[str]:
    """The faults against Word's schema of each of ``templates`` that is not one of docgen's own (those in
    the folder ``own``, which the tests hold valid), as warnings that say what the schema expects: Word may
    refuse or "repair" every document made from such a template, though LibreOffice and docgen read it.

    A finding about a value that holds a tag (a style named ``{{ line.style }}``) is not a fault: the tag is
    replaced when a document is rendered. Without openxml-audit, one warning says that nothing was checked.
    """
    from docgen.word.ooxml import ValidatorMissing, explain, findings

    shipped = {path.relative_to(own).as_posix(): path.read_bytes() for path in own.glob("**/*.docx")}
    warnings = []
    for path in dict.fromkeys(templates):
        name = f"forms/{path.name}" if path.parent.name == "forms" else path.name
        if shipped.get(name) == path.read_bytes():
            continue
        try:
            found = findings(path)
        except ValidatorMissing as missing:
            return [str(missing)]
        except Exception as error:  # the template compiled, so this is openxml-audit's trouble: say so, go on
            message = _("{template}: openxml-audit could not check the template ({kind}: {error})")
            warnings.append(message.format(template=path, kind=type(error).__name__, error=error))
            continue
        for finding in found:
            if "{{" in finding.description or "{%" in finding.description:
                continue
            message = _(
                "{template} ({part}): Word may refuse or repair the documents made from this template: "
                "{explanation}"
            )
            warnings.append(
                message.format(
                    template=path, part=finding.part.lstrip("/"), explanation=explain(finding, path)
                )
            )
    return warnings
