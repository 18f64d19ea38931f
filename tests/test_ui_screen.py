"""What the study screen shows: colour, narrow terminals, fragments, help, intervals, wrapping."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from fake_session import NOW, ORDER_Q, session
from ui_driver import CTRL_C, screen
from ui_driver import watchdog as watchdog  # autouse: fail instead of hanging

from quizlib.model import Rating
from quizlib.ui import helpscreen, render
from quizlib.ui.state import StudyState
from quizlib.wording import wrap_words


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
