"""Cloze cards (``cards`` entries with ``type: cloze``): fill the ``{{gap}}``.

One question per gap, the other gaps shown filled in. Case, accents and punctuation do
not matter, and small typos are forgiven (1 for 3-9 letters, 2 above).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from quizlib import (
    AnswerError,
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
    allowed_typos,
    edit_distance,
    hookimpl,
    normalise,
    question_id,
)

GAP = re.compile(r"\{\{(.+?)\}\}")


def check_cloze(entry: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """A cloze card needs text with at least one {{gap}}."""
    if entry.get("type") == "cloze" and not GAP.search(str(entry.get("text", ""))):
        yield "type", "a cloze card needs 'text' with at least one {{gap}}"


class Cloze:
    """Fill in the gap."""

    name = "cloze"
    section = "cards"
    description = "fill in the {{gap}}"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One question per gap."""
        if fact.get("type") != "cloze":
            return []
        text = str(fact.get("text"))
        gaps = GAP.findall(text)
        out = []
        pieces = GAP.split(text)  # text, gap, text, gap, ..., text
        for n, gap in enumerate(gaps):
            shown = "".join(
                ("[...]" if k // 2 == n else piece) if k % 2 else piece for k, piece in enumerate(pieces)
            )
            prompt = Prompt(PromptKind.TEXT, shown, hint="the missing word(s)")
            variant = f"g{n + 1}" if len(gaps) > 1 else ""
            out.append(
                Question(question_id(fact, self.name, variant), self.name, fact, prompt, key={"gap": gap})
            )
        return out

    def grade(self, question: Question, response: Response) -> Grade:
        """Right when the answer matches the gap, allowing small typos."""
        if not isinstance(response, str) or not response.strip():
            raise AnswerError("type the missing word(s)")
        gap = str(question.key["gap"])
        typed, want = normalise(response), normalise(gap)
        right = edit_distance(typed, want) <= allowed_typos(want)
        full = GAP.sub(lambda m: m.group(1), str(question.fact.get("text")))
        return Grade(float(right), correct_answer=gap, feedback=full)


@hookimpl
def register_sections(register: Any) -> None:
    """Declare the cloze-card fields of ``cards``."""
    register(
        Section(
            "cards",
            {
                "type": Field(FieldKind.ENUM, True, "card type", values=("cloze",)),
                "text": Field(FieldKind.STR, description="cloze: text with {{gaps}}"),
            },
            description="free-form cards: basic, choice, cloze",
            check=check_cloze,
        )
    )


@hookimpl
def register_question_types(register: Any) -> None:
    """Add cloze."""
    register(Cloze())
