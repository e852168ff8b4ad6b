"""The terminal side of docgen's commands: what ``docgen.cli`` shows while a command works (``progress``),
the parser (``parser``) and the commands' bodies (``dispatch``), the help screens printed without argparse
(``screens``, from ``screens_data`` recorded by ``screens_ahead``), and the commands kept in a module each
(``new``, ``abolish``): its arguments (``arguments(parser, shared)``) and what it does (``run(args)``), whose
``UserError`` dispatch.py catches as it does its own. A command module imports the library only inside
``run``, so that parsing a command's arguments stays cheap.

May import: every layer of the library below it; never ``docgen.cli`` or the web app above it.
"""
