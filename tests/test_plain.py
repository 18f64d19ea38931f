"""Plain mode: one line per answer, in-process with StringIO and end to end with piped stdin."""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from fake_session import CHOICE_Q, MULTI_Q, NOW, ORDER_Q, REVEAL_Q, TEXT_Q, FakeSession, Question, session

from quizlib.model import Rating
from quizlib.ui.plain import run_plain


def play(*questions: Question, lines: str, cram: bool = False) -> tuple[FakeSession, str, int]:
    """Run plain mode on ``questions`` with ``lines`` as stdin; returns the session, output, status."""
    fake = session(*questions, cram=cram)
    out = io.StringIO()
    status = run_plain(fake, io.StringIO(textwrap.dedent(lines)), out, clock=lambda: NOW)
    return fake, out.getvalue(), status


def ratings(fake: FakeSession) -> list[tuple[str, Rating]]:
    return [(s.question_id.split("/")[1], s.rating) for s in fake.saved]


def test_a_whole_session_with_every_list_kind_and_a_reveal_card() -> None:
    lines = """\
        3142

        b
        4
        1 3
        hard
        Collective Security Treaty Organization
        1

        3
    """
    fake, out, status = play(ORDER_Q, CHOICE_Q, MULTI_Q, TEXT_Q, REVEAL_Q, lines=lines)
    assert status == 0
    assert ratings(fake) == [
        ("order", Rating.GOOD),
        ("choice", Rating.EASY),
        ("multi", Rating.HARD),
        ("text", Rating.AGAIN),
        ("reveal", Rating.GOOD),
    ]
    assert [s.response for s in fake.saved][:3] == [(2, 0, 3, 1), 1, (0, 2)]
    assert "Question 1 of 5 · order" in out and "  1) B happened\n  2) D happened" in out
    assert "  a) Suwalki\n  b) Lachin" in out
    assert "(type the item numbers in order, with or without spaces; ? for help)" in out
    assert "How well did you know it?" in out and "Answer: Yerevan" in out
    assert "Answered 5, 5 right (100%) in 1:15." in out and "Next review in 10m" in out


def test_feedback_shows_verdict_score_answer_source_and_intervals() -> None:
    fake, out, _ = play(ORDER_Q, lines="1324\n\n")
    assert "partly right (0.67)\nAnswer: 3 1 4 2\nYou:    1 3 2 4\nIn date order.\n" in out
    assert "Source: Reuters, 2023-09-19, p5" in out
    assert "Suggested: hard. Next review: 1 again 10m, 2 hard 1d, 3 good 3d, 4 easy 8d." in out
    assert "Rate [Enter = hard, 1-4]: " in out
    assert ratings(fake) == [("order", Rating.HARD)]


def test_feedback_that_cites_its_own_sources_has_no_source_line() -> None:
    own = replace(ORDER_Q, key={**ORDER_Q.key, "cites": True})
    _, out, _ = play(own, lines="1324\n\n")
    assert "In date order. (each from Reuters)\n" in out and "Source:" not in out


def test_cram_mode_shows_no_intervals() -> None:
    _, out, _ = play(CHOICE_Q, lines="b\n\n", cram=True)
    assert "Suggested: good.\n" in out and "Next review:" not in out


def test_malformed_answers_are_asked_again_with_the_reason() -> None:
    fake, out, _ = play(ORDER_Q, CHOICE_Q, TEXT_Q, lines="31\n3 1 4 4\n3142\n\nz\n\n2\n\n\nboom\n")
    assert "! missing item 2, 4; use each of 1-4 once" in out
    assert "! item 4 appears twice" in out
    assert "! there is no option 'z': choose 1-3 (or a-c)" in out and "! choose an option: 1-3 or a-c" in out
    assert "! type an answer (or skip the question)" in out
    assert "! the grader cannot read 'boom'" in out
    assert ratings(fake) == [("order", Rating.GOOD), ("choice", Rating.GOOD)]


