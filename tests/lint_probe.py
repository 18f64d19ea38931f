"""A test-only question type whose prompts are written in the deck, for the question lint.

Each ``probes`` entry says what kind of question it is and, word for word, what the learner
sees (``ask``, ``hint``), so the lint's tests do not depend on how the built-in templates
phrase things. It is an ordinary plugin module: ``quizlib check --plugins-dir`` loads it too.
"""

from __future__ import annotations

import random
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
    Section,
    grade_date,
    grade_number_text,
    grade_picks,
    hookimpl,
    match_name,
    normalise,
    parse_date_answer,
    question_id,
)

KINDS = ("date", "number", "choice", "multi", "pick", "name", "order", "text")
PROBES = Section(
    "probes",
    {
        "kind": Field(FieldKind.ENUM, True, "the prompt kind", values=KINDS),
        "text": Field(FieldKind.STR, True, "what the fact says: an event, a quote"),
        "ask": Field(FieldKind.STR, description="the question text (default: built from text)"),
        "hint": Field(FieldKind.STR, description="the hint"),
        "date": Field(FieldKind.DATE, description="the answer of a date question"),
        "value": Field(FieldKind.NUMBER, description="the answer of a number question"),
        "unit": Field(FieldKind.STR, description="the number's unit"),
        "answer": Field(FieldKind.STR, description="the answer of a text question"),
        "speaker": Field(FieldKind.ACTOR, description="who said the text (choice, name)"),
        "options": Field(FieldKind.ACTOR_LIST, description="the choices (choice, multi)"),
        "parties": Field(FieldKind.ACTOR_LIST, description="the right choices (multi)"),
        "items": Field(FieldKind.STR_LIST, description="ids of probes to order (order)"),
        "choices": Field(FieldKind.STR_LIST, description="the choices (pick)"),
        "right": Field(FieldKind.INT_LIST, description="indexes of the right choices (pick)"),
    },
)


class Probe:
    """Asks exactly what the deck entry says."""

    name = "probe"
    section = "probes"
    description = "a question written out in the deck (tests)"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> list[Question]:
        kind = str(fact.get("kind"))
        text = str(fact.get("text"))
        ask, hint = fact.get("ask"), str(fact.get("hint", ""))
        key: dict[str, Any] = {"kind": kind}
        if kind in ("choice", "multi"):
            options = [deck.actors[a] for a in fact.get("options", [])]
            right = [fact.get("speaker")] if kind == "choice" else fact.get("parties", [])
            key["right"] = [i for i, a in enumerate(options) if a.id in right]
            prompt_kind = PromptKind.CHOICE if kind == "choice" else PromptKind.MULTI
            prompt = Prompt(
                prompt_kind, str(ask or f"Who said: “{text}”"), tuple(a.name for a in options), hint=hint
            )
        elif kind == "pick":
            key["right"] = list(fact.get("right", []))
            choices = tuple(fact.get("choices", []))
            prompt = Prompt(PromptKind.CHOICE, str(ask or text), choices, hint=hint)
        elif kind == "order":
            facts = {f.id: f for f in deck.facts("probes")}
            chosen = [facts[i] for i in fact.get("items", [])]
            key["when"] = [f.get("date") for f in chosen]
            items = tuple(str(f.get("text")) for f in chosen)
            prompt = Prompt(PromptKind.ORDER, str(ask or "Put these in order."), items=items, hint=hint)
        elif kind == "name":
            key["speaker"] = fact.get("speaker")
            key["actors"] = [[a.id, a.name, a.kind, list(a.aliases)] for a in deck.actors.values()]
            prompt = Prompt(PromptKind.NAME, str(ask or f"Who said: “{text}”"), hint=hint)
        else:
            key.update(date=fact.get("date"), value=fact.get("value"), unit=fact.get("unit", ""))
            key["answer"] = fact.get("answer")
            prompt_kind = {"date": PromptKind.DATE, "number": PromptKind.NUMBER}.get(kind, PromptKind.TEXT)
            prompt = Prompt(prompt_kind, str(ask or text), hint=hint)
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Any) -> Grade:
        k = question.key
        kind = k["kind"]
        if kind in ("choice", "multi", "pick"):
            choices = question.prompt.choices
            score = grade_picks(response, k["right"], len(choices))
            return Grade(score, "; ".join(choices[i] for i in k["right"]))
        if kind == "order":
            dates = [PartialDate.parse(d) for d in k["when"]]
            right = sorted(range(len(dates)), key=lambda i: dates[i].span()[0])
            return Grade(float(list(response) == right), " ".join(str(i + 1) for i in right))
        if kind == "name":
            actors = [Actor(i, n, kd, aliases=tuple(al)) for i, n, kd, al in k["actors"]]
            speaker = next(a for a in actors if a.id == k["speaker"])
            return Grade(float(match_name(str(response), speaker, actors)), speaker.name)
        if kind == "date":
            truth = PartialDate.parse(k["date"])
            return Grade(grade_date(parse_date_answer(str(response)), truth), truth.human())
        if kind == "number":
            grade = grade_number_text(str(response), float(k["value"]))
            return Grade(grade.score, f"{grade.correct_answer} {k['unit']}".strip())
        if not str(response).strip():
            raise AnswerError("type the answer")
        return Grade(float(normalise(str(response)) == normalise(k["answer"])), k["answer"])


@hookimpl
def register_sections(register: Any) -> None:
    """Declare ``probes``."""
    register(PROBES)


@hookimpl
def register_question_types(register: Any) -> None:
    """Add the probe type."""
    register(Probe())
