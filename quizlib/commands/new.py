"""``quizlib new``: write a commented scaffold of a deck that shows every section.

The blocks come from the sections' ``example`` metadata, so a plugin's own section gets one.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from quizlib.commands.common import SubParsers, date_option, load_host, plugin_options, yaml_scalar
from quizlib.dates import PartialDate
from quizlib.deckfile.fields import SLUG_RE
from quizlib.deckfile.sections import FORMAT_1
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

#: An example entry's ``type:`` line: a card type, written only when a question type has it.
_TYPE_LINE = re.compile(r"^\s+type:\s*([\w-]+)\s*$", re.MULTILINE)


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
    readers: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """The scaffold text: the deck header, then each section's ``example``.

    Args:
        path: The deck's file name, for the instructions in the header.
        deck_id: The deck id.
        title: The deck title.
        sections: The declared sections, in the order to write them.
        published: The example source's publication date.
        readers: The loaded question types reading each section, named in its comment; an
            example entry whose ``type:`` names none of them is left out (all entries are
            kept when None).
    """
    text = HEADER.format(path=path, deck_id=deck_id, title=yaml_scalar(title), published=published)
    type_names = None if readers is None else {t for names in readers.values() for t in names}
    for name, section in sections.items():
        entries = [e for e in _entries(section.example) if _wanted(e, type_names)]
        if entries:
            about = section.description[:1].upper() + section.description[1:] or name
            asked = ", ".join((readers or {}).get(name, ()))
            text += f"\n# {about}" + (f" (questions: {asked})" if asked else "") + f".\n{name}:\n"
            text += "".join(entries)
    return text


def _entries(example: str) -> list[str]:
    """The example's list items, each with its own lines (comments stay with their item)."""
    items: list[str] = []
    for line in example.splitlines(keepends=True):
        if line.startswith("  - ") or not items:
            items.append(line)
        else:
            items[-1] += line
    return [item for item in items if item.strip()]


def _wanted(entry: str, type_names: Collection[str] | None) -> bool:
    found = _TYPE_LINE.search(entry)
    return type_names is None or found is None or found.group(1) in type_names


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
    host = load_host(args)
    # Only sections a loaded question type reads: a deck needs no block nothing asks about.
    first = [s.name for s in FORMAT_1]
    names = sorted(host.sections, key=lambda n: (first.index(n) if n in first else len(first), n))
    used = {name: host.sections[name] for name in names if host.types_for(name)}
    readers = {name: [qt.name for qt in host.types_for(name)] for name in used}
    text = scaffold(str(path), deck_id, title, used, args.published, readers)
    write_text_atomic(path, text)
    print(f"wrote {path}; edit it, then: quizlib check {path}")
    return 0
