"""A small checker for YAML data: field specs that validate, collect every problem, and describe themselves
as JSON Schema.

docgen's files are typed by hand, so a check must report every mistake of a file in one run, each at its
``file:line:column``, with did-you-mean hints for misspelt keys; and editors must get the same rules as a JSON
Schema. A general validation library does that at a cost paid on every start (pydantic: ~170 ms of import and
class creation here; dataclasses alone ~1 ms a class), while docgen's schema needs a handful of shapes: text,
dates, a few choices, lists, mappings and records. Those are the classes below; ``docgen/model/records.py``
declares the files with them. A record class costs what a plain class costs to create.

A check walks plain data (what ``docgen.model.loader`` gives) and returns the converted value, or ``INVALID``
after adding one or more ``Issue`` to a list. Messages read as docgen prints them: ``parties[1].role: must be
'central' or 'partner', not 'partnr'``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar

from docgen.base.chars import name_problem
from docgen.base.i18n import N_, _
from docgen.base.patterns import regex

Loc = tuple[str | int, ...]


class _Invalid:
    """The result of a check that found a problem: no value to go on with."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


class Issue:
    """One problem: where (a path into the data), what, and whether to point at the mapping key itself."""

    __slots__ = ("at_key", "loc", "message")

    def __init__(self, loc: Loc, message: str, *, at_key: bool = False) -> None:
        self.loc, self.message, self.at_key = loc, message, at_key

    def __repr__(self) -> str:
        return f"Issue({self.loc!r}, {self.message!r})"


def loc_text(loc: Loc) -> str:
    """``('parties', 1, 'role')`` → ``parties[1].role``, as messages name a value."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def type_name(value: object) -> str:
    """What a YAML value is, in the words of a message: 'expected text, not a number'."""
    if value is None:
        return _("an empty value")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, dt.datetime):
        return _("a date and time")
    names = {
        int: N_("a number"),
        float: N_("a number"),
        list: N_("a list"),
        dict: N_("a mapping"),
        dt.date: N_("a date"),
        str: N_("text"),
    }
    name = names.get(type(value))
    return _(name) if name else type(value).__name__


def _say(issues: list[Issue], loc: Loc, message: str) -> Any:
    where = loc_text(loc)
    issues.append(
        Issue(loc, _("{field}: {message}").format(field=where, message=message) if where else message)
    )
    return INVALID


def _either(options: list[str]) -> str:
    quoted = [f"'{option}'" for option in options]
    if len(quoted) == 1:
        return quoted[0]
    return _("{options} or {last}").format(options=_(", ").join(quoted[:-1]), last=quoted[-1])


class Spec:
    """What a value must be. ``check`` converts a valid value; ``schema`` describes it for editors."""

    def check(self, value: Any, loc: Loc, issues: list[Issue]) -> Any:
        raise NotImplementedError

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError


class Text(Spec):
    """Text, not empty unless ``min_length=0``; ``jinja=True`` marks fields that are Jinja in a sandbox."""

    def __init__(
        self,
        *,
        min_length: int = 1,
        max_length: int | None = None,
        pattern: str | None = None,
        pattern_message: str = "",
        jinja: bool = False,
        name: bool = False,
    ) -> None:
        """``name=True``: a name, one line without control characters (``docgen.base.chars.BAD_NAME``)."""
        self.min_length, self.max_length, self.jinja, self.name = min_length, max_length, jinja, name
        self.pattern = regex(pattern) if pattern else None
        self.pattern_message = pattern_message

    def check(self, value: Any, loc: Loc, issues: list[Issue]) -> Any:
        if not isinstance(value, str):
            return _say(issues, loc, _("expected text, not {kind}").format(kind=type_name(value)))
        if len(value) < self.min_length:
            return _say(issues, loc, _("must not be empty"))
        if self.max_length is not None and len(value) > self.max_length:
            return _say(
                issues, loc, _("is too long (at most {most} characters)").format(most=self.max_length)
            )
        if self.pattern is not None and not self.pattern.search(value):
            return _say(issues, loc, _(self.pattern_message))
        if self.name:
            problem = name_problem(value, "name")
            if problem:
                return _say(issues, loc, problem)
        return value

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "string"}
        if self.jinja:
            result["format"] = "jinja"
        if self.min_length:
            result["minLength"] = self.min_length
        if self.max_length is not None:
            result["maxLength"] = self.max_length
        if self.pattern is not None:
            result["pattern"] = self.pattern.pattern
        return result


class Date(Spec):
    """A calendar day: YAML's 2017-03-30, or the same quoted. Numbers are refused (20170330 is no date)."""

    def check(self, value: Any, loc: Loc, issues: list[Issue]) -> Any:
        if isinstance(value, dt.datetime):
            return _say(issues, loc, _("a date has no time of day: write it as 2017-03-30"))
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return _say(
                    issues, loc, _("invalid date {value}: write it as 2017-03-30").format(value=repr(value))
                )
        return _say(issues, loc, _("a date is written as 2017-03-30"))

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


