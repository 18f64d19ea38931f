"""``quizlib review`` in plain mode, driven through a pipe as a script would drive it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizlib.cli import main
from quizlib.draft.reviewedit import DraftFile, EditError, atomic_write
from quizlib.plugins import get_plugin_manager

ARTICLE = """\
Peacekeepers leave the valley

By Jane Writer

Foreign Ministry spokeswoman Anna Ivanova rejected the claims on January 12.

“We never saw the report. Nobody asked us,” Ivanova said.

“The troops will stay,” she added.

Last September, nearly 2,000 troops crossed the border during a nine-month blockade.

The ceasefire was signed on November 10, 2020, and an estimated 64 people died.

“Nobody knows what comes next,” a sign read.
"""

SMALL = """\
# A small draft.
quizlib: 1
deck:
  id: small
  title: Small
sources:
- id: wire
  title: A wire story
actors:
- id: anna-ivanova
  name: Anna Ivanova
  kind: person
- id: boris-petrov
  name: Boris Petrov
  kind: person
quotes:
# checked by hand
- id: never-saw
  text: We never saw the report
  speaker: anna-ivanova
  sources:
  - wire:p2
- id: stay
  text: The troops will stay until the spring
  speaker: anna-ivanova
  sources:
  - wire:p3
  review: true
  note: 'from: "The troops will stay until the spring," Petrov said.'