def test_s_and_b_are_answers_and_commands_take_a_colon() -> None:
    fake, out, _ = play(CHOICE_Q, CHOICE_Q, ORDER_Q, lines="s\nb\n\n:b\n:s\n:q\n")
    assert "! there is no option 's'" in out  # an answer, not a command
    assert ratings(fake) == [("choice", Rating.GOOD)]
    assert fake.buried == [CHOICE_Q.id] and "Buried until tomorrow." in out
    assert "Skipped." in out


def test_undo_removes_the_last_saved_review_and_asks_it_again() -> None:
    fake, out, _ = play(CHOICE_Q, ORDER_Q, lines="a\n\n:u\nb\n\n3142\n\n")
    assert ratings(fake) == [("choice", Rating.GOOD), ("order", Rating.GOOD)]
    assert [s.response for s in fake.saved] == [1, (2, 0, 3, 1)]
    assert "Undone: the last saved review was removed" in out


def test_undo_at_the_rating_line_takes_the_answer_back_unsaved() -> None:
    fake, out, _ = play(CHOICE_Q, lines="a\n:u\nb\n\n")
    assert [s.response for s in fake.saved] == [1] and "nothing was saved" in out


def test_nothing_to_undo_and_unknown_commands_and_help() -> None:
    fake, out, _ = play(CHOICE_Q, lines=":u\n:x\n?\nb\n:s\n?\nx\n\n")
    assert "Nothing to undo." in out
    assert "! unknown command ':x'" in out
    assert out.count(":u  undo") == 2  # help, both while answering and while rating
    assert "! rate this answer first" in out and "! type 1-4" in out
    assert ratings(fake) == [("choice", Rating.GOOD)]


@pytest.mark.parametrize("lines", ["3142\n", "3142"])
def test_end_of_input_saves_a_graded_answer_with_its_suggestion(lines: str) -> None:
    fake, out, status = play(ORDER_Q, CHOICE_Q, lines=lines)
    assert status == 0 and ratings(fake) == [("order", Rating.GOOD)]
    assert "Answered 1, 1 right (100%)" in out


def test_end_of_input_while_asking_saves_nothing_and_prints_the_summary() -> None:
    fake, out, status = play(ORDER_Q, lines="")
    assert status == 0 and fake.saved == []
    assert out.rstrip().endswith("Next review in 10m (2024-03-01 12:10 UTC); 2 due by tomorrow.") is False
    assert "No questions answered (1:15).\nNo reviews are scheduled." in out


def test_quit_command_at_the_rating_line_saves_with_the_suggestion() -> None:
    fake, _, _ = play(ORDER_Q, CHOICE_Q, lines="1324\n:q\n")
    assert ratings(fake) == [("order", Rating.HARD)]


class Interrupting(io.StringIO):
    """Stdin that raises KeyboardInterrupt (Ctrl-C) once its lines are used up."""

    def readline(self, size: int | None = -1) -> str:
        line = super().readline()
        if not line:
            raise KeyboardInterrupt
        return line


def test_ctrl_c_saves_a_graded_answer_and_exits_130() -> None:
    fake = session(ORDER_Q, CHOICE_Q)
    out = io.StringIO()
    status = run_plain(fake, Interrupting("3142\n"), out)
    assert status == 130 and ratings(fake) == [("order", Rating.GOOD)]
    assert "Answered 1" in out.getvalue()


def test_plain_mode_never_imports_prompt_toolkit() -> None:
    code = textwrap.dedent(
        """
        import io, sys
        sys.path.insert(0, "tests")
        from fake_session import session, ALL, ORDER_Q
        from quizlib.ui.plain import run_plain
        import quizlib.cli, quizlib.commands.study
        quizlib.cli.build_parser()
        run_plain(session(ORDER_Q), io.StringIO("3142\\n\\n"), io.StringIO())
        assert "prompt_toolkit" not in sys.modules, "plain mode imported prompt_toolkit"
        """
    )
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


# -- the real command, through a pipe ------------------------------------------------------

