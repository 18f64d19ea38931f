"""The typed-answer field: a validator built on :func:`parse_answer` and a name completer."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from prompt_toolkit.buffer import Buffer
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition
from prompt_toolkit.validation import ValidationError, Validator

from quizlib.errors import AnswerError
from quizlib.model import PromptKind
from quizlib.ui.state import StudyState


class AnswerValidator(Validator):
    """Checks a typed answer the way grading will read it, before anything is graded.

    The message of the :class:`AnswerError` says what is expected, e.g. that a number
    is needed, so the learner fixes the input instead of losing the question.
    """

    def __init__(self, state: StudyState) -> None:
        self.state = state

    def validate(self, document: Document) -> None:
        """Raise ValidationError when the text is not a well-formed answer."""
        try:
            self.state.validate(document.text)
        except AnswerError as exc:
            raise ValidationError(cursor_position=len(document.text), message=str(exc)) from None


def fold(text: str) -> str:
    """Lower case without accents, so ``zakharova`` matches ``Zakharová``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class NameCompleter(Completer):
    """Completes over the question's candidate names, matching the start of any word.

    It offers nothing for empty input, even when Tab asks for completions, so that the
    list can never be used to read the answer off.
    """

    def __init__(self, state: StudyState) -> None:
        self.state = state

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        """Candidates whose name or one of its words starts with the typed text."""
        question = self.state.question
        typed = document.text_before_cursor
        wanted = fold(typed.strip())
        if question is None or not wanted:
            return
        for candidate in question.prompt.completions:
            folded = fold(candidate)
            if folded.startswith(wanted) or any(word.startswith(wanted) for word in folded.split()):
                yield Completion(candidate, start_position=-len(typed))


def create_answer_buffer(state: StudyState, on_accept: Callable[[Buffer], bool]) -> Buffer:
    """The one-line field typed answers go into; Enter validates, then calls ``on_accept``."""
    return Buffer(
        name="answer",
        multiline=False,
        validator=AnswerValidator(state),
        validate_while_typing=False,
        completer=NameCompleter(state),
        complete_while_typing=Condition(lambda: state.kind is PromptKind.NAME),
        accept_handler=on_accept,
    )
