"""A session's due cards, read from the store a page at a time as the session reaches them.

Starting a session lists no more than one page of due cards per deck: on a collection with
100,000 cards due, the first question does not wait for 100,000 ids to be listed, checked
against the deck and queued. The counts a session shows (how many are due, the planned
total) come from one ``COUNT`` over the same index; they are exact when the due cards fit
in the first page, and otherwise an upper bound that shrinks to the exact figure as pages
are read (a due card whose fact already has its question today is not asked).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from typing import NamedTuple

from quizlib.study.waiting import Entry

#: Due cards read per page. The first page is read when the session starts, the next ones
#: when the session reaches them; small enough that a start costs milliseconds, large
#: enough that the counts of a typical day's session are exact from the start.
PAGE = 1000

#: Reads one page: (``after``, the ``(due, rowid)`` of the last row read, or None; the page
#: size) -> ``(question id, due, rowid)`` rows in due order.
ReadPage = Callable[[tuple[str, int] | None, int], list[tuple[str, str, int]]]


class Ranked(NamedTuple):
    """A due question and its place in its deck's due list (most overdue: 0)."""

    rank: int
    entry: Entry


class DuePages:
    """One deck's due questions, most overdue first, read a page at a time.

    Args:
        read: Reads a page of due rows (see :data:`ReadPage`).
        total: Counts every due card of the deck (called only when a first page is full).
        accept: The queued question of a due card id, or None when the session does not ask
            it (not askable, its fact already taken); it claims the card's fact.
        page: Rows per page (None: :data:`PAGE`).
    """

    def __init__(
        self,
        read: ReadPage,
        total: Callable[[], int],
        accept: Callable[[str], Entry | None],
        page: int | None = None,
    ) -> None:
        self._read, self._accept, self._page = read, accept, page or PAGE
        self._after: tuple[str, int] | None = None
        self._rank = 0
        self._unread = 0  # due cards not read yet (an estimate until the last page is read)
        self._exhausted = False
        self._buffer: deque[Ranked] = deque()
        self._facts: Counter[str] = Counter()
        self._given: set[str] = set()  # a card answered again today may move later in the list
        self._next_page()
        if not self._exhausted:
            self._unread = max(0, total() - self._rank)
        self._planned = len(self)
        self._gone = 0  # taken (asked, or buried with a sibling)

    def __len__(self) -> int:
        """The due questions still to ask: exact once the last page is read, else at most."""
        return len(self._buffer) + self._unread

    @property
    def shrunk(self) -> int:
        """How many of the due questions counted at the start turned out not to be asked
        (their fact was taken by an earlier one): 0 while the due cards fit in one page."""
        return self._planned - len(self) - self._gone

    def _next_page(self) -> None:
        rows = self._read(self._after, self._page)
        if len(rows) < self._page:
            self._exhausted, self._unread = True, 0
        else:
            self._after = (rows[-1][1], rows[-1][2])
            self._unread = max(0, self._unread - len(rows))
        for qid, _, _ in rows:
            rank, self._rank = self._rank, self._rank + 1
            if qid in self._given:
                continue
            entry = self._accept(qid)
            if entry is not None:
                self._given.add(qid)
                self._buffer.append(Ranked(rank, entry))
                self._facts[entry.sibling_key] += 1

    def head(self) -> Ranked | None:
        """The next due question (reading the next page when this one is used up)."""
        while not self._buffer and not self._exhausted:
            self._next_page()
        return self._buffer[0] if self._buffer else None

    def popleft(self) -> Entry:
        """Take the question :meth:`head` returned."""
        entry = self._buffer.popleft().entry
        self._facts[entry.sibling_key] -= 1
        self._gone += 1
        return entry

    def take_fact(self, sibling_key: str, keep: str = "") -> list[Entry]:
        """Remove and return the read questions of one fact but ``keep`` (the unread ones of
        that fact are not asked: the fact is taken)."""
        if self._facts[sibling_key] <= 0:
            return []
        taken = [r for r in self._buffer if r.entry.sibling_key == sibling_key and r.entry.id != keep]
        gone = {id(r) for r in taken}
        self._buffer = deque(r for r in self._buffer if id(r) not in gone)
        self._facts[sibling_key] -= len(taken)
        self._gone += len(taken)
        return [r.entry for r in taken]


class DueQueue:
    """Every studied deck's due questions, merged by their place in their deck's list (the
    first deck first among equals), as one list of due cards built whole would order them."""

    def __init__(self, decks: list[DuePages]) -> None:
        self._decks = decks

    def __len__(self) -> int:
        return sum(len(d) for d in self._decks)

    @property
    def shrunk(self) -> int:
        """See :attr:`DuePages.shrunk`."""
        return sum(d.shrunk for d in self._decks)

    def popleft(self) -> Entry | None:
        """The next due question, or None when none is left."""
        best: DuePages | None = None
        best_rank = 0
        for pages in self._decks:
            head = pages.head()
            if head is not None and (best is None or head.rank < best_rank):
                best, best_rank = pages, head.rank
        return best.popleft() if best is not None else None

    def take_fact(self, sibling_key: str, keep: str = "") -> list[Entry]:
        """Remove and return the read due questions of one fact but ``keep``."""
        return [e for pages in self._decks for e in pages.take_fact(sibling_key, keep)]
