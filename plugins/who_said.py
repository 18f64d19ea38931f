"""Who said what: pick (``who_said``) or type (``who_said_typed``) the speaker of a quote.

Reads ``quotes`` and the deck's ``actors``. Distractors are other actors of the same kind,
those whose role shares words with the speaker's first.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from quizlib import (
    Actor,
    AnswerError,
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
    hookimpl,
    match_name,
    normalise,
    question_id,
)

OPTIONS = 4

QUOTES = Section(
    "quotes",
    {
        "text": Field(FieldKind.STR, True, "the quote, verbatim"),
        "speaker": Field(FieldKind.ACTOR, True, "id of the actor who said it"),
        "context": Field(FieldKind.STR, description="where and why it was said"),
        "date": Field(FieldKind.DATE, description="when it was said"),
        "question": Field(
            FieldKind.STR, description="how to ask who said it, when the quote alone is not enough"
        ),
    },
    description="direct quotes",
)


def _role_words(actor: Actor) -> set[str]:
    return set(normalise(actor.role).split()) - {"of", "the", "and", "for", "a"}


def distractors(speaker: Actor, actors: Sequence[Actor], rng: random.Random, count: int) -> list[Actor]:
    """Other actors, most similar first (same kind, shared role words), no repeated names."""
    pool = [a for a in actors if a.id != speaker.id and normalise(a.name) != normalise(speaker.name)]
    rng.shuffle(pool)
    words = _role_words(speaker)
    pool.sort(key=lambda a: (a.kind != speaker.kind, -len(words & _role_words(a))))
    out: list[Actor] = []
    for actor in pool:
        if normalise(actor.name) not in {normalise(o.name) for o in out}:
            out.append(actor)
        if len(out) == count:
            break
    return out


def _feedback(fact: Fact, deck: Deck, speaker: Actor) -> str:
    parts = [f"Said by {speaker.describe()}"]
    if fact.get("date"):
        date = PartialDate.parse(fact.get("date"))
        parts.append(f"{'on' if date.day else 'in'} {date.human()}")
    text = " ".join(parts) + "."
    if fact.get("context"):
        text += f"\nContext: {fact.get('context')}"
    return text


class WhoSaid:
    """Multiple choice: which actor said this?"""

    name = "who_said"
    section = "quotes"
    description = "who said this? (choose)"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """Options: the speaker and up to three similar actors, shuffled."""
        speaker = deck.actors.get(str(fact.get("speaker")))
        if speaker is None:
            return []
        options = [speaker, *distractors(speaker, list(deck.actors.values()), rng, OPTIONS - 1)]
        if len(options) < 2:
            return []
        rng.shuffle(options)
        prompt = Prompt(
            PromptKind.CHOICE, f"Who said: “{fact.get('text')}”", choices=tuple(a.name for a in options)
        )
        key = {
            "answer": options.index(speaker),
            "speaker": speaker.id,
            "feedback": _feedback(fact, deck, speaker),
        }
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Right or wrong."""
        choices = question.prompt.choices
        if not isinstance(response, int) or not 0 <= response < len(choices):
            raise AnswerError(f"choose one of 1-{len(choices)}")
        answer = int(question.key["answer"])
        return Grade(float(response == answer), choices[answer], question.key["feedback"])


class WhoSaidTyped:
    """Type the speaker's name: full name, alias or surname; small typos forgiven."""

    name = "who_said_typed"
    section = "quotes"
    description = "who said this? (type the name)"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One typed question per quote; completion offers every actor's name."""
        speaker = deck.actors.get(str(fact.get("speaker")))
        if speaker is None or speaker.kind != "person":
            return []
        names = sorted(
            {a.name for a in deck.actors.values()} | {x for a in deck.actors.values() for x in a.aliases}
        )
        prompt = Prompt(
            PromptKind.NAME,
            f"Who said: “{fact.get('text')}”",
            completions=tuple(names),
            hint="the speaker's name or surname",
        )
        # Grading must reject names that fit another actor as well, so every actor's
        # accepted forms travel in the key: grading needs nothing but the question.
        actors = [
            {"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases)}
            for a in deck.actors.values()
        ]
        key = {"speaker": speaker.id, "feedback": _feedback(fact, deck, speaker), "actors": actors}
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Right when the name matches the speaker and no other actor as well."""
        if not isinstance(response, str) or not response.strip():
            raise AnswerError("type the speaker's name")
        actors = {a["id"]: Actor(**{**a, "aliases": tuple(a["aliases"])}) for a in question.key["actors"]}
        speaker = actors[question.key["speaker"]]
        right = match_name(response, speaker, list(actors.values()))
        return Grade(float(right), speaker.name, question.key["feedback"])


@hookimpl
def register_sections(register: Any) -> None:
    """Declare ``quotes``."""
    register(QUOTES)


@hookimpl
def register_question_types(register: Any) -> None:
    """Add both who-said-what question types."""
    register(WhoSaid())
    register(WhoSaidTyped())
