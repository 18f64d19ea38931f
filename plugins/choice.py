"""Multiple-choice cards (``cards`` entries with ``type: choice``), one or several right.

With several right options each option is graded: score = (right picks − wrong picks) /
number of right options, at least 0.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from quizlib import (
    MULTI_HINT,
    Answer,
    Deck,
    Fact,
    Grade,
    Prompt,
    PromptKind,
    Question,
    RegisterQuestionType,
    Response,
    grade_picks,
    hookimpl,
    question_id,
)

from . import _teach


class Choice:
    """Pick the right option(s)."""

    name = "choice"
    section = "cards"
    description = "multiple choice card (one or several right)"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One question per choice card, options shuffled."""
        if fact.get("type") != "choice":
            return []
        choices = list(fact.get("choices"))
        order = list(range(len(choices)))
        rng.shuffle(order)
        right = sorted(order.index(i) for i in fact.get("answer"))
        kind = PromptKind.MULTI if len(right) > 1 else PromptKind.CHOICE
        hint = MULTI_HINT if kind is PromptKind.MULTI else "one option"
        prompt = Prompt(kind, str(fact.get("question")), choices=tuple(choices[i] for i in order), hint=hint)
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key={"right": right})]

    def grade(self, question: Question, response: Response) -> Grade:
        """Per-option grading for several right answers; right or wrong otherwise."""
        choices = question.prompt.choices
        right: list[int] = question.key["right"]
        score = grade_picks(response, right, len(choices))
        return Grade(score, self.answer(question).text, feedback=_teach.explanation(question.fact))

    def answer(self, question: Question) -> Answer:
        """The right option(s), as shown."""
        right = tuple(question.prompt.choices[i] for i in question.key["right"])
        return Answer("; ".join(right), choices=right, values=right, detail=_teach.explanation(question.fact))


@hookimpl
def register_question_types(register: RegisterQuestionType) -> None:
    """Add multiple choice."""
    register(Choice())
