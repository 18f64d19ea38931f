"""``dataclass``, as :func:`dataclasses.dataclass` makes it, created in a fraction of the time.

The standard decorator writes each generated method as source text and compiles it, one
``exec`` per method: about 0.5 ms for a frozen class, 20 ms for the 40 classes a study
session imports, a fifth of its start. Here :func:`dataclasses.dataclass` still makes the
class (fields, ``__init__``, the frozen ``__setattr__``/``__delattr__``, ``__match_args__``,
``__dataclass_fields__``), and ``__repr__``, ``__eq__``, ``__hash__`` and the ordering
methods are added as shared, already-compiled functions that do what the generated ones
do: the same fields compared, hashed and shown, in the same order, with the same
``NotImplemented`` for another class, the same ``...`` for a recursive repr, and
``__dataclass_params__`` saying what was asked for. Options it does not speed up
(``unsafe_hash``, ``slots``, ``weakref_slot``) go to the standard decorator unchanged.
"""

from __future__ import annotations

import copy
import dataclasses
import operator
import reprlib
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["dataclass"]

T = TypeVar("T")

#: Options left to :func:`dataclasses.dataclass` as they are (they change what it builds).
_STANDARD_ONLY = ("unsafe_hash", "slots", "weakref_slot")
_ORDER = (("__lt__", operator.lt), ("__le__", operator.le), ("__gt__", operator.gt), ("__ge__", operator.ge))


@overload
def dataclass(cls: type[T], /) -> type[T]: ...


@overload
def dataclass(
    *,
    init: bool = True,
    repr: bool = True,
    eq: bool = True,
    order: bool = False,
    unsafe_hash: bool = False,
    frozen: bool = False,
    match_args: bool = True,
    kw_only: bool = False,
    slots: bool = False,
) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def dataclass(cls: type[T] | None = None, /, **options: Any) -> type[T] | Callable[[type[T]], type[T]]:
    """Make ``cls`` a dataclass, exactly as :func:`dataclasses.dataclass` with ``options``."""

    def wrap(cls: type[T]) -> type[T]:
        if any(options.get(name) for name in _STANDARD_ONLY):
            return dataclasses.dataclass(cls, **options)
        return _build(cls, **options)

    return wrap if cls is None else wrap(cls)


def _build(cls: type[T], *, repr: bool = True, eq: bool = True, order: bool = False, **rest: Any) -> type[T]:
    if order and not eq:
        raise ValueError("eq must be true if order is true")
    own = cls.__dict__
    # As the standard decorator decides (before it runs): was __hash__ written by hand?
    class_hash = own.get("__hash__", dataclasses.MISSING)
    explicit_hash = not (class_hash is dataclasses.MISSING or (class_hash is None and "__eq__" in own))
    made: Any = dataclasses.dataclass(cls, repr=False, eq=False, order=False, **rest)
    fields = dataclasses.fields(made)
    if repr:
        _add(made, "__repr__", _repr_method(tuple(f.name for f in fields if f.repr)))
    compared = _values(tuple(f.name for f in fields if f.compare))
    if eq:
        _add(made, "__eq__", _compare_method(operator.eq, compared))
    for name, op in _ORDER if order else ():
        if not _add(made, name, _compare_method(op, compared)):
            raise TypeError(
                f"Cannot overwrite attribute {name} in class {made.__name__}."
                " Consider using functools.total_ordering"
            )
    if eq and not explicit_hash:
        if rest.get("frozen"):
            hashed = _values(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))
            made.__hash__ = _named(made, "__hash__", lambda self: hash(hashed(self)))
        else:
            made.__hash__ = None
    made.__dataclass_params__ = _params(made.__dataclass_params__, repr=repr, eq=eq, order=order)
    return made  # type: ignore[no-any-return]


def _values(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """The named attributes of an object, as a tuple (what the generated methods compare)."""
    if not names:
        return lambda obj: ()
    get = operator.attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (get(obj),)
    return get


def _compare_method(op: Callable[[Any, Any], Any], values: Callable[[object], tuple[Any, ...]]) -> Any:
    def method(self: object, other: object) -> Any:
        if other.__class__ is self.__class__:
            return op(values(self), values(other))
        return NotImplemented

    return method


def _repr_method(names: tuple[str, ...]) -> Any:
    @reprlib.recursive_repr()
    def __repr__(self: object) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _named(cls: type, name: str, function: Any) -> Any:
    function.__name__ = name
    function.__qualname__ = f"{cls.__qualname__}.{name}"
    return function


def _add(cls: type, name: str, function: Any) -> bool:
    """Set a method the class does not define itself (as the standard decorator does);
    True when it was set."""
    if name in cls.__dict__:
        return False
    setattr(cls, name, _named(cls, name, function))
    return True


def _params(params: object, **asked: bool) -> object:
    """A copy of ``__dataclass_params__`` with the options this module handled."""
    params = copy.copy(params)
    for name, value in asked.items():
        setattr(params, name, value)
    return params
