"""Cards whose question no longer exists: a fact deleted from its deck, a type turned off.

The review database keys cards by (deck id, question id) and never deletes one on its own,
so an edit that removes a question leaves its card behind, due for ever. These helpers find
them from the decks at hand; ``quizlib orphans`` lists or prunes them, and ``stats`` leaves
them out of the forecast and the hardest questions.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from quizlib.errors import QuizError
from quizlib.model import Deck, Question
from quizlib.plugins import PluginHost
from quizlib.store.renames import rename_cards
from quizlib.store.store import CardRow, Store

#: The key under which a question lists the ids it had in earlier versions of its type.
FORMER_IDS = "former_ids"


@dataclass(frozen=True)
class LiveQuestions:
    """The questions a deck generates now, and the cards that cannot be judged.

    A plugin's fault must never make its cards look deleted (``orphans --prune`` would
    remove them): a card of a question type that failed on some of the deck's facts is
    not an orphan, and neither is a card of a type that is not loaded while some plugin
    failed to load (it may be that plugin's).

    Attributes:
        ids: The ids of the questions the deck generates now, and their former ids.
        failed_types: Question types that failed on some facts of the deck.
        loaded_types: The question types loaded, when some plugin failed to load (None
            when every plugin loaded: a type that is not loaded was turned off).
    """

    ids: frozenset[str]
    failed_types: frozenset[str] = frozenset()
    loaded_types: frozenset[str] | None = None

    def is_orphan(self, question_id: str) -> bool:
        """Whether a card's question is gone from the deck (not merely unknown)."""
        if question_id in self.ids:
            return False
        # An id is section/fact-id/type[/variant]; fact ids and section names are slugs.
        parts = question_id.split("/")
        type_name = parts[2] if len(parts) > 2 else ""
        if type_name in self.failed_types:
            return False
        return self.loaded_types is None or type_name in self.loaded_types


def live_question_ids(deck: Deck, host: PluginHost) -> LiveQuestions:
    """The questions a deck generates now (ids do not depend on the seed), and which
    question types cannot tell (:class:`LiveQuestions`)."""
    from quizlib.study.questions import generate_questions  # imports every question type

    generated = generate_questions(deck, host, random.Random(0))
    questions = generated.questions
    # A card under a former id is not an orphan: its history moves at the next session.
    ids = frozenset({q.id for q in questions} | set(former_ids(questions)))
    loaded = frozenset(host.question_types) if host.errors else None
    return LiveQuestions(ids, frozenset(generated.failed_types), loaded)


def former_ids(questions: Sequence[Question]) -> dict[str, str]:
    """Former id → current id, from the questions' ``key["former_ids"]``.

    An id that is a current question's own id is never a former one (a gap keyed "g2"
    keeps its history), and the first question to claim a former id gets it.
    """
    current = {q.id for q in questions}
    out: dict[str, str] = {}
    for q in questions:
        for old in q.key.get(FORMER_IDS, ()):
            if isinstance(old, str) and old not in current:
                out.setdefault(old, q.id)
    return out


def adopt_former_ids(store: Store, deck_id: str, questions: Sequence[Question]) -> int:
    """Move history stored under former ids to the questions' current ids; how many moved."""
    renames = former_ids(questions)
    return rename_cards(store, deck_id, renames) if renames else 0


def split_orphans(
    cards: Iterable[CardRow], live: Mapping[str, LiveQuestions]
) -> tuple[list[CardRow], list[CardRow]]:
    """(cards to keep, orphans): a card is an orphan when its deck is in ``live`` (a deck at
    hand, by id) and its question is gone from that deck (:meth:`LiveQuestions.is_orphan`)."""
    kept: list[CardRow] = []
    orphans: list[CardRow] = []
    for card in cards:
        questions = live.get(card.deck_id)
        (orphans if questions is not None and questions.is_orphan(card.question_id) else kept).append(card)
    return kept, orphans


def live_ids_of_files(
    paths: Mapping[str, Path], host: PluginHost, wanted: Iterable[str]
) -> dict[str, LiveQuestions]:
    """Live question ids of the wanted deck ids whose file is known (unreadable ones skipped)."""
    from quizlib.deckfile.load import load_deck

    live: dict[str, LiveQuestions] = {}
    for deck_id in set(wanted) & set(paths):
        try:
            deck = load_deck(paths[deck_id], sections=host.sections)
        except QuizError:
            continue  # a deck that does not load cannot say which questions are gone
        live[deck_id] = live_question_ids(deck, host)
    return live
