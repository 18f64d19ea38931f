"""What a study session starts from and shows with every question: its options and progress.

Plain values shared by the session engine and the interfaces that show them; what comes
only after an answer is in :mod:`quizlib.study.reports`.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class SessionOptions(NamedTuple):
    """What to study."""

    limit: int | None = None
    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    cram: bool = False
    new_per_day: int | None = None


class Progress(NamedTuple):
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
