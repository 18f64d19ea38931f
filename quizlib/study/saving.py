"""Never losing an answer: a writability check before the first question, and a side file.

When an answer cannot be saved (the database is full, locked for too long, read-only or
damaged) it is appended to ``DB.pending.jsonl`` next to the database, one JSON review a
line; the next session start merges that file into the log through the same idempotent
import as ``log import`` (so a file imported twice adds nothing) and says so.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

from quizlib.errors import StoreError
from quizlib.store.records import Review
from quizlib.store.store import Store

#: Below this much free space the first answer would likely fail to save: refuse up front.
MIN_FREE_BYTES = 1 << 20


class SaveError(StoreError):
    """An answer could not be saved to the database (it was kept in the side file)."""


def pending_path(store: Store) -> Path | None:
    """The side file of a database (None for an in-memory one)."""
    return None if store.path == ":memory:" else Path(store.path + ".pending.jsonl")


def check_writable(store: Store) -> None:
    """Refuse to start a session whose answers could not be saved.

    Takes the write lock and allocates a page, then rolls back
    (:meth:`~quizlib.store.store.Store.probe_write`): a locked, read-only or full database
    fails here, before the first question.

    Raises:
        StoreError: The database cannot take writes, with the reason.
    """
    try:
        store.probe_write()
    except StoreError as exc:
        raise StoreError(f"cannot study: {exc}") from None
    if store.path != ":memory:":
        free = free_bytes(Path(store.path).parent)
        if free < MIN_FREE_BYTES:
            raise StoreError(f"cannot study: the disk holding {store.path} is full ({free:,} bytes free)")


def free_bytes(folder: Path) -> int:
    """The bytes free for this user on the disk holding ``folder`` (``shutil.disk_usage``'s
    ``free``; read directly where the system has ``statvfs``, not to import shutil at start)."""
    if hasattr(os, "statvfs"):
        info = os.statvfs(folder)
        return info.f_bavail * info.f_frsize
    import shutil

    return shutil.disk_usage(folder).free


def keep(store: Store, review: Review, reason: StoreError) -> SaveError:
    """Append an unsaved review to the side file; the error to raise, saying where it went."""
    path = pending_path(store)
    if path is None:
        return SaveError(f"{reason}; the answer could not be kept")
    line = json.dumps(
        {
            "uuid": review.uuid,
            "deck_id": review.deck_id,
            "question_id": review.question_id,
            "type": review.type,
            "reviewed_at": review.reviewed_at.astimezone(dt.UTC).isoformat(),
            "rating": review.rating,
            "answer": review.answer,
            "score": review.score,
            "suggested": review.suggested,
            "response_ms": review.response_ms,
            "cram": review.cram,
        }
    )
    try:
        with path.open("a", encoding="utf-8") as f:
            f.write(line + "\n")
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        return SaveError(f"{reason}; the answer could not be kept either ({path}: {exc.strerror})")
    return SaveError(f"{reason}. Your answer is kept in {path}; the next quizlib study saves it")


def _read(path: Path) -> Iterator[Review]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue  # a line cut short by a crash is skipped below; blank ones here
            try:
                d = json.loads(line)
                yield Review(
                    d["uuid"],
                    d["deck_id"],
                    d["question_id"],
                    d["type"],
                    dt.datetime.fromisoformat(d["reviewed_at"]),
                    int(d["rating"]),
                    d["answer"],
                    d["score"],
                    d["suggested"],
                    int(d["response_ms"]),
                    cram=bool(d["cram"]),
                    origin="pending",
                )
            except (ValueError, KeyError, TypeError):
                # Only a write interrupted mid-line can produce this; the rest is still good.
                continue


def import_pending(store: Store, now: dt.datetime | None = None) -> tuple[int, Path] | None:
    """Save the answers an earlier session kept in the side file; (count, file) or None.

    The file is removed once its reviews are committed; importing is idempotent, so a crash
    in between only re-reads reviews already present.
    """
    path = pending_path(store)
    if path is None or not path.exists():
        return None
    from quizlib.exchange.reviewlog import import_reviews  # logio imports the scheduler; only needed here

    result = import_reviews(store, _read(path), now=now)
    path.unlink()
    return result.added, path
