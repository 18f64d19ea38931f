"""Safe YAML reading with positions, for deck files.

PyYAML's loaders keep the last of two duplicate keys, expand alias bombs and crash the
interpreter on very deep nesting. This module builds values straight from libyaml's
event stream (``yaml.CSafeLoader`` when available) in one iterative pass, so it can
refuse all of these early, and it remembers where every value came from.

Scalars are kept as strings (``None`` for plain nulls): the deck schema, not YAML's
implicit typing, decides what a value means (no "Norway problem").
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from quizlib.errors import DeckError, Problem

Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 32
#: How libyaml words its own nesting limit (``exceeded maximum nesting depth``).
_TOO_DEEP = re.compile(r"nesting|depth", re.IGNORECASE)
MAX_ALIASES = 100
MAX_ALIAS_WEIGHT = 10_000  # nodes one alias may stand for
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)


class YMap(dict[str, Any]):
    """A mapping that remembers where it and each of its keys start."""

    __slots__ = ("key_marks", "mark")

    def __init__(self, mark: tuple[int, int]) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, tuple[int, int]] = {}

    def where(self, key: str) -> tuple[int, int]:
        """The (line, column) of ``key``, or of the mapping when the key is absent."""
        return self.key_marks.get(key, self.mark)


class YSeq(list[Any]):
    """A sequence that remembers where it and each of its items start."""

    __slots__ = ("item_marks", "mark")

    def __init__(self, mark: tuple[int, int]) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[tuple[int, int]] = []


@dataclass
class _Frame:
    container: YMap | YSeq
    anchor: str | None
    weight: int = 1
    key: str | None = None
    key_mark: tuple[int, int] = (0, 0)
    expect_key: bool = True


def _mark(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def parse_yaml(text: str, path: str) -> YMap:
    """Parse one YAML document whose top level must be a mapping.

    Args:
        text: The document.
        path: The file name used in problems.

    Returns:
        The top-level mapping, with positions.

    Raises:
        DeckError: With a located problem for the first thing that makes the file unreadable.
    """
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the load allocates many small objects and frees none; ~2x faster
    loader = Loader(text)
    try:
        return _build(_events(loader), path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        message = exc.problem or exc.context or "invalid YAML"
        if _TOO_DEEP.search(message):
            # Newer libyaml refuses deep nesting itself, before our own guard sees it:
            # say it in quizlib's words either way.
            message = f"nesting deeper than {MAX_DEPTH} levels"
        else:
            message = f"YAML syntax error: {message}"
        raise DeckError([Problem(path, line, col, message)]) from None
    except yaml.reader.ReaderError as exc:
        # The reader reports a character offset, not a mark: turn it into line and column.
        pos = min(max(int(exc.position), 0), len(text))
        line, col = text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)
        char = exc.character if isinstance(exc.character, str) else chr(int(exc.character))
        raise DeckError(
            [
                Problem(
                    path,
                    line,
                    col,
                    f"control character U+{ord(char):04X} is not allowed in a deck; remove it",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise DeckError([Problem(path, 0, 0, f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()
        if gc_was_enabled:
            gc.enable()


def _events(loader: Any) -> Iterator[Any]:
    while loader.check_event():
        yield loader.get_event()


def _build(events: Iterator[Any], path: str) -> YMap:
    builder = _Builder(path)
    for event in events:
        handle = builder.handlers.get(type(event).__name__)
        if handle is not None:
            handle(event)
    return builder.result()


def _check_tag(builder: _Builder, event: Any, where: tuple[int, int]) -> None:
    if event.tag is not None and event.tag not in _STANDARD_TAGS and event.tag != "!":
        raise builder.fail(where, f"YAML tag {event.tag!r} is not allowed in decks")


class _Builder:
    """Builds positioned values from parser events, refusing what a deck must not hold.

    One method per kind of event; the state they share (the open containers, the anchors,
    the alias budget) lives on the instance.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.aliases = 0
        self.total_weight = 0
        self.root: Any = _Missing
        self.documents = 0
        self.handlers = {
            "ScalarEvent": self.scalar,
            "MappingStartEvent": self.start,
            "SequenceStartEvent": self.start,
            "MappingEndEvent": self.end,
            "SequenceEndEvent": self.end,
            "AliasEvent": self.alias,
            "DocumentStartEvent": self.document,
        }

    def fail(self, where: tuple[int, int], message: str) -> DeckError:
        return DeckError([Problem(self.path, where[0], where[1], message)])

    def attach(self, value: Any, where: tuple[int, int], weight: int, is_key_allowed: bool = True) -> None:
        if not self.stack:
            self.root = (value, where)
            return
        frame = self.stack[-1]
        frame.weight += weight
        container = frame.container
        if isinstance(container, YSeq):
            container.append(value)
            container.item_marks.append(where)
        elif frame.expect_key:
            if not isinstance(value, str) or not is_key_allowed:
                raise self.fail(where, "mapping keys must be plain text")
            if value == "<<":
                raise self.fail(where, "merge keys (<<) are not supported; write the fields out")
            if value in container:
                first = container.key_marks[value]
                raise self.fail(where, f"duplicate key {value!r} (first at line {first[0]})")
            frame.key, frame.key_mark, frame.expect_key = value, where, False
        else:
            assert frame.key is not None
            container[frame.key] = value
            container.key_marks[frame.key] = frame.key_mark
            frame.expect_key = True

    def scalar(self, event: Any) -> None:
        where = _mark(event)
        _check_tag(self, event, where)
        value: Any = event.value
        if event.style is None and event.implicit[0] and value in _NULLS:
            value = None
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self.attach(value, where, 1)

    def start(self, event: Any) -> None:
        where = _mark(event)
        _check_tag(self, event, where)
        if self.stack and isinstance(self.stack[-1].container, YMap) and self.stack[-1].expect_key:
            raise self.fail(where, "mapping keys must be plain text")
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(where, f"nesting deeper than {MAX_DEPTH} levels")
        container: YMap | YSeq = YMap(where) if type(event).__name__ == "MappingStartEvent" else YSeq(where)
        self.stack.append(_Frame(container, event.anchor))

    def end(self, _event: Any) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, frame.weight)
        self.attach(frame.container, frame.container.mark, frame.weight)

    def alias(self, event: Any) -> None:
        where = _mark(event)
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise self.fail(where, f"more than {MAX_ALIASES} aliases (*name); write the values out")
        if event.anchor not in self.anchors:
            raise self.fail(where, f"unknown alias *{event.anchor}")
        value, weight = self.anchors[event.anchor]
        self.total_weight += weight
        if weight > MAX_ALIAS_WEIGHT or self.total_weight > 10 * MAX_ALIAS_WEIGHT:
            raise self.fail(where, f"alias *{event.anchor} expands to too much data (an alias bomb?)")
        self.attach(value, where, weight, is_key_allowed=False)

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self.fail(_mark(event), "a deck file holds one YAML document (remove the second ---)")

    def result(self) -> YMap:
        """The top-level mapping, once every event is handled."""
        if self.root is _Missing or self.root[0] is None:
            raise self.fail((1, 1), "the file is empty: a deck is a mapping with quizlib, deck and sections")
        value, where = self.root
        if not isinstance(value, YMap):
            what = "a list" if isinstance(value, YSeq) else "a single value"
            raise self.fail(
                where, f"the top level is {what}; a deck is a mapping (quizlib: 1, deck: ..., events: ...)"
            )
        return value


class _MissingType:
    pass


_Missing: Any = _MissingType()


def items_of(root: YMap, name: str) -> list[Any]:
    """The items of the list under ``name`` (empty when it is missing or not a list)."""
    raw = root.get(name)
    return list(raw) if isinstance(raw, YSeq) else []


def item_marks_of(root: YMap, name: str) -> list[tuple[int, int]]:
    """Where each item of the list under ``name`` starts."""
    raw = root.get(name)
    return list(raw.item_marks) if isinstance(raw, YSeq) else []


def without_key(item: YMap, key: str) -> YMap:
    """A copy of a positioned mapping without one key (checked separately)."""
    if key not in item:
        return item
    copy = YMap(item.mark)
    for k, v in item.items():
        if k != key:
            copy[k] = v
            copy.key_marks[k] = item.key_marks.get(k, item.mark)
    return copy
