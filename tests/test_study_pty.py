"""End to end: ``quizlib study`` in a pseudo-terminal, as a person runs it.

Answers, undo, quit, restart, a hang-up before rating: afterwards the review log in the
SQLite database holds exactly the reviews that were rated (or graded before quitting).
Keys are typed in order; prompt_toolkit handles them in order, so each ``a\\r\\r`` answers
one question whatever its kind here: ``a`` picks option a of a choice question or is typed
as an attempt on a card, Enter answers (or reveals), Enter saves the suggested rating.
Commands are sent as Esc+letter, which works whatever has the focus.
"""

from __future__ import annotations

import os
import signal
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from vtscreen import Screen

from quizlib.plugins import get_plugin_manager
from quizlib.store.store import Store
from quizlib.ui import helpscreen

pexpect = pytest.importorskip("pexpect")
pytest.importorskip("quizlib.study.session", reason="the session engine is not installed")

pytestmark = pytest.mark.slow

DECK = """\
quizlib: 1
deck: {id: pty-demo, title: PTY demo deck}
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

CHOICE_CARDS = """\
  - {id: lachin, type: choice, question: What did the Lachin corridor connect?,
     choices: [Nagorno-Karabakh and Armenia, Baku and Nakhchivan, Stepanakert and Aghdam],
     answer: [0], sources: ["wire:p2"]}
  - {id: parties, type: choice, question: Whose peacekeepers were deployed in 2020?,
     choices: [Russia's, France's, Turkey's], answer: [0], sources: ["wire:p3"]}
"""


def deck_text() -> str:
    """The test deck, with choice cards too once the choice question type is installed."""
    types = get_plugin_manager(entry_points=False).question_types
    return DECK + (CHOICE_CARDS if "choice" in types else "")


ANSWER = "a\r\r"  # pick a (choice) or type a (card), answer or reveal, save the suggestion


@pytest.fixture
def study(tmp_path: Path) -> tuple[list[str], dict[str, str], Path]:
    """The command, its environment and its database."""
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text(), encoding="utf-8")
    db = tmp_path / "reviews.db"
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("QUIZLIB_") and k not in ("NO_COLOR", "TERM")
    }
    env.update(TERM="xterm-256color", QUIZLIB_NOW="2024-03-01T12:00:00+00:00", QUIZLIB_CACHE_DIR="off")
    argv = ["-m", "quizlib", "study", str(deck), "--db", str(db), "--seed", "7"]
    return argv, env, db


def spawn(argv: list[str], env: dict[str, str]) -> pexpect.spawn:
    child = pexpect.spawn(sys.executable, argv, env=env, dimensions=(24, 80), encoding="utf-8", timeout=30)
    child.expect_exact("\x1b[?1049h")  # the full-screen application has started
    return child


def finish(child: pexpect.spawn, status: int = 0) -> str:
    """Wait for the process to end; its summary (printed after the screen closes)."""
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == status, child.before
    return str(child.before)


def reviews(db: Path) -> list[str]:
    """The question ids in the review log, oldest first."""
    with Store.open(db) as store:
        return [r.question_id for r in sorted(store.reviews(), key=lambda r: r.id)]


def test_answer_undo_quit_restart_keeps_exactly_the_rated_reviews(
    study: tuple[list[str], dict[str, str], Path],
) -> None:
    argv, env, db = study
    child = spawn(argv, env)
    child.send(ANSWER + ANSWER + "\x1bu" + "\x1bq")  # two answers, the second undone, quit
    summary = finish(child)
    assert "Answered 1" in summary
    first = reviews(db)
    assert len(first) == 1

    child = spawn(argv, env)
    child.send(ANSWER + "a\r" + "q")  # one saved; one graded, then quit before rating
    summary = finish(child)
    assert "Answered 2" in summary
    log = reviews(db)
    assert len(log) == 3 and log[0] == first[0]
    assert len(set(log)) == 3  # nothing answered twice, nothing undone left behind


def test_ctrl_c_before_rating_saves_the_answer(study: tuple[list[str], dict[str, str], Path]) -> None:
    argv, env, db = study
    child = spawn(argv, env)
    child.send("a\r")
    child.expect("Suggested")
    child.send("\x03")
    summary = finish(child, status=130)  # like plain mode, and like any interrupted program
    assert "Answered 1" in summary and len(reviews(db)) == 1


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_hang_up_or_terminate_before_rating_saves_the_answer(
    signum: int, study: tuple[list[str], dict[str, str], Path]
) -> None:
    argv, env, db = study
    child = spawn(argv, env)
    child.send("a\r")
    child.expect("Suggested")
    child.kill(signum)
    child.expect(pexpect.EOF)
    child.close()
    assert len(reviews(db)) == 1


def test_plain_flag_in_a_terminal_uses_line_mode(study: tuple[list[str], dict[str, str], Path]) -> None:
    argv, env, db = study
    child = pexpect.spawn(sys.executable, [*argv, "--plain"], env=env, encoding="utf-8", timeout=30)
    child.expect("Question 1 of")
    child.expect("> |Enter to reveal")
    child.sendline("a")
    child.expect(r"Rate \[Enter")
    child.sendline("")
    child.expect("Question 2 of")
    child.sendeof()
    out = finish(child)
    assert "Answered 1" in out and "\x1b[?1049h" not in textwrap.dedent(out)
    assert len(reviews(db)) == 1


LONG_TITLE_DECK = DECK.replace("PTY demo deck", "A deck with a rather long title about peacekeeping")


def wait_for(child: pexpect.spawn, screen: Screen, predicate: Callable[[str], bool]) -> str:
    """Feed the child's output to ``screen`` until ``predicate(screen text)`` holds and the
    output has paused: a redraw can arrive in pieces, and half a frame may match too."""
    while True:
        while not predicate(screen.text()):
            screen.feed(child.read_nonblocking(100_000))
        try:
            screen.feed(child.read_nonblocking(100_000, timeout=0.5))
        except pexpect.TIMEOUT:
            return screen.text()


def help_body(page: str) -> list[str]:
    """The help lines of a screen: below the title, above the paging hint and the bars."""
    lines = page.splitlines()
    end = next(i for i, line in enumerate(lines) if " done · " in line)
    return [line for line in lines[2:end] if not line.startswith("-- Space")]


def normal(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("columns", [80, 60])
def test_help_wraps_at_words_and_pages_through_every_key(
    columns: int, study: tuple[list[str], dict[str, str], Path], tmp_path: Path
) -> None:
    argv, env, _ = study
    deck = tmp_path / "long.yaml"
    deck.write_text(LONG_TITLE_DECK, encoding="utf-8")
    argv = [*argv[:3], str(deck), *argv[4:]]
    child = pexpect.spawn(
        sys.executable, argv, env=env, dimensions=(24, columns), encoding="utf-8", timeout=30
    )
    screen = Screen(24, columns)
    first = wait_for(child, screen, lambda s: "basic" in s and "? help" in s)
    assert first.splitlines()[0].endswith("· basic")  # the title gives way, the type stays

    def page_drawn(before: str) -> Callable[[str], bool]:
        return lambda s: s != before and ("Space: more" in s or "suggested rating." in s)

    child.send("?")
    pages = [wait_for(child, screen, page_drawn(first))]
    while "Space: more" in pages[-1]:
        child.send(" ")
        pages.append(wait_for(child, screen, page_drawn(pages[-1])))
    assert len(pages) == (1 if columns == 80 else 2)
    shown = normal(" ".join(line for page in pages for line in help_body(page)))
    # Every phrase of the help appears whole: nothing is cut off or broken inside a word.
    for phrase in (helpscreen.ESC_RULE, helpscreen.SAVING, *(f"{k} {w}" for k, w in helpscreen.KEYS)):
        assert normal(phrase) in shown, phrase
    child.send("x")  # closes the help without acting
    wait_for(child, screen, lambda s: "Keys" not in s and "? help" in s)
    child.send("\x1bq")
    finish(child)


@pytest.mark.parametrize("columns", [80, 60])
def test_a_long_outcome_pages_above_ratings_that_stay_on_screen(
    columns: int, study: tuple[list[str], dict[str, str], Path]
) -> None:
    argv, env, _ = study
    argv = [*argv[:3], "karabakh", *argv[4:], "--type", "timeline", "--seed", "3"]
    child = pexpect.spawn(
        sys.executable, argv, env=env, dimensions=(24, columns), encoding="utf-8", timeout=30
    )
    screen = Screen(24, columns)
    wait_for(child, screen, lambda s: "earliest first" in s and "? help" in s)
    child.send("1234\r")
    page = wait_for(child, screen, lambda s: "Suggested:" in s)
    pages = [page]
    while "Down: more" in pages[-1]:
        child.send("j")
        pages.append(wait_for(child, screen, lambda s, before=pages[-1]: s != before and "Suggested:" in s))
    seen = "\n".join(pages)
    assert len(pages) > 1 and all(f"\n{n}. " in seen for n in (1, 2, 3, 4))  # every item, over pages
    assert all("Rate:" in p and "Suggested:" in p for p in pages)  # the ratings never scroll away
    child.send("\r")
    child.send("\x1bq")
    finish(child)
