"""The ground layer: what both the model and the Word engine stand on.

Holds the error hierarchy (``errors``), Japanese legal conventions (``ja``: 和暦, 甲乙丙, joins,
numbering; ``denote``: what a literal 前条, 同項 or 第3条第2項 names), the one place Jinja environments are
made (``sandbox`` with its ``budget`` and ``sizes`` guards, and ``quick`` for the simplest fields), the small
values a template may read (``printed``), checks of characters in hand-typed text (``chars``), and
deterministic zip output with atomic writes (``output``), and docgen's regular expressions compiled ahead of
time (``patterns``, from ``patterns_data`` recorded by ``patterns_ahead``).

May import: the standard library, Jinja and MarkupSafe — no other part of docgen.
"""
