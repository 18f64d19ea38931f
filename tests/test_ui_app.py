"""The interactive study screen, driven through the real Application with piped keys.

prompt_toolkit's documented way to test a UI: ``create_pipe_input()`` feeds key presses,
``DummyOutput()`` (or a VT100 output into a string) takes the screen. The session is the
in-memory fake from ``fake_session``, so every saved review can be checked.
"""

from __future__ import annotations

import asyncio
import io
import re
import signal
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from types import FrameType, SimpleNamespace
from typing import Any

import pytest
from fake_session import (
    CHOICE_Q,
    DATE_Q,
    MULTI_Q,
    NAME_Q,
    NOW,
    NUMBER_Q,
    ORDER_Q,
    REVEAL_Q,
    TEXT_Q,
    FakeSession,
    Question,
    session,
)
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.data_structures import Size
from prompt_toolkit.document import Document
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from quizlib.model import Rating
from quizlib.ui import helpscreen, render
from quizlib.ui.app import build_app, run_app
from quizlib.ui.inputs import NameCompleter
from quizlib.ui.keys import build_key_bindings
from quizlib.ui.state import Phase, StudyState
from quizlib.wording import wrap_words

UP, DOWN, LEFT, RIGHT, ESC, CTRL_C, CTRL_D = "\x1b[A", "\x1b[B", "\x1b[D", "\x1b[C", "\x1b", "\x03", "\x04"


@pytest.fixture(autouse=True)
def _watchdog() -> Iterator[None]:
    """Fail instead of hanging when a key sequence leaves the application running."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("the application did not exit")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


class Ticker:
    """A monotonic timer that advances 1.5 s per reading."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.5
        return self.now


def send_later(inp: PipeInput, chunks: Sequence[str], pause: float = 0.15) -> Callable[[], None]:
    """A pre_run hook typing ``chunks`` one after another, letting the screen redraw between.

    Keys sent all at once are handled before the first redraw and before completions
    (computed in the background) arrive; a person types slower than that.
    """

    async def feed() -> None:
        for chunk in chunks:
            await asyncio.sleep(pause)
            inp.send_text(chunk)

    def start() -> None:
        asyncio.get_running_loop().create_task(feed())

    return start


def drive(
    *questions: Question, keys: str | Sequence[str], environ: dict[str, str] | None = None, cram: bool = False
) -> tuple[FakeSession, StudyState]:
    """Run the study Application on ``questions`` with ``keys``, which must end the session.

    ``keys`` is a string sent at once, or chunks sent with pauses between them.
    """
    fake = session(*questions, cram=cram)
    state = StudyState(fake, timer=Ticker())
    with create_pipe_input() as inp:
        app = build_app(state, input=inp, output=DummyOutput(), environ=environ or {})
        if isinstance(keys, str):
            inp.send_text(keys)
            status = app.run()
        else:
            status = app.run(pre_run=send_later(inp, keys))
    last = keys if isinstance(keys, str) else keys[-1]
    assert status == (130 if last.endswith(CTRL_C) else 0)  # Ctrl-C: interrupted, as in plain mode
    return fake, state


def saved(fake: FakeSession) -> list[tuple[str, Rating, object]]:
    return [(s.question_id.split("/")[1], s.rating, s.response) for s in fake.saved]


# -- ORDER ---------------------------------------------------------------------------------


def test_order_typed_directly_then_enter_accepts_the_suggested_rating() -> None:
    fake, state = drive(ORDER_Q, keys="3142\r\r")
    assert saved(fake) == [("order", Rating.GOOD, (2, 0, 3, 1))]
    assert fake.saved[0].elapsed_ms > 0  # time spent answering is passed on
    assert state.phase is Phase.DONE


def test_order_with_spaces_and_a_partial_answer_explains_what_is_missing() -> None:
    fake, state = drive(ORDER_Q, keys="3 1\r" + CTRL_C)
    assert fake.saved == [] and state.pending is None
    assert state.typed == "3 1" and "missing item 2, 4" in state.message


