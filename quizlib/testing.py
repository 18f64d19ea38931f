"""Helpers for testing quizlib plugins: decks from data, a host with just your plugin, and
:func:`check_question_type`, which runs the contract every question type must keep.

Installed with quizlib as a pytest plugin (the ``pytest11`` entry point), which adds the
``quizlib_deck`` and ``quizlib_host`` fixtures (see :mod:`quizlib.testing_pytest`)::

    from quizlib.testing import check_question_type, deck_from_yaml, plugin_host

    def test_my_type():
        host = plugin_host(my_plugin)
        deck = deck_from_yaml(MY_DECK, host)
        check_question_type(host.question_types["my_type"], deck)
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import permutations
from types import ModuleType
from typing import Any

import yaml

from quizlib.deckfile import sections as format1
from quizlib.deckfile.load import parse_deck
from quizlib.errors import AnswerError
from quizlib.grading.answers import TRUE_FALSE_WORDS
from quizlib.grading.names import normalise
from quizlib.model import Answer, Deck, PromptKind, Question, QuestionType, Response
from quizlib.plugin_contract import answer_problem, grade_problem
from quizlib.plugins import PluginHost, get_plugin_manager

__all__ = ["ContractError", "check_question_type", "deck_from_dict", "deck_from_yaml", "plugin_host"]

#: Typed responses every text-like prompt must take without a crash (a grade or AnswerError).
TEXT_PROBES = ("", "?", "0", "2000", "1 January 2000", "someone", "x" * 300)


class ContractError(AssertionError):
    """A question type broke the contract; the message lists every violation."""


def plugin_host(*plugins: object, format_sections: bool = True) -> PluginHost:
    """A plugin host with only the given plugins loaded, raising their errors.

    Args:
        plugins: Plugin modules or objects with ``@hookimpl`` functions.
        format_sections: Also load the sections of deck format 1 (``events``, ``cards`` ...),
            for a question type that reads them.
    """
    extra: dict[str, object] = {}
    if format_sections:
        extra[format1.PLUGIN_NAME] = format1
    for plugin in plugins:
        name = plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__name__
        extra[name if name not in extra else f"{name}-{len(extra)}"] = plugin
    return get_plugin_manager(builtins=False, entry_points=False, extra=extra, raise_errors=True, environ={})


def deck_from_yaml(text: str, host: PluginHost | None = None, *, path: str = "<test deck>") -> Deck:
    """A validated deck from YAML text.

    Args:
        text: The deck, as in a deck file.
        host: Whose sections the deck may use (default: the deck format's sections only).
        path: The file name problems are reported with.

    Raises:
        DeckError: When the deck is invalid, with every problem located.
    """
    sections = (host or plugin_host()).sections
    return parse_deck(text, path, sections)


def deck_from_dict(data: Mapping[str, Any], host: PluginHost | None = None) -> Deck:
    """A validated deck from data shaped like a deck file; ``quizlib: 1`` and a ``deck``
    header are added when missing.

    Raises:
        DeckError: When the deck is invalid.
    """
    full = {"quizlib": 1, "deck": {"id": "test", "title": "Test"}, **data}
    return deck_from_yaml(yaml.safe_dump(full, sort_keys=False, allow_unicode=True), host)


@dataclass
class _Report:
    problems: list[str] = field(default_factory=list)

    def add(self, question: Question | None, message: str) -> None:
        where = f"{question.id}: " if question is not None else ""
        self.problems.append(f"{where}{message}")


def check_question_type(qt: QuestionType, deck: Deck, *, seed: int = 0) -> list[Question]:
    """Run the question-type contract on every fact of ``deck`` in ``qt.section``.

    Checked: at least one question is generated, deterministically for a seed (same ids,
    same prompts); ids are unique,
    start with ``section/fact-id/type`` and questions name their type; every well-formed
    response grades to a :class:`Grade` a study session accepts (a score in [0, 1], text
    fields that are text); malformed choices and orders raise :class:`quizlib.AnswerError`
    (nothing else); when the type has ``answer()``, the answer grades 1.0 (a typed answer as
    its text or its first plain form) and its plain forms are not in the question's text or hint.

    Returns:
        The questions generated, for further checks.

    Raises:
        ContractError: Listing every violation.
    """
    report = _Report()
    questions = _generated(qt, deck, seed, report)
    for question in questions:
        _check_grades(qt, question, report)
        _check_answer(qt, question, report)
    if report.problems:
        raise ContractError(f"question type {qt.name!r} breaks the contract:\n" + "\n".join(report.problems))
    return questions


def _generate(qt: QuestionType, deck: Deck, seed: int) -> list[Question]:
    rng = random.Random(seed)
    return [q for fact in deck.facts(qt.section) for q in qt.generate(fact, deck, rng)]


def _generated(qt: QuestionType, deck: Deck, seed: int, report: _Report) -> list[Question]:
    first, again = _generate(qt, deck, seed), _generate(qt, deck, seed)
    if [(q.id, q.prompt) for q in first] != [(q.id, q.prompt) for q in again]:
        report.add(None, "generate() gives other ids or prompts for the same seed")
    seen: set[str] = set()
    for q in first:
        if not isinstance(q, Question):
            report.add(None, f"generate() returned {type(q).__name__}, not a Question")
            continue
        if q.type != qt.name or not q.id.startswith(f"{q.fact.key}/{qt.name}"):
            report.add(q, f"id and type must start {q.fact.key}/{qt.name} (use quizlib.question_id)")
        if q.id in seen:
            report.add(q, "duplicate question id")
        seen.add(q.id)
    if not first:
        report.add(None, f"no question generated from the deck's {qt.section!r} facts")
    return [q for q in first if isinstance(q, Question)]


def _well_formed(question: Question) -> Iterator[Response]:
    p = question.prompt
    if p.kind is PromptKind.CHOICE:
        yield from range(len(p.choices))
    elif p.kind is PromptKind.TRUE_FALSE:
        yield from (True, False)
    elif p.kind is PromptKind.MULTI:
        yield from ((i,) for i in range(len(p.choices)))
        yield tuple(range(len(p.choices)))
    elif p.kind is PromptKind.ORDER:
        yield from (
            tuple(order) for _, order in zip(range(6), permutations(range(len(p.items))), strict=False)
        )
    else:
        yield from TEXT_PROBES


def _malformed(question: Question) -> Iterator[Response]:
    p = question.prompt
    if p.kind is PromptKind.CHOICE:
        yield from (-1, len(p.choices))
    elif p.kind is PromptKind.TRUE_FALSE:
        yield from ("maybe", 2)
    elif p.kind is PromptKind.MULTI:
        yield from ((), (len(p.choices),), (-1,))
    elif p.kind is PromptKind.ORDER:
        n = len(p.items)
        yield from ((), tuple(range(n + 1)), (0,) * n if n > 1 else (1,))


def _check_grades(qt: QuestionType, question: Question, report: _Report) -> None:
    for response in _well_formed(question):
        try:
            grade = qt.grade(question, response)
        except AnswerError:
            if question.prompt.kind not in _TYPED:
                report.add(question, f"a well-formed response {response!r} raised AnswerError")
            continue
        except Exception as exc:
            report.add(question, f"grading {response!r} raised {type(exc).__name__}: {exc}")
            continue
        _check_grade(grade, question, response, report)
    for response in _malformed(question):
        try:
            qt.grade(question, response)
        except AnswerError:
            continue
        except Exception as exc:
            report.add(
                question, f"a malformed response {response!r} raised {type(exc).__name__}, not AnswerError"
            )
            continue
        report.add(question, f"a malformed response {response!r} was graded instead of raising AnswerError")


_TYPED = frozenset({PromptKind.TEXT, PromptKind.NAME, PromptKind.NUMBER, PromptKind.DATE, PromptKind.REVEAL})


def _check_grade(grade: object, question: Question, response: Response, report: _Report) -> None:
    # The same rule the study session applies: a grade it would refuse breaks the contract.
    wrong = grade_problem(grade)
    if wrong:
        report.add(question, f"grading {response!r}: {wrong}")


def _check_answer(qt: QuestionType, question: Question, report: _Report) -> None:
    method = getattr(qt, "answer", None)
    if not callable(method):
        return
    try:
        found = method(question)
    except Exception as exc:
        report.add(question, f"answer() raised {type(exc).__name__}: {exc}")
        return
    wrong = answer_problem(found)
    if wrong:
        report.add(question, f"answer() {wrong}" if wrong.startswith("returned") else f"answer(): {wrong}")
        return
    answer = Answer(found) if isinstance(found, str) else found
    shown = normalise(f"{question.prompt.text} {question.prompt.hint}")
    for value in answer.values or (answer.text,):
        plain = normalise(str(value))
        if plain and re.search(rf"(?<!\w){re.escape(plain)}(?!\w)", shown):
            report.add(question, f"the answer {value!r} is in the question's text or hint")
    _check_own_answer(qt, question, _responses_for(question, answer), report)


def _check_own_answer(
    qt: QuestionType, question: Question, responses: list[Response], report: _Report
) -> None:
    """One of the responses that give the answer must grade 1.0 (none to try: nothing to check)."""
    failures = []
    for response in responses:
        try:
            grade = qt.grade(question, response)
        except Exception as exc:
            failures.append(f"grading its own answer {response!r} raised {type(exc).__name__}: {exc}")
            continue
        wrong = grade_problem(grade)
        if not wrong and grade.score >= 1.0:
            return
        failures.append(f"its own answer {response!r} " + (wrong or f"scores {grade.score}, not 1.0"))
    if failures:
        report.add(question, "; ".join(failures))


def _responses_for(question: Question, answer: Answer) -> list[Response]:
    """The responses that give ``answer``: for a typed answer its text and its first plain
    form (a multi-part answer is typed as its text, a place as the town its text names)."""
    p = question.prompt
    if p.kind is PromptKind.CHOICE:
        right = answer.choices[:1] or (answer.text,)
        return [p.choices.index(right[0])] if right[0] in p.choices else []
    if p.kind is PromptKind.TRUE_FALSE:
        verdict = TRUE_FALSE_WORDS.get(normalise(answer.text))
        return [] if verdict is None else [verdict]
    if p.kind is PromptKind.MULTI:
        picks = [p.choices.index(c) for c in answer.choices if c in p.choices]
        return [tuple(sorted(picks))] if picks else []
    if p.kind is PromptKind.ORDER:
        order = _order(answer.text, len(p.items))
        return [] if order is None else [order]
    return list(dict.fromkeys([answer.text, *answer.values[:1]]))


def _order(text: str, count: int) -> tuple[int, ...] | None:
    numbers = [int(n) - 1 for n in re.findall(r"\d+", text)]
    return tuple(numbers) if sorted(numbers) == list(range(count)) else None
