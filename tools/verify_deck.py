"""Check the bundled deck against its source articles, when they are present.

Usage: python tools/verify_deck.py [--deck decks/karabakh.yaml] [--articles ../shared/articles]

For every fact it opens the cited paragraphs (pN = the N-th non-empty line of the article,
counting every line, page furniture and bylines included) and checks:

* every citation names a known source and a paragraph the article has;
* a quote occurs there verbatim (and, when it does not, where in the article it does);
* an event's or agreement's date, a figure's value and an agreement term's number appear
  there in some spelling;
* no date is later than the publication date of a source it cites (a report cannot tell
  of what happened after it appeared);
* a date whose year the cited text gives only for a plan ("until 2025", "the possible
  withdrawal ... in 2025") or as a year after the report's publication is flagged as a
  warning: it is probably the date of the plan's outcome, not of the event;
* every value recorded under ``conflicts`` appears in the paragraphs that conflict cites.

Prints the facts per section, each problem and warning, and a final line
"N checked, M problems"; exits 1 when there are problems (warnings alone do not fail).
Users' checkouts do not have the articles, so this is a tool, not a test.
"""

from __future__ import annotations

import argparse
import calendar
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
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
LOCATION = re.compile(r"p(\d+)(?:-(\d+))?")
# Words that, shortly before a year, make it the year of a plan or an expectation rather
# than of something that happened: "until 2025", "by 2025", "the possible withdrawal ... in 2025".
PLAN_CUES = re.compile(
    r"\b(until|till|will|would|shall|might|may|could|expected|expects|planned|plans?|"
    r"scheduled|stipulated|stipulates|possible|possibly|intends?|intention)\b",
    re.IGNORECASE,
)
PLAN_JUST_BEFORE = re.compile(r"\b(by|before)\s+$", re.IGNORECASE)  # "by 2025"
PLAN_WINDOW = 60  # characters before the year searched for a plan cue


@dataclass
class Report:
    """Problems (fail the check) and warnings (printed only) found so far."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def warn(self, text: str) -> None:
        self.warnings.append(text)


def paragraphs(path: Path) -> list[str]:
    return split_paragraphs(path.read_text(encoding="utf-8"))


def split_paragraphs(text: str) -> list[str]:
    """The article's paragraphs: its non-empty lines, in order (p1 is the first)."""
    return [line for line in text.splitlines() if line.strip()]


# -- dates -------------------------------------------------------------------------------


def date_span(value: object) -> tuple[date, date] | None:
    """The first and last day a deck date (year, month or full) covers; None when invalid."""
    parts = str(value).split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 1:
            return date(numbers[0], 1, 1), date(numbers[0], 12, 31)
        if len(numbers) == 2:
            last = calendar.monthrange(numbers[0], numbers[1])[1]
            return date(numbers[0], numbers[1], 1), date(numbers[0], numbers[1], last)
        if len(numbers) == 3:
            day = date(numbers[0], numbers[1], numbers[2])
            return day, day
    except ValueError:
        return None
    return None


def is_after(value: object, published: object) -> bool:
    """True when the whole of ``value`` lies after the whole of ``published``."""
    a, b = date_span(value), date_span(published)
    return a is not None and b is not None and a[0] > b[1]


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


def plan_year(year: int, text: str, published: object = None) -> bool:
    """True when ``year`` occurs in ``text`` only as a planned or future year.

    A year counts as planned when a cue such as "until", "by", "possible" or "stipulated"
    comes shortly before it, or when it is later than the report's publication year.
    False when the year does not occur at all (nothing to judge).
    """
    hits = [m.start() for m in re.finditer(rf"(?<!\d){year}(?!\d)", text)]
    if not hits:
        return False
    span = date_span(published) if published is not None else None
    future = span is not None and year > span[1].year
    if future:
        return True
    return all(
        PLAN_CUES.search(text[max(0, at - PLAN_WINDOW) : at]) or PLAN_JUST_BEFORE.search(text[:at])
        for at in hits
    )


# -- numbers -----------------------------------------------------------------------------


def number_spellings(value: float) -> list[str]:
    n = int(value) if float(value).is_integer() else value
    out = [str(n), f"{n:,}" if isinstance(n, int) else str(n)]
    if isinstance(n, int) and n < len(WORDS):
        out += [WORDS[n], WORDS[n].capitalize()]
    return out


