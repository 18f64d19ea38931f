"""``quizlib export``: a deck's questions as an Anki package or Anki's text format."""

from __future__ import annotations

import argparse
import random
import sys

from quizlib.commands.common import SubParsers, load_decks, load_host, plugin_options
from quizlib.completion import attach, deck_names
from quizlib.exchange.anki import to_card, to_tsv, write_apkg
from quizlib.fileio import write_text_atomic, write_with
from quizlib.study.questions import generate_questions
from quizlib.wording import plural


def add_parser(sub: SubParsers) -> None:
    """Register ``export``."""
    parser = sub.add_parser(
        "export",
        parents=[plugin_options()],
        help="export a deck to Anki (.apkg) or Anki's text format (TSV)",
        description="Export every generated question of a deck as an Anki note. Note GUIDs come from the "
        "question ids, so exporting again updates the notes in Anki instead of duplicating them.",
        epilog="examples: quizlib export karabakh --format apkg -o karabakh.apkg; "
        "quizlib export karabakh --format tsv -o karabakh.txt",
    )
    attach(parser.add_argument("deck", metavar="DECK", help="deck file or bundled deck name"), deck_names)
    parser.add_argument(
        "--format", choices=("apkg", "tsv"), default="apkg", help="output format (default apkg)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="output file (tsv: default stdout)")
    parser.add_argument("--seed", type=int, default=0, help="seed for distractors and item order (default 0)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export."""
    host = load_host(args)
    # Like show: a section whose plugin is missing is left out with a warning (Anki keeps
    # the notes an export leaves out; re-exporting with the plugin back updates them).
    (deck,) = load_decks([args.deck], host, skip_unknown_sections=True)
    questions = generate_questions(deck, host, random.Random(args.seed)).questions
    cards = [to_card(q, deck, host) for q in questions]
    if args.format == "apkg":
        output = args.output or f"{deck.id}.apkg"
        write_with(output, lambda temp: write_apkg(deck, cards, temp))
        print(f"wrote {plural(len(cards), 'note')} to {output}")
    elif args.output:
        write_text_atomic(args.output, to_tsv(deck, cards))
        print(f"wrote {plural(len(cards), 'note')} to {args.output}")
    else:
        sys.stdout.write(to_tsv(deck, cards))
    return 0
