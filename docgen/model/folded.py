"""A list item indented one level too deep, which YAML reads as part of the item above it.

    parties:
      - 山口市
        - 美祢市

is valid YAML: the second line continues the first item's plain text, so ``parties`` is one item,
「山口市 - 美祢市」. What a reader then hears ("needs at least 2 items", an unknown municipality) points
away from the cause; so a plain text that goes on over a line beginning with ``-`` is reported as the
indentation it is.
Block texts (``>-``, ``|``) are what a text of several lines is written as, and are not touched.
"""

from __future__ import annotations

from yaml.nodes import ScalarNode

from docgen.base.i18n import _

Position = tuple[int, int]


def folded_item(node: ScalarNode, lines: list[str]) -> tuple[Position, str] | None:
    """Where a line beginning with ``- `` was folded into the plain text ``node``, with the message."""
    if node.style is not None or node.end_mark.line <= node.start_mark.line:
        return None
    for number in range(node.start_mark.line + 1, min(node.end_mark.line, len(lines) - 1) + 1):
        line = lines[number]
        stripped = line.lstrip(" ")
        if stripped == "-" or stripped.startswith("- "):
            column = len(line) - len(stripped)
            message = _(
                "'{line}' is indented deeper than the line above it, so YAML reads both as one text, "
                "'{text}': begin it at the same column as the '-' of the item above"
            ).format(line=stripped.rstrip(), text=node.value)
            return (number + 1, column + 1), message
    return None
