"""Read one YAML file into plain Python values, remembering where every value was written.

The files are typed by hand by people who are not programmers, so the loader is strict where PyYAML is
lenient and never guesses: only plain YAML (mappings, sequences, text, numbers, true/false, empty values and
dates), YAML 1.2 scalars (``no``, ``on`` and ``1:30`` stay text), text keys without duplicates, and no
characters that a Word document cannot hold. Every mistake becomes a ``Problem`` with the file, line and
column, and a file's mistakes are reported together (except syntax errors, where parsing cannot go on).

PyYAML only composes the node tree here (``yaml.compose``); the values are built by walking the nodes, so no
Python object is ever constructed from a tag and every value's position is known.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from docgen.base.chars import BAD_TEXT, char_message, nfc
from docgen.base.errors import AgreementError, Problem
from docgen.base.i18n import _
from docgen.base.patterns import regex
from docgen.model.folded import folded_item
from docgen.model.yaml_messages import syntax_problem, too_deep, too_large, unsupported_tag

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Loaded", "load_yaml", "parse_yaml", "read_file"]

MAX_BYTES = 1024 * 1024
"""Files larger than this are refused before parsing; a real agreement file is a few kilobytes."""
MAX_NODES = 100_000
"""At most this many values are composed, and at most this many more produced by expanding aliases."""
MAX_DEPTH = 64
"""At most this many mappings and sequences nested in one another."""

Loc = tuple[str | int, ...]
Position = tuple[int, int]

_YAML = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
MAP, SEQ = f"{_YAML}map", f"{_YAML}seq"
_SCALAR_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP})

# Characters that XML 1.0, and so a .docx, cannot hold: C0 controls except TAB, LF and CR, U+FFFE, U+FFFF and
# surrogates (which only a "\ud800" escape can produce, as they are not valid UTF-8).
# What PyYAML refuses anywhere in a file; checked before parsing so that every such character is reported.
_BAD_RAW = yaml.reader.Reader.NON_PRINTABLE
# Line breaks as PyYAML counts them, so that our positions agree with its marks.
_LINE_BREAK = regex("\r\n|[\n\r\x85\u2028\u2029]")


class Loaded:
    """A loaded file: its plain data and the 1-based (line, column) of every value and mapping key in it."""

    __slots__ = ("data", "display_path", "key_marks", "marks", "path")

    def __init__(
        self,
        path: Path,
        data: Any,
        marks: dict[Loc, Position],
        key_marks: dict[Loc, Position],
        display_path: Path | str | None = None,
    ) -> None:
        self.path, self.data, self.marks, self.key_marks, self.display_path = (
            path,
            data,
            marks,
            key_marks,
            display_path,
        )

    def where(self, loc: Sequence[str | int], *, key: bool = False) -> Position | tuple[None, None]:
        """Position of loc; with key=True the key's position if loc is a mapping entry.

        Falls back to the nearest ancestor that has a mark (so a missing field points at the mapping that
        lacks it), and to ``(None, None)`` in an empty file.
        """
        loc = tuple(loc)
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        for end in range(len(loc), -1, -1):
            mark = self.marks.get(loc[:end])
            if mark is not None:
                return mark
        return None, None

    def problem(self, loc: Sequence[str | int], message: str, *, key: bool = False) -> Problem:
        """A Problem at loc (see ``where``) in this file, named as messages show it."""
        line, column = self.where(loc, key=key)
        return Problem(self.shown, line, column, message)

    @property
    def shown(self) -> Path | str:
        """The file's name as messages show it."""
        return self.path if self.display_path is None else self.display_path


def load_yaml(path: Path, *, display_path: Path | str | None = None) -> Loaded:
    """Read and check one YAML file; raises ``AgreementError`` with every problem found.

    ``display_path`` (default: ``path``) names the file in messages. An empty file gives ``data=None``.
    """
    path = Path(path)
    shown = path if display_path is None else display_path
    return parse_yaml(read_file(path, shown), path, display_path=display_path)