def test_order_by_grabbing_and_moving_items_with_arrows_and_vi_keys() -> None:
    # Start 1 2 3 4; move item 3 to the top, then item 4 above item 2: 3 1 4 2.
    keys = DOWN + DOWN + " " + UP + UP + " " + "jjj" + " " + "k" + " " + "\r"
    fake, _ = drive(ORDER_Q, keys=keys + "\r")
    assert saved(fake) == [("order", Rating.GOOD, (2, 0, 3, 1))]


def test_order_wrong_places_are_marked_and_partial_credit_suggests_hard() -> None:
    fake, _ = drive(ORDER_Q, keys="1324\r" + CTRL_C)
    assert saved(fake) == [("order", Rating.HARD, (0, 2, 1, 3))]
    assert fake.saved[0].score == pytest.approx(2 / 3)


def test_backspace_fixes_a_typed_order() -> None:
    fake, _ = drive(ORDER_Q, keys="31\x7f\x7f3142\r\r")
    assert saved(fake) == [("order", Rating.GOOD, (2, 0, 3, 1))]


# -- CHOICE and MULTI ----------------------------------------------------------------------


@pytest.mark.parametrize("keys", ["b\r", "2\r", DOWN + " \r", "j\r", "a" + DOWN + "\r"])
def test_choice_by_letter_digit_or_arrows(keys: str) -> None:
    fake, _ = drive(CHOICE_Q, keys=keys + "\r")
    assert saved(fake) == [("choice", Rating.GOOD, 1)]


def test_choice_enter_without_a_pick_asks_for_one() -> None:
    fake, state = drive(CHOICE_Q, keys="\r" + CTRL_C)
    assert fake.saved == [] and "choose an option: 1-3 or a-c" in state.message


def test_b_picks_option_b_in_a_choice_question_and_esc_b_buries() -> None:
    fake, _ = drive(CHOICE_Q, keys="b" + ESC + "b")
    assert fake.buried == ["cards/choice/choice"] and fake.saved == []


@pytest.mark.parametrize("keys", ["ac\r", "a c\r", "1 3\r", " " + DOWN + DOWN + " \r", "abb c\r"])
def test_multi_ticks_by_letters_digits_or_space(keys: str) -> None:
    fake, _ = drive(MULTI_Q, keys=keys + "\r")
    assert saved(fake) == [("multi", Rating.GOOD, (0, 2))]


# -- typed answers -------------------------------------------------------------------------


def test_name_with_tab_completion_is_graded() -> None:
    fake, _ = drive(NAME_Q, keys=["zak", "\t", "\r\r"])
    assert saved(fake) == [("name", Rating.GOOD, "Maria Zakharova")]


def test_name_completion_never_offers_anything_for_empty_input() -> None:
    state = StudyState(session(NAME_Q))
    completer = NameCompleter(state)
    asked = CompleteEvent(completion_requested=True)
    assert list(completer.get_completions(Document(""), asked)) == []
    assert list(completer.get_completions(Document("  "), asked)) == []
    assert [c.text for c in completer.get_completions(Document("ZAKH"), asked)] == ["Maria Zakharova"]
    assert [c.text for c in completer.get_completions(Document("ilh"), CompleteEvent())] == ["Ilham Aliyev"]


def test_letters_type_in_a_text_field_and_commands_need_escape() -> None:
    # q, s, b and u are typed into the name; Esc s skips; the skipped question comes back.
    fake, _ = drive(NAME_Q, TEXT_Q, keys="qsbu" + ESC + "s" + ESC + "q")
    assert fake.saved == [] and [q.id for q in fake.questions] == [TEXT_Q.id, NAME_Q.id]


def test_empty_text_answer_is_refused_before_grading() -> None:
    fake, state = drive(TEXT_Q, keys="\r" + ESC + "q")
    assert fake.saved == [] and state.pending is None


def test_a_grader_complaint_keeps_the_question_and_shows_why() -> None:
    fake, state = drive(TEXT_Q, keys="boom\r" + ESC + "q")
    assert fake.saved == [] and state.phase is Phase.ASKING and "cannot read 'boom'" in state.message


