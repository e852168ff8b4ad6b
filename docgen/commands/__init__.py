"""The terminal side of docgen's commands: what ``docgen.cli`` shows while a command works.

May import: every layer of the library below it; never ``docgen.cli`` or the web app above it.
"""
