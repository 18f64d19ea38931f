"""The interactive study screen: a prompt_toolkit Application composed from factories.

Every piece takes the :class:`StudyState` it shows (``create_toolbar(state)``,
``build_key_bindings(state, answer)``) and the input and output are injectable, so tests
drive the real Application with ``create_pipe_input()`` and ``DummyOutput()``.

Only the interactive path imports this module: prompt_toolkit costs about 120 ms to
import, which plain mode does not pay.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TextIO

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.input import Input
from prompt_toolkit.layout import (
    ConditionalContainer,
    Float,
    FloatContainer,
    FormattedTextControl,
    HSplit,
    Layout,
    VSplit,
    Window,
)
from prompt_toolkit.layout.controls import BufferControl
from prompt_toolkit.layout.menus import CompletionsMenu
from prompt_toolkit.output import ColorDepth, Output
from prompt_toolkit.styles import Style

from quizlib.model import PromptKind
from quizlib.study.saving import SaveError
from quizlib.ui import helpscreen, render
from quizlib.ui.inputs import create_answer_buffer
from quizlib.ui.keys import build_key_bindings
from quizlib.ui.plain import EXIT_INTERRUPTED
from quizlib.ui.state import TYPED_KINDS, Phase, StudySession, StudyState
from quizlib.wording import wrap_words

# Colours only add emphasis: every state also shows in text or in reverse video, which
# survives NO_COLOR (monochrome keeps bold, underline and reverse).
STYLE = Style.from_dict(
    {
        "header": "bold",
        "question": "bold",
        "cursor": "reverse",
        "grabbed": "reverse bold",
        "hint": "italic",
        "message": "bold ansired",
        "notice": "italic",
        "verdict.right": "bold ansigreen",
        "verdict.partly": "bold ansiyellow",
        "verdict.wrong": "bold ansired",
        "label": "bold",
        "answer": "bold",
        "source": "italic",
        "rating.selected": "reverse bold",
        "toolbar": "reverse",
        "key": "bold",
        "keyhelp": "",
        "completion-menu.completion.current": "reverse",
    }
)


def _width() -> int:
    """The usable width of the terminal (one column spare: the last one wraps on some terminals)."""
    return max(20, get_app().output.get_size().columns - 1)


def _rows(state: StudyState) -> int:
    """Rows left for the question and its outcome: the screen less header and bottom bars."""
    key_lines = render.line_count(render.key_help(state, _width() - 1))
    return get_app().output.get_size().rows - 3 - key_lines


def _typing(state: StudyState) -> bool:
    return state.phase is Phase.ASKING and state.kind in TYPED_KINDS and not state.show_help


def create_toolbar(state: StudyState) -> Window:
    """The progress bar: done / left, due vs new, elapsed time."""

    def text() -> StyleAndTextTuples:
        return [("class:toolbar", " " + render.progress_text(state.session.progress()))]

    return Window(FormattedTextControl(text), height=1, style="class:toolbar")


def create_key_help(state: StudyState) -> Window:
    """The keys that work right now; wraps onto a second line on narrow terminals."""

    def text() -> StyleAndTextTuples:
        fragments = render.key_help(state, _width() - 1)
        return [("", " "), *[(style, t.replace("\n", "\n ")) for style, t in fragments]]

    return Window(FormattedTextControl(text), dont_extend_height=True)


def create_header(state: StudyState) -> Window:
    """Deck title and question type; a long title is shortened, never the type."""

    def text() -> StyleAndTextTuples:
        if state.question is None or state.deck is None:
            return []
        return [("class:header", render.title_line(state.deck.title, state.question.type, _width()))]

    return Window(FormattedTextControl(text), height=1)


def create_body(state: StudyState, answer: Buffer) -> tuple[HSplit, Window, Window]:
    """The question, the answer field, the hint or message, and the feedback.

    Returns:
        The container, the (focusable) question window and the answer field's window.
    """
    typing = Condition(lambda: _typing(state))
    rating = Condition(lambda: state.phase is Phase.RATING)
    body = _Body(state, answer)
    question_window = Window(FormattedTextControl(body.question, focusable=True), dont_extend_height=True)
    answer_window = Window(BufferControl(answer), height=1, dont_extend_height=True)
    container = HSplit(
        [
            question_window,
            _shown_when_not_empty(body.hint),
            ConditionalContainer(
                VSplit([Window(FormattedTextControl("> "), width=2), answer_window]), filter=typing
            ),
            _shown_when_not_empty(body.message),
            ConditionalContainer(Window(FormattedTextControl(body.feedback)), filter=rating),
        ]
    )
    return container, question_window, answer_window


class _Body:
    """The texts of the body's windows, computed from the state at each redraw."""

    def __init__(self, state: StudyState, answer: Buffer) -> None:
        self.state, self.answer = state, answer

    def outcome(self) -> list[render.Fragments]:
        return helpscreen.split_lines(render.feedback_fragments(self.state, _width()))

    def ratings(self) -> render.Fragments:
        if self.state.pending is None:
            return []
        return render.rating_fragments(self.state.pending, self.state.rating, _width())

    def question(self) -> StyleAndTextTuples:
        state = self.state
        full = render.question_fragments(state, _width())
        needed = render.line_count(full) + len(self.outcome()) + render.line_count(self.ratings())
        if state.phase is Phase.RATING and needed > _rows(state):
            # The outcome matters more now: the correct answer lists what the rows showed.
            return list(render.question_fragments(state, _width(), rows=False))
        return list(full)

    def hint(self) -> StyleAndTextTuples:
        state = self.state
        if state.phase is not Phase.ASKING or state.question is None:
            return []
        out: StyleAndTextTuples = []
        if state.kind is PromptKind.ORDER and state.typed:
            out += [("class:label", "Typed: "), ("", state.typed + "_"), ("", "\n")]
        return [*out, ("class:hint", "\n".join(wrap_words(render.hint(state.question.prompt), _width())))]

    def message(self) -> StyleAndTextTuples:
        error = self.answer.validation_error.message if self.answer.validation_error else self.state.message
        if error:
            return [("class:message", f"! {error}")]
        return [("class:notice", self.state.notice)] if self.state.notice else []

    def feedback(self) -> StyleAndTextTuples:
        state = self.state
        if state.pending is None:
            return []
        rating_lines = self.ratings()
        # The question window shows its closing line break as a blank row: count it.
        question_rows = render.to_text(self.question()).count("\n") + 1
        room = _rows(state) - question_rows - render.line_count(rating_lines)
        message = self.message()
        room -= render.line_count(message) if message else 0
        lines = self.outcome()
        state.feedback_top = max(0, min(state.feedback_top, len(lines) - room))  # stop at the last page
        # A long outcome (a timeline's sources) is paged so the ratings stay on screen.
        page, state.feedback_more = helpscreen.paged(
            lines, state.feedback_top, room, "-- Down: more; Up: back --"
        )
        state.feedback_step = max(1, room - 1)
        return [*page, *rating_lines]


