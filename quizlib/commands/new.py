"""``quizlib new``: write a commented scaffold of a deck that shows every section."""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping
from pathlib import Path

from quizlib.commands.common import SubParsers, date_option, load_host, plugin_options, yaml_scalar
from quizlib.dates import PartialDate
from quizlib.deckfile.fields import SLUG_RE
from quizlib.errors import UsageError
from quizlib.fileio import write_text_atomic
from quizlib.model import Section

#: The example source's publication date unless --published gives one.
EXAMPLE_PUBLISHED = PartialDate(2024, 1, 15)

HEADER = """\
# A quizlib deck (format 1). `quizlib schema` describes every field and section;
# `quizlib show {path}` shows the questions it makes.
# Check it with `quizlib check {path}`; study it with `quizlib study {path}`.
# For completion in an editor with yaml-language-server, write the schema next to this
# file with `quizlib schema -o quizlib-deck.schema.json`, then make this the first line:
#   # yaml-language-server: $schema=./quizlib-deck.schema.json
# Ids are slugs (a-z, 0-9, -) and must stay stable: review history is keyed by them.
quizlib: 1
deck:
  id: {deck_id}
  title: {title}
  description: What this deck covers and where its facts come from.
  language: en
  tags: []
  # settings: {{new_per_day: 20, retention: 0.9, timeline_k: 3, timeline_grading: pairs}}

# One entry per article. Cite facts as SOURCE_ID:pN (paragraph N, counting non-empty lines).
sources:
  - id: example-article
    title: Headline of the article
    outlet: Example News
    author: A. Writer
    published: {published}        # YYYY, YYYY-MM or YYYY-MM-DD
    # published_note: say how the date was inferred, if it was
    # url: https://example.org/article

# People and institutions that say or do something.
actors:
  - id: example-ministry
    name: Example Ministry
    kind: institution
  - id: jane-doe
    name: Jane Doe
    role: spokesperson of the Example Ministry
    aliases: [Doe]                # surname, transliterations
    organisation: example-ministry
"""

BLOCKS = {
    "events": """
# Dated events: timeline ordering and date recall.
events:
  - id: example-event
    date: 2024-01-12
    text: The Example Ministry held a briefing.
    actors: [example-ministry]
    sources: [example-article:p3]
    tags: [example]
    # conflicts:                  # when another source gives another value
    #   - {field: date, value: 2024-01-13, sources: [other-article:p2], note: why they differ}
""",
    "quotes": """
# Direct quotes, verbatim: who said what.
quotes:
  - id: example-quote
    text: We will publish the report next week.
    speaker: jane-doe
    context: at the briefing
    date: 2024-01-12
    sources: [example-article:p4]
""",
    "figures": """
# Numbers worth remembering: number recall.
figures:
  - id: example-figure
    value: 2000
    unit: troops
    qualifier: nearly             # over, nearly, an estimated, about ...
    counts: soldiers in the example contingent
    tolerance: 10%                # absolute (50), relative (10%) or a range ([1800, 2200])
    sources: [example-article:p5]
""",
    "agreements": """
# Agreements: parties, date and terms.
agreements:
  - id: example-agreement
    name: the example agreement
    date: 2020-11-10
    parties: [example-ministry]
    terms:
      - id: term-length
        text: the length of the term
        value: 5
        unit: years
    sources: [example-article:p6]
""",
}

#: One example card per card type; only the installed types are written.
CARDS = {
    "basic": """\
  - id: example-basic
    type: basic
    front: What is the capital of France?
    back: Paris
    sources: [example-article:p7]
""",
    "choice": """\
  - id: example-choice
    type: choice
    question: Which of these are colours?
    choices: [red, table, green]
    answer: [0, 2]
    sources: [example-article:p7]
""",
    "cloze": """\
  - id: example-cloze
    type: cloze
    text: The {{Seine}} flows through {{Paris}}.
    sources: [example-article:p7]
""",
}


def add_parser(sub: SubParsers) -> None:
    """Register ``new``."""
    parser = sub.add_parser(
        "new",
        parents=[plugin_options()],
        help="write a commented deck scaffold",
        description="Write a commented scaffold of a deck showing every installed section, ready to edit.",
        epilog="example: quizlib new mydeck.yaml --title 'My deck' && quizlib check mydeck.yaml",
    )
    parser.add_argument("path", metavar="DECK.yaml", help="file to create (never overwritten)")
    parser.add_argument("--id", dest="deck_id", help="deck id (default: from the file name)")
    parser.add_argument("--title", help="deck title (default: from the file name)")
    parser.add_argument(
        "--published",
        type=date_option,
        default=EXAMPLE_PUBLISHED,
        metavar="DATE",
        help="publication date of the example source, written as people do: "
        "2024-01-15, 'January 15 2024', 'Jan 2024', 2024",
    )
    parser.set_defaults(func=run)


def scaffold(
    path: str,
    deck_id: str,
    title: str,
    sections: Mapping[str, Section],
    published: PartialDate = EXAMPLE_PUBLISHED,
) -> str:
    """The scaffold text with a block for each installed built-in section and card type."""
    text = HEADER.format(path=path, deck_id=deck_id, title=yaml_scalar(title), published=published)
    text += "".join(BLOCKS[name] for name in BLOCKS if name in sections)
    card_type = sections["cards"].fields.get("type") if "cards" in sections else None
    cards = [CARDS[t] for t in CARDS if card_type is not None and t in card_type.values]
    if cards:
        text += "\n# Free-form cards.\ncards:\n" + "".join(cards)
    return text


def run(args: argparse.Namespace) -> int:
    """Write the scaffold."""
    path = Path(args.path)
    if path.exists():
        raise UsageError(f"{path} exists; choose another name (quizlib new never overwrites)")
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:64].strip("-") or "my-deck"
    deck_id = args.deck_id or stem
    if not SLUG_RE.match(deck_id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", deck_id.lower()).strip("-")[:64] or "my-deck"
        raise UsageError(
            f"--id {deck_id!r} is not a slug: use a-z, 0-9 and -, starting with a letter or digit, "
            f"at most 64 characters (e.g. --id {suggestion})"
        )
    title = args.title or stem.replace("-", " ").capitalize()
    sections = load_host(args).sections
    write_text_atomic(path, scaffold(str(path), deck_id, title, sections, args.published))
    print(f"wrote {path}; edit it, then: quizlib check {path}")
    return 0
