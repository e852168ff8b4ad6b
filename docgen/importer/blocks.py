"""Reading the harder parts of an outline: item labels and their readings, signature blocks (also when laid
out as a table), and 別表 tables of roles or of fields and sections.
"""

from __future__ import annotations

from docgen.base.patterns import regex
from docgen.importer.outline import Block, Paragraph, Table
from docgen.importer.recognised import (
    APPENDIX,
    ITEM_PATTERNS,
    KANA,
    NAME_LINE,
    PAREN_DIGITS,
    PARTY_LABEL,
    SEAL,
    SP,
    SPACE,
    TITLE_LINE,
    Field,
    Group,
    Item,
    Row,
    Signature,
    candidates,
    strip,
)

# --- helpers -------------------------------------------------------------------------------------------


def item_number(item: Item) -> int:
    for style, number in candidates(*_label_parts(item.label)):
        if style == item.style:
            return number
    return 0


def _label_parts(label: str) -> tuple[str, str]:
    paren = label[:1] in "(（"
    inner = label.strip("()（）")
    if inner.isdigit() or all("0" <= c <= "9" or "０" <= c <= "９" for c in inner):
        style = "(1)" if paren else "1"
    elif inner in KANA:
        style = "(ア)" if paren else "ア"
    else:
        style = "(a)" if paren else "a"
    return style, inner


def item_readings(text: str) -> list[tuple[str, int, str, str]]:
    """Every way the text's start reads as an item label: (style, number, label as written, rest)."""
    if text[:1] in PAREN_DIGITS:  # ⑴: one character for (1)
        number = PAREN_DIGITS.index(text[0]) + 1
        return [("(1)", number, text[0], strip(text[1:]))]
    readings = []
    for style, pattern in ITEM_PATTERNS:
        match = pattern.match(text)
        if not match or not match.group(2).strip(SPACE):
            continue
        value = match.group(1)
        label = text[: match.start(2)].rstrip(SPACE)
        for reading_style, number in candidates(style, value):
            readings.append((reading_style, number, label, single_line(match.group(2))))
    return readings


def single_line(text: str) -> str:
    """A paragraph's text on one line: line breaks inside it are layout (the comparison reads them as
    nothing), and the spaces around it are indents."""
    return strip("".join(strip(line) if i else line.rstrip(SPACE) for i, line in enumerate(text.split("\n"))))


def joined_text(block: Paragraph) -> str:
    return single_line(strip(block.text))


def is_appendix(text: str) -> bool:
    compact = text.replace(" ", "").replace("\u3000", "")
    return bool(APPENDIX.match(compact)) and len(compact) <= 40


def signature_like(block: Paragraph) -> bool:
    """A paragraph that can belong to a signature block: short lines, none of them a sentence."""
    return all(len(strip(line)) <= 40 and not strip(line).endswith("。") for line in block.lines)


def layout_table_lines(table: Table) -> list[str]:
    """The lines of a layout table that holds signature blocks: column by column when each column holds a
    party (its first cell starts with a label or the columns are as many as the blocks), else row by row."""
    rows = table.grid_rows()
    width = max((len(row) for row in rows), default=0)
    first = rows[0] if rows else []
    labelled = [cell for cell in first if PARTY_LABEL.match(strip(cell.split("\n")[0]) or "-")]
    by_column = width > 1 and len(labelled) > 1
    cells = (
        [row[c] if c < len(row) else "" for c in range(width) for row in rows]
        if by_column
        else [cell for row in rows for cell in row]
    )
    return [strip(line) for cell in cells for line in cell.split("\n") if strip(line)]


