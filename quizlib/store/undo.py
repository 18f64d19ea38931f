"""Taking back a saved answer without overwriting what another session saved since.

Two sessions may study one database at once. Undo in one of them puts a card back as it
was before that session's answer, which is only right while that answer is still the
card's latest: once another session has answered the same card, its state was computed
from ours and undoing would overwrite it. Both rules below decide under the write lock.
"""

from __future__ import annotations

import datetime as dt

from quizlib.store import log
from quizlib.store.records import CardRow
from quizlib.store.store import Store


def undo_review(
    store: Store, review_id: int, restore: CardRow | None, deck_id: str, question_id: str
) -> bool:
    """Remove a review and put its card back as it was before (``restore``; None: no card).

    A cram review never changed the card, so only the review goes.

    Returns:
        False, changing nothing, when the review is gone or another review of the card
        that changed it was saved after this one (another session answered it since; a
        review imported by ``quizlib sync`` does not count, see :mod:`quizlib.store.syncstate`).

    Raises:
        StoreError: The database refused the change.
    """
    conn = store._conn  # the store package's own connection
    with store.transaction():
        row = conn.execute("SELECT cram, card FROM reviews WHERE id = ?", (review_id,)).fetchone()
        if row is None:
            return False
        cram, card_key = bool(row[0]), row[1]
        # Row ids grow with insertion, so a larger id on the same card is a later save. A review
        # another device gave, imported by `quizlib sync`, does not count: the undo queues the
        # card in ``sync_replay``, and the next sync recomputes it from the merged log.
        later = conn.execute(
            "SELECT 1 FROM reviews WHERE card = ? AND id > ? AND cram = 0"
            " AND COALESCE(origin, '') NOT LIKE 'sync:%' LIMIT 1",
            (card_key, review_id),
        ).fetchone()
        if later is not None and not cram:
            return False
        # Recorded for `quizlib sync`, which removes the review on the other devices and
        # recomputes this card from the log (reviews imported since the answer make it stale).
        from quizlib.store import syncstate  # the sync tables' code: only when undoing

        syncstate.record_undo(store, review_id, deck_id, question_id)
        log.remove(conn, review_id)
        syncstate.lower_review_mark(store)
        if cram:
            return True
        if restore is None:
            conn.execute("DELETE FROM cards WHERE deck_id = ? AND question_id = ?", (deck_id, question_id))
        else:
            conn.execute(*store.upsert_sql(restore))
    return True


def unbury(store: Store, deck_id: str, question_id: str, buried_until: dt.datetime | None) -> None:
    """Put back a card's ``buried_until`` as it was before a bury, and nothing else.

    The card's state stays whoever wrote it (another session may have answered the card
    meanwhile); a row that held nothing but the bury goes.
    """
    until = buried_until.astimezone(dt.UTC).isoformat() if buried_until is not None else None
    conn = store._conn
    with store.transaction():
        conn.execute(
            "UPDATE cards SET buried_until = ? WHERE deck_id = ? AND question_id = ?",
            (until, deck_id, question_id),
        )
        conn.execute(
            "DELETE FROM cards WHERE deck_id = ? AND question_id = ? AND state IS NULL AND reps = 0"
            " AND suspended = 0 AND leech = 0 AND buried_until IS NULL",
            (deck_id, question_id),
        )
