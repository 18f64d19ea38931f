"""The rows one answer reads and writes, each statement touching only what the answer changes.

An answer runs, inside its ``BEGIN IMMEDIATE`` transaction: one read of the card's state,
its log key and the log's newest time (:func:`read`), the review's INSERT (and the key's
first review time, when it moves: :func:`quizlib.store.log.append`), and one UPDATE of the
card's changed columns by row id (:func:`write_card`). Columns left as they were are not
set, so SQLite leaves the indexes built on them alone: fewer pages to write and to fsync at
the commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from quizlib.store.log import NEWEST
from quizlib.store.queries import iso
from quizlib.store.records import CardRow, card_from_row

#: The ``cards`` columns an answer may change, in table order after the two key columns.
STATE_COLUMNS = ("content_hash", "state", "due", "reps", "lapses", "suspended", "buried_until", "leech")

# One row whether or not the card has a ``cards`` row or a log key yet (a card never
# answered, or only crammed): both are looked up by their unique (deck_id, question_id).
_READ = (
    f"SELECT k.id, k.first_review, ({NEWEST}), c.rowid, c.deck_id, c.question_id, "
    + ", ".join(f"c.{name}" for name in STATE_COLUMNS)
    + " FROM (SELECT 1) LEFT JOIN cards AS c ON c.deck_id = :deck AND c.question_id = :question"
    " LEFT JOIN card_keys AS k ON k.deck_id = :deck AND k.question_id = :question"
)


class Found(NamedTuple):
    """A card's rows as an answer's transaction read them.

    Attributes:
        key: The card's ``card_keys`` id (None: no review logged yet).
        first: Its first (non-cram) review time in microseconds (None: none yet).
        newest: The log's newest review time in its time order, in microseconds (None: the
            log is empty; see :data:`quizlib.store.log.NEWEST`).
        rowid: The card's ``cards`` row id (None: no row).
        stored: That row's :data:`STATE_COLUMNS` as stored (empty without a row).
        card: That row as a value (None without a row).
    """

    key: int | None
    first: int | None
    newest: int | None
    rowid: int | None
    stored: tuple[Any, ...]
    card: CardRow | None


def read(conn: sqlite3.Connection, deck_id: str, question_id: str) -> Found:
    """The card's state, its log key and the log's newest time, with one statement (in the
    caller's transaction)."""
    row = conn.execute(_READ, {"deck": deck_id, "question": question_id}).fetchone()
    key, first, newest, rowid = row[:4]
    if rowid is None:
        return Found(key, first, newest, None, (), None)
    return Found(key, first, newest, rowid, row[6:], card_from_row(row[4:]))


def stored_values(card: CardRow, state_json: str | None) -> tuple[Any, ...]:
    """A card's :data:`STATE_COLUMNS` as the ``cards`` table stores them (``state_json``:
    its state, already encoded)."""
    return (
        card.content_hash,
        state_json,
        iso(card.due),
        card.reps,
        card.lapses,
        int(card.suspended),
        iso(card.buried_until),
        int(card.leech),
    )


def write_card(conn: sqlite3.Connection, found: Found, values: Sequence[Any]) -> bool:
    """Set the columns of the card's row that ``values`` (:func:`stored_values`) change, by
    row id; False when there is no row to update (the caller inserts one)."""
    if found.rowid is None:
        return False
    changed = [
        (name, new) for name, new, old in zip(STATE_COLUMNS, values, found.stored, strict=True) if new != old
    ]
    if changed:
        assignments = ", ".join(f"{name} = ?" for name, _ in changed)
        conn.execute(
            f"UPDATE cards SET {assignments} WHERE rowid = ?", (*(v for _, v in changed), found.rowid)
        )
    return True
