"""Schema versions of the review database: an append-only list of migrations.

Never edit a migration that has shipped; add a new one. ``PRAGMA user_version`` holds the
number of migrations applied. A backup is written before an existing database is migrated.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from quizlib.errors import StoreError
from quizlib.store.errors import rollback


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
    # `quizlib sync`: this database's device id and export marks, what was read of each
    # folder file, undone reviews, and the last-writer-wins registers of flags and parameters.
    from quizlib.store.syncstate import create_tables

    create_tables(conn)


#: Append only. Index i + 1 is the schema version after migration i.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3)


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
        for step in MIGRATIONS[version:]:
            step(conn)
        conn.execute(f"PRAGMA user_version = {latest}")
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)  # a full disk has already rolled back: keep its error, not ROLLBACK's
        raise
