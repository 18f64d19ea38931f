"""Basic front/back cards (``cards`` entries with ``type: basic``), self-rated.

The learner thinks of (or types) the answer, sees the back, and rates themself; a typed
answer that matches the back or an ``accept`` entry is marked right as a hint.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
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
    hookimpl,
    normalise,
    question_id,
)

from . import _teach


def check_basic(entry: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """A basic card needs a front and a back."""
    if entry.get("type") == "basic":
        for name in ("front", "back"):
            if not entry.get(name):
                yield "type", f"a basic card needs '{name}'"


class Basic:
    """Front/back cards: reveal the back and rate yourself."""

    name = "basic"
    section = "cards"
    description = "front/back card, self-rated"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One question per basic card."""
        if fact.get("type") != "basic":
            return []
        prompt = Prompt(PromptKind.REVEAL, str(fact.get("front")), hint="think of the answer, or type it")
        key = {"back": fact.get("back"), "accept": list(fact.get("accept", []))}
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Right when a typed answer matches the back or an accepted answer; otherwise self-rated."""
        back = str(question.key["back"])
        typed = normalise(response) if isinstance(response, str) else ""
        accepted = {normalise(back), *(normalise(a) for a in question.key.get("accept", []))}
        score = 1.0 if typed and typed in accepted else 0.0
        lines = [_teach.explanation(question.fact)]
        if not typed:
            lines.append("Compare with the back and rate how well you knew it.")
        feedback = "\n".join(line for line in lines if line)
        return Grade(score, correct_answer=back, feedback=feedback, self_rated=True)

    def answer(self, question: Question) -> Answer:
        """The back, and the other answers the card accepts."""
        back, accept = str(question.key["back"]), [str(a) for a in question.key.get("accept", [])]
        return Answer(back, accepted=tuple(f"also: {a}" for a in accept), values=(back, *accept))


@hookimpl
def register_sections(register: Any) -> None:
    """Declare the ``cards`` section's basic-card fields."""
    register(
        Section(
            "cards",
            {
                "type": Field(FieldKind.ENUM, True, "card type", values=("basic",)),
                "front": Field(FieldKind.STR, description="basic: the question side"),
                "back": Field(FieldKind.STR, description="basic: the answer side"),
                "accept": Field(FieldKind.STR_LIST, description="basic: other right answers"),
                "explain": _teach.EXPLAIN,
            },
            description="free-form cards: basic, choice, cloze",
            check=check_basic,
        )
    )


@hookimpl
def register_question_types(register: Any) -> None:
    """Add the basic question type."""
    register(Basic())
