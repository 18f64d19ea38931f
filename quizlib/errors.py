"""The one error tree of quizlib.

Every error the program reports to a person derives from :class:`QuizError`; the CLI
turns these into a message and an exit code, never a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class QuizError(Exception):
    """Base of every error quizlib reports to a person."""


class PluginFault(str):
    """The message of a deck problem that is a plugin's fault, not the deck's (a section's
    ``check`` that raised): an error in ``quizlib check``, which must not call the deck
    valid, but only a warning where a deck is read to be used (``study``, ``show``), so
    that a broken plugin does not make a deck unusable."""

    __slots__ = ()


@dataclass(frozen=True)
class Problem:
    """One located problem in a file.

    Attributes:
        path: The file the problem is in.
        line: 1-based line number (0 when unknown).
        column: 1-based column number (0 when unknown).
        message: What is wrong, for a person.
    """

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class DeckError(QuizError):
    """A deck file could not be loaded; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class PluginError(QuizError):
    """A plugin is broken: it failed to import, raised in a hook or clashes with another."""


class GradingError(PluginError):
    """A question type could not grade an answer (it raised, or returned no valid grade)."""


class AnswerError(QuizError):
    """An answer cannot be graded as given (malformed); the message says what is expected."""


class StoreError(QuizError):
    """The review database cannot be used (locked, read-only, damaged, too new)."""


class UsageError(QuizError):
    """The command line or a setting is wrong."""
