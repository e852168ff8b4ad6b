"""The terminal side of docgen's commands: what ``docgen.cli`` shows while a command works and how a command
stops (``terminal``), a command line read without argparse (``words``, from ``words_data`` recorded by
``words_ahead``) or with it (``dispatch``, with the parser of ``parser`` and the values of ``values``), the
commands' bodies (``execute``), Python's garbage collector paused while a command imports (``collector``),
the help screens printed without argparse (``screens``, from ``screens_data`` recorded by
``screens_ahead``), and the commands kept in a module each (``new``, ``abolish``): its arguments
(``arguments(parser, shared)``) and what it does (``run(args)``), whose ``UserError`` execute.py catches as
it does its own. A command module imports the library only inside ``run``, so that parsing a command's
arguments stays cheap.

May import: every layer of the library below it; never ``docgen.cli`` or the web app above it.
"""
