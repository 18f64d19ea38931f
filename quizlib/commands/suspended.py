"""``quizlib suspended``: the cards a learner or the leech rule suspended; unsuspend them."""

from __future__ import annotations

import argparse

from quizlib.commands.common import SubParsers, check_deck_ids, store_options
from quizlib.completion import attach, deck_ids
from quizlib.didyoumean import unknown_names
from quizlib.wording import plural


def add_parser(sub: SubParsers) -> None:
    """Register ``suspended``."""
    parser = sub.add_parser(
        "suspended",
        parents=[store_options()],
        help="list suspended cards (leeches included); unsuspend them",
        description="A card is suspended by the learner (s during a session) or by the leech rule "
        "(after 8 lapses). Suspended cards are never asked. This lists them; --unsuspend CARD... "
        "or --all makes them schedulable again, keeping their history (a leech keeps its mark and "
        "is suspended again after 4 more lapses).",
        epilog="example: quizlib suspended --unsuspend karabakh/quotes/putin-2020/who_said",
    )
    attach(parser.add_argument("--deck", metavar="ID", help="only this deck's cards"), deck_ids)
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--unsuspend", nargs="+", metavar="CARD", help="cards to unsuspend, as listed (DECK/QUESTION)"
    )
    group.add_argument("--all", action="store_true", help="unsuspend every listed card")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """List, or unsuspend the cards named."""
    from quizlib.store.store import Store  # `quizlib --help` need not load the database

    with Store.open(args.db, create=False) as store:
        check_deck_ids(store, [args.deck] if args.deck else [])
        cards = [c for c in store.all_cards([args.deck] if args.deck else []) if c.suspended]
        listed = {
            f"{c.deck_id}/{c.question_id}": c for c in sorted(cards, key=lambda c: (c.deck_id, c.question_id))
        }
        if args.unsuspend or args.all:
            wanted = list(listed) if args.all else list(dict.fromkeys(args.unsuspend))
            error = unknown_names("suspended card", wanted, listed)
            if error is not None:
                raise error
            for name in wanted:
                store.set_flags(listed[name].deck_id, listed[name].question_id, suspended=False)
            print(f"unsuspended {plural(len(wanted), 'card')}")
            return 0
        if not listed:
            print("no suspended cards")
            return 0
        for name, card in listed.items():
            mark = "  leech" if card.leech else ""
            print(f"{name}  lapses {card.lapses}{mark}")
        print(f"{plural(len(listed), 'suspended card')} (quizlib suspended --unsuspend CARD... or --all)")
    return 0
