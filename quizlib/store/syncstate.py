"""What the review database remembers for ``quizlib sync``.

Tables (created by schema migration 5):

- ``sync_meta(key, value)``: this database's device id and how far its own folder file goes
  (the last review, undo and register event written to it, and the folder written to).
- ``sync_files(folder, name, offset, lines, tail)``: how much of each folder file was read,
  so a sync reads only what was appended since (``tail`` hashes the bytes just before
  ``offset``, to notice a file replaced by another).
- ``sync_undos(id, uuid, local, review_row)``: reviews taken back with undo, here
  (``local = 1``, with the row id the review had) or on another device; a review listed
  here is never in the log. ``uuid`` is stored as the log stores review ids (8 or 16 bytes).
- ``sync_registers(key, value, at, stamp)``: the latest value of each card flag (suspended,
  buried until, leech) and of each scope's applied FSRS parameters; the highest
  ``(at, stamp)`` wins on every device, whatever order the changes arrive in.
- ``sync_outbox(id, event)``: register changes made here, to write to the folder.
- ``sync_replay(deck_id, question_id)``: cards whose reviews an undo removed, replayed at the
  next opportunity (so a crash between the two steps is repaired).

Replays of merged reviews use each deck's stored settings (``deck_settings``) and its
applied parameters, as every replay does (:mod:`quizlib.srs.replay`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from quizlib.store import log
from quizlib.store.records import REVIEW_COLUMNS, Review, pack_uuid, review_from_row, unpack_uuid
from quizlib.store.store import Store

#: Card columns that travel, as register names.
FLAGS = ("suspended", "buried_until", "leech")
#: Review origin of the reviews a sync imported, followed by ``:DEVICE`` (the device that saved
#: them; they are never written back to the folder).
SYNC_ORIGIN = "sync"
#: SQL: review ``r`` was not imported by a sync (it was saved here, or merged by ``log import``).
_LOCAL = "COALESCE(r.origin, '') NOT LIKE 'sync:%'"


def sync_origin(device: str) -> str:
    """The origin of a review imported from ``device``'s file."""
    return f"{SYNC_ORIGIN}:{device}"


