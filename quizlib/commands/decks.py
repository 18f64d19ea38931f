"""``quizlib decks``: the decks that ship with quizlib."""

from __future__ import annotations

import argparse
import json
from typing import Any

from quizlib.commands.common import SubParsers, load_host
from quizlib.deckfile.load import bundled_decks, load_deck
from quizlib.errors import DeckError
from quizlib.wording import plural


def add_parser(sub: SubParsers) -> None:
    """Register ``decks``."""
    parser = sub.add_parser(
        "decks",
        help="list the bundled decks",
        description="List the decks shipped with quizlib. Name one instead of a path: quizlib study karabakh",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print each bundled deck's name, title and size."""
    host = load_host(args)
    rows: list[dict[str, Any]] = []
    for name, path in bundled_decks():
        try:
            deck = load_deck(path, sections=host.sections)
            rows.append(
                {
                    "name": name,
                    "title": deck.title,
                    "facts": sum(map(len, deck.sections.values())),
                    "path": str(path),
                }
            )
        except DeckError as exc:
            rows.append(
                {
                    "name": name,
                    "title": f"(invalid: {plural(len(exc.problems), 'problem')})",
                    "facts": 0,
                    "path": str(path),
                }
            )
    if args.json:
        print(json.dumps(rows, indent=2))
    elif not rows:
        print("no bundled decks are installed")
    for row in rows if not args.json else ():
        print(f"{row['name']:<16} {row['title']} ({plural(row['facts'], 'fact')})")
    return 0
