"""The terminal side of docgen's commands: what ``docgen.cli`` shows while a command works (``progress``),
and the commands kept outside ``docgen/cli.py``, one module each (``new``, ``abolish``): its arguments
(``arguments(parser, shared)``) and what it does (``run(args)``), whose ``UserError`` cli.py catches as it
does its own. A command module imports the library only inside ``run``, so that ``docgen --help`` stays
cheap.

May import: every layer of the library below it; never ``docgen.cli`` or the web app above it.
"""
