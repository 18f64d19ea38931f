"""``quizlib check``: validate decks; exit 0 when valid, 1 when not."""

from __future__ import annotations

import argparse
import random
import sys

from quizlib.commands.common import SubParsers, load_host, plugin_options
from quizlib.deck import load_deck, resolve_deck
from quizlib.errors import DeckError
from quizlib.lint import lint_deck
from quizlib.questions import generate_questions


def add_parser(sub: SubParsers) -> None:
    """Register ``check``."""
    parser = sub.add_parser(
        "check",
        parents=[plugin_options()],
        help="validate deck files (exit 0 valid, 1 invalid)",
        description="Validate decks. Every problem is printed on stderr as FILE:LINE:COL: message. "
        "Exit status: 0 all valid, 1 some invalid, 2 usage error.",
        epilog="example: quizlib check decks/*.yaml",
    )
    parser.add_argument("decks", nargs="+", metavar="DECK", help="deck file or bundled deck name")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also fail on lint warnings: unrecorded conflicts, near-duplicates, unused actors, "
        "facts without a source, quotes without a known speaker, drafts marked review: true",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check each deck and report all problems."""
    host = load_host(args)
    failed = False
    for name in args.decks:
        try:
            deck = load_deck(resolve_deck(name), sections=host.sections)
        except DeckError as exc:
            failed = True
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        generated = generate_questions(deck, host, random.Random(0))
        for error in generated.errors:
            print(f"{name}: warning: {error}", file=sys.stderr)
        if args.strict:
            warnings = lint_deck(deck, host.sections)
            for problem in warnings:
                print(
                    f"{problem.path}:{problem.line}:{problem.column}: warning: {problem.message}",
                    file=sys.stderr,
                )
            if warnings or generated.errors:
                failed = True
                print(f"{name}: {len(warnings)} warnings (--strict)")
                continue
        facts = sum(len(f) for f in deck.sections.values())
        print(f"{name}: ok ({facts} facts, {len(generated.questions)} questions)")
    return 1 if failed else 0