def read_signatures(lines: list[tuple[str, Block]]) -> list[Signature]:
    """Signature blocks from their lines: [label] address, name, title [head] — a label, or an address
    after a finished block, begins the next."""
    blocks: list[Signature] = []
    current: Signature | None = None

    def new(where: str) -> Signature:
        nonlocal current
        current = Signature(where=where)
        blocks.append(current)
        return current

    for index, (text, block) in enumerate(lines):
        text = text.strip(SPACE)
        following = lines[index + 1][0] if index + 1 < len(lines) else ""
        sealed = bool(SEAL.search(text)) and len(text) > 1
        if sealed:
            text = SEAL.sub("", text)
        label = PARTY_LABEL.match(text)
        if label and (current is None or current.title is not None or current.label is None):
            signature = new(block.where)
            signature.label = label.group(1)
            rest = strip(label.group(2) or "")
            if rest:
                signature.address = rest
            continue
        title = TITLE_LINE.match(text)
        if title and (current is None or current.title is None) and len(text) <= 30:
            signature = current if current is not None else new(block.where)
            signature.title = title.group(1)
            head = strip(title.group(2))
            if head:
                signature.head = head
                signature.seal = sealed
            continue
        # a name line followed by its head's title begins the next block, even where a head was expected
        names_next = (
            bool(NAME_LINE.match(text)) and following.startswith(text) and TITLE_LINE.match(following)
        )
        if (
            current is not None
            and current.title is not None
            and current.head is None
            and _is_head(text)
            and not names_next
        ):
            current.head = text
            current.seal = sealed
            continue
        if NAME_LINE.match(text) and (current is None or current.name is None) and not _is_address(text):
            signature = current if current is not None and current.title is None else new(block.where)
            signature.name = text
            continue
        # an address: it begins a block, unless the block begun by a label has none yet
        if current is None or current.title is not None or current.name is not None or current.address:
            signature = new(block.where)
        else:
            signature = current
        signature.address = text
    return [b for b in blocks if b.name or b.title or b.address]


def _is_address(text: str) -> bool:
    return any(c.isdigit() for c in text) or "番" in text or "丁目" in text


def _is_head(text: str) -> bool:
    return 1 < len(text.replace(" ", "").replace("\u3000", "")) <= 12 and not any(c.isdigit() for c in text)


def looks_like_appendix_table(table: Table) -> bool:
    rows = table.grid_rows()
    return bool(rows) and any("の役割" in cell for cell in rows[0])


_FIELD = regex(rf"^([0-9]+){SP}+(.+)$")
_SECTION = regex(rf"^[（(]([0-9]+)[）)]{SP}*(.+)$")
_KANA_ROW = regex(rf"^([{''.join(KANA)}]){SP}+(.+)$")


def structured_appendix(content: list[Block], parties: int) -> tuple[str, list[str], list[Field]] | None:
    """A 別表 in docgen's shape — fields 「1　…」, sub-fields 「(1)　…」, each with a table of 取組 and
    one role column per party — as (heading, role headers, fields); None when it is not in that shape."""
    fields: list[Field] = []
    heading: str | None = None
    headers: list[str] | None = None
    pending_section: tuple[str, str] | None = None
    for block in content:
        if isinstance(block, Paragraph):
            text = joined_text(block)
            section = _SECTION.match(text)
            field_match = _FIELD.match(text)
            if field_match and int(field_match.group(1)) == len(fields) + 1 and pending_section is None:
                if fields and not fields[-1].groups:
                    return None
                fields.append(
                    Field(number=field_match.group(1), title=strip(field_match.group(2)), groups=[])
                )
            elif section and fields and pending_section is None:
                number = int(section.group(1))
                titled = [g for g in fields[-1].groups if g.title is not None]
                if number != len(titled) + 1 or (fields[-1].groups and not titled):
                    return None
                pending_section = (f"({number})", strip(section.group(2)))
            else:
                return None
            continue
        if not fields:
            return None
        table = _role_table(block, parties)
        if table is None:
            return None
        table_heading, table_headers, rows = table
        if heading is None:
            heading, headers = table_heading, table_headers
        elif (heading, headers) != (table_heading, table_headers):
            return None
        groups = fields[-1].groups
        if pending_section is None:
            if groups:  # a field has one table, or sub-fields with one each
                return None
            groups.append(Group(number=None, title=None, rows=rows))
        else:
            groups.append(Group(number=pending_section[0], title=pending_section[1], rows=rows))
            pending_section = None
    if not fields or pending_section is not None or any(not f.groups for f in fields):
        return None
    assert heading is not None and headers is not None
    return heading, headers, fields


def _role_table(table: Table, parties: int) -> tuple[str, list[str], list[Row]] | None:
    rows = [[strip(single_line(cell)) for cell in row] for row in table.grid_rows()]
    if len(rows) < 2 or any(len(row) != 2 + parties for row in rows):
        return None
    header = rows[0]
    if not header[0] or header[1] not in ("", header[0]):
        return None
    if not all(cell.endswith("の役割") and len(cell) > 3 for cell in header[2:]):
        return None
    result = []
    for index, row in enumerate(rows[1:]):
        label = KANA[index] if index < len(KANA) else None
        match = _KANA_ROW.match(row[0])
        if label is None or not match or match.group(1) != label:
            return None
        result.append(Row(label=label, item=strip(match.group(2)), text=row[1], roles=row[2:]))
    return header[0], header[2:], result
