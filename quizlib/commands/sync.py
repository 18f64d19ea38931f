"""``quizlib sync DIR``: share the review log with other devices through a synced folder."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quizlib.commands.common import SYNC_DIR_ENV, SubParsers, folder_from, store_options
from quizlib.errors import QuizError, UsageError
from quizlib.wording import plural

if TYPE_CHECKING:  # imported when run: `quizlib --help` need not load the store
    from collections.abc import Sequence

    from quizlib.exchange.sync import SyncReport
    from quizlib.model import Deck
    from quizlib.store.store import Store

#: The environment variable naming the sync folder (``sync`` and ``study``).

EPILOG = f"""\
examples:
  quizlib sync ~/Sync/quizlib            send this device's news, get others'
  quizlib sync --status ~/Sync/quizlib   the device id and the folder's files
  quizlib study --sync ~/Sync/quizlib    sync before and after a session
  {SYNC_DIR_ENV}=~/Sync/quizlib quizlib study   the same, for every session

The folder is kept in step by Syncthing, a cloud drive or git (docs/sync.md). Each
database writes only its own file, quizlib-DEVICE.jsonl, so the files never conflict;
conflict copies a sync tool makes anyway are imported too."""


def add_parser(sub: SubParsers) -> None:
    """Register ``sync``."""
    parser = sub.add_parser(
        "sync",
        parents=[store_options()],
        help="sync the review log with other devices through a shared folder",
        description="Write the reviews, undos, suspensions, buries, leeches and applied FSRS parameters\n"
        "of this database that the folder lacks to this device's own file in DIR, then import\n"
        "what the other devices' files gained since the last sync. Syncing is idempotent and\n"
        "order-free: once every device has synced twice, all hold the same log and schedule.",
        epilog=EPILOG,
    )
    default = f"the shared folder (default: ${SYNC_DIR_ENV})"
    parser.add_argument("folder", nargs="?", metavar="DIR", help=default)
    parser.add_argument("--status", action="store_true", help="show the device id and the folder's files")
    parser.add_argument(
        "--new-device",
        action="store_true",
        help="give this database a new device id (after copying a database file to another machine)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Sync, or show the status."""
    from quizlib.clock import system_clock
    from quizlib.exchange.sync import sync
    from quizlib.store import syncstate
    from quizlib.store.store import Store

    folder = folder_from(args.folder)
    if folder is None and not args.status:
        raise UsageError(f"name the sync folder: quizlib sync DIR (or set {SYNC_DIR_ENV})")
    with Store.open(args.db) as store:
        if args.new_device:
            print(f"new device id {syncstate.new_device_id(store)}")
        if args.status:
            return _status(store, folder)
        assert folder is not None
        report = sync(store, folder, system_clock()())
    print(describe(report, folder))
    for problem in report.problems:
        print(f"quizlib sync: {problem}", file=sys.stderr)
    return 1 if report.problems else 0


def describe(report: SyncReport, folder: Path) -> str:
    """One line on what a sync did."""
    parts = [f"wrote {plural(report.written, 'event')}"]
    files = plural(report.files, "changed file")
    parts.append(f"added {plural(report.added, 'review')} (of {report.read} read from {files})")
    if report.undone:
        parts.append(f"removed {plural(report.undone, 'undone review')}")
    if report.changes:
        parts.append(f"sent {plural(report.changes, 'flag or parameter change')}")
    return f"{folder}: " + ", ".join(parts)


def _status(store: Store, folder: Path | None) -> int:
    from quizlib.exchange.sync import check_folder
    from quizlib.exchange.syncfile import is_sync_file, own_name
    from quizlib.store import syncstate

    device = syncstate.device_id(store)
    print(f"device    {device}")
    print(f"database  {store.path}")
    if folder is None:
        return 0
    where = check_folder(folder)
    written = syncstate.meta(store, "export_dir") == str(where)
    print(f"folder    {where} (this device writes {own_name(device)}{'' if written else ', not yet'})")
    for name in sorted(n for n in os.listdir(where) if is_sync_file(n)):
        mark = syncstate.file_mark(store, str(where), name)
        size = (where / name).stat().st_size
        seen = "not read yet" if mark is None else f"read {plural(mark.lines, 'line')}"
        news = ", has news" if mark is None or size != mark.offset else ""
        print(f"  {name}  {seen}{news}")
    return 0


def sync_around_session(store: Store, folder: Path | None, when: str, decks: Sequence[Deck] = ()) -> None:
    """Sync before or after a study session; any failure is a warning, the session goes on.

    Args:
        store: The open review database.
        folder: The sync folder (None: syncing is off).
        when: ``before`` or ``after``, for the messages.
        decks: The decks studied, whose scheduling settings replays of merged reviews use.
    """
    if folder is None:
        return  # nothing to do: the session itself keeps its decks' settings
    from quizlib.clock import system_clock
    from quizlib.exchange.sync import sync
    from quizlib.srs.replay import remember_decks

    try:
        remember_decks(store, decks)
        report = sync(store, folder, system_clock()())
    except QuizError as exc:
        print(
            f"quizlib study: warning: no sync {when} the session: {exc} (your reviews are saved in"
            " the database and go to the folder at the next sync)",
            file=sys.stderr,
        )
        return
    print(f"quizlib study: sync {when}: {describe(report, folder)}", file=sys.stderr)
    for problem in report.problems:
        print(f"quizlib study: warning: {problem}", file=sys.stderr)