class Integer(Spec):
    """A whole number within bounds (true/false is not a number)."""

    def __init__(self, *, minimum: int | None = None, maximum: int | None = None) -> None:
        self.minimum, self.maximum = minimum, maximum

    def check(self, value: Any, loc: Loc, issues: list[Issue]) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            return _say(issues, loc, _("expected a whole number, not {kind}").format(kind=type_name(value)))
        if self.minimum is not None and value < self.minimum:
            return _say(
                issues,
                loc,
                _("must be at least {least}, not {value}").format(least=self.minimum, value=value),
            )
        if self.maximum is not None and value > self.maximum:
            return _say(
                issues, loc, _("must be at most {most}, not {value}").format(most=self.maximum, value=value)
            )
        return value

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            result["minimum"] = self.minimum
        if self.maximum is not None:
            result["maximum"] = self.maximum
        return result


class Boolean(Spec):
    """true or false."""

    def check(self, value: Any, loc: Loc, issues: list[Issue]) -> Any:
        if isinstance(value, bool):
            return value
        return _say(issues, loc, _("expected true or false, not {kind}").format(kind=type_name(value)))

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "boolean"}


class Choice(Spec):
    """One of a few words, e.g. central or partner."""

    def __init__(self, *options: str) -> None:
        self.options = list(options)

    def check(self, value: Any, loc: Loc, issues: list[Issue]) -> Any:
        if value in self.options and isinstance(value, str):
            return value
        return _say(
            issues,
            loc,
            _("must be {options}, not {value}").format(options=_either(self.options), value=repr(value)),
        )

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.options)}


class ListOf(Spec):
    """A list of values of one spec; ``single``: one text stands for a list of one (an article's text)."""

    def __init__(
        self, item: Spec, *, min_items: int = 0, max_items: int | None = None, single: bool = False
    ) -> None:
        self.item, self.min_items, self.max_items, self.single = item, min_items, max_items, single

    def check(self, value: Any, loc: Loc, issues: list[Issue]) -> Any:
        if self.single and isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return _say(issues, loc, _("expected a list, not {kind}").format(kind=type_name(value)))
        if len(value) < self.min_items:
            return _say(
                issues,
                loc,
                _("needs at least {least} items, not {count}").format(least=self.min_items, count=len(value)),
            )
        if self.max_items is not None and len(value) > self.max_items:
            return _say(
                issues,
                loc,
                _("may have at most {most} items, not {count}").format(most=self.max_items, count=len(value)),
            )
        result = [self.item.check(item, (*loc, index), issues) for index, item in enumerate(value)]
        return INVALID if any(item is INVALID for item in result) else result

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "array", "items": self.item.schema(defs)}
        if self.min_items:
            result["minItems"] = self.min_items
        if self.max_items is not None:
            result["maxItems"] = self.max_items
        if self.single:
            return {"anyOf": [self.item.schema(defs), result]}
        return result


