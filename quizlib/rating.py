"""The one place that turns a grade into a suggested FSRS rating.

No standard maps partial credit to a rating, so quizlib suggests one and the learner
may change it before it is saved. A plugin can replace this policy through the
``suggest_rating`` hook.
"""

from __future__ import annotations

from quizlib.model import Grade, Rating

#: Scores at or above this (but below full marks) suggest Hard; below it, Again.
HARD_THRESHOLD = 0.5


def default_rating(grade: Grade, hard_threshold: float = HARD_THRESHOLD) -> Rating:
    """Suggest a rating: full marks → Good, at least ``hard_threshold`` → Hard, else Again.

    Easy is never suggested: only the learner knows an answer was effortless. A self-rated
    grade (a basic card, where the learner compares with the back) suggests Good, like
    Anki's default button: the learner sees the answer and changes the rating if needed.
    """
    if grade.self_rated:
        return Rating.GOOD
    if grade.score >= 1.0:
        return Rating.GOOD
    if grade.score >= hard_threshold:
        return Rating.HARD
    return Rating.AGAIN
