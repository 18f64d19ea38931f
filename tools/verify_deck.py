"""Check the bundled deck against its source articles, when they are present.

Usage: python tools/verify_deck.py [--deck decks/karabakh.yaml] [--articles ../shared/articles]

For every fact it opens the cited paragraphs (pN = the N-th non-empty line of the article)
and checks that a quote occurs there verbatim, and that an event's, figure's or agreement's
date or number appears there in some spelling. Prints the facts per section and a final
line "N checked, M problems"; exits 1 when there are problems. Users' checkouts do not
have the articles, so this is a tool, not a test.
"""

from __future__ import annotations

import argparse
import calendar
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


def paragraphs(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cited(citation: str, articles: dict[str, list[str]]) -> tuple[str, str] | None:
    """The text of the paragraphs a citation names, or None when it names none."""
    source, _, where = citation.partition(":")
    paras = articles.get(source)
    m = re.fullmatch(r"p(\d+)(?:-(\d+))?", where)
    if paras is None or not m:
        return None
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    return source, "\n".join(paras[first - 1 : last])


def date_spellings(value: str) -> list[str]:
    parts = value.split("-")
    year = parts[0]
    if len(parts) == 1:
        return [year]
    month = calendar.month_name[int(parts[1])]
    if len(parts) == 2:
        return [month, f"{month} {year}"]
    day = str(int(parts[2]))
    return [f"{month} {day}", f"{day} {month}", month]


def number_spellings(value: float) -> list[str]:
    n = int(value) if float(value).is_integer() else value
    out = [str(n), f"{n:,}" if isinstance(n, int) else str(n)]
    if isinstance(n, int) and n < len(WORDS):
        out += [WORDS[n], WORDS[n].capitalize()]
    return out


def check_fact(section: str, fact: dict[str, Any], text: str) -> str | None:
    """A problem with one fact against one cited text, or None."""
    if section == "quotes":
        return None if str(fact["text"]) in text else "quote not found verbatim"
    wanted: list[str] = []
    if section in ("events", "agreements") and "date" in fact:
        wanted += date_spellings(str(fact["date"]))
    if section == "figures":
        wanted += number_spellings(fact["value"])
    if not wanted:
        return None
    return None if any(w in text for w in wanted) else f"none of {wanted} in the cited paragraph"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--deck", type=Path, default=ROOT / "decks" / "karabakh.yaml")
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "articles")
    args = parser.parse_args()
    if not args.articles.is_dir():
        print(f"no articles at {args.articles}; nothing to verify")
        return 0
    deck = yaml.safe_load(args.deck.read_text(encoding="utf-8"))
    # An article's title is one of its first lines (some start with page furniture such as
    # "top of page") or, for some feeds, named in its closing line.
    by_title = {}
    for path in sorted(args.articles.glob("*.txt")):
        lines = paragraphs(path)
        for line in [*lines[:3], lines[-1]]:
            by_title[line.strip()] = path
    articles: dict[str, list[str]] = {}
    for source in deck["sources"]:
        match = next((p for t, p in by_title.items() if source["title"] in t), None)
        if match is None:
            print(f"source {source['id']}: no article with the title {source['title']!r}")
            continue
        articles[source["id"]] = paragraphs(match)
    checked = problems = inferred = 0
    for section in ("events", "quotes", "figures", "agreements", "cards"):
        facts = deck.get(section) or []
        print(f"{section:<11} {len(facts):>3} facts")
        for fact in facts:
            cites = fact.get("sources") or []
            if not cites:
                print(f"  {section}/{fact['id']}: no source")
                problems += 1
                continue
            texts = []
            for citation in cites:
                found = cited(citation, articles)
                checked += 1
                if found is None:
                    print(f"  {section}/{fact['id']}: cannot resolve {citation!r}")
                    problems += 1
                elif section == "quotes" and check_fact(section, fact, found[1]):
                    print(f"  {section}/{fact['id']} @ {citation}: quote not found verbatim")
                    problems += 1
                else:
                    texts.append(found[1])
            # A date or number must appear in at least one of the cited paragraphs.
            trouble = check_fact(section, fact, "\n".join(texts)) if section != "quotes" and texts else None
            if trouble and "inferred" in str(fact.get("note", "")):
                inferred += 1  # a relative date ("this week") resolved against the publication date
            elif trouble:
                print(f"  {section}/{fact['id']}: {trouble}")
                problems += 1
    print(f"{inferred} dates inferred from publication dates (see each fact's note)")
    print(f"{checked} checked, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
