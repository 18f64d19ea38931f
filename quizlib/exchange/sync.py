"""Syncing review databases through a shared folder (Syncthing, a cloud folder, git).

Each database (device) appends what it has that the folder lacks — its reviews, undos,
and changes of card flags and applied FSRS parameters — to its own file
``quizlib-DEVICE.jsonl``, rewritten atomically (a temporary file renamed over it), and
imports what the other files gained since it last read them. Reviews merge through the
idempotent import of ``quizlib log import``; flags and parameters through last-writer-wins
registers; so after syncing both ways, every database holds the same log and card states.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from quizlib.errors import QuizError
from quizlib.exchange.reviewlog import import_reviews
from quizlib.exchange.syncfile import (
    Chunk,
    bytes_before,
    header,
    is_sync_file,
    own_name,
    read_new,
    review_line,
    tail_hash,
    undo_line,
)
from quizlib.fileio import atomic_path, describe_os_error
from quizlib.srs.replay import replay
from quizlib.store import syncstate
from quizlib.store.records import Review
from quizlib.store.store import Store


class SyncError(QuizError):
    """The folder cannot be synced with (missing, not a folder, not readable or writable)."""


@dataclass
class SyncReport:
    """What a sync did."""

    device: str
    written: int = 0
    files: int = 0
    read: int = 0
    added: int = 0
    undone: int = 0
    changes: int = 0
    problems: list[str] = field(default_factory=list)


def check_folder(folder: Path) -> Path:
    """The folder as an absolute path.

    Raises:
        SyncError: It does not exist or is not a directory.
    """
    if not folder.exists():
        raise SyncError(f"the sync folder {folder} does not exist (create it, or mount the share)")
    if not folder.is_dir():
        raise SyncError(f"the sync folder {folder} is not a directory")
    return folder.resolve()


def sync(store: Store, folder: Path, now: dt.datetime) -> SyncReport:
    """Write this database's news to its file in ``folder`` and import the other files' news.

    Args:
        store: The review database.
        folder: The shared folder.
        now: The current time (stamps flag changes; reviews dated later are refused).

    Returns:
        What was written and read; ``problems`` lists damaged lines and refused files
        (``FILE:LINE: message``), everything else having been imported.

    Raises:
        SyncError: The folder is missing, or cannot be read or written; nothing is lost (the
            database keeps everything and the next sync writes it).
        StoreError: The database is locked, read-only, full or damaged.
    """
    where = check_folder(folder)
    report = SyncReport(syncstate.device_id(store))
    _replay_pending(store)  # repairs a sync killed between an undo and its replay
    report.changes = syncstate.record_local_changes(store, now)
    _import(store, where, now, report)
    report.written = _export(store, where, report.device)
    _replay_pending(store)
    return report


def _import(store: Store, where: Path, now: dt.datetime, report: SyncReport) -> None:
    try:
        names = sorted(n for n in os.listdir(where) if is_sync_file(n))
    except OSError as exc:
        raise SyncError(f"cannot read the sync folder: {describe_os_error(exc, where)}") from None
    chunks: list[Chunk] = []
    undone = syncstate.undone_ids(store)

    def reviews() -> Iterator[Review]:
        # Streamed into the import one file at a time: a folder read from scratch is never
        # all in memory.
        for name in names:
            mark = syncstate.file_mark(store, str(where), name)
            try:
                chunk = read_new(where / name, str(where), mark, now)
            except OSError as exc:
                report.problems.append(f"cannot read {describe_os_error(exc, where / name)}")
                continue
            if chunk.refused is not None:
                report.problems.append(f"{where / name}: {chunk.refused}")
            report.problems.extend(chunk.problems)
            if chunk.mark is not None and chunk.mark != mark:
                report.files += 1
            chunks.append(chunk)
            yield from (r for r in chunk.reviews if r.uuid not in undone)
            chunk.reviews.clear()

    stream = reviews()
    first = next(stream, None)  # nothing new (the usual case): no import, no integrity check
    if first is not None:
        result = import_reviews(store, itertools.chain([first], stream), now=now)
        report.read, report.added = result.read, result.added
    marks = [c.mark for c in chunks if c.mark is not None]
    report.undone = syncstate.apply_remote(
        store, [u for c in chunks for u in c.undos], [s for c in chunks for s in c.sets], marks
    )
    _replay_pending(store)


def _replay_pending(store: Store) -> None:
    cards = syncstate.replay_pending(store)
    if cards:
        replay(store, cards)
        syncstate.replay_done(store, cards)


def _own_file_intact(store: Store, own: Path, where: Path) -> bool:
    """Whether the own file still holds everything this database last wrote to it."""
    offset, tail = syncstate.meta(store, "export_offset"), syncstate.meta(store, "export_tail")
    if syncstate.meta(store, "export_dir") != str(where) or offset is None or tail is None:
        return False
    try:
        with own.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            return size >= int(offset) and tail_hash(bytes_before(f, int(offset))) == tail
    except OSError:
        return False


def _export(store: Store, where: Path, device: str) -> int:
    """Append this device's news to its own file; returns the number of events written.

    Runs under the database's write lock, so two syncs of one database never write the
    file at once; a crash before the rename leaves only a hidden temporary file (never
    imported), and a crash after it only makes the next sync write some events again.
    """
    own = where / own_name(device)
    with store.transaction():
        intact = _own_file_intact(store, own, where)
        marks = {k: int(syncstate.meta(store, k) or 0) if intact else 0 for k in ("review", "undo", "outbox")}
        undos = syncstate.local_undos_after(store, marks["undo"])
        # An undone review's row id may be given to a later review: look again from there.
        after = min([marks["review"]] + [row - 1 for _, _, row in undos])
        lines: list[str] = [review_line(r) for r in syncstate.local_reviews_after(store, after)]
        syncstate.queue_out_of_order(store, after)
        last_review = syncstate.last_review_id(store)
        lines += [undo_line(u) for _, u, _ in undos]
        outbox = syncstate.outbox_after(store, marks["outbox"])
        lines += [event + "\n" for _, event in outbox]
        if intact and not lines:
            if last_review > marks["review"]:  # only imported reviews since: never look at them again
                syncstate.set_meta(store, {"review": last_review})
            return 0
        _remove_stale_temporaries(where, own.name)
        try:
            base = own.read_bytes() if intact else header(device)
            data = base + "".join(lines).encode()
            with atomic_path(own) as temp:
                temp.write_bytes(data)
        except (OSError, QuizError) as exc:
            reason = describe_os_error(exc, own) if isinstance(exc, OSError) else str(exc)
            raise SyncError(f"cannot write to the sync folder ({reason}); the reviews stay here") from None
        mark = syncstate.FileMark(str(where), own.name, len(data), data.count(b"\n"), tail_hash(data))
        values: dict[str, str | int] = {
            "export_dir": str(where),
            "export_offset": len(data),
            "export_tail": mark.tail,
            "review": last_review,
            "undo": undos[-1][0] if undos else marks["undo"],
            "outbox": outbox[-1][0] if outbox else marks["outbox"],
        }
        syncstate.write_marks(store, [mark], values)
    return len(lines)


def _remove_stale_temporaries(where: Path, own: str) -> None:
    # Left by a sync of this database killed before its rename (others' are theirs to clean).
    for name in os.listdir(where):
        if name.startswith(f".{own}.") and name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                (where / name).unlink()
