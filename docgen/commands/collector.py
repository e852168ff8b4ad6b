"""Python's cyclic garbage collector while a command starts: paused while it imports, on for its work.

A cold ``docgen build`` imports some two hundred modules (Jinja's, PyYAML's, docgen's and the standard
library's they use), and the collector runs dozens of times meanwhile, finding next to nothing to free: what
a module defines lives as long as the process. Counted by callgrind (Python 3.11, a wheel install), that
was 13 M of a cold build's 380 M instructions. So the console script (``docgen.cli.run``) pauses the
collector before it imports a command (``pause``), and the command resumes it once its modules are loaded
(``resume``), ``build`` and ``check`` after their own imports, every other command before it runs.

``resume`` first moves what exists by then to the permanent generation (``gc.freeze``), which no later
collection walks: a batch of thousands of agreements collects its own garbage as before (its memory stays
flat; ``benchmarks/speed.py`` measures it) without walking the modules' objects each time.

A program that calls ``docgen.cli.main`` keeps its collector as it set it: only ``pause`` turns it off, and
``resume`` turns on only what ``pause`` turned off.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Pause the collector until ``resume`` (the console script, before it imports a command)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """The collector on again, if ``pause`` paused it; what the imports made is frozen out of its walks."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
