"""Render agreements and write them: the library behind ``docgen build``, ``docgen.render`` and
``docgen.build``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import cache
from .errors import AgreementError, OutputError, Problem, UserError
from .output import write_atomic
from .resolved import SUPPORT_FILES, Mode, Resolved, agreement_files, check_mode, display
from .template import CompiledTemplate

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATE = Path("templates/renkei-kyoyaku.docx")


def default_template() -> Path:
    """templates/renkei-kyoyaku.docx in the current folder, else the one beside the package (a source
    checkout)."""
    local = DEFAULT_TEMPLATE
    return local if local.is_file() else PACKAGE_ROOT / DEFAULT_TEMPLATE


@lru_cache(maxsize=8)
def compiled_template(path: Path, mtime_ns: int) -> CompiledTemplate:
    """Compile a template once per process (and again only if the file changed)."""
    return CompiledTemplate(path, display_path=display(path))


def load_template(path: Path | None = None) -> CompiledTemplate:
    path = path or default_template()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0  # CompiledTemplate reports the unreadable file
    return compiled_template(path.resolve() if stamp else path, stamp)


def render(
    path: str | Path,
    *,
    template: str | Path | None = None,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
) -> bytes:
    """Render one agreement file to .docx bytes; writes nothing."""
    resolved = resolve(Path(path), mode=mode, seal=seal, today=today)
    compiled = load_template(Path(template) if template else None)
    return compiled.render(resolved.context, title=resolved.title, date=resolved.date)


def resolve(
    path: Path, *, mode: Mode = "final", seal: bool = False, today: dt.date | None = None
) -> Resolved:
    """One agreement, checked and resolved; from the cache when neither it nor its region changed."""
    check_mode(mode, seal)
    cached = cache.load_resolved(path, mode=mode, seal=seal, today=today)
    if cached is not None:
        return cached
    # YAML, pydantic and the region's texts are imported only here: a build whose inputs are unchanged
    # does not need them
    from .agreement import load_agreement

    resolved = load_agreement(path, mode=mode, seal=seal, today=today)
    cache.store_resolved(resolved, mode=mode, seal=seal, today=today)
    return resolved


@dataclass(frozen=True)
class Built:
    source: Path
    target: Path
    pdf: Path | None = None


def resolve_all(
    paths: Iterable[Path], *, mode: Mode = "final", seal: bool = False, today: dt.date | None = None
) -> list[Resolved]:
    """Check every agreement first; raise one ``AgreementError`` with the problems of all of them."""
    files = agreement_files(paths)
    if not files:  # a folder without agreements is most likely the wrong folder
        raise UserError(f"no agreement files in {', '.join(str(p) for p in paths)}")
    problems: list[Problem] = []
    resolved: list[Resolved] = []
    for file in files:
        if not file.exists():
            problems.append(Problem(display(file), None, None, "no such file or folder"))
            continue
        if file.name in SUPPORT_FILES:  # named on the command line by mistake
            problems.append(
                Problem(
                    display(file),
                    None,
                    None,
                    f"{file.name} is not an agreement; name an agreement file or a folder of agreements",
                )
            )
            continue
        try:
            resolved.append(resolve(file, mode=mode, seal=seal, today=today))
        except AgreementError as error:
            problems.extend(p for p in error.problems if p not in problems)
    if problems:
        raise AgreementError(problems)
    return resolved


def _check_targets(out: Path, targets: Iterable[Path]) -> None:
    """Refuse, before anything is written, a target outside the output folder or one that cannot be
    written."""
    try:
        root = out.resolve()
        for target in targets:
            # a target's name comes from agreement files: resolved (through any symbolic link), it must still
            # be inside the output folder
            if not target.resolve().is_relative_to(root):
                raise OutputError(f"{target}: outside the output folder {out}; not written")
            if target.is_dir():
                raise OutputError(f"{target}: is a folder; cannot write the document there")
            folder = target.parent
            while not folder.exists() and folder != folder.parent:
                folder = folder.parent
            if not folder.is_dir():
                raise OutputError(f"{folder}: is a file, not a folder; cannot write {target}")
            if not os.access(folder, os.W_OK | os.X_OK):
                raise OutputError(f"{folder}: permission denied; cannot write {target}")
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of symbolic links (Python < 3.13)
        reason = getattr(error, "strerror", None) or error
        raise OutputError(f"{out}: cannot use the output folder: {reason}") from None


def build(
    paths: Sequence[str | Path],
    out_dir: str | Path = "output",
    *,
    template: str | Path | None = None,
    mode: Mode = "final",
    seal: bool = False,
    today: dt.date | None = None,
    progress: Callable[[Path], None] | None = None,
    pdf: bool = False,
) -> list[Built]:
    """Render every agreement in ``paths`` into ``out_dir/<region>/<name>.docx``.

    Nothing is written unless every agreement is valid and renders; each file is written atomically.
    With ``pdf``, LibreOffice then converts them all in one start, each PDF beside its .docx.
    """
    if pdf:
        from .pdf import check_libreoffice

        check_libreoffice()  # a missing LibreOffice or Mincho font is reported before anything is written
    # raises unless every agreement is valid, and when there is none
    resolved = resolve_all([Path(p) for p in paths], mode=mode, seal=seal, today=today)
    compiled = load_template(Path(template) if template else None)
    out = Path(out_dir)
    targets: dict[Path, Resolved] = {}
    for item in resolved:
        target = out / item.output_name
        if target in targets:
            raise UserError(
                f"{display(item.path)}: writes the same file as {display(targets[target].path)} ({target})"
            )
        targets[target] = item
    _check_targets(out, targets)
    documents = [
        (target, item, compiled.render(item.context, title=item.title, date=item.date))
        for target, item in targets.items()
    ]
    built = []
    for target, item, data in documents:
        write_atomic(target, data)
        built.append(Built(item.path, target))
        if progress:
            progress(target)
    if pdf:
        from .pdf import convert_to_pdf

        pdfs = convert_to_pdf([item.target for item in built])
        built = [
            Built(item.source, item.target, pdf_path) for item, pdf_path in zip(built, pdfs, strict=True)
        ]
    return built