def _shown_when_not_empty(text: Callable[[], StyleAndTextTuples]) -> ConditionalContainer:
    """A wrapping window for ``text`` that takes no room while it is empty."""
    window = Window(FormattedTextControl(text), wrap_lines=True, dont_extend_height=True)
    return ConditionalContainer(window, filter=Condition(lambda: bool(text())))


def create_help(state: StudyState) -> Window:
    """The ``?`` help: one page of it, wrapped at words for the terminal's width."""

    def text() -> StyleAndTextTuples:
        rows = _rows(state)
        lines = helpscreen.help_lines(_width())
        state.help_top = min(state.help_top, max(0, len(lines) - 1))
        page, state.help_more = helpscreen.paged(lines, state.help_top, rows)
        state.help_step = max(1, rows - 1)
        return list(page)

    return Window(FormattedTextControl(text), dont_extend_height=True)


def create_layout(state: StudyState, answer: Buffer) -> tuple[Layout, Window, Window]:
    """The whole screen: header, body or help, toolbar and key help."""
    help_shown = Condition(lambda: state.show_help)
    body, question_window, answer_window = create_body(state, answer)
    help_window = create_help(state)
    root = HSplit(
        [
            create_header(state),
            Window(height=1),
            ConditionalContainer(body, filter=~help_shown),
            ConditionalContainer(help_window, filter=help_shown),
            Window(),  # takes the spare rows so the bars stay at the bottom
            create_toolbar(state),
            create_key_help(state),
        ]
    )
    menu = Float(xcursor=True, ycursor=True, content=CompletionsMenu(max_height=6, scroll_offset=1))
    layout = Layout(FloatContainer(root, floats=[menu]), focused_element=question_window)
    return layout, question_window, answer_window


