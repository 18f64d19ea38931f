"""The hooks a quizlib plugin can implement.

Each hook's documentation heading in docs/plugins.md is its exact signature.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pluggy

from quizlib.model import Deck, Fact, Grade, Question, QuestionType, Rating, Section

hookspec = pluggy.HookspecMarker("quizlib")
hookimpl = pluggy.HookimplMarker("quizlib")

#: The ``register`` argument of :func:`register_sections`: call it with each :class:`Section`.
RegisterSection = Callable[[Section], None]
#: The ``register`` argument of :func:`register_question_types`: call it with each question type.
RegisterQuestionType = Callable[[QuestionType], None]
#: One problem found by :func:`check_deck`: the fact, the field it is in, and the message.
DeckFinding = tuple[Fact, str, str]


@hookspec
def register_sections(register: RegisterSection) -> None:
    """Declare the deck sections your question types read, by calling ``register(section)``."""


@hookspec
def register_question_types(register: RegisterQuestionType) -> None:
    """Add question types by calling ``register(question_type)``."""


@hookspec(firstresult=True)
def suggest_rating(question: Question, grade: Grade) -> Rating | None:
    """Suggest the FSRS rating for a graded answer; return None to leave it to others."""


@hookspec
def check_deck(deck: Deck) -> Iterable[DeckFinding]:
    """Check a valid deck as a whole (references between sections); yield ``(fact, field,
    message)`` for each problem. ``quizlib check`` reports each at the field's FILE:LINE:COL."""
    return ()
