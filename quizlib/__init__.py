"""quizlib: terminal quizzes and spaced-repetition flashcards from fact decks.

The public API for users and plugin authors. Anything not listed in ``__all__`` is
internal and may change.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Under `python -m quizlib` the current directory is first on the module path: it is dropped
# before any module that imports a third-party one is imported.
from quizlib.safepath import drop_current_directory

drop_current_directory()  # before anything below imports a third-party module


if TYPE_CHECKING:  # what the names are, for type checkers and editors
    from quizlib.dates import PartialDate, Precision
    from quizlib.errors import AnswerError, DeckError, PluginError, Problem, QuizError, StoreError, UsageError
    from quizlib.grading.answers import MULTI_HINT, grade_picks
    from quizlib.grading.dates import grade_date, parse_date_answer
    from quizlib.grading.names import (
        allowed_typos,
        edit_distance,
        match_name,
        name_forms,
        normalise,
        surname_forms,
    )
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

#: Where each public name lives: imported on first use (PEP 562), so that a command
#: imports only the parts it runs (``quizlib --version`` needs none of them).
_HOMES: dict[str, str] = {
    "Actor": "quizlib.model",
    "Answer": "quizlib.model",
    "AnswerError": "quizlib.errors",
    "Citation": "quizlib.model",
    "Conflict": "quizlib.model",
    "Deck": "quizlib.model",
    "DeckError": "quizlib.errors",
    "DeckFinding": "quizlib.hookspecs",
    "Fact": "quizlib.model",
    "Field": "quizlib.model",
    "FieldKind": "quizlib.model",
    "Grade": "quizlib.model",
    "MULTI_HINT": "quizlib.grading.answers",
    "PartialDate": "quizlib.dates",
    "PluginError": "quizlib.errors",
    "Precision": "quizlib.dates",
    "Problem": "quizlib.errors",
    "Prompt": "quizlib.model",
    "PromptKind": "quizlib.model",
    "Question": "quizlib.model",
    "QuestionType": "quizlib.model",
    "QuizError": "quizlib.errors",
    "Rating": "quizlib.model",
    "RegisterQuestionType": "quizlib.hookspecs",
    "RegisterSection": "quizlib.hookspecs",
    "Response": "quizlib.model",
    "Section": "quizlib.model",
    "Source": "quizlib.model",
    "StoreError": "quizlib.errors",
    "UsageError": "quizlib.errors",
    "accepted_range": "quizlib.grading.numbers",
    "allowed_typos": "quizlib.grading.names",
    "answer_of": "quizlib.study.questions",
    "edit_distance": "quizlib.grading.names",
    "format_number": "quizlib.grading.numbers",
    "get_plugin_manager": "quizlib.plugins",
    "grade_date": "quizlib.grading.dates",
    "grade_number": "quizlib.grading.numbers",
    "grade_number_text": "quizlib.grading.numbers",
    "grade_picks": "quizlib.grading.answers",
    "hookimpl": "quizlib.hookspecs",
    "load_deck": "quizlib.loading",
    "match_name": "quizlib.grading.names",
    "name_forms": "quizlib.grading.names",
    "normalise": "quizlib.grading.names",
    "parse_date_answer": "quizlib.grading.dates",
    "parse_number": "quizlib.grading.numbers",
    "question_id": "quizlib.model",
    "surname_forms": "quizlib.grading.names",
    "word_overlap": "quizlib.grading.textmatch",
}

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
    "surname_forms",
    "word_overlap",
]


if not TYPE_CHECKING:  # hidden from type checkers, which see the imports above instead

    def __getattr__(name: str) -> Any:
        """Import a public name's module the first time the name is asked for."""
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        globals()[name] = value  # later lookups are plain module attributes
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
