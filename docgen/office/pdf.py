"""Convert written .docx files to PDF with LibreOffice, several ``soffice`` processes at once.

LibreOffice's start costs about a second and each further document a fraction of that, so a batch is split
into a few parts, one ``soffice --headless --convert-to pdf --outdir DIR a.docx b.docx …`` process each,
running at once: one per core docgen may use (at most four by default, never more than the cores: two
processes on one core only share it, and each pays LibreOffice's start). The parts are balanced by the
documents' sizes, a fair measure of the work: a council bill that attaches its agreement is twice an
agreement, and a part that got all the bills would finish last. Each process gets its own
throw-away profile (``-env:UserInstallation``): two runs sharing a profile collide, and the second one
silently converts nothing. ``soffice`` exits 0 even when a document failed, so every PDF is checked, and
when one process fails or the time runs out, the others are stopped too: nothing is written unless every
document converted.

The template asks for ＭＳ 明朝, which Linux does not have; fontconfig would fall back to a Gothic or sans
face and the PDF would lose the Mincho look of an official document without a word. docgen ships
``fonts.conf`` aliasing ＭＳ 明朝 to IPAex Mincho and hands it to LibreOffice through ``FONTCONFIG_FILE``;
before converting it asks fontconfig (``fc-match``) what ＭＳ 明朝 becomes and refuses all but IPAexMincho.

LibreOffice and fontconfig write into ``$HOME``, ``$TMPDIR`` and the XDG folders (dconf's marker file, font
caches, temporary files that a killed soffice leaves behind). Both run with these pointed into a work
folder that is removed afterwards, so a conversion leaves nothing but the PDFs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from docgen.base.errors import PdfError
from docgen.base.i18n import _, ngettext
from docgen.base.output import write_atomic
from docgen.office.pdfcheck import ends_like_pdf, pdf_problem

FONTS_CONF = Path(__file__).with_name("fonts.conf")
TEMPLATE_FONT = "ＭＳ 明朝"  # the face templates/renkei-kyoyaku.docx names for all text
MINCHO_FAMILY = "IPAexMincho"
SOFFICE_VARIABLE = "DOCGEN_SOFFICE"
# LibreOffice's start plus a generous time per document; a hung soffice is killed after this
BASE_TIMEOUT_S = 60.0
TIMEOUT_PER_DOCUMENT_S = 5.0
FC_MATCH_TIMEOUT_S = 120.0  # the first fc-match on a machine may build the font cache
# two processes took 9.4 s for 100 documents against 16.3 s for one; each further one costs a LibreOffice
# start and about 120 MB of memory, and more than two were never measured
MAX_DEFAULT_JOBS = 4
POLL_S = 0.1  # how often the output folders are looked at while soffice runs
# stderr lines of soffice that say nothing about the documents
NOISE = ("failed to launch javaldx",)


class WarmConverter(Protocol):
    """LibreOffice kept running (``docgen.office.warm.WarmOffice``), as ``convert_to_pdf`` uses it."""

    usable: bool

    def convert(
        self,
        sources: Sequence[Path],
        shown: Sequence[str],
        timeout: float,
        progress: Callable[[int], None] | None,
    ) -> list[bytes]: ...


class Unusable(Exception):
    """A warm LibreOffice cannot run here (no ``uno`` for this ``soffice``): convert the one-off way."""


@dataclass(frozen=True)
class Office:
    """What ``check_libreoffice`` found: the soffice program, with the Mincho font in place; and, when the
    caller started one (``docgen.office.warm.WarmOffice``, as the previews do), LibreOffice kept warm to
    convert with.

    Passing it to ``convert_to_pdf`` skips a second check: a second fc-match start (20-70 ms measured, much
    more where fontconfig has to build its cache).
    """

    soffice: str
    warm: WarmConverter | None = None


def find_soffice() -> str:
    """The LibreOffice program: ``$DOCGEN_SOFFICE`` if set, else ``soffice`` or ``libreoffice`` on PATH."""
    chosen = os.environ.get(SOFFICE_VARIABLE)
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            raise PdfError(
                _("{variable}={value}: no such program (it should name LibreOffice's soffice)").format(
                    variable=SOFFICE_VARIABLE, value=chosen
                )
            )
        return found
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise PdfError(
            _(
                "PDF output needs LibreOffice, and no soffice or libreoffice program was found: install "
                "it with `sudo apt-get install libreoffice-writer-nogui fonts-ipaexfont` (Debian, Ubuntu), "
                "or set {variable} to the soffice program; .docx output does not need it"
            ).format(variable=SOFFICE_VARIABLE)
        )
    return found


def mincho_face(fonts_conf: Path | None = None, *, work_dir: str | Path | None = None) -> str:
    """The font family fontconfig gives the template's ＭＳ 明朝 under docgen's fonts.conf ("" if none).

    fc-match's home and caches are a throw-away folder in ``work_dir`` (the system's temporary folder when
    None), removed before this returns.
    """
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise PdfError(
            _(
                "PDF output needs fontconfig's fc-match to check the Mincho font, and it was not found: "
                "install it with `sudo apt-get install fontconfig fonts-ipaexfont`"
            )
        )
    with tempfile.TemporaryDirectory(prefix=".docgen-fc-", dir=work_dir) as home:
        try:
            result = subprocess.run(
                [fc_match, "--format=%{family}", TEMPLATE_FONT],
                capture_output=True,
                text=True,
                env=_environment(fonts_conf or FONTS_CONF, Path(home).absolute()),
                timeout=FC_MATCH_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PdfError(
                _("fc-match did not answer within {seconds} s").format(seconds=f"{FC_MATCH_TIMEOUT_S:g}")
            ) from None
    return result.stdout.strip()


def check_mincho(fonts_conf: Path | None = None, *, work_dir: str | Path | None = None) -> None:
    """Refuse to convert unless ＭＳ 明朝 is set in IPAex Mincho: a Gothic face would go unnoticed."""
    face = mincho_face(fonts_conf, work_dir=work_dir)
    if MINCHO_FAMILY not in face.split(","):
        if face:
            message = _(
                "PDF output needs the Mincho font {family}, and it is not installed ({font} would be set in "
                "{instead}): install it with `sudo apt-get install fonts-ipaexfont` (Debian, Ubuntu)"
            )
        else:
            message = _(
                "PDF output needs the Mincho font {family}, and it is not installed ({font} has no font at "
                "all): install it with `sudo apt-get install fonts-ipaexfont` (Debian, Ubuntu)"
            )
        raise PdfError(message.format(family=MINCHO_FAMILY, font=TEMPLATE_FONT, instead=face.split(",")[0]))


def check_libreoffice(*, work_dir: str | Path | None = None) -> Office:
    """LibreOffice, once all a PDF needs is there; else ``PdfError`` saying what to install.

    ``work_dir``: where fc-match may write (see ``mincho_face``).
    """
    soffice = find_soffice()
    check_mincho(work_dir=work_dir)
    return Office(soffice)


def default_timeout(count: int) -> float:
    return BASE_TIMEOUT_S + TIMEOUT_PER_DOCUMENT_S * count


def default_jobs(count: int) -> int:
    """How many soffice processes convert ``count`` documents: one per core docgen may use, at most four, at
    most one per document."""
    return max(1, min(_cores(), MAX_DEFAULT_JOBS, count))


def usable_jobs(jobs: int | None, count: int) -> int:
    """How many soffice processes convert ``count`` documents when ``jobs`` are asked for (None: the
    default): never more than the cores docgen may use, nor than the documents."""
    if jobs is None:
        return default_jobs(count)
    return max(1, min(jobs, _cores(), count))


def usable_cores() -> int:
    """The cores docgen may use: what ``--jobs`` is capped at."""
    return _cores()


def _cores() -> int:
    """The cores this process may run on: a container or ``taskset`` may allow fewer than the machine has."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def convert_to_pdf(
    docx_paths: Sequence[str | Path],
    out_dir: str | Path | None = None,
    *,
    timeout: float | None = None,
    jobs: int | None = None,
    progress: Callable[[Path], None] | None = None,
    office: Office | None = None,
    work_dir: str | Path | None = None,
    shown: Sequence[str] | None = None,
) -> list[Path]:
    """Convert .docx files to PDF; returns the PDFs in the order of ``docx_paths``. ``shown`` names each
    document in messages (default: its path), e.g. the agreement it was made from rather than a staged copy.

    Each PDF is ``<out_dir>/<name>.pdf``, or ``<name>.pdf`` beside its .docx when ``out_dir`` is None.
    Nothing is written unless every document converted into a PDF that parses.

    ``jobs``: how many soffice processes share the batch (default: ``default_jobs``; never more than the cores
    docgen may use, see ``usable_jobs``), each converting a part of it of about the same size in bytes.
    ``timeout`` (seconds, default 60 + 5 per document) bounds the whole batch;
    LibreOffice is killed when it runs over, and when one process fails the others are killed too.
    ``progress`` is called with a PDF's target path as soon as soffice has finished it (the file at that
    path is written once all are done). ``office``, from ``check_libreoffice``, saves checking again.
    ``work_dir`` holds the staged copies, profiles and LibreOffice's home while it runs, in a folder of
    their own removed afterwards; by default that folder is made in ``out_dir``, or beside the first .docx.
    """
    sources = [Path(p) for p in docx_paths]
    if not sources:
        return []
    for source in sources:
        if not source.is_file():
            raise PdfError(_("{file}: no such .docx file").format(file=source))
    targets = [(Path(out_dir) if out_dir is not None else s.parent) / f"{s.stem}.pdf" for s in sources]
    claimed: dict[Path, Path] = {}
    for source, target in zip(sources, targets, strict=True):
        if target.resolve() in claimed:
            raise PdfError(
                _("{file} and {other} would both be converted to {target}").format(
                    file=source, other=claimed[target.resolve()], target=target
                )
            )
        claimed[target.resolve()] = source
    if jobs is not None and jobs < 1:
        raise PdfError(
            _("the number of LibreOffice processes must be 1 or more, not {jobs}").format(jobs=jobs)
        )
    count = usable_jobs(jobs, len(sources))
    limit = timeout if timeout is not None else default_timeout(len(sources))
    place = work_dir if work_dir is not None else out_dir if out_dir is not None else sources[0].parent

    with _work_folder(Path(place)) as work:
        office = office or check_libreoffice(work_dir=work)
        names = list(shown) if shown is not None else [str(source) for source in sources]
        pdfs = _convert_warm(office.warm, sources, names, targets, limit, progress)
        if pdfs is None:
            staged = _stage(sources, work / "in")
            runs = [
                _Run(chunk, [staged[i] for i in chunk], work / f"soffice-{number}")
                for number, chunk in enumerate(_balanced([_size(s) for s in sources], count), start=1)
            ]
            pdfs = _convert(runs, names, targets, office.soffice, limit, progress)
        for data, target in zip(pdfs, targets, strict=True):
            write_atomic(target, data)
    return targets


