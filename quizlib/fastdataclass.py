"""``dataclass``, as :func:`dataclasses.dataclass` makes it, created in a fraction of the time.

The standard decorator writes each generated method as source text and compiles it, one
``exec`` per method: about 0.5 ms for a frozen class, 20 ms for the 40 classes a study
session imports, a fifth of its start. Here :func:`dataclasses.dataclass` still collects
the fields (``__dataclass_fields__``, defaults, ``__match_args__``); ``__init__`` is written
as it writes it and compiled once per installation (:mod:`quizlib.codecache`), so that
creating objects stays as fast; ``__repr__``, ``__eq__``, ``__hash__``, the ordering methods
and a frozen class's ``__setattr__``/``__delattr__`` are shared, already-compiled functions
that do what the generated ones do: the same fields compared, hashed and shown, in the same
order, with the same ``NotImplemented`` for another class, the same ``...`` for a recursive
repr, the same errors; ``__dataclass_params__`` says what was asked for. What it does not
cover (``unsafe_hash``, ``slots``, ``weakref_slot``, InitVar fields, a dataclass base, a
class without a docstring) is left to the standard decorator, as it would do it.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import operator
import reprlib
import sys
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

from quizlib import codecache

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


def _build(
    cls: type[T], *, init: bool = True, repr: bool = True, eq: bool = True, order: bool = False, **rest: Any
) -> type[T]:
    if order and not eq:
        raise ValueError("eq must be true if order is true")
    own = cls.__dict__
    # As the standard decorator decides (before it runs): was __hash__ written by hand?
    class_hash = own.get("__hash__", dataclasses.MISSING)
    explicit_hash = not (class_hash is dataclasses.MISSING or (class_hash is None and "__eq__" in own))
    frozen = bool(rest.pop("frozen", False))
    # __init__ and the frozen __setattr__/__delattr__ are made here too, unless the class
    # inherits from a dataclass (whose frozenness the standard decorator checks) or needs
    # what only it makes (InitVar fields, a docstring from the signature).
    ours = init and _simple(cls)
    made: Any = dataclasses.dataclass(
        cls, init=init and not ours, repr=False, eq=False, order=False, frozen=frozen and not ours, **rest
    )
    fields = dataclasses.fields(made)
    if ours:
        _add(made, "__init__", _init_method(made, fields, frozen))
        for name, method in _frozen_methods(made, tuple(f.name for f in fields)) if frozen else ():
            if not _add(made, name, method):
                raise TypeError(f"Cannot overwrite attribute {name} in class {made.__name__}")
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
        if frozen:
            hashed = _values(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))
            made.__hash__ = _named(made, "__hash__", lambda self: hash(hashed(self)))
        else:
            made.__hash__ = None
    asked = {"init": init, "repr": repr, "eq": eq, "order": order, "frozen": frozen}
    made.__dataclass_params__ = _params(made.__dataclass_params__, **asked)
    return made  # type: ignore[no-any-return]


def _simple(cls: type) -> bool:
    """No dataclass among the bases, a docstring, no InitVar: what :func:`_init_method` covers."""
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]) or not cls.__doc__:
        return False
    kinds = inspect.get_annotations(cls).values()
    return not any("InitVar" in str(kind) or isinstance(kind, dataclasses.InitVar) for kind in kinds)


class _Factory:
    """The default of a parameter whose field has a default factory (shown as ``<factory>``)."""

    def __repr__(self) -> str:
        return "<factory>"


_HAS_DEFAULT_FACTORY = _Factory()
_OBJECT = "__dataclass_builtins_object__"  # object, by a name no field can shadow


def _init_method(cls: type, fields: tuple[dataclasses.Field[Any], ...], frozen: bool) -> Any:
    """``__init__`` as the standard decorator writes it (one compiled function per class:
    creating objects stays as fast), with the same parameters, defaults and errors."""
    positional = [f for f in fields if f.init and not f.kw_only]
    seen_default = False
    for f in positional:
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    keywords = [f for f in fields if f.init and f.kw_only]
    me = "__dataclass_self__" if "self" in {f.name for f in fields} else "self"
    names: dict[str, Any] = {
        "_HAS_DEFAULT_FACTORY": _HAS_DEFAULT_FACTORY,
        "__dataclass_builtins_object__": object,
    }
    body = []
    for f in fields:
        value = f.name
        if f.default_factory is not dataclasses.MISSING:
            names[f"_dflt_{f.name}"] = f.default_factory
            value = (
                f"_dflt_{f.name}() if {f.name} is _HAS_DEFAULT_FACTORY else {f.name}"
                if f.init
                else f"_dflt_{f.name}()"
            )
        elif not f.init:
            continue  # read from the class attribute holding the default
        elif f.default is not dataclasses.MISSING:
            names[f"_dflt_{f.name}"] = f.default
        body.append(
            f"__dataclass_builtins_object__.__setattr__({me},{f.name!r},{value})"
            if frozen
            else f"{me}.{f.name}={value}"
        )
    if hasattr(cls, "__post_init__"):
        body.append(f"{me}.__post_init__()")
    params = [_param(f) for f in positional] + (["*", *map(_param, keywords)] if keywords else [])
    text = f"def __create_fn__({', '.join(names)}):\n def __init__({', '.join([me, *params])}):\n"
    text += "".join(f"  {line}\n" for line in body or ["pass"]) + " return __init__\n"
    module = sys.modules.get(cls.__module__)
    scope: dict[str, Any] = {}
    exec(codecache.compiled(text), module.__dict__ if module else {}, scope)
    method = scope["__create_fn__"](**names)
    method.__annotations__ = {**{f.name: f.type for f in positional + keywords}, "return": None}
    return method


def _param(f: dataclasses.Field[Any]) -> str:
    if f.default is not dataclasses.MISSING:
        return f"{f.name}=_dflt_{f.name}"
    return f"{f.name}=_HAS_DEFAULT_FACTORY" if f.default_factory is not dataclasses.MISSING else f.name


def _frozen_methods(cls: type, names: tuple[str, ...]) -> list[tuple[str, Any]]:
    """``__setattr__`` and ``__delattr__`` of a frozen class, as the standard decorator's."""

    def __setattr__(self: object, name: str, value: object) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]  # mypy: cls narrowed by `is`

    def __delattr__(self: object, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]

    return [("__setattr__", __setattr__), ("__delattr__", __delattr__)]


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
