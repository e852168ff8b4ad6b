"""LibreOffice kept warm: a few ``soffice`` processes started once and fed documents from one queue, for the
workspace's previews (``docgen serve``), where each preview would otherwise pay LibreOffice's start.

``docgen build --pdf`` does not use it: for one batch, one ``soffice --convert-to`` a job took the same
time (``--jobs 2``: 6.51 s against 6.66 s warm for the region's 77 documents on 2 cores) and 8-13% less CPU
(``benchmarks/speed.py``, 2026-12-06): each way pays one LibreOffice start a process.

Each process is ``unoworker.py`` run by a Python that has LibreOffice's ``uno`` module (Debian:
``python3-uno``), talking to its own ``soffice`` over a named pipe; docgen talks to the script over its
stdin and stdout, so no port is opened. A document then costs a load and a PDF export, not a LibreOffice
start, and the processes can start while docgen is still rendering the documents they will convert.

Why a queue: ``soffice --convert-to`` takes its documents on its command line, so a batch has to be dealt
into fixed parts before LibreOffice starts, and one part finishes last while the other process idles. Here
each process asks for the next document as soon as it is done with one, largest first, so that both finish
within a document of each other.

Each process has a private profile, home, temporary folder and fontconfig file inside ``folder``, which the
caller removes afterwards; the sockets LibreOffice keeps in /tmp go with its normal exit, and are removed by
docgen when it has to kill it. When this Python has no ``uno``, or its ``uno`` belongs to another LibreOffice
than the ``soffice`` docgen runs, ``WarmOffice.usable`` turns False and callers convert the one-off way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from docgen.base.errors import PdfError
from docgen.base.i18n import _, ngettext
from docgen.office.pdf import (
    Unusable,
    office_sockets,
    remove_ipc_socket,
    soffice_environment,
)
from docgen.office.pdfcheck import pdf_problem

SCRIPT = Path(__file__).with_name("unoworker.py")
UNO_PYTHON_VARIABLE = "DOCGEN_UNO_PYTHON"
START_TIMEOUT_S = 60.0  # a first start on a cold disk; a start takes 1-3 s
STOP_TIMEOUT_S = 10.0  # LibreOffice's own exit once stdin is closed; then it is killed


def uno_python(soffice: str) -> str | None:
    """The Python to run the worker with: ``$DOCGEN_UNO_PYTHON``, LibreOffice's own (Windows, macOS, the
    LibreOffice.org packages), else the system's (Debian's python3-uno); the worker itself tells whether
    its ``uno`` fits ``soffice``. None: no such program, or ``$DOCGEN_UNO_PYTHON`` set empty (no warm
    LibreOffice: each conversion starts one, as the benchmark compares)."""
    named = os.environ.get(UNO_PYTHON_VARIABLE)
    if named == "":
        return None
    candidates = [named] if named else []
    candidates += [str(Path(os.path.realpath(soffice)).with_name("python")), "/usr/bin/python3"]
    for python in candidates:
        if python and os.access(python, os.X_OK) and not os.path.isdir(python):
            return python
    return None


def pipe_name(folder: Path) -> str:
    """The name of the pipe the warm LibreOffice in ``folder`` listens on: made from the folder (a new one
    each time), so that its socket can be found and removed."""
    return "docgen-warm-" + hashlib.sha256(str(folder.absolute()).encode()).hexdigest()[:16]


def sockets(folder: Path) -> list[Path]:
    """Where the warm LibreOffice in ``folder`` keeps its sockets while it runs (/tmp or /var/tmp)."""
    return office_sockets((folder / "profile").absolute().as_uri(), pipe_name(folder))


class _Worker:
    """One ``unoworker.py`` and its LibreOffice, in a session of its own so that a kill reaches all three."""

    def __init__(self, python: str, soffice: str, folder: Path) -> None:
        folder.mkdir(parents=True)
        self.folder = folder
        self.profile = (folder / "profile").absolute().as_uri()
        self.pipe = pipe_name(folder)
        self.ready = False
        self.busy: int | None = None  # the document it converts now
        with (folder / "log").open("wb") as log:
            self.process = subprocess.Popen(
                [python, "-I", "-B", str(SCRIPT), soffice, self.profile, self.pipe],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env=soffice_environment((folder / "home").absolute()),
                text=True,
                start_new_session=True,
            )

    @property
    def output(self) -> IO[str]:
        assert self.process.stdout is not None
        return self.process.stdout

    def read(self) -> dict[str, object] | None:
        """Its next answer (it has one: the selector said so); None when it stopped."""
        line = self.output.readline()
        if not line:
            return None
        try:
            answer = json.loads(line)
        except ValueError:
            return {"error": line.strip()}
        return answer if isinstance(answer, dict) else {"error": line.strip()}

    def send(self, index: int, docx: Path) -> None:
        assert self.process.stdin is not None
        self.busy = index
        request = {"docx": str(docx.absolute()), "pdf": str(self.pdf(index))}
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except OSError:  # it died; its end of stdout tells the rest
            pass

    def pdf(self, index: int) -> Path:
        return (self.folder / f"{index}.pdf").absolute()

    def log(self) -> str:
        with contextlib.suppress(OSError):
            lines = (self.folder / "log").read_text(encoding="utf-8", errors="replace").splitlines()
            return "; ".join(line.strip() for line in lines[-3:] if line.strip())
        return ""

    def close(self) -> None:
        """Let LibreOffice exit by itself (it removes its sockets then)."""
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()

    def wait(self, timeout: float) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout)
        self.kill()

    def kill(self) -> None:
        """Kill the script, soffice and soffice.bin if they still run, and the sockets they leave in /tmp."""
        if not hasattr(os, "killpg"):  # not on POSIX: no process group to kill
            self.process.kill()
        elif self.process.poll() is None or _group_alive(self.process.pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        # a killed soffice.bin leaves both sockets: its single-instance one and the pipe docgen talked on
        remove_ipc_socket(self.profile, self.pipe)
        for stream in (self.process.stdout, self.process.stdin):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


class WarmOffice:
    """``jobs`` LibreOffice processes, started at once when this is made; ``convert`` feeds them documents.

    ``close`` (or leaving the ``with``) stops them. ``usable`` is False once it is known that this machine has
    no ``uno`` fit for ``soffice``: the caller then converts the one-off way.
    """

    def __init__(self, soffice: str, folder: Path, jobs: int = 1, *, python: str | None = None) -> None:
        self.soffice = soffice
        self.usable = True
        self._workers: list[_Worker] = []
        python = python or uno_python(soffice)
        if python is None:
            self.usable = False
            return
        for number in range(1, jobs + 1):
            try:
                self._workers.append(_Worker(python, soffice, folder / f"warm-{number}"))
            except OSError:
                self.close()
                self.usable = False
                return

    def __enter__(self) -> WarmOffice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for worker in self._workers:  # all at once: each exit takes a few tenths of a second
            worker.close()
        for worker in self._workers:
            worker.wait(STOP_TIMEOUT_S)
        self._workers = []

    def kill(self) -> None:
        for worker in self._workers:
            worker.kill()
        self._workers = []

    def convert(
        self,
        sources: Sequence[Path],
        shown: Sequence[str],
        timeout: float,
        progress: Callable[[int], None] | None = None,
    ) -> list[bytes]:
        """The PDF of each of ``sources`` (named ``shown[i]`` in messages), in their order; largest first to
        whichever process is free. Raises ``PdfError`` naming each document that failed, or when the time
        ran out, and ``Unusable`` when this Python cannot drive LibreOffice; then every process is killed.
        ``progress`` gets each finished document's index."""
        deadline = time.monotonic() + timeout
        order = sorted(range(len(sources)), key=lambda i: -_size(sources[i]))
        made: dict[int, bytes] = {}
        problems: list[tuple[int, str]] = []
        try:
            with selectors.DefaultSelector() as selector:
                for worker in self._workers:
                    selector.register(worker.output, selectors.EVENT_READ, worker)
                while len(made) < len(sources) and not problems:
                    for worker in self._workers:
                        if worker.ready and worker.busy is None and order:
                            index = order.pop(0)
                            worker.send(index, sources[index])
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise PdfError(self._late(len(sources), timeout))
                    if not selector.get_map():
                        raise PdfError(self._not_started(""))
                    for key, _events in selector.select(min(left, 1.0)):
                        worker = key.data
                        answer = worker.read()
                        if answer is None:
                            selector.unregister(worker.output)
                        problem = self._answered(worker, answer, sources, shown, made, progress)
                        if problem:
                            problems.append(problem)
        except BaseException:
            self.kill()  # a failure, the timeout, Ctrl-C: LibreOffice must not go on
            raise
        if problems:
            self.kill()
            raise PdfError("\n".join(message for _index, message in sorted(problems)))
        return [made[index] for index in range(len(sources))]

    def _answered(
        self,
        worker: _Worker,
        answer: dict[str, object] | None,
        sources: Sequence[Path],
        shown: Sequence[str],
        made: dict[int, bytes],
        progress: Callable[[int], None] | None,
    ) -> tuple[int, str] | None:
        """Take one answer of ``worker``: ready, a PDF, or what went wrong (with the document's index)."""
        if answer is not None and "unusable" in answer:
            self.usable = False
            raise Unusable(str(answer["unusable"]))
        if not worker.ready:
            if answer is not None and answer.get("ready") is True:
                worker.ready = True
                return None
            reason = answer.get("error") if answer is not None else None
            raise PdfError(self._not_started(str(reason or worker.log())))
        index, worker.busy = worker.busy, None
        if index is None:  # nothing asked: it stopped by itself
            raise PdfError(
                _("LibreOffice ({program}) stopped by itself: {reason}").format(
                    program=self.soffice, reason=worker.log() or _("no message")
                )
            )
        if answer is None:
            message = _("{file}: LibreOffice stopped while converting it ({detail})").format(
                file=shown[index], detail=worker.log() or _("no message")
            )
            return index, message
        if answer.get("ok") is not True:
            message = _("{file}: LibreOffice wrote no PDF ({detail})").format(
                file=shown[index], detail=answer.get("error")
            )
            return index, message
        try:
            data = worker.pdf(index).read_bytes()
        except OSError:
            data = b""
        problem = pdf_problem(data)
        if problem:
            message = _("{file}: LibreOffice wrote a broken PDF: {problem} ({detail})").format(
                file=shown[index], problem=problem, detail=_("LibreOffice kept running")
            )
            return index, message
        with contextlib.suppress(OSError):
            worker.pdf(index).unlink()  # read: the work folder need not hold the batch twice
        made[index] = data
        if progress is not None:
            progress(index)
        return None

    def _late(self, count: int, timeout: float) -> str:
        message = ngettext(
            "LibreOffice ({program}) did not finish converting {count} document to PDF within "
            "{seconds} s and was stopped",
            "LibreOffice ({program}) did not finish converting {count} documents to PDF within "
            "{seconds} s and was stopped",
            count,
        )
        return message.format(program=self.soffice, count=count, seconds=f"{timeout:g}")

    def _not_started(self, reason: str) -> str:
        return _("LibreOffice ({program}) did not start: {reason}").format(
            program=self.soffice, reason=reason or _("no message")
        )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
