"""The questions a session has still to ask, in order, counted so that nothing walks them."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from quizlib.model import Question


class Deferred(NamedTuple):
    """A queued question known by its id, generated only when it is about to be asked
    (``make(id)``; a tuple, so that queueing a large deck's due cards stays cheap)."""

    id: str
    sibling_key: str
    make: Callable[[str], Question | None]


Entry = Question | Deferred


class Waiting:
    """The questions still to ask, in order, counted by fact and by kind, so that advancing,
    burying siblings and reporting progress never walk the whole queue.

    Args:
        questions: The queue, in order.
        kinds: ``due`` / ``new`` / ``learning`` by question id (read when a question is queued).
    """

    def __init__(self, questions: Iterable[Entry], kinds: dict[str, str]) -> None:
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
        return len(self._items)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._items)

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
        self._items.appendleft(q)
        self._added(q)

    def popleft(self) -> Question | None:
        """Take the first question, generating it if it was deferred; None when none is left
        (a deferred question the deck no longer makes is passed over)."""
        while self._items:
            entry = self._items.popleft()
            self._removed(entry)
            q = entry.make(entry.id) if isinstance(entry, Deferred) else entry
            if q is not None:
                if q.id != entry.id:  # its history moved from a former id when it was made
                    self._kinds[q.id] = self._kinds.get(entry.id, "")
                return q
        return None

    def take_fact(self, sibling_key: str, keep: str = "") -> list[Entry]:
        """Remove and return the queued questions of one fact but ``keep`` (the queue is
        walked only when it holds one, which one question per fact per day makes rare)."""
        if self._facts[sibling_key] <= 0:
            return []
        taken = [q for q in self._items if q.sibling_key == sibling_key and q.id != keep]
        gone = {id(q) for q in taken}
        self._items = deque(q for q in self._items if id(q) not in gone)
        for q in taken:
            self._removed(q)
        return taken

    def count(self, kind: str) -> int:
        """How many queued questions were queued as ``kind``."""
        return self._count[kind]
