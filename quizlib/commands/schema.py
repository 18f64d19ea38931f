"""``quizlib schema``: the JSON Schema of decks, including the installed plugins' sections."""

from __future__ import annotations

import argparse
import json

from quizlib.commands.common import SubParsers, load_host, plugin_options
from quizlib.deckfile.jsonschema import deck_schema
from quizlib.fileio import write_text_atomic


def add_parser(sub: SubParsers) -> None:
    """Register ``schema``."""
    parser = sub.add_parser(
        "schema",
        parents=[plugin_options()],
        help="print the JSON Schema of decks (for editor completion)",
        description="Print the JSON Schema of the deck format, including sections of the installed plugins. "
        "Save it and point yaml-language-server at it with a first line "
        "'# yaml-language-server: $schema=./quizlib-deck.schema.json'.",
        epilog="example: quizlib schema -o quizlib-deck.schema.json",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print or write the schema."""
    text = json.dumps(deck_schema(load_host(args).sections), indent=2) + "\n"
    if args.output:
        write_text_atomic(args.output, text)
    else:
        print(text, end="")
    return 0
