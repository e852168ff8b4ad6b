"""Tuples with named fields, made at the cost of a plain class.

``typing.NamedTuple`` costs ~116 us a class on a cold start (with ``from __future__ import annotations``
typing compiles a ``ForwardRef`` for each field, and ``collections.namedtuple`` then writes and ``exec``s
a ``__new__``), and a frozen dataclass ~520 us (and imports ``dataclasses`` and ``copy``); a cold ``docgen
build`` made eighteen of them. A ``Named`` class costs ~13 us, and is a tuple subclass as a namedtuple is:
it unpacks, compares and hashes as a tuple, has no ``__dict__``, pickles and copies, and prints as
``Grid(widths=(…), width=8787, …)`` (which ``docgen.word.compiled`` relies on: its modules are written with
that ``repr``). What it does not make is the ``__new__``: each class writes its own, which keeps its signature
and defaults where a reader (and an editor) looks for them::

    class Page(Named):
        source: str
        landscape: str | None

        def __new__(cls, source: str, landscape: str | None = None) -> Page:
            return tuple.__new__(cls, (source, landscape))

The fields are the annotations, in order; making the class checks that ``__new__`` takes them in that order.
"""

from __future__ import annotations

from typing import Any, ClassVar

try:  # the C descriptor collections.namedtuple uses for its fields: a third faster to read than a property
    from _collections import _tuplegetter as _getter
except ImportError:  # pragma: no cover  (another Python than CPython)
    from operator import itemgetter

    def _getter(index: int, doc: str | None) -> Any:
        return property(itemgetter(index), doc=doc)


class _NamedType(type):
    """Makes each ``Named`` class: no ``__dict__`` for its tuples, a getter for each field."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _NamedType:
        namespace["__slots__"] = ()
        if bases == (tuple,):  # Named itself
            return super().__new__(mcs, name, bases, namespace)
        fields = tuple(namespace.get("__annotations__", ()))
        new = namespace.get("__new__")
        code = getattr(new, "__code__", None)
        if code is None or code.co_varnames[1 : code.co_argcount] != fields:
            raise TypeError(f"{name}.__new__ must take exactly its fields, in order: {', '.join(fields)}")
        for index, field in enumerate(fields):
            if field in namespace:  # a NamedTuple's way of giving a default, which would be lost here
                raise TypeError(f"{name}.{field}: a field's default belongs in __new__")
            namespace[field] = _getter(index, None)
        namespace["_fields"] = namespace["__match_args__"] = fields
        return super().__new__(mcs, name, bases, namespace)


class Named(tuple, metaclass=_NamedType):
    """A tuple whose items are also fields by name (see the module's doc)."""

    _fields: ClassVar[tuple[str, ...]] = ()

    def __repr__(self) -> str:
        pairs = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({pairs})"

    def __getnewargs__(self) -> tuple[Any, ...]:  # pickle and copy make it again through __new__
        return tuple(self)

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def _replace(self, **changes: Any) -> Any:
        values = [changes.pop(name, value) for name, value in zip(self._fields, self, strict=True)]
        if changes:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(changes)}")
        return tuple.__new__(type(self), values)
