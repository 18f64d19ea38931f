"""What one answer writes: the review appended to the log and the card's next state.

:func:`review_and_state` is pure: the caller passes the card's state as it is under the
write lock (:meth:`quizlib.store.store.Store.record_answer`), so the result chains on the
latest state.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from quizlib.model import Deck, Question, Rating
from quizlib.srs.cards import LEECH_LAPSES, apply_review
from quizlib.srs.replay import deck_scheduling
from quizlib.srs.scheduling import Scheduling
from quizlib.store.records import new_review_id
from quizlib.store.store import CardRow, Review, Store

if TYPE_CHECKING:
    from quizlib.study.waiting import Entry

__all__ = ["LEECH_LAPSES", "GivenAnswer", "SavedAnswer", "content_hash", "review_and_state", "schedulers_for"]


#: What ``json.dumps(..., sort_keys=True, default=str)`` encodes with, made once.
_HASHED_JSON = json.JSONEncoder(sort_keys=True, default=str)


def content_hash(question: Question) -> str:
    """A hash of what the question asks, to notice edits without losing history."""
    import hashlib  # loads OpenSSL: only once a question is answered or a card compared

    payload = _HASHED_JSON.encode([question.fact.data, question.prompt.text])
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


class GivenAnswer(NamedTuple):
    """An answer ready to be saved: the question, the verdict and how it was given.

    A named tuple rather than a dataclass: it is a plain record passed from the session to
    :func:`review_and_state`, and a tuple class costs a tenth as much to create at start-up.
    """

    question: Question
    deck_id: str
    rating: Rating
    suggested: Rating
    score: float
    answer: str
    elapsed_ms: int
    cram: bool


class SavedAnswer(NamedTuple):
    """One saved answer, as the session keeps it for undo and the summary."""

    review_id: int
    question: Question
    before: CardRow | None
    buried: list[tuple[Entry, CardRow | None]]
    correct: bool
    score: float
    requeued: bool


def schedulers_for(store: Store, decks: Iterable[Deck]) -> dict[str, Scheduling]:
    """Each deck's scheduler (its settings and fitted parameters), remembered in the store
    so that a replay of the log schedules as this session does."""
    return {d.id: deck_scheduling(store, d) for d in decks}


def review_and_state(
    given: GivenAnswer, before: CardRow | None, now: dt.datetime, scheduling: Scheduling, key: str
) -> tuple[Review, CardRow | None]:
    """The review to append and the card's new state (None in cram mode: the schedule is
    left alone) from the card's state ``before`` the answer (:func:`apply_review`).

    ``key`` is the card's scheduling key (:func:`quizlib.srs.cards.card_key`), which the
    rule derives from the deck and question itself.
    """
    q = given.question
    state_before = before.state if before else None
    row: CardRow | None = None
    if not given.cram:
        row = apply_review(
            before,
            given.rating,
            now,
            scheduling,
            deck_id=given.deck_id,
            question_id=q.id,
            content_hash=content_hash(q),
        )
    review = Review(
        new_review_id(),
        given.deck_id,
        q.id,
        q.type,
        now,
        int(given.rating),
        given.answer,
        given.score,
        int(given.suggested),
        given.elapsed_ms,
        state_before,
        row.state if row is not None else state_before,
        given.cram,
    )
    return review, row
