"""How the review database reports trouble: file checks, rollbacks and error messages."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from quizlib.errors import StoreError

#: How long a write waits for another session's transaction. Each transaction is short, but
#: on a busy machine a few fsyncs queue behind each other; waiting is better than refusing
#: an answer, and a lock held longer than this is another program's, reported as locked.
BUSY_TIMEOUT_S = 30.0
SQLITE_MAGIC = b"SQLite format 3\x00"


def check_file(path: Path) -> None:
    """Refuse a directory, an unreadable file or one that is not SQLite."""
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a review database")
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise StoreError(f"cannot read the review database {path}: {exc.strerror}") from None
    if head and head != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a SQLite database; refusing to touch it (move it or use --db)")


def damaged(path: Path, detail: str) -> str:
    """The one message for a damaged database, whichever check found it."""
    return f"the review database {path} is damaged ({detail}); restore a backup or use --db"


def check_intact(conn: sqlite3.Connection, path: Path) -> None:
    """Run SQLite's ``quick_check`` (pages and records, not index contents) and refuse damage.

    It reads every page once, linear in the file's size; a write to a damaged file can
    spread the damage, so a session or an import is refused before it starts.

    Raises:
        StoreError: The check found damage.
    """
    try:
        rows = conn.execute("PRAGMA quick_check(3)").fetchall()
    except sqlite3.Error as exc:
        raise StoreError(explain(exc, path)) from None
    problems = [line for r in rows for line in str(r[0]).splitlines() if not line.startswith("***")]
    if problems != ["ok"]:
        raise StoreError(damaged(path, "; ".join(problems[:3])))


class BackgroundCheck:
    """:func:`check_intact` of a database file, run in a thread while the caller does other
    work (a session loads its decks meanwhile): SQLite releases the interpreter lock while
    it reads, so on a large file the check costs no wall time of its own.

    Pass it to :meth:`quizlib.store.store.Store.open`, which waits for it and refuses a
    damaged file exactly as its own check would. A file that does not exist yet, or is not
    SQLite, is left to ``open`` to report.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._error: StoreError | None = None
        self._done = False
        self._thread: threading.Thread | None = None
        if str(path) != ":memory:" and path.is_file():
            self._thread = threading.Thread(target=self._run, name="quizlib-quick-check", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        conn = None
        try:
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S)
            check_intact(conn, self.path)
            self._done = True
        except StoreError as exc:
            self._error = exc
        except sqlite3.Error:
            pass  # not checked here: open() runs the check itself and reports what it finds
        finally:
            if conn is not None:
                conn.close()

    def wait(self) -> bool:
        """Wait for the check; True when it ran (False: the caller checks for itself).

        Raises:
            StoreError: The check found damage.
        """
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._done


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open.

    SQLite rolls back by itself on some errors (a full disk, I/O errors); a second ROLLBACK
    then fails with "no transaction is active", which would hide the real error.
    """
    if conn.in_transaction:
        # The original error is the one worth reporting.
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")  # the original error is the one worth reporting


def explain(exc: sqlite3.Error, path: Path) -> str:
    """A learner-facing message for a SQLite error on the database at ``path``."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"the review database {path} is locked by another program (tried for {BUSY_TIMEOUT_S:.0f} s)"
    if "readonly" in text or "read-only" in text:
        return f"the review database {path} is read-only; check its permissions or use --db"
    if "full" in text:
        return (
            f"the review database {path} cannot grow: the disk (or its size limit) is full;"
            " free space and retry"
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return damaged(path, text)
    return f"review database {path}: {text}"


def while_locked(step: Callable[[], object]) -> None:
    """Run ``step``, again while another connection holds the lock it needs. SQLite does not
    call the busy handler for every lock (switching to WAL asks for an exclusive one at
    once), so two programs opening a new database together would otherwise fail at once."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


#: What a connection may not do to the database file while its integrity check goes on.
_WRITES = frozenset(
    {
        sqlite3.SQLITE_INSERT,
        sqlite3.SQLITE_UPDATE,
        sqlite3.SQLITE_DELETE,
        sqlite3.SQLITE_CREATE_TABLE,
        sqlite3.SQLITE_CREATE_INDEX,
        sqlite3.SQLITE_DROP_TABLE,
        sqlite3.SQLITE_DROP_INDEX,
        sqlite3.SQLITE_ALTER_TABLE,
    }
)


def refuse_writes(action: int, _arg1: str | None, _arg2: str | None, db: str | None, _src: str | None) -> int:
    """An authorizer that refuses statements writing to the database file.

    Temporary tables (query scratch space) stay writable: they are not in the file.
    """
    return sqlite3.SQLITE_DENY if action in _WRITES and db == "main" else sqlite3.SQLITE_OK


def writes_nothing(conn: sqlite3.Connection, latest: int) -> bool:
    """Whether opening this database writes nothing: it is in WAL mode at the latest schema."""
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    return str(mode).lower() == "wal" and int(version) == latest