def parse_yaml(data: bytes, path: Path, *, display_path: Path | str | None = None) -> Loaded:
    """Check the bytes of a YAML file read from ``path`` (see ``load_yaml``)."""
    shown = path if display_path is None else display_path
    text = _decode(data, shown)
    bad = [
        _at(shown, text, match.start(), char_message(match.group(), "yaml"))
        for match in _BAD_RAW.finditer(text)
    ]
    if bad:
        raise AgreementError(bad)
    root = _compose(text, shown)
    if root is None:
        return Loaded(path, None, {}, {}, display_path)
    builder = _Builder(shown, text)
    data = builder.build(root)
    if builder.problems:
        raise AgreementError(builder.sorted_problems())
    return Loaded(path, data, builder.marks, builder.key_marks, display_path)


# --- reading -----------------------------------------------------------------------------------------------


def read_file(path: Path, shown: Path | str) -> bytes:
    """The file's bytes, or a Problem for a file that is missing, unreadable, not a file or too large."""

    def fail(message: str) -> AgreementError:
        return AgreementError(Problem(shown, None, None, message))

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail(_("is a folder, not a file"))
        # checked before opening: opening a FIFO would wait for a writer forever
        if not stat.S_ISREG(info.st_mode):
            raise fail(_("is not a regular file"))
        if info.st_size > MAX_BYTES:
            raise fail(too_large(info.st_size, MAX_BYTES))
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)  # the file may have grown since stat()
    except FileNotFoundError:
        raise fail(_("file not found")) from None
    except PermissionError:
        raise fail(_("permission denied: the file cannot be read")) from None
    except OSError as error:
        raise fail(_("cannot read the file: {reason}").format(reason=error.strerror or error)) from None
    if len(data) > MAX_BYTES:  # grown since stat(), or a file whose size the system does not know (/proc)
        raise fail(too_large(None, MAX_BYTES))
    return data


