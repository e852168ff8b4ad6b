"""``docgen import``: a signed agreement in Word → the region's YAML, the agreement's and the parties'.

    outline.py     the .docx → paragraphs and tables in body order (text, style, indents, numbering, breaks)
    recognize.py   the outline → cover, title, preamble, articles (項, 号), 附則, closing, date, signature
                   blocks, 別表; what is not recognised stays as literal text, with a warning
    references.py  texts → Jinja: the parties' joins, names and titles, 本協約書N通 and 第N条 as references
    convert.py     the recognised agreement → the data of region.yaml, the agreement and municipalities.yaml
    write.py       the data → YAML text (read back before writing), written all together or not at all

From Python::

    from docgen.importer import import_docx
    result = import_docx(Path("mine.docx"), Path("agreements"), region="yamaguchi-kenou")
    result.summary()   # what was written and replaced, as lines to show the user

May import: every layer below it (``docgen.base``, ``docgen.model``, ``docgen.word``, ``docgen.documents``);
never the commands.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docgen.base.chars import ascii_shown, name_problem
from docgen.base.errors import DocxImportError, UserError
from docgen.base.i18n import _
from docgen.base.patterns import regex

__all__ = ["Imported", "import_docx", "read_agreement"]

_ID = regex(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_NOT_IN_ID = regex(r"[^a-z0-9_-]+")
MAX_BYTES = 64 * 1024 * 1024


@dataclass
class Imported:
    """What an import made: the texts of the files (written or not), and what the user should check."""

    source: str
    region_file: Path
    agreement_file: Path
    municipalities_file: Path
    texts: dict[Path, str]
    parties: list[tuple[str, str]]  # (label, name)
    counts: dict[str, int]
    kept: int
    warnings: list[str]
    kinds: list[tuple[str, str]]  # (place in the .docx, what it was recognised as)
    added: list[str] = field(default_factory=list)
    kept_texts: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)

    def summary(self) -> Iterator[str]:
        """The lines ``docgen import`` prints: files, parties, references put in, municipalities."""
        from docgen.base.errors import display
        from docgen.importer.references import KEPT, KINDS

        shown = [display(path) for path in (self.region_file, self.agreement_file)]
        yield _("wrote {files}").format(files=", ".join(shown))
        towns = display(self.municipalities_file)
        if self.added:
            yield _("added {names} to {file}").format(names=", ".join(self.added), file=towns)
        if self.already:
            yield _("{file} already has {names} as the document signs").format(
                file=towns, names=", ".join(self.already)
            )
        parties = "、".join(f"{name} ({label})" for label, name in self.parties)
        yield _("parties (from the signature blocks): {parties}").format(parties=parties)
        replaced = [(_(KINDS[kind]), n) for kind, n in self.counts.items() if n and kind in KINDS]
        if replaced:
            yield _("written as references (check that each denotes the parties):")
            for text, n in replaced:
                yield f"  {n:>3}  {text}"
        if self.kept:
            yield f"  {self.kept:>3}  {_(KEPT)}"
            for text in self.kept_texts:  # they name a party, and stay as written for every agreement
                yield f"         「{text}」"


def read_agreement(data: bytes, source: str, region_id: str = "imported"):
    """The recognised agreement and its files' data, in memory: (Recognised, Converted)."""
    from docgen.importer.convert import convert
    from docgen.importer.outline import read_outline
    from docgen.importer.recognize import recognise

    blocks = read_outline(data, source)
    doc = recognise(blocks, source)
    return doc, convert(doc, region_id)


def import_docx(path: Path, out: Path = Path("agreements"), region: str | None = None) -> Imported:
    """Read ``path`` and write ``<out>/<region>/region.yaml``, ``<out>/<region>/<name>.yaml`` and the parties'
    entries in municipalities.yaml (appended; an entry already there is never changed): all or nothing."""
    from docgen.base.errors import display
    from docgen.importer.write import Files, municipalities_text, schema_line, to_yaml

    problem = name_problem(path.name, "import file name")
    if problem:  # the name is written into the YAML's comments; rename the file rather than guess
        shown = ascii_shown(display(path))
        raise UserError(_("{source}: {problem}; rename the file").format(source=shown, problem=problem))
    source = display(path)
    name = _slug(path.stem)
    region_id = region if region is not None else name
    if region_id is None or not _ID.fullmatch(region_id) or len(region_id) > 64:
        raise UserError(
            _("--region: {id} cannot name a region's folder: use letters a-z, digits, '-' and '_'").format(
                id=repr(region_id)
            )
            if region is not None
            else _(
                "{file}: its name gives no region id: give one with --region ID (e.g. yamaguchi-kenou)"
            ).format(file=source)
        )
    data = _read(path, source)
    doc, converted = read_agreement(data, source, region_id)
    files = Files(out, region_id, name or "agreement")
    municipalities, added, already, differing = municipalities_text(
        files, converted.municipalities, path.name
    )
    region_comments = [
        schema_line(files.region_file, "region"),
        f"Imported by `docgen import` from {path.name}: the text every agreement of the region shares.",
        "{{ … }} are references: to the parties ({{ parties | join_ja }} → 甲及び乙) and to articles",
        "({{ ref.roles }} → 第3条). Check them, and the warnings the import printed.",
    ]
    agreement_comments = [schema_line(files.agreement_file, "agreement")]
    texts = {
        files.region_file: to_yaml(converted.region, region_comments),
        files.agreement_file: to_yaml(converted.agreement, agreement_comments),
    }
    if added:
        texts[files.municipalities_file] = municipalities
    from docgen.importer.write import write_all

    write_all(files, texts)
    return Imported(
        source=source,
        region_file=files.region_file,
        agreement_file=files.agreement_file,
        municipalities_file=files.municipalities_file,
        texts=texts,
        parties=[(p.label, p.name) for p in converted.parties],
        counts=dict(converted.counts),
        kept=converted.kept,
        kept_texts=converted.kept_texts,
        warnings=[*converted.warnings, *differing],
        kinds=doc.kinds,
        added=added,
        already=already,
        differing=differing,
    )


def _slug(stem: str) -> str | None:
    slug = _NOT_IN_ID.sub("-", stem.lower()).strip("-_")
    return slug if slug and _ID.fullmatch(slug) else None


def _read(path: Path, source: str) -> bytes:
    if path.suffix.lower() != ".docx":
        if path.suffix.lower() == ".doc":
            message = _("not a Word document (.docx) (an old .doc: open it in Word and save it as .docx)")
        else:
            message = _("not a Word document (.docx)")
        raise DocxImportError(source=source, message=message)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocxImportError(
                source=source,
                message=_("{size} bytes: larger than a Word agreement can be").format(size=size),
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise DocxImportError(source=source, message=_("no such file")) from None
    except IsADirectoryError:
        raise DocxImportError(source=source, message=_("a folder, not a Word document")) from None
    except OSError as error:
        raise DocxImportError(
            source=source, message=_("cannot be read: {reason}").format(reason=error.strerror or error)
        ) from None
