"""The question side of the data model: prompts, questions, answers, grades and the
contract of a question type.

Everything here is a frozen dataclass, an enum or a protocol; nothing touches files, the
terminal, the clock or randomness.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from quizlib.model.decks import Deck, Fact

#: What a learner's answer is once parsed: text, a choice index, a verdict (true/false), or a
#: tuple of indexes (an ordering, or the set of choices picked).
Response = str | bool | int | tuple[int, ...]


class PromptKind(enum.StrEnum):
    """What kind of input a question expects; the UI picks a fitting widget for each.

    The parsed response type is given for each kind.
    """

    TEXT = "text"  #: free text (str)
    NAME = "name"  #: a person's name (str); the UI completes over ``Prompt.completions``
    NUMBER = "number"  #: a number in digits or words (str)
    DATE = "date"  #: a date in a common spelling (str)
    CHOICE = "choice"  #: one of ``Prompt.choices`` (int index)
    MULTI = "multi"  #: all that apply of ``Prompt.choices`` (tuple of indexes)
    ORDER = "order"  #: ``Prompt.items`` in order (tuple: item indexes, earliest first)
    REVEAL = "reveal"  #: think of the answer, reveal, rate yourself (str, may be empty)
    TRUE_FALSE = "true_false"  #: whether the statement in ``Prompt.text`` is true (bool)


#: The options a TRUE_FALSE prompt shows, in order; the response is True for the first.
TRUE_FALSE_CHOICES = ("true", "false")


@dataclass(frozen=True)
class Prompt:
    """A UI-neutral question as shown to the learner.

    Attributes:
        kind: The kind of input expected.
        text: The question.
        choices: Options for CHOICE and MULTI (for TRUE_FALSE: ``("true", "false")``, filled in).
        items: Items to put in order for ORDER.
        completions: Candidate inputs a UI may offer while typing (NAME).
        hint: What the expected input looks like, e.g. "a number such as 2,000".
    """

    kind: PromptKind
    text: str
    choices: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    completions: tuple[str, ...] = ()
    hint: str = ""

    def __post_init__(self) -> None:
        # A true/false prompt always offers the same two options, so a plugin need not list them.
        if self.kind is PromptKind.TRUE_FALSE and not self.choices:
            object.__setattr__(self, "choices", TRUE_FALSE_CHOICES)


@dataclass(frozen=True)
class Question:
    """One question generated from a fact by a question type.

    Attributes:
        id: Stable id ``section/fact-id/type`` with an optional ``/variant``; the review
            history is keyed by it.
        type: The question type's name.
        fact: The fact it was generated from (``fact.key`` identifies its siblings).
        prompt: What the learner sees.
        key: JSON-able data the question type needs to grade (never shown before answering).
        tags: The fact's tags.
    """

    id: str
    type: str
    fact: Fact
    prompt: Prompt
    key: Mapping[str, Any] = field(default_factory=dict)
    tags: tuple[str, ...] = ()

    @property
    def sibling_key(self) -> str:
        """Questions with the same sibling key come from the same fact."""
        return self.fact.key


def question_id(fact: Fact, type_name: str, variant: str = "") -> str:
    """The stable id of a question: ``section/fact-id/type[/variant]``."""
    base = f"{fact.section}/{fact.id}/{type_name}"
    return f"{base}/{variant}" if variant else base


@dataclass(frozen=True)
class Answer:
    """A question's correct answer, for authors reviewing a deck (``quizlib show --answers``)
    and for the question lint.

    Attributes:
        text: The correct answer as the learner is shown it after answering.
        choices: For CHOICE and MULTI prompts: the right choices, as shown.
        accepted: What else counts as right, for people: "1,900 to 2,000", "also: Zakharova".
        values: Plain forms of the answer a prompt or hint must not contain (names, numbers,
            dates as written); the lint looks for these.
        detail: What a learner is told besides the answer, e.g. a card's explanation or an
            ordering's dates (the back of an exported card shows it).
    """

    text: str
    choices: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    detail: str = ""


@dataclass(frozen=True)
class Grade:
    """The outcome of grading one response.

    Attributes:
        score: 0.0 (wrong) to 1.0 (right); partial credit in between.
        correct_answer: The right answer, for people.
        feedback: What was right or wrong, the context, the source.
        self_rated: True when the learner judges the answer (basic cards); the score is
            then only a hint.
        misplaced: For orderings: indexes of the items the learner put in the wrong place.
        cites: True when the feedback already cites where each part comes from (a timeline
            cites each item's own source), so no "Source:" line of the question's fact follows.
    """

    score: float
    correct_answer: str
    feedback: str = ""
    self_rated: bool = False
    misplaced: tuple[int, ...] = ()
    cites: bool = False

    @property
    def verdict(self) -> str:
        """``right``, ``partly right`` or ``wrong``."""
        if self.score >= 1.0:
            return "right"
        if self.score > 0.0:
            return "partly right"
        return "wrong"


@runtime_checkable
class QuestionType(Protocol):
    """The contract of a question type (see "Writing a question-type plugin").

    A question type may also define ``answer(question) -> Answer | str`` (see
    :data:`AnswerFunction`); it is optional, so it is not part of this protocol.

    Attributes:
        name: Unique name, e.g. ``timeline``; used in question ids and ``--type``.
        section: The deck section it reads, e.g. ``events``.
        description: One line for ``quizlib plugins``.
    """

    name: str
    section: str
    description: str

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """Turn one fact into zero or more questions; deterministic for a given ``rng``."""
        ...

    def grade(self, question: Question, response: Response) -> Grade:
        """Grade a parsed response; raise ``AnswerError`` when it is malformed."""
        ...


#: A question type may also define ``answer(question) -> Answer`` (a plain ``str`` is taken as
#: the answer's text): the export and ``show --answers`` use it; without it the export marks
#: the answer as unknown and the listing finds it by grading (see :func:`quizlib.answer_of`).
AnswerFunction = Callable[[Question], Answer | str]
