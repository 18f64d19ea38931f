"""End to end: ``quizlib review`` on its interactive screen, in a pseudo-terminal.

One-letter decisions act on an empty prompt without Enter; ``e FIELD`` asks for the value
on a line of its own, prefilled with the current value (Ctrl-U clears it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from test_review import SMALL

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.slow

TWO = SMALL.replace(
    "  speaker: anna-ivanova\n  sources:\n  - wire:p2\n",
    "  speaker: anna-ivanova\n  sources:\n  - wire:p2\n  review: true\n",
)


def spawn(deck: Path) -> pexpect.spawn:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("QUIZLIB_") and k not in ("NO_COLOR", "TERM")
    }
    env.update(TERM="xterm-256color", QUIZLIB_CACHE_DIR="off")
    env.pop("EDITOR", None)
    env.pop("VISUAL", None)
    argv = ["-m", "quizlib", "review", str(deck)]
    return pexpect.spawn(sys.executable, argv, env=env, dimensions=(40, 100), encoding="utf-8", timeout=30)


def test_screen_accepts_edits_and_quits_saving_each_decision(tmp_path: Path) -> None:
    deck = tmp_path / "small.yaml"
    deck.write_text(TWO, encoding="utf-8")
    child = spawn(deck)
    child.expect_exact("1 of 2")
    child.expect_exact("questions")  # what the candidate would make
    child.expect_exact("review>")
    child.send("a")  # acts at once
    child.expect_exact("accepted quotes/never-saw")
    child.expect_exact("review>")
    child.send("e text\r")
    child.expect_exact("text:")
    child.send("\x15The troops will stay all spring\r")  # Ctrl-U clears the prefilled value
    child.expect_exact("quotes/stay: text set")
    child.expect_exact("review>")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1  # quit with a candidate left
    text = deck.read_text(encoding="utf-8")
    assert "# checked by hand\n" in text and text.count("  review: true\n") == 1
    assert "  text: The troops will stay all spring\n" in text

    child = spawn(deck)  # resumes with what is left; Ctrl-C leaves it saved
    child.expect_exact("1 of 1")
    child.expect_exact("review>")
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert deck.read_text(encoding="utf-8") == text
