"""Choosing wrong speakers for "who said this?" that a learner cannot rule out by form.

Not a plugin (the leading underscore keeps the plugin loader away). A quote's side and kind
show through its words, so distractors come from the speaker's own side first: for a
Russian spokesperson other Russian officials, for a ministry other ministries.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Sequence
from typing import NamedTuple

from quizlib import Actor, Deck, name_forms, normalise

from ._index import actors, per_deck

#: Words that carry no identity; skipped when comparing roles.
STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "i", "in", "is", "it", "its", "of", "on", "or", "our", "she", "that", "the",
    "their", "them", "they", "this", "those", "to", "was", "we", "were", "which", "who", "will", "with",
    "would", "you",
})  # fmt: skip


def content(text: str) -> list[str]:
    """The words of a text that carry identity."""
    return [w for w in normalise(text).split() if w not in STOPWORDS]


def role_words(actor: Actor) -> set[str]:
    """The identifying words of an actor's role."""
    return set(content(actor.role))


def overlap(a: Actor, b: Actor) -> bool:
    """Whether one actor's name form is, or holds as whole words, one of the other's."""
    return any(f" {x} " in f" {y} " or f" {y} " in f" {x} " for x in name_forms(a) for y in name_forms(b))


@functools.cache
def _which() -> re.Pattern[str]:
    """The words after "which" that say whose side is asked for ("Which Armenian official …");
    compiled on first use, and used only for a stem that says "which" (:func:`may_say_which`)."""
    return re.compile(r"\bwhich\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.IGNORECASE)


def may_say_which(text: str) -> bool:
    """Whether the text may hold "which" as :func:`_which` reads it (ignoring case, to which
    "ı" and "İ" are an "i" too); when not, the pattern is neither compiled nor run."""
    return "which" in text.lower() or "ı" in text or "İ" in text


def named_sides(deck: Deck, text: str) -> set[str]:
    """Top-level actors (states, bodies of their own) that a "which …" phrase of the question
    names by name or adjective ("Which Armenian official" names Armenia)."""
    found = _which().search(text) if may_say_which(text) else None
    if not found:
        return set()
    phrase = normalise(found.group(1)).split()
    ix = actors(deck)
    out = set()
    for actor in deck.actors.values():
        if actor.parents:
            continue
        for form in ix.forms(actor):
            parts = form.split()
            if len(parts) == 1 and len(parts[0]) >= 4:
                # "armenian" is a form of "armenia": all but the last letter shared
                if any(w.startswith(parts[0][: max(4, len(parts[0]) - 1)]) for w in phrase):
                    out.add(actor.id)
            elif parts and f" {form} " in f" {' '.join(phrase)} ":
                out.add(actor.id)
    return out


def distractors(
    speaker: Actor,
    deck: Deck,
    rng: random.Random,
    count: int,
    exclude: Sequence[str] = (),
    within: frozenset[str] = frozenset(),
) -> list[Actor]:
    """Plausible wrong speakers, most plausible first; fewer than ``count`` rather than weak ones.

    Never related to the speaker, never sharing a name form with it, never in ``exclude``,
    always of the speaker's kind. A person is offered when they share the speaker's side
    (the top of its lineage: Zakharova's and Peskov's is Russia), else when the deck quotes
    them elsewhere, else when their role shares words with the speaker's; people on the
    speaker's side come first, then those the deck quotes, and among those first the ones
    quoted from a source the speaker is quoted from (a deck drafted from several articles
    offers the speaker's own article's speakers before another story's). An institution is
    offered when it has the speaker's shape (a body within a state for a ministry, a
    top-level one for a state) and shares role words with it ("ministry") or is quoted
    elsewhere; shared role words come first, then a common source as for people. Names never
    repeat. With ``within`` (the sides a "Which Armenian official" stem names), only actors
    of those sides are offered: any other falls out by the stem.

    What does not depend on the question (see :class:`Pool`) is found once per speaker of
    the deck, so a call costs time in proportion to the speaker's pool, not to the deck.
    """
    pool = speaker_pool(speaker, deck)
    excluded = set(exclude)
    if within:
        sides = actors(deck).sides
        kept = [i for i, a in enumerate(pool.ids) if a not in excluded and sides(a) & within]
    else:
        kept = [i for i, a in enumerate(pool.ids) if a not in excluded]
    rng.shuffle(kept)  # ties keep a random order
    kept.sort(key=pool.ranks.__getitem__)
    out: list[Actor] = []
    names: set[str] = set()
    for i in kept:
        if len(out) == count:
            break
        if pool.names[i] not in names:  # names never repeat
            names.add(pool.names[i])
            out.append(pool.actors[i])
    return out


class Pool(NamedTuple):
    """Every actor that :func:`distractors` may offer for one speaker, in the deck's order:
    of the speaker's kind, unrelated, no shared name form, and plausible. ``ranks`` orders
    them most plausible first (equal ranks: equally plausible); ``names`` are normalised."""

    actors: tuple[Actor, ...]
    ids: tuple[str, ...]
    ranks: tuple[int, ...]
    names: tuple[str, ...]


def speaker_pool(speaker: Actor, deck: Deck) -> Pool:
    """The speaker's :class:`Pool`, found once per deck for the deck's own actors."""
    if deck.actors.get(speaker.id) is not speaker:  # not the deck's own: nothing to keep
        return _pool(speaker, deck)
    pools: dict[str, Pool] = per_deck(deck, "speaker pools", dict)
    found = pools.get(speaker.id)
    if found is None:
        found = pools[speaker.id] = _pool(speaker, deck)
    return found


def _quote_sources(deck: Deck) -> dict[str, frozenset[str]]:
    """The source ids each speaker is quoted from."""
    found: dict[str, set[str]] = {}
    for q in deck.facts("quotes"):
        found.setdefault(str(q.get("speaker")), set()).update(c.source for c in q.sources)
    return {speaker: frozenset(ids) for speaker, ids in found.items()}


def _pool(speaker: Actor, deck: Deck) -> Pool:
    ix = actors(deck)
    cited = per_deck(deck, "quote sources", lambda: _quote_sources(deck))
    quoted = cited.keys()
    own = cited.get(speaker.id, frozenset())
    words = ix.roles(speaker)
    side = ix.sides(speaker.id)
    nested = bool(speaker.parents)

    def fits(a: Actor) -> bool:
        if speaker.kind == "person":
            return bool(ix.sides(a.id) & side) or a.id in quoted or bool(words & ix.roles(a))
        return bool(a.parents) == nested and (a.id in quoted or bool(words & ix.roles(a)))

    def plausibility(a: Actor) -> tuple[bool, bool, bool, int] | tuple[int, bool, bool]:
        elsewhere = not own & cited.get(a.id, frozenset())  # no source quotes both
        if speaker.kind == "person":
            return (not ix.sides(a.id) & side, a.id not in quoted, elsewhere, -len(words & ix.roles(a)))
        return (-len(words & ix.roles(a)), a.id not in quoted, elsewhere)

    pool = [
        a
        for a in deck.actors.values()
        if a.id != speaker.id
        and a.kind == speaker.kind
        and not ix.related(a.id, speaker.id)
        and not ix.overlap(a, speaker)
        and fits(a)
    ]
    keys = [plausibility(a) for a in pool]
    named = per_deck(
        deck, "normalised names", lambda: {a.id: normalise(a.name) for a in deck.actors.values()}
    )
    rank = {key: i for i, key in enumerate(sorted(set(keys)))}
    return Pool(
        actors=tuple(pool),
        ids=tuple(a.id for a in pool),
        ranks=tuple(rank[key] for key in keys),
        names=tuple(named[a.id] for a in pool),
    )
