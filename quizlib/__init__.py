"""quizlib: terminal quizzes and spaced-repetition flashcards from fact decks.

The public API for users and plugin authors. Anything not listed in ``__all__`` is
internal and may change.
"""

from __future__ import annotations

# The imports below come after the call on purpose (E402): under `python -m quizlib` they
# would otherwise find third-party modules in the current directory.
# ruff: noqa: E402
from quizlib.safepath import drop_current_directory

drop_current_directory()  # before anything below imports a third-party module


from quizlib.dates import PartialDate, Precision
from quizlib.errors import AnswerError, DeckError, PluginError, Problem, QuizError, StoreError, UsageError
from quizlib.grading.answers import MULTI_HINT, grade_picks
from quizlib.grading.dates import grade_date, parse_date_answer
from quizlib.grading.names import allowed_typos, edit_distance, match_name, name_forms, normalise
from quizlib.grading.numbers import (
    accepted_range,
    format_number,
    grade_number,
    grade_number_text,
    parse_number,
)
from quizlib.grading.textmatch import word_overlap
from quizlib.hookspecs import DeckFinding, RegisterQuestionType, RegisterSection, hookimpl
from quizlib.loading import load_deck
from quizlib.model import (
    Actor,
    Answer,
    Citation,
    Conflict,
    Deck,
    Fact,
    Field,
    FieldKind,
    Grade,
    Prompt,
    PromptKind,
    Question,
    QuestionType,
    Rating,
    Response,
    Section,
    Source,
    question_id,
)
from quizlib.plugins import get_plugin_manager
from quizlib.study.questions import answer_of

__version__ = "0.1.0"

__all__ = [
    "MULTI_HINT",
    "Actor",
    "Answer",
    "AnswerError",
    "Citation",
    "Conflict",
    "Deck",
    "DeckError",
    "DeckFinding",
    "Fact",
    "Field",
    "FieldKind",
    "Grade",
    "PartialDate",
    "PluginError",
    "Precision",
    "Problem",
    "Prompt",
    "PromptKind",
    "Question",
    "QuestionType",
    "QuizError",
    "Rating",
    "RegisterQuestionType",
    "RegisterSection",
    "Response",
    "Section",
    "Source",
    "StoreError",
    "UsageError",
    "__version__",
    "accepted_range",
    "allowed_typos",
    "answer_of",
    "edit_distance",
    "format_number",
    "get_plugin_manager",
    "grade_date",
    "grade_number",
    "grade_number_text",
    "grade_picks",
    "hookimpl",
    "load_deck",
    "match_name",
    "name_forms",
    "normalise",
    "parse_date_answer",
    "parse_number",
    "question_id",
    "word_overlap",
]
