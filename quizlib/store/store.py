"""The review database: an append-only review log and the card states derived from it.

SQLite through the standard library, WAL with ``synchronous=NORMAL`` and a busy timeout;
every review is committed before the next question is shown.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from quizlib.errors import StoreError
from quizlib.store.errors import BUSY_TIMEOUT_S, check_file, check_intact, explain, rollback, while_locked
from quizlib.store.migrations import MIGRATIONS, migrate
from quizlib.store.records import CardRow, Review, card_from_row, review_from_row

#: ``fsrs.State.Review``: a graduated card (the store keeps FSRS states as JSON).
REVIEW_STATE = 2


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """``QUIZLIB_DB``, else ``quizlib.db`` in the user data directory."""
    env = os.environ if environ is None else environ
    if env.get("QUIZLIB_DB"):
        return Path(env["QUIZLIB_DB"])
    import platformdirs

    return Path(platformdirs.user_data_dir("quizlib")) / "quizlib.db"


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value is not None else None


def _dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


class Store:
    """An open review database. Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, create: bool = True) -> Store:
        """Open (creating or migrating) the database at ``path`` (None: the default path).

        Args:
            path: The database file, or ``:memory:``.
            create: Create the database when it does not exist; commands that only read
                pass False, so a mistyped ``--db`` does not leave an empty database behind.

        Raises:
            StoreError: Missing (with ``create=False``), locked, read-only, damaged, not
                SQLite, or newer than this program.
        """
        where = Path(path) if path is not None else default_db_path()
        if str(where) != ":memory:":
            if not create and not where.exists():
                raise StoreError(f"no review database at {where} (nothing studied yet? run quizlib study)")
            check_file(where)
            try:
                where.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create {where.parent}: {exc.strerror}") from None
        try:
            conn = sqlite3.connect(str(where), timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the review database {where}: {exc}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            # Before anything writes (even switching to WAL rewrites the header).
            while_locked(lambda: check_intact(conn, where))
            if str(where) != ":memory:":
                while_locked(lambda: conn.execute("PRAGMA journal_mode = WAL"))
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn, str(where))
        except StoreError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(explain(exc, where)) from None
        return cls(conn, str(where))

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): committed at the end, rolled back on error.

        Raises:
            StoreError: The database is locked, read-only, full or damaged.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                rollback(self.conn)
                raise
        except sqlite3.Error as exc:
            raise StoreError(explain(exc, Path(self.path))) from None

    def _write(self, statements: Iterable[tuple[str, Sequence[Any]]]) -> list[int]:
        with self.transaction() as conn:
            return [conn.execute(sql, params).lastrowid or 0 for sql, params in statements]

    def record(self, review: Review, card: CardRow) -> int:
        """Append a review and update the card's state in one transaction; returns the review id."""
        return self.record_answer(review.deck_id, review.question_id, lambda _before: (review, card))[0]

    def record_answer(
        self,
        deck_id: str,
        question_id: str,
        build: Callable[[CardRow | None], tuple[Review, CardRow | None]],
    ) -> tuple[int, CardRow | None, Review, CardRow | None]:
        """Read a card, compute its review and new state, and write both under one lock.

        Another session on the same database may answer the same card at the same time; the
        state is read inside the ``BEGIN IMMEDIATE`` transaction that writes the result, so
        ``build`` always sees the latest state and no answer overwrites another.

        Args:
            deck_id: The card's deck.
            question_id: The card's question.
            build: Called with the current state (None: never reviewed) under the write lock;
                returns the review to append and the card's new state (None: leave it).

        Returns:
            The review id, the state ``build`` saw, the review and the new state.

        Raises:
            StoreError: The database is locked, read-only, full or damaged.
        """
        with self.transaction() as conn:
            before = self.card(deck_id, question_id)
            review, card = build(before)
            review_id = conn.execute(*self._insert_review(review)).lastrowid or 0
            if card is not None and not review.cram:
                conn.execute(*self.upsert_sql(card))
        return review_id, before, review, card

    @staticmethod
    def _insert_review(review: Review) -> tuple[str, Sequence[Any]]:
        return (
            "INSERT INTO reviews (uuid, deck_id, question_id, type, reviewed_at, answer, score,"
            " suggested, rating, response_ms, state_before, state_after, cram, origin)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                review.uuid or uuid.uuid4().hex,
                review.deck_id,
                review.question_id,
                review.type,
                _iso(review.reviewed_at),
                review.answer,
                review.score,
                review.suggested,
                review.rating,
                review.response_ms,
                json.dumps(review.state_before) if review.state_before is not None else None,
                json.dumps(review.state_after) if review.state_after is not None else None,
                int(review.cram),
                review.origin,
            ),
        )

    def upsert_sql(self, card: CardRow) -> tuple[str, Sequence[Any]]:
        """The statement that inserts or replaces a card's state (to run in a transaction)."""
        return (
            "INSERT INTO cards (deck_id, question_id, content_hash, state, due, reps, lapses, suspended,"
            " buried_until, leech) VALUES (?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(deck_id, question_id) DO UPDATE SET content_hash=excluded.content_hash,"
            " state=excluded.state, due=excluded.due, reps=excluded.reps, lapses=excluded.lapses,"
            " suspended=excluded.suspended, buried_until=excluded.buried_until, leech=excluded.leech",
            (
                card.deck_id,
                card.question_id,
                card.content_hash,
                json.dumps(card.state) if card.state is not None else None,
                _iso(card.due),
                card.reps,
                card.lapses,
                int(card.suspended),
                _iso(card.buried_until),
                int(card.leech),
            ),
        )

    def put_card(self, card: CardRow) -> None:
        """Insert or replace a card's derived state."""
        self._write([self.upsert_sql(card)])

    def delete_review(self, review_id: int, restore: CardRow | None, deck_id: str, question_id: str) -> None:
        """Remove a review (undo) and restore the card's previous state (None: no card yet)."""
        # Recorded for `quizlib sync`, which removes the review on the other devices and
        # recomputes this card from the log (reviews imported since the answer make it stale).
        undo = "INSERT OR IGNORE INTO sync_undos (uuid, local, review_row) SELECT uuid, 1, id FROM reviews"
        undo += " WHERE id = ?"
        statements: list[tuple[str, Sequence[Any]]] = [(undo, (review_id,))]
        statements.append(("INSERT OR IGNORE INTO sync_replay VALUES (?, ?)", (deck_id, question_id)))
        statements.append(("DELETE FROM reviews WHERE id = ?", (review_id,)))
        if restore is None:
            statements.append(
                ("DELETE FROM cards WHERE deck_id = ? AND question_id = ?", (deck_id, question_id))
            )
        else:
            statements.append(self.upsert_sql(restore))
        self._write(statements)

    # -- reading ----------------------------------------------------------------
    def card(self, deck_id: str, question_id: str) -> CardRow | None:
        """One card's state, or None for a card never reviewed."""
        row = self.conn.execute(
            "SELECT * FROM cards WHERE deck_id = ? AND question_id = ?", (deck_id, question_id)
        ).fetchone()
        return card_from_row(row) if row else None

    def cards(self, deck_id: str) -> dict[str, CardRow]:
        """Every card of a deck, by question id."""
        rows = self.conn.execute("SELECT * FROM cards WHERE deck_id = ?", (deck_id,)).fetchall()
        return {r[1]: card_from_row(r) for r in rows}

    def reviewed_ids(self, deck_id: str) -> set[str]:
        """Question ids of a deck's cards that have been reviewed (from a covering index)."""
        rows = self.conn.execute(
            "SELECT question_id FROM cards INDEXED BY cards_reviewed WHERE deck_id = ? AND state IS NOT NULL",
            (deck_id,),
        )
        return {r[0] for r in rows}

    def hidden_ids(self, deck_id: str, now: dt.datetime) -> set[str]:
        """Question ids of a deck's cards that are suspended or buried at ``now``."""
        # The WHERE clause matches the partial index cards_hidden, so only hidden cards are read.
        rows = self.conn.execute(
            "SELECT question_id, suspended, buried_until FROM cards INDEXED BY cards_hidden"
            " WHERE deck_id = ? AND (suspended = 1 OR buried_until IS NOT NULL)",
            (deck_id,),
        )
        moment = _iso(now) or ""
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
        Uses the (deck_id, due) index and decodes no card state beyond its FSRS state number,
        so it stays fast on large decks.
        """
        learn = learn_until or now
        review = review_until or learn
        sql = (
            "SELECT question_id FROM cards WHERE deck_id = ? AND due <= ? AND suspended = 0"
            " AND state IS NOT NULL AND (buried_until IS NULL OR buried_until <= ?)"
            " AND IIF(json_extract(state, '$.state') = ?, due <= ?, due <= ?) ORDER BY due"
        )
        params: tuple[Any, ...] = (
            deck_id,
            _iso(max(learn, review)),
            _iso(now),
            REVIEW_STATE,
            _iso(review),
            _iso(learn),
        )
        if limit is not None:
            sql += " LIMIT ?"
            params += (limit,)
        return [r[0] for r in self.conn.execute(sql, params)]

    def reviewed_since(self, deck_id: str, since: dt.datetime) -> set[str]:
        """Question ids of a deck with a (non-cram) review at or after ``since``."""
        rows = self.conn.execute(
            "SELECT DISTINCT question_id FROM reviews WHERE reviewed_at >= ? AND deck_id = ? AND cram = 0",
            (_iso(since), deck_id),
        )
        return {r[0] for r in rows}

    def deck_ids(self) -> list[str]:
        """Every deck id with cards or reviews, sorted."""
        sql = "SELECT deck_id FROM cards UNION SELECT deck_id FROM reviews ORDER BY deck_id"
        return [r[0] for r in self.conn.execute(sql)]

    def all_cards(self, deck_ids: Sequence[str] = ()) -> list[CardRow]:
        """Every card, or those of the given decks."""
        if not deck_ids:
            return [card_from_row(r) for r in self.conn.execute("SELECT * FROM cards")]
        return [c for d in deck_ids for c in self.cards(d).values()]

    def reviews(self, deck_id: str | None = None) -> Iterator[Review]:
        """The review log in time order."""
        sql = (
            "SELECT * FROM reviews" + (" WHERE deck_id = ?" if deck_id else "") + " ORDER BY reviewed_at, id"
        )
        for row in self.conn.execute(sql, (deck_id,) if deck_id else ()):
            yield review_from_row(row)

    def new_reviewed_since(self, deck_id: str, since: dt.datetime) -> int:
        """How many cards of a deck had their first (non-cram) review at or after ``since``."""
        row = self.conn.execute(
            "SELECT COUNT(*) FROM (SELECT question_id, MIN(reviewed_at) AS first FROM reviews"
            " WHERE deck_id = ? AND cram = 0 GROUP BY question_id) WHERE first >= ?",
            (deck_id, _iso(since)),
        ).fetchone()
        return int(row[0])

    def due_count(self, deck_ids: Sequence[str], until: dt.datetime) -> int:
        """Cards due at or before ``until`` (not suspended)."""
        marks = ",".join("?" * len(deck_ids))
        row = self.conn.execute(
            f"SELECT COUNT(*) FROM cards WHERE deck_id IN ({marks}) AND suspended = 0 AND due <= ?",
            (*deck_ids, _iso(until)),
        ).fetchone()
        return int(row[0])

    def next_due(self, deck_ids: Sequence[str], after: dt.datetime) -> dt.datetime | None:
        """The earliest due time after ``after``."""
        marks = ",".join("?" * len(deck_ids))
        row = self.conn.execute(
            f"SELECT MIN(due) FROM cards WHERE deck_id IN ({marks}) AND suspended = 0 AND due > ?",
            (*deck_ids, _iso(after)),
        ).fetchone()
        return _dt(row[0])

    def set_flags(self, deck_id: str, question_id: str, **flags: Any) -> None:
        """Set ``suspended``, ``buried_until`` or ``leech`` on a card (creating it if new).

        Only the flags are written, under the write lock: another session's answer to the
        same card, saved in between, keeps its state.
        """
        columns = {k: flags[k] for k in ("suspended", "buried_until", "leech") if k in flags}
        values = [_iso(v) if isinstance(v, dt.datetime) else v for v in columns.values()]
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO cards (deck_id, question_id, content_hash, state, due, reps, lapses,"
                " suspended, buried_until, leech) VALUES (?, ?, '', NULL, NULL, 0, 0, 0, NULL, 0)",
                (deck_id, question_id),
            )
            if columns:
                assignments = ", ".join(f"{name} = ?" for name in columns)
                conn.execute(
                    f"UPDATE cards SET {assignments} WHERE deck_id = ? AND question_id = ?",
                    (*values, deck_id, question_id),
                )

    def delete_cards(self, cards: Iterable[tuple[str, str]]) -> None:
        """Remove the states of cards given as (deck id, question id); their reviews stay."""
        sql = "DELETE FROM cards WHERE deck_id = ? AND question_id = ?"
        self._write((sql, card) for card in cards)

    def unsuspend(self, deck_id: str, question_id: str) -> None:
        """Make a suspended card (or leech) schedulable again."""
        self.set_flags(deck_id, question_id, suspended=False)

    def orphans(self, deck_id: str, live_question_ids: Iterable[str]) -> list[str]:
        """Cards with history whose question no longer exists in the deck (never deleted)."""
        live = set(live_question_ids)
        return sorted(q for q in self.cards(deck_id) if q not in live)

    def check_intact(self) -> None:
        """Refuse a damaged database (``PRAGMA quick_check``) before writing to it.

        Raises:
            StoreError: The database is damaged.
        """
        check_intact(self.conn, Path(self.path))

    def integrity_ok(self) -> bool:
        """SQLite's integrity check."""
        return bool(self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")


__all__ = ["MIGRATIONS", "CardRow", "Review", "Store", "default_db_path"]