class MapOf(Spec):
    """A mapping from keys (text, or one of a few words) to values of one spec."""

    def __init__(self, value: Spec, *, keys: Choice | None = None, names: bool = False) -> None:
        """``names=True``: each key is a name (see ``Text``)."""
        self.value, self.keys, self.names = value, keys, names

    def check(self, value: Any, loc: Loc, issues: list[Issue]) -> Any:
        if not isinstance(value, dict):
            return _say(issues, loc, _("expected a mapping, not {kind}").format(kind=type_name(value)))
        result, valid = {}, True
        for key, item in value.items():
            if self.keys is not None and key not in self.keys.options:
                where = loc_text(loc)
                message = _("unknown key '{key}' (expected {options})").format(
                    key=key, options=_either(self.keys.options)
                )
                if where:
                    message = _("{field}: {message}").format(field=where, message=message)
                issues.append(Issue((*loc, key), message, at_key=True))
                valid = False
                continue
            if key == "":
                _say(issues, (*loc, key), _("a key must not be empty"))
                valid = False
                continue
            problem = name_problem(key, "name") if self.names else None
            if problem:
                issues.append(Issue((*loc, key), f"{loc_text(loc)}: {problem}", at_key=True))
                valid = False
                continue
            checked = self.value.check(item, (*loc, key), issues)
            valid = valid and checked is not INVALID
            result[key] = checked
        return result if valid else INVALID

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        names = self.keys.schema(defs) if self.keys is not None else {"minLength": 1}
        if self.keys is not None:
            names = {key: item for key, item in names.items() if key != "type"}
        return {"type": "object", "additionalProperties": self.value.schema(defs), "propertyNames": names}


class Either(Spec):
    """A short form or the full one: a party written as its name, or as {name: …, role: …}.

    ``short`` turns a value of the short form into the full form's data before the full form checks it.
    """

    def __init__(self, full: Spec, short: Spec, expand: Callable[[Any], Any]) -> None:
        self.full, self.short, self.expand = full, short, expand

    def check(self, value: Any, loc: Loc, issues: list[Issue]) -> Any:
        short: list[Issue] = []
        if self.short.check(value, loc, short) is not INVALID:
            value = self.expand(value)
        elif isinstance(value, str):  # the short form, wrong: say why, not that it is no mapping
            issues.extend(short)
            return INVALID
        return self.full.check(value, loc, issues)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [self.short.schema(defs), self.full.schema(defs)]}


class Later(Spec):
    """A spec named before it exists: an item that holds items of its own kind."""

    def __init__(self, make: Callable[[], Spec]) -> None:
        self.make = make
        self._spec: Spec | None = None

    @property
    def spec(self) -> Spec:
        if self._spec is None:
            self._spec = self.make()
        return self._spec

    def check(self, value: Any, loc: Loc, issues: list[Issue]) -> Any:
        return self.spec.check(value, loc, issues)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return self.spec.schema(defs)


class TextOr(Spec):
    """A text, or a record that says more: a paragraph written as its text, or as {text: …, items: […]}.

    Unlike ``Either``, a text stays a text: messages name it where it is written (``text[0]``, not
    ``text[0].text``)."""

    def __init__(self, text: Spec, full: Spec) -> None:
        self.text, self.full = text, full

    def check(self, value: Any, loc: Loc, issues: list[Issue]) -> Any:
        if isinstance(value, str):
            return self.text.check(value, loc, issues)
        return self.full.check(value, loc, issues)

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [self.text.schema(defs), self.full.schema(defs)]}


class Field:
    """A key of a record: its spec, its description (shown by editors), and its default when left out.

    A field with ``default=None`` also takes an empty value; ``factory`` makes a fresh default (``dict``).
    """

    _REQUIRED: ClassVar[object] = object()

    def __init__(
        self,
        spec: Spec,
        description: str,
        *,
        default: Any = _REQUIRED,
        factory: Callable[[], Any] | None = None,
    ) -> None:
        self.spec, self.description = spec, description
        self.default, self.factory = default, factory

    @property
    def required(self) -> bool:
        return self.default is Field._REQUIRED and self.factory is None

    def missing(self) -> Any:
        return self.factory() if self.factory is not None else self.default

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        inner = self.spec.schema(defs)
        if self.default is None:
            inner = {"anyOf": [inner, {"type": "null"}], "default": None}
        return {**inner, "description": self.description}


