"""``quizlib study``: a spaced-repetition session, interactive in a terminal, plain otherwise."""

from __future__ import annotations

import argparse
import random
import sys
from typing import TYPE_CHECKING

from quizlib import collector
from quizlib.commands.common import (
    SubParsers,
    folder_from,
    load_decks,
    load_host,
    plugin_options,
    store_options,
    warnings_after,
)
from quizlib.completion import attach, deck_names, question_types
from quizlib.completion import tags as tag_names
from quizlib.didyoumean import unknown_names
from quizlib.errors import QuizError
from quizlib.wording import plural

if TYPE_CHECKING:
    from quizlib.clock import Clock
    from quizlib.model import Deck
    from quizlib.plugins import PluginHost
    from quizlib.store.store import Store
    from quizlib.study.session import SessionOptions

#: The deck studied when none is named.
DEFAULT_DECK = "karabakh"

EPILOG = """\
examples:
  quizlib study                      the bundled karabakh deck
  quizlib study my-deck.yaml --limit 20 --type timeline
  quizlib study --cram --tag 2023-offensive
  quizlib study --plain < answers.txt   one answer per line, no screen control

keys (interactive):
  Enter  answer / save the rating      1-4  change the rating (again hard good easy)
  Up Down, j k  move    Space  grab an item (ordering), pick or tick an option
  u undo   s skip   b bury   ? help (Space pages it)   q or Ctrl-D quit
  Ctrl-C saves and quits too, with exit status 130. After an answer, Down or j
  shows more of an outcome too long for the screen. Where letters type (names,
  numbers, text, cards; a choice's option letters), press Esc first: Esc s skips,
  Esc q quits.

plain mode (--plain, or whenever stdin or stdout is not a terminal):
  Answers as typed above (3142, b, 1 3, a name...); commands on their own line:
  :u undo   :s skip   :b bury   :q quit   ? help
  After an answer, Enter accepts the suggested rating or 1-4 picks another.
  End of input ends the session.

A review is saved the moment it is rated; quitting saves an answer already graded
with its suggested rating. NO_COLOR turns colour off."""


def add_parser(sub: SubParsers) -> None:
    """Register ``study``."""
    parser = sub.add_parser(
        "study",
        parents=[plugin_options(), store_options()],
        help="study decks with spaced repetition",
        description="Study one or more decks: due reviews first, then new questions, each graded\n"
        "with partial credit and scheduled with FSRS. Interactive when stdin and stdout are\n"
        "terminals; otherwise (or with --plain) one line per answer.",
        epilog=EPILOG,
    )
    attach(
        parser.add_argument(
            "decks",
            nargs="*",
            metavar="DECK",
            help=f"deck file or bundled deck name (default: {DEFAULT_DECK})",
        ),
        deck_names,
    )
    parser.add_argument("--plain", action="store_true", help="line mode even in a terminal (screen readers)")
    parser.add_argument("--limit", type=_positive, metavar="N", help="stop after N answers (repeats count)")
    types = parser.add_argument(
        "--type",
        dest="types",
        action="append",
        default=[],
        metavar="T",
        help="only questions of type T (repeatable; see 'quizlib plugins')",
    )
    tags = parser.add_argument(
        "--tag",
        dest="tags",
        action="append",
        default=[],
        metavar="X",
        help="only facts tagged X (repeatable)",
    )
    attach(types, question_types)
    attach(tags, tag_names)
    parser.add_argument("--cram", action="store_true", help="practise everything now, without rescheduling")
    parser.add_argument(
        "--new", type=_non_negative, metavar="N", help="at most N new questions today (default: the deck's)"
    )
    parser.add_argument("--seed", type=int, metavar="N", help="seed the order and distractors (reproducible)")
    parser.add_argument(
        "--sync", metavar="DIR", help="sync through this folder before and after (default: $QUIZLIB_SYNC_DIR)"
    )
    parser.set_defaults(func=run, starts_paused=True)  # resumes the collector itself, see run


def _positive(text: str) -> int:
    value = _non_negative(text)
    if value == 0:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def interactive(args: argparse.Namespace) -> bool:
    """Whether to run the full-screen UI: both ends are terminals and --plain is not given."""
    return not args.plain and sys.stdin.isatty() and sys.stdout.isatty()


def plain_reason() -> str:
    """Why plain mode was chosen without --plain, in one line for stderr."""
    ends = [name for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout)) if not stream.isatty()]
    which = f"{' and '.join(ends)} are not terminals" if len(ends) == 2 else f"{ends[0]} is not a terminal"
    return f"{which}: plain mode, one answer per line (--plain to choose it)"


def run(args: argparse.Namespace) -> int:
    """Study until done or quit; the store is closed whatever happens."""
    from quizlib.store.store import Store

    # The database's integrity check reads the whole file: it runs while the rest of the
    # program is imported and the decks load (started first, it is done by the time the
    # database is opened on all but the largest collections).
    checked = Store.check_in_background(args.db)
    from quizlib.clock import system_clock
    from quizlib.study.session import SessionOptions

    host = load_host(args)
    error = unknown_names("question type", args.types, host.question_types)
    decks = load_decks(args.decks or [DEFAULT_DECK], host, skip_unknown_sections=True)
    if args.tags:
        tags = (tag for deck in decks for fact in deck.all_facts() for tag in fact.tags)
        error = error or unknown_names("tag", args.tags, tags)
    if error is not None:
        raise error
    clock = system_clock()
    rng = random.Random(args.seed) if args.seed is not None else random.Random()
    options = SessionOptions(
        limit=args.limit, types=tuple(args.types), tags=tuple(args.tags), cram=args.cram, new_per_day=args.new
    )
    store = Store.open(args.db, checked=checked)
    try:
        status = _study(store, args, decks, host, clock, rng, options)
        store.settle()  # damage is reported even when the session wrote nothing
        return status
    except QuizError:
        raise  # says what happened (and where an unsaved answer was kept)
    except Exception:
        store.settle()  # damage found by the background check explains a failure of reading
        raise
    finally:
        store.close()


def _study(
    store: Store,
    args: argparse.Namespace,
    decks: list[Deck],
    host: PluginHost,
    clock: Clock,
    rng: random.Random,
    options: SessionOptions,
) -> int:
    from quizlib.study.saving import check_writable, import_pending
    from quizlib.study.session import Session
    from quizlib.ui import render

    check_writable(store)  # a clear error now, not a lost answer after the first question
    kept = import_pending(store)
    if kept is not None:
        print(f"quizlib study: saved {plural(kept[0], 'answer')} kept in {kept[1]}", file=sys.stderr)
    folder = folder_from(args.sync)
    if folder is not None:  # the sync machinery only with a folder
        from quizlib.commands.sync import sync_around_session

        sync_around_session(store, folder, "before", decks)
    try:
        session = Session.start(store, decks, host, clock=clock, rng=rng, options=options)
        if session.current is None:
            print(render.nothing_to_study(session.summary(), clock()))
            return 0
        if interactive(args):
            from quizlib.ui.app import run_app  # prompt_toolkit is imported only here

            collector.resume()  # the session is ready: what start-up made stays (quizlib.collector)
            with warnings_after(host):  # stderr lines would tear the full-screen display
                return run_app(session, clock=clock)
        from quizlib.ui.plain import run_plain

        collector.resume()
        if not args.plain:
            print(f"quizlib study: {plain_reason()}", file=sys.stderr)
        return run_plain(session, sys.stdin, sys.stdout, clock=clock)
    finally:
        if folder is not None:
            sync_around_session(store, folder, "after")
