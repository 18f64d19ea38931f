"""``quizlib.fastdataclass.dataclass`` makes the classes ``dataclasses.dataclass`` makes: the
same methods, answers and errors, for every option quizlib uses and the ones around them."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
import re
from typing import Any

import pytest

from quizlib import fastdataclass

OPTIONS: list[dict[str, Any]] = [
    {},
    {"frozen": True},
    {"frozen": True, "order": True},
    {"order": True},
    {"eq": False},
    {"frozen": True, "eq": False},
    {"repr": False},
    {"frozen": True, "slots": True},
    {"unsafe_hash": True},
    {"kw_only": True},
]


PARAMS = ("init", "repr", "eq", "order", "unsafe_hash", "frozen")


def make(decorator: Any, options: dict[str, Any]) -> Any:
    """The same class body under either decorator."""

    class Sample:
        """A sample."""

        year: int
        name: str = "x"
        tags: tuple[str, ...] = ()
        note: list[str] = dataclasses.field(default_factory=list, compare=False)
        secret: str = dataclasses.field(default="", repr=False)
        weight: float = dataclasses.field(default=0.0, hash=False)
        derived: int = dataclasses.field(default=3, init=False)
        made: list[str] = dataclasses.field(default_factory=list, init=False, repr=False)

    return decorator(**options)(Sample)


def outcome(call: Any) -> Any:
    """What a call returns, or the type and message of what it raises (addresses left out)."""
    try:
        value = call()
        return ("ok", re.sub(r" at 0x[0-9a-f]+", "", value) if isinstance(value, str) else value)
    except Exception as exc:  # the contract compared is the error as much as the value
        return ("raised", type(exc), str(exc))


def behaviour(cls: Any) -> list[Any]:
    """Everything observable that the decorator decides."""
    kw = (cls.__dataclass_params__.init and {"year": 2020}) or {}
    a, b, c = cls(**kw), cls(**kw), cls(**{**kw, "year": 2021})
    nan = cls(**{**kw, "year": float("nan")})
    out = [
        [f.name for f in dataclasses.fields(cls)],
        {
            k: getattr(cls.__dataclass_params__, k)
            for k in ("init", "repr", "eq", "order", "unsafe_hash", "frozen")
        },
        cls.__match_args__,
        str(inspect.signature(cls)),
        cls.__init__.__annotations__,
        cls.__doc__,
        cls.__hash__ is None,
        "__slots__" in cls.__dict__,
    ]
    out += [outcome(lambda x=x: repr(x)) for x in (a, nan)]
    out += [outcome(lambda x=x, y=y: x == y) for x, y in ((a, b), (a, c), (a, 1), (nan, nan))]
    out += [outcome(lambda x=x, y=y: x != y) for x, y in ((a, b), (a, c))]
    out += [outcome(lambda op=op: op(a, c)) for op in (lambda x, y: x < y, lambda x, y: x >= y)]
    out += [outcome(lambda: a.__eq__(1))]
    out += [outcome(lambda: hash(a) == hash(b)), outcome(lambda: hash(a) == hash(cls(**kw, note=["n"])))]
    out += [outcome(lambda: setattr(a, "year", 1)), outcome(lambda: delattr(b, "name"))]
    out += [outcome(lambda: setattr(c, "other", 1))]
    out += [outcome(lambda: repr(dataclasses.replace(c, name="y"))), outcome(lambda: dataclasses.astuple(c))]
    out += [outcome(lambda: repr(pickle.loads(pickle.dumps(c))))]
    return out


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(o) or "plain")
def test_the_same_class_as_the_standard_decorator(options: dict[str, Any]) -> None:
    if options.get("kw_only"):  # positional construction is what kw_only changes
        with pytest.raises(TypeError):
            make(fastdataclass.dataclass, options)(2020)
    assert behaviour(make(fastdataclass.dataclass, options)) == behaviour(
        make(dataclasses.dataclass, options)
    )


def test_hand_written_methods_are_kept_as_the_standard_decorator_keeps_them() -> None:
    def body(decorator: Any, **options: Any) -> Any:
        class Kept:
            year: int

            def __eq__(self, other: object) -> bool:
                return True

            def __hash__(self) -> int:
                return 7

            def __repr__(self) -> str:
                return "kept"

        return decorator(**options)(Kept)

    for options in ({}, {"frozen": True}):
        ours, theirs = body(fastdataclass.dataclass, **options), body(dataclasses.dataclass, **options)
        assert (ours(1) == ours(2), hash(ours(1)), repr(ours(1))) == (True, 7, "kept")
        assert (theirs(1) == theirs(2), hash(theirs(1)), repr(theirs(1))) == (True, 7, "kept")


def test_an_own_eq_without_hash_gets_the_standard_hash() -> None:
    def body(decorator: Any, **options: Any) -> Any:
        class OwnEq:
            year: int

            def __eq__(self, other: object) -> bool:
                return False

        return decorator(**options)(OwnEq)

    for options in ({}, {"frozen": True}):
        ours, theirs = body(fastdataclass.dataclass, **options), body(dataclasses.dataclass, **options)
        assert (ours.__hash__ is None) == (theirs.__hash__ is None)
        assert outcome(lambda c=ours: hash(c(1)) == hash(c(1))) == outcome(
            lambda c=theirs: hash(c(1)) == hash(c(1))
        )


def test_invalid_options_fail_as_with_the_standard_decorator() -> None:
    for options in ({"order": True, "eq": False},):
        with pytest.raises(ValueError, match="eq must be true if order is true"):
            make(fastdataclass.dataclass, options)
        with pytest.raises(ValueError, match="eq must be true if order is true"):
            make(dataclasses.dataclass, options)

    def ordered(decorator: Any) -> Any:
        class Own:
            year: int

            def __lt__(self, other: object) -> bool:
                return True

        return decorator(order=True)(Own)

    for decorator in (fastdataclass.dataclass, dataclasses.dataclass):
        with pytest.raises(TypeError, match="Cannot overwrite attribute __lt__"):
            ordered(decorator)


def test_a_recursive_repr_shows_dots() -> None:
    @fastdataclass.dataclass
    class Node:
        children: list[Any]

    node = Node([])
    node.children.append(node)
    assert repr(node) == "test_a_recursive_repr_shows_dots.<locals>.Node(children=[...])"


def test_bare_decorator_and_inheritance() -> None:
    @fastdataclass.dataclass
    class Base:
        year: int

    @dataclasses.dataclass
    class Child(Base):
        name: str = ""

    assert Child(1, "a") == Child(1, "a") != Child(2, "a")
    assert repr(Child(1)) == "test_bare_decorator_and_inheritance.<locals>.Child(year=1, name='')"


def test_post_init_self_fields_and_defaults_order_as_the_standard_decorator() -> None:
    def post(decorator: Any, **options: Any) -> Any:
        class Post:
            """Sums."""

            self: int
            total: int = dataclasses.field(default=0, init=False)

            def __post_init__(self) -> None:
                object.__setattr__(self, "total", self.self * 2)

        return decorator(**options)(Post)

    for options in ({}, {"frozen": True}):
        ours, theirs = post(fastdataclass.dataclass, **options)(4), post(dataclasses.dataclass, **options)(4)
        assert (
            (ours.total, repr(ours).split("(")[1])
            == (theirs.total, repr(theirs).split("(")[1])
            == (
                8,
                "self=4, total=8)",
            )
        )

    def disorder(decorator: Any) -> Any:
        class Disorder:
            """Bad."""

            year: int = 1
            name: str  # type: ignore[misc]

        return decorator(frozen=True)(Disorder)

    for decorator in (fastdataclass.dataclass, dataclasses.dataclass):
        with pytest.raises(TypeError, match="non-default argument 'name' follows default argument"):
            disorder(decorator)


def test_what_it_leaves_to_the_standard_decorator_still_works() -> None:
    """InitVar fields, a class without a docstring, a dataclass base: made by the standard code."""

    @fastdataclass.dataclass(frozen=True)
    class WithInitVar:
        """Has an InitVar."""

        year: int
        scale: dataclasses.InitVar[int] = 1

        def __post_init__(self, scale: int) -> None:
            object.__setattr__(self, "year", self.year * scale)

    @fastdataclass.dataclass(frozen=True)
    class NoDoc:
        year: int

    @fastdataclass.dataclass(frozen=True)
    class Child(NoDoc):
        """A child."""

        name: str = ""

    assert WithInitVar(2, 3).year == 6
    assert NoDoc.__doc__ == "NoDoc(year: 'int')"
    assert Child(1, "a") == Child(1, "a") and hash(Child(1, "a")) == hash(Child(1, "a"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        Child(1).year = 2  # type: ignore[misc]
