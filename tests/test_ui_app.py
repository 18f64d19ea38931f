"""The interactive study screen's keys, driven through the real Application with piped keys.

See ``ui_driver`` for how; what the screen shows is tested in ``test_ui_screen``.
"""

from __future__ import annotations

import io
import re

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
    Question,
    session,
)
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from ui_driver import CTRL_C, CTRL_D, DOWN, ESC, RIGHT, UP, drive, saved
from ui_driver import watchdog as watchdog  # autouse: fail instead of hanging

from quizlib.model import Rating
from quizlib.ui.app import build_app, run_app
from quizlib.ui.inputs import NameCompleter
from quizlib.ui.keys import build_key_bindings
from quizlib.ui.state import Phase, StudyState

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
