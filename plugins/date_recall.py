"""Date recall: "When did … ?" at the precision the event's date has.

Reads ``events``. Partial credit follows :func:`quizlib.grade_date`; a date another
source gives (a recorded conflict) also counts as right.
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
    PartialDate,
    Precision,
    Prompt,
    PromptKind,
    Question,
    Response,
    Section,
    grade_date,
    hookimpl,
    parse_date_answer,
    question_id,
)

_ASK = {
    Precision.YEAR: "the year",
    Precision.MONTH: "the month and year",
    Precision.DAY: "the day, month and year",
}


class DateRecall:
    """When did it happen?"""

    name = "date_recall"
    section = "events"
    description = "recall when an event happened"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One question per event."""
        date = fact.date()
        if date is None:
            return []
        text = str(fact.get("question") or f"When did this happen? {fact.get('text')}")
        prompt = Prompt(
            PromptKind.DATE, text, hint=f"{_ASK[date.precision]}, e.g. {PartialDate(2023, 9, 19).human()}"
        )
        also = [str(c.value) for c in fact.conflicts if c.field == "date"]
        key = {"date": date.iso(), "also": also, "cite": deck.cite(fact.sources)}
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Score the date; AnswerError when it is not a date."""
        answer = parse_date_answer(str(response))
        truth = PartialDate.parse(question.key["date"])
        also = [PartialDate.parse(d) for d in question.key.get("also", [])]
        score = grade_date(answer, truth, also)
        feedback = f"{question.fact.get('text')}"
        if also:
            others = ", ".join(d.human() for d in also)
            feedback += f"\nSources disagree: also given as {others}; either counts as right."
        return Grade(score, correct_answer=truth.human(), feedback=feedback)


@hookimpl
def register_sections(register: Any) -> None:
    """Declare the ``events`` fields date recall reads."""
    register(
        Section(
            "events",
            {
                "date": Field(FieldKind.DATE, True, "when it happened: YYYY, YYYY-MM or YYYY-MM-DD"),
                "text": Field(FieldKind.STR, True, "what happened, in the past tense"),
                "question": Field(FieldKind.STR, description="how to ask for the date (date recall)"),
            },
            description="dated events",
        )
    )


@hookimpl
def register_question_types(register: Any) -> None:
    """Add date recall."""
    register(DateRecall())
