"""A question type that never returns (an endless loop) is stopped after the time limit,
reported as its fault and not called again: the command and the session go on."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from plugin_fault_helpers import deck_file, plugin_dir, run

from quizlib import Answer, Grade, Prompt, PromptKind, Question
from quizlib.plugin_guard import DEFAULT_TIME_LIMIT, PluginTimeout, guarded, time_limit
from quizlib.store.store import Store
from quizlib.study.questions import answer_of
from quizlib.testing import deck_from_dict

#: Short enough for a test, long enough that a loaded machine does not stop a sound call.
LIMIT = "0.2"


@pytest.fixture(autouse=True)
def _short_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZLIB_PLUGIN_TIMEOUT", LIMIT)


def test_an_endless_generate_is_stopped_once_and_the_command_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plugins = plugin_dir(tmp_path, 'while where == "generate": pass')
    deck = deck_file(tmp_path)
    code, _, err = run(capsys, "show", str(deck), "--plugins-dir", str(plugins))
    assert code == 0
    warnings = [line for line in err.splitlines() if "question type 'echo'" in line]
    assert len(warnings) == 2  # one per fact: the first stopped, the second not run at all
    assert "echoes/one: took longer than 0.2 s" in warnings[0]
    assert "echoes/bad: not run: an earlier call took longer" in warnings[1]


def test_an_endless_grade_skips_the_question_and_the_session_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins = plugin_dir(tmp_path, 'while where == "grade" and names["question"].fact.id == "bad": pass')
    db = tmp_path / "q.db"
    monkeypatch.setattr("sys.stdin", io.StringIO("war\npeace\n\npeace\n\n"))
    deck = deck_file(tmp_path)
    argv = ["study", str(deck), "--plain", "--db", str(db), "--plugins-dir", str(plugins), "--seed", "1"]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert "Skipped: question type 'echo' failed to grade: took longer than 0.2 s" in out
    store = Store.open(db)
    try:
        assert store.reviewed_ids("echoes") == {"echoes/one/echo"}
    finally:
        store.close()


def test_an_endless_section_check_is_a_located_error_in_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plugins = plugin_dir(tmp_path, 'while where == "check": pass')
    deck = deck_file(tmp_path)
    code, _, err = run(capsys, "check", str(deck), "--plugins-dir", str(plugins))
    assert code == 1
    assert f"{deck}:4:5: " in err and "plugin 'echo'" in err and "took longer than 0.2 s" in err


def _swallowing_loop() -> None:
    for _ in itertools.count():
        try:
            pass
        except Exception:  # what a careless plugin does: the timeout must get through it
            continue


def test_the_timeout_gets_through_a_plugins_own_except_exception() -> None:
    outcome = guarded(_swallowing_loop, 0.05)
    assert isinstance(outcome.error, PluginTimeout)
    assert guarded(lambda: 1, 0.05).value == 1  # a call that returns in time is untouched


class Endless:
    name, section, description = "endless", "cards", "an answer() that never returns"

    def generate(self, fact: object, deck: object, rng: object) -> list[Question]:
        return []

    def grade(self, question: Question, response: object) -> Grade:
        return Grade(1.0, "x")

    def answer(self, question: Question) -> Answer:
        while True:
            pass


def test_an_endless_answer_stays_unknown_and_is_not_asked_again() -> None:
    deck = deck_from_dict({"cards": [{"id": "c", "type": "basic", "front": "F", "back": "B"}]})
    question = Question("cards/c/endless", "endless", deck.facts("cards")[0], Prompt(PromptKind.TEXT, "F"))
    qt = Endless()
    assert answer_of(qt, question) is None
    assert answer_of(qt, question) is None  # not asked again: no second wait


@pytest.mark.parametrize(
    ("value", "limit"),
    [("", DEFAULT_TIME_LIMIT), ("2.5", 2.5), ("0", None), ("off", None), ("soon", DEFAULT_TIME_LIMIT)],
)
def test_the_limit_is_read_from_the_environment(value: str, limit: float | None) -> None:
    assert time_limit({"QUIZLIB_PLUGIN_TIMEOUT": value}) == limit
