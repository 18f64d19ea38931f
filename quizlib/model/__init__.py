"""The data quizlib passes around: decks, facts, questions, prompts and grades.

Split in two: :mod:`quizlib.model.decks` (what a deck holds) and
:mod:`quizlib.model.questions` (what a question type makes of it). Import from here.
"""

from __future__ import annotations

from quizlib.model.decks import (
    Actor,
    Citation,
    Conflict,
    Deck,
    EntryCheck,
    Fact,
    Field,
    FieldKind,
    Rating,
    Section,
    Source,
)
from quizlib.model.questions import (
    Answer,
    AnswerFunction,
    Grade,
    Prompt,
    PromptKind,
    Question,
    QuestionType,
    Response,
    question_id,
)

__all__ = [
    "Actor",
    "Answer",
    "AnswerFunction",
    "Citation",
    "Conflict",
    "Deck",
    "EntryCheck",
    "Fact",
    "Field",
    "FieldKind",
    "Grade",
    "Prompt",
    "PromptKind",
    "Question",
    "QuestionType",
    "Rating",
    "Response",
    "Section",
    "Source",
    "question_id",
]