def has_number(text: str, value: float) -> bool:
    """The number occurs as a whole number (not inside a longer one) or, if small, as a word."""
    for spelling in number_spellings(value):
        if spelling.isalpha():
            if re.search(rf"\b{spelling}\b", text):
                return True
        elif re.search(rf"(?<![\d,.]){re.escape(spelling)}(?![\d]|,\d)", text):
            return True
    return False


# -- citations ---------------------------------------------------------------------------


def locate(where: str, length: int) -> tuple[int, int] | str:
    """The paragraph range a location names, or a problem with it."""
    m = LOCATION.fullmatch(where)
    if not m:
        return f"location {where!r} is not pN or pN-M"
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    if first < 1 or last < first:
        return f"location {where!r} is not a range of paragraphs"
    if last > length:
        return f"location {where!r} is beyond the article's {length} paragraphs"
    return first, last


def cited_text(citation: str, articles: Mapping[str, Sequence[str]]) -> str | tuple[str, int, int]:
    """(source id, first, last) for a citation, or a problem with it."""
    source, _, where = citation.partition(":")
    paras = articles.get(source)
    if paras is None:
        return f"cannot resolve {citation!r}: no article for source {source!r}"
    if not where:
        return f"{citation!r} names no paragraph"
    span = locate(where, len(paras))
    if isinstance(span, str):
        return f"{citation!r}: {span}"
    return source, span[0], span[1]


def where_quote(quote: str, paras: Sequence[str]) -> list[int]:
    """Paragraph numbers (from 1) in which ``quote`` occurs verbatim."""
    return [n for n, text in enumerate(paras, 1) if quote in text]


# -- articles ----------------------------------------------------------------------------


def match_articles(
    sources: Iterable[Mapping[str, Any]], texts: Mapping[str, Sequence[str]], report: Report
) -> dict[str, list[str]]:
    """Source id -> the paragraphs of its article.

    An article matches a source when one of its first three lines or its closing line
    contains the source's title (some start with page furniture such as "top of page", some
    feeds name the title only in their closing line) or, for an article whose headline was
    lost, when one of its first three lines is the byline of the source's author.
    """
    out: dict[str, list[str]] = {}
    for source in sources:
        title, author = str(source.get("title", "")), str(source.get("author", ""))
        match = None
        for name, lines in texts.items():
            heads = [*lines[:3], *lines[-1:]]
            if title and any(title in line for line in heads):
                match = name
                break
        if match is None and author:
            for name, lines in texts.items():
                if any(re.fullmatch(rf"By {re.escape(author)}", line.strip()) for line in lines[:3]):
                    match = name
                    break
        if match is None:
            report.problem(f"source {source.get('id')}: no article with the title {title!r}")
            continue
        out[str(source["id"])] = list(texts[match])
    return out


# -- facts -------------------------------------------------------------------------------


def value_found(section: str, fieldname: str, value: Any, text: str, actors: Mapping[str, Any]) -> bool:
    """Whether a fact's (or a conflict's) value for ``fieldname`` appears in ``text``."""
    if fieldname == "date":
        return any(w in text for w in date_spellings(str(value)))
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return has_number(text, value)
    if isinstance(value, list):
        # a list of actor ids: every actor named (by name or alias) in the text
        for item in value:
            actor = actors.get(str(item), {})
            names = [str(actor.get("name", item)), *map(str, actor.get("aliases", []))]
            if not any(n.lower() in text.lower() for n in names):
                return False
        return True
    return str(value) in text


