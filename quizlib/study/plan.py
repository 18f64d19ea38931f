"""One deck's part of a study session: what the store says about its cards, and its
questions, generated one (type, fact) pair at a time when they are needed."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import TypeVar

from quizlib.deckfile.cache import LazyFacts, section_facts
from quizlib.model import Deck, Fact, Question, QuestionType
from quizlib.plugins import PluginHost
from quizlib.store.renames import rename_cards
from quizlib.store.store import Store
from quizlib.study.orphans import former_ids
from quizlib.study.questions import generate_pair, pairs, skipped
from quizlib.study.types import SessionOptions
from quizlib.study.waiting import Entry

T = TypeVar("T")


def pair_of(question_id: str) -> tuple[str, str] | None:
    """``(fact key, type name)`` of a question id ``section/fact/type[/variant]``."""
    parts = question_id.split("/", 3)
    return (f"{parts[0]}/{parts[1]}", parts[2]) if len(parts) >= 3 else None


class DeckPlan:
    """One deck's part of a session: what the store says about it, and its questions,
    generated one (type, fact) pair at a time when they are needed. Nothing here walks
    the deck's pairs: a question id names its pair, and new pairs are drawn at random."""

    def __init__(
        self,
        store: Store,
        deck: Deck,
        host: PluginHost,
        rng: random.Random,
        options: SessionOptions,
        now: dt.datetime,
        day_begins: dt.datetime,
        day_ends: dt.datetime,
    ) -> None:
        self.deck, self.host, self.rng, self.options = deck, host, rng, options
        self.store, self.now, self.day_ends = store, now, day_ends
        self._renamed: dict[str, str] = {}  # former question id -> current id, moved this session
        self.facts = FactIndex(deck)
        self.types = {
            qt.name: qt
            for section in deck.sections
            for qt in host.types_for(section)
            if not options.types or qt.name in options.types
        }
        self.tags = set(options.tags)
        self._reviewed: set[str] | None = None  # read when new questions are drawn
        self.hidden = store.hidden_ids(deck.id, now)
        # One question per fact per study day holds across sessions: a fact answered earlier
        # today offers no other question (its own learning steps go on).
        self.today = store.reviewed_since(deck.id, day_begins) if not options.cram else set()
        self.answered_facts = {k[0] for k in map(pair_of, self.today) if k is not None and self.pair(k)}
        self.deck_of: dict[str, str] = {}
        self._made: dict[tuple[str, str], list[Question]] = {}
        self._errors: list[str] = []  # a failing type is reported by `check`, skipped here

    @property
    def reviewed(self) -> set[str]:
        """Ids of the deck's reviewed questions (read once, when first needed: a session
        that draws no new question never lists them)."""
        if self._reviewed is None:
            self._reviewed = self.store.reviewed_ids(self.deck.id)
        return self._reviewed

    def pair(self, key: tuple[str, str]) -> tuple[QuestionType, Fact] | None:
        """The (type, fact) of a (fact key, type name), when the session asks that type of that
        fact (the type reads its section and passes ``--type``, the fact ``--tag`` and ``skip``)."""
        fact, qt = self.facts.get(key[0]), self.types.get(key[1])
        return (qt, fact) if fact is not None and qt is not None and self._fits(qt, fact) else None

    def _fits(self, qt: QuestionType, fact: Fact) -> bool:
        if qt.section != fact.section:
            return False
        if "skip" in fact.data and qt.name in skipped(fact):  # most facts skip nothing
            return False
        return not self.tags or bool(self.tags.intersection(fact.tags))

    def askable(self, question_id: str) -> str | None:
        """The fact of a question this session may ask (of this deck, not hidden, its fact
        not taken earlier today), else None."""
        key = pair_of(question_id)
        if key is None or question_id in self.hidden or self.pair(key) is None:
            return None
        if key[0] in self.answered_facts and question_id not in self.today:
            return None
        return key[0]

    def generated(
        self, key: tuple[str, str], found: tuple[QuestionType, Fact] | None = None
    ) -> list[Question]:
        """The questions of one (fact key, type) pair (``found``: its type and fact, when the
        caller has them), generated once."""
        if key not in self._made:
            found = found or self.pair(key)
            made = generate_pair(*found, self.deck, self.rng, self.host, self._errors) if found else []
            self._adopt(made)
            self._made[key] = made
            self.deck_of.update((q.id, self.deck.id) for q in made)
        return self._made[key]

    def question(self, question_id: str) -> Question | None:
        """The askable question with this id, generated; None when the deck no longer makes it."""
        key = pair_of(question_id)
        if key is None or self.askable(question_id) is None:
            return None
        made = self.generated(key)
        current = self._renamed.get(question_id, question_id)
        return next((q for q in made if q.id == current), None)

    def _adopt(self, made: list[Question]) -> None:
        """Move history stored under these questions' former ids (a type that renamed its
        questions, e.g. cloze gaps keyed by their text, not their position) to their ids, the
        first time a session generates them; what the plan knows of the cards follows."""
        renames = {old: new for old, new in former_ids(made).items() if self._has_history(old)}
        if not renames:
            return
        rename_cards(self.store, self.deck.id, renames)  # never overwrites a card's history
        self._renamed.update(renames)
        for known in (self._reviewed or set(), self.hidden, self.today):
            for old, new in renames.items():
                if old in known:
                    known.discard(old)
                    known.add(new)

    def due_fact(self, fact_key: str) -> bool:
        """True when this fact has a due card the session asks (due cards claim their fact
        first; the ones not read yet are found by one lookup of the fact's cards)."""
        ids = self.store.due_ids_of_fact(self.deck.id, fact_key, self.now, review_until=self.day_ends)
        return any(self.askable(qid) is not None for qid in ids)

    def _has_history(self, question_id: str) -> bool:
        if self._reviewed is not None:
            return question_id in self._reviewed
        card = self.store.card(self.deck.id, question_id)
        return card is not None and card.state is not None

    def new_questions(self, seen: set[str]) -> Iterator[Question]:
        """Never-reviewed askable questions, types taking turns, generated as they are drawn.

        Each type's facts are drawn in random order (a shuffle done one draw at a time). A
        pair whose fact is already taken is not generated; nor is one whose single question
        (an id without a variant) has been reviewed.
        """
        # Pairs whose single question was reviewed, as "section/fact/type" ids (a pair with
        # variants, such as cloze gaps, may still have new questions).
        reviewed = self.reviewed
        with_variants = {qid.rsplit("/", 1)[0] for qid in reviewed if qid.count("/") > 2}
        exhausted = {qid for qid in reviewed if qid.count("/") == 2} - with_variants
        # Facts of a type already reviewed or taken today: a type with none left is skipped
        # without drawing (as in a deck whose every card is due).
        done = Counter(
            name
            for fact, name in (qid.rsplit("/", 1) for qid in exhausted)
            if fact not in seen and fact in self.facts
        )
        taken = Counter(fact.split("/", 1)[0] for fact in seen if fact in self.facts)

        def turn(name: str, lane: Iterator[Fact]) -> list[Question] | None:
            """The new questions of the lane's next fact (None: no fact left)."""
            qt = self.types[name]
            for fact in lane:
                key = (f"{fact.section}/{fact.id}", name)
                if key[0] in seen or f"{key[0]}/{name}" in exhausted or not self._fits(qt, fact):
                    continue
                made = [
                    q
                    for q in self.generated(key, (qt, fact))
                    if q.id not in reviewed and self.askable(q.id) is not None
                ]
                # Looked up only for a fact that makes new questions: a due card of the fact
                # is asked today instead (most candidates of a type make nothing of a fact).
                if made and self.due_fact(key[0]):
                    continue
                return made
            return None

        lanes = []
        for name in sorted(self.types):
            section = self.types[name].section
            facts = section_facts(self.deck, section)  # a cached deck's facts are built as drawn
            if done[name] + taken[section] < len(facts):
                lanes.append((name, _drawn(facts, self.rng)))
        while lanes:
            for name, lane in list(lanes):
                made = turn(name, lane)
                if made is None:
                    lanes.remove((name, lane))
                    continue
                yield from made

    def cram(self, due_now: dict[str, int]) -> list[tuple[int, Entry]]:
        """Every askable question, ranked: the due ones first, then never-reviewed ones, then
        the reviewed ones."""
        due: list[tuple[int, Entry]] = []
        found = pairs(self.deck, self.host, types=self.options.types or None, tags=self.options.tags or None)
        for qt, fact in found:
            for q in self.generated((fact.key, qt.name)):
                if self.askable(q.id) is None:
                    continue
                if q.id in due_now:
                    due.append((due_now[q.id], q))
                else:
                    due.append((len(due_now) + (1 if q.id in self.reviewed else 0), q))
        return due


