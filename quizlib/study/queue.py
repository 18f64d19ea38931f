"""A study day's queue: which questions a session asks, in what order.

The day semantics (see ``docs/scheduling.md``): a review card is due when its due time
falls on or before the end of the current study day; a (re)learning step is due within the
learn-ahead window; one question per fact per study day, across sessions; new questions up
to each deck's daily budget, never undercut by a sibling that could not be asked.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from quizlib.clock import next_day_start, this_day_start
from quizlib.model import Deck, Question
from quizlib.plugins import PluginHost
from quizlib.srs.scheduling import Scheduling
from quizlib.store.store import Store
from quizlib.study.orphans import adopt_former_ids
from quizlib.study.questions import generate_questions
from quizlib.study.types import SessionOptions

DEFAULT_NEW_PER_DAY = 20


@dataclass
class DayQueue:
    """The questions of a session, with where each comes from.

    Attributes:
        queue: Questions to ask, in order: due first (most overdue first), then new.
        kinds: ``due``, ``new`` or ``learning`` for each question id in the queue or ahead.
        deck_of: The deck id of every generated question.
        ahead: (Re)learning steps due within the learn-ahead window, with their due times:
            asked when they fall due, or early when nothing else is left (as Anki does).
    """

    queue: list[Question] = field(default_factory=list)
    ahead: list[tuple[dt.datetime, Question]] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    deck_of: dict[str, str] = field(default_factory=dict)

    def add(self, question: Question, kind: str, seen: set[str]) -> None:
        """Queue a question and mark its fact as taken for the day."""
        self.queue.append(question)
        self.kinds[question.id] = kind
        seen.add(question.sibling_key)


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
    """The queue of a session starting at ``now`` in zone ``tz``."""
    day_begins, day_ends = this_day_start(now, tz=tz), next_day_start(now, tz=tz)
    out = DayQueue()
    due: list[tuple[int, Question]] = []
    learning: list[tuple[dt.datetime, Question]] = []
    fresh: list[tuple[list[Question], int]] = []
    seen: set[str] = set()  # facts that already have their question today
    continuing: set[str] = set()  # questions answered today whose learning steps go on
    for deck in decks:
        generated = generate_questions(
            deck, host, rng, types=options.types or None, tags=options.tags or None
        ).questions
        adopt_former_ids(store, deck.id, generated)  # before reading which cards have history
        reviewed_ids = store.reviewed_ids(deck.id)
        hidden = store.hidden_ids(deck.id, now)
        ahead = dt.timedelta(minutes=schedulers[deck.id].settings.learn_ahead)
        # One question per fact per study day holds across sessions: a fact answered earlier
        # today offers no other question (its own learning steps go on).
        today = store.reviewed_since(deck.id, day_begins) if not options.cram else set()
        answered_facts = {q.sibling_key for q in generated if q.id in today}
        open_facts = {
            q.id: q.sibling_key
            for q in generated
            if q.id not in hidden and (q.sibling_key not in answered_facts or q.id in today)
        }
        due_ids = _due_ids(store, deck.id, now, day_ends, open_facts, None if options.cram else options.limit)
        due_now = {qid: rank for rank, qid in enumerate(due_ids)}
        soon = set(store.due_ids(deck.id, now, learn_until=now + ahead, review_until=now)) - set(due_now)
        continuing |= today
        if not options.cram:
            seen |= answered_facts
        limit = options.new_per_day
        if limit is None:
            limit = deck.setting("new_per_day", DEFAULT_NEW_PER_DAY)
        budget = max(0, int(limit) - store.new_reviewed_since(deck.id, day_begins))
        candidates: list[Question] = []
        for q in generated:
            out.deck_of[q.id] = deck.id
            if q.id not in open_facts:
                continue
            reviewed = q.id in reviewed_ids
            if q.id in due_now:
                due.append((due_now[q.id], q))  # most overdue first, per deck
            elif q.id in soon and not options.cram:
                card = store.card(deck.id, q.id)
                learning.append((card.due if card and card.due else now, q))
            elif options.cram:
                due.append((len(due_now) + (1 if reviewed else 0), q))
            elif not reviewed:
                candidates.append(q)
        shuffled = _interleave(candidates, rng)
        fresh.append((shuffled, len(shuffled) if options.cram else budget))
    due.sort(key=lambda item: item[0])
    for _, q in due:
        if q.sibling_key not in seen or q.id in continuing:
            out.add(q, "due", seen)
    for when, q in sorted(learning, key=lambda pair: pair[0]):
        if q.sibling_key not in seen or q.id in continuing:
            out.ahead.append((when, q))
            out.kinds[q.id] = "learning"
            seen.add(q.sibling_key)
    for candidates, budget in fresh:
        # A new question whose fact is taken is passed over for the next one, so the daily
        # budget is not undercut by siblings.
        taken = 0
        for q in candidates:
            if taken >= budget:
                break
            if q.sibling_key not in seen:
                out.add(q, "new", seen)
                taken += 1
    if options.limit is not None:
        del out.queue[options.limit :]
    return out


def _due_ids(
    store: Store,
    deck_id: str,
    now: dt.datetime,
    day_ends: dt.datetime,
    open_facts: dict[str, str],
    want: int | None,
) -> list[str]:
    """Due question ids, most overdue first; for a session of at most ``want`` questions,
    only as many as give ``want`` askable facts (``open_facts``: question id -> fact), so a
    ``--limit`` session on a large deck does not list every due card."""
    if want is None:
        return store.due_ids(deck_id, now, review_until=day_ends)
    page = max(2 * want, 50)
    while True:
        ids = store.due_ids(deck_id, now, page, review_until=day_ends)
        if len(ids) < page or len({open_facts[i] for i in ids if i in open_facts}) >= want:
            return ids
        page *= 4


def _interleave(questions: list[Question], rng: random.Random) -> list[Question]:
    """Shuffle, then alternate question types so one type never comes in a long run."""
    by_type: dict[str, list[Question]] = {}
    shuffled = list(questions)
    rng.shuffle(shuffled)
    for q in shuffled:
        by_type.setdefault(q.type, []).append(q)
    out: list[Question] = []
    lanes = [by_type[t] for t in sorted(by_type)]
    while any(lanes):
        for lane in lanes:
            if lane:
                out.append(lane.pop(0))
    return out
