"""Figures in article text: a number, the qualifier before it and the unit after it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizlib.errors import AnswerError
from quizlib.numbers import NUMBER_WORDS, parse_number

QUALIFIERS = (
    "just over", "just under", "more than", "fewer than", "less than", "at least", "up to", "close to",
    "an estimated", "over", "nearly", "roughly", "about", "almost", "around", "approximately", "some",
)  # fmt: skip
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUMBER = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_TENS})(?:-(?:{_WORDS}))?|{_WORDS}"
_JOINED = r"strong|month|year|week|day|hour|minute|mile|kilometre|kilometer|metre|meter|man|member|seat"
FIGURE_RE = re.compile(
    rf"(?<![\w.,–-])(?:(?P<q>{'|'.join(QUALIFIERS)}) )?(?P<n>{_NUMBER})"
    r"(?P<scale> (?:hundred|thousand|million|billion))?"
    rf"(?:-(?P<joined>{_JOINED})(?:-(?:long|old))?\b|(?P<pct>%| per ?cent\b)"
    r"|(?=(?P<unit>(?: [\w’'-]+){1,3})))",
    re.I,
)
# Closed-class words end a unit: "2,000 troops and ..." counts troops.
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "from",
        "for",
        "with",
        "by",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "were",
        "was",
        "is",
        "are",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "should",
        "shall",
        "do",
        "does",
        "did",
        "not",
        "no",
        "nor",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "this",
        "these",
        "those",
        "it",
        "they",
        "he",
        "she",
        "we",
        "you",
        "i",
        "until",
        "since",
        "during",
        "while",
        "after",
        "before",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "across",
        "per",
        "each",
        "every",
    ]
)
_PEOPLE_VERBS = re.compile(r"^ (?:died|were killed|were injured|were wounded|fled|lost their lives)\b")


@dataclass(frozen=True)
class Figure:
    """A figure found in a sentence: ``start:end`` spans its qualifier, number and suffix."""

    start: int
    end: int
    value: int | float
    unit: str
    qualifier: str | None


def _unit(words: list[str]) -> str:
    kept: list[str] = []
    for word in words[:2]:
        if word.lower() in _STOP or not re.fullmatch(r"[A-Za-z][\w’'-]*", word):
            break
        kept.append(word)
    # "people died", "Armenians living": a verb after the noun is not part of the unit.
    if len(kept) == 2 and re.search(r"(ed|ing)$", kept[1]) and not re.search(r"(ed|ing)$", kept[0]):
        kept.pop()
    if len(kept) == 1 and re.search(r"(ed|ing)$", kept[0]) and kept[0].lower() not in ("armed",):
        return ""
    return " ".join(kept)


def _plural(unit: str) -> str:
    return unit if unit.endswith("s") else unit + "s"


def find_figures(sentence: str) -> list[Figure]:
    """The figures in a sentence (blank out dates first: their numbers are not figures)."""
    found = []
    for match in FIGURE_RE.finditer(sentence):
        raw = match.group("n")
        try:
            value = parse_number(raw + (match.group("scale") or ""))
        except AnswerError:
            continue
        joined = (match.group("joined") or "").lower()
        if match.group("pct"):
            unit = "percent"
        elif joined == "strong":
            unit = "members"  # a 2,000-strong contingent has 2,000 members
        elif joined:
            unit = joined if value == 1 else _plural(joined)
        elif _PEOPLE_VERBS.match(match.group("unit") or ""):
            unit = "people"  # "an estimated 64 died"
        else:
            unit = _unit((match.group("unit") or "").split())
        looks_like_year = re.fullmatch(r"(1[89]|20)\d\d", raw) and not joined
        if not unit or looks_like_year or value == 0:
            continue
        number: int | float = int(value) if float(value).is_integer() else value
        qualifier = match.group("q").lower() if match.group("q") else None
        found.append(Figure(match.start(), match.end(), number, unit, qualifier))
    return found
