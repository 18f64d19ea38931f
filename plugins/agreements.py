"""Agreements: who the parties were, when it was agreed, and its numeric terms.

Reads ``agreements``. Parties are "choose all that apply", graded per option like choice
cards; the date and the terms are graded like date recall and number recall.
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
    Prompt,
    PromptKind,
    Question,
    Response,
    Section,
    grade_date,
    grade_number_text,
    grade_picks,
    hookimpl,
    parse_date_answer,
    question_id,
)

AGREEMENTS = Section(
    "agreements",
    {
        "name": Field(FieldKind.STR, True, "the agreement, e.g. 'the November 2020 ceasefire statement'"),
        "date": Field(FieldKind.DATE, True, "when it was agreed"),
        "parties": Field(FieldKind.ACTOR_LIST, True, "actor ids of the parties"),
        "terms": Field(
            FieldKind.RECORDS,
            description="terms: id, text, and optionally value and unit (asked as numbers)",
            fields=(
                ("text", Field(FieldKind.STR, True, "what the term says")),
                ("value", Field(FieldKind.NUMBER, description="a number in the term")),
                ("unit", Field(FieldKind.STR, description="the number's unit")),
                ("question", Field(FieldKind.STR, description="how to ask for the number")),
            ),
        ),
    },
    description="agreements and arrangements",
)


class Agreements:
    """Parties, date and terms of agreements."""

    name = "agreements"
    section = "agreements"
    description = "parties, date and terms of an agreement"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """A parties question, a date question, and one per numeric term."""
        name = str(fact.get("name"))
        out = []
        parties = [p for p in fact.get("parties", []) if p in deck.actors]
        others = [a for a in deck.actors.values() if a.id not in parties]
        rng.shuffle(others)
        others.sort(key=lambda a: a.kind != "institution")  # countries and bodies make the best decoys
        options = parties + [a.id for a in others[: max(2, 5 - len(parties))]]
        rng.shuffle(options)
        if len(options) > len(parties):
            prompt = Prompt(
                PromptKind.MULTI,
                f"Who were the parties to {name}?",
                choices=tuple(deck.actors[a].name for a in options),
                hint="all that apply, e.g. 1 3",
            )
            key = {"right": sorted(options.index(p) for p in parties)}
            out.append(Question(question_id(fact, self.name, "parties"), self.name, fact, prompt, key=key))
        date = fact.date()
        if date is not None:
            prompt = Prompt(PromptKind.DATE, f"When was {name} agreed?", hint="a date, e.g. 10 November 2020")
            also = [str(c.value) for c in fact.conflicts if c.field == "date"]
            out.append(
                Question(
                    question_id(fact, self.name, "date"),
                    self.name,
                    fact,
                    prompt,
                    key={"date": date.iso(), "also": also},
                )
            )
        for term in fact.get("terms", []):
            if "value" in term:
                text = f"Under {name}: {term['text']}? ({term.get('unit', 'number')})"
                prompt = Prompt(PromptKind.NUMBER, text, hint="a number")
                key = {"value": term["value"], "unit": term.get("unit", "")}
                variant = f"term-{term['id']}"
                out.append(Question(question_id(fact, self.name, variant), self.name, fact, prompt, key=key))
        return out

    def grade(self, question: Question, response: Response) -> Grade:
        """Grade by variant: parties per option, date like date recall, terms like number recall."""
        variant = question.id.rsplit("/", 1)[1]
        if variant == "parties":
            choices = question.prompt.choices
            right: list[int] = question.key["right"]
            score = grade_picks(response, right, len(choices))
            return Grade(score, correct_answer="; ".join(choices[i] for i in sorted(right)))
        if variant == "date":
            truth = PartialDate.parse(question.key["date"])
            also = [PartialDate.parse(d) for d in question.key["also"]]
            return Grade(
                grade_date(parse_date_answer(str(response)), truth, also), correct_answer=truth.human()
            )
        grade = grade_number_text(str(response), float(question.key["value"]))
        return Grade(grade.score, f"{grade.correct_answer} {question.key['unit']}".strip(), grade.feedback)


@hookimpl
def register_sections(register: Any) -> None:
    """Declare ``agreements``."""
    register(AGREEMENTS)


@hookimpl
def register_question_types(register: Any) -> None:
    """Add agreement questions."""
    register(Agreements())
