"""Turning a deck's facts into questions through the registered question types."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import replace
from itertools import combinations

from quizlib.errors import AnswerError
from quizlib.model import Answer, Deck, Fact, PromptKind, Question, QuestionType, Response
from quizlib.plugin_contract import answer_problem
from quizlib.plugin_guard import PluginTimeout, guarded, time_limit
from quizlib.plugins import PluginHost

#: Responses that are well-formed for each prompt kind, so grading one reveals the answer.
_PROBE: dict[PromptKind, Response] = {
    PromptKind.NUMBER: "0",
    PromptKind.DATE: "2000",
    PromptKind.NAME: "?",
    PromptKind.TEXT: "?",
    PromptKind.REVEAL: "",
}
#: Above this many choices a MULTI prompt's right set is not searched for.
_MULTI_SEARCH_LIMIT = 10


class Generated:
    """The questions of a deck and the question types that failed on some facts.

    Attributes:
        questions: The questions, in the deck's order.
        errors: One line per question type that failed on some facts.
        failed_types: The names of the question types that failed on some facts (their
            questions of those facts are missing: a card of theirs is not an orphan).
        failures: Each line of ``errors`` with the fact it is about.
    """

    def __init__(self) -> None:
        self.questions: list[Question] = []
        self.errors: list[str] = []
        self.failed_types: set[str] = set()
        self.failures: list[tuple[Fact, str]] = []


def generate_questions(
    deck: Deck,
    host: PluginHost,
    rng: random.Random,
    *,
    types: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
) -> Generated:
    """Generate every question of a deck.

    A fact's ``skip`` list names question types not to generate from it.
    A question type that raises on a fact, or returns something that is not a valid
    question, is reported in ``errors`` and skipped for that fact; the others go on.

    Args:
        deck: The deck.
        host: The loaded plugins.
        rng: Randomness for distractors and item order (seed it for reproducible output).
        types: Only these question types (all when None).
        tags: Only facts with at least one of these tags (all when None).

    Returns:
        The questions, in deck order, and the errors.
    """
    out = Generated()
    seen: set[str] = set()
    for qt, fact in pairs(deck, host, types=types, tags=tags):
        before = len(out.errors)
        out.questions.extend(generate_pair(qt, fact, deck, rng, host, out.errors, seen))
        if len(out.errors) > before:
            out.failed_types.add(qt.name)
            out.failures += [(fact, error) for error in out.errors[before:]]
    return out


def pairs(
    deck: Deck, host: PluginHost, *, types: Iterable[str] | None = None, tags: Iterable[str] | None = None
) -> list[tuple[QuestionType, Fact]]:
    """Every (question type, fact) a deck's questions come from, in :func:`generate_questions`
    order, after the type and tag filters and each fact's ``skip`` list. Generates nothing."""
    wanted = set(types) if types is not None else None
    tag_set = set(tags) if tags is not None else None
    out = []
    for section, facts in deck.sections.items():
        for qt in host.types_for(section):
            if wanted is not None and qt.name not in wanted:
                continue
            for fact in facts:
                if tag_set is not None and not tag_set.intersection(fact.tags):
                    continue
                if qt.name not in skipped(fact):
                    out.append((qt, fact))
    return out


def generate_pair(
    qt: QuestionType,
    fact: Fact,
    deck: Deck,
    rng: random.Random,
    host: PluginHost,
    errors: list[str],
    seen: set[str] | None = None,
) -> list[Question]:
    """The questions one type makes of one fact, checked; problems are appended to ``errors``.

    A type that raises, or returns something that is not a valid question, is reported and
    yields nothing for this fact; a question id already in ``seen`` is reported and dropped
    (``seen`` is updated).
    """
    seen = set() if seen is None else seen
    made, problems = host.generate(qt, fact, deck, rng)  # faults contained and warned
    errors.extend(problems)
    out = []
    for q in made:
        if q.id in seen:
            duplicate = (
                f"{deck.path or deck.id}: question type {qt.name!r} on {fact.key}: "
                f"duplicate question id {q.id!r} (skipped)"
            )
            errors.append(duplicate)
            host.warn(duplicate)
        else:
            seen.add(q.id)
            out.append(q if q.tags or not fact.tags else replace(q, tags=fact.tags))
    return out


def skipped(fact: Fact) -> set[str]:
    """The question types a fact's ``skip`` list says not to generate from it."""
    value = fact.get("skip")
    return {str(v) for v in value} if isinstance(value, list) else set()


