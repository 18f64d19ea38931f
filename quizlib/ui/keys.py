"""The study screen's key bindings, built from the state they act on.

Plain keys only (no function keys, no Shift+Tab). A letter is a command only where it
cannot be part of an answer: in a typed answer every letter types, and a choice
question's option letters pick options. There, Escape first (Esc u, Esc s, Esc b,
Esc q; Alt+key sends the same) gives the command. Quitting in any way, Ctrl-C
included, first saves a graded answer with its suggested rating.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from prompt_toolkit.application import Application
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.filters import Condition, Filter, FilterOrBool
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

from quizlib.model import PromptKind, Rating
from quizlib.ui.plain import EXIT_INTERRUPTED
from quizlib.ui.render import LETTERS
from quizlib.ui.state import CHOOSING_KINDS, LIST_KINDS, TYPED_KINDS, Phase, StudyState

AfterKey = Callable[[Application[int]], None]


def build_key_bindings(state: StudyState, answer: Buffer, after_key: AfterKey | None = None) -> KeyBindings:
    """Every key of the study screen.

    Args:
        state: The study state the keys act on.
        answer: The typed-answer field (for Enter and "is the field empty").
        after_key: Called after each key that changed the state (the application moves
            the focus between the answer field and the question with it).

    Returns:
        The key bindings, to be given to the Application.
    """
    keys = _Keys(state, answer, after_key)
    # The order matters where two bindings share a key: prompt_toolkit prefers the later.
    keys.answering()
    keys.rating_keys()
    keys.commands()
    keys.help_keys()
    keys.quitting()
    return keys.kb


class _Keys:
    """The key bindings under construction and the conditions they are filtered by."""

    def __init__(self, state: StudyState, answer: Buffer, after_key: AfterKey | None) -> None:
        self.kb = KeyBindings()
        self.state, self.answer, self.after_key = state, answer, after_key
        self.help_shown = Condition(lambda: state.show_help)
        self.asking = Condition(lambda: state.phase is Phase.ASKING) & ~self.help_shown
        self.rating = Condition(lambda: state.phase is Phase.RATING) & ~self.help_shown
        self.typing = self.asking & Condition(lambda: state.kind in TYPED_KINDS)
        self.listing = self.asking & Condition(lambda: state.kind in LIST_KINDS)
        self.choosing = self.asking & Condition(lambda: state.kind in CHOOSING_KINDS)
        self.ordering = self.asking & Condition(lambda: state.kind is PromptKind.ORDER)
        self.field_empty = Condition(lambda: not answer.text)
        self.order_typed = Condition(lambda: bool(state.typed))

    def option_letter(self, letter: str) -> Filter:
        """True when ``letter`` picks an option of the choice question on screen."""
        index, state = LETTERS.index(letter), self.state
        return self.choosing & Condition(
            lambda: state.question is not None and index < len(state.question.prompt.choices)
        )

    def command_key(self, letter: str) -> Filter:
        """True where a bare letter is a command: not typing, not an option letter."""
        return ((self.asking & ~self.typing) | self.rating) & ~self.option_letter(letter)

    def bind(self, *keys: str, filter: FilterOrBool, doc: str) -> Callable[[Callable[[], object]], None]:
        """Register ``action`` for ``keys``; afterwards leave when no question is left."""
        state, after_key = self.state, self.after_key

        def register(action: Callable[[], object]) -> None:
            def handler(event: KeyPressEvent) -> None:
                state.message = state.notice = ""  # a message answers the previous key only
                action()
                if state.phase is Phase.DONE:
                    event.app.exit(result=0)
                elif after_key is not None:
                    after_key(event.app)

            handler.__doc__ = doc
            self.kb.add(*keys, filter=filter)(handler)

        return register

    def answering(self) -> None:
        """Typing, arranging and picking."""
        bind, state, listing, ordering = self.bind, self.state, self.listing, self.ordering
        bind("enter", filter=self.typing, doc="Check the typed answer and grade it (or reveal a card).")(
            self.answer.validate_and_handle
        )
        bind("enter", filter=listing, doc="Grade the arrangement or the options picked.")(
            lambda: state.submit(state.list_answer())
        )
        for key, delta in (("up", -1), ("down", 1), ("c-p", -1), ("c-n", 1)):
            bind(key, filter=listing, doc="Move the highlight (a grabbed item moves with it).")(
                partial(state.move, delta)
            )
        for letter, delta in (("k", -1), ("j", 1)):
            bind(letter, filter=listing & ~self.option_letter(letter), doc="Move the highlight (vi keys).")(
                partial(state.move, delta)
            )
        bind(
            "space", filter=listing & ~self.order_typed, doc="Grab or drop an item; pick or tick an option."
        )(state.space)
        bind("space", filter=ordering & self.order_typed, doc="Separate typed item numbers.")(
            partial(state.type_key, " ")
        )
        bind("backspace", filter=ordering, doc="Delete the last typed item number.")(state.backspace)
        for digit in "0123456789":
            bind(digit, filter=ordering, doc="Type an item number of the order.")(
                partial(state.type_key, digit)
            )
            if digit != "0":
                bind(digit, filter=self.choosing, doc="Pick (or tick) an option by number.")(
                    partial(state.pick, int(digit) - 1)
                )
        for index, letter in enumerate(LETTERS):
            bind(letter, filter=self.option_letter(letter), doc="Pick (or tick) an option by letter.")(
                partial(state.pick, index)
            )
        judging = self.asking & Condition(lambda: state.kind is PromptKind.TRUE_FALSE)
        for index, letter in enumerate("tf"):
            bind(letter, filter=judging, doc="True or false: pick true (t) or false (f).")(
                partial(state.pick, index)
            )

    def rating_keys(self) -> None:
        """Choosing a rating, saving, and paging through a long outcome."""
        bind, state, rating = self.bind, self.state, self.rating
        bind("enter", filter=rating, doc="Save the review with the selected rating and go on.")(state.accept)
        for r in Rating:
            bind(str(r.value), filter=rating, doc="Select a rating: 1 again, 2 hard, 3 good, 4 easy.")(
                partial(state.choose_rating, r)
            )

        def feedback_scroll(direction: int) -> None:
            if direction > 0:  # the screen stops at the last page (keys may come before a redraw)
                state.feedback_top += state.feedback_step
            elif direction < 0:
                state.feedback_top = max(0, state.feedback_top - state.feedback_step)

        for key, direction in (("down", 1), ("pagedown", 1), ("j", 1), ("up", -1), ("pageup", -1), ("k", -1)):
            bind(key, filter=rating, doc="Page through an outcome too long for the screen.")(
                partial(feedback_scroll, direction)
            )
        for key, delta in (("left", -1), ("right", 1), ("h", -1), ("l", 1)):
            bind(key, filter=rating, doc="Select the previous or next rating.")(
                partial(state.shift_rating, delta)
            )

    def commands(self) -> None:
        """Undo, skip and bury: a bare letter where it types nothing, else Escape first."""
        state = self.state
        for letter, action in (("u", state.undo), ("s", state.skip), ("b", state.bury)):
            doc = (action.__doc__ or "").strip()
            self.bind(letter, filter=self.command_key(letter), doc=doc)(action)
            self.bind("escape", letter, filter=self.asking | self.rating, doc=doc)(action)

    def help_keys(self) -> None:
        """Opening, paging and closing the help screen."""
        bind, state, help_shown = self.bind, self.state, self.help_shown

        def toggle_help() -> None:
            state.show_help = not state.show_help
            state.help_top = 0

        def help_forward() -> None:
            if state.help_more:
                state.help_top += state.help_step
            else:
                toggle_help()  # past the last page: the same as any other key

        def help_back() -> None:
            state.help_top = max(0, state.help_top - state.help_step)

        opens = (self.asking & ~self.typing) | self.rating | (self.typing & self.field_empty)
        bind("?", filter=opens, doc="Show the keys.")(toggle_help)
        bind("escape", "?", filter=self.asking | self.rating, doc="Show the keys.")(toggle_help)
        bind("<any>", filter=help_shown, doc="Close the help screen (any key).")(toggle_help)
        # Enter is a specific key, so the answer field's own Enter would beat <any>.
        bind("enter", filter=help_shown, doc="Close the help screen.")(toggle_help)
        for key in ("space", "down", "pagedown", "j", "c-n"):
            bind(key, filter=help_shown, doc="Show the next page of help (or close it after the last).")(
                help_forward
            )
        for key in ("up", "pageup", "k", "c-p"):
            bind(key, filter=help_shown, doc="Show the previous page of help.")(help_back)

    def quitting(self) -> None:
        """q, Escape q, Ctrl-D and Ctrl-C: each saves a graded answer first."""
        state, asking, rating, typing = self.state, self.asking, self.rating, self.typing

        def quit_session(event: KeyPressEvent) -> None:
            """Quit, saving a graded answer with its suggested rating first."""
            state.finish()
            event.app.exit(result=0)

        quit_keys: list[tuple[tuple[str, ...], FilterOrBool]] = [
            (("q",), self.command_key("q")),
            (("escape", "q"), asking | rating),
            (("c-d",), ((asking | rating) & ~typing) | (typing & self.field_empty) | self.help_shown),
        ]
        for sequence, active in quit_keys:
            self.kb.add(*sequence, filter=active)(quit_session)

        def interrupt_session(event: KeyPressEvent) -> None:
            """Quit as interrupted (status 130, as in plain mode), saving a graded answer first."""
            state.finish()
            event.app.exit(result=EXIT_INTERRUPTED)

        self.kb.add("c-c")(interrupt_session)
