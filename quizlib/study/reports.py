"""What a study session reports once the learner answers: a pending answer, the summary.

Plain values shared by the session engine and the interfaces that show them. They live
apart from :mod:`quizlib.study.types` because a session reaches them only after its first
question is on screen, and creating these classes is start-up time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from quizlib.model import Grade, Question, Rating, Response


@dataclass(frozen=True)
class Pending:
    """A graded answer waiting for the learner's rating."""

    question: Question
    response: Response
    grade: Grade
    suggested: Rating
    intervals: Mapping[Rating, dt.timedelta]


@dataclass(frozen=True)
class TypeStats:
    """Results for one question type."""

    answered: int
    correct: int
    mean_score: float


@dataclass(frozen=True)
class Summary:
    """The end-of-session summary (``next_due`` in the learner's time zone)."""

    answered: int
    correct: int
    accuracy: float
    by_type: Mapping[str, TypeStats]
    elapsed: dt.timedelta
    due_tomorrow: int
    next_due: dt.datetime | None


def type_stats(answers: Iterable[tuple[str, bool, float]]) -> dict[str, TypeStats]:
    """Per question type (sorted by name), from each answer's type, correctness and score."""
    by_type: dict[str, list[tuple[bool, float]]] = {}
    for type_name, correct, score in answers:
        by_type.setdefault(type_name, []).append((correct, score))
    return {
        t: TypeStats(len(rs), sum(c for c, _ in rs), sum(s for _, s in rs) / len(rs))
        for t, rs in sorted(by_type.items())
    }
