"""``quizlib import-cards``: turn basic and cloze notes from Anki's text export into a deck."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

from quizlib.commands.common import SubParsers
from quizlib.errors import UsageError
from quizlib.exchange.anki import tsv_to_deck
from quizlib.fileio import write_text_atomic
from quizlib.textfiles import read_text_file
from quizlib.wording import plural


class _BlockDumper(yaml.SafeDumper):
    """Writes text of several lines as a ``|`` block, as a person would type it."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _str)


def add_parser(sub: SubParsers) -> None:
    """Register ``import-cards``."""
    parser = sub.add_parser(
        "import-cards",
        help="make a deck from Anki's text export (basic and cloze notes)",
        description="Read a TSV file in Anki's 'Notes in Plain Text' format (header lines such as "
        "#separator:tab are honoured) and write a deck with a basic card per Front/Back note and a cloze "
        "card per {{c1::...}} note.",
        epilog="example: quizlib import-cards notes.txt -o mydeck.yaml && quizlib check mydeck.yaml",
    )
    parser.add_argument("file", metavar="FILE.tsv")
    parser.add_argument("-o", "--output", metavar="DECK.yaml", required=True, help="deck file to write")
    parser.add_argument("--deck-id", help="deck id (default: from the output file name)")
    parser.add_argument("--title", help="deck title (default: from the output file name)")
    parser.add_argument("--force", action="store_true", help="overwrite the output file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Convert and write the deck."""
    source, output = Path(args.file), Path(args.output)
    if output.exists() and not args.force:
        raise UsageError(f"{output} exists; use --force to overwrite it")
    text = read_text_file(source)
    stem = re.sub(r"[^a-z0-9]+", "-", output.stem.lower()).strip("-") or "imported"
    deck = tsv_to_deck(text, args.deck_id or stem[:64], args.title or stem.replace("-", " ").capitalize())
    body = yaml.dump(deck, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=100)
    write_text_atomic(output, f"# Imported from {source.name} by quizlib import-cards.\n{body}")
    print(f"wrote {plural(len(deck['cards']), 'card')} to {output}")
    return 0
