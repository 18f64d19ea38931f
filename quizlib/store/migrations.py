"""Schema versions of the review database: an append-only list of migrations.

Never edit a migration that has shipped; add a new one. ``PRAGMA user_version`` holds the
number of migrations applied. A backup is written before an existing database is migrated.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from quizlib.errors import StoreError
from quizlib.store.errors import rollback
from quizlib.store.records import micros, pack_uuid


def _v1(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            deck_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            type TEXT NOT NULL,
            reviewed_at TEXT NOT NULL,
            answer TEXT,
            score REAL,
            suggested INTEGER,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            response_ms INTEGER,
            state_before TEXT,
            state_after TEXT,
            cram INTEGER NOT NULL DEFAULT 0,
            origin TEXT
        )"""
    )
    conn.execute("CREATE INDEX reviews_card ON reviews (deck_id, question_id, reviewed_at)")
    conn.execute("CREATE INDEX reviews_time ON reviews (reviewed_at)")
    conn.execute(
        """CREATE TABLE cards (
            deck_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            content_hash TEXT,
            state TEXT,
            due TEXT,
            reps INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            suspended INTEGER NOT NULL DEFAULT 0,
            buried_until TEXT,
            leech INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (deck_id, question_id)
        )"""
    )
    conn.execute("CREATE INDEX cards_due ON cards (deck_id, due)")


def _v2(conn: sqlite3.Connection) -> None:
    # Covering indexes for building a queue: which cards were ever reviewed, and which are
    # hidden (suspended or buried), without reading the card states.
    conn.execute("CREATE INDEX cards_reviewed ON cards (deck_id, question_id) WHERE state IS NOT NULL")
    conn.execute(
        "CREATE INDEX cards_hidden ON cards (deck_id, question_id, suspended, buried_until)"
        " WHERE suspended = 1 OR buried_until IS NOT NULL"
    )


def _v3(conn: sqlite3.Connection) -> None:
    # Fitted FSRS parameters (``store/parameters.py``): once created on first use, so an
    # existing database may have the table already. Each deck's scheduler settings, as its
    # last session used them, so a replay schedules as the live session did.
    conn.execute(
        """CREATE TABLE IF NOT EXISTS parameters (
            scope TEXT PRIMARY KEY,
            parameters TEXT NOT NULL,
            created_at TEXT NOT NULL,
            previous TEXT
        )"""
    )
    conn.execute("CREATE TABLE deck_settings (deck_id TEXT PRIMARY KEY, settings TEXT NOT NULL)")


def _v4(conn: sqlite3.Connection) -> None:
    # The compact log: a review names its card by a small integer (card_keys), its time in
    # microseconds and its id in 16 bytes, and no longer copies the card's state before and
    # after as JSON (the states are replayable from the log). card_keys also keeps each card's
    # first and latest (non-cram) review time, indexed per deck: the daily new count and
    # "reviewed today" are index range scans, not log scans.
    conn.create_function("quizlib_micros", 1, lambda t: micros(dt.datetime.fromisoformat(t)))
    conn.create_function("quizlib_uuid", 1, pack_uuid)
    conn.execute(
        """CREATE TABLE card_keys (
            id INTEGER PRIMARY KEY,
            deck_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            first_review INTEGER,
            last_review INTEGER,
            UNIQUE (deck_id, question_id)
        )"""
    )
    conn.execute(
        """CREATE TABLE reviews_v4 (
            id INTEGER PRIMARY KEY,
            uuid BLOB NOT NULL UNIQUE,
            card INTEGER NOT NULL REFERENCES card_keys (id),
            at INTEGER NOT NULL,
            type TEXT NOT NULL,
            answer TEXT,
            score REAL,
            suggested INTEGER,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            response_ms INTEGER,
            cram INTEGER NOT NULL DEFAULT 0,
            origin TEXT
        )"""
    )
    conn.execute(
        "INSERT INTO card_keys (deck_id, question_id) SELECT DISTINCT deck_id, question_id FROM reviews"
    )
    conn.execute(
        "INSERT INTO reviews_v4 SELECT r.id, quizlib_uuid(r.uuid), k.id, quizlib_micros(r.reviewed_at),"
        " r.type, NULLIF(r.answer, ''), r.score, r.suggested, r.rating, r.response_ms, r.cram,"
        " NULLIF(r.origin, '') FROM reviews r"
        " JOIN card_keys k ON k.deck_id = r.deck_id AND k.question_id = r.question_id ORDER BY r.id"
    )
    conn.execute("DROP TABLE reviews")
    conn.execute("ALTER TABLE reviews_v4 RENAME TO reviews")
    # (card, at) plus the rowid: a card's history in time order, same instants in insertion order.
    conn.execute("CREATE INDEX reviews_card ON reviews (card, at)")
    conn.execute(
        "UPDATE card_keys SET"
        " first_review = (SELECT MIN(at) FROM reviews WHERE card = card_keys.id AND cram = 0),"
        " last_review = (SELECT MAX(at) FROM reviews WHERE card = card_keys.id AND cram = 0)"
    )
    conn.execute("CREATE INDEX card_keys_first ON card_keys (deck_id, first_review)")
    conn.execute("CREATE INDEX card_keys_last ON card_keys (deck_id, last_review)")


