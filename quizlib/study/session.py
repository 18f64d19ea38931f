"""The study engine: queue, grading, saving, undo. No terminal I/O; clock and rng are passed in."""

from __future__ import annotations

import datetime as dt
import json
import random
from bisect import insort
from collections.abc import Mapping, Sequence
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from quizlib.clock import Clock, local_zone, next_day_start
from quizlib.deckfile.load import refuse_shared_ids
from quizlib.errors import PluginError, StoreError
from quizlib.model import Deck, Question, Rating, Response
from quizlib.plugins import PluginHost
from quizlib.srs.rating import self_rated_score
from quizlib.srs.scheduling import Preview, Scheduling, due_of
from quizlib.store.store import CardRow, Review, Store
from quizlib.study.answer_record import (
    GivenAnswer,
    SavedAnswer,
    content_hash,
    review_and_state,
    schedulers_for,
)
from quizlib.study.questions import reshuffled
from quizlib.study.queue import build_queue, collection_paused
from quizlib.study.saving import SaveError, keep
from quizlib.study.types import Progress, SessionOptions
from quizlib.study.waiting import Entry, Waiting

if TYPE_CHECKING:  # imported when first used: not needed to show the first question
    from quizlib.study.queue import DayQueue
    from quizlib.study.reports import Pending, Summary

__all__ = ["Progress", "Session", "SessionOptions"]

KINDS = ("due", "new", "learning")

#: A failed card whose next step is due within this time comes back in the same session.
LEARNING_HORIZON = dt.timedelta(hours=1)


