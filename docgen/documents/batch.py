"""Render agreements and write them: the library behind ``docgen build``, ``docgen.render`` and
``docgen.build``.

One direction, nothing kept between runs: files → checked model → resolved context → compiled template →
bytes → file. A batch checks every agreement before it renders any; then it renders and writes one document
at a time into a staging folder inside the output folder, so memory stays flat however many there are, and
puts them all in place together at the end (``docgen.base.output.Staging``): a failure leaves the output
folder as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.base.chars import ascii_shown, name_problem
from docgen.base.errors import AgreementError, OutputError, Problem, UserError, display
from docgen.base.i18n import _
from docgen.base.output import Staging
from docgen.documents.templates import load_template
from docgen.documents.written import (
    MANIFEST,
    Built,
    Documents,
    Leftover,
    Written,
    digest,
    leftovers,
    manifest_pieces,
    read_manifest,
)
from docgen.model.resolved import SUPPORT_FILES, Mode, Resolved, agreement_files, check_mode
from docgen.word.template import CompiledTemplate

if TYPE_CHECKING:
    from docgen.documents.forms import FormTemplates
    from docgen.documents.procedure import Procedure
    from docgen.model.agreement import Sources

Progress = Callable[[str, Path], None]
"""Told of each file when it is done: ``("render", …/mine.docx)``, then ``("pdf", …/mine.pdf)``."""
Check = Callable[["Resolved", "Sources"], None]
"""Run on each agreement as it is resolved; raises ``AgreementError`` for its problems."""


def render(
    path: str | Path,
    *,
    template: str | Path | CompiledTemplate | None = None,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
) -> bytes:
    """Render one agreement file to .docx bytes; writes nothing."""
    resolved = resolve(Path(path), mode=mode, seal=seal, today=today)
    compiled = template if isinstance(template, CompiledTemplate) else load_template(_path(template))
    return compiled.render(resolved.context, title=resolved.title, date=resolved.date)


def _path(value: str | Path | None) -> Path | None:
    return Path(value) if value is not None else None


def resolve(
    path: Path,
    *,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
    sources: Sources | None = None,
) -> Resolved:
    """One agreement, read, checked and resolved."""
    check_mode(mode, seal)
    # YAML and the region's texts are imported only here: `docgen --help` does not need them
    from docgen.model.agreement import load_agreement

    return load_agreement(path, mode=mode, seal=seal, today=today, sources=sources)


def resolve_all(
    paths: Iterable[Path],
    *,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
    check: Check | None = None,
    sources: Sources | None = None,
) -> list[Resolved]:
    """Check every agreement first; raise one ``AgreementError`` with the problems of all of them.

    ``check`` runs on each agreement once it is resolved (the procedure data, see
    ``docgen.documents.procedure``). ``sources``: the region and municipality files already read (each is
    read again; parsed again only where its bytes changed). ``build`` does not keep them all: see
    ``each_resolved``.
    """
    found = Found()
    resolved = list(
        each_resolved(
            listed_files(paths), found, mode=mode, seal=seal, today=today, check=check, sources=sources
        )
    )
    found.raise_problems()
    for item in resolved:
        item.loaded = None  # kept for every agreement, each parsed file would double what a long list holds
    return resolved


def listed_files(paths: Iterable[Path]) -> list[Path]:
    """The agreement files of ``paths``; a ``UserError`` when there is none."""
    paths = list(paths)
    files = agreement_files(paths)
    if not files:  # a folder without agreements is most likely the wrong folder
        raise UserError(_("no agreement files in {paths}").format(paths=", ".join(str(p) for p in paths)))
    return files


class Found:
    """The problems of a batch's agreements, in order and each once (a region's mistake is told with its first
    user), then the documents two files would both write; and which file writes each document."""

    def __init__(self) -> None:
        self.problems: dict[Problem, None] = {}
        self.clashes: dict[Problem, None] = {}
        # a document's output name (text: a batch of thousands keeps one each): the agreement that writes it,
        # as ``each_resolved`` was given it
        self.writers: dict[str, Path | str] = {}

    def __bool__(self) -> bool:
        return bool(self.problems or self.clashes)

    def raise_problems(self) -> None:
        if self:
            raise AgreementError([*self.problems, *self.clashes])


def each_resolved(
    files: Sequence[Path | str],
    found: Found,
    *,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
    check: Check | None = None,
    sources: Sources | None = None,
) -> Iterator[Resolved]:
    """Each agreement of ``files`` that is valid, resolved, one at a time: the problems of the others go into
    ``found``. A caller that uses each one and lets it go keeps memory flat however long the batch (and may
    keep ``files`` as text: a ``Path`` is made of each in turn)."""
    from docgen.model.agreement import Sources

    # a region's and the municipalities' files are parsed once for the batch
    sources = Sources() if sources is None else sources
    problems = found.problems
    for name in files:
        file = Path(name)
        if not file.exists():
            problems[Problem(display(file), None, None, _("no such file or folder"))] = None
            continue
        if file.name in SUPPORT_FILES:  # named on the command line by mistake
            message = _(
                "{name} is not an agreement; name an agreement file or a folder of agreements"
            ).format(name=file.name)
            problems[Problem(display(file), None, None, message)] = None
            continue
        bad = name_problem(file.name, "agreement file name")
        if bad:  # a line break in a document's name breaks every list and script that handles it
            message = _("{problem}; rename the file").format(problem=bad)
            problems[Problem(ascii_shown(display(file)), None, None, message)] = None
            continue
        if file.suffix not in (".yaml", ".yml") and not file.is_dir():  # README.md, a .docx, …
            message = _(
                "{name} is not an agreement: an agreement is a .yaml file that names its region, date and "
                "parties"
            ).format(name=file.name)
            problems[Problem(display(file), None, None, message)] = None
            continue
        try:
            item = resolve(file, mode=mode, seal=seal, today=today, sources=sources)
        except AgreementError as error:
            problems.update(dict.fromkeys(error.problems))
            continue
        # two files that would write one document (mine.yaml and mine.yml): told by `check` as by `build`
        other = found.writers.setdefault(str(item.output_name), name)
        if other is not name:
            message = _("writes the same document as {file} ({document}); rename one").format(
                file=display(Path(other)), document=item.output_name
            )
            found.clashes[Problem(display(item.path), None, None, message)] = None
        try:
            if check is not None:
                check(item, sources)
        except AgreementError as error:
            problems.update(dict.fromkeys(error.problems))
            continue
        if other is name:
            yield item


def check_targets(out: Path, targets: Iterable[Path]) -> None:
    """Refuse, before anything is written, a target outside the output folder or one that cannot be
    written."""
    try:
        root = out.resolve()
        for target in targets:
            # a target's name comes from agreement files: resolved (through any symbolic link), it must still
            # be inside the output folder
            if not target.resolve().is_relative_to(root):
                raise OutputError(
                    _("{file}: outside the output folder {folder}; not written").format(
                        file=target, folder=out
                    )
                )
            if target.is_dir():
                raise OutputError(
                    _("{file}: is a folder; cannot write the document there").format(file=target)
                )
            folder = target.parent
            while not folder.exists() and folder != folder.parent:
                folder = folder.parent
            if not folder.is_dir():
                raise OutputError(
                    _("{folder}: is a file, not a folder; cannot write {file}").format(
                        folder=folder, file=target
                    )
                )
            if not os.access(folder, os.W_OK | os.X_OK):
                raise OutputError(
                    _("{folder}: permission denied; cannot write {file}").format(folder=folder, file=target)
                )
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of symbolic links (Python < 3.13)
        reason = getattr(error, "strerror", None) or error
        raise OutputError(
            _("{folder}: cannot use the output folder: {reason}").format(folder=out, reason=reason)
        ) from None


class ProcedureCheck:
    """The procedure of each agreement as ``resolve_all`` resolves it (its ``check``), for ``docgen build``
    and ``docgen check``: problems are raised with the agreement's own; ``results`` keeps each agreement's
    ``Procedure`` (``docgen.documents.procedure.load_procedure``) by its file.

    ``forms``: the forms are to be made, so each party also needs what they print (a prefecture). Without
    them, only an agreement that mentions procedure data is read again: most builds need none of
    docgen.documents.procedure, and do not import it.
    """

    def __init__(
        self, *, forms: bool, mode: Mode = "final", seal: bool = False, today: dt.date | None = None
    ) -> None:
        self.forms, self.mode, self.seal, self.today = forms, mode, seal, today
        self.results: dict[Path, Procedure] = {}

    def __call__(self, resolved: Resolved, sources: Sources) -> None:
        if not self.forms and not mentions_procedure(resolved.path):
            return  # nothing to check: a build without --procedure does not read the file again
        from docgen.documents.procedure import load_procedure

        self.results[resolved.path] = load_procedure(
            resolved, sources=sources, mode=self.mode, seal=self.seal, today=self.today, forms=self.forms
        )

    @property
    def blanks(self) -> list[Problem]:
        """One note per party whose forms leave numbers or dates blank, agreement by agreement."""
        return [blank for procedure in self.results.values() for blank in procedure.blanks]


def mentions_procedure(path: Path) -> bool:
    """Whether the file may hold procedure data (the word is in it): a quick look before parsing."""
    try:
        return b"procedure" in path.read_bytes()
    except OSError:
        return True  # let the parse report it


def build(
    paths: Sequence[str | Path],
    out_dir: str | Path = "output",
    *,
    template: str | Path | None = None,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
    pdf: bool = False,
    jobs: int | None = None,
    procedure: bool = False,
    forms: str | Path | None = None,
    note: Callable[[Problem], None] | None = None,
    planned: Callable[[int], None] | None = None,
    warn: Callable[[Problem | str], None] | None = None,
    clean: bool = False,
    leftover: Callable[[Leftover], None] | None = None,
) -> Sequence[Built]:
    """Render every agreement in ``paths`` into ``out_dir/<region>/<name>.docx``.

    With ``procedure``, also each party's council bill, notice and notification beside it, into
    ``out_dir/<region>/<name>/<party>-bill.docx`` (``-notice``, ``-notification``), from the form templates
    in ``forms`` (default: templates/forms); ``note`` is told of each party whose forms leave numbers or dates
    blank; ``planned`` is told how many documents will be written, once every agreement is checked (each is
    rendered as soon as it is checked, and ``progress`` told of it); ``warn`` of each article number
    written as text where ``{{ ref.x }}`` would follow renumbering, and of what a draft leaves out (a head
    not recorded in office on its date). Nothing is written unless every agreement is valid and renders,
    and then all documents (and with
    ``pdf`` their PDFs, made by LibreOffice in ``jobs`` processes at once, by default one a core up to
    four) are put in place together.

    A file an earlier build wrote into ``out_dir`` whose agreement is gone is told to ``leftover``, and with
    ``clean`` removed together with the writing (``docgen.documents.written``): docgen keeps a list of what it
    wrote there, and never removes a file it did not write.
    """
    if pdf:
        from docgen.office.pdf import find_soffice

        find_soffice()  # a missing LibreOffice is told before the agreements are read
    # the procedure data is checked with every build; the forms' needs (a prefecture) only when they are made
    checked = ProcedureCheck(forms=procedure, mode=mode, seal=seal, today=today)
    from docgen.model.agreement import Sources

    sources = Sources()  # the files are parsed once, for the warnings below too
    literal = None
    if warn is not None:
        from docgen.model.literal_references import LiteralReferences

        literal = LiteralReferences(sources)
    # raises when there is no agreement; each kept as text (a few hundred bytes less than a Path each)
    files = [str(file) for file in listed_files([Path(p) for p in paths])]
    out = Path(out_dir)
    found = Found()
    # One pass: each agreement is checked, rendered and staged, then let go; only the paths and digests are
    # kept (``Documents``), for the all-or-nothing commit. The first error in writing (a target, the
    # template, the staging folder) stops the writing but not the checking, and is raised only if every
    # agreement is valid: the agreements' mistakes are told first, all of them, as when every agreement was
    # checked before any was rendered.
    failures: dict[str, UserError] = {}  # the first error of each kind: "target", then "write"
    writer: _Writer | None = None
    blanks: list[Problem] = []
    warnings: dict[
        Problem | str, None
    ] = {}  # a region's warning is told once, however many agreements share it
    with contextlib.ExitStack() as stack:
        each = each_resolved(files, found, mode=mode, seal=seal, today=today, check=checked, sources=sources)
        for item in each:
            made = checked.results.pop(item.path, None)
            if made is not None:
                blanks += made.blanks
            if literal is not None:
                literal.add(item)
            warnings.update(dict.fromkeys(item.warnings))
            form_names = made.output_names() if procedure and made is not None else []
            try:  # every target is checked before any is written, as the agreements are
                check_targets(out, [out / item.output_name, *(out / name for name in form_names)])
            except UserError as error:
                failures.setdefault("target", error)
            if found or failures:
                continue  # nothing more is written: the batch fails, each agreement is still checked
            try:
                if writer is None:
                    writer = _Writer(
                        out, stack, template=template, forms=forms, procedure=procedure, pdf=pdf, jobs=jobs
                    )
                writer.write(item, made if procedure else None, progress)
            except UserError as error:
                failures["write"] = error
        found.raise_problems()
        if literal is not None and warn is not None:
            for problem in literal.found:
                warn(problem)
        if failures:
            raise failures.get("target") or failures["write"]
        assert writer is not None  # every agreement valid, and there is one at least
        built = writer.documents
        if planned is not None:  # each document was told as it was staged, before the total was known
            planned(len(built))
        if pdf:
            # a failure names the agreement and the PDF it was to be, not the staged copy LibreOffice read
            shown = [f"{display(item.source)} ({display(item.pdf or item.target)})" for item in built]
            stage_pdfs(
                writer.staging,
                [item.target for item in built],
                office=writer.office,
                jobs=jobs,
                progress=progress,
                shown=shown,
            )
        _record(writer.staging, out, built, clean, leftover)
        writer.staging.commit()
    if note is not None:
        for blank in blanks:
            note(blank)
    if warn is not None:
        for warning in warnings:
            warn(warning)
    return built


class _Writer:
    """What a build writes with, made when the first agreement is ready: the compiled template, the form
    templates, the staging folder and (for PDF) LibreOffice with its font checked."""

    def __init__(
        self,
        out: Path,
        stack: contextlib.ExitStack,
        *,
        template: str | Path | None,
        forms: str | Path | None,
        procedure: bool,
        pdf: bool,
        jobs: int | None = None,
    ) -> None:
        self.out, self.pdf = out, pdf
        self.compiled = load_template(_path(template))
        self.templates: FormTemplates | None = None
        if procedure:
            from docgen.documents.forms import FormTemplates

            self.templates = FormTemplates(_path(forms))
        self.staging = stack.enter_context(Staging(out))
        self.documents = Documents(out, self.staging.names, pdf=pdf)
        self.office: object = None
        if pdf:
            from docgen.office.pdf import check_libreoffice

            # the Mincho font is looked up once a run, before anything is rendered; fontconfig may write
            # its cache only into the staging folder. One `soffice --convert-to` a job then converts the
            # batch: a LibreOffice kept warm (docgen.office.warm, which the workspace's previews use) was
            # measured against it for a batch and gained no time for 8-13% more CPU (the guide's speed page)
            self.office = check_libreoffice(work_dir=self.staging.work_folder())

    def write(self, item: Resolved, procedure: Procedure | None, progress: Progress | None) -> None:
        """Render and stage one agreement, and its procedure documents."""
        target = self.out / item.output_name
        data = self.compiled.render(item.context, title=item.title, date=item.date)
        self.staging.write(target, data)
        self.documents.add(item.path, data)
        if progress:
            progress("render", target)
        if procedure is not None and self.templates is not None:
            for target, docx, form in _forms(procedure, item, self.compiled, self.templates, self.out):
                self.staging.write(target, docx)
                self.documents.add(item.path, docx, form)
                if progress:
                    progress("render", target)


def _record(
    staging: Staging,
    out: Path,
    documents: Documents,
    clean: bool,
    leftover: Callable[[Leftover], None] | None,
) -> None:
    """Stage the list of what docgen wrote into ``out`` (with what this build writes), and the removal of
    the files no agreement makes any more when ``clean``."""
    manifest = read_manifest(out)
    names = staging.names[:]  # the documents, then their PDFs (in the documents' order)
    count = len(documents)
    root = out.absolute()

    def entry_at(index: int) -> Written:
        source = documents.sources[index % count]  # a PDF's is its document's
        if index < count:
            sha256 = documents.sha256(index)
        else:  # LibreOffice wrote it: read where it was staged
            sha256 = digest(staging.path(out / names[index]).read_bytes())
        return Written(os.path.relpath(os.path.abspath(source), root), sha256)

    found = leftovers(out, manifest, names)
    for old in found:
        if clean:
            staging.remove(old.path)
        if leftover is not None:
            leftover(old)
    removed = [old.path.relative_to(out).as_posix() for old in found] if clean else []
    staging.write(out / MANIFEST, manifest_pieces(out, manifest, names, entry_at, removed))


def _forms(
    procedure: Procedure,
    item: Resolved,
    compiled: CompiledTemplate,
    templates: FormTemplates,
    out: Path,
) -> list[tuple[Path, bytes, str]]:
    """An agreement's procedure documents: each one's target, bytes and form. The agreement they attach is
    printed without 印 (a bill's 別紙 is not sealed, and a notice publishes the names) and without its
    cover sheet (「連携協約書」 is the signing copy's: a notice and a 別紙 publish the agreement's text)."""
    from docgen.documents.forms import render_forms
    from docgen.documents.procedure import Attachment

    agreement = attached_text(compiled, item)
    return [
        (out / made.name, made.docx, made.form)
        for made in render_forms(procedure, [Attachment("agreement", agreement)], templates)
    ]


def attached_text(compiled: CompiledTemplate, item: Resolved) -> bytes:
    """The agreement as a form attaches it: without 印 and without its cover sheet."""
    context = {**item.context, "seal": False, "cover": None}
    return compiled.render(context, title=item.title, date=item.date)


def write_documents(
    out: Path,
    documents: dict[Path, bytes],
    *,
    pdf: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write documents made in memory (an amendment's, an abolition's) all together or not at all, with
    their PDFs when asked; the files written, in order."""
    check_targets(out, documents)
    written = list(documents)
    with Staging(out) as staging:
        office = None
        if pdf:
            from docgen.office.pdf import check_libreoffice

            # as build does: the Mincho font looked up once, fontconfig writing only into the staging folder
            office = check_libreoffice(work_dir=staging.work_folder())
        for target, data in documents.items():
            staging.write(target, data)
            if progress:
                progress("render", target)
        if pdf:
            written += stage_pdfs(staging, list(documents), office=office, jobs=jobs, progress=progress)
        staging.commit()
    return written


def stage_pdfs(
    staging: Staging,
    targets: Sequence[Path],
    *,
    office: object = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    shown: Sequence[str] | None = None,
) -> list[Path]:
    """Convert the staged documents of ``targets`` to PDF beside them, to be put in place with them; returns
    the PDFs' targets. ``office`` is what ``docgen.office.pdf.check_libreoffice`` gave; ``shown`` names each
    document in messages (default: its PDF's place in the output folder, never the staged copy)."""
    from docgen.office.pdf import convert_to_pdf

    pdfs = [target.with_suffix(".pdf") for target in targets]
    done = {staging.path(pdf): pdf for pdf in pdfs}
    convert_to_pdf(
        [staging.path(target) for target in targets],
        office=office,
        jobs=jobs,
        work_dir=staging.work_folder(),
        progress=(lambda made: progress("pdf", done.get(made, made))) if progress else None,
        shown=list(shown) if shown is not None else [display(pdf) for pdf in pdfs],
    )
    for pdf in pdfs:
        staging.add(pdf)
    return pdfs
