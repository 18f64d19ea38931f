"""Cards whose question no longer exists: a fact deleted from its deck, a type turned off.

The review database keys cards by (deck id, question id) and never deletes one on its own,
so an edit that removes a question leaves its card behind, due for ever. These helpers find
them from the decks at hand; ``quizlib orphans`` lists or prunes them, and ``stats`` leaves
them out of the forecast and the hardest questions.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from pathlib import Path

from quizlib.errors import QuizError
from quizlib.model import Deck
from quizlib.plugins import PluginHost
from quizlib.store.store import CardRow


def live_question_ids(deck: Deck, host: PluginHost) -> set[str]:
    """The ids of the questions a deck generates now (ids do not depend on the seed)."""
    from quizlib.study.questions import generate_questions  # imports every question type

    return {q.id for q in generate_questions(deck, host, random.Random(0)).questions}


def split_orphans(
    cards: Iterable[CardRow], live: Mapping[str, set[str]]
) -> tuple[list[CardRow], list[CardRow]]:
    """(cards to keep, orphans): a card is an orphan when its deck is in ``live`` (a deck at
    hand, by id) and its question is not among that deck's questions."""
    kept: list[CardRow] = []
    orphans: list[CardRow] = []
    for card in cards:
        ids = live.get(card.deck_id)
        (orphans if ids is not None and card.question_id not in ids else kept).append(card)
    return kept, orphans


def live_ids_of_files(
    paths: Mapping[str, Path], host: PluginHost, wanted: Iterable[str]
) -> dict[str, set[str]]:
    """Live question ids of the wanted deck ids whose file is known (unreadable ones skipped)."""
    from quizlib.deckfile.load import load_deck

    live: dict[str, set[str]] = {}
    for deck_id in set(wanted) & set(paths):
        try:
            deck = load_deck(paths[deck_id], sections=host.sections)
        except QuizError:
            continue  # a deck that does not load cannot say which questions are gone
        live[deck_id] = live_question_ids(deck, host)
    return live
