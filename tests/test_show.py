"""``quizlib show`` (with and without ``--answers``) and ``quizlib check --strict/--questions``:
exit codes and output contracts."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from quizlib import get_plugin_manager
from quizlib.cli import main

#: A small deck on which every built-in question type asks something.
EVERY_TYPE = """\
quizlib: 1
deck: {id: every, title: Every type}
sources: [{id: s, title: S, outlet: O, published: 2024}]
actors:
  - {id: ru, name: Russia, kind: institution}
  - {id: am, name: Armenia, kind: institution}
  - {id: az, name: Azerbaijan, kind: institution}
  - {id: tr, name: Turkey, kind: institution}
  - {id: mz, name: Maria Zakharova, kind: person}
  - {id: np, name: Nikol Pashinyan, kind: person}
  - {id: ag, name: Armen Grigoryan, kind: person}
events:
  - {id: e1, date: 2020-09-27, text: The war began., sources: ["s:p1"]}
  - {id: e2, date: 2021-05, text: Troops crossed the border., sources: ["s:p2"]}
  - {id: e3, date: 2022-12, text: The road was blocked., sources: ["s:p3"]}
  - {id: e4, date: 2023, text: The region was retaken., sources: ["s:p4"]}
quotes:
  - {id: q1, text: No one has the right to insult the peacekeepers here, speaker: mz, sources: ["s:p5"]}
  - {id: q2, text: Armenia will rethink its membership of the alliance soon, speaker: np, sources: ["s:p6"]}
  - {id: q3, text: Our partners must answer for every broken promise, speaker: ag, sources: ["s:p6"]}
figures:
  - {id: f1, value: 90, unit: vehicles, counts: armored vehicles of the mission, sources: ["s:p7"]}
agreements:
  - id: a1
    name: the truce
    date: 2020-11-10
    parties: [ru, am, az]
    terms: [{id: years, text: how long the mission lasts, value: 5, unit: years}]
    sources: ["s:p8"]
cards:
  - {id: c1, type: basic, front: Capital of France?, back: Paris, accept: [Paree], sources: ["s:p9"]}
  - {id: c2, type: choice, question: Which is a river?, choices: [Rhine, Alps, Sahara], answer: [0]}
  - {id: c3, type: choice, question: Which are rivers?, choices: [Rhine, Alps, Nile], answer: [0, 2]}
  - {id: c4, type: cloze, text: "The {{Lachin corridor}} linked the region to Armenia.", sources: ["s:p9"]}
"""


@pytest.fixture
def every(write_deck: Callable[..., Path]) -> Path:
    return write_deck(EVERY_TYPE)


def show_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["show", *args, "--json"]) == 0
    payload: dict[str, object] = json.loads(capsys.readouterr().out)
    return payload


def test_json_without_answers_keeps_its_shape_and_leaks_no_key(
    every: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = show_json(capsys, str(every))
    assert set(payload) == {"deck", "questions"}
    questions = payload["questions"]
    assert isinstance(questions, list) and questions
    for q in questions:
        assert set(q) == {"id", "type", "fact", "tags", "prompt"}


def test_json_with_answers_has_an_answer_for_every_builtin_type(
    every: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = show_json(capsys, str(every), "--answers")
    questions = payload["questions"]
    assert isinstance(questions, list)
    assert {q["type"] for q in questions} == set(get_plugin_manager(entry_points=False).question_types)
    for q in questions:
        assert set(q) == {"id", "type", "fact", "tags", "prompt", "answer", "accepted"}, q["id"]
        assert q["answer"], q["id"]
        assert isinstance(q["accepted"], list)
        if q["prompt"]["kind"] in ("choice", "multi"):
            assert isinstance(q["answer"], list) and set(q["answer"]) <= set(q["prompt"]["choices"])
        else:
            assert isinstance(q["answer"], str)
    by_id = {q["id"]: q for q in questions}
    assert by_id["cards/c3/choice"]["answer"] == ["Rhine", "Nile"] or set(
        by_id["cards/c3/choice"]["answer"]
    ) == {
        "Rhine",
        "Nile",
    }
    assert by_id["agreements/a1/agreements/date"]["answer"] == "10 November 2020"
    assert by_id["cards/c4/cloze/lachin-corridor"]["answer"] == "Lachin corridor"
    assert set(by_id["agreements/a1/agreements/parties"]["answer"]) == {"Russia", "Armenia", "Azerbaijan"}


def test_text_lists_every_question_and_answers_only_when_asked(
    every: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [q["id"] for q in show_json(capsys, str(every))["questions"]]  # type: ignore[union-attr]
    assert main(["show", str(every)]) == 0
    out = capsys.readouterr().out
    assert f"{len(ids)} questions" in out
    for qid in ids:
        assert qid in out
    assert "answer:" not in out
    assert "    1. Rhine" in out or "    2. Rhine" in out or "    3. Rhine" in out  # numbered choices
    assert main(["show", str(every), "--answers"]) == 0
    out = capsys.readouterr().out
    assert out.count("  answer: ") == len(ids)
    assert "  answer: Paris" in out


def test_show_of_a_broken_deck_exits_1_without_traceback(
    write_deck: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_deck("quizlib: 1\ndeck: {id: d}\n")
    assert main(["show", str(path), "--answers"]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "Traceback" not in err


SILENT_TYPE = """\
from quizlib import Prompt, PromptKind, Question, hookimpl, question_id