def _decode(data: bytes, shown: Path | str) -> str:
    """UTF-8 text without its BOM (PyYAML would count the BOM as a column of line 1)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AgreementError(Problem(shown, 1, 1, _("the file is saved as UTF-16; save it as UTF-8")))
    # what the "utf-8-sig" codec does, without importing its module on every cold build
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        # the text before the bad byte is valid, so its lines and columns can be counted
        before = data[: error.start].decode("utf-8")
        byte = data[error.start]
        message = _("the file is not UTF-8 text (byte 0x{byte} cannot be read); save it as UTF-8").format(
            byte=f"{byte:02X}"
        )
        raise AgreementError(_at(shown, before, len(before), message)) from None


def _at(shown: Path | str, text: str, index: int, message: str) -> Problem:
    """A Problem at a character index of text, counting lines the way PyYAML does."""
    starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text, 0, index)]
    line = bisect.bisect_right(starts, index)
    return Problem(shown, line, index - starts[line - 1] + 1, message)


# --- parsing -----------------------------------------------------------------------------------------------


class _Alias(Node):
    """An alias (``*name``) in the node tree: the node it refers to, and where the alias itself is written."""

    id = "alias"

    def __init__(self, target: Node, anchor: str, mark: yaml.Mark) -> None:
        super().__init__(None, target, mark, mark)
        self.target, self.anchor = target, anchor


class _Loader(yaml.SafeLoader):
    """Composes nodes with YAML 1.2 core schema resolution, and marks aliases and bounds size and nesting.

    Implicit types: ``true``/``false`` (also ``True``, ``TRUE``, ``False``, ``FALSE``); ``~``, ``null`` and an
    empty value; decimal integers without leading zeros (``0``, ``-12``, ``+3``); decimal floats (``1.5``,
    ``.5``, ``1e3``, ``.inf``, ``.nan``); and timestamps (``2017-03-30``). Everything else is text, unlike
    YAML 1.1: ``yes``/``no``/``on``/``off``/``y``/``n``, sexagesimal ``1:30``, ``1_000``, and also (stricter
    than YAML 1.2) octal ``0o17``, hex ``0x1F`` and numbers with leading zeros (``0123``), which in these
    files are codes rather than quantities. ``<<`` is not a merge key.
    """

    # our own table, so that add_implicit_resolver below leaves SafeLoader's untouched
    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._composed = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            return _Alias(super().compose_node(parent, index), event.anchor, event.start_mark)
        event = self.peek_event()
        # The composer recurses once per level and keeps every node: bounded here, before Python's recursion
        # limit or memory is reached.
        self._composed += 1
        if self._composed > MAX_NODES:
            message = _("too many values (more than {most})").format(most=MAX_NODES)
            raise ComposerError(None, None, message, event.start_mark)
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise ComposerError(None, None, too_deep(MAX_DEPTH), event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_Loader.add_implicit_resolver(BOOL, regex(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(INT, regex(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    FLOAT,
    regex(
        r"^(?:[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Loader.add_implicit_resolver(NULL, regex(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
# the timestamp resolver is YAML 1.1's, copied from PyYAML's own table
for _tag, _regexp in yaml.resolver.Resolver.yaml_implicit_resolvers["2"]:
    if _tag == TIMESTAMP:
        _Loader.add_implicit_resolver(TIMESTAMP, _regexp, list("0123456789"))
# The forms that values with an explicit tag (!!int "12") must have too. The float form also matches integers
# (the int resolver comes first, so plain 12 is still an int), which is right for !!float 12.
_FORMS = {tag: regexp for resolvers in _Loader.yaml_implicit_resolvers.values() for tag, regexp in resolvers}


def _compose(text: str, shown: Path | str) -> Node | None:
    fast = _compose_from_libyaml(text)
    if fast is not _SLOW:
        return fast
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise AgreementError(syntax_problem(shown, error)) from None
    except yaml.reader.ReaderError as error:  # not expected: such characters were reported before parsing
        message = char_message(chr(error.character), "yaml")
        raise AgreementError(_at(shown, text, error.position, message)) from None
    finally:
        loader.dispose()


_SLOW = object()  # the fast path declined: compose again with PyYAML's own (Python) parser


def _compose_from_libyaml(text: str) -> Node | None | object:
    """The node tree composed from LibYAML's events, or ``_SLOW``.

    PyYAML's scanner and parser in Python take ~9 ms for a region file that LibYAML parses in 0.4 ms, and a
    cold ``docgen build`` reads three files. Only the events come from LibYAML; the nodes are composed here
    the way ``_Loader`` composes them (same tags, marks and aliases), so the result is the same tree. Anything
    unusual — a syntax error, an anchor defined twice, a bound reached — is left to the slow path, whose
    messages are PyYAML's and are what docgen reports.

    The loop runs once per event of every file a build reads, so it tests event types by identity and
    resolves tags itself, from ``_Loader``'s table, as ``Resolver.resolve`` does (``_Loader`` has no path
    resolvers): a third less than calling the resolver of a loader made for the purpose.
    """
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without LibYAML
        return _SLOW
    parser = CParser(text)
    get_event = parser.get_event
    anchors: dict[str, Node] = {}
    composed = depth = 0
    try:
        get_event()  # StreamStart
        if parser.check_event(StreamEndEvent):
            return None
        get_event()  # DocumentStart
        # an explicit stack instead of recursion: the depth is bounded below, not by Python's stack
        stack: list[tuple[Node, list[Any]]] = []
        root: Node | None = None
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                composed += 1
                if composed > MAX_NODES or event.anchor in anchors:
                    return _SLOW
                tag, value = event.tag, event.value
                if tag is None or tag == "!":
                    tag = _scalar_tag(value, event.implicit[0])
                # LibYAML says '' for a plain scalar where PyYAML says None
                finished: Node = ScalarNode(
                    tag, value, event.start_mark, event.end_mark, style=event.style or None
                )
                if event.anchor is not None:
                    anchors[event.anchor] = finished
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                node, items = stack.pop()
                depth -= 1
                if kind is MappingEndEvent:
                    node.value = list(zip(items[0::2], items[1::2], strict=True))
                else:
                    node.value = items
                node.end_mark = event.end_mark
                finished = node
            elif kind is AliasEvent:
                if event.anchor not in anchors:
                    return _SLOW
                finished = _Alias(anchors[event.anchor], event.anchor, event.start_mark)
            elif kind is SequenceStartEvent or kind is MappingStartEvent:
                composed += 1
                if composed > MAX_NODES or event.anchor in anchors or depth >= MAX_DEPTH:
                    return _SLOW
                tag = event.tag
                if tag is None or tag == "!":
                    tag = SEQ if kind is SequenceStartEvent else MAP
                node_kind = SequenceNode if kind is SequenceStartEvent else MappingNode
                node = node_kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
                if event.anchor is not None:
                    anchors[event.anchor] = node
                stack.append((node, []))
                depth += 1
                continue
            else:  # not an event inside a document
                return _SLOW
            if not stack:
                root = finished
                break
            stack[-1][1].append(finished)
        get_event()  # DocumentEnd
        if not parser.check_event(StreamEndEvent):
            return _SLOW  # a second document: the slow path says so
        return root
    except yaml.YAMLError:
        return _SLOW
    finally:
        parser.dispose()


# what ``_Loader``'s resolver needs to be asked (``Resolver.resolve``): only implicit resolvers, by first
# character, and no path resolvers; a collection without a tag is then a plain map or seq
assert not _Loader.yaml_path_resolvers
_IMPLICIT = _Loader.yaml_implicit_resolvers
_ANY_FIRST = _IMPLICIT.get(None, [])


def _scalar_tag(value: str, plain: bool) -> str:
    """The tag ``_Loader`` resolves for an untagged scalar: ``plain``, the event's first implicit flag."""
    if plain:
        for tag, regexp in _IMPLICIT.get(value[0] if value else "", []) + _ANY_FIRST:
            if regexp.match(value):
                return tag
    return STR


