"""The questions a session has still to ask, in order, counted so that nothing walks them."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple, Protocol

from quizlib.model import Question


class Deferred(NamedTuple):
    """A queued question known by its id, generated only when it is about to be asked
    (``make(id)``; a tuple, so that queueing a large deck's due cards stays cheap)."""

    id: str
    sibling_key: str
    make: Callable[[str], Question | None]


Entry = Question | Deferred


class DueSource(Protocol):
    """Due questions read as the session reaches them (:class:`quizlib.study.due_pages.DueQueue`)."""

    def __len__(self) -> int: ...

    def popleft(self) -> Entry | None: ...

    def take_fact(self, sibling_key: str, keep: str = "") -> list[Entry]: ...

    @property
    def shrunk(self) -> int: ...


class Waiting:
    """The questions still to ask, in order, counted by fact and by kind, so that advancing,
    burying siblings and reporting progress never walk the whole queue.

    The order: questions put back first (:meth:`appendleft`), then the due ones read from
    ``due`` as they are reached, then ``questions`` and what is queued last (:meth:`append`).

    Args:
        questions: The queue after the due questions, in order.
        kinds: ``due`` / ``new`` / ``learning`` by question id (read when a question is queued).
        due: The due questions, read as they are reached; all of kind ``due``.
    """

    def __init__(
        self, questions: Iterable[Entry], kinds: dict[str, str], due: DueSource | None = None
    ) -> None:
        self._head: deque[Entry] = deque()
        self._due = due
        self._items: deque[Entry] = deque()
        self._kinds = kinds
        self._facts: Counter[str] = Counter()
        self._count: Counter[str] = Counter()
        self._queued_as: dict[str, str] = {}
        # Counted in bulk: the same as appending each, without a call per question.
        self._items.extend(questions)
        self._queued_as.update((q.id, kinds.get(q.id, "")) for q in self._items)
        self._facts.update(q.sibling_key for q in self._items)
        self._count.update(self._queued_as.get(q.id, "") for q in self._items)

    def __len__(self) -> int:
        return len(self._head) + len(self._items) + (len(self._due) if self._due is not None else 0)

    def __iter__(self) -> Iterator[Entry]:
        """The questions held in memory (the due ones not read yet are not walked)."""
        yield from self._head
        yield from self._items

    def _added(self, q: Entry) -> None:
        kind = self._kinds.get(q.id, "")
        self._queued_as[q.id] = kind
        self._facts[q.sibling_key] += 1
        self._count[kind] += 1

    def _removed(self, q: Entry) -> None:
        self._facts[q.sibling_key] -= 1
        self._count[self._queued_as.pop(q.id, "")] -= 1

    def append(self, q: Entry) -> None:
        """Queue a question last."""
        self._items.append(q)
        self._added(q)

    def appendleft(self, q: Entry) -> None:
        """Queue a question first."""
        self._head.appendleft(q)
        self._added(q)

    def _take(self) -> Entry | None:
        """The first entry: those put back, then the due ones, then the rest."""
        if self._head:
            entry = self._head.popleft()
        else:
            due = self._due.popleft() if self._due is not None else None
            if due is not None:
                return due  # the due source keeps its own counts
            if not self._items:
                return None
            entry = self._items.popleft()
        self._removed(entry)
        return entry

    def popleft(self) -> Question | None:
        """Take the first question, generating it if it was deferred; None when none is left
        (a deferred question the deck no longer makes is passed over)."""
        while (entry := self._take()) is not None:
            q = entry.make(entry.id) if isinstance(entry, Deferred) else entry
            if q is not None:
                if q.id != entry.id:  # its history moved from a former id when it was made
                    self._kinds[q.id] = self._kinds.get(entry.id, "")
                return q
        return None

    def take_fact(self, sibling_key: str, keep: str = "") -> list[Entry]:
        """Remove and return the queued questions of one fact but ``keep`` (the queue is
        walked only when it holds one, which one question per fact per day makes rare)."""
        taken = self._due.take_fact(sibling_key, keep) if self._due is not None else []
        if self._facts[sibling_key] <= 0:
            return taken
        held = [q for q in (*self._head, *self._items) if q.sibling_key == sibling_key and q.id != keep]
        gone = {id(q) for q in held}
        self._head = deque(q for q in self._head if id(q) not in gone)
        self._items = deque(q for q in self._items if id(q) not in gone)
        for q in held:
            self._removed(q)
        return taken + held

    @property
    def shrunk(self) -> int:
        """How many due questions counted at the start will not be asked after all."""
        return self._due.shrunk if self._due is not None else 0

    def count(self, kind: str) -> int:
        """How many queued questions were queued as ``kind``."""
        return self._count[kind] + (len(self._due) if kind == "due" and self._due is not None else 0)
