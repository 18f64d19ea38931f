"""Number recall: "What was the number of … ?" graded with the figure's tolerance and qualifier.

Reads ``figures``. The rule is :func:`quizlib.grade_number`: right inside the accepted
range, partial credit close to it; values other sources give (conflicts) also count.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

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
    Response,
    Section,
    accepted_range,
    format_number,
    grade_number,
    hookimpl,
    parse_number,
    question_id,
)

from . import _teach

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


#: Nouns that name a measure of something rather than the things counted: "the length of
#: the war" is asked "What was the length of the war, in weeks?", not "the number of ...".
_MEASURES = (
    "length", "duration", "size", "total", "amount", "cost", "distance", "area", "population",
    "share", "percentage", "proportion", "rate", "height", "depth", "weight", "age", "price",
    "value", "sum", "budget", "toll", "strength",
)  # fmt: skip


def _counts(fact: Fact) -> str:
    return str(fact.get("counts")).strip().rstrip(".?!")


def _measure(counts: str) -> bool:
    first = counts.lower().removeprefix("the ").split(" ", 1)[0]
    return first in _MEASURES or counts.lower().startswith(("number of", "the number of"))


def ask(fact: Fact) -> str:
    """The question text: the figure's own, or built from what it counts.

    ``counts`` is a noun phrase ("people who died in the explosion", "troops in the
    mission", "length of the blockade"); "What was the number of …?" is grammatical for any
    plural noun phrase, and a measure ("length of …") is asked for in its unit instead.
    """
    if fact.get("question"):
        return str(fact.get("question"))
    counts = _counts(fact)
    if counts.lower().startswith(("number of", "the number of")):
        return f"What was the {counts.removeprefix('the ')}?"
    if _measure(counts):
        return f"What was the {counts.removeprefix('the ')}, in {fact.get('unit')}?"
    return f"What was the number of {counts}?"


def _stated(fact: Fact) -> str:
    return f"{fact.get('qualifier') or ''} {format_number(float(fact.get('value')))}".strip()


def teach(fact: Fact, deck: Deck) -> str:
    """What the figure is, with the source's hedge, its date and who gives it.

    "According to A (role), allegedly 5 people killed in … (as of …)." Built only from the
    fact's fields, so the hedge (qualifier, "according to" in ``counts``, the actors) is
    never lost: the feedback must not turn one person's claim into the source's own.
    """
    counts, stated = _counts(fact), _stated(fact)
    if _measure(counts):
        phrase = f"the {counts.removeprefix('the ')}: {stated} {fact.get('unit')}"
    else:
        phrase = f"{stated} {counts}"
    phrase += _teach.dated(fact)
    actors = list(fact.get("actors") or [])
    names = _teach.actor_names(deck, actors)
    if actors and ("according to" in counts.lower() or _teach.names_actor(deck, counts, actors)):
        # The phrase attributes it already ("…, according to Grigoryan"): add who that is.
        return f"{phrase[0].upper()}{phrase[1:]}. Figure given by {names}."
    if actors:
        phrase = f"according to {names}, {phrase}"
    return phrase[0].upper() + phrase[1:] + "."


def _accepted(low: float, high: float) -> str:
    low_text, high_text = format_number(low), format_number(high)
    return f"exactly {low_text}" if low_text == high_text else f"{low_text} to {high_text}"


class NumberRecall:
    """How many?"""

    name = "number_recall"
    section = "figures"
    description = "recall a number"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One question per figure."""
        unit = str(fact.get("unit"))
        hint = f"a number of {unit}, e.g. {_teach.number_example(unit, deck)}"
        conflicts = [c for c in fact.conflicts if c.field == "value"]
        key = {
            "value": fact.get("value"),
            "tolerance": fact.get("tolerance"),
            "qualifier": fact.get("qualifier", ""),
            "also": [c.value for c in conflicts],
            "teach": teach(fact, deck),
            "disagree": [_teach.conflict_line(deck, c, format_number(float(c.value))) for c in conflicts],
        }
        prompt = Prompt(PromptKind.NUMBER, ask(fact), hint=hint)
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Score the number; AnswerError when it is not a number."""
        k = question.key
        also = [float(v) for v in k["also"]]
        result = grade_number(
            parse_number(str(response)), float(k["value"]), k["tolerance"], str(k["qualifier"]), also
        )
        lines = [
            str(k.get("teach") or ""),
            f"Counted right: {_accepted(result.low, result.high)}.",
            *k.get("disagree", []),
        ]
        return Grade(result.score, self.answer(question).text, "\n".join(line for line in lines if line))

    def answer(self, question: Question) -> Answer:
        """The figure as the source gives it, the accepted range and other sources' values."""
        k = question.key
        value, qualifier = float(k["value"]), str(k["qualifier"])
        low, high = accepted_range(value, k["tolerance"], qualifier)
        accepted = [f"counted right: {_accepted(low, high)}"]
        values = {format_number(value), format_number(value).replace(",", "")}
        for other in (float(v) for v in k["also"]):
            accepted.append(f"also: {format_number(other)}")
            values |= {format_number(other), format_number(other).replace(",", "")}
        text = f"{qualifier} {format_number(value)} {question.fact.get('unit')}".strip()
        return Answer(text, accepted=tuple(accepted), values=tuple(sorted(values)))


@hookimpl
def register_sections(register: Any) -> None:
    """Declare ``figures``."""
    register(FIGURES)


@hookimpl
def register_question_types(register: Any) -> None:
    """Add number recall."""
    register(NumberRecall())