def test_text_answer_right_and_wrong() -> None:
    keys = "collective security treaty organization\r\r" + "nope\r\r"
    fake, _ = drive(TEXT_Q, TEXT_Q, keys=keys)
    assert [s.score for s in fake.saved] == [1.0, 0.0]
    assert [s.rating for s in fake.saved] == [Rating.GOOD, Rating.AGAIN]


@pytest.mark.parametrize(
    ("q", "bad", "good"), [(NUMBER_Q, "lots", "2,000"), (DATE_Q, "someday", "2023-09-19")]
)
def test_number_and_date_are_validated_before_grading(q: Question, bad: str, good: str) -> None:
    pytest.importorskip("quizlib.grading.numbers")
    pytest.importorskip("quizlib.grading.dates")
    fake, state = drive(q, keys=bad + "\r" + ESC + "q")
    assert fake.saved == [] and state.pending is None
    fake, _ = drive(q, keys=good + "\r\r")
    assert len(fake.saved) == 1


def test_ctrl_d_quits_on_an_empty_field_but_deletes_in_a_typed_one() -> None:
    fake, _ = drive(TEXT_Q, keys="ab\x01" + CTRL_D + "\r\r")  # Ctrl-A, Ctrl-D deletes the a
    assert saved(fake) == [("text", Rating.AGAIN, "b")]
    fake, _ = drive(TEXT_Q, keys=CTRL_D)
    assert fake.saved == []


# -- REVEAL --------------------------------------------------------------------------------


def test_reveal_then_rate_yourself_with_or_without_a_typed_attempt() -> None:
    fake, _ = drive(REVEAL_Q, REVEAL_Q, keys="\r1\r" + "Yerevan\r\r")
    assert saved(fake) == [("reveal", Rating.AGAIN, ""), ("reveal", Rating.GOOD, "Yerevan")]


# -- rating --------------------------------------------------------------------------------


def test_rating_keys_change_the_rating_before_it_is_saved() -> None:
    fake, _ = drive(CHOICE_Q, CHOICE_Q, CHOICE_Q, keys="b\r4\r" + "b\r1" + RIGHT + "\r" + "b\rhh\r")
    assert [s.rating for s in fake.saved] == [Rating.EASY, Rating.HARD, Rating.AGAIN]


@pytest.mark.parametrize("quit_key", ["q", ESC + "q", CTRL_C, CTRL_D])
def test_quitting_before_rating_saves_the_answer_with_the_suggestion(quit_key: str) -> None:
    fake, _ = drive(ORDER_Q, CHOICE_Q, keys="3142\r4" + quit_key)
    assert saved(fake) == [("order", Rating.GOOD, (2, 0, 3, 1))]


def test_ctrl_c_while_asking_saves_nothing_more() -> None:
    fake, _ = drive(CHOICE_Q, CHOICE_Q, keys="b\r\rb" + CTRL_C)
    assert len(fake.saved) == 1


def test_ctrl_c_exits_130_like_plain_mode_and_q_exits_0() -> None:
    for key, status in ((CTRL_C, 130), ("q", 0)):
        fake = session(ORDER_Q)
        with create_pipe_input() as inp:
            inp.send_text("3142\r" + key)
            out = io.StringIO()
            got = run_app(fake, input=inp, output=DummyOutput(), stdout=out, environ={}, clock=lambda: NOW)
        assert got == status and len(fake.saved) == 1  # the graded answer is saved either way


# -- undo, skip, bury, help ----------------------------------------------------------------


def test_u_undoes_the_last_saved_review_which_is_asked_again() -> None:
    fake, _ = drive(ORDER_Q, CHOICE_Q, keys="3142\r\r" + "u" + "1234\r\r" + "b\r\r")
    assert saved(fake) == [("order", Rating.HARD, (0, 1, 2, 3)), ("choice", Rating.GOOD, 1)]


