"""Reading a review-log CSV: one checked row at a time, each error naming its line.

Rows are streamed (a log of millions of reviews is never held in memory) and every row is
checked before it is handed on, so an import can refuse a file before it writes anything.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
from collections.abc import Iterator
from typing import TextIO

from quizlib.errors import QuizError
from quizlib.store.records import Review
from quizlib.store.store import CLOCK_SKEW  # the store refuses later reviews too

FSRS_COLUMNS = ["card_id", "review_time", "review_rating", "review_duration"]
OUR_COLUMNS = ["deck_id", "question_id", "type", "score", "suggested_rating", "answer", "cram", "review_id"]
COLUMNS = FSRS_COLUMNS + OUR_COLUMNS
#: Longer than any real answer (a day); bigger values are corrupt rows, not slow learners.
MAX_DURATION_MS = 86_400_000
BOM = "\ufeff"


class _Row:
    """One CSV record with its line number, read through checks that name the line."""

    def __init__(self, values: dict[str, str], line: int) -> None:
        self.values = values
        self.line = line

    def fail(self, message: str) -> QuizError:
        return QuizError(f"line {self.line}: {message}")

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def number(self, column: str, low: float, high: float, *, default: float | None = None) -> float | None:
        text = self.get(column)
        if not text:
            return default
        try:
            value = float(text)
        except ValueError:
            raise self.fail(f"{column} {text!r} is not a number") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise self.fail(f"{column} {text!r} is out of range ({low:g} to {high:g})")
        return value

    def time(self, latest: dt.datetime) -> dt.datetime:
        text = self.get("review_time")
        try:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise self.fail(f"review_time {text!r} is not an ISO 8601 time") from None
        value = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value
        try:
            value = value.astimezone(dt.UTC)
        except OverflowError:
            raise self.fail(f"review_time {text!r} is out of range") from None
        if value > latest:
            raise self.fail(f"review_time {text!r} is in the future (after {latest.isoformat()})")
        return value


def _records(source: TextIO) -> Iterator[tuple[dict[str, str], int]]:
    """(values by column, first line) for each record; short or long records are refused."""
    reader = csv.reader(source, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        header = []
    except csv.Error as exc:
        raise QuizError(f"line 1: malformed CSV ({exc})") from None
    header = [h.strip() for h in header]
    if header and header[0].startswith(BOM):  # Excel's "CSV UTF-8" starts with a BOM
        header[0] = header[0][len(BOM) :]
    missing = [c for c in FSRS_COLUMNS[:3] if c not in header]
    if missing:
        raise QuizError(
            f"not a review log: missing column(s) {', '.join(missing)} (need {', '.join(FSRS_COLUMNS)})"
        )
    while True:
        first = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise QuizError(f"line {first}: malformed CSV ({exc})") from None
        if not fields:
            continue  # a blank line
        if len(fields) != len(header):
            raise QuizError(f"line {first}: {len(fields)} field(s), but the header has {len(header)}")
        yield dict(zip(header, fields, strict=True)), first


def read_csv(
    source: TextIO, default_deck: str = "imported", *, now: dt.datetime | None = None
) -> Iterator[Review]:
    """Reviews from a CSV in our format or the plain 4-column FSRS format, one at a time.

    Args:
        source: The CSV, opened with ``newline=""`` (a BOM at the start is ignored).
        default_deck: The deck id of rows without one (plain FSRS logs).
        now: The current time; reviews dated more than :data:`CLOCK_SKEW` after it are
            refused (None: the system clock).

    Raises:
        QuizError: On a missing column or a malformed or impossible row, naming the line.
    """
    latest = (now or dt.datetime.now(dt.UTC)) + CLOCK_SKEW
    for values, line in _records(source):
        row = _Row(values, line)
        rating_text = row.get("review_rating")
        if rating_text not in ("1", "2", "3", "4"):
            raise row.fail(f"review_rating {rating_text!r} is not 1-4")
        rating = int(rating_text)
        when = row.time(latest)
        deck_id = row.get("deck_id") or default_deck
        question_id = row.get("question_id") or row.get("card_id")
        if not question_id:
            raise row.fail("no card_id (or question_id)")
        duration = row.number("review_duration", 0, MAX_DURATION_MS, default=0)
        score = row.number("score", 0, 1)
        suggested = row.get("suggested_rating")
        if suggested not in ("", "1", "2", "3", "4"):
            raise row.fail(f"suggested_rating {suggested!r} is not 1-4")
        cram = row.get("cram") or "0"
        if cram not in ("0", "1"):
            raise row.fail(f"cram {cram!r} is not 0 or 1")
        # Files without our review_id get a stable one from what identifies a review, so
        # the same review imported twice (or from two copies of a file) is recognised.
        review_id = (
            row.get("review_id")
            or hashlib.sha256(f"{deck_id}|{question_id}|{when.isoformat()}|{rating}".encode()).hexdigest()[
                :32
            ]
        )
        yield Review(
            uuid=review_id,
            deck_id=deck_id,
            question_id=question_id,
            type=row.get("type") or "imported",
            reviewed_at=when,
            rating=rating,
            answer=values.get("answer") or "",
            score=score,
            suggested=int(suggested) if suggested else None,
            response_ms=int(duration or 0),
            cram=cram == "1",
            origin="import",
        )