def build_app(
    state: StudyState,
    *,
    input: Input | None = None,
    output: Output | None = None,
    environ: Mapping[str, str] | None = None,
) -> Application[int]:
    """The study Application for a state.

    Args:
        state: The study state to show and drive.
        input: Where keys come from (default: the terminal).
        output: Where the screen is drawn (default: the terminal).
        environ: The environment (default ``os.environ``); ``NO_COLOR`` turns colour off.
    """
    env = os.environ if environ is None else environ
    answer = create_answer_buffer(state, lambda buffer: _accept_typed(state, buffer))
    state.listeners.append(answer.reset)
    state.listeners.append(lambda: setattr(state, "feedback_top", 0))  # a new outcome starts at its top
    layout, question_window, answer_window = create_layout(state, answer)

    def keep_focus(app: Application[int]) -> None:
        # The answer field is hidden while rating; a hidden field must not take keys.
        target = answer_window if _typing(state) else question_window
        if app.layout.current_window is not target:
            app.layout.focus(target)

    return Application(
        layout=layout,
        key_bindings=build_key_bindings(state, answer, after_key=keep_focus),
        style=STYLE,
        full_screen=True,
        color_depth=ColorDepth.MONOCHROME if env.get("NO_COLOR") else None,
        refresh_interval=1.0,  # the elapsed-time clock in the toolbar
        before_render=keep_focus,
        input=input,
        output=output,
    )


def _accept_typed(state: StudyState, buffer: Buffer) -> bool:
    """Grade a typed answer that passed validation; keep the text (a new question clears it)."""
    state.submit(buffer.text)
    return True


def run_app(
    session: StudySession,
    *,
    input: Input | None = None,
    output: Output | None = None,
    stdout: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
    timer: Callable[[], float] = time.monotonic,
    clock: Callable[[], datetime] | None = None,
) -> int:
    """Study interactively until done or quit, then print the summary.

    Whatever ends the application - q, Ctrl-D, Ctrl-C, SIGTERM, SIGHUP or an error - an
    answer that was graded but not yet rated is saved with its suggested rating.

    Returns:
        The exit status: 0, or 130 when interrupted with Ctrl-C (as in plain mode).
    """
    state = StudyState(session, timer=timer)
    app = build_app(state, input=input, output=output, environ=environ)

    unsaved: list[SaveError] = []

    def on_signal() -> None:
        try:
            state.finish()
        except SaveError as exc:  # kept in the side file: report it once the screen is closed
            unsaved.append(exc)
        app.exit(result=0)

    def install_signals() -> None:
        # pre_run runs inside the application's event loop, which removes them on close.
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            sig = getattr(signal, name, None)
            if sig is None:
                continue  # no SIGHUP on Windows
            # Not the main thread, or a loop without signal support: quit keys still save.
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, on_signal)

    status = 0
    try:
        status = app.run(pre_run=install_signals) or 0
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
    except EOFError:
        pass
    finally:
        state.finish()
    if unsaved:
        raise unsaved[0]
    out = stdout or sys.stdout
    out.write(render.summary_text(session.summary(), clock() if clock else None) + "\n")
    out.flush()
    return status
