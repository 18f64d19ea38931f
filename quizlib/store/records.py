"""Rows of the review database as values: a review of the log, a card's derived state."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple


class Review(NamedTuple):
    """One row of the review log.

    ``state_before`` and ``state_after`` are the card's FSRS states around the review as
    the session computed them; the log does not store them (the card states are replayable
    from the log), so reviews read back from the database have None there.
    """

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


class CardRow(NamedTuple):
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


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def micros(value: dt.datetime) -> int:
    """A time as whole microseconds since 1970 UTC: how the log stores it (8 bytes, exact)."""
    delta = value.astimezone(dt.UTC) - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_micros(value: int) -> dt.datetime:
    """The UTC time stored as :func:`micros`."""
    return _EPOCH + dt.timedelta(microseconds=value)


def new_review_id() -> str:
    """A fresh review id: 64 random bits (16 hex digits), stored in 8 bytes. Ids only need
    to tell one learner's reviews apart when logs are merged; a collision among a million
    reviews has a chance of about 3e-8."""
    return os.urandom(8).hex()  # what secrets.token_hex(8) does, without importing secrets


_HEX_ID = re.compile(r"[0-9a-f]{16}|[0-9a-f]{32}")


def pack_uuid(text: str) -> bytes | str:
    """A review id as stored: 16 or 32 lowercase hex digits (ours, and those of earlier
    versions) as 8 or 16 bytes, others as text."""
    if _HEX_ID.fullmatch(text):
        return bytes.fromhex(text)
    return text


def unpack_uuid(value: bytes | str) -> str:
    """The review id :func:`pack_uuid` stored."""
    return value.hex() if isinstance(value, bytes) else str(value)


def card_from_row(row: Sequence[Any]) -> CardRow:
    """A ``cards`` row (in column order) as a value."""
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


#: The columns :func:`review_from_row` reads, in its order (``r``: reviews, ``k``: card_keys).
REVIEW_COLUMNS = (
    "r.id, r.uuid, k.deck_id, k.question_id, r.type, r.at, r.answer, r.score, r.suggested,"
    " r.rating, r.response_ms, r.cram, r.origin"
)


def review_from_row(row: Sequence[Any]) -> Review:
    """A review read with :data:`REVIEW_COLUMNS`; the states around it are not stored."""
    rid, ruuid, deck_id, question_id, qtype, at, answer, score, suggested, rating, ms, cram, origin = row
    return Review(
        unpack_uuid(ruuid),
        deck_id,
        question_id,
        qtype,
        from_micros(int(at)),
        int(rating),
        answer or "",
        score,
        suggested,
        int(ms or 0),
        None,
        None,
        bool(cram),
        origin or "",
        int(rid),
    )
