"""``quizlib orphans``: cards whose question no longer exists in its deck; list or prune them."""

from __future__ import annotations

import argparse
import sys

from quizlib.commands.common import SubParsers, load_decks, load_host, plugin_options, store_options
from quizlib.commands.study import DEFAULT_DECK
from quizlib.completion import attach, deck_names
from quizlib.errors import UsageError
from quizlib.wording import plural


def add_parser(sub: SubParsers) -> None:
    """Register ``orphans``."""
    parser = sub.add_parser(
        "orphans",
        parents=[plugin_options(), store_options()],
        help="list (or prune) cards whose question was deleted from its deck",
        description="A question removed from a deck (a deleted fact, a skipped type) leaves its card "
        "in the review database, due for ever. This lists such cards of the decks named; --prune "
        "removes their card states (after asking; --yes not to ask). Their reviews stay in the log.",
        epilog="example: quizlib orphans my-deck.yaml --prune",
    )
    attach(
        parser.add_argument(
            "decks", nargs="*", metavar="DECK", help=f"deck files or bundled names (default: {DEFAULT_DECK})"
        ),
        deck_names,
    )
    parser.add_argument("--prune", action="store_true", help="remove the orphaned cards' states")
    parser.add_argument("-y", "--yes", action="store_true", help="prune without asking")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """List, then prune when asked and confirmed."""
    # Imported here: `quizlib --help` need not load the database.
    from quizlib.clock import local_zone
    from quizlib.store.store import Store
    from quizlib.study.orphans import live_question_ids, split_orphans

    host = load_host(args)
    decks = load_decks(args.decks or [DEFAULT_DECK], host)
    live = {d.id: live_question_ids(d, host) for d in decks}
    with Store.open(args.db, create=False) as store:
        _, orphans = split_orphans(store.all_cards(list(live)), live)
        if not orphans:
            print(f"no orphaned cards in {', '.join(sorted(live))}")
            return 0
        for card in orphans:
            due = card.due.astimezone(local_zone()).date().isoformat() if card.due else "-"
            print(f"{card.deck_id}/{card.question_id}  reps {card.reps}  due {due}")
        print(f"{plural(len(orphans), 'card')} whose question no longer exists")
        if not args.prune:
            print("(quizlib orphans --prune removes them; their reviews stay in the log)")
            return 0
        if not args.yes and not _confirm(len(orphans)):
            print("nothing removed")
            return 1
        store.delete_cards([(c.deck_id, c.question_id) for c in orphans])
        print(f"removed {plural(len(orphans), 'card')}")
    return 0


def _confirm(count: int) -> bool:
    if not sys.stdin.isatty():
        raise UsageError("--prune asks before removing; not at a terminal, add --yes")
    answer = input(f"Remove {plural(count, 'card')}? [y/N] ")
    return answer.strip().lower() in ("y", "yes")
