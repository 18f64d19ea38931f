"""The one place that turns a grade into a suggested FSRS rating.

No standard maps partial credit to a rating, so quizlib suggests one and the learner
may change it before it is saved. A plugin can replace this policy through the
``suggest_rating`` hook.
"""

from __future__ import annotations

from quizlib.model import Grade, Rating

#: Scores at or above this (but below full marks) suggest Hard; below it, Again.
HARD_THRESHOLD = 0.5


def default_rating(
    grade: Grade, hard_threshold: float = HARD_THRESHOLD, *, attempted: bool = False
) -> Rating:
    """Suggest a rating: full marks → Good, at least ``hard_threshold`` → Hard, else Again.

    Easy is never suggested: only the learner knows an answer was effortless. A self-rated
    grade (a basic card, where the learner compares with the back) suggests Good when
    nothing was typed, like Anki's default button. When the learner typed an attempt
    (``attempted``), its match is the suggestion, so a card shown as "wrong (0.00)" suggests
    Again rather than Good; the learner may still change the rating.
    """
    if grade.self_rated and not attempted:
        return Rating.GOOD
    if grade.score >= 1.0:
        return Rating.GOOD
    if grade.score >= hard_threshold:
        return Rating.HARD
    return Rating.AGAIN


def self_rated_score(rating: Rating) -> float:
    """The score a self-rated answer is saved with: the learner's rating is its verdict.

    Again is wrong (0), Hard partly right (0.5), Good and Easy right (1), so the session
    summary, ``quizlib stats`` and the log agree on one verdict.
    """
    return {Rating.AGAIN: 0.0, Rating.HARD: 0.5}.get(rating, 1.0)
