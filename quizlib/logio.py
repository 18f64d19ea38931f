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
import hashlib
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TextIO

from quizlib.errors import QuizError
from quizlib.model import Rating
from quizlib.scheduling import SchedulerSettings, Scheduling, State, due_of, is_review_state
from quizlib.store import CardRow, Review, Store

FSRS_COLUMNS = ["card_id", "review_time", "review_rating", "review_duration"]
OUR_COLUMNS = ["deck_id", "question_id", "type", "score", "suggested_rating", "answer", "cram", "review_id"]
COLUMNS = FSRS_COLUMNS + OUR_COLUMNS


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


def _parse_time(text: str, line: int) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise QuizError(f"line {line}: review_time {text!r} is not an ISO 8601 time") from None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def read_csv(source: TextIO, default_deck: str = "imported") -> Iterator[Review]:
    """Reviews from a CSV in our format or the plain 4-column FSRS format.

    Raises:
        QuizError: On a missing column or a malformed row, naming the line.
    """
    reader = csv.DictReader(source)
    missing = [c for c in FSRS_COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise QuizError(
            f"not a review log: missing column(s) {', '.join(missing)} (need {', '.join(FSRS_COLUMNS)})"
        )
    for line, row in enumerate(reader, start=2):
        try:
            rating = int(row["review_rating"])
            Rating(rating)
        except ValueError:
            raise QuizError(f"line {line}: review_rating {row['review_rating']!r} is not 1-4") from None
        when = _parse_time(row["review_time"], line)
        deck_id = row.get("deck_id") or default_deck
        question_id = row.get("question_id") or str(row["card_id"])
        duration = row.get("review_duration") or "0"
        # Files without our review_id get a stable one from what identifies a review, so
        # the same review imported twice (or from two copies of a file) is recognised.
        review_id = (
            row.get("review_id")
            or hashlib.sha256(f"{deck_id}|{question_id}|{when.isoformat()}|{rating}".encode()).hexdigest()[
                :32
            ]
        )
        score = row.get("score") or ""
        suggested = row.get("suggested_rating") or ""
        yield Review(
            uuid=review_id,
            deck_id=deck_id,
            question_id=question_id,
            type=row.get("type") or "imported",
            reviewed_at=when,
            rating=rating,
            answer=row.get("answer") or "",
            score=float(score) if score else None,
            suggested=int(suggested) if suggested else None,
            response_ms=int(float(duration)) if duration.strip() else 0,
            cram=(row.get("cram") or "0") == "1",
            origin="import",
        )


def import_reviews(
    store: Store, reviews: Iterable[Review], settings: Mapping[str, SchedulerSettings] | None = None
) -> ImportResult:
    """Merge reviews into the store and recompute the states of the cards they touch."""
    rows = list(reviews)
    known = {r[0] for r in store.conn.execute("SELECT uuid FROM reviews")}
    fresh = [r for r in rows if r.uuid not in known]
    unique = list({r.uuid: r for r in fresh}.values())
    if unique:
        store.conn.execute("BEGIN IMMEDIATE")
        try:
            store.conn.executemany(
                "INSERT INTO reviews (uuid, deck_id, question_id, type, reviewed_at, answer, score,"
                " suggested, rating, response_ms, cram, origin) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        r.uuid,
                        r.deck_id,
                        r.question_id,
                        r.type,
                        r.reviewed_at.isoformat(),
                        r.answer,
                        r.score,
                        r.suggested,
                        r.rating,
                        r.response_ms,
                        int(r.cram),
                        r.origin,
                    )
                    for r in unique
                ],
            )
            store.conn.execute("COMMIT")
        except BaseException:
            store.conn.execute("ROLLBACK")
            raise
    touched = {(r.deck_id, r.question_id) for r in unique}
    replay(store, touched, settings or {})
    return ImportResult(len(rows), len(unique), len(rows) - len(unique), len(touched))


def replay(store: Store, cards: Iterable[tuple[str, str]], settings: Mapping[str, SchedulerSettings]) -> None:
    """Recompute card states from the review log (non-cram reviews, in time order)."""
    wanted = set(cards)
    by_card: dict[tuple[str, str], list[Review]] = {}
    for r in store.reviews():
        if (r.deck_id, r.question_id) in wanted and not r.cram:
            by_card.setdefault((r.deck_id, r.question_id), []).append(r)
    schedulers: dict[str, Scheduling] = {}
    for (deck_id, question_id), history in by_card.items():
        # Order by time, then by review id: two logs merged in either order replay the same,
        # even in the degenerate case of two reviews of one card at the same instant.
        history.sort(key=lambda r: (r.reviewed_at, r.uuid))
        sched = schedulers.get(deck_id)
        if sched is None:
            sched = schedulers[deck_id] = Scheduling(settings.get(deck_id, SchedulerSettings()))
        state, lapses = replay_history(sched, history)
        old = store.card(deck_id, question_id)
        assert state is not None
        store.put_card(
            CardRow(
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
        )


def replay_history(sched: Scheduling, history: Iterable[Review]) -> tuple[State | None, int]:
    """A card's state and lapse count after its (non-cram) reviews, given in time order."""
    state: State | None = None
    lapses = 0
    for r in history:
        if Rating(r.rating) is Rating.AGAIN and is_review_state(state):
            lapses += 1
        state = sched.review(state, Rating(r.rating), r.reviewed_at, f"{r.deck_id}/{r.question_id}")
    return state, lapses


def import_csv_text(store: Store, text: str, default_deck: str = "imported") -> ImportResult:
    """Import a CSV given as text (tests, small files)."""
    return import_reviews(store, read_csv(io.StringIO(text), default_deck))
