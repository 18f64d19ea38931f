"""Review-log exchange: CSV export and an idempotent merging import.

The CSV has the columns FSRS tools use — ``card_id``, ``review_time`` (ISO 8601 UTC),
``review_rating`` (1-4), ``review_duration`` (ms) — followed by quizlib's own. Importing
merges: a review already present (same ``review_id``, or for files without one the same
card, time and rating) is skipped, so importing a file twice adds nothing and importing
two machines' logs gives their union. Card states are then recomputed by replaying the
merged log with the one review rule (:mod:`quizlib.srs.replay`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from quizlib.clock import system_clock
from quizlib.exchange.logcsv import COLUMNS, FSRS_COLUMNS, OUR_COLUMNS, read_csv
from quizlib.srs.replay import replay, replay_history, rescheduler
from quizlib.store.store import Review, Store


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


def import_reviews(
    store: Store,
    reviews: Iterable[Review],
    *,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Merge reviews into the store and recompute the states of the cards they touch.

    Everything happens in one transaction (:meth:`Store.import_reviews`): a bad row anywhere
    in ``reviews`` (the reader raises, or a review is dated more than a day after ``now``)
    leaves the database as it was, and so does a failure while replaying. The touched cards
    are replayed with the one review rule (:mod:`quizlib.srs.replay`), with each deck's
    stored settings and fitted parameters: a card that lapses 8 times is a leech and
    suspended, as in a session. Reviews are streamed; memory does not grow with the log.

    Args:
        store: The review database.
        reviews: The reviews to merge.
        now: The current time (None: the system clock, or ``QUIZLIB_NOW``).

    Raises:
        QuizError: A row is invalid (the database is unchanged).
        StoreError: The database is locked, read-only, full or damaged.
    """
    moment = now if now is not None else system_clock()()
    read, added, cards = store.import_reviews(reviews, rescheduler(store), now=moment)
    return ImportResult(read, added, read - added, cards)


def import_csv_text(
    store: Store, text: str, default_deck: str = "imported", *, now: dt.datetime | None = None
) -> ImportResult:
    """Import a CSV given as text (tests, small files)."""
    return import_reviews(store, read_csv(io.StringIO(text, newline=""), default_deck, now=now), now=now)


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