# --- building values ---------------------------------------------------------------------------------------


class _Abort(Exception):
    """Stops building: the problem already recorded makes going on pointless (aliases expand too far)."""


def _tag_text(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag


def _position(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Walks a composed node tree into plain values, recording positions and collecting problems."""

    def __init__(self, shown: Path | str, text: str) -> None:
        self.shown, self.source, self.lines = shown, text, None
        self.marks: dict[Loc, Position] = {}
        self.key_marks: dict[Loc, Position] = {}
        # keyed by place and message, so that a node reached again through an alias is reported once
        self.problems: dict[tuple[int, int, str], Problem] = {}
        self.aliases: list[_Alias] = []  # the aliases being expanded, outermost first
        self.open: set[int] = set()  # ids of the collections being built, to catch recursive aliases
        self.expanded = 0

    def build(self, root: Node) -> Any:
        try:
            return self.value(root, (), 0)
        except _Abort:
            return None

    def sorted_problems(self) -> list[Problem]:
        return [self.problems[key] for key in sorted(self.problems)]

    def report(self, position: Position, message: str) -> None:
        self.problems.setdefault((*position, message), Problem(self.shown, *position, message))

    def blame(self, node: Node) -> Position:
        """Where a limit was hit: at the outermost alias being expanded, as that is what the user wrote."""
        return _position(self.aliases[0] if self.aliases else node)

    def value(self, node: Node, loc: Loc, depth: int) -> Any:
        if isinstance(node, _Alias):
            if id(node.target) in self.open:
                message = _("recursive alias '*{anchor}' (it is inside the value it names)").format(
                    anchor=node.anchor
                )
                self.report(_position(node), message)
                self.marks[loc] = _position(node)
                return None
            self.aliases.append(node)
            try:
                result = self.value(node.target, loc, depth)
            finally:
                self.aliases.pop()
            self.marks[loc] = _position(node)  # the alias's own place, not the anchor's
            return result
        self.marks[loc] = _position(node)
        if self.aliases:
            self.expanded += 1
            if self.expanded > MAX_NODES:
                self.report(
                    self.blame(node),
                    _("too many values (aliases expand to more than {most})").format(most=MAX_NODES),
                )
                raise _Abort
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if depth >= MAX_DEPTH:  # only reachable through aliases; the composer bounds nesting as written
            self.report(self.blame(node), too_deep(MAX_DEPTH))
            return None
        if isinstance(node, SequenceNode) and node.tag == SEQ:
            self.open.add(id(node))
            try:
                return [self.value(item, (*loc, index), depth + 1) for index, item in enumerate(node.value)]
            finally:
                self.open.discard(id(node))
        if isinstance(node, MappingNode) and node.tag == MAP:
            self.open.add(id(node))
            try:
                return self.mapping(node, loc, depth)
            finally:
                self.open.discard(id(node))
        self.report(_position(node), unsupported_tag(_tag_text(node.tag)))
        return None

    def mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, tuple[str, Position]] = {}  # by the key's NFC form: the key as written, where
        for key_node, value_node in node.value:
            place = _position(key_node)
            key = self.key(key_node)
            if key is None:
                continue
            same = nfc(key)
            if same in first:
                # PyYAML would silently keep the last value, hiding a typo or a pasted block; and a name
                # typed on a Mac (NFD) is the same name as one typed elsewhere
                written, (line, _column) = first[same]
                if written == key:
                    message = _("duplicate key '{key}' (first at line {line})")
                else:
                    message = _(
                        "duplicate key '{key}' (first at line {line}, the same name in another Unicode form)"
                    )
                self.report(place, message.format(key=key, line=line))
                continue
            first[same] = (key, place)
            self.key_marks[(*loc, key)] = place
            result[key] = self.value(value_node, (*loc, key), depth + 1)
        return result

    def key(self, node: Node) -> str | None:
        """The text of a mapping key, or None after reporting why it cannot be one."""
        place = _position(node)
        target = node.target if isinstance(node, _Alias) else node
        if isinstance(target, ScalarNode) and target.tag not in _SCALAR_TAGS:
            self.report(place, unsupported_tag(_tag_text(target.tag)))
            return None
        if not isinstance(target, ScalarNode) or target.tag != STR:
            self.report(place, _("keys must be text"))
            return None
        if target.style is None and target.value == "<<":
            self.report(place, _("merge keys ('<<') are not supported; write the keys out"))
            return None
        return self.text(target.value, place)

    def text(self, value: str, place: Position) -> str | None:
        bad = BAD_TEXT.search(value)
        if bad:
            self.report(place, char_message(bad.group(), "text"))
            return None
        return value  # exactly as written: never normalised

    def scalar(self, node: ScalarNode) -> Any:
        tag, value, place = node.tag, node.value, _position(node)
        if tag == STR and node.style is None and node.end_mark.line > node.start_mark.line:
            self.lines = self.lines or _LINE_BREAK.split(self.source)
            if folded := folded_item(node, self.lines):  # an item indented too deep, read as this text
                self.report(*folded)
        if tag == STR:
            return self.text(value, place)
        if tag not in _SCALAR_TAGS:
            self.report(place, unsupported_tag(_tag_text(tag)))
            return None
        if not _FORMS[tag].fullmatch(value):  # only an explicit tag gets here with a value of another form
            self.report(
                place, _("'{value}' is not a valid {tag} value").format(value=value, tag=_tag_text(tag))
            )
            return None
        if tag == NULL:
            return None
        if tag == BOOL:
            return value.lower() == "true"
        if tag == INT:
            try:
                return int(value)
            except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
                self.report(place, _("number is too long ({count} characters)").format(count=len(value)))
                return None
        if tag == FLOAT:
            special = value.lower().lstrip("+")
            if special in (".inf", "-.inf", ".nan"):
                return {".inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}[special]
            return float(value)
        return self.timestamp(node)

    def timestamp(self, node: ScalarNode) -> dt.date | None:
        match = yaml.constructor.SafeConstructor.timestamp_regexp.match(node.value)
        assert match is not None, "the resolver's timestamp regexp matched"
        parts = match.groupdict()
        try:
            day = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
            if not parts["hour"]:
                return day
            clock = (int(parts["hour"]), int(parts["minute"]), int(parts["second"]))
            fraction = int((parts["fraction"] or "")[:6].ljust(6, "0"))
            zone = None
            if parts["tz_sign"]:
                offset = dt.timedelta(hours=int(parts["tz_hour"]), minutes=int(parts["tz_minute"] or 0))
                zone = dt.timezone(-offset if parts["tz_sign"] == "-" else offset)
            elif parts["tz"]:
                zone = dt.timezone.utc
            return dt.datetime(day.year, day.month, day.day, *clock, fraction, tzinfo=zone)
        except ValueError as error:
            if parts["hour"]:
                message = _("invalid date and time '{value}': {reason}")
            else:
                message = _("invalid date '{value}': {reason}")
            self.report(_position(node), message.format(value=node.value, reason=error))
            return None