def _convert_warm(
    warm: WarmConverter | None,
    sources: list[Path],
    names: list[str],
    targets: list[Path],
    timeout: float,
    progress: Callable[[Path], None] | None,
) -> list[bytes] | None:
    """The PDFs made by a warm LibreOffice, fed from one queue; None when there is none that can run here.

    Its processes were started with the batch, so each document costs a load and an export; they read the
    documents where they are (each PDF is named by its position, so equal names do not collide)."""
    if warm is None or not warm.usable:
        return None
    told = (lambda index: progress(targets[index])) if progress else None
    try:
        return warm.convert(sources, names, timeout, told)
    except Unusable:
        return None


@contextmanager
def _work_folder(place: Path) -> Iterator[Path]:
    """A throw-away folder inside ``place``; ``place`` and its parents are removed again if they were made
    for it and stay empty, so that a failed conversion leaves no empty output folder behind."""
    made = []
    folder = place.absolute()
    while not folder.exists() and folder != folder.parent:
        made.append(folder)
        folder = folder.parent
    try:
        try:
            place.mkdir(parents=True, exist_ok=True)
            work = tempfile.TemporaryDirectory(prefix=".docgen-pdf-", dir=place)
        except OSError as error:
            raise PdfError(
                _("{folder}: cannot make a work folder for LibreOffice there: {reason}").format(
                    folder=place, reason=error.strerror or error
                )
            ) from None
        with work:
            yield Path(work.name).absolute()
    finally:
        for folder in made:  # the deepest first
            try:
                folder.rmdir()
            except OSError:
                break


