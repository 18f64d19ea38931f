"""Suggested ratings judge partial credit above each prompt's guessing floor."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest

from quizlib.model import Deck, Fact, Grade, Prompt, PromptKind, Rating
from quizlib.plugins import PluginHost
from quizlib.srs.rating import chance_corrected, default_rating, guessing_floor


def test_a_random_4_item_order_is_rarely_rated_hard(host: PluginHost) -> None:
    facts = tuple(Fact("events", f"e{i}", {"date": f"19{i}0-01-01", "text": f"event {i}"}) for i in range(4))
    deck = Deck("t", "T", settings={"timeline_k": 3}, sections={"events": facts})
    timeline = host.question_types["timeline"]
    (question,) = timeline.generate(facts[0], deck, random.Random(0))
    assert len(question.prompt.items) == 4
    suggested: Counter[Rating] = Counter()
    for order in itertools.permutations(range(4)):
        grade = timeline.grade(question, order)
        rating = host.suggest_rating(question, grade)
        suggested[rating] += 1
        # Above chance: pairs right 1 → Good, 5/6 → Hard, 4/6 or fewer (chance is 3/6) → Again.
        expected = Rating.GOOD if grade.score == 1 else Rating.HARD if grade.score > 0.8 else Rating.AGAIN
        assert rating == expected, (order, grade.score)
    # A learner who guesses gets Hard for 3 of the 24 orders (it was 14 of 24 before).
    assert suggested == {Rating.GOOD: 1, Rating.HARD: 3, Rating.AGAIN: 20}


def test_floors_by_prompt_kind() -> None:
    assert guessing_floor(Prompt(PromptKind.CHOICE, "?", choices=("a", "b", "c", "d"))) == 0.25
    assert guessing_floor(Prompt(PromptKind.ORDER, "?", items=("a", "b", "c"))) == 0.5
    assert guessing_floor(Prompt(PromptKind.TEXT, "?")) == 0.0
    assert guessing_floor(Prompt(PromptKind.CHOICE, "?")) == 0.0  # no choices: nothing to guess


@pytest.mark.parametrize(
    ("score", "floor", "corrected"),
    [(1.0, 0.5, 1.0), (0.75, 0.5, 0.5), (0.5, 0.5, 0.0), (0.2, 0.5, 0.0), (0.6, 0.0, 0.6), (1.0, 1 / 3, 1.0)],
)
def test_chance_corrected(score: float, floor: float, corrected: float) -> None:
    assert chance_corrected(score, floor) == pytest.approx(corrected)


def test_scores_of_0_or_1_and_typed_answers_keep_their_rating() -> None:
    for floor in (0.0, 0.25, 0.5):
        assert default_rating(Grade(1.0, "x"), floor=floor) is Rating.GOOD
        assert default_rating(Grade(0.0, "x"), floor=floor) is Rating.AGAIN
    assert default_rating(Grade(0.5, "x")) is Rating.HARD  # no floor: unchanged
    assert default_rating(Grade(0.5, "x", self_rated=True), floor=0.5) is Rating.GOOD