class Record:
    """A mapping with named keys, declared as class attributes of type ``Field``; unknown keys are mistakes.

    Subclasses may define ``problem()`` for a rule across fields; it runs when every field is valid and its
    message is told at the mapping.
    """

    FIELDS: ClassVar[dict[str, Field]] = {}

    def __init_subclass__(cls) -> None:
        fields = {name: value for name, value in vars(cls).items() if isinstance(value, Field)}
        for name in fields:
            delattr(cls, name)  # the instance's own value is found, not the declaration
        cls.FIELDS = {**cls.FIELDS, **fields}

    def __init__(self, **values: Any) -> None:
        for name, field in self.FIELDS.items():
            object.__setattr__(self, name, values[name] if name in values else field.missing())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and vars(self) == vars(other)

    def __hash__(self) -> int:
        return hash((type(self), tuple(repr(value) for value in vars(self).values())))

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in vars(self).items())
        return f"{type(self).__name__}({values})"

    def problem(self) -> str | None:
        return None


class RecordOf(Spec):
    """A mapping checked as a ``Record`` class."""

    def __init__(self, record: type[Record]) -> None:
        self.record = record

    def check(self, value: Any, loc: Loc, issues: list[Issue]) -> Any:
        if not isinstance(value, dict):
            return _say(issues, loc, _("expected a mapping, not {kind}").format(kind=type_name(value)))
        fields, where = self.record.FIELDS, loc_text(loc)
        values, valid = {}, True
        for name, field in fields.items():
            if name not in value:
                if field.required:
                    message = _("required field '{name}' is missing").format(name=name)
                    if where:
                        message = _("{field}: {message}").format(field=where, message=message)
                    issues.append(Issue(loc, message))
                    valid = False
                continue
            item = value[name]
            if item is None and field.default is None:
                values[name] = None
                continue
            checked = field.spec.check(item, (*loc, name), issues)
            valid = valid and checked is not INVALID
            values[name] = checked
        for key in value:
            if key not in fields:
                import difflib  # only for a mistake: a correct file does not need it

                hint = difflib.get_close_matches(str(key), list(fields), n=1)
                if hint:
                    message = _("unknown key '{key}' (did you mean '{suggestion}'?)")
                else:
                    message = _("unknown key '{key}'")
                message = message.format(key=key, suggestion=hint[0] if hint else "")
                if where:
                    message = _("{field}: {message}").format(field=where, message=message)
                issues.append(Issue((*loc, key), message, at_key=True))
                valid = False
        if not valid:
            return INVALID
        record = self.record(**values)
        problem = record.problem()
        if problem:
            return _say(issues, loc, problem)
        return record

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        name = self.record.__name__
        if name not in defs:
            defs[name] = {}  # claimed first: a record that contains itself refers to its definition
            defs[name] = record_schema(self.record, defs)
        return {"$ref": f"#/$defs/{name}"}


def record_schema(record: type[Record], defs: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of a record: its description, properties, required keys, and no others."""
    result: dict[str, Any] = {"type": "object"}
    if record.__doc__:
        result["description"] = " ".join(record.__doc__.split("\n\n")[0].split())
    result["properties"] = {name: field.schema(defs) for name, field in record.FIELDS.items()}
    required = [name for name, field in record.FIELDS.items() if field.required]
    if required:
        result["required"] = required
    result["additionalProperties"] = False
    return result


def check_record(record: type[Record], data: Any) -> tuple[Any, list[Issue]]:
    """Check data as a record; returns the record (or ``INVALID``) and every issue found."""
    issues: list[Issue] = []
    return RecordOf(record).check(data, (), issues), issues
