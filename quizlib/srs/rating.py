"""The one place that turns a grade into a suggested FSRS rating.

No standard maps partial credit to a rating, so quizlib suggests one and the learner
may change it before it is saved. A plugin can replace this policy through the
``suggest_rating`` hook.
"""

from __future__ import annotations

from quizlib.model import Grade, Prompt, PromptKind, Question, Rating

#: Scores at or above this (but below full marks) suggest Hard; below it, Again.
HARD_THRESHOLD = 0.5


def default_rating(
    grade: Grade, hard_threshold: float = HARD_THRESHOLD, *, attempted: bool = False, floor: float = 0.0
) -> Rating:
    """Suggest a rating: full marks → Good, at least ``hard_threshold`` → Hard, else Again.

    Partial credit is judged above chance: the score is first corrected for ``floor``, the
    mean score of a random answer (see :func:`chance_corrected`), so a random 4-item order,
    right on half its pairs on average, is no longer rated Hard 58% of the time.

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
    if chance_corrected(grade.score, floor) >= hard_threshold:
        return Rating.HARD
    return Rating.AGAIN


def suggested_rating(question: Question, grade: Grade, *, attempted: bool = False) -> Rating:
    """:func:`default_rating` with the guessing floor of ``question``'s prompt."""
    return default_rating(grade, attempted=attempted, floor=guessing_floor(question.prompt))


def self_rated_score(rating: Rating) -> float:
    """The score a self-rated answer is saved with: the learner's rating is its verdict.

    Again is wrong (0), Hard partly right (0.5), Good and Easy right (1), so the session
    summary, ``quizlib stats`` and the log agree on one verdict.
    """
    return {Rating.AGAIN: 0.0, Rating.HARD: 0.5}.get(rating, 1.0)


def guessing_floor(prompt: Prompt) -> float:
    """The mean score of a random answer to ``prompt``: what a learner who forgot gets by guessing.

    One of n choices: 1/n. An ordering: 1/2, what a random order gets under the timeline's
    default grading (the share of pairs in order); under all-or-nothing grading the floor
    changes nothing, as every score is 0 or 1. Typed answers: 0.
    """
    if prompt.kind is PromptKind.CHOICE and prompt.choices:
        return 1.0 / len(prompt.choices)
    if prompt.kind is PromptKind.ORDER and len(prompt.items) > 1:
        return 0.5
    return 0.0


def chance_corrected(score: float, floor: float) -> float:
    """The score above chance: (score − floor) / (1 − floor), at least 0.

    A random 4-item order scores 0.5 on average and 0.5 or more 62% of the time; corrected,
    only a score of at least 0.75 reaches 0.5.
    """
    if floor <= 0.0 or floor >= 1.0:
        return score
    return max(0.0, (score - floor) / (1.0 - floor))
