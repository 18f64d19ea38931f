"""Rows of the review database as values: a review of the log, a card's derived state."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Review:
    """One row of the review log."""

    uuid: str
    deck_id: str
    question_id: str
    type: str
    reviewed_at: dt.datetime
    rating: int
    answer: str = ""
    score: float | None = None
    suggested: int | None = None
    response_ms: int = 0
    state_before: Mapping[str, Any] | None = None
    state_after: Mapping[str, Any] | None = None
    cram: bool = False
    origin: str = ""
    id: int = 0


@dataclass(frozen=True)
class CardRow:
    """The derived state of one card (deck id, question id)."""

    deck_id: str
    question_id: str
    state: Mapping[str, Any] | None
    due: dt.datetime | None
    reps: int
    lapses: int
    suspended: bool
    buried_until: dt.datetime | None
    leech: bool
    content_hash: str


def _dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def card_from_row(row: Sequence[Any]) -> CardRow:
    deck_id, question_id, content_hash, state, due, reps, lapses, suspended, buried, leech = row
    return CardRow(
        deck_id,
        question_id,
        json.loads(state) if state else None,
        _dt(due),
        int(reps),
        int(lapses),
        bool(suspended),
        _dt(buried),
        bool(leech),
        content_hash or "",
    )


def review_from_row(row: Sequence[Any]) -> Review:
    (
        rid,
        ruuid,
        deck_id,
        question_id,
        qtype,
        at,
        answer,
        score,
        suggested,
        rating,
        ms,
        before,
        after,
        cram,
        origin,
    ) = row
    return Review(
        ruuid,
        deck_id,
        question_id,
        qtype,
        dt.datetime.fromisoformat(at),
        int(rating),
        answer or "",
        score,
        suggested,
        int(ms or 0),
        json.loads(before) if before else None,
        json.loads(after) if after else None,
        bool(cram),
        origin or "",
        int(rid),
    )