def soffice_environment(home: Path) -> dict[str, str]:
    """The environment a LibreOffice docgen starts runs in: docgen's fonts, every place it writes in ``home``
    (``docgen serve`` keeps one running for its previews)."""
    return _environment(FONTS_CONF, home)


def _environment(fonts_conf: Path, home: Path) -> dict[str, str]:
    """The environment for soffice and fc-match: docgen's fonts, and every place they write inside ``home``.

    LibreOffice writes its temporary files to ``$TMPDIR`` (and leaves them there when killed), dconf a marker
    file to ``$XDG_RUNTIME_DIR`` or ``$XDG_CACHE_HOME``, fontconfig its caches to ``$XDG_CACHE_HOME`` or
    ``~/.fontconfig``. ``$XDG_DATA_HOME`` keeps pointing at the user's: fonts installed without root live
    in its ``fonts`` folder, and nothing writes there.
    """
    places = {
        "HOME": home,
        "TMPDIR": home / "tmp",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_RUNTIME_DIR": home / "run",
    }
    for folder in places.values():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # a runtime folder must be the user's alone
    environ = dict(os.environ)
    environ.setdefault("XDG_DATA_HOME", os.path.expanduser("~/.local/share"))
    environ.update({name: str(folder) for name, folder in places.items()})
    environ["FONTCONFIG_FILE"] = str(fonts_conf)
    return environ


