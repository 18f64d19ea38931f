"""What one answer writes: the review appended to the log and the card's next state.

Pure: the caller passes the card's state as it is under the write lock
(:meth:`quizlib.store.store.Store.record_answer`), so the result chains on the latest state.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass

from quizlib.model import Question, Rating
from quizlib.srs.scheduling import Scheduling, due_of, is_review_state
from quizlib.store.store import CardRow, Review

#: A card failed this many times after graduating is suspended as a leech.
LEECH_LAPSES = 8


def content_hash(question: Question) -> str:
    """A hash of what the question asks, to notice edits without losing history."""
    payload = json.dumps([question.fact.data, question.prompt.text], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class GivenAnswer:
    """An answer ready to be saved: the question, the verdict and how it was given."""

    question: Question
    deck_id: str
    rating: Rating
    suggested: Rating
    score: float
    answer: str
    elapsed_ms: int
    cram: bool


def review_and_state(
    given: GivenAnswer, before: CardRow | None, now: dt.datetime, scheduling: Scheduling, key: str
) -> tuple[Review, CardRow | None]:
    """The review to append and the card's new state (None in cram mode: the schedule is
    left alone) from the card's state ``before`` the answer."""
    q = given.question
    state_before = before.state if before else None
    row: CardRow | None = None
    state_after = state_before
    if not given.cram:
        state_after = scheduling.review(state_before, given.rating, now, key)
        lapses = (before.lapses if before else 0) + (
            1 if given.rating is Rating.AGAIN and is_review_state(state_before) else 0
        )
        leech = lapses >= LEECH_LAPSES
        row = CardRow(
            given.deck_id,
            q.id,
            state_after,
            due_of(state_after),
            (before.reps if before else 0) + 1,
            lapses,
            leech or (before.suspended if before else False),
            None,
            leech,
            content_hash(q),
        )
    review = Review(
        uuid.uuid4().hex,
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
        state_after,
        given.cram,
    )
    return review, row
