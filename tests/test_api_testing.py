"""``quizlib.testing``: the contract check catches each kind of broken question type, passes
the built-ins and the documented examples, and its fixtures reach any pytest run."""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from quizlib import (
    Answer,
    AnswerError,
    Deck,
    DeckError,
    Fact,
    Grade,
    Prompt,
    PromptKind,
    Question,
    RegisterQuestionType,
    Response,
    hookimpl,
    question_id,
)
from quizlib.deckfile.load import bundled_decks, load_deck
from quizlib.plugins import PluginHost
from quizlib.testing import ContractError, check_question_type, deck_from_dict, deck_from_yaml, plugin_host
from quizlib.testing_pytest import DeckFactory, HostFactory

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
CARDS = {"cards": [{"id": "c1", "type": "basic", "front": "Capital of France?", "back": "Paris"}]}


@dataclass
class Flawed:
    """A question type reading ``cards`` with one flaw switched on."""

    flaw: str
    name: str = "flawed"
    section: str = "cards"
    description: str = "a question type with a flaw"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        variant = str(random.random())[2:8] if self.flaw == "random id" else ""  # not from rng
        text = f"{fact.get('front')} (Paris?)" if self.flaw == "answer in prompt" else str(fact.get("front"))
        prompt = Prompt(PromptKind.CHOICE, text, choices=("Paris", "Lyon"))
        return [Question(question_id(fact, self.name, variant), self.name, fact, prompt, key={"right": 0})]

    def grade(self, question: Question, response: Response) -> Grade:
        if self.flaw == "crash on bad input":
            return Grade(1.0 if ("Paris", "Lyon")[response] == "Paris" else 0.0, "Paris")  # type: ignore[index]
        if response not in (0, 1):
            raise AnswerError("pick 1 or 2")
        if self.flaw == "score above one":
            return Grade(2.0, "Paris")
        return Grade(1.0 if response == 0 else 0.0, "Paris")

    def answer(self, question: Question) -> Answer:
        return Answer("Paris", choices=("Paris",), values=("Paris",))


@pytest.mark.parametrize(
    ("flaw", "says"),
    [
        ("random id", "other ids or prompts for the same seed"),
        ("answer in prompt", "the answer 'Paris' is in the question's text"),
        ("crash on bad input", "raised IndexError, not AnswerError"),
        ("score above one", "outside [0, 1]"),
    ],
)
def test_the_contract_names_each_flaw(flaw: str, says: str) -> None:
    deck = deck_from_dict(CARDS)
    with pytest.raises(ContractError, match=r"question type 'flawed' breaks the contract") as caught:
        check_question_type(Flawed(flaw), deck)
    assert says in str(caught.value)


def test_a_sound_type_passes_and_its_questions_are_returned() -> None:
    questions = check_question_type(Flawed("none"), deck_from_dict(CARDS))
    assert [q.id for q in questions] == ["cards/c1/flawed"]


@pytest.mark.parametrize(
    "name",
    [
        "agreements",
        "basic",
        "choice",
        "cloze",
        "date_recall",
        "number_recall",
        "timeline",
        "who_said",
        "who_said_typed",
    ],
)
def test_every_built_in_question_type_keeps_the_contract_on_the_bundled_deck(
    host: PluginHost, name: str
) -> None:
    ((_, path),) = bundled_decks()
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    assert check_question_type(host.question_types[name], deck)


def test_decks_from_yaml_or_data_are_validated() -> None:
    deck = deck_from_yaml("quizlib: 1\ndeck: {id: d, title: D}\nevents:\n  - {id: e, date: 2020, text: T.}\n")
    assert deck.facts("events")[0].get("date") == "2020"
    with pytest.raises(DeckError) as caught:
        deck_from_dict({"cards": [{"id": "c", "type": "nonsense"}]})
    assert caught.value.problems[0].line > 1 and "nonsense" in caught.value.problems[0].message


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXAMPLE_DECKS = {
    "truefalse": {"claims": [{"id": "sky", "text": "The sky is green.", "true": False}]},
    "places": {
        "events": [{"id": "truce", "date": "2020-11-10", "text": "A truce was signed."}],
        "places": [{"id": "moscow", "event": "truce", "place": "Moscow", "country": "Russia"}],
    },
}


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.py")), ids=lambda p: p.stem)
def test_documented_example_plugins_keep_the_contract(path: Path) -> None:
    """Compatibility: the plugins in docs/examples (the README's among them) keep working."""
    host = plugin_host(_module(path))
    deck = deck_from_dict(EXAMPLE_DECKS[path.stem], host)
    for qt in host.question_types.values():
        assert check_question_type(qt, deck)


def test_the_pytest_fixtures_are_installed(quizlib_deck: DeckFactory, quizlib_host: HostFactory) -> None:
    class Plugin:
        @hookimpl
        def register_question_types(self, register: RegisterQuestionType) -> None:
            register(Flawed("none"))

    host = quizlib_host(Plugin())
    deck = quizlib_deck(
        "quizlib: 1\ndeck: {id: d, title: D}\ncards: [{id: c, type: basic, front: F, back: B}]\n", host
    )
    assert [q.id for q in check_question_type(host.question_types["flawed"], deck)] == ["cards/c/flawed"]
