"""How a command stops: SIGTERM unwinds as Ctrl-C does, so that what a command staged is removed, and each
ends with the exit status a shell gives it (128 + the signal's number)."""

from __future__ import annotations

from docgen.base.i18n import _

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a killed job


class Terminated(KeyboardInterrupt):
    """SIGTERM: unwinds as Ctrl-C does, and exits with its own status."""


def stop_on_terminate(signum: int, frame: object) -> None:
    # SIGTERM (a killed job, a closed CI step) unwinds like Ctrl-C, so that staged files are removed
    raise Terminated


def exit_status(stop: KeyboardInterrupt) -> int:
    return EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED


def tell_leftovers(leftovers: list, clean: bool) -> None:
    """Each document an earlier build wrote whose agreement is gone: removed, or listed to remove."""
    for old in leftovers:
        if clean:
            message = _("removed {path}: its agreement {source} is gone")
        else:
            message = _("note: {path}: its agreement {source} is gone; docgen build --clean removes it")
        print(message.format(path=old.path, source=old.source))
