"""The question lint with third-party question types: the report's shape, types that state
their answers (``Answer.values``), and types that fail."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from lint_helpers import HEAD, P, flaws, probe_host, write_probes

from quizlib import Answer, Deck, Question, hookimpl, load_deck
from quizlib.questionlint.lint import find_flaws, lint_questions
from quizlib.study.questions import generate_questions


def test_problems_are_located_at_the_fact(tmp_path: Path) -> None:
    host = probe_host()
    path = write_probes(tmp_path, [P("d", "date", text="x", date="2020", hint="e.g. 2020")])
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    questions = generate_questions(deck, host, random.Random(0)).questions
    (problem,) = lint_questions(deck, questions, host)
    line = HEAD.count("\n") + 1
    message = 'probes/d/probe: answer in hint: the example "2020" is the answer'
    assert str(problem) == f"{path}:{line}:1: {message}"


class Stated:
    """A type that states its answer, with plain forms the prompt must not contain."""

    name = "stated"
    section = "probes"
    description = "states its answer"

    def generate(self, fact: Any, deck: Deck, rng: random.Random) -> list[Question]:
        from quizlib import Prompt, PromptKind, question_id

        prompt = Prompt(PromptKind.TEXT, str(fact.get("ask") or fact.get("text")))
        return [Question(question_id(fact, self.name), self.name, fact, prompt)]

    def grade(self, question: Question, response: Any) -> Any:
        raise AssertionError("the lint asks answer() instead of grading")

    def answer(self, question: Question) -> Answer:
        return Answer(
            str(question.fact.get("answer")), values=(str(question.fact.get("answer")), "Stepanakert")
        )


class StatedPlugin:
    @hookimpl
    def register_question_types(self, register: Any) -> None:
        register(Stated())


def test_a_type_that_states_its_answer(tmp_path: Path) -> None:
    host = probe_host(s=StatedPlugin())
    ask = "Which city is Stepanakert also called?"
    path = write_probes(tmp_path, [P("c", "text", text="x", ask=ask, answer="Khankendi")])
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    questions = generate_questions(deck, host, random.Random(0)).questions
    messages = [f.message for f in find_flaws(deck, questions, host)]
    assert 'probes/c/stated: answer in question: the question contains the answer "Stepanakert"' in messages


class StatedHint(Stated):
    """A type whose grading cannot read its hint, but whose answer lists its plain forms."""

    name = "stated_hint"

    def generate(self, fact: Any, deck: Deck, rng: random.Random) -> list[Question]:
        from quizlib import Prompt, PromptKind, question_id

        prompt = Prompt(PromptKind.TEXT, "Which city?", hint=str(fact.get("hint", "")))
        return [Question(question_id(fact, self.name), self.name, fact, prompt)]


class StatedHintPlugin:
    @hookimpl
    def register_question_types(self, register: Any) -> None:
        register(StatedHint())


@pytest.mark.parametrize(
    ("hint", "flagged"), [("a city, e.g. Stepanakert", True), ("a city, e.g. Goris", False)]
)
def test_a_hint_holding_a_stated_answer_form(tmp_path: Path, hint: str, flagged: bool) -> None:
    host = probe_host(s=StatedHintPlugin())
    path = write_probes(tmp_path, [P("c", "text", text="x", answer="Khankendi", hint=hint)])
    messages = flaws(host, path)
    found = 'probes/c/stated_hint: answer in hint: the hint contains the answer "Stepanakert"' in messages
    assert found is flagged


class Broken(Stated):
    """A third-party type whose every method fails: the lint reports nothing and goes on."""

    name = "broken"

    def grade(self, question: Question, response: Any) -> Any:
        raise RuntimeError("grading is broken")

    def answer(self, question: Question) -> Answer:
        raise RuntimeError("answer is broken")


class BrokenPlugin:
    @hookimpl
    def register_question_types(self, register: Any) -> None:
        register(Broken())


def test_a_broken_type_does_not_stop_the_lint(tmp_path: Path) -> None:
    host = probe_host(b=BrokenPlugin())
    path = write_probes(tmp_path, [P("d", "date", text="x", date="2020", hint="e.g. 2020")])
    messages = flaws(host, path)
    assert messages == ['probes/d/probe: answer in hint: the example "2020" is the answer']
