"""The review database: an append-only review log and the card states derived from it.

SQLite through the standard library, WAL with ``synchronous=FULL`` (every commit is fsynced,
as Anki does: an answer shown as saved survives a power loss) and a busy timeout; every
review is committed before the next question is shown. The only package that runs SQL is ``quizlib.store``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from quizlib.errors import StoreError
from quizlib.store import answer_rows, log, parameters
from quizlib.store.errors import (
    BUSY_TIMEOUT_S,
    BackgroundCheck,
    check_file,
    check_intact,
    explain,
    refuse_writes,
    rollback,
    while_locked,
    writes_nothing,
)
from quizlib.store.log import Reschedule
from quizlib.store.migrations import MIGRATIONS, migrate
from quizlib.store.queries import REVIEW_STATE, Queries, iso
from quizlib.store.records import CardRow, Review

#: How far past ``now`` an imported review may be dated: another machine's clock may run a
#: little ahead, but a review in the future would schedule a card from a day not yet lived.
CLOCK_SKEW = dt.timedelta(days=1)


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """``QUIZLIB_DB``, else ``quizlib.db`` in the user data directory."""
    env = os.environ if environ is None else environ
    if env.get("QUIZLIB_DB"):
        return Path(env["QUIZLIB_DB"])
    import platformdirs

    return Path(platformdirs.user_data_dir("quizlib")) / "quizlib.db"


class Store(Queries):
    """An open review database. Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self._unchecked: BackgroundCheck | None = None  # see settle()
        self._damage: str | None = None

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        create: bool = True,
        checked: BackgroundCheck | None = None,
    ) -> Store:
        """Open (creating or migrating) the database at ``path`` (None: the default path).

        Args:
            path: The database file, or ``:memory:``.
            create: Create the database when it does not exist; commands that only read
                pass False, so a mistyped ``--db`` does not leave an empty database behind.
            checked: The integrity check of this file, started earlier in the background
                (see :func:`Store.check_in_background`); None: checked here.

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
            # A background check may go on while the caller reads, when opening writes nothing;
            # until it has passed the connection refuses writes (see settle()).
            deferred = checked is not None and checked.path == where and writes_nothing(conn, len(MIGRATIONS))
            # Else before anything writes (even switching to WAL rewrites the header).
            if not deferred and (checked is None or checked.path != where or not checked.wait()):
                while_locked(lambda: check_intact(conn, where))
            if str(where) != ":memory:":
                while_locked(lambda: conn.execute("PRAGMA journal_mode = WAL"))
            # FULL: WAL fsyncs at every commit, so an answer shown as saved survives a power loss.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn, str(where))
            if deferred:
                conn.set_authorizer(refuse_writes)
        except StoreError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(explain(exc, where)) from None
        store = cls(conn, str(where))
        store._unchecked = checked if deferred else None
        return store

    def settle(self) -> None:
        """Wait for the integrity check that :meth:`open` left running in the background.

        A session reads its cards and shows its first question while a large file is still
        being checked; the connection refuses writes to the file until the check has passed
        (an authorizer), and every write (:meth:`transaction`) settles first, so nothing is
        written to a damaged file.

        Raises:
            StoreError: The check found damage (again at every later call).
        """
        if self._damage is not None:
            raise StoreError(self._damage)
        pending, self._unchecked = self._unchecked, None
        if pending is None:
            return
        try:
            if not pending.wait():
                while_locked(lambda: check_intact(self._conn, Path(self.path)))
        except StoreError as exc:
            self._damage = str(exc)
            raise
        self._conn.set_authorizer(None)

    @staticmethod
    def check_in_background(path: str | os.PathLike[str] | None = None) -> BackgroundCheck:
        """Start the integrity check that :meth:`open` runs on the database at ``path`` (None:
        the default path) in a thread; pass the result to :meth:`open` as ``checked``."""
        return BackgroundCheck(Path(path) if path is not None else default_db_path())

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction (``BEGIN IMMEDIATE``): the store's writes inside it are
        committed together at the end, or rolled back on error.

        Raises:
            StoreError: The database is locked, read-only, full or damaged.
        """
        if self._conn.in_transaction:  # nested: part of the caller's transaction
            yield
            return
        if self._unchecked is not None or self._damage is not None:
            self.settle()
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._conn.execute("COMMIT")
            except BaseException:
                rollback(self._conn)
                raise
        except sqlite3.Error as exc:
            raise StoreError(explain(exc, Path(self.path))) from None

    def _write(self, statements: Iterable[tuple[str, Sequence[Any]]]) -> list[int]:
        with self.transaction():
            return [self._conn.execute(sql, params).lastrowid or 0 for sql, params in statements]

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
        with self.transaction():
            found = answer_rows.read(self._conn, deck_id, question_id)
            review, card = build(found.card)
            # Touches O(log n) rows: the card's key, one review, its index entries, the card.
            same = (review.deck_id, review.question_id) == (deck_id, question_id)
            known = (found.key, found.first, found.newest) if same else None
            review_id = log.append(self._conn, review, known)
            if card is not None and not review.cram:
                values = self._stored(card)
                mine = (card.deck_id, card.question_id) == (deck_id, question_id)
                if not (mine and answer_rows.write_card(self._conn, found, values)):
                    self._conn.execute(self._UPSERT, (card.deck_id, card.question_id, *values))
        return review_id, found.card, review, card

    _UPSERT = (
        "INSERT INTO cards (deck_id, question_id, content_hash, state, due, reps, lapses, suspended,"
        " buried_until, leech) VALUES (?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT(deck_id, question_id) DO UPDATE SET content_hash=excluded.content_hash,"
        " state=excluded.state, due=excluded.due, reps=excluded.reps, lapses=excluded.lapses,"
        " suspended=excluded.suspended, buried_until=excluded.buried_until, leech=excluded.leech"
    )

    @staticmethod
    def _stored(card: CardRow) -> tuple[Any, ...]:
        state = json.dumps(card.state) if card.state is not None else None
        return answer_rows.stored_values(card, state)

    def upsert_sql(self, card: CardRow) -> tuple[str, Sequence[Any]]:
        """The statement that inserts or replaces a card's state (to run in a transaction)."""
        return self._UPSERT, (card.deck_id, card.question_id, *self._stored(card))

    def import_reviews(
        self, reviews: Iterable[Review], reschedule: Reschedule, *, now: dt.datetime
    ) -> tuple[int, int, int]:
        """Merge reviews into the log and recompute the cards they touch, in one transaction.

        A review whose id is present already is skipped, so importing twice adds nothing.
        A bad review anywhere (the iterable raises, or one is dated more than
        :data:`CLOCK_SKEW` after ``now``) or a failure while rescheduling leaves the
        database as it was. Reviews are streamed; memory does not grow with the log.

        Args:
            reviews: The reviews to merge.
            reschedule: Computes a card's state from its history (the one review rule).
            now: The current time.

        Returns:
            (reviews read, reviews added, cards rescheduled).

        Raises:
            QuizError: A review is dated in the future (nothing is written).
            StoreError: The database is locked, read-only, full or damaged.
        """
        self.check_intact()  # a file damaged since it was opened must not be written to
        with self.transaction():
            read, added = log.import_rows(self._conn, reviews, now + CLOCK_SKEW)
            cards = log.rewrite_touched(self._conn, reschedule, self.card, self.upsert_sql)
        return read, added, cards

    def reschedule(self, cards: Iterable[tuple[str, str]], reschedule: Reschedule) -> int:
        """Recompute the states of the given (deck id, question id) cards from the log, in
        one transaction; cards without reviews are left alone. Returns how many changed."""
        with self.transaction():
            log.touch(self._conn, "SELECT NULL WHERE 0")
            self._conn.executemany(
                "INSERT OR IGNORE INTO temp.touched"
                " SELECT id FROM card_keys WHERE deck_id = ? AND question_id = ?",
                cards,
            )
            return log.rewrite_touched(self._conn, reschedule, self.card, self.upsert_sql)

    def save_deck_settings(self, deck_id: str, settings: Mapping[str, Any]) -> None:
        """Remember a deck's scheduler settings (written only when they changed)."""
        text = json.dumps(dict(settings), sort_keys=True)
        row = self._conn.execute(
            "SELECT settings FROM deck_settings WHERE deck_id = ?", (deck_id,)
        ).fetchone()
        if row is None or row[0] != text:
            sql = "INSERT OR REPLACE INTO deck_settings (deck_id, settings) VALUES (?, ?)"
            self._write([(sql, (deck_id, text))])

    def parameters_for(self, deck_id: str | None) -> tuple[float, ...] | None:
        """The FSRS parameters a deck is scheduled with (None: the defaults); see
        :mod:`quizlib.store.parameters`."""
        return parameters.parameters_for(self, deck_id)

    def save_parameters(self, scope: str, values: Sequence[float], *, now: dt.datetime) -> None:
        """Store fitted parameters for ``scope`` (one undo); see :mod:`quizlib.store.parameters`."""
        parameters.save_parameters(self, scope, values, now=now)

    def undo_parameters(self, scope: str, *, now: dt.datetime) -> tuple[float, ...] | None:
        """Restore the parameters the last save replaced; the restored ones (None: defaults)."""
        return parameters.undo_parameters(self, scope, now=now)

    def probe_write(self) -> None:
        """Take the write lock and allocate a page, then roll back: a locked, read-only or
        full database fails here, before anything is asked of the learner.

        Raises:
            StoreError: The database cannot take writes, with the reason.
        """
        # Rolled back, the probe writes nothing: it need not wait for a background check.
        lifted = self._unchecked is not None
        try:
            if lifted:
                self._conn.set_authorizer(None)
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute("CREATE TABLE quizlib_write_probe (x)")
            finally:
                rollback(self._conn)
        except sqlite3.Error as exc:
            raise StoreError(explain(exc, Path(self.path))) from None
        finally:
            if lifted:
                self._conn.set_authorizer(refuse_writes)

    def put_card(self, card: CardRow) -> None:
        """Insert or replace a card's derived state."""
        self._write([self.upsert_sql(card)])

    def set_flags(self, deck_id: str, question_id: str, **flags: Any) -> None:
        """Set ``suspended``, ``buried_until`` or ``leech`` on a card (creating it if new).

        Only the flags are written, under the write lock: another session's answer to the
        same card, saved in between, keeps its state.
        """
        columns = {k: flags[k] for k in ("suspended", "buried_until", "leech") if k in flags}
        values = [iso(v) if isinstance(v, dt.datetime) else v for v in columns.values()]
        with self.transaction():
            self._conn.execute(
                "INSERT OR IGNORE INTO cards (deck_id, question_id, content_hash, state, due, reps, lapses,"
                " suspended, buried_until, leech) VALUES (?, ?, '', NULL, NULL, 0, 0, 0, NULL, 0)",
                (deck_id, question_id),
            )
            if columns:
                assignments = ", ".join(f"{name} = ?" for name in columns)
                self._conn.execute(
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

    def check_intact(self) -> None:
        """Refuse a damaged database (``PRAGMA quick_check``) before writing to it.

        Raises:
            StoreError: The database is damaged.
        """
        check_intact(self._conn, Path(self.path))


__all__ = ["MIGRATIONS", "REVIEW_STATE", "CardRow", "Review", "Store", "default_db_path"]
