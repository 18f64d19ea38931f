"""Replay: a card's state recomputed from its review log with the one review rule.

``log import`` reschedules the cards it touched this way, and ``optimize --apply``/``--undo``
every card of the decks they change. Each deck is replayed with the settings its last
session used (retention, learning steps, maximum interval; the store remembers them) and
its fitted parameters, as a live session would schedule it; a card's reviews at the same
instant replay in the order they were saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from quizlib.errors import QuizError
from quizlib.model import Deck, Rating
from quizlib.srs.cards import apply_review
from quizlib.srs.scheduling import SchedulerSettings, Scheduling
from quizlib.store.log import Reschedule
from quizlib.store.records import CardRow, Review
from quizlib.store.store import Store


def settings_record(settings: SchedulerSettings) -> dict[str, Any]:
    """The settings a deck's sessions schedule with, as the store remembers them (the fitted
    parameters live in their own table)."""
    return {
        "retention": settings.retention,
        "learning_steps": list(settings.learning_steps),
        "relearning_steps": list(settings.relearning_steps),
        "max_interval": settings.max_interval,
        "learn_ahead": settings.learn_ahead,
    }


def deck_scheduling(store: Store, deck: Deck) -> Scheduling:
    """The scheduler a session uses for ``deck``: its settings and fitted parameters. The
    settings are remembered in the store, so a later replay schedules the same way."""
    settings = SchedulerSettings.from_deck(deck, store.parameters_for(deck.id))
    record = settings_record(settings)
    if store.deck_settings(deck.id) != record:  # most sessions change nothing: no write
        store.save_deck_settings(deck.id, record)
    return Scheduling(settings)


def remember_decks(store: Store, decks: Sequence[Deck]) -> None:
    """Keep the scheduling settings of the decks about to be studied (as a session does), so a
    sync before the session replays merged reviews with them."""
    for deck in decks:
        deck_scheduling(store, deck)


def stored_scheduling(store: Store, deck_id: str) -> Scheduling:
    """The scheduler for a deck as its last session used it (defaults for a deck never
    studied here), with the parameters stored for it now."""
    saved: Mapping[str, Any] = store.deck_settings(deck_id) or {}
    defaults = SchedulerSettings()
    settings = SchedulerSettings(
        retention=float(saved.get("retention", defaults.retention)),
        learning_steps=tuple(saved.get("learning_steps", defaults.learning_steps)),
        relearning_steps=tuple(saved.get("relearning_steps", defaults.relearning_steps)),
        max_interval=int(saved.get("max_interval", defaults.max_interval)),
        learn_ahead=int(saved.get("learn_ahead", defaults.learn_ahead)),
        parameters=store.parameters_for(deck_id),
    )
    return Scheduling(settings)


def replay_history(
    scheduling: Scheduling, history: Sequence[Review], deck_id: str, question_id: str
) -> CardRow | None:
    """A card's state after its (non-cram) reviews, oldest first (None: no reviews)."""
    card: CardRow | None = None
    for r in history:
        card = apply_review(
            card, Rating(r.rating), r.reviewed_at, scheduling, deck_id=deck_id, question_id=question_id
        )
    return card


def rescheduler(store: Store) -> Reschedule:
    """The function the store calls for each card to rewrite: its replayed state, keeping
    what the log does not hold (suspension, bury, content hash) from the stored card."""
    schedulers: dict[str, Scheduling] = {}

    def reschedule(deck_id: str, question_id: str, history: list[Review], old: CardRow | None) -> CardRow:
        sched = schedulers.get(deck_id)
        if sched is None:
            sched = schedulers[deck_id] = stored_scheduling(store, deck_id)
        try:
            new = replay_history(sched, history, deck_id, question_id)
        except OverflowError:
            # Only a log written before future dates were refused can hold such a review;
            # naming it lets the learner find it (the transaction is rolled back).
            latest = max(r.reviewed_at for r in history).isoformat()
            raise QuizError(
                f"card {deck_id}/{question_id} cannot be rescheduled: a review dated {latest} is"
                " out of the calendar's range; remove it from the log and retry"
            ) from None
        assert new is not None  # the store passes only cards with reviews
        if old is None:
            return new
        # A leech the learner unsuspended stays unsuspended; one the replay found is suspended.
        found = new.leech and not old.leech
        return new._replace(
            suspended=old.suspended or found,
            buried_until=old.buried_until,
            leech=old.leech or new.leech,
            content_hash=old.content_hash,
        )

    return reschedule


def replay(store: Store, cards: Iterable[tuple[str, str]]) -> int:
    """Recompute the states of the given (deck id, question id) cards from the log, each
    deck with its stored settings and parameters; returns how many were rewritten."""
    return store.reschedule(cards, rescheduler(store))
