"""Moving a card's history to a question's new id (a question type changed its ids).

Cards and reviews are keyed by (deck id, question id). When a question type changes how
it names its questions (cloze gaps keyed by their text instead of their position), the
questions list their old ids and the history moves over once, the first time a session
sees both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from quizlib.store.store import Store

#: SQLite accepts at most 999 parameters per statement in older builds.
_CHUNK = 500


def rename_cards(store: Store, deck_id: str, renames: Mapping[str, str]) -> int:
    """Move cards and their reviews from old question ids to new ones.

    A card moves only when nothing is stored under its new id yet: history a question
    already has under its new id is never overwritten. Nothing is written (no write lock,
    so a read-only database is fine) unless a card is stored under an old id.

    Args:
        store: The review database.
        deck_id: The deck the questions belong to.
        renames: Old question id → new question id.

    Returns:
        How many cards moved.

    Raises:
        StoreError: The database refused the move.
    """
    stored = stored_ids(store, deck_id, [*renames, *renames.values()])
    moves = {old: new for old, new in renames.items() if old in stored and new not in stored}
    if not moves:
        return 0
    moved = 0
    conn = store._conn  # the store package's own connection
    with store.transaction():
        for old, new in moves.items():
            if stored_ids(store, deck_id, [new]):  # another session moved or answered it meanwhile
                continue
            taken = conn.execute(  # a cram review alone keys a card without storing its state
                "SELECT 1 FROM card_keys WHERE deck_id = ? AND question_id = ?", (deck_id, new)
            ).fetchone()
            if taken is not None:
                continue
            # Reviews name their card through card_keys: renaming the key moves them all.
            for table in ("cards", "card_keys"):
                conn.execute(
                    f"UPDATE {table} SET question_id = ? WHERE deck_id = ? AND question_id = ?",
                    (new, deck_id, old),
                )
            moved += 1
    return moved


def stored_ids(store: Store, deck_id: str, question_ids: Sequence[str]) -> set[str]:
    """Which of ``question_ids`` have a card in ``deck_id``."""
    found: set[str] = set()
    for start in range(0, len(question_ids), _CHUNK):
        chunk = question_ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = store._conn.execute(
            f"SELECT question_id FROM cards WHERE deck_id = ? AND question_id IN ({marks})",
            (deck_id, *chunk),
        )
        found.update(r[0] for r in rows)
    return found
