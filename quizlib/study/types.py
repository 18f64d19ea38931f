"""What a study session reports: its options, progress, a pending answer, the summary.

Plain values shared by the session engine and the interfaces that show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from quizlib.model import Grade, Question, Rating, Response


@dataclass(frozen=True)
class SessionOptions:
    """What to study."""

    limit: int | None = None
    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    cram: bool = False
    new_per_day: int | None = None


@dataclass(frozen=True)
class Progress:
    """Where the session stands.

    Attributes:
        done: Answers saved (repeats of learning steps included).
        remaining: Questions still waiting, the current one and learning repeats included.
        due: Waiting due reviews.
        new: Waiting new questions.
        learning: Waiting learning repeats.
        elapsed: Time since the session started.
        number: The current question's number among the session's questions (a repeat
            keeps its number); 0 when unknown.
        total: The number of questions planned at the start; it never grows (0: unknown).
    """

    done: int
    remaining: int
    due: int
    new: int
    learning: int
    elapsed: dt.timedelta
    number: int = 0
    total: int = 0


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
    """The end-of-session summary."""

    answered: int
    correct: int
    accuracy: float
    by_type: Mapping[str, TypeStats]
    elapsed: dt.timedelta
    due_tomorrow: int
    next_due: dt.datetime | None
