"""Driving the interactive study screen in tests: the real Application, piped keys.

prompt_toolkit's documented way to test a UI: ``create_pipe_input()`` feeds key presses,
``DummyOutput()`` (or a VT100 output into a string) takes the screen. The session is the
in-memory fake from ``fake_session``, so every saved review can be checked. Test modules
import :func:`watchdog` as an autouse fixture.
"""

from __future__ import annotations

import asyncio
import io
import signal
from collections.abc import Callable, Iterator, Sequence
from types import FrameType

import pytest
from fake_session import CHOICE_Q, ORDER_Q, FakeSession, Question, session
from prompt_toolkit.application.current import get_app
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from quizlib.model import Rating
from quizlib.ui.app import build_app
from quizlib.ui.state import StudyState

UP, DOWN, LEFT, RIGHT, ESC, CTRL_C, CTRL_D = "\x1b[A", "\x1b[B", "\x1b[D", "\x1b[C", "\x1b", "\x03", "\x04"


@pytest.fixture(autouse=True)
def watchdog() -> Iterator[None]:
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
    (computed in the background) arrive; a person types slower than that. Each chunk waits
    for a redraw after the previous one (not only for the pause), so a busy machine cannot
    merge two chunks into one read and skip the screen in between.
    """

    async def feed() -> None:
        app = get_app()
        for chunk in chunks:
            drawn = app.render_counter
            await asyncio.sleep(pause)
            while app.render_counter == drawn and app.is_running:
                await asyncio.sleep(0.01)
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