def _drawn(items: Sequence[T], rng: random.Random) -> Iterator[T]:
    """The items in random order, drawn one at a time: a Fisher-Yates shuffle that keeps
    only the positions it has moved, so k draws cost O(k) however many items there are."""
    moved: dict[int, int] = {}
    left = len(items)
    while left:
        i = rng.randrange(left)
        left -= 1
        pick = moved.get(i, i)
        moved[i] = moved.pop(left, left)  # the last undrawn position fills the hole
        yield items[pick]


class FactIndex:
    """A deck's facts by key (``section/id``), each section indexed when first looked into.
    A deck read from the cache builds only the facts looked up (and tells whether a key is
    one of its facts without building it)."""

    def __init__(self, deck: Deck) -> None:
        self._deck = deck
        self._sections: dict[str, Mapping[str, Fact] | LazyFacts] = {}

    def _section(self, section: str) -> Mapping[str, Fact] | LazyFacts:
        found = self._sections.get(section)
        if found is None:
            facts = section_facts(self._deck, section)
            found = facts if isinstance(facts, LazyFacts) else {f.id: f for f in facts}
            self._sections[section] = found
        return found

    def get(self, key: str) -> Fact | None:
        """The fact with this key, or None."""
        section, _, fact_id = key.partition("/")
        found = self._sections.get(section)  # inlined _section: this runs per candidate
        return (found if found is not None else self._section(section)).get(fact_id)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        section, _, fact_id = key.partition("/")
        found = self._section(section)
        return found.has(fact_id) if isinstance(found, LazyFacts) else fact_id in found
