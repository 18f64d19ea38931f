"""The review log's SQL: appending, removing, reading and bulk-importing reviews.

A review names its card by a small integer, a row of ``card_keys`` that also keeps the
card's first (non-cram) review time; these helpers keep it right on every write.

Row ids follow the order reviews are saved, and the reviews' times follow their row ids:
a review dated before one saved earlier (imported, or saved while the clock was set back)
is flagged ``backdated`` instead, and listed in the partial index ``reviews_backdated``.
So the reviews since a time are the rows after the newest unflagged one dated before it,
and the flagged ones of that index (:data:`REVIEWED_SINCE`), while an ordinary answer
writes no index entry for its time. The helpers run on a connection inside the caller's
transaction (:class:`quizlib.store.store.Store` opens it).
"""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from quizlib.errors import QuizError
from quizlib.store.records import (
    REVIEW_COLUMNS,
    CardRow,
    Review,
    micros,
    new_review_id,
    pack_uuid,
    review_from_row,
)

#: Rewrites one card from its (non-cram) history, oldest first, and its stored row.
Reschedule = Callable[[str, str, list[Review], CardRow | None], CardRow]

_KEY = (
    "INSERT INTO card_keys (deck_id, question_id, first_review) VALUES (?, ?, ?)"
    " ON CONFLICT (deck_id, question_id) DO UPDATE SET"
    # min() of two is NULL when either is: fall back to whichever is known.
    " first_review = COALESCE(MIN(first_review, excluded.first_review), first_review, excluded.first_review)"
    " RETURNING id"
)
_INSERT = (
    "INSERT INTO reviews (uuid, card, at, type, answer, score, suggested, rating, response_ms, cram, origin,"
    " backdated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)
#: The time of the newest review in the log's time order (none: no row): the row ids walked
#: down from the top past the flagged ones, which only an import leaves on top.
NEWEST = "SELECT at FROM reviews NOT INDEXED WHERE backdated IS NULL ORDER BY id DESC LIMIT 1"


def device_key(alias: str) -> str:
    """SQL for the device that saved review ``alias`` first: a review merged by ``quizlib sync``
    has origin ``sync:DEVICE``; any other was saved here (this database's sync device id,
    NULL before its first sync).

    Reviews of one card at the same instant replay by this, then in the order saved, so that
    every database holding the same reviews orders them alike (each device's own in the order
    it saved them).
    """
    return (
        f"CASE WHEN {alias}.origin LIKE 'sync:%' THEN substr({alias}.origin, 6)"
        " ELSE (SELECT value FROM sync_meta WHERE key = 'device') END"
    )


def _values(review: Review) -> tuple[object, ...]:
    return (
        pack_uuid(review.uuid or new_review_id()),
        micros(review.reviewed_at),
        review.type,
        review.answer or None,
        review.score,
        review.suggested,
        review.rating,
        review.response_ms,
        int(review.cram),
        review.origin or None,
    )


#: A card's ``card_keys`` row as read earlier in the same transaction, and the log's newest
#: time (:data:`NEWEST`): (id, first review, newest); an id of None when the card has none
#: yet, a newest of None when the log is empty.
KeyTimes = tuple[int | None, int | None, int | None]


def append(conn: sqlite3.Connection, review: Review, known: KeyTimes | None = None) -> int:
    """Append one review (its card's key created or its first time moved); the review id.

    Args:
        conn: The connection, in the caller's transaction.
        review: The review.
        known: The review's card key and the log's newest time as this transaction read
            them (None: looked up here).
    """
    at = micros(review.reviewed_at)
    first = None if review.cram else at  # a cram review is no card's first
    if known is None:
        row = conn.execute(NEWEST).fetchone()
        known = (None, None, row[0] if row else None)
    if known[0] is None:
        key = conn.execute(_KEY, (review.deck_id, review.question_id, first)).fetchone()[0]
    else:
        key = known[0]
        if first is not None and (known[1] is None or first < known[1]):
            # Only when it moves: an unchanged key leaves its row and its index alone.
            conn.execute("UPDATE card_keys SET first_review = ? WHERE id = ?", (first, key))
    backdated = 1 if known[2] is not None and at < known[2] else None
    values = _values(review)
    return conn.execute(_INSERT, (values[0], key, *values[1:], backdated)).lastrowid or 0


def remove(conn: sqlite3.Connection, review_id: int) -> None:
    """Delete one review (undo) and recompute its card's first review time."""
    row = conn.execute("DELETE FROM reviews WHERE id = ? RETURNING card", (review_id,)).fetchone()
    if row is not None:
        _refresh_times(conn, "id = ?", (row[0],))


def _refresh_times(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> None:
    # Each card's reviews come from the (card, at) index: a few rows per card.
    conn.execute(
        "UPDATE card_keys SET"
        f" first_review = (SELECT MIN(at) FROM reviews WHERE card = card_keys.id AND cram = 0) WHERE {where}",
        params,
    )


_SINCE = "SELECT k.question_id FROM reviews AS r{} CROSS JOIN card_keys AS k ON k.id = r.card WHERE {}"
_SINCE_TAIL = " AND r.at >= :since AND r.cram = 0 AND k.deck_id = :deck"
_STOP = "SELECT id FROM reviews NOT INDEXED WHERE backdated IS NULL AND at < :since ORDER BY id DESC LIMIT 1"
#: The question ids of deck ``:deck`` with a (non-cram) review at or after ``:since``
#: (microseconds): the rows after the newest unflagged review dated before ``:since`` (every
#: earlier unflagged one is dated before it too), and the flagged ones of the partial index
#: ``reviews_backdated``. Both read the reviews since and a few rows more; CROSS JOIN keeps
#: SQLite from starting at the deck's card keys instead. A card answered twice is listed
#: twice (UNION ALL: the caller's set drops repeats without a temporary B-tree).
REVIEWED_SINCE = (
    _SINCE.format("", f"r.id > COALESCE(({_STOP}), 0){_SINCE_TAIL}")
    + " UNION ALL "
    + _SINCE.format(" INDEXED BY reviews_backdated", f"r.backdated = 1{_SINCE_TAIL}")
)


def read(conn: sqlite3.Connection, deck_id: str | None) -> Iterator[Review]:
    """The log (of one deck, or all) in time order, same instants in the order saved
    (:func:`device_key`)."""
    where = " WHERE k.deck_id = ?" if deck_id else ""
    sql = (
        f"SELECT {REVIEW_COLUMNS} FROM reviews r JOIN card_keys k ON k.id = r.card{where}"
        f" ORDER BY r.at, {device_key('r')}, r.id"
    )
    for row in conn.execute(sql, (deck_id,) if deck_id else ()):
        yield review_from_row(row)


def import_rows(conn: sqlite3.Connection, reviews: Iterable[Review], latest: dt.datetime) -> tuple[int, int]:
    """Merge reviews (a review whose id is present is skipped); (read, added).

    Reviews are staged in a temporary table and merged with two statements, so memory does
    not grow with the log. The cards that got new reviews are left in ``temp.touched``.

    Raises:
        QuizError: A review is dated after ``latest`` (the caller's transaction rolls back).
    """
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS staged (n INTEGER PRIMARY KEY, uuid, deck_id, question_id,"
        " at, type, answer, score, suggested, rating, response_ms, cram, origin)"
    )
    conn.execute("DELETE FROM temp.staged")
    counter = itertools.count(1)
    conn.executemany(
        "INSERT INTO temp.staged VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", _staged(reviews, latest, counter)
    )
    read_count = next(counter) - 1
    before = conn.execute("SELECT COALESCE(MAX(id), 0) FROM reviews").fetchone()[0]
    cutoff = _backdated_before(conn)
    conn.execute(
        "INSERT OR IGNORE INTO card_keys (deck_id, question_id) SELECT deck_id, question_id FROM temp.staged"
    )
    # In time order, so that only those dated before the cutoff are backdated; same instants
    # in the file's order: reviews of one card at one instant replay in that order.
    conn.execute(
        "INSERT OR IGNORE INTO reviews (uuid, card, at, type, answer, score, suggested, rating,"
        " response_ms, cram, origin, backdated) SELECT s.uuid, k.id, s.at, s.type, s.answer, s.score,"
        " s.suggested, s.rating, s.response_ms, s.cram, s.origin, CASE WHEN s.at < ? THEN 1 END"
        " FROM temp.staged s JOIN card_keys k ON k.deck_id = s.deck_id AND k.question_id = s.question_id"
        " ORDER BY s.at, s.n",
        (cutoff,),
    )
    conn.execute("DELETE FROM temp.staged")
    touch(conn, "SELECT DISTINCT card FROM reviews WHERE id > ?", (before,))
    _refresh_times(conn, "id IN (SELECT card FROM temp.touched)", ())
    added = conn.execute("SELECT COUNT(*) FROM reviews WHERE id > ?", (before,)).fetchone()[0]
    return read_count, int(added)


def _backdated_before(conn: sqlite3.Connection) -> int | None:
    """The time before which a staged review is saved backdated (None: none is): the log's
    newest, unless flagging the log's own reviews dated after the earliest staged one flags
    fewer rows (a long history merged into a log of a few reviews), which it then does."""
    row = conn.execute(NEWEST).fetchone()
    if row is None:
        return None
    newest = int(row[0])
    earliest, older = conn.execute(  # reviews already in the log are not merged again
        "SELECT MIN(s.at), SUM(s.at < ?) FROM temp.staged AS s"
        " WHERE NOT EXISTS (SELECT 1 FROM reviews AS r WHERE r.uuid = s.uuid)",
        (newest,),
    ).fetchone()
    if not older:
        return newest
    # The log's unflagged reviews dated after ``earliest`` are its newest ones, above this row.
    below = conn.execute(
        "SELECT id FROM reviews NOT INDEXED WHERE backdated IS NULL AND at <= ? ORDER BY id DESC LIMIT 1",
        (earliest,),
    ).fetchone()
    bound = below[0] if below else 0
    newer = conn.execute("SELECT COUNT(*) FROM reviews WHERE id > ? AND backdated IS NULL", (bound,))
    if newer.fetchone()[0] >= older:
        return newest
    conn.execute("UPDATE reviews SET backdated = 1 WHERE id > ? AND backdated IS NULL", (bound,))
    return None


def _staged(
    reviews: Iterable[Review], latest: dt.datetime, counter: Iterator[int]
) -> Iterator[tuple[object, ...]]:
    for review in reviews:
        if review.reviewed_at > latest:
            raise QuizError(
                f"review {review.uuid} of {review.deck_id}/{review.question_id} is dated"
                f" {review.reviewed_at.isoformat()}, in the future (after {latest.isoformat()})"
            )
        values = _values(review)
        yield (next(counter), values[0], review.deck_id, review.question_id, *values[1:])


def touch(conn: sqlite3.Connection, select: str, params: Iterable[object] = ()) -> None:
    """Fill ``temp.touched`` with the card keys to replay (a table, not a set: it may be huge)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched (card INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.touched")
    conn.execute(f"INSERT OR IGNORE INTO temp.touched {select}", tuple(params))


def rewrite_touched(
    conn: sqlite3.Connection,
    reschedule: Reschedule,
    card: Callable[[str, str], CardRow | None],
    upsert: Callable[[CardRow], tuple[str, Sequence[Any]]],
) -> int:
    """Recompute the cards in ``temp.touched`` from their (non-cram) reviews; how many."""
    rows = conn.execute(
        f"SELECT {REVIEW_COLUMNS} FROM temp.touched t JOIN reviews r ON r.card = t.card"
        f" JOIN card_keys k ON k.id = r.card WHERE r.cram = 0 ORDER BY r.card, r.at, {device_key('r')}, r.id"
    )
    count = 0
    # One card at a time in memory; a card's reviews in time order, same instants in the
    # order they were saved or imported, per device (never by their random ids).
    for (deck_id, question_id), group in itertools.groupby(
        map(review_from_row, rows), key=lambda r: (r.deck_id, r.question_id)
    ):
        new = reschedule(deck_id, question_id, list(group), card(deck_id, question_id))
        conn.execute(*upsert(new))
        count += 1
    return count