CARDS = """\
quizlib: 1
deck: {id: plain-demo, title: Plain demo deck}
sources:
  - {id: wire, title: A wire story, outlet: Reuters, published: 2023-09-19}
cards:
  - {id: csto, type: basic, front: What does CSTO stand for?,
     back: Collective Security Treaty Organization, sources: ["wire:p4"]}
  - {id: capital, type: basic, front: What is the capital of Armenia?, back: Yerevan,
     sources: ["wire:p5"]}
  - {id: mission, type: basic, front: Whose peacekeepers were deployed in 2020?, back: Russia's,
     sources: ["wire:p3"]}
"""

# Runs `quizlib study` in-process in a fresh interpreter, to check what it imported.
STUDY = """\
import sys
from quizlib.cli import main
status = main(["study", *sys.argv[1:]])
assert "prompt_toolkit" not in sys.modules, "plain mode imported prompt_toolkit"
sys.exit(status)
"""


def study(tmp_path: Path, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    deck = tmp_path / "cards.yaml"
    deck.write_text(CARDS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZLIB_")}
    env.update(QUIZLIB_NOW="2024-03-01T12:00:00+00:00", QUIZLIB_CACHE_DIR="off")
    argv = [sys.executable, "-c", STUDY, str(deck), "--plain", "--db", str(tmp_path / "r.db"), *args]
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, env=env, timeout=60)


def logged(tmp_path: Path) -> int:
    with closing(sqlite3.connect(tmp_path / "r.db")) as conn:
        return int(conn.execute("SELECT count(*) FROM reviews").fetchone()[0])


def test_study_plain_through_a_pipe_saves_what_was_rated_and_survives_a_restart(tmp_path: Path) -> None:
    pytest.importorskip("quizlib.study.session")
    # Reveal and accept twice, undo the second, quit.
    done = study(tmp_path, "\n\nYerevan\n\n:u\n:q\n", "--seed", "3")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("Question 1 of 3") == 1 and "Undone" in done.stdout
    assert "Source: Reuters, 2023-09-19, p" in done.stdout and "Rate [Enter = " in done.stdout
    assert "Answered 1" in done.stdout
    assert logged(tmp_path) == 1
    # Restart: one more rated, one graded and cut off by the end of input.
    again = study(tmp_path, "\n\n\n", "--seed", "3")
    assert again.returncode == 0, again.stderr
    assert "Answered 2" in again.stdout and logged(tmp_path) == 3


def test_study_rejects_an_unknown_question_type(tmp_path: Path) -> None:
    pytest.importorskip("quizlib.study.session")
    done = study(tmp_path, "", "--type", "no-such-type")
    assert done.returncode == 2 and "no question type 'no-such-type'" in done.stderr


def test_interactive_only_when_both_ends_are_terminals(monkeypatch: pytest.MonkeyPatch) -> None:
    from quizlib.commands.study import interactive

    class Tty(io.StringIO):
        def __init__(self, tty: bool) -> None:
            super().__init__()
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    for stdin, stdout, plain, expected in [
        (True, True, False, True),
        (True, True, True, False),
        (False, True, False, False),
        (True, False, False, False),
    ]:
        monkeypatch.setattr(sys, "stdin", Tty(stdin))
        monkeypatch.setattr(sys, "stdout", Tty(stdout))
        assert interactive(argparse.Namespace(plain=plain)) is expected


def test_plain_mode_chosen_for_a_pipe_says_so_once(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "quizlib", "study", "--db", str(tmp_path / "p.db"), "--limit", "1"]
    chosen = subprocess.run(argv, input="", capture_output=True, text=True, check=False)
    lines = chosen.stderr.splitlines()
    assert lines == [
        "quizlib study: stdin and stdout are not terminals: plain mode, one answer per line "
        "(--plain to choose it)"
    ]
    asked = subprocess.run([*argv, "--plain"], input="", capture_output=True, text=True, check=False)
    assert "plain mode" not in asked.stderr