def test_u_before_rating_takes_the_answer_back_unsaved() -> None:
    fake, _ = drive(CHOICE_Q, keys="a\ru" + "b\r\r")
    assert saved(fake) == [("choice", Rating.GOOD, 1)]


def test_u_with_nothing_to_undo_says_so() -> None:
    fake, state = drive(ORDER_Q, keys="u" + CTRL_C)
    assert fake.saved == [] and state.notice == "Nothing to undo."


def test_s_skips_and_b_buries_where_letters_are_not_answers() -> None:
    fake, _ = drive(ORDER_Q, REVEAL_Q, CHOICE_Q, keys="s" + ESC + "b" + "c\r\r" + "3142\r\r")
    assert fake.buried == [REVEAL_Q.id]
    assert saved(fake) == [("choice", Rating.AGAIN, 2), ("order", Rating.GOOD, (2, 0, 3, 1))]


def test_help_opens_with_question_mark_and_any_key_closes_it_without_acting() -> None:
    fake, state = drive(ORDER_Q, keys="?s" + "?\r" + "3142\r\r")
    assert saved(fake) == [("order", Rating.GOOD, (2, 0, 3, 1))] and not state.show_help


def test_session_end_leaves_the_application_and_run_app_prints_the_summary() -> None:
    fake = session(CHOICE_Q, REVEAL_Q)
    out = io.StringIO()
    with create_pipe_input() as inp:
        inp.send_text("b\r\r" + "\r3\r")
        status = run_app(fake, input=inp, output=DummyOutput(), stdout=out, environ={}, clock=lambda: NOW)
    assert status == 0 and len(fake.saved) == 2
    text = out.getvalue()
    assert "Answered 2, 2 right (100%)" in text and "choice" in text and "Next review in 10m" in text


def test_every_key_handler_has_a_one_line_docstring() -> None:
    state = StudyState(session(ORDER_Q))
    app = build_app(state, output=DummyOutput(), environ={})
    bindings = build_key_bindings(state, app.layout.get_buffer_by_name("answer")).bindings  # type: ignore[arg-type]
    assert len(bindings) > 40
    for binding in bindings:
        doc = binding.handler.__doc__ or ""
        assert doc.strip() and "\n" not in doc.strip(), binding.keys


def test_no_function_keys_or_shift_tab() -> None:
    state = StudyState(session(ORDER_Q))
    for binding in build_key_bindings(state, build_app(state, output=DummyOutput()).current_buffer).bindings:
        for key in binding.keys:
            assert not re.fullmatch(r"f\d+|s-tab", str(getattr(key, "value", key)))


# -- what the screen shows -----------------------------------------------------------------


def screen(keys: Sequence[str], environ: dict[str, str], rows: int = 24, columns: int = 80) -> str:
    """What the app writes to a VT100 terminal of the given size, keys typed in chunks."""
    buffer = io.StringIO()
    output = Vt100_Output(
        buffer, lambda: Size(rows=rows, columns=columns), term="xterm-256color", enable_cpr=False
    )
    state = StudyState(session(ORDER_Q, CHOICE_Q))
    with create_pipe_input() as inp:
        build_app(state, input=inp, output=output, environ=environ).run(pre_run=send_later(inp, keys))
    return buffer.getvalue()


def colours(escapes: str) -> set[str]:
    """The colour parameters of the SGR sequences written (30-37, 90-97, 38;... and backgrounds)."""
    found = set()
    for params in re.findall(r"\x1b\[([0-9;]*)m", escapes):
        for param in params.split(";"):
            if param and (30 <= int(param) <= 49 or 90 <= int(param) <= 107):
                found.add(param)
    return found


def test_colour_is_used_unless_no_color_is_set() -> None:
    keys = ["1324\r", "\x1bq"]  # a partly right answer: coloured verdict, then quit
    assert {"31", "33"} <= colours(screen(keys, {}))
    monochrome = screen(keys, {"NO_COLOR": "1"})
    assert "partly right (0.67)" in monochrome
    assert colours(monochrome) <= {"39", "49"}  # only "default colour" resets
    assert "7m" in monochrome  # reverse video still marks the highlight and the selected rating


