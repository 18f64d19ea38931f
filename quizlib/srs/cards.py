"""The one rule for how a review changes a card: FSRS state, reps, lapses, leeches.

The live session, ``log import`` and replay (``optimize --apply``/``--undo``) all go through
:func:`apply_review`, so a card reaches the same state whichever way its reviews arrive.
"""

from __future__ import annotations

import datetime as dt

from quizlib.model import Rating
from quizlib.srs.scheduling import Scheduling, due_of, is_review_state
from quizlib.store.records import CardRow

#: A card failed this many times after graduating becomes a leech and is suspended.
LEECH_LAPSES = 8


def card_key(deck_id: str, question_id: str) -> str:
    """The key a card is scheduled under (it seeds the interval fuzz)."""
    return f"{deck_id}/{question_id}"


def becomes_leech(lapses: int) -> bool:
    """True when a lapse bringing the count to ``lapses`` makes the card a leech: at
    :data:`LEECH_LAPSES`, then every half of it again (as Anki does), so a leech the learner
    unsuspended is suspended again only after a few more lapses, not at its next review."""
    half = max(1, LEECH_LAPSES // 2)
    return lapses >= LEECH_LAPSES and (lapses - LEECH_LAPSES) % half == 0


def apply_review(
    before: CardRow | None,
    rating: Rating,
    now: dt.datetime,
    scheduling: Scheduling,
    *,
    deck_id: str,
    question_id: str,
    content_hash: str | None = None,
) -> CardRow:
    """The card's state after a (non-cram) review with ``rating`` at ``now``.

    Args:
        before: The card before the review (None: never reviewed).
        rating: The learner's rating.
        now: When the review happened.
        scheduling: The deck's scheduler (its settings and fitted parameters).
        deck_id: The card's deck.
        question_id: The card's question.
        content_hash: The question's content hash now (None: keep the stored one).

    Returns:
        The new state: one more rep; one more lapse when a graduated card is failed; a
        lapse that makes the card a leech (:func:`becomes_leech`) flags and suspends it;
        a bury ends with the review.
    """
    state = before.state if before else None
    after = scheduling.review(state, rating, now, card_key(deck_id, question_id))
    lapse = rating is Rating.AGAIN and is_review_state(state)
    lapses = (before.lapses if before else 0) + int(lapse)
    leech_now = lapse and becomes_leech(lapses)
    if before is None:
        before = CardRow(deck_id, question_id, None, None, 0, 0, False, None, False, "")
    return CardRow(
        before.deck_id,
        before.question_id,
        state=after,
        due=due_of(after),
        reps=before.reps + 1,
        lapses=lapses,
        suspended=before.suspended or leech_now,
        buried_until=None,
        leech=before.leech or leech_now,
        content_hash=before.content_hash if content_hash is None else content_hash,
    )
