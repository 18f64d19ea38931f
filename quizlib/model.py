"""The data quizlib passes around: decks, facts, questions, prompts and grades.

Everything here is a frozen dataclass or an enum; nothing touches files, the terminal,
the clock or randomness.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from quizlib.dates import PartialDate

#: What a learner's answer is once parsed: text, a choice index, or a tuple of indexes
#: (an ordering, or the set of choices picked).
Response = str | int | tuple[int, ...]


class Rating(enum.IntEnum):
    """The learner's rating of a review, as FSRS and Anki number them."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class FieldKind(enum.StrEnum):
    """The type of a field in a deck entry."""

    STR = "str"
    INT = "int"
    NUMBER = "number"
    BOOL = "bool"
    DATE = "date"
    ENUM = "enum"
    STR_LIST = "str_list"
    INT_LIST = "int_list"
    ACTOR = "actor"
    ACTOR_LIST = "actor_list"
    TOLERANCE = "tolerance"
    RECORDS = "records"


@dataclass(frozen=True)
class Field:
    """The schema of one field of a section's entries.

    Attributes:
        kind: The field's type.
        required: Whether every entry must have it.
        description: One line for ``quizlib schema`` and the docs.
        values: The allowed values of an ENUM field (sections merge these).
        fields: For RECORDS: the schema of each record (a list of mappings, each with ``id``).
    """

    kind: FieldKind
    required: bool = False
    description: str = ""
    values: tuple[str, ...] = ()
    fields: tuple[tuple[str, Field], ...] = ()


#: A section's own check of an entry: yields (field name, message) for each problem.
EntryCheck = Callable[[Mapping[str, Any]], Iterable[tuple[str, str]]]


@dataclass(frozen=True)
class Section:
    """A top-level deck section that question types read, declared by a plugin.

    Several plugins may declare the same section: their fields are merged (a field
    declared twice must be declared the same way, except ENUM values, which are joined).

    Attributes:
        name: The top-level key, e.g. ``events``.
        fields: The entry fields besides the common ones (id, sources, tags, note,
            review, conflicts).
        description: One line for people.
        settings: Deck settings (``deck.settings``) this section's question types read.
        check: Extra checks of an entry beyond the field types.
    """

    name: str
    fields: Mapping[str, Field]
    description: str = ""
    settings: Mapping[str, Field] = field(default_factory=dict)
    check: EntryCheck | None = None


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from: a source id and a location in it (``p7`` = paragraph 7)."""

    source: str
    location: str = ""

    def __str__(self) -> str:
        return f"{self.source}:{self.location}" if self.location else self.source


@dataclass(frozen=True)
class Conflict:
    """A source that gives another value for one field of a fact."""

    field: str
    value: Any
    sources: tuple[Citation, ...]
    note: str = ""


@dataclass(frozen=True)
class Source:
    """An article or document facts are drawn from."""

    id: str
    title: str
    outlet: str = ""
    author: str = ""
    published: str = ""
    published_note: str = ""
    url: str = ""
    reliability: str = ""

    def name(self, limit: int = 60) -> str:
        """The source as people can look it up: its outlet, or its title (cut at a word after
        ``limit`` characters) when the outlet is missing or "unknown …"."""
        outlet = self.outlet.strip()
        if outlet and not outlet.lower().startswith("unknown"):
            return outlet
        title = " ".join(self.title.split())
        if len(title) > limit:
            title = title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        return f"“{title}”" if title else self.id

    def describe(self) -> str:
        """One line naming the source for feedback: :meth:`name`, author and date, the date
        marked "(inferred)" when the source does not state it (it has a ``published_note``)."""
        published = f"{self.published} (inferred)" if self.published and self.published_note else ""
        parts = [self.name(), self.author, published or self.published]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Actor:
    """A person or an institution that says or does something in a deck."""

    id: str
    name: str
    kind: str = "person"
    role: str = ""
    aliases: tuple[str, ...] = ()
    organisation: str = ""
    line: int = 0
    part_of: tuple[str, ...] = ()

    @property
    def parents(self) -> tuple[str, ...]:
        """Ids of the actors this one belongs to or speaks for (``organisation`` and ``part_of``)."""
        own = (self.organisation,) if self.organisation else ()
        return own + tuple(p for p in self.part_of if p != self.organisation)

    def describe(self) -> str:
        """The name with the role, for feedback."""
        return f"{self.name} ({self.role})" if self.role else self.name


@dataclass(frozen=True)
class Fact:
    """One entry of a fact section.

    Attributes:
        section: The section it belongs to, e.g. ``events``.
        id: Its slug, unique in the section.
        data: The section's fields, normalised to JSON values (dates as ISO strings).
        sources: Where it comes from.
        tags: Tags for filtering.
        conflicts: Other values given by other sources.
        note: Free text for authors.
        review: True for a draft not yet checked by a person.
        line: The line the entry starts on (0 when unknown).
    """

    section: str
    id: str
    data: Mapping[str, Any]
    sources: tuple[Citation, ...] = ()
    tags: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    note: str = ""
    review: bool = False
    line: int = 0

    @property
    def key(self) -> str:
        """``section/id``: the fact's identity in the deck, shared by sibling questions."""
        return f"{self.section}/{self.id}"

    def get(self, name: str, default: Any = None) -> Any:
        """A field's value, or ``default`` when the entry does not have it."""
        return self.data.get(name, default)

    def date(self, name: str = "date") -> PartialDate | None:
        """A date field as a :class:`PartialDate`, or None when absent."""
        value = self.data.get(name)
        return PartialDate.parse(value) if isinstance(value, str) else None