@pytest.mark.parametrize("columns", [80, 60, 40])
def test_renders_at_80x24_and_narrower(columns: int) -> None:
    out = screen(["3142\r", CTRL_C], {}, rows=24, columns=columns)
    assert "right (1.00)" in out and "Source:" in out


def test_render_fragments_fit_the_width_and_tell_the_outcome() -> None:
    fake = session(ORDER_Q)
    state = StudyState(fake)
    state.type_key("1")
    for digit in "324":
        state.type_key(digit)
    assert state.order == [0, 2, 1, 3] and state.typed == ""
    state.submit(state.list_answer())
    text = render.to_text(render.question_fragments(state, 40) + render.feedback_fragments(state, 40))
    assert all(len(line) <= 40 for line in text.splitlines())
    assert "partly right (0.67)" in text and "Answer: 3 1 4 2" in text
    assert "Source: Reuters, 2023-09-19, p5" in text
    assert state.pending is not None
    rates = render.to_text(render.rating_fragments(state.pending, Rating.HARD))
    assert "[2 hard 1d]" in rates and "1 again 10m" in rates and "Suggested: hard" in rates
    for width in (80, 40, 30):
        lines = render.to_text(render.key_help(state, width)).splitlines()
        assert all(len(line.rstrip()) <= width for line in lines)


def test_title_keeps_the_question_type_and_shortens_the_deck_title() -> None:
    assert render.title_line("Short", "timeline", 60) == " Short · timeline"
    line = render.title_line("A very long deck title " * 4, "who_said_typed", 60)
    assert len(line) <= 60 and line.endswith("… · who_said_typed")


@pytest.mark.parametrize("width", [80, 60, 30])
def test_help_lines_fit_and_never_break_a_word(width: int) -> None:
    lines = [render.to_text(line) for line in helpscreen.help_lines(width)]
    assert all(len(line) <= width for line in lines)
    text = " ".join(" ".join(lines).split())
    for _, what in helpscreen.KEYS:
        assert " ".join(what.split()) in text
    page, more = helpscreen.paged(helpscreen.help_lines(width), 0, 10)
    assert more and render.line_count(page) == 10


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=29), "<1m"),
        (timedelta(seconds=30), "1m"),
        (timedelta(minutes=2, seconds=30), "3m"),
        (timedelta(minutes=3, seconds=30), "4m"),  # halves round up, not to even
        (timedelta(minutes=59, seconds=40), "1h"),  # never "60m"
        (timedelta(hours=23, minutes=40), "1d"),
        (timedelta(days=3, hours=12), "4d"),
    ],
)
def test_intervals_round_half_up_into_the_next_unit(delta: timedelta, text: str) -> None:
    assert render.format_interval(delta) == text


def test_an_overdue_next_review_is_due_now() -> None:
    def summary(due: datetime) -> Any:
        return SimpleNamespace(next_due=due, due_tomorrow=0)

    assert render.next_due_text(summary(NOW - timedelta(minutes=5)), NOW) == "Next review due now."
    assert render.next_due_text(summary(NOW + timedelta(seconds=10)), NOW) == "Next review due now."
    assert render.next_due_text(summary(NOW + timedelta(minutes=10)), NOW).startswith("Next review in 10m (")


def test_wrapped_lines_hang_under_their_label_and_keep_hyphenated_words() -> None:
    lines = wrap_words("Answer: the Collective Security Treaty Organization and large-scale attacks", 30)
    assert lines[0].startswith("Answer: ") and all(line.startswith(" " * 8) for line in lines[1:])
    assert any("large-scale" in line for line in lines) and all(len(line) <= 30 for line in lines)
    numbered = wrap_words("2. 19 September 2023: Azerbaijan launched a one-day offensive", 30)
    assert all(line.startswith("   ") for line in numbered[1:])
    assert wrap_words("Who said: a quote that runs on", 12, hang=False)[1][0] != " "
