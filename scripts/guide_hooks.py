"""MkDocs hooks for the guide (mkdocs.yml: hooks).

Japanese is written without spaces, but the Markdown source is wrapped at ~110 columns, and a browser shows
a line break inside a paragraph as a space: 「既知の名前に近 い名前」. Before the page is converted, a line
break between two Japanese characters (kana, kanji, full-width forms and punctuation) is removed, outside
code blocks. A break next to Latin text or code stays a space, as Japanese technical writing spaces those.
"""

from __future__ import annotations

import re

JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def join_japanese_lines(markdown: str) -> str:
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        match = FENCE.match(line)
        if fence is not None:  # inside a code block: as written
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if match:
            fence = match.group(1)
            out.append(line)
            continue
        previous = out[-1] if out else ""
        text = line.lstrip()
        if (
            previous
            and JAPANESE.fullmatch(previous[-1])
            and text
            and JAPANESE.fullmatch(text[0])
            and not previous.lstrip().startswith(("#", "<!--", "|"))
            and not FENCE.match(previous)
        ):
            out[-1] = previous + text  # the same paragraph: no space between Japanese characters
        else:
            out.append(line)
    return "\n".join(out)


def on_page_markdown(markdown: str, **_: object) -> str:
    return join_japanese_lines(markdown)
