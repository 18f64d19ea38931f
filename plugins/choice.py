"""Multiple-choice cards (``cards`` entries with ``type: choice``), one or several right.

With several right options each option is graded: score = (right picks − wrong picks) /
number of right options, at least 0.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from quizlib import (
    MULTI_HINT,
    Answer,
    Deck,
    Fact,
    Field,
    FieldKind,
    Grade,
    Prompt,
    PromptKind,
    Question,
    Response,
    Section,
    grade_picks,
    hookimpl,
    question_id,
)

from . import _teach


def check_choice(entry: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """A choice card needs a question, at least two choices and valid answer indexes."""
    if entry.get("type") != "choice":
        return
    choices = entry.get("choices") or []
    if not entry.get("question"):
        yield "type", "a choice card needs 'question'"
    if len(choices) < 2:
        yield "choices", "a choice card needs at least two choices"
    answer = entry.get("answer") or []
    if not answer:
        yield "answer", "a choice card needs 'answer': the indexes (from 0) of the right choices"
    elif any(not 0 <= i < len(choices) for i in answer):
        yield "answer", f"answer indexes must be between 0 and {len(choices) - 1}"
    elif len(set(answer)) != len(answer) or len(set(choices)) != len(choices):
        yield "answer", "answers and choices must not repeat"


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
        return Answer("; ".join(right), choices=right, values=right)


@hookimpl
def register_sections(register: Any) -> None:
    """Declare the choice-card fields of ``cards``."""
    register(
        Section(
            "cards",
            {
                "type": Field(FieldKind.ENUM, True, "card type", values=("choice",)),
                "question": Field(FieldKind.STR, description="choice: the question"),
                "choices": Field(FieldKind.STR_LIST, description="choice: the options"),
                "answer": Field(
                    FieldKind.INT_LIST, description="choice: indexes (from 0) of the right options"
                ),
                "explain": _teach.EXPLAIN,
            },
            description="free-form cards: basic, choice, cloze",
            check=check_choice,
        )
    )


@hookimpl
def register_question_types(register: Any) -> None:
    """Add multiple choice."""
    register(Choice())
