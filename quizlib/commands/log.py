"""``quizlib log export|import``: move the review log between machines and tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizlib.clock import system_clock
from quizlib.commands.common import SubParsers, check_deck_ids, store_options
from quizlib.completion import attach, deck_ids
from quizlib.errors import QuizError, StoreError, UsageError
from quizlib.fileio import atomic_text
from quizlib.textfiles import check_head
from quizlib.wording import plural


def add_parser(sub: SubParsers) -> None:
    """Register ``log`` with its ``export`` and ``import`` subcommands."""
    parser = sub.add_parser(
        "log",
        help="export or import the review log (CSV)",
        description="Export the review log as CSV (card_id, review_time, review_rating, review_duration, "
        "then quizlib's columns), or merge one in. Importing is idempotent: the same file twice adds "
        "nothing; logs from two machines merge into their union; card states are recomputed.",
        epilog="example: quizlib log export -o laptop.csv, then on the other machine: "
        "quizlib log import laptop.csv",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    out = actions.add_parser("export", parents=[store_options()], help="write the review log as CSV")
    out.add_argument("-o", "--output", metavar="FILE.csv", help="file to write (default: stdout)")
    attach(out.add_argument("--deck", help="only this deck's reviews"), deck_ids)
    out.set_defaults(func=run_export)
    into = actions.add_parser("import", parents=[store_options()], help="merge a review-log CSV")
    into.add_argument("file", metavar="FILE.csv")
    into.add_argument(
        "--deck",
        default="imported",
        help="deck id for rows without one, e.g. plain FSRS logs (default: imported)",
    )
    into.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    """Write the CSV."""
    # Imported here: `quizlib --help` need not load the database or the scheduler.
    from quizlib.exchange.reviewlog import export_csv
    from quizlib.store.store import Store

    with Store.open(args.db, create=False) as store:
        check_deck_ids(store, [args.deck] if args.deck else [])
        if args.output:
            path = Path(args.output)
            with atomic_text(path, newline="") as out:
                count = export_csv(store, out, args.deck)
            print(f"wrote {plural(count, 'review')} to {path}", file=sys.stderr)
        else:
            export_csv(store, sys.stdout, args.deck)
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Merge the CSV into the database."""
    from quizlib.exchange.reviewlog import import_reviews, read_csv
    from quizlib.store.store import Store

    path = Path(args.file)
    check_head(path)  # a UTF-16 export is named as such, not failed on its first byte
    try:
        text = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    with text, Store.open(args.db) as store:
        try:
            result = import_reviews(store, read_csv(text, args.deck, now=system_clock()()))
        except UnicodeDecodeError:
            raise QuizError(f"{path} is not UTF-8 text") from None
        except StoreError:
            raise
        except QuizError as exc:
            raise QuizError(f"{path}: {exc} (nothing imported)") from None
    print(
        f"{path}: read {result.read}, added {result.added}, already present {result.skipped}; "
        f"{plural(result.cards, 'card')} rescheduled"
    )
    return 0
