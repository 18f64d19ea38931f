"""``QuestionType.answer()``: what the export puts on a card's back, without probing graders."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from quizlib import (
    Answer,
    Deck,
    Fact,
    Field,
    FieldKind,
    Grade,
    Prompt,
    PromptKind,
    Question,
    RegisterQuestionType,
    RegisterSection,
    Response,
    Section,
    hookimpl,
    load_deck,
    question_id,
)
from quizlib.exchange.anki import NO_ANSWER_TEXT, html_to_text, to_card
from quizlib.plugins import PluginHost, get_plugin_manager
from quizlib.study.questions import generate_questions


class Guess:
    """A question type without ``answer()`` whose grader must never be called by the export."""

    name = "guess"
    section = "guesses"
    description = "guess the word"

    def __init__(self, answer: str | None = None) -> None:
        if answer is not None:
            self.answer = lambda question: answer  # a plain str is the answer's text

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        prompt = Prompt(PromptKind.TEXT, f"Guess {fact.id}")
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key={"word": "w"})]

    def grade(self, question: Question, response: Response) -> Grade:
        raise AssertionError("the export graded a made-up answer")


def guess_host(qt: Guess) -> PluginHost:
    class Plugin:
        @hookimpl
        def register_sections(self, register: RegisterSection) -> None:
            register(Section("guesses", {"word": Field(FieldKind.STR, True)}))

        @hookimpl
        def register_question_types(self, register: RegisterQuestionType) -> None:
            register(qt)

    return get_plugin_manager(builtins=False, entry_points=False, extra={"guess": Plugin()})


def guess_question() -> tuple[Question, Deck]:
    fact = Fact("guesses", "one", {"word": "w"})
    deck = Deck("d", "D", sections={"guesses": (fact,)})
    return Guess().generate(fact, deck, random.Random(0))[0], deck


def test_a_type_without_answer_exports_the_marker_and_is_never_graded() -> None:
    question, deck = guess_question()
    card = to_card(question, deck, guess_host(Guess()))
    assert html_to_text(card.back) == NO_ANSWER_TEXT


def test_an_answer_given_as_text_is_the_back() -> None:
    question, deck = guess_question()
    card = to_card(question, deck, guess_host(Guess(answer="the word")))
    assert html_to_text(card.back) == "the word"


DECK = """\
quizlib: 1
deck: {id: d, title: D}
sources: [{id: s, title: S}]
actors:
  - {id: arm, name: Armenia, kind: institution}
  - {id: aze, name: Azerbaijan, kind: institution}
  - {id: rus, name: Russia, kind: institution}
  - {id: geo, name: Georgia, kind: institution}
  - {id: tur, name: Turkey, kind: institution}
agreements:
  - id: truce
    name: the truce
    date: 2020-11-10
    parties: [arm, aze]
    mediators: [rus]
    terms: [{id: troops, text: peacekeepers, value: 1960, unit: troops}]
    sources: [s]
cards:
  - {id: b, type: basic, front: Capital of France?, back: Paris, explain: The seat., sources: [s]}
"""


@pytest.fixture
def deck(tmp_path: Path, host: PluginHost) -> Deck:
    path = tmp_path / "deck.yaml"
    path.write_text(DECK, encoding="utf-8")
    return load_deck(path, sections=host.sections, cache_dir=None)


def test_agreement_questions_grade_by_their_key_not_their_id(deck: Deck, host: PluginHost) -> None:
    questions = generate_questions(deck, host, random.Random(1), types=["agreements"]).questions
    assert {q.key["variant"] for q in questions} >= {"date", "term"}
    qt = host.question_types["agreements"]
    for q in questions:
        renamed = replace(q, id=f"{q.id}/renamed")
        assert qt.grade(renamed, right_response(q, qt.answer(q))).score == 1.0  # type: ignore[attr-defined]


def right_response(question: Question, answer: Answer) -> Response:
    """The response that picks or types the given answer."""
    choices = question.prompt.choices
    if question.prompt.kind is PromptKind.CHOICE:
        return choices.index(answer.choices[0])
    if question.prompt.kind is PromptKind.MULTI:
        return tuple(sorted(choices.index(c) for c in answer.choices))
    return answer.values[0]


def test_every_built_in_answer_gets_full_marks_and_a_card_back(deck: Deck, host: PluginHost) -> None:
    for q in generate_questions(deck, host, random.Random(2)).questions:
        answer = host.question_types[q.type].answer(q)  # type: ignore[attr-defined]
        assert answer.text and answer.text in html_to_text(to_card(q, deck, host).back)
    basic = next(q for q in generate_questions(deck, host, random.Random(2)).questions if q.type == "basic")
    assert "The seat." in html_to_text(to_card(basic, deck, host).back)
