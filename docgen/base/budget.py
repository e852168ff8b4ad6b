"""What one render of a template or a text field may spend: steps, characters built, and time.

A template from elsewhere can loop without end or build text without end while each single value it makes
stays small (docgen.base.sandbox bounds those), so each render gets a ``Budget``. The sandbox's hooks count a
step for each loop pass, call, filter, test, operator and attribute lookup, and add the characters each value
they see built; the render stops with ``Refused`` beyond ``MAX_STEPS``, ``MAX_CHARACTERS`` or ``MAX_SECONDS``.

The time is kept without signals (a signal reaches the main thread only, and docgen's library may be used
from any thread): one watchdog thread marks a budget late when its time is up, and the render stops at its
next step. Reading the clock at every step would cost more than the step itself.
"""

from __future__ import annotations

import bisect
import contextvars
import itertools
import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from jinja2.sandbox import SecurityError

from docgen.base.i18n import _

MAX_STEPS = 250_000  # loop passes, calls, filters, operators and lookups in one render: a document makes ~300
MAX_CHARACTERS = 10_000_000  # characters one render may build in all, output included: a document ~55,000
MAX_SECONDS = 2.0  # wall time of one render: a document takes ~0.01 s, a text field less

_WATCHED = 1024  # steps between two readings of the clock while the watchdog keeps the time


class Refused(SecurityError):
    """A template asked for more than a limit allows; the message says what and the limit."""


class Late(Refused):
    """A render still running when its time was up."""


class Budget:
    """What one render has used: steps, characters built, and whether its time is up."""

    __slots__ = ("steps", "characters", "deadline", "late", "_every", "_check_at")

    def __init__(self, *, watched: bool = True) -> None:
        self.steps = 0
        self.characters = 0
        self.deadline = time.monotonic() + MAX_SECONDS
        self.late = False
        self._every = _WATCHED if watched and _WATCHDOG.watch(self) else 1
        self._check_at = min(self._every, MAX_STEPS + 1)

    def step(self) -> None:
        self.steps += 1
        if self.steps >= self._check_at or self.late:
            self._check()

    def _check(self) -> None:
        if self.steps > MAX_STEPS:
            raise Refused(
                _(
                    "refused: more than {most} steps (loop passes, calls, filters and lookups; the limit "
                    "is {most})"
                ).format(most=MAX_STEPS)
            )
        if self.late or time.monotonic() > self.deadline:
            raise Late(
                _("refused: still running after {seconds} seconds (the limit)").format(
                    seconds=f"{MAX_SECONDS:g}"
                )
            )
        self._check_at = min(self.steps + self._every, MAX_STEPS + 1)

    def build(self, characters: int) -> None:
        self.characters += characters
        if self.characters > MAX_CHARACTERS:
            raise Refused(
                _("refused: more than {most} characters built in all (the limit is {most})").format(
                    most=MAX_CHARACTERS
                )
            )


class _Watchdog:
    """One thread for every render in the process: it marks a budget late when its time is up."""

    def __init__(self) -> None:
        self._reset()
        if hasattr(os, "register_at_fork"):  # a forked child has no thread, and must not share the lock
            os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self._condition = threading.Condition()
        # by deadline, soonest first: a sorted list (bisect is imported with Jinja, heapq would not be)
        self._due: list[tuple[float, int, Budget]] = []
        self._count = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, budget: Budget) -> bool:
        """Keep the time of budget; False when no thread can be started (the budget reads the clock)."""
        with self._condition:
            if self._thread is None:
                thread = threading.Thread(target=self._run, name="docgen-render-watchdog", daemon=True)
                try:
                    thread.start()
                except RuntimeError:
                    return False
                self._thread = thread
            bisect.insort(self._due, (budget.deadline, next(self._count), budget))
            if self._due[0][2] is budget:
                self._condition.notify()
        return True

    def _run(self) -> None:
        condition = self._condition
        with condition:
            while True:
                if not self._due:
                    condition.wait()
                    continue
                deadline, _, budget = self._due[0]
                wait = deadline - time.monotonic()
                if wait > 0:
                    condition.wait(wait)
                    continue
                del self._due[0]
                budget.late = True


_WATCHDOG = _Watchdog()
_CURRENT: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("docgen_budget", default=None)


def current() -> Budget:
    """The running render's budget; outside a render (Jinja folding constants while it compiles), one of its
    own, so that the bounds on single values still apply."""
    return _CURRENT.get() or Budget(watched=False)


def step() -> None:
    """A step of the running render (``current().step()``, done here: the sandbox's hooks call it some 300
    times a document). Outside a render, a budget of its own would never be spent by one step."""
    spending = _CURRENT.get()
    if spending is not None:
        spending.steps += 1
        if spending.steps >= spending._check_at or spending.late:
            spending._check()


def build(characters: int) -> None:
    """Characters built by the running render (``current().build``)."""
    (_CURRENT.get() or Budget(watched=False)).build(characters)


def budgeted(root: Callable[[Any], Iterator[str]]) -> Callable[[Any], Iterator[str]]:
    """A template's render function that runs with a budget of its own and counts what it writes.

    The budget is current only while the template's code runs, not while the caller holds the output, so a
    generator from ``Template.generate`` consumed elsewhere, or left unfinished, never leaks it.
    """

    def render(context: Any) -> Iterator[str]:
        budget = Budget()
        output = root(context)
        while True:
            token = _CURRENT.set(budget)
            try:
                piece = next(output)
            except StopIteration:
                return
            finally:
                _CURRENT.reset(token)
            budget.build(len(piece))
            yield piece

    return render


def render_whole(
    root: Callable[[Any], Iterator[str]], context: Any, concat: Callable[[Iterator[str]], str]
) -> str:
    """A whole render at once (``Template.render``) of a template's own render function (not ``budgeted``):
    the budget current once for the render. What the render writes is counted once, at the end: while it
    runs, every loop pass counts the text its body writes and every print what it prints
    (docgen.base.sandbox), so output cannot grow unseen between two pieces."""
    budget = Budget()
    token = _CURRENT.set(budget)
    try:
        text = concat(root(context))
        budget.build(len(text))
        return text
    finally:
        _CURRENT.reset(token)