#: Question types (by ``id()``: a type may be unhashable) whose answer(), or the probe by
#: grading, ran out of time in this process.
_TIMED_OUT: set[int] = set()


def answer_of(qt: QuestionType, question: Question) -> Answer | None:
    """The correct answer of a question, or None when it cannot be told.

    A question type that defines ``answer(question)`` is asked; otherwise the answer is
    found by grading: every choice of a CHOICE prompt, every set of choices of a MULTI
    prompt, the shown order of an ORDER prompt, a well-formed probe for typed answers
    (whose ``correct_answer`` is the answer whatever the response).

    Args:
        qt: The question's type.
        question: The question.
    """
    if id(qt) in _TIMED_OUT:  # an endless answer() costs one wait per command, not one per question
        return None
    method = getattr(qt, "answer", None)
    # A plugin's fault (an exit, a timeout too) must not stop a listing: the answer stays unknown.
    outcome = guarded(lambda: method(question) if callable(method) else _probe(qt, question), time_limit())
    if isinstance(outcome.error, PluginTimeout):
        _TIMED_OUT.add(id(qt))
    found = outcome.value
    if answer_problem(found):  # junk from a plugin: unknown, not a crash where it is shown
        return None
    if isinstance(found, str):
        return Answer(found) if found else None
    return found if isinstance(found, Answer) else None


def _probe(qt: QuestionType, question: Question) -> Answer | None:
    p = question.prompt
    if p.kind is PromptKind.TRUE_FALSE:
        verdicts = [
            name for name, v in (("true", True), ("false", False)) if qt.grade(question, v).score >= 1
        ]
        return Answer(verdicts[0]) if len(verdicts) == 1 else None
    if p.kind is PromptKind.CHOICE:
        right = [i for i in range(len(p.choices)) if qt.grade(question, i).score >= 1.0]
        if not right:
            return None
        return Answer(p.choices[right[0]], choices=tuple(p.choices[i] for i in right))
    if p.kind is PromptKind.MULTI:
        if len(p.choices) > _MULTI_SEARCH_LIMIT:
            return None
        indexes = range(len(p.choices))
        for size in range(1, len(p.choices) + 1):
            for picks in combinations(indexes, size):
                try:
                    grade = qt.grade(question, picks)
                except AnswerError:
                    continue
                if grade.score >= 1.0:
                    chosen = tuple(p.choices[i] for i in picks)
                    return Answer(grade.correct_answer or "; ".join(chosen), choices=chosen)
        return None
    probe: Response = tuple(range(len(p.items))) if p.kind is PromptKind.ORDER else _PROBE[p.kind]
    try:
        grade = qt.grade(question, probe)
    except AnswerError:
        return None
    return Answer(grade.correct_answer) if grade.correct_answer else None


def question_lines(q: Question, answer: Answer | None = None, *, answers: bool = False) -> list[str]:
    """A question for people: id and type, the prompt, numbered choices or items, the hint,
    and with ``answers`` the correct answer and what else counts as right."""
    p = q.prompt
    lines = [f"{q.id}  [{q.type}]", *(f"  {line}" for line in p.text.splitlines())]
    lines += [f"    {n}. {text}" for n, text in enumerate(p.choices or p.items, 1)]
    if p.hint:
        lines.append(f"  hint: {p.hint}")
    if answers:
        if answer is None:
            lines.append("  answer: (the question type cannot tell)")
        else:
            right = answer.choices if p.kind in (PromptKind.CHOICE, PromptKind.MULTI) else ()
            lines.append(f"  answer: {'; '.join(right) if right else answer.text}")
            if answer.accepted:
                lines.append(f"  accepted: {'; '.join(dict.fromkeys(answer.accepted))}")
    return lines


def reshuffled(q: Question, host: PluginHost, deck: Deck, rng: random.Random) -> Question:
    """The question generated afresh, so that a repeat shows its choices in a new order (the
    question as it was when its type is gone, fails, or makes no other order)."""
    qt = host.question_types.get(q.type)
    if qt is None or not (q.prompt.choices or q.prompt.items):
        return q
    for _ in range(3):  # a short list can come out in the same order: try again
        try:
            made = [x for x in qt.generate(q.fact, deck, rng) if x.id == q.id]
        except Exception:  # a plugin bug must not end the session: ask it as it was
            return q
        if made and made[0].prompt != q.prompt:
            return replace(made[0], tags=q.tags)
    return q
