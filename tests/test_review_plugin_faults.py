"""``quizlib review`` shows a draft's questions through the plugin host: a question type that
raises, prints or never returns is reported beside the candidate, and the review goes on."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from plugin_fault_helpers import DECK, deck_file, plugin_dir, run

#: The plugin helpers' deck, both entries drafts still to review.
DRAFT = DECK.replace("word: peace\n", "word: peace\n    review: true\n").replace(
    "word: war\n", "word: war\n    review: true\n"
)


@pytest.mark.parametrize(
    ("fault", "shown"),
    [
        ('if where == "generate": raise RuntimeError("boom")', "RuntimeError"),
        ('if where == "generate": print("noise")', "printed"),
        ('while where == "generate": pass', "took longer than 0.2 s"),
    ],
)
def test_a_faulty_question_type_is_shown_and_the_review_goes_on(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
    shown: str,
) -> None:
    monkeypatch.setenv("QUIZLIB_PLUGIN_TIMEOUT", "0.2")
    monkeypatch.setattr("sys.stdin", io.StringIO("a\na\n"))
    plugins, draft = plugin_dir(tmp_path, fault), deck_file(tmp_path, DRAFT)
    code, out, err = run(capsys, "review", str(draft), "--plain", "--plugins-dir", str(plugins))
    # The review ends as usual (130: the input ended before every entry was decided, when a
    # plugin that timed out cannot check the entries it would accept).
    assert code in (0, 1, 130)
    assert shown in out + err
    assert "- id: one" in draft.read_text(encoding="utf-8")  # nothing lost


def test_the_final_report_places_a_failure_at_its_fact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a\na\n"))
    plugins = plugin_dir(
        tmp_path, 'if where == "generate" and names["fact"].id == "bad": raise RuntimeError("x")'
    )
    draft = deck_file(tmp_path, DRAFT)
    _, out, _ = run(capsys, "review", str(draft), "--plain", "--plugins-dir", str(plugins))
    [line] = [x for x in out.splitlines() if "failed on echoes/bad" in x and ": warning: " in x]
    # line 6: accepting "one" took its "review: true" line away
    assert line.startswith(f"{draft}:6:1: warning: question type 'echo' failed on echoes/bad")