"""


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """A draft written by ``quizlib draft``, with comments added by its author."""
    article = tmp_path / "valley.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    assert main(["draft", str(article), "--published", "2024-01-15", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8").replace("events:\n", "# dates first\nevents:\n")
    text = text.replace("quotes:\n", "quotes:\n# the speakers need checking\n")
    out.write_text(text, encoding="utf-8")
    return out


def review(path: Path, commands: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``quizlib review`` with ``commands`` on its standard input (a pipe: plain mode)."""
    env = {**os.environ, "QUIZLIB_CACHE_DIR": "off"}
    return subprocess.run(
        [sys.executable, "-m", "quizlib", "review", str(path), *extra],
        input=commands,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def entries(text: str) -> list[str]:
    """The entry ids in file order."""
    return [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("- id:")]


def test_accept_reject_edit_keep_comments_and_order(draft: Path) -> None:
    before = draft.read_text(encoding="utf-8")
    result = review(draft, "a\nr\ne text The ceasefire was signed.\nq\n")
    assert result.returncode == 1, result.stderr  # quit early: the deck is not finished
    assert "1 of 9" in result.stdout and "candidates left" in result.stdout
    after = draft.read_text(encoding="utf-8")
    assert "# dates first\nevents:\n" in after and "# the speakers need checking\n" in after
    assert entries(after) == [e for e in entries(before) if e != "event-2023-09"]
    first = after.split("- id: event-2024-01-12\n", 1)[1].split("- id:", 1)[0]
    assert "review: true" not in first
    assert "  text: The ceasefire was signed.\n" in after
    # everything below the edited entry is untouched, byte for byte
    assert after.split("quotes:\n", 1)[1] == before.split("quotes:\n", 1)[1]
    assert "questions:" in result.stdout and "answer: 12 January 2024" in result.stdout
    # the article lies beside the draft under its source id: its paragraph is shown
    assert "  valley:p3: Foreign Ministry spokeswoman Anna Ivanova" in result.stdout


def test_each_candidate_shows_what_the_question_lint_finds(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    events = """\
events:
- id: met
  date: 2023-12-12
  text: Its next meeting is on ….
  sources: [wire:p4]
  review: true
- id: rose
  date: 2023-11-01
  text: Prices rose sharply across the region.
  sources: [wire:p5]
  review: true
"""
    path.write_text(SMALL + events, encoding="utf-8")
    shown = review(path, "s\ns\nq\n").stdout
    met, rose = shown.split("events/rose")[0], shown.split("events/rose")[1]
    assert "! date_recall: unclear:" in met and '"Its"' in met
    assert "! " not in rose.split("review (")[0]  # a fair candidate shows no flaw


def test_invalid_edit_is_refused_with_its_location(draft: Path) -> None:
    before = draft.read_text(encoding="utf-8")
    result = review(draft, "e date 2024-02-31\nq\n")
    assert "refused, nothing saved" in result.stdout
    assert f"{draft}:" in result.stdout and "no such day" in result.stdout
    assert draft.read_text(encoding="utf-8") == before


def test_speaker_with_a_name_and_merging_actors(draft: Path) -> None:
    commands = "s\ns\ns\np Foreign Ministry\nm foreign-ministry anna-ivanova\nq\n"
    result = review(draft, commands)
    assert "speaker foreign-ministry" in result.stdout
    assert "merged foreign-ministry into anna-ivanova (1 references)" in result.stdout
    text = draft.read_text(encoding="utf-8")
    assert "- id: foreign-ministry" not in text and "foreign-ministry" not in text
    assert "  aliases:\n  - Ivanova\n  - Foreign Ministry\n" in text
    assert main(["check", str(draft)]) == 0


def test_quit_then_resume_and_undo(draft: Path) -> None:
    assert review(draft, "a\na\nq\n").returncode == 1
    result = review(draft, "a\nu\n")  # input ends: exit 130, state saved
    assert result.returncode == 130 and "7 candidates left" in result.stdout
    assert "1 of 7" in result.stdout and "undone" in result.stdout
    assert draft.read_text(encoding="utf-8").count("  review: true\n") == 7


def test_accepting_everything_passes_check_and_reports_the_strict_warnings(draft: Path) -> None:
    result = review(draft, "a\n" * 9)
    assert result.returncode == 1  # the question lint still has something to say
    assert f"{draft}:" in result.stdout and ": warning: " in result.stdout
    assert "  review: true" not in draft.read_text(encoding="utf-8")
    assert main(["check", str(draft)]) == 0


def test_a_deck_that_passes_strict_exits_zero(tmp_path: Path) -> None:
    deck = tmp_path / "small.yaml"
    deck.write_text(SMALL, encoding="utf-8")
    result = review(deck, "p Boris Petrov\na\n")
    assert result.returncode == 0, result.stdout
    assert "passes check --strict" in result.stdout
    text = deck.read_text(encoding="utf-8")
    assert text == SMALL.replace(
        "  speaker: anna-ivanova\n  sources:\n  - wire:p3\n  review: true\n",
        "  speaker: boris-petrov\n  sources:\n  - wire:p3\n",
    )
    assert main(["check", "--strict", str(deck)]) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("just text", "the top level is a single value"),
        ("a: [", "YAML syntax error"),
        ("quizlib: 1\n", "deck"),
        (None, "cannot read"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "bad.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = review(path, "")
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr


def test_entry_edits_keep_other_lines_and_leave_no_temp_file(tmp_path: Path) -> None:
    deck = tmp_path / "small.yaml"
    deck.write_text(SMALL, encoding="utf-8")
    draft = DraftFile.open(deck, get_plugin_manager(entry_points=False).sections)
    draft.set_field("quotes", "never-saw", "tags", ["checked", "war"])
    draft.set_field("quotes", "never-saw", "text", "We never saw: the report")
    assert "  text: 'We never saw: the report'\n" in deck.read_text(encoding="utf-8")
    with pytest.raises(EditError):
        draft.set_field("quotes", "never-saw", "speaker", "nobody")
    draft.reject("quotes", "never-saw")
    assert deck.read_text(encoding="utf-8") == SMALL.replace(
        "- id: never-saw\n  text: We never saw the report\n  speaker: anna-ivanova\n"
        "  sources:\n  - wire:p2\n",
        "",
    )
    assert draft.undo() and "tags:\n  - checked\n  - war\n" in deck.read_text(encoding="utf-8")
    atomic_write(deck, "x\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.yaml"]


def test_undo_restores_an_edit_and_a_file_changed_elsewhere_is_not_overwritten(tmp_path: Path) -> None:
    deck = tmp_path / "small.yaml"
    deck.write_text(SMALL, encoding="utf-8")
    draft = DraftFile.open(deck, get_plugin_manager(entry_points=False).sections)
    draft.set_field("quotes", "stay", "note", "checked")
    assert draft.undo() and deck.read_text(encoding="utf-8") == SMALL
    deck.write_text(SMALL + "# a line an editor added\n", encoding="utf-8")
    with pytest.raises(EditError, match="changed since review read it"):
        draft.accept("quotes", "stay")
    assert deck.read_text(encoding="utf-8").endswith("# a line an editor added\n")


def test_kill_9_after_a_decision_keeps_it(draft: Path) -> None:
    env = {**os.environ, "QUIZLIB_CACHE_DIR": "off"}
    child = subprocess.Popen(
        [sys.executable, "-m", "quizlib", "review", str(draft)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write("a\n")
    child.stdin.flush()
    for line in child.stdout:  # the decision is saved before it is reported
        if "accepted events/event-2024-01-12" in line:
            break
    child.kill()
    child.wait(timeout=30)
    child.stdin.close()
    child.stdout.close()
    text = draft.read_text(encoding="utf-8")
    assert text.count("  review: true\n") == 8 and main(["check", str(draft)]) == 0
    assert sorted(p.name for p in draft.parent.iterdir()) == ["draft.yaml", "valley.txt"]


def test_accepting_an_entry_whose_first_key_is_review(tmp_path: Path) -> None:
    deck = tmp_path / "small.yaml"
    first = SMALL.replace("  review: true\n  note", "  note")
    first = first.replace("- id: stay\n", "- review: true\n  id: stay\n")
    deck.write_text(first, encoding="utf-8")
    draft = DraftFile.open(deck, get_plugin_manager(entry_points=False).sections)
    draft.accept("quotes", "stay")
    assert deck.read_text(encoding="utf-8") == first.replace("- review: true\n  id: stay\n", "- id: stay\n")
