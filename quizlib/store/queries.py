"""Reading the review database: the queries a session, ``stats`` and the commands need.

Each query is shaped to an index (named beside it), so a session start and an answer stay
fast on large collections.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from quizlib.store import log
from quizlib.store.records import CardRow, Review, card_from_row, micros

#: ``fsrs.State.Review``: a graduated card (the store keeps FSRS states as JSON).
REVIEW_STATE = 2
#: The stored columns of ``cards``, in the order :func:`card_from_row` reads them (``phase``
#: is computed from ``state``).
CARD_COLUMNS = "deck_id, question_id, content_hash, state, due, reps, lapses, suspended, buried_until, leech"


def iso(value: dt.datetime | None) -> str | None:
    """A time as the ``cards`` table stores it (ISO 8601, UTC)."""
    return value.astimezone(dt.UTC).isoformat() if value is not None else None


def _dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


class Queries:
    """The reading half of :class:`quizlib.store.store.Store`."""

    _conn: sqlite3.Connection

    # -- reading ----------------------------------------------------------------
    def card(self, deck_id: str, question_id: str) -> CardRow | None:
        """One card's state, or None for a card never reviewed."""
        row = self._conn.execute(
            f"SELECT {CARD_COLUMNS} FROM cards WHERE deck_id = ? AND question_id = ?", (deck_id, question_id)
        ).fetchone()
        return card_from_row(row) if row else None

    def cards(self, deck_id: str) -> dict[str, CardRow]:
        """Every card of a deck, by question id."""
        sql = f"SELECT {CARD_COLUMNS} FROM cards WHERE deck_id = ?"
        rows = self._conn.execute(sql, (deck_id,)).fetchall()
        return {r[1]: card_from_row(r) for r in rows}

    def reviewed_ids(self, deck_id: str) -> set[str]:
        """Question ids of a deck's cards that have been reviewed (from a covering index)."""
        rows = self._conn.execute(
            "SELECT question_id FROM cards INDEXED BY cards_queue WHERE deck_id = ? AND state IS NOT NULL",
            (deck_id,),
        )
        return {r[0] for r in rows}

    def hidden_ids(self, deck_id: str, now: dt.datetime) -> set[str]:
        """Question ids of a deck's cards that are suspended or buried at ``now``."""
        # The WHERE clause matches the partial index cards_hidden, so only hidden cards are read.
        rows = self._conn.execute(
            "SELECT question_id, suspended, buried_until FROM cards INDEXED BY cards_hidden"
            " WHERE deck_id = ? AND (suspended = 1 OR buried_until IS NOT NULL)",
            (deck_id,),
        )
        moment = iso(now) or ""
        return {q for q, suspended, buried in rows if suspended or (buried or "") > moment}

    def due_ids(
        self,
        deck_id: str,
        now: dt.datetime,
        limit: int | None = None,
        *,
        learn_until: dt.datetime | None = None,
        review_until: dt.datetime | None = None,
    ) -> list[str]:
        """Question ids of cards due (not suspended or buried at ``now``), most overdue first.

        A card in (re)learning is due when its step falls due by ``learn_until`` (default
        ``now``); a review card when its due time falls by ``review_until`` (default
        ``learn_until``), so reviews can be due by study day while steps keep their minutes.
        Reads the covering index ``cards_queue`` alone (the FSRS state number is its ``phase``
        column), so it stays fast on large decks.
        """
        review = review_until or learn_until or now
        rows = self.due_page(deck_id, now, review_until=review, learn_until=learn_until, size=limit)
        return [r[0] for r in rows]

    def due_page(
        self,
        deck_id: str,
        now: dt.datetime,
        *,
        review_until: dt.datetime,
        learn_until: dt.datetime | None = None,
        after: tuple[str, int] | None = None,
        size: int | None = None,
    ) -> list[tuple[str, str, int]]:
        """One page of :meth:`due_ids`, as ``(question id, due, rowid)`` rows: the ``size`` due
        cards that follow the row whose ``(due, rowid)`` is ``after`` (from the start: None).
        A session reads its due cards a page at a time, so starting one on a large collection
        does not list every due card."""
        sql, params = self._due_where(deck_id, now, learn_until or now, review_until)
        if after is not None:
            sql += " AND (due > ? OR (due = ? AND rowid > ?))"
            params += (after[0], after[0], after[1])
        sql += " ORDER BY due, rowid"  # ties: as cards_due had them
        if size is not None:
            sql += " LIMIT ?"
            params += (size,)
        return self._conn.execute(f"SELECT question_id, due, rowid {sql}", params).fetchall()

    def due_total(self, deck_id: str, now: dt.datetime, *, review_until: dt.datetime) -> int:
        """How many cards :meth:`due_ids` lists (a count from the covering index)."""
        sql, params = self._due_where(deck_id, now, now, review_until)
        return int(self._conn.execute(f"SELECT COUNT(*) {sql}", params).fetchone()[0])

    def due_ids_of_fact(
        self, deck_id: str, fact_key: str, now: dt.datetime, *, review_until: dt.datetime
    ) -> list[str]:
        """The due cards (as :meth:`due_ids`) of one fact: ids ``FACT_KEY/...``, a range of the
        primary key, so asking it for a handful of facts costs a handful of lookups."""
        # No index named: SQLite takes the range of (deck_id, question_id). '0' follows '/' in
        # its binary collation, so the range holds exactly the ids FACT_KEY/*.
        sql, params = self._due_where(deck_id, now, now, review_until, index=None)
        sql += " AND question_id > ? AND question_id < ?"
        params += (f"{fact_key}/", f"{fact_key}0")
        return [r[0] for r in self._conn.execute(f"SELECT question_id {sql}", params)]

    def learning_ids(self, deck_id: str, after: dt.datetime, until: dt.datetime) -> list[str]:
        """Cards in (re)learning whose step falls due after ``after`` and by ``until`` (not
        suspended or buried at ``after``), earliest first: the steps a session may ask early."""
        sql = (
            "SELECT question_id FROM cards INDEXED BY cards_queue WHERE deck_id = ? AND due > ? AND due <= ?"
            " AND suspended = 0 AND state IS NOT NULL AND (buried_until IS NULL OR buried_until <= ?)"
            " AND phase != ? ORDER BY due, rowid"
        )
        params = (deck_id, iso(after), iso(until), iso(after), REVIEW_STATE)
        return [r[0] for r in self._conn.execute(sql, params)]

    @staticmethod
    def _due_where(
        deck_id: str,
        now: dt.datetime,
        learn: dt.datetime,
        review: dt.datetime,
        *,
        index: str | None = "cards_queue",
    ) -> tuple[str, tuple[Any, ...]]:
        """The FROM and WHERE of the due-card queries, shaped to the index ``cards_queue``
        (``index``: the one they must read; None leaves the choice to SQLite)."""
        indexed = f" INDEXED BY {index}" if index else ""
        sql = (
            f"FROM cards{indexed} WHERE deck_id = ? AND due <= ?"
            " AND suspended = 0 AND state IS NOT NULL AND (buried_until IS NULL OR buried_until <= ?)"
            " AND IIF(phase = ?, due <= ?, due <= ?)"
        )
        return sql, (deck_id, iso(max(learn, review)), iso(now), REVIEW_STATE, iso(review), iso(learn))

    def reviewed_since(self, deck_id: str, since: dt.datetime) -> set[str]:
        """Question ids of a deck with a (non-cram) review at or after ``since``."""
        # The log's rows since, found from its top down (log.REVIEWED_SINCE), not a scan.
        rows = self._conn.execute(log.REVIEWED_SINCE, {"deck": deck_id, "since": micros(since)})
        return {r[0] for r in rows}

    def deck_ids(self) -> list[str]:
        """Every deck id with cards or reviews, sorted."""
        sql = "SELECT deck_id FROM cards UNION SELECT deck_id FROM card_keys ORDER BY deck_id"
        return [r[0] for r in self._conn.execute(sql)]

    def all_cards(self, deck_ids: Sequence[str] = ()) -> list[CardRow]:
        """Every card, or those of the given decks."""
        if not deck_ids:
            return [card_from_row(r) for r in self._conn.execute(f"SELECT {CARD_COLUMNS} FROM cards")]
        return [c for d in deck_ids for c in self.cards(d).values()]

    def reviews(self, deck_id: str | None = None) -> Iterator[Review]:
        """The review log (of one deck, or all) in time order, same instants in the order saved."""
        return log.read(self._conn, deck_id)

    def new_reviewed_since(self, deck_id: str, since: dt.datetime) -> int:
        """How many cards of a deck had their first (non-cram) review at or after ``since``."""
        # A range of the (deck_id, first_review) index: O(log n + today's new cards).
        row = self._conn.execute(
            "SELECT COUNT(*) FROM card_keys WHERE deck_id = ? AND first_review >= ?",
            (deck_id, micros(since)),
        ).fetchone()
        return int(row[0])

    def due_count(self, deck_ids: Sequence[str], until: dt.datetime) -> int:
        """Cards due at or before ``until`` (not suspended)."""
        marks = ",".join("?" * len(deck_ids))
        # state IS NOT NULL (every card with a due time has one) matches the covering index.
        row = self._conn.execute(
            f"SELECT COUNT(*) FROM cards INDEXED BY cards_queue WHERE deck_id IN ({marks})"
            " AND suspended = 0 AND due <= ? AND state IS NOT NULL",
            (*deck_ids, iso(until)),
        ).fetchone()
        return int(row[0])

    def next_due(self, deck_ids: Sequence[str], now: dt.datetime) -> dt.datetime | None:
        """The earliest due time of a card not suspended or buried at ``now`` (at or before
        ``now`` when cards are due already: a session ended early leaves them due now)."""
        marks = ",".join("?" * len(deck_ids))
        row = self._conn.execute(
            f"SELECT MIN(due) FROM cards INDEXED BY cards_queue WHERE deck_id IN ({marks}) AND suspended = 0"
            " AND state IS NOT NULL AND (buried_until IS NULL OR buried_until <= ?)",
            (*deck_ids, iso(now)),
        ).fetchone()
        return _dt(row[0])

    def deck_settings(self, deck_id: str) -> dict[str, Any] | None:
        """The scheduler settings a deck's last session used (None: never studied here)."""
        row = self._conn.execute(
            "SELECT settings FROM deck_settings WHERE deck_id = ?", (deck_id,)
        ).fetchone()
        return dict(json.loads(row[0])) if row else None

    def orphans(self, deck_id: str, live_question_ids: Iterable[str]) -> list[str]:
        """Cards with history whose question no longer exists in the deck (never deleted)."""
        live = set(live_question_ids)
        return sorted(q for q in self.cards(deck_id) if q not in live)

    def integrity_ok(self) -> bool:
        """SQLite's integrity check."""
        return bool(self._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