class Silent:
    name = "silent"
    section = "cards"
    description = "cannot tell its answer"

    def generate(self, fact, deck, rng):
        prompt = Prompt(PromptKind.TEXT, "Anything?")
        return [Question(question_id(fact, self.name), self.name, fact, prompt)]

    def grade(self, question, response):
        raise RuntimeError("no key")


@hookimpl
def register_question_types(register):
    register(Silent())
"""


def test_answers_of_a_type_that_cannot_tell(
    every: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "plug").mkdir()
    (tmp_path / "plug" / "silent.py").write_text(SILENT_TYPE)
    plugins = ["--plugins-dir", str(tmp_path / "plug")]
    payload = show_json(capsys, *plugins, str(every), "--answers")
    silent = [q for q in payload["questions"] if q["type"] == "silent"]  # type: ignore[union-attr]
    assert silent and all(q["answer"] is None and q["accepted"] == [] for q in silent)
    assert main(["show", *plugins, str(every), "--answers"]) == 0
    assert "  answer: (the question type cannot tell)" in capsys.readouterr().out


STATED_TYPE = """\
from quizlib import Answer, Prompt, PromptKind, Question, hookimpl, question_id


class Stated:
    name = "stated"
    section = "cards"
    description = "states its answer"

    def generate(self, fact, deck, rng):
        prompt = Prompt(PromptKind.TEXT, "Capital?")
        return [Question(question_id(fact, self.name), self.name, fact, prompt)]

    def grade(self, question, response):
        raise RuntimeError("not needed")

    def answer(self, question):
        return Answer("Stepanakert", accepted=("also: Khankendi",), values=("Stepanakert",))


@hookimpl
def register_question_types(register):
    register(Stated())
"""


def test_answers_show_what_else_counts_as_right(
    every: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "plug").mkdir()
    (tmp_path / "plug" / "stated.py").write_text(STATED_TYPE)
    plugins = ["--plugins-dir", str(tmp_path / "plug")]
    payload = show_json(capsys, *plugins, str(every), "--answers")
    stated = [q for q in payload["questions"] if q["type"] == "stated"]  # type: ignore[union-attr]
    assert stated and all(
        q["answer"] == "Stepanakert" and q["accepted"] == ["also: Khankendi"] for q in stated
    )
    assert main(["show", *plugins, str(every), "--answers"]) == 0
    assert "  answer: Stepanakert\n  accepted: also: Khankendi\n" in capsys.readouterr().out


# --- check --strict and --questions, with the test-only probe type ----------------------

PROBES = """\
quizlib: 1
deck: {id: p, title: P}
sources: [{id: s, title: S}]
probes:
  - {id: fair, kind: date, text: The Karabakh war began., date: 2020-09-27, hint: a date, sources: ["s:p1"]}
"""
FLAWED = '  - {id: leak, kind: date, text: The truce., date: 2020-11, hint: "e.g. 10 November 2020"}\n'


@pytest.fixture
def probe_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    shutil.copy(Path(__file__).with_name("lint_probe.py"), folder / "lint_probe.py")
    return folder


def test_strict_reports_question_flaws_located_and_exits_1(
    write_deck: Callable[..., Path], probe_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fair = write_deck(PROBES, "fair.yaml")
    flawed = write_deck(PROBES + FLAWED, "flawed.yaml")
    plugins = ["--plugins-dir", str(probe_dir)]
    assert main(["check", *plugins, "--strict", str(fair)]) == 0
    capsys.readouterr()
    assert main(["check", *plugins, str(flawed)]) == 0  # plain check: valid is valid
    out, err = capsys.readouterr()
    assert out == f"{flawed}: ok (2 facts, 2 questions)\n" and err == ""
    assert main(["check", *plugins, "--strict", str(flawed)]) == 1
    err = capsys.readouterr().err
    message = 'probes/leak/probe: answer in hint: the example "10 November 2020" is the answer'
    assert f"{flawed}:6:1: warning: {message}" in err.splitlines()


def test_questions_view_lists_answers_and_flaws(
    write_deck: Callable[..., Path], probe_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plugins = ["--plugins-dir", str(probe_dir)]
    assert main(["check", *plugins, "--questions", str(write_deck(PROBES, "fair.yaml"))]) == 0
    out = capsys.readouterr().out
    assert "probes/fair/probe  [probe]" in out and "  answer: 27 September 2020" in out and "FLAW" not in out
    assert main(["check", *plugins, "--questions", str(write_deck(PROBES + FLAWED, "flawed.yaml"))]) == 1
    out = capsys.readouterr().out
    assert "  answer: November 2020" in out
    assert '  FLAW answer in hint: the example "10 November 2020" is the answer' in out
    assert "2 questions, 1 with flaws: 1 answer in hint" in out


def test_check_help_explains_strict_and_questions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    for words in ("--strict", "--questions", "answer in hint", "duplicate", "implausible distractor"):
        assert words in out
