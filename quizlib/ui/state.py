"""What the study screen holds between key presses, and the actions keys trigger.

Both the interactive application and the plain line mode drive a session through
:class:`StudyState`, so undo, skip, rating and "never lose an answer" behave the same in
both. Nothing here imports prompt_toolkit or touches the terminal.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from quizlib.errors import AnswerError, PluginError
from quizlib.grading.answers import parse_answer, parse_order
from quizlib.model import Deck, PromptKind, Question, Rating, Response
from quizlib.study.saving import SaveError

if TYPE_CHECKING:
    from quizlib.study.reports import Pending, Summary
    from quizlib.study.types import Progress

#: Kinds answered by typing into a text field (a reveal card may take a typed attempt).
TYPED_KINDS = frozenset(
    {PromptKind.TEXT, PromptKind.NAME, PromptKind.NUMBER, PromptKind.DATE, PromptKind.REVEAL}
)
#: Kinds answered by picking one option (a true/false prompt lists "true" and "false").
ONE_CHOICE_KINDS = frozenset({PromptKind.CHOICE, PromptKind.TRUE_FALSE})
#: Kinds answered by picking options.
CHOOSING_KINDS = ONE_CHOICE_KINDS | {PromptKind.MULTI}
#: Kinds answered by picking from, or arranging, a list.
LIST_KINDS = CHOOSING_KINDS | {PromptKind.ORDER}


class StudySession(Protocol):
    """The part of :class:`quizlib.study.session.Session` the user interfaces use."""

    @property
    def current(self) -> Question | None:
        """The question to ask now; None when the session is over."""

    @property
    def can_undo(self) -> bool:
        """Whether a saved review can be taken back."""

    def deck_of(self, question: Question) -> Deck:
        """The deck a question comes from."""

    def progress(self) -> Progress:
        """Counts and elapsed time for the toolbar."""

    def submit(self, response: Response, *, elapsed_ms: int = 0) -> Pending:
        """Grade a response to the current question without saving it."""

    def commit(self, rating: Rating | None = None, *, keep_on_failure: bool = True) -> None:
        """Save the pending review (None = the suggested rating) and move on; when the
        database refuses it, keep it for the next start, or (False) leave it pending."""

    def undo(self) -> Question | None:
        """Remove the last saved review; its question becomes current (None: not undone)."""

    def skip(self) -> None:
        """Put the current question aside for now."""

    def bury(self) -> None:
        """Hide the current question until tomorrow."""

    def changed(self, question: Question) -> bool:
        """Whether to say, once, that a question changed since it was last reviewed."""

    def summary(self) -> Summary:
        """What the session achieved."""


#: Shown once when a question's fact or wording was edited since its last review.
CHANGED_NOTICE = "This question changed since you last saw it (its schedule is kept)."
NOT_UNDONE = "Not undone: another session has answered that question since; its answer stands."


class Phase(enum.Enum):
    """Where the learner is with the current question."""

    ASKING = "asking"  #: the question is shown; no answer yet
    RATING = "rating"  #: graded and shown; waiting for a rating (nothing saved yet)
    DONE = "done"  #: no question left


class StudyState:
    """The study screen: the current question, the learner's input so far, and the outcome.

    Attributes:
        session: The study session being driven.
        timer: Monotonic seconds, for the time spent on each answer.
        phase: Asking, rating or done.
        question: The question on screen (None when done).
        cursor: The highlighted row of a list (items, choices, ratings are separate).
        order: For ORDER: item indexes in the order currently arranged.
        grabbed: For ORDER: whether the highlighted item moves with the cursor.
        typed: For ORDER: item numbers typed so far (typing overrides the arrangement).
        chosen: For CHOICE: the option picked, if any.
        picked: For MULTI: the options ticked.
        pending: The graded, unsaved answer (RATING only).
        rating: The rating that Enter would save (RATING only).
        answer: What the learner answered, as text, for the feedback.
        message: What is wrong with the answer just given (cleared by the next answer).
        notice: What a command just did, e.g. "Skipped." (cleared by the next command).
        show_help: Whether the help screen covers the question.
        help_top: The first help line shown (the help pages when it is taller than the screen).
        help_step: How many lines a page of help moves (set when the help is drawn).
        help_more: Whether help lines follow the page shown (set when the help is drawn).
        feedback_top, feedback_step, feedback_more: The same for an outcome too long for
            the screen, paged above the ratings.
        listeners: Called whenever a new question is put on screen (the UI clears its fields).

    A live object compared by identity; a plain class, since a dataclass's generated methods
    would only add to the time before the first question. The class attributes below are the
    start values of the immutable fields; the mutable ones are made per instance.
    """

    phase: Phase = Phase.ASKING
    question: Question | None = None
    cursor: int = 0
    grabbed: bool = False
    typed: str = ""
    chosen: int | None = None
    pending: Pending | None = None
    rating: Rating = Rating.GOOD
    answer: str = ""
    message: str = ""
    notice: str = ""
    _changed_for: str | None = None  # the question the "changed" notice is about
    show_help: bool = False
    help_top: int = 0
    help_step: int = 1
    help_more: bool = False
    feedback_top: int = 0
    feedback_step: int = 1
    feedback_more: bool = False
    _asked_at: float = 0.0
    _after_pick: bool = False

    def __init__(self, session: StudySession, timer: Callable[[], float] = time.monotonic) -> None:
        self.session = session
        self.timer = timer
        self.order: list[int] = []
        self.picked: set[int] = set()
        self.listeners: list[Callable[[], None]] = []
        self.present()

    # -- showing questions -------------------------------------------------------------

    @property
    def kind(self) -> PromptKind | None:
        """The prompt kind of the question on screen."""
        return self.question.prompt.kind if self.question is not None else None

    @property
    def deck(self) -> Deck | None:
        """The deck of the question on screen."""
        return self.session.deck_of(self.question) if self.question is not None else None

    def present(self) -> None:
        """Put the session's current question on screen with a fresh input."""
        self.question = self.session.current
        self.phase = Phase.ASKING if self.question is not None else Phase.DONE
        self.pending = None
        self.answer = ""
        self._reset_input()
        self._asked_at = self.timer()
        if self.notice == CHANGED_NOTICE and self._changed_for != (self.question and self.question.id):
            self.notice = ""  # it was about the question before this one
        if self.question is not None and self.session.changed(self.question):
            self.notice, self._changed_for = CHANGED_NOTICE, self.question.id
        for listener in self.listeners:
            listener()

    def _reset_input(self) -> None:
        count = 0
        if self.question is not None:
            prompt = self.question.prompt
            count = len(prompt.items) if prompt.kind is PromptKind.ORDER else len(prompt.choices)
        self.order = list(range(count))
        self.cursor = 0
        self.grabbed = False
        self.typed = ""
        self.chosen = None
        self.picked = set()
        self._after_pick = False

    def _rows(self) -> int:
        return len(self.order)

    # -- list input (ORDER, CHOICE, MULTI) ---------------------------------------------

    def move(self, delta: int) -> None:
        """Move the highlight; an ORDER item that is grabbed moves along with it."""
        rows = self._rows()
        if self.phase is not Phase.ASKING or rows == 0:
            return
        target = max(0, min(rows - 1, self.cursor + delta))
        self._after_pick = False
        if self.grabbed and target != self.cursor:
            self.order.insert(target, self.order.pop(self.cursor))
            self.typed = ""  # the arrangement is the answer again
        self.cursor = target
        if self.kind in ONE_CHOICE_KINDS:
            self.chosen = target  # one choice: the pick follows the highlight, as in a radio group

    def space(self) -> None:
        """Space: grab/drop an ORDER item, pick a CHOICE option, tick/untick a MULTI option."""
        if self.phase is not Phase.ASKING or self._rows() == 0:
            return
        if self.kind is PromptKind.ORDER:
            self.grabbed = not self.grabbed
        elif self._after_pick:
            self._after_pick = False  # "a c" or "1 3" typed as in plain mode: a separator
        else:
            self.pick(self.cursor)
            self._after_pick = False

    def pick(self, index: int) -> None:
        """Choose option ``index`` (CHOICE) or toggle it (MULTI), and highlight it."""
        if self.phase is not Phase.ASKING or not 0 <= index < self._rows():
            return
        self.cursor = index
        self._after_pick = True
        if self.kind in ONE_CHOICE_KINDS:
            self.chosen = index
        elif self.kind is PromptKind.MULTI:
            self.picked ^= {index}

    def type_key(self, char: str) -> None:
        """Add a typed item number (or a separating space) to an ORDER answer."""
        if self.phase is Phase.ASKING and self.kind is PromptKind.ORDER:
            self.typed += char
            self.grabbed = False
            try:  # a complete order rearranges the list, so the learner sees what Enter sends
                self.order = list(parse_order(self.typed, len(self.order)))
            except AnswerError:
                return
            self.typed = ""

    def backspace(self) -> None:
        """Remove the last typed character of an ORDER answer."""
        self.typed = self.typed[:-1]

    def list_answer(self) -> str:
        """The list input as answer text, in the syntax :func:`parse_answer` reads."""
        if self.kind is PromptKind.ORDER:
            return self.typed if self.typed.strip() else " ".join(str(i + 1) for i in self.order)
        if self.kind in ONE_CHOICE_KINDS:
            return "" if self.chosen is None else str(self.chosen + 1)
        if self.kind is PromptKind.MULTI:
            return " ".join(str(i + 1) for i in sorted(self.picked))
        return ""

    # -- answering and rating ----------------------------------------------------------

    def validate(self, text: str) -> Response:
        """Parse answer text for the question on screen.

        Raises:
            AnswerError: When it is malformed; the message says what is expected.
        """
        if self.question is None:
            raise AnswerError("there is no question to answer")
        return parse_answer(self.question.prompt, text)

    def submit(self, text: str) -> bool:
        """Grade ``text`` as the answer; on a malformed answer set ``message`` and return False.

        When the question type fails to grade, the next question is put on screen with a
        ``notice`` saying so, and False is returned (with no ``message``).
        """
        if self.phase is not Phase.ASKING:
            return False
        try:
            response = self.validate(text)
            elapsed_ms = max(0, round((self.timer() - self._asked_at) * 1000))
            self.pending = self.session.submit(response, elapsed_ms=elapsed_ms)
        except AnswerError as exc:
            self.message = str(exc)
            return False
        except PluginError as exc:  # the session dropped the question (nothing saved) and goes on
            self.present()
            self.notice = f"Skipped: {exc} (nothing saved)."
            return False
        self.answer = text.strip()
        self.notice = ""
        self.rating = self.pending.suggested
        self.phase = Phase.RATING
        self.grabbed = False
        self.message = ""
        return True

    def choose_rating(self, rating: Rating) -> None:
        """Change the rating that accepting will save."""
        if self.phase is Phase.RATING:
            self.rating = rating

    def shift_rating(self, delta: int) -> None:
        """Move the rating selection left or right."""
        if self.phase is Phase.RATING:
            self.rating = Rating(max(Rating.AGAIN, min(Rating.EASY, self.rating + delta)))

    def accept(self) -> None:
        """Save the pending answer with the selected rating and show the next question."""
        if self.phase is Phase.RATING:
            try:
                self.session.commit(self.rating, keep_on_failure=False)
            except SaveError as exc:
                # Still rating, answer still pending: accepting again retries; quitting
                # keeps the answer in the side file for the next session.
                self.message = f"{exc}. Rate again to retry, or quit to keep it for the next session."
                return
            self.message = self.notice = ""
            self.present()

    def finish(self) -> None:
        """Save a graded but unrated answer with its suggested rating (before quitting)."""
        if self.phase is Phase.RATING and self.pending is not None:
            self.session.commit(None)
            self.present()

    # -- other actions -----------------------------------------------------------------

    def undo(self) -> None:
        """Take back the answer on screen, or else the last saved review."""
        if self.phase is Phase.RATING:
            self.present()  # nothing was saved: ask the same question again
            self.notice = "Answer taken back (nothing was saved); answer again."
        elif self.session.can_undo:
            if self.session.undo() is None:
                self.notice = NOT_UNDONE
                return
            self.present()
            self.notice = "Undone: the last saved review was removed; answer it again."
        else:
            self.notice = "Nothing to undo."

    def skip(self) -> None:
        """Put the question aside for later in this session."""
        if self.phase is Phase.ASKING:
            self.session.skip()
            self.present()
            self.notice = "Skipped."

    def bury(self) -> None:
        """Hide the question until tomorrow."""
        if self.phase is Phase.ASKING:
            self.session.bury()
            self.present()
            self.notice = "Buried until tomorrow."