def _stage(sources: list[Path], folder: Path) -> list[Path]:
    """Copy the documents into one folder under names that differ: soffice names each PDF after its input.

    ``output/a/mine.docx`` and ``output/b/mine.docx`` would both become ``--outdir/mine.pdf``.
    """
    folder.mkdir()
    stems = [s.stem for s in sources]
    staged = []
    for index, source in enumerate(sources):
        name = source.name if stems.count(source.stem) == 1 else f"{source.stem}.{index}{source.suffix}"
        copy = folder / name
        shutil.copyfile(source, copy)
        staged.append(copy)
    return staged


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _balanced(sizes: list[int], jobs: int) -> list[list[int]]:
    """The positions of ``sizes`` in ``jobs`` parts of nearly equal total size, each in the batch's order.

    The largest document goes first to the part with least so far (ties: the first part), the classic
    longest-first rule: within a third of the best split, and exact for documents of equal size (the
    parts' counts then differ by one at most).
    """
    loads = [0] * jobs
    parts: list[list[int]] = [[] for _ in range(jobs)]
    for index in sorted(range(len(sizes)), key=lambda i: -sizes[i]):  # stable: equal sizes in order
        job = loads.index(min(loads))
        parts[job].append(index)
        loads[job] += sizes[index] + 1  # + 1: each document costs something, however small
    return [sorted(part) for part in parts if part]


