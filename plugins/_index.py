"""Deck-wide lookups the built-in question types need for every fact, built once per deck.

Not a plugin (the leading underscore keeps the plugin loader away). A question type is
called once per fact; anything it derives from the whole deck (every date, every figure,
which actors are quoted, each actor's name forms) is derived once here and kept while the
deck lives, so generating a section costs time in proportion to its facts, not their square.
Decks are frozen once loaded: a lookup never goes stale.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from quizlib import Actor, Deck, name_forms, normalise

T = TypeVar("T")

#: id(deck) -> (a weak reference that drops the entry with the deck, the deck's lookups)
_LOOKUPS: dict[int, tuple[weakref.ref[Deck], dict[Hashable, Any]]] = {}


def _forget(table: dict[int, Any], key: int) -> Callable[[weakref.ref[Deck]], None]:
    # The callback holds the table itself: at interpreter exit module globals are gone.
    def callback(_: weakref.ref[Deck]) -> None:
        table.pop(key, None)

    return callback


def per_deck(deck: Deck, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``'s value for this deck and ``key``, computed on first use.

    Keyed by the deck object (decks hold dicts, so they cannot be hashed): a deck loaded
    again is a new object with lookups of its own.
    """
    entry = _LOOKUPS.get(id(deck))
    if entry is None or entry[0]() is not deck:
        ident = id(deck)
        ref = weakref.ref(deck, _forget(_LOOKUPS, ident))
        entry = (ref, {})
        _LOOKUPS[ident] = entry
    table = entry[1]
    if key not in table:
        table[key] = build()
    value: T = table[key]
    return value


class Actors:
    """Per-actor lookups of one deck: name forms, role words, lineage, sides, overlaps.

    Each is found on first use and kept; an actor that is not the deck's own (same id,
    another object) is looked up afresh every time.
    """

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self._forms: dict[str, tuple[str, ...]] = {}
        self._roles: dict[str, frozenset[str]] = {}
        self._lineage: dict[str, frozenset[str]] = {}
        self._sides: dict[str, frozenset[str]] = {}
        self._overlap: dict[tuple[str, str], bool] = {}

    def _own(self, actor: Actor) -> bool:
        return self.deck.actors.get(actor.id) is actor

    def _kept(self, table: dict[str, T], actor: Actor, compute: Callable[[Actor], T]) -> T:
        own = self.deck.actors.get(actor.id) is actor
        if not own:
            return compute(actor)
        if actor.id not in table:
            table[actor.id] = compute(actor)
        return table[actor.id]

    def forms(self, actor: Actor) -> tuple[str, ...]:
        """:func:`quizlib.name_forms` of the actor."""
        return self._kept(self._forms, actor, lambda a: tuple(name_forms(a)))

    def roles(self, actor: Actor) -> frozenset[str]:
        """The identifying words of the actor's role (see ``_speakers.role_words``)."""
        from ._speakers import role_words  # imported here: _speakers imports this module

        return self._kept(self._roles, actor, lambda a: frozenset(role_words(a)))

    def lineage(self, actor_id: str) -> frozenset[str]:
        """:meth:`quizlib.Deck.lineage`."""
        found = self._lineage.get(actor_id)
        if found is None:
            found = self._lineage[actor_id] = frozenset(self.deck.lineage(actor_id))
        return found

    def sides(self, actor_id: str) -> frozenset[str]:
        """:meth:`quizlib.Deck.sides`."""
        found = self._sides.get(actor_id)
        if found is None:
            found = self._sides[actor_id] = self.deck.sides(actor_id)
        return found

    def related(self, a: str, b: str) -> bool:
        """:meth:`quizlib.Deck.related`."""
        return a in self.lineage(b) or b in self.lineage(a)

    def overlap(self, a: Actor, b: Actor) -> bool:
        """Whether one actor's name form is, or holds as whole words, one of the other's."""
        own = self._own(a) and self._own(b)
        found = self._overlap.get((a.id, b.id)) if own else None
        if found is None:
            mine, theirs = self.forms(a), self.forms(b)
            found = any(f" {x} " in f" {y} " or f" {y} " in f" {x} " for x in mine for y in theirs)
            if own:
                self._overlap[(a.id, b.id)] = found
        return found


def actors(deck: Deck) -> Actors:
    """The deck's :class:`Actors` lookups."""
    return per_deck(deck, "actors", lambda: Actors(deck))


def padded_has(padded: str, forms: tuple[str, ...]) -> bool:
    """Whether ``padded`` (normalised text with a space at each end) holds one of the forms
    as whole words."""
    return any(f" {form} " in padded for form in forms)


class _Names:
    """Every name form of the deck's actors, to the actors it names."""

    def __init__(self, deck: Deck) -> None:
        self.by_form: dict[tuple[str, ...], set[str]] = {}
        for actor in deck.actors.values():
            for form in actors(deck).forms(actor):
                self.by_form.setdefault(tuple(form.split(" ")), set()).add(actor.id)
        #: The most words of a form starting with each word: where a name may start.
        self.longest: dict[str, int] = {}
        for words in self.by_form:
            self.longest[words[0]] = max(self.longest.get(words[0], 0), len(words))


def actors_named(deck: Deck, text: str) -> set[str]:
    """Ids of the deck's actors that ``text`` names by any name form, as whole words.

    The same as testing each actor's forms against the normalised text, in time that
    grows with the text, not with the number of actors.
    """
    names = per_deck(deck, "names", lambda: _Names(deck))
    words = normalise(text).split(" ")
    found: set[str] = set()
    for start, first in enumerate(words):
        longest = names.longest.get(first, 0)  # 0: no name form starts with this word
        for end in range(start + 1, min(len(words), start + longest) + 1):
            found |= names.by_form.get(tuple(words[start:end]), set())
    return found
