"""Review-log exchange: CSV export and an idempotent merging import.

The CSV has the columns FSRS tools use — ``card_id``, ``review_time`` (ISO 8601 UTC),
``review_rating`` (1-4), ``review_duration`` (ms) — followed by quizlib's own. Importing
merges: a review already present (same ``review_id``, or for files without one the same
card, time and rating) is skipped, so importing a file twice adds nothing and importing
two machines' logs gives their union. Card states are then recomputed by replaying the
merged log.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TextIO

from quizlib.errors import QuizError
from quizlib.exchange.logcsv import COLUMNS, FSRS_COLUMNS, OUR_COLUMNS, read_csv
from quizlib.model import Rating
from quizlib.srs.scheduling import SchedulerSettings, Scheduling, State, due_of, is_review_state
from quizlib.store.records import review_from_row
from quizlib.store.store import CardRow, Review, Store


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    read: int
    added: int
    skipped: int
    cards: int


def export_csv(store: Store, out: TextIO, deck_id: str | None = None) -> int:
    """Write the review log as CSV; returns the number of reviews written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for r in store.reviews(deck_id):
        writer.writerow(
            [
                f"{r.deck_id}/{r.question_id}",
                r.reviewed_at.astimezone(dt.UTC).isoformat(),
                r.rating,
                r.response_ms,
                r.deck_id,
                r.question_id,
                r.type,
                "" if r.score is None else r.score,
                "" if r.suggested is None else r.suggested,
                r.answer,
                int(r.cram),
                r.uuid,
            ]
        )
        count += 1
    return count


_INSERT = (
    "INSERT OR IGNORE INTO reviews (uuid, deck_id, question_id, type, reviewed_at, answer, score,"
    " suggested, rating, response_ms, cram, origin) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)


def import_reviews(
    store: Store, reviews: Iterable[Review], settings: Mapping[str, SchedulerSettings] | None = None
) -> ImportResult:
    """Merge reviews into the store and recompute the states of the cards they touch.

    Everything happens in one transaction: a bad row anywhere in ``reviews`` (the reader
    raises) leaves the database as it was, and so does a failure while replaying. Reviews
    are streamed into the database; memory does not grow with the size of the log.

    Raises:
        QuizError: A row is invalid (the database is unchanged).
        StoreError: The database is locked, read-only, full or damaged.
    """
    conn = store.conn
    store.check_intact()  # a file damaged since it was opened must not be written to
    counted = _Counter(reviews)
    with store.transaction():
        before = conn.execute("SELECT COALESCE(MAX(id), 0) FROM reviews").fetchone()[0]
        conn.executemany(_INSERT, (_params(r) for r in counted))
        _touch(conn, "SELECT DISTINCT deck_id, question_id FROM reviews WHERE id > ?", (before,))
        added = conn.execute("SELECT COUNT(*) FROM reviews WHERE id > ?", (before,)).fetchone()[0]
        cards = _replay_touched(store, settings or {})
    return ImportResult(counted.count, added, counted.count - added, cards)


class _Counter:
    """Counts the reviews passing through (the import never lists them)."""

    def __init__(self, reviews: Iterable[Review]) -> None:
        self.reviews = reviews
        self.count = 0

    def __iter__(self) -> Iterator[Review]:
        for r in self.reviews:
            self.count += 1
            yield r


def _params(r: Review) -> tuple[object, ...]:
    return (
        r.uuid,
        r.deck_id,
        r.question_id,
        r.type,
        r.reviewed_at.astimezone(dt.UTC).isoformat(),
        r.answer,
        r.score,
        r.suggested,
        r.rating,
        r.response_ms,
        int(r.cram),
        r.origin,
    )


def _touch(conn: sqlite3.Connection, select: str, params: Iterable[object] = ()) -> None:
    """Fill the temporary table of cards to replay (a table, not a set: it may be huge)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS replay_cards (deck_id TEXT, question_id TEXT)")
    conn.execute("DELETE FROM temp.replay_cards")
    conn.execute(f"INSERT INTO temp.replay_cards {select}", tuple(params))


def replay(store: Store, cards: Iterable[tuple[str, str]], settings: Mapping[str, SchedulerSettings]) -> None:
    """Recompute card states from the review log (non-cram reviews, in time order)."""
    with store.transaction():
        _touch(store.conn, "SELECT NULL, NULL WHERE 0")
        store.conn.executemany("INSERT INTO temp.replay_cards VALUES (?, ?)", cards)
        _replay_touched(store, settings)


def _replay_touched(store: Store, settings: Mapping[str, SchedulerSettings]) -> int:
    """Replay the cards listed in ``temp.replay_cards`` inside the open transaction."""
    rows = store.conn.execute(
        "SELECT r.* FROM reviews r JOIN temp.replay_cards t"
        " ON r.deck_id = t.deck_id AND r.question_id = t.question_id WHERE r.cram = 0"
        " ORDER BY r.deck_id, r.question_id, r.reviewed_at, r.uuid"
    )
    schedulers: dict[str, Scheduling] = {}
    count = 0
    # Ordered by card, then by time and review id: two logs merged in either order replay the
    # same, even with two reviews of one card at the same instant; one card at a time in memory.
    for (deck_id, question_id), group in itertools.groupby(
        map(review_from_row, rows), key=lambda r: (r.deck_id, r.question_id)
    ):
        sched = schedulers.get(deck_id)
        if sched is None:
            sched = schedulers[deck_id] = Scheduling(settings.get(deck_id, SchedulerSettings()))
        history = list(group)
        try:
            state, lapses = replay_history(sched, history)
        except OverflowError:
            # Only a log written before future dates were refused can hold such a review;
            # naming it lets the learner find it (the transaction is rolled back).
            latest = max(r.reviewed_at for r in history).isoformat()
            raise QuizError(
                f"card {deck_id}/{question_id} cannot be rescheduled: a review dated {latest} is"
                " out of the calendar's range; remove it from the log (reviews table) and retry"
            ) from None
        assert state is not None
        old = store.card(deck_id, question_id)
        card = CardRow(
            deck_id,
            question_id,
            state,
            due_of(state),
            len(history),
            lapses,
            old.suspended if old else False,
            old.buried_until if old else None,
            old.leech if old else False,
            old.content_hash if old else "",
        )
        store.conn.execute(*store.upsert_sql(card))
        count += 1
    return count


def replay_history(sched: Scheduling, history: Iterable[Review]) -> tuple[State | None, int]:
    """A card's state and lapse count after its (non-cram) reviews, given in time order."""
    state: State | None = None
    lapses = 0
    for r in history:
        if Rating(r.rating) is Rating.AGAIN and is_review_state(state):
            lapses += 1
        state = sched.review(state, Rating(r.rating), r.reviewed_at, f"{r.deck_id}/{r.question_id}")
    return state, lapses


def import_csv_text(
    store: Store, text: str, default_deck: str = "imported", *, now: dt.datetime | None = None
) -> ImportResult:
    """Import a CSV given as text (tests, small files)."""
    return import_reviews(store, read_csv(io.StringIO(text, newline=""), default_deck, now=now))


__all__ = [
    "COLUMNS",
    "FSRS_COLUMNS",
    "OUR_COLUMNS",
    "ImportResult",
    "export_csv",
    "import_csv_text",
    "import_reviews",
    "read_csv",
    "replay",
    "replay_history",
]