_TABLES = (
    "sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "sync_files (folder TEXT NOT NULL, name TEXT NOT NULL, offset INTEGER NOT NULL, lines INTEGER NOT NULL,"
    " tail TEXT NOT NULL, PRIMARY KEY (folder, name))",
    "sync_undos (id INTEGER PRIMARY KEY, uuid BLOB NOT NULL UNIQUE, local INTEGER NOT NULL,"
    " review_row INTEGER)",
    "sync_registers (key TEXT PRIMARY KEY, value TEXT NOT NULL, at TEXT NOT NULL, stamp TEXT NOT NULL)",
    "sync_outbox (id INTEGER PRIMARY KEY, event TEXT NOT NULL)",
    "sync_replay (deck_id TEXT NOT NULL, question_id TEXT NOT NULL, PRIMARY KEY (deck_id, question_id))",
)


def create_tables(conn: sqlite3.Connection) -> None:
    """Create the sync tables (schema migration 5)."""
    for table in _TABLES:
        conn.execute(f"CREATE TABLE {table}")


def _conn(store: Store) -> sqlite3.Connection:
    # The one place this module reaches the store's connection (it is part of the store package).
    return store._conn


def _utc(moment: dt.datetime | str) -> str:
    value = dt.datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    value = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value
    return value.astimezone(dt.UTC).isoformat()


def canonical(value: Any) -> str:
    """The JSON text registers compare and store (equal values, equal text)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


# -- device id and export marks ------------------------------------------------------
def meta(store: Store, key: str) -> str | None:
    """One value of ``sync_meta`` (None when unset)."""
    row = _conn(store).execute("SELECT value FROM sync_meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def set_meta(store: Store, values: dict[str, str | int]) -> None:
    """Set values of ``sync_meta`` (inside the caller's transaction, or alone)."""
    _conn(store).executemany(
        "INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?, ?)",
        [(k, str(v)) for k, v in values.items()],
    )


def lower_review_mark(store: Store) -> None:
    """After reviews left the log: make the next export look again from its highest remaining
    row. SQLite gives a new review the row id after the highest, so once the highest rows are
    gone (an undo here or on another device) new reviews get row ids at or below the export
    mark; the lowest removed row is not enough, as rows below it may be gone already."""
    _conn(store).execute(
        "UPDATE sync_meta SET value = MIN(CAST(value AS INTEGER), (SELECT COALESCE(MAX(id), 0) FROM reviews))"
        " WHERE key = 'review'"
    )


def record_undo(store: Store, review_id: int, deck_id: str, question_id: str) -> None:
    """Remember a review taken back here, before it leaves the log (inside the undo's
    transaction): the next sync writes the undo, and replays the card from the merged log."""
    conn = _conn(store)
    conn.execute(
        "INSERT OR IGNORE INTO sync_undos (uuid, local, review_row) SELECT uuid, 1, id FROM reviews"
        " WHERE id = ?",
        (review_id,),
    )
    conn.execute("INSERT OR IGNORE INTO sync_replay VALUES (?, ?)", (deck_id, question_id))


def device_id(store: Store) -> str:
    """This database's device id, created (16 hex digits, random) the first time."""
    found = meta(store, "device")
    if found is not None:
        return found
    with store.transaction():
        conn = _conn(store)
        conn.execute(
            "INSERT OR IGNORE INTO sync_meta (key, value) VALUES ('device', ?)", (os.urandom(8).hex(),)
        )
    return str(meta(store, "device"))


def new_device_id(store: Store) -> str:
    """Give this database a new device id (for a copied database); its file is written afresh."""
    with store.transaction():
        conn = _conn(store)
        conn.execute("DELETE FROM sync_meta")
    return device_id(store)


# -- folder files --------------------------------------------------------------------
@dataclass(frozen=True)
class FileMark:
    """How much of one folder file has been read: bytes, lines, hash of the bytes before."""

    folder: str
    name: str
    offset: int
    lines: int
    tail: str


def file_mark(store: Store, folder: str, name: str) -> FileMark | None:
    """What was read of a folder file (None: nothing yet)."""
    row = (
        _conn(store)
        .execute("SELECT offset, lines, tail FROM sync_files WHERE folder = ? AND name = ?", (folder, name))
        .fetchone()
    )
    return FileMark(folder, name, int(row[0]), int(row[1]), str(row[2])) if row else None


def _save_marks(conn: sqlite3.Connection, marks: Iterable[FileMark]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO sync_files (folder, name, offset, lines, tail) VALUES (?, ?, ?, ?, ?)",
        [(m.folder, m.name, m.offset, m.lines, m.tail) for m in marks],
    )


# -- what this device has to write -------------------------------------------------
def local_reviews_after(store: Store, after: int) -> Iterator[Review]:
    """Reviews not imported by a sync (studied here, or imported with ``log import``), by id."""
    rows = _conn(store).execute(
        f"SELECT {REVIEW_COLUMNS} FROM reviews r JOIN card_keys k ON k.id = r.card"
        f" WHERE r.id > ? AND {_LOCAL} ORDER BY r.id",
        (after,),
    )
    for row in rows:
        yield review_from_row(row)


def last_review_id(store: Store) -> int:
    """The highest row id of the review log (0 when empty)."""
    return int(_conn(store).execute("SELECT COALESCE(MAX(id), 0) FROM reviews").fetchone()[0])


def local_undos_after(store: Store, after: int) -> list[tuple[int, str, int]]:
    """(row id, review id, the review's row id) of the undos made here after row ``after``."""
    sql = "SELECT id, uuid, COALESCE(review_row, 0) FROM sync_undos WHERE local = 1 AND id > ? ORDER BY id"
    return [(int(i), unpack_uuid(u), int(r)) for i, u, r in _conn(store).execute(sql, (after,))]


def outbox_after(store: Store, after: int) -> list[tuple[int, str]]:
    """(row id, JSON event) of the register changes made here after row ``after``."""
    sql = "SELECT id, event FROM sync_outbox WHERE id > ? ORDER BY id"
    return [(int(i), str(e)) for i, e in _conn(store).execute(sql, (after,))]


def undone_ids(store: Store) -> set[str]:
    """Review ids taken back with undo on any device."""
    return {unpack_uuid(r[0]) for r in _conn(store).execute("SELECT uuid FROM sync_undos")}


def _current_registers(conn: sqlite3.Connection) -> dict[str, str]:
    """The local value of every register that is not at its default, by key."""
    current: dict[str, str] = {}
    rows = conn.execute(
        "SELECT deck_id, question_id, suspended, buried_until, leech FROM cards"
        " WHERE suspended = 1 OR buried_until IS NOT NULL OR leech = 1"
    )
    for deck_id, question_id, suspended, buried, leech in rows:
        for flag, value in zip(FLAGS, (bool(suspended), buried, bool(leech)), strict=True):
            if value:
                current[canonical(["flag", deck_id, question_id, flag])] = canonical(value)
    for scope, text in conn.execute("SELECT scope, parameters FROM parameters"):
        current[canonical(["parameters", scope])] = canonical(json.loads(text))
    return current


def _default(key: str) -> str:
    return canonical(False if json.loads(key)[-1] in ("suspended", "leech") else None)


def record_local_changes(store: Store, now: dt.datetime) -> int:
    """Queue the flag and parameter changes made here since the last sync; returns how many.

    A change is a register whose local value differs from the last value synced. It is
    stamped with ``now`` (parameters with the time they were applied), but always later
    than the value it replaces: a change made after seeing another device's value wins
    over it even when the clocks disagree.
    """
    with store.transaction():
        conn = _conn(store)
        current = _current_registers(conn)
        known = {
            str(k): (str(v), str(a)) for k, v, a in conn.execute("SELECT key, value, at FROM sync_registers")
        }
        applied = {str(s): str(c) for s, c in conn.execute("SELECT scope, created_at FROM parameters")}
        changes = 0
        for key in sorted(set(current) | set(known)):
            value = current.get(key, _default(key))
            old, old_at = known.get(key, (_default(key), ""))
            if value == old:
                continue
            parts = json.loads(key)
            when = _utc(applied[parts[1]]) if parts[0] == "parameters" and parts[1] in applied else _utc(now)
            if old_at and when <= old_at:
                when = _utc(dt.datetime.fromisoformat(old_at) + dt.timedelta(microseconds=1))
            _queue_change(conn, parts, value, when)
            changes += 1
    return changes


def _queue_change(conn: sqlite3.Connection, key: list[Any], value: str, when: str) -> None:
    stamp = os.urandom(16).hex()  # secrets.token_hex(16), without importing secrets
    event = {"t": "set", "key": key, "value": json.loads(value), "at": when, "stamp": stamp}
    conn.execute(
        "INSERT OR REPLACE INTO sync_registers (key, value, at, stamp) VALUES (?, ?, ?, ?)",
        (canonical(key), value, when, stamp),
    )
    conn.execute("INSERT INTO sync_outbox (event) VALUES (?)", (canonical(event),))


# -- applying what other devices wrote -----------------------------------------------
@dataclass(frozen=True)
class RegisterSet:
    """One register change read from a folder file."""

    key: Sequence[Any]
    value: Any
    at: str
    stamp: str


def apply_remote(
    store: Store, undos: Sequence[str], sets: Sequence[RegisterSet], marks: Sequence[FileMark]
) -> int:
    """Apply other devices' undos and register changes, and remember what was read.

    One transaction: a crash leaves none of it applied, and the files are read again.
    Cards that lost reviews are queued in ``sync_replay`` for :func:`replay_pending`.

    Returns:
        The number of reviews removed by undos.
    """
    with store.transaction():
        conn = _conn(store)
        conn.executemany(
            "INSERT OR IGNORE INTO sync_undos (uuid, local) VALUES (?, 0)", [(pack_uuid(u),) for u in undos]
        )
        # Every undone review, however it came in (a sync, a log import), leaves the log.
        conn.execute(
            "INSERT OR IGNORE INTO sync_replay SELECT DISTINCT k.deck_id, k.question_id FROM reviews r"
            " JOIN card_keys k ON k.id = r.card WHERE r.uuid IN (SELECT uuid FROM sync_undos)"
        )
        doomed = conn.execute("SELECT id FROM reviews WHERE uuid IN (SELECT uuid FROM sync_undos)").fetchall()
        for (review_id,) in doomed:  # each keeps its card's first and latest review times right
            log.remove(conn, review_id)
        removed = len(doomed)
        if removed:
            lower_review_mark(store)
        for change in sets:
            _apply_set(conn, change)
        _save_marks(conn, marks)
    return int(removed)


def _apply_set(conn: sqlite3.Connection, change: RegisterSet) -> None:
    key, value = canonical(list(change.key)), canonical(change.value)
    row = conn.execute("SELECT at, stamp FROM sync_registers WHERE key = ?", (key,)).fetchone()
    if row is not None and (row[0], row[1]) >= (change.at, change.stamp):
        return  # the value here is newer (or this very change): last writer wins everywhere
    conn.execute(
        "INSERT OR REPLACE INTO sync_registers (key, value, at, stamp) VALUES (?, ?, ?, ?)",
        (key, value, change.at, change.stamp),
    )
    if change.key[0] == "parameters":
        _apply_parameters(conn, str(change.key[1]), change.value, change.at)
        return
    _, deck_id, question_id, flag = change.key
    conn.execute(
        "INSERT OR IGNORE INTO cards (deck_id, question_id, content_hash, state, due, reps, lapses,"
        " suspended, buried_until, leech) VALUES (?, ?, '', NULL, NULL, 0, 0, 0, NULL, 0)",
        (deck_id, question_id),
    )
    stored = int(bool(change.value)) if flag in ("suspended", "leech") else change.value
    conn.execute(
        f"UPDATE cards SET {flag} = ? WHERE deck_id = ? AND question_id = ?", (stored, deck_id, question_id)
    )
    _drop_if_blank(conn, deck_id, question_id)


def _drop_if_blank(conn: sqlite3.Connection, deck_id: str, question_id: str) -> None:
    # A card never reviewed and with no flag set is the same as no card at all.
    conn.execute(
        "DELETE FROM cards WHERE deck_id = ? AND question_id = ? AND state IS NULL AND suspended = 0"
        " AND buried_until IS NULL AND leech = 0",
        (deck_id, question_id),
    )


def _apply_parameters(conn: sqlite3.Connection, scope: str, value: Any, at: str) -> None:
    if value is None:
        conn.execute("DELETE FROM parameters WHERE scope = ?", (scope,))
        return
    # The replaced parameters stay as the one level of `quizlib optimize --undo`.
    conn.execute(
        "INSERT OR REPLACE INTO parameters (scope, parameters, created_at, previous) VALUES"
        " (?, ?, ?, COALESCE((SELECT parameters FROM parameters WHERE scope = ?), 'null'))",
        (scope, json.dumps(value), at, scope),
    )


def queue_out_of_order(store: Store, after: int) -> None:
    """Queue for a replay the cards whose reviews after row ``after`` were given in another order
    than the log's (time, then device, then the order saved): a review imported from a device
    whose clock runs ahead, or given at the same instant, was followed here by one before it."""
    _conn(store).execute(
        "INSERT OR IGNORE INTO sync_replay SELECT DISTINCT k.deck_id, k.question_id FROM reviews r"
        " JOIN card_keys k ON k.id = r.card JOIN reviews o ON o.card = r.card AND o.id < r.id"
        f" AND (o.at, {log.device_key('o')}) > (r.at, {log.device_key('r')}) AND o.cram = 0"
        f" WHERE r.id > ? AND r.cram = 0 AND {_LOCAL}",
        (after,),
    )


def replay_pending(store: Store) -> list[tuple[str, str]]:
    """Cards queued for a replay after an undo removed some of their reviews."""
    return [(str(d), str(q)) for d, q in _conn(store).execute("SELECT deck_id, question_id FROM sync_replay")]


def replay_done(store: Store, cards: Sequence[tuple[str, str]]) -> None:
    """Forget replayed cards; a card left without reviews loses its schedule (as an undo does)."""
    with store.transaction():
        conn = _conn(store)
        for deck_id, question_id in cards:
            conn.execute(
                "UPDATE cards SET state = NULL, due = NULL, reps = 0, lapses = 0 WHERE deck_id = ?"
                " AND question_id = ? AND NOT EXISTS (SELECT 1 FROM reviews r JOIN card_keys k"
                " ON k.id = r.card WHERE k.deck_id = ? AND k.question_id = ? AND r.cram = 0)",
                (deck_id, question_id, deck_id, question_id),
            )
            _drop_if_blank(conn, deck_id, question_id)
            conn.execute(
                "DELETE FROM sync_replay WHERE deck_id = ? AND question_id = ?", (deck_id, question_id)
            )


def write_marks(store: Store, marks: Sequence[FileMark], values: dict[str, str | int]) -> None:
    """Record this device's own file as written (call inside :meth:`Store.transaction`)."""
    _save_marks(_conn(store), marks)
    set_meta(store, values)
