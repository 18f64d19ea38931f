"""Plain mode: a line-oriented study session for pipes, scripts and screen readers.

One line in per answer, in the same syntax as the interactive UI (:func:`parse_answer`).
Commands sit on a line of their own with a colon, because ``s`` or ``b`` can be real
answers to a choice question. End of input ends the session cleanly at any point; an
answer already graded is saved with its suggested rating first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from quizlib.model import PromptKind, Rating
from quizlib.termsafe import terminal_safe
from quizlib.ui import render
from quizlib.ui.state import Phase, StudySession, StudyState

EXIT_OK, EXIT_INTERRUPTED = 0, 130

HELP = """\
Answer on one line:
  ordering          item numbers, first item first: 3142 or 3 1 4 2
  one choice        its letter or number: b or 2
  all that apply    letters or numbers: ac, a c or 1 3
  name, number, date, text   type it (e.g. 12,500 or 12.5k; 1998-03-04 or March 1998)
  reveal            think of the answer, press Enter to see it, then rate yourself
Commands, on a line of their own:
  :u  undo (the answer on screen, else the last saved review)
  :s  skip for now      :b  bury until tomorrow      :q  quit      ?  this help
After an answer: Enter saves the suggested rating; 1-4 (again, hard, good, easy) or
the rating's name save another. End of input (Ctrl-D) quits; a graded answer is
saved with its suggested rating."""

COMMANDS = {":u": "undo", ":s": "skip", ":b": "bury", ":q": "quit"}
RATING_NAMES = {r.name.lower(): r for r in Rating} | {str(r.value): r for r in Rating}


class PlainStudy:
    """A study session over two text streams.

    Args:
        state: The study state (wrapping the session).
        stdin: Where answers are read, one per line.
        stdout: Where questions and feedback are written.
        clock: The current time, for "next review in ..." in the summary.
    """

    def __init__(
        self, state: StudyState, stdin: TextIO, stdout: TextIO, clock: Callable[[], datetime] | None = None
    ) -> None:
        self.state = state
        self.stdin = stdin
        self.stdout = stdout
        self.clock = clock

    def write(self, text: str = "") -> None:
        """Write a line."""
        self.stdout.write(terminal_safe(text) + "\n")

    def read(self, prompt: str) -> str | None:
        """Show ``prompt`` and read one line; None at end of input."""
        self.stdout.write(terminal_safe(prompt))
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.write()  # end the prompt line so the summary starts on its own
            return None
        return line.rstrip("\r\n")

    def run(self) -> None:
        """Ask questions until the session is over, the learner quits or input ends."""
        while self.state.phase is not Phase.DONE:
            self.show_question()
            if not self.answer() or (self.state.phase is Phase.RATING and not self.rate()):
                return

    def show_question(self) -> None:
        """The progress line, the question, its numbered rows and a hint of the syntax."""
        state = self.state
        assert state.question is not None
        progress = state.session.progress()
        # The planned total never grows: a learning repeat keeps its question's number.
        number = progress.number or progress.done + 1
        total = progress.total or progress.done + progress.remaining
        self.write()
        if state.notice:
            self.write(state.notice)
            state.notice = ""
        self.write(f"Question {number} of {max(total, number)} · {state.question.type}")
        self.stdout.write(terminal_safe(render.to_text(render.question_fragments(state))))
        self.write(f"({render.hint(state.question.prompt)}; ? for help)")

    def answer(self) -> bool:
        """Read lines until one is a well-formed answer or a command; False to stop."""
        state = self.state
        assert state.question is not None
        reveal = state.question.prompt.kind is PromptKind.REVEAL
        while True:
            line = self.read("(Enter to reveal) " if reveal else "> ")
            if line is None:
                return False
            command = line.strip().lower()
            if command == "?":
                self.write(HELP)
            elif command.startswith(":"):
                action = COMMANDS.get(command)
                if action is None:
                    self.write(f"! unknown command {command!r}: use :u, :s, :b, :q (? for help)")
                    continue
                if action == "quit":
                    return False
                getattr(state, action)()
                return True
            elif state.submit(line):
                self.show_feedback()
                return True
            elif not state.message:  # the question could not be graded: say so, go on to the next
                self.write(state.notice)
                state.notice = ""
                return True
            else:
                self.write(f"! {state.message}")
                state.message = ""

    def show_feedback(self) -> None:
        """Verdict, correct answer, feedback, source and the interval of each rating."""
        state = self.state
        assert state.pending is not None
        self.stdout.write(terminal_safe(render.to_text(render.feedback_fragments(state))))
        suggested = state.pending.suggested.name.lower()
        if state.pending.intervals:
            self.write(f"Suggested: {suggested}. Next review: {render.intervals_text(state.pending)}.")
        else:
            self.write(f"Suggested: {suggested}.")

    def rate(self) -> bool:
        """Read the rating line and save the review; False to stop."""
        state = self.state
        assert state.pending is not None
        suggested = state.pending.suggested.name.lower()
        while True:
            line = self.read(f"Rate [Enter = {suggested}, 1-4]: ")
            if line is None:
                return False  # run_plain saves the pending answer with its suggestion
            text = line.strip().lower()
            if text == "?":
                self.write(HELP)
            elif text == ":q":
                return False
            elif text == ":u":
                state.undo()
                return True
            elif text in COMMANDS:
                self.write("! rate this answer first (Enter accepts the suggestion)")
            elif text == "" or text in RATING_NAMES:
                if text:
                    state.choose_rating(RATING_NAMES[text])
                state.accept()
                if state.phase is Phase.RATING:  # not saved: say why; Enter retries
                    self.write(f"! {state.message}")
                    state.message = ""
                    continue
                return True
            else:
                self.write("! type 1-4 (again, hard, good, easy), or press Enter to accept the suggestion")


def run_plain(
    session: StudySession,
    stdin: TextIO,
    stdout: TextIO,
    *,
    timer: Callable[[], float] = time.monotonic,
    clock: Callable[[], datetime] | None = None,
) -> int:
    """Study in plain mode until done, ``:q`` or end of input; print the summary.

    Args:
        session: The session to drive.
        stdin: Answers, one per line.
        stdout: Where questions, feedback and the summary go.
        timer: Monotonic seconds, for the time spent on each answer.
        clock: The current time, for when the next reviews are due.

    Returns:
        0, or 130 when interrupted with Ctrl-C (after saving a graded answer).
    """
    state = StudyState(session, timer=timer)
    study = PlainStudy(state, stdin, stdout, clock)
    status = EXIT_OK
    try:
        study.run()
    except KeyboardInterrupt:
        study.write()
        status = EXIT_INTERRUPTED
    finally:
        state.finish()  # never lose an answer that was graded but not yet rated
    study.write()
    study.write(render.summary_text(session.summary(), clock() if clock else None))
    stdout.flush()
    return status
