"""A study day's queue: which questions a session asks, in what order.

The day semantics (see ``docs/scheduling.md``): a review card is due when its due time
falls on or before the end of the current study day; a (re)learning step is due within the
learn-ahead window; one question per fact per study day, across sessions; new questions up
to each deck's daily budget, never undercut by a sibling that could not be asked.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import random
from collections.abc import Iterator, Sequence
from typing import TypeVar

from quizlib.clock import next_day_start, this_day_start
from quizlib.model import Deck, Question
from quizlib.plugins import PluginHost
from quizlib.srs.scheduling import Scheduling
from quizlib.store.store import Store
from quizlib.study.due_pages import DuePages, DueQueue
from quizlib.study.plan import DeckPlan
from quizlib.study.types import SessionOptions
from quizlib.study.waiting import Deferred, Entry

DEFAULT_NEW_PER_DAY = 20
T = TypeVar("T")


class DayQueue:
    """The questions of a session, with where each comes from.

    Attributes:
        queue: Questions to ask after the due ones, in order: the new ones (a cram
            session's every question).
        due: The due questions, most overdue first, read as the session reaches them.
        kinds: ``due``, ``new`` or ``learning`` for each question id in the queue or ahead.
        deck_of: The deck id of every generated question.
        ahead: (Re)learning steps due within the learn-ahead window, with their due times:
            asked when they fall due, or early when nothing else is left (as Anki does).
    """

    due: DueQueue | None = None

    def __init__(self) -> None:
        self.queue: list[Entry] = []
        self.ahead: list[tuple[dt.datetime, Question]] = []
        self.kinds: dict[str, str] = {}
        self.deck_of: dict[str, str] = {}

    def add(self, question: Entry, kind: str, seen: set[str]) -> None:
        """Queue a question and mark its fact as taken for the day."""
        self.queue.append(question)
        self.kinds[question.id] = kind
        seen.add(question.sibling_key)


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused (as it was before, after): a large deck's
    queue is many small objects, all kept for the session, so collection passes while it
    is built find no garbage and would only slow the start down."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_queue(
    store: Store,
    decks: Sequence[Deck],
    host: PluginHost,
    schedulers: dict[str, Scheduling],
    *,
    now: dt.datetime,
    tz: dt.tzinfo,
    rng: random.Random,
    options: SessionOptions,
) -> DayQueue:
    """The queue of a session starting at ``now`` in zone ``tz``.

    Only the questions the session will ask are generated, when their turn comes: the due
    ones (read from the store a page at a time, :mod:`quizlib.study.due_pages`), the
    learning steps and the new ones up to the budget. The store names them by id
    (``section/fact/type[/variant]``), which says which type to ask of which fact; new
    questions are drawn from the deck's (type, fact) pairs in random order. A cram session
    asks everything, so it generates everything.
    """
    day_begins, day_ends = this_day_start(now, tz=tz), next_day_start(now, tz=tz)
    out = DayQueue()
    plans = [DeckPlan(store, deck, host, rng, options, now, day_begins, day_ends) for deck in decks]
    seen: set[str] = set()  # facts that already have their question today
    continuing: set[str] = set()  # questions answered today whose learning steps go on
    for plan in plans:
        plan.deck_of = out.deck_of  # filled as questions are generated, new ones included
        continuing |= plan.today
        if not options.cram:
            seen |= plan.answered_facts
    if options.cram:  # everything is asked (one question per fact): nothing is left to draw
        ranked: list[tuple[int, Entry]] = []
        for plan in plans:
            due_ids = store.due_ids(plan.deck.id, now, review_until=day_ends)
            ranked += plan.cram({qid: rank for rank, qid in enumerate(due_ids)})
        for _, q in sorted(ranked, key=lambda item: item[0]):
            if q.sibling_key not in seen or q.id in continuing:
                out.add(q, "due", seen)
        return out
    # Due cards claim their facts first: the first page of each deck now, the rest as they
    # are reached; a learning step or new question of a fact with a due card is not asked.
    out.due = DueQueue([_due_pages(plan, seen, continuing, out.kinds) for plan in plans])
    learning: list[tuple[dt.datetime, Question]] = []
    for plan in plans:
        ahead = dt.timedelta(minutes=schedulers[plan.deck.id].settings.learn_ahead)
        soon = store.learning_ids(plan.deck.id, now, now + ahead)
        learning += _learning_steps(store, plan, soon, options.limit, now, continuing)
    _queue_learning(out, learning, seen, continuing)
    for plan in plans:
        _queue_new(out, plan.new_questions(seen), _new_budget(store, plan.deck, options, day_begins), seen)
    return out


def _due_pages(plan: DeckPlan, seen: set[str], continuing: set[str], kinds: dict[str, str]) -> DuePages:
    """A deck's due questions, most overdue first, one question per fact."""
    store, deck_id, now, day_ends = plan.store, plan.deck.id, plan.now, plan.day_ends
    askable, make = plan.askable, plan.question  # bound once: called per due card

    def accept(qid: str) -> Entry | None:
        fact = askable(qid)
        if fact is None or (fact in seen and qid not in continuing):
            return None
        seen.add(fact)
        kinds[qid] = "due"
        return Deferred(qid, fact, make)

    def read(after: tuple[str, int] | None, size: int) -> list[tuple[str, str, int]]:
        return store.due_page(deck_id, now, review_until=day_ends, after=after, size=size)

    return DuePages(read, lambda: store.due_total(deck_id, now, review_until=day_ends), accept)


def _learning_steps(
    store: Store,
    plan: DeckPlan,
    soon: Sequence[str],
    limit: int | None,
    now: dt.datetime,
    continuing: set[str],
) -> list[tuple[dt.datetime, Question]]:
    """(Re)learning steps due within the learn-ahead window, with their due times (a step
    whose fact has a due card asked today waits, unless it was answered today already)."""
    out: list[tuple[dt.datetime, Question]] = []
    for qid in soon:
        if limit is not None and len(out) >= limit:
            break  # a session of `limit` answers never reaches the later ones
        q = plan.question(qid)
        if q is not None and (q.id in continuing or not plan.due_fact(q.sibling_key)):
            card = store.card(plan.deck.id, qid)
            out.append((card.due if card and card.due else now, q))
    return out


def _new_budget(store: Store, deck: Deck, options: SessionOptions, day_begins: dt.datetime) -> int:
    """How many new questions of ``deck`` the session may still introduce today."""
    new_limit = options.new_per_day
    if new_limit is None:
        new_limit = deck.setting("new_per_day", DEFAULT_NEW_PER_DAY)
    budget = max(0, int(new_limit) - store.new_reviewed_since(deck.id, day_begins))
    limit = None if options.cram else options.limit
    return budget if limit is None else min(budget, limit)  # the queue keeps `limit` at most


def _queue_learning(
    out: DayQueue, learning: list[tuple[dt.datetime, Question]], seen: set[str], continuing: set[str]
) -> None:
    """Learning steps after the due questions, earliest first, one question per fact."""
    for when, q in sorted(learning, key=lambda pair: pair[0]):
        if q.sibling_key not in seen or q.id in continuing:
            out.ahead.append((when, q))
            out.kinds[q.id] = "learning"
            seen.add(q.sibling_key)


def _queue_new(out: DayQueue, candidates: Iterator[Question], budget: int, seen: set[str]) -> None:
    """Up to ``budget`` new questions, one per fact: a question whose fact is taken is passed
    over for the next one, so the daily budget is not undercut by siblings."""
    taken = 0
    while taken < budget:  # checked first: a candidate drawn is a question generated
        drawn = next(candidates, None)
        if drawn is None:
            break
        if drawn.sibling_key not in seen:
            out.add(drawn, "new", seen)
            taken += 1