def check_fact(
    section: str,
    fact: Mapping[str, Any],
    articles: Mapping[str, Sequence[str]],
    published: Mapping[str, object],
    actors: Mapping[str, Any],
    report: Report,
) -> int:
    """Check one fact; returns the number of citations checked."""
    key = f"{section}/{fact['id']}"
    cites = [str(c) for c in fact.get("sources") or []]
    if not cites:
        report.problem(f"{key}: no source")
        return 0
    texts: list[str] = []
    cited_sources: list[str] = []
    for citation in cites:
        found = cited_text(citation, articles)
        if isinstance(found, str):
            report.problem(f"{key}: {found}")
            continue
        source, first, last = found
        paras = articles[source]
        text = "\n".join(paras[first - 1 : last])
        cited_sources.append(source)
        if section == "quotes" and str(fact["text"]) not in text:
            elsewhere = where_quote(str(fact["text"]), paras)
            if elsewhere:
                at = ", ".join(f"p{n}" for n in elsewhere)
                report.problem(f"{key} @ {citation}: quote is verbatim in {at}, not in the cited paragraph")
            else:
                report.problem(f"{key} @ {citation}: quote not found verbatim")
            continue
        texts.append(text)
    inferred = "inferred" in str(fact.get("note", "")).lower()
    joined = "\n".join(texts)
    if texts and section in ("events", "agreements") and "date" in fact:
        when = str(fact["date"])
        if not inferred and not value_found(section, "date", when, joined, actors):
            report.problem(f"{key}: none of {date_spellings(when)} in the cited paragraphs")
        year = int(when.split("-")[0])
        if all(
            plan_year(year, t, published.get(s)) for t, s in zip(texts, cited_sources, strict=True)
        ) and any(re.search(rf"(?<!\d){year}(?!\d)", t) for t in texts):
            report.warn(
                f"{key}: {year} appears in the cited text only as a planned or future year; "
                "is it the date of the plan's outcome rather than of the event?"
            )
    if texts and section == "figures" and not has_number(joined, fact["value"]):
        report.problem(f"{key}: none of {number_spellings(fact['value'])} in the cited paragraphs")
    if texts and section == "agreements":
        for term in fact.get("terms") or []:
            if "value" in term and not has_number(joined, term["value"]):
                report.problem(f"{key} term {term.get('id')}: {term['value']} not in the cited paragraphs")
    # a report cannot tell of what happened after it appeared
    if fact.get("date") is not None and section in ("events", "agreements", "quotes", "figures"):
        for source in dict.fromkeys(cited_sources):
            if is_after(fact["date"], published.get(source)):
                report.problem(
                    f"{key}: date {fact['date']} is after {source}'s publication date {published[source]}"
                )
    checked = len(cites)
    for conflict in fact.get("conflicts") or []:
        ctexts = []
        for citation in conflict.get("sources") or []:
            checked += 1
            found = cited_text(str(citation), articles)
            if isinstance(found, str):
                report.problem(f"{key} conflict: {found}")
                continue
            source, first, last = found
            ctexts.append("\n".join(articles[source][first - 1 : last]))
            if conflict.get("field") == "date" and is_after(conflict.get("value"), published.get(source)):
                report.problem(
                    f"{key} conflict: date {conflict.get('value')} is after {source}'s publication"
                )
        name, value = str(conflict.get("field")), conflict.get("value")
        if ctexts and not value_found(section, name, value, "\n".join(ctexts), actors):
            report.problem(f"{key} conflict: {name} {value!r} not found in the paragraphs the conflict cites")
    return checked


def verify(
    deck: Mapping[str, Any], texts: Mapping[str, Sequence[str]], out: Any = None
) -> tuple[int, Report]:
    """Check a loaded deck against article paragraphs (name -> paragraphs)."""
    report = Report()
    articles = match_articles(deck.get("sources") or [], texts, report)
    published = {str(s["id"]): s.get("published") for s in deck.get("sources") or []}
    actors = {str(a["id"]): a for a in deck.get("actors") or []}
    checked = 0
    for section in ("events", "quotes", "figures", "agreements", "cards"):
        facts = deck.get(section) or []
        if out is not None:
            print(f"{section:<11} {len(facts):>3} facts", file=out)
        for fact in facts:
            checked += check_fact(section, fact, articles, published, actors, report)
    return checked, report


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
    texts = {path.name: paragraphs(path) for path in sorted(args.articles.glob("*.txt"))}
    checked, report = verify(deck, texts, out=sys.stdout)
    for line in report.problems:
        print(f"  problem: {line}")
    for line in report.warnings:
        print(f"  warning: {line}")
    inferred = sum(
        "inferred" in str(f.get("note", "")) for s in ("events", "agreements") for f in deck.get(s) or []
    )
    print(f"{inferred} dated facts with an inferred date (see each fact's note)")
    print(f"{len(report.warnings)} warnings")
    print(f"{checked} checked, {len(report.problems)} problems")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
