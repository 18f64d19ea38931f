"""Number recall: "How many … ?" graded with the figure's tolerance and qualifier.

Reads ``figures``. The rule is :func:`quizlib.grade_number`: right inside the accepted
range, partial credit close to it; values other sources give (conflicts) also count.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from quizlib import (
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
    grade_number_text,
    hookimpl,
    question_id,
)

FIGURES = Section(
    "figures",
    {
        "value": Field(FieldKind.NUMBER, True, "the number"),
        "unit": Field(FieldKind.STR, True, "what it is measured in: troops, people, years ..."),
        "counts": Field(FieldKind.STR, True, "what the number counts"),
        "qualifier": Field(FieldKind.STR, description="the source's hedge: over, nearly, an estimated ..."),
        "question": Field(FieldKind.STR, description="how to ask for it"),
        "tolerance": Field(
            FieldKind.TOLERANCE, description="absolute (50), relative (10%) or a range [lo, hi]"
        ),
        "date": Field(FieldKind.DATE, description="when the figure applied"),
        "actors": Field(FieldKind.ACTOR_LIST, description="who gives the figure, when it is attributed"),
    },
    description="numbers worth remembering",
)


def ask(fact: Fact) -> str:
    """The question text: the figure's own, or built from what it counts."""
    if fact.get("question"):
        return str(fact.get("question"))
    unit, counts = str(fact.get("unit")), str(fact.get("counts"))
    if counts.lower().startswith(unit.lower()):
        return f"How many {counts}?"
    return f"How many {unit}? ({counts})"


class NumberRecall:
    """How many?"""

    name = "number_recall"
    section = "figures"
    description = "recall a number"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One question per figure."""
        prompt = Prompt(
            PromptKind.NUMBER, ask(fact), hint=f"a number of {fact.get('unit')}, e.g. 2,000 or 2k"
        )
        key = {
            "value": fact.get("value"),
            "tolerance": fact.get("tolerance"),
            "qualifier": fact.get("qualifier", ""),
            "also": [c.value for c in fact.conflicts if c.field == "value"],
        }
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Score the number; AnswerError when it is not a number."""
        k = question.key
        grade = grade_number_text(
            str(response), float(k["value"]), k["tolerance"], str(k["qualifier"]), k["also"]
        )
        return Grade(grade.score, f"{grade.correct_answer} {question.fact.get('unit')}", grade.feedback)


@hookimpl
def register_sections(register: Any) -> None:
    """Declare ``figures``."""
    register(FIGURES)


@hookimpl
def register_question_types(register: Any) -> None:
    """Add number recall."""
    register(NumberRecall())
