"""The deck side of the data model: schema fields, sections, sources, actors, facts, decks.

Everything here is a frozen dataclass or an enum; nothing touches files, the terminal,
the clock or randomness.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from quizlib.dates import PartialDate


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
    REF = "ref"  #: the id of an entry of another section, named by ``Field.refers``


@dataclass(frozen=True)
class Field:
    """The schema of one field of a section's entries.

    Attributes:
        kind: The field's type.
        required: Whether every entry must have it.
        description: One line for ``quizlib schema`` and the docs.
        values: The allowed values of an ENUM field (sections merge these).
        fields: For RECORDS: the schema of each record (a list of mappings, each with ``id``).
        refers: For REF: the section whose entry ids the value must name, e.g. ``events``.
    """

    kind: FieldKind
    required: bool = False
    description: str = ""
    values: tuple[str, ...] = ()
    fields: tuple[tuple[str, Field], ...] = ()
    refers: str = ""


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
        example: Example entries as YAML list items (each starting ``  - id: ...``), written
            by ``quizlib new`` under the section's key; an item with a ``type:`` that names no
            loaded question type is left out.
        identity: The field that says what an entry is about; ``check --strict`` compares it
            to find the same fact twice. Empty: the first required text field.
    """

    name: str
    fields: Mapping[str, Field]
    description: str = ""
    settings: Mapping[str, Field] = field(default_factory=dict)
    check: EntryCheck | None = None
    example: str = ""
    identity: str = ""


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


@dataclass(frozen=True, slots=True)
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
