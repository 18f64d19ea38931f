"""``quizlib draft``: candidate facts from articles, as a deck to review."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from quizlib.commands.common import SubParsers
from quizlib.dates import PartialDate
from quizlib.draft import Article, author_of, draft_deck
from quizlib.errors import UsageError
from quizlib.textfiles import read_text_file


def add_parser(sub: SubParsers) -> None:
    """Register ``draft``."""
    parser = sub.add_parser(
        "draft",
        help="draft a deck from articles (candidates marked review: true)",
        description="Read plain-text or Markdown articles and write a draft deck: dated events, quotes with "
        "their speakers, figures with qualifiers, and actors, each marked 'review: true', cited by "
        "paragraph, with its sentence in 'note'. Rule-based and offline.",
        epilog="example: quizlib draft article.txt --published 2024-01-15 --outlet Mirror -o draft.yaml",
    )
    parser.add_argument("articles", nargs="+", metavar="ARTICLE.txt")
    parser.add_argument("--source-id", help="source id (one article only; default: from the file name)")
    parser.add_argument("--published", help="publication date YYYY[-MM[-DD]]: resolves 'last September' etc.")
    parser.add_argument("--outlet", default="", help="the publication (default: from a feed footer)")
    parser.add_argument("--author", default="", help="the author (default: from a 'By NAME' byline)")
    parser.add_argument("--title", default="", help="the article's title (default: its headline)")
    parser.add_argument("--deck-id", default="draft", help="deck id (default draft)")
    parser.add_argument(
        "-o", "--output", metavar="DECK.yaml", help="write here (default stdout; never overwrites)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Draft and write."""
    if args.source_id and len(args.articles) > 1:
        raise UsageError("--source-id names one article's source; give one article or leave it out")
    try:
        published = PartialDate.parse(args.published) if args.published else None
    except ValueError as exc:
        raise UsageError(f"--published: {exc}") from None
    articles = []
    for name in args.articles:
        path = Path(name)
        text = read_text_file(path)
        source_id = (
            args.source_id or re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:64] or "source"
        )
        author = args.author or author_of(text)
        articles.append(Article(str(path), text, source_id, published, args.outlet, author, args.title))
    deck = draft_deck(articles, deck_id=args.deck_id, title=args.title or "Draft deck")
    body = "# A draft made by quizlib draft: check every entry, then remove its 'review: true'.\n"
    body += yaml.safe_dump(deck, sort_keys=False, allow_unicode=True, width=1000)
    if args.output:
        out = Path(args.output)
        if out.exists():
            raise UsageError(f"{out} exists; choose another name")
        out.write_text(body, encoding="utf-8")
        counts = ", ".join(f"{len(deck.get(s, []))} {s}" for s in ("events", "quotes", "figures", "actors"))
        print(f"wrote {out}: {counts}")
    else:
        sys.stdout.write(body)
    return 0