@dataclass
class _Run:
    """One soffice process and the part of the batch it converts, in a folder of its own."""

    indexes: list[int]  # positions in the batch
    staged: list[Path]
    folder: Path
    process: subprocess.Popen[bytes] | None = None
    reported: set[int] = field(default_factory=set)  # indexes whose progress was reported
    pdfs: dict[int, bytes] | None = None  # what it wrote, read once it exited

    @property
    def profile(self) -> str:
        return (self.folder / "profile").as_uri()

    def pdf(self, staged: Path) -> Path:
        return self.folder / "out" / f"{staged.stem}.pdf"

    def start(self, soffice: str) -> None:
        self.folder.mkdir()
        command = [
            soffice,
            f"-env:UserInstallation={self.profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(self.folder / "out"),
            *map(str, self.staged),
        ]
        # output to a file, not a pipe that nobody reads while waiting; a session of its own, so that a
        # kill reaches soffice.bin too, not only the oosplash wrapper
        with (self.folder / "log").open("wb") as log:
            try:
                self.process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=_environment(FONTS_CONF, self.folder / "home"),
                    start_new_session=True,
                )
            except OSError as error:
                raise PdfError(
                    _("LibreOffice ({program}) did not start: {reason}").format(
                        program=soffice, reason=error.strerror or error
                    )
                ) from None

    def report(self, targets: list[Path], progress: Callable[[Path], None]) -> None:
        """Report each PDF that soffice has finished writing since the last look."""
        for index, staged in zip(self.indexes, self.staged, strict=True):
            if index not in self.reported and ends_like_pdf(self.pdf(staged)):
                self.reported.add(index)
                progress(targets[index])

    def finish(self, sources: list[str]) -> list[tuple[int, str]]:
        """Once soffice exited: read and check its PDFs; the problems, each with its document's index."""
        assert self.process is not None and self.process.returncode is not None
        lines = (self.folder / "log").read_bytes().decode("utf-8", "replace").splitlines()
        useful = [
            line.strip()
            for line in lines
            if line.strip() and not line.startswith("convert ") and not any(n in line for n in NOISE)
        ]
        messages = "; ".join(useful[-5:])
        if messages:
            detail = _("exit status {status}: {messages}").format(
                status=self.process.returncode, messages=messages
            )
        else:
            detail = _("exit status {status}").format(status=self.process.returncode)
        pdfs, problems = {}, []
        for index, staged in zip(self.indexes, self.staged, strict=True):
            try:
                data = self.pdf(staged).read_bytes()
            except OSError:
                message = _("{file}: LibreOffice wrote no PDF ({detail})").format(
                    file=sources[index], detail=detail
                )
                problems.append((index, message))
                continue
            problem = pdf_problem(data)
            if problem:
                message = _("{file}: LibreOffice wrote a broken PDF: {problem} ({detail})").format(
                    file=sources[index], problem=problem, detail=detail
                )
                problems.append((index, message))
            pdfs[index] = data
        self.pdfs = pdfs
        return problems

    def stop(self) -> None:
        """Kill soffice with its children if it still runs."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            if hasattr(os, "killpg"):
                os.killpg(self.process.pid, signal.SIGKILL)
            else:
                self.process.kill()
        except ProcessLookupError:
            pass
        self.process.wait()
        remove_ipc_socket(self.profile)


def _convert(
    runs: list[_Run],
    sources: list[str],
    targets: list[Path],
    soffice: str,
    timeout: float,
    progress: Callable[[Path], None] | None,
) -> list[bytes]:
    """Run every soffice at once and wait for all; the PDFs' bytes in the batch's order."""
    deadline = time.monotonic() + timeout
    try:
        for run in runs:
            run.start(soffice)
        while True:
            problems: list[tuple[int, str]] = []
            waiting = False
            for run in runs:
                if run.pdfs is not None:
                    continue
                assert run.process is not None
                exited = run.process.poll() is not None
                if exited:
                    problems += run.finish(sources)
                if progress:
                    run.report(targets, progress)
                waiting = waiting or not exited
            if problems:
                # one process failed: the batch cannot be written, so the others need not finish
                raise PdfError("\n".join(message for _index, message in sorted(problems)))
            if not waiting:
                break
            if time.monotonic() >= deadline:
                message = ngettext(
                    "LibreOffice ({program}) did not finish converting {count} document to PDF within "
                    "{seconds} s and was stopped",
                    "LibreOffice ({program}) did not finish converting {count} documents to PDF within "
                    "{seconds} s and was stopped",
                    len(sources),
                )
                raise PdfError(message.format(program=soffice, count=len(sources), seconds=f"{timeout:g}"))
            time.sleep(POLL_S)
    finally:
        for run in runs:
            run.stop()
    made = {index: data for run in runs for index, data in (run.pdfs or {}).items()}
    return [made[index] for index in range(len(sources))]


def remove_ipc_socket(profile: str, *pipes: str) -> None:
    """Remove the sockets a killed soffice leaves in /tmp, whatever ``$TMPDIR`` says: its single-instance
    socket, and the named ``pipes`` it listened on (a warm LibreOffice's)."""
    for socket in office_sockets(profile, *pipes):
        with suppress(OSError):
            if socket.is_socket():
                socket.unlink()


def office_sockets(profile: str, *pipes: str) -> list[Path]:
    """Where the soffice of ``profile`` keeps its sockets while it runs.

    LibreOffice names its single-instance socket after an MD5 of the profile's URL in UTF-16, each byte in hex
    without a leading zero (desktop/source/app/officeipcthread.cxx), a named pipe after its name
    (sal/osl/unx/pipe.cxx), and removes them when it exits normally; /var/tmp is their place when /tmp is not
    writable.
    """
    if not hasattr(os, "getuid"):
        return []
    md5 = hashlib.md5(profile.encode("utf-16-le"), usedforsecurity=False)
    digest = "".join(f"{byte:x}" for byte in md5.digest())
    names = [f"SingleOfficeIPC_{digest}", *pipes]
    return [
        Path(folder) / f"OSL_PIPE_{os.getuid()}_{name}" for folder in ("/tmp", "/var/tmp") for name in names
    ]