class Session:
    """A study session over one or more decks. Build it with :meth:`start`.

    A live object compared by identity; a plain class, since a dataclass's generated methods
    would only add to the time before the first question.
    """

    pending: Pending | None = None
    _current: Question | None = None

    def __init__(
        self,
        store: Store,
        host: PluginHost,
        decks: Sequence[Deck],
        day: DayQueue,
        clock: Clock,
        rng: random.Random,
        options: SessionOptions,
        schedulers: dict[str, Scheduling],
        started: dt.datetime,
        tz: dt.tzinfo,
    ) -> None:
        """Use :meth:`start`: it reads the store and plans the day's queue first."""
        self.store, self.host, self.decks = store, host, {d.id: d for d in decks}
        self.clock, self.rng, self.options, self.schedulers = clock, rng, options, schedulers
        self.started, self.tz = started, tz
        self.queue = Waiting(day.queue, day.kinds, day.due)
        self.kinds = day.kinds
        self.learning = day.ahead
        self.planned = len(self.queue) + len(day.ahead)
        self.history: list[SavedAnswer] = []
        self._deck_of = day.deck_of
        self._numbers: dict[str, int] = {}
        self._told_changed: set[str] = set()

    @classmethod
    def start(
        cls,
        store: Store,
        decks: Sequence[Deck],
        host: PluginHost,
        *,
        clock: Clock,
        rng: random.Random,
        options: SessionOptions | None = None,
        tz: dt.tzinfo | None = None,
    ) -> Session:
        """Build the queue: due reviews first (most overdue first), then new questions.

        Args:
            store: The review database.
            decks: The decks to study.
            host: The loaded plugins.
            clock: The current time.
            rng: Randomness for the order of new questions and for choices.
            options: What to study.
            tz: The learner's zone, for study days (None: :func:`quizlib.clock.local_zone`).
        """
        options = options or SessionOptions()
        decks = refuse_shared_ids(decks)
        zone = tz if tz is not None else local_zone()
        now = clock()
        # Parameters fitted with `quizlib optimize --apply` (per deck, else global) take effect here.
        schedulers = schedulers_for(store, decks)
        with collection_paused():
            day = build_queue(store, decks, host, schedulers, now=now, tz=zone, rng=rng, options=options)
        session = cls(store, host, decks, day, clock, rng, options, schedulers, now, zone)
        session._advance()
        return session

    # -- state --------------------------------------------------------------------
    @property
    def current(self) -> Question | None:
        """The question to answer now; None when the session is finished."""
        return self._current

    @property
    def total(self) -> int:
        """The questions the session plans to ask: counted at the start (repeats of learning
        steps not included, ``--limit`` at most); it drops only when due cards read later turn
        out to share a fact with one asked earlier (see :mod:`quizlib.study.due_pages`)."""
        total = self.planned - self.queue.shrunk
        return total if self.options.limit is None else min(total, self.options.limit)

    def deck_of(self, question: Question) -> Deck:
        """The deck a question comes from."""
        return self.decks[self._deck_of[question.id]]

    def progress(self) -> Progress:
        """Done / remaining, due vs new vs learning, elapsed time."""
        # The queue keeps its own counts; the learning steps are few.
        waiting = [q for _, q in self.learning] + ([self._current] if self._current is not None else [])
        count = {k: self.queue.count(k) + sum(1 for q in waiting if self.kinds.get(q.id) == k) for k in KINDS}
        return Progress(
            len(self.history),
            len(self.queue) + len(waiting),
            count["due"],
            count["new"],
            count["learning"],
            self.clock() - self.started,
            self._numbers.get(self._current.id, 0) if self._current is not None else 0,
            self.total,
        )

    def _advance(self) -> None:
        last, self._current = self._current, None
        if self.options.limit is not None and len(self.history) >= self.options.limit:
            return  # --limit N counts answers, repeats of learning steps included
        now = self.clock()
        # self.learning is kept sorted by due time. The question just answered comes back only
        # when nothing else is left: the first other step is the first or the second item.
        first = next(
            (i for i in (0, 1)[: len(self.learning)] if last is None or self.learning[i][1].id != last.id),
            None,
        )
        ready = first is not None and self.learning[first][0] <= now
        previous_was_learning = last is not None and self.kinds.get(last.id) == "learning"
        # A due learning step goes first, but never twice in a row while other questions wait,
        # so that repeated failures cannot starve the rest of the queue.
        if ready and first is not None and not (previous_was_learning and self.queue):
            self._current = self.learning.pop(first)[1]
        else:
            self._current = self.queue.popleft()  # None when the queue is empty
            if self._current is None and self.learning:  # do the learning steps now rather than end
                self._current = self.learning.pop(first if first is not None else 0)[1]
        if self._current is not None:
            self._numbers.setdefault(self._current.id, len(self._numbers) + 1)

    def changed(self, question: Question) -> bool:
        """True the first time in this session a question is shown whose content (fact or
        wording) changed since its last review; its schedule is kept (docs/scheduling.md)."""
        if question.id in self._told_changed:
            return False
        card = self.store.card(self._deck_of[question.id], question.id)
        if card is None or card.state is None or not card.content_hash:
            return False  # new, or reviewed before hashes were kept (imported logs)
        if card.content_hash == content_hash(question):
            return False
        self._told_changed.add(question.id)
        return True

    def _key(self, q: Question) -> str:
        return f"{self._deck_of[q.id]}/{q.id}"

    # -- answering ----------------------------------------------------------------
    def submit(self, response: Response, *, elapsed_ms: int = 0) -> Pending:
        """Grade the current question; nothing is saved until :meth:`commit`.

        Raises:
            AnswerError: The response is malformed (ask again).
            PluginError: The question type failed while grading (a GradingError); the
                question is dropped from the session, nothing is saved, and
                :attr:`current` is the next question.
        """
        q = self._current
        if q is None:
            raise PluginError("the session is finished; there is nothing to answer")
        try:
            grade = self.host.grade(q, response)  # AnswerError (ask again) passes through
        except PluginError:
            # The question type cannot grade it: nothing is saved, the question is dropped
            # from this session (asking it again would fail again) and the session goes on.
            self.pending = None
            self._advance()
            raise
        attempted = isinstance(response, str) and bool(response.strip())
        suggested = self.host.suggest_rating(q, grade, attempted=attempted)
        intervals: Mapping[Rating, dt.timedelta] = {}
        if not self.options.cram:
            # Computed when read (the screen shows them): rating at once schedules only once.
            deck_id = self._deck_of[q.id]
            card = partial(self.store.card, deck_id, q.id)
            intervals = Preview(self.schedulers[deck_id], card, self.clock(), self._key(q))
        from quizlib.study.reports import Pending

        self.pending = Pending(q, response, grade, suggested, intervals)
        self._elapsed_ms = elapsed_ms
        return self.pending

    def commit(self, rating: Rating | None = None, *, keep_on_failure: bool = True) -> None:
        """Save the pending answer (with the learner's rating, or the suggestion) and move on.

        Args:
            rating: The learner's rating (None: the suggested one).
            keep_on_failure: When the database refuses the answer, append it to the side
                file (``DB.pending.jsonl``) for the next start; False leaves it pending, so
                the caller can offer to retry.

        Raises:
            SaveError: The answer could not be saved (kept in the side file, or still
                pending when ``keep_on_failure`` is False).
        """
        pending = self.pending
        if pending is None:
            return
        q, deck_id = pending.question, self._deck_of[pending.question.id]
        given = self._given(pending, Rating(rating) if rating is not None else pending.suggested)
        score = given.score
        scheduling, key = self.schedulers[deck_id], self._key(q)

        def build(before: CardRow | None) -> tuple[Review, CardRow | None]:
            # Runs under the database's write lock: the time and the state read here are the
            # ones the review is stored with, so concurrent sessions' answers chain correctly.
            return review_and_state(given, before, self.clock(), scheduling, key)

        try:
            review_id, before, review, _row = self.store.record_answer(deck_id, q.id, build)
        except StoreError as exc:
            if not keep_on_failure:
                raise SaveError(f"{exc}; the answer is not saved yet") from None
            # The answer is not lost: it goes to the side file the next start imports.
            kept, _ = review_and_state(given, None, self.clock(), scheduling, key)
            self.pending = None
            raise keep(self.store, kept, exc) from None
        if isinstance(pending.intervals, Preview):  # not read yet: keep it from seeing the answer
            pending.intervals.settle(before)
        now, state_after = review.reviewed_at, review.state_after
        buried = self._bury_siblings(q, now) if not self.options.cram else []
        requeued = self._requeue(q, state_after, now)
        self.history.append(SavedAnswer(review_id, q, before, buried, score >= 1.0, score, requeued))
        self.pending = None
        self._advance()

    def _given(self, pending: Pending, final: Rating) -> GivenAnswer:
        """What the review of the pending answer stores, rated ``final``."""
        # A self-rated answer's verdict is the learner's rating; the typed match was a hint.
        score = self_rated_score(final) if pending.grade.self_rated else pending.grade.score
        answer = pending.response if isinstance(pending.response, str) else json.dumps(pending.response)
        return GivenAnswer(
            pending.question,
            self._deck_of[pending.question.id],
            final,
            pending.suggested,
            score,
            answer,
            getattr(self, "_elapsed_ms", 0),
            self.options.cram,
        )

    def _requeue(self, q: Question, state_after: Mapping[str, Any] | None, now: dt.datetime) -> bool:
        """Queue a learning step that falls due within this session again; True when queued."""
        if self.options.cram or state_after is None or due_of(state_after) > now + LEARNING_HORIZON:
            return False
        again = reshuffled(q, self.host, self.deck_of(q), self.rng)
        insort(self.learning, (due_of(state_after), again), key=itemgetter(0))
        self.kinds[q.id] = "learning"
        return True

    def _bury_siblings(self, q: Question, now: dt.datetime) -> list[tuple[Entry, CardRow | None]]:
        deck_id = self._deck_of[q.id]
        out = []
        for s in self.queue.take_fact(q.sibling_key, keep=q.id):
            out.append((s, self.store.card(deck_id, s.id)))
            self.store.set_flags(deck_id, s.id, buried_until=next_day_start(now, tz=self.tz))
        return out

    @property
    def can_undo(self) -> bool:
        """True when an answer of this session can be taken back."""
        return bool(self.history)

    def undo(self) -> Question | None:
        """Remove the last saved review and restore the card; that question becomes current again.

        Returns:
            The question asked again, or None when there is nothing to undo or the answer
            can no longer be taken back: another session has answered the same card since,
            and its answer stands (that one is then dropped from this session's undo list).
        """
        if not self.history:
            return None
        from quizlib.store.undo import unbury, undo_review  # only when an answer is taken back

        done = self.history.pop()
        q = done.question
        deck_id = self._deck_of[q.id]
        if not undo_review(self.store, done.review_id, done.before, deck_id, q.id):
            return None
        for sibling, previous in done.buried:
            unbury(self.store, deck_id, sibling.id, previous.buried_until if previous else None)
            self.queue.appendleft(sibling)
        if done.requeued:
            self.learning = [(t, x) for t, x in self.learning if x.id != q.id]
        self.kinds[q.id] = "due" if done.before and done.before.state else "new"
        if self._current is not None:
            self.queue.appendleft(self._current)
        self.pending = None
        self._current = q
        return q

    def skip(self) -> None:
        """Put the current question at the end of the queue."""
        if self._current is not None:
            self.queue.append(self._current)
            self.pending = None
            self._advance()

    def bury(self) -> None:
        """Hide the current question and its siblings until the next day."""
        q = self._current
        if q is None:
            return
        now = self.clock()
        deck_id = self._deck_of[q.id]
        self.store.set_flags(deck_id, q.id, buried_until=next_day_start(now, tz=self.tz))
        for s in self.queue.take_fact(q.sibling_key):
            self.store.set_flags(deck_id, s.id, buried_until=next_day_start(now, tz=self.tz))
        self.pending = None
        self._advance()

    def suspend(self) -> None:
        """Suspend the current question until it is unsuspended."""
        q = self._current
        if q is None:
            return
        self.store.set_flags(self._deck_of[q.id], q.id, suspended=True)
        self.pending = None
        self._advance()

    def summary(self) -> Summary:
        """Answered, accuracy overall and per type, time, what is due tomorrow."""
        from quizlib.study.reports import Summary, type_stats

        stats = type_stats((d.question.type, d.correct, d.score) for d in self.history)
        answered = len(self.history)
        correct = sum(d.correct for d in self.history)
        now = self.clock()
        ids = list(self.decks)
        next_due = self.store.next_due(ids, now)
        return Summary(
            answered,
            correct,
            correct / answered if answered else 0.0,
            stats,
            now - self.started,
            self.store.due_count(ids, next_day_start(next_day_start(now, tz=self.tz), tz=self.tz)),
            next_due.astimezone(self.tz) if next_due is not None else None,  # shown as local time
        )