@dataclass(frozen=True)
class Deck:
    """A loaded, validated deck."""

    id: str
    title: str
    description: str = ""
    language: str = "en"
    version: int = 1
    tags: tuple[str, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    actors: Mapping[str, Actor] = field(default_factory=dict)
    sections: Mapping[str, tuple[Fact, ...]] = field(default_factory=dict)
    path: str = ""

    def facts(self, section: str) -> tuple[Fact, ...]:
        """The facts of one section (empty when the deck has none)."""
        return self.sections.get(section, ())

    def all_facts(self) -> Iterable[Fact]:
        """Every fact of every section."""
        for facts in self.sections.values():
            yield from facts

    def setting(self, name: str, default: Any = None) -> Any:
        """A value from ``deck.settings``."""
        return self.settings.get(name, default)

    def lineage(self, actor_id: str) -> set[str]:
        """The actor and every actor it is part of, directly or through others."""
        seen: set[str] = set()
        todo = [actor_id]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            actor = self.actors.get(current)
            if actor is not None:
                todo.extend(actor.parents)
        return seen

    def sides(self, actor_id: str) -> frozenset[str]:
        """The top-level actors of an actor's lineage (a spokesperson's state, a state itself):
        the side it speaks for. An actor belonging to nothing is its own side."""
        roots = {a for a in self.lineage(actor_id) if a in self.actors and not self.actors[a].parents}
        return frozenset(roots or {actor_id})

    def related(self, a: str, b: str) -> bool:
        """Whether one actor is the other or part of it (a ministry and its state, a spokesperson
        and her ministry): as distractors they would both be right."""
        return a in self.lineage(b) or b in self.lineage(a)

    def cite(self, citations: Iterable[Citation], *, short: bool = False) -> str:
        """Citations for people, each source once with every location cited in it:
        ``Outlet, Author, 2024-01-15, p5, p17; “Title”, 2023 (inferred), p4``.

        Args:
            citations: The citations.
            short: Name each source only (outlet or title), without author and date.
        """
        locations: dict[str, list[str]] = {}
        for c in citations:
            locations.setdefault(c.source, []).extend([c.location] if c.location else [])
        parts = []
        for source_id, where in locations.items():
            source = self.sources.get(source_id)
            name = source_id if source is None else source.name() if short else source.describe()
            parts.append(", ".join([name, *where]))
        return "; ".join(parts)

    def caution(self, citations: Iterable[Citation]) -> str:
        """The ``reliability`` warnings of the cited sources when every one carries one (a fact
        another source confirms needs none); empty otherwise."""
        warnings = []
        for source_id in dict.fromkeys(c.source for c in citations):
            source = self.sources.get(source_id)
            warnings.append(" ".join(source.reliability.split()) if source is not None else "")
        return "; ".join(dict.fromkeys(warnings)) if warnings and all(warnings) else ""


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


@dataclass(frozen=True)
class Prompt:
    """A UI-neutral question as shown to the learner.

    Attributes:
        kind: The kind of input expected.
        text: The question.
        choices: Options for CHOICE and MULTI.
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
    """

    text: str
    choices: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    values: tuple[str, ...] = ()


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


#: A question type may also define ``answer(question) -> Answer``; without it quizlib finds
#: the answer by grading (see :func:`quizlib.answer_of`).
AnswerFunction = Callable[[Question], Answer]