def _v5(conn: sqlite3.Connection) -> None:
    # `quizlib sync`: this database's device id and export marks, what was read of each
    # folder file, undone reviews, and the last-writer-wins registers of flags and parameters.
    from quizlib.store.syncstate import create_tables

    create_tables(conn)


def _v6(conn: sqlite3.Connection) -> None:
    # A session lists its due cards from one index alone: each card's FSRS state number (a
    # review card is due by study day, a learning step by the minute) as a column computed
    # from the state, not parsed from its JSON row by row, and a covering index in due order.
    conn.execute(
        "ALTER TABLE cards ADD COLUMN phase INTEGER GENERATED ALWAYS AS"
        " (CASE WHEN json_valid(state) THEN json_extract(state, '$.state') END) VIRTUAL"
    )
    conn.execute(
        "CREATE INDEX cards_queue ON cards (deck_id, due, question_id, phase, suspended, buried_until)"
        " WHERE state IS NOT NULL"
    )


def _v7(conn: sqlite3.Connection) -> None:
    # Every query on due times reads cards_queue now (the due list, its count, the earliest
    # due time, the count due by tomorrow): the older (deck_id, due) index only cost space and
    # a write per answer.
    conn.execute("DROP INDEX IF EXISTS cards_due")


def _v8(conn: sqlite3.Connection) -> None:
    # The reviewed cards of a deck are read from cards_queue, which holds the same rows (the
    # same WHERE): cards_reviewed only cost a page write per answer (every answer sets a
    # card's state, which its WHERE reads) and space.
    conn.execute("DROP INDEX IF EXISTS cards_reviewed")


def _v9(conn: sqlite3.Connection) -> None:
    # "Reviewed since the study day began" is read from the log itself, not from each card's
    # latest review time: that column and its index cost three page writes an answer. Row ids
    # follow the order reviews are saved, and the log's times follow its row ids, except for a
    # review saved after one dated later (an import, a clock set back): those are flagged
    # ``backdated`` and listed in a partial index that an ordinary answer never writes to.
    # Flagged here: each review dated before one saved earlier.
    conn.execute("ALTER TABLE reviews ADD COLUMN backdated INTEGER")
    conn.execute(
        "UPDATE reviews SET backdated = 1 WHERE id IN (SELECT id FROM (SELECT id, at < MAX(at) OVER"
        " (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS late FROM reviews) WHERE late)"
    )
    conn.execute("CREATE INDEX reviews_backdated ON reviews (at, card) WHERE backdated = 1 AND cram = 0")
    conn.execute("DROP INDEX IF EXISTS card_keys_last")
    conn.execute("ALTER TABLE card_keys DROP COLUMN last_review")


#: Append only. Index i + 1 is the schema version after migration i.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9)
#: Migrations that free much space: the file is compacted (VACUUM) after them.
_SHRINKING = frozenset({4})


def migrate(conn: sqlite3.Connection, path: str) -> None:
    """Bring the database to the latest version, after backing it up.

    Raises:
        StoreError: When the database is newer than this program.
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    latest = len(MIGRATIONS)
    if version > latest:
        raise StoreError(
            f"the review database {path} has schema version {version}, newer than this quizlib "
            f"understands ({latest}); upgrade quizlib"
        )
    if version == latest:
        return
    has_tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    if has_tables and path != ":memory:":
        backup = sqlite3.connect(f"{path}.bak-v{version}")
        try:
            conn.backup(backup)
        finally:
            backup.close()
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the write lock: look again.
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        start = version
        for step in MIGRATIONS[version:]:
            step(conn)
        conn.execute(f"PRAGMA user_version = {latest}")
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)  # a full disk has already rolled back: keep its error, not ROLLBACK's
        raise
    if _SHRINKING & set(range(start + 1, latest + 1)):
        # Give the freed pages back to the file system (the backup above keeps the old file).
        conn.execute("VACUUM")
