"""Numeric terms of agreements: asked as direct questions, graded like number recall and
attributed to the report that states them (never to "the agreement").

Not a plugin (the leading underscore keeps the plugin loader away); like the plugins it
imports only the public ``quizlib`` API.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from quizlib import Citation, Deck, Fact, Grade, accepted_range, format_number, grade_number

from ._units import typed_number

_WH = ("how many", "how much", "how long", "how far", "how often", "how old")
_AUX = frozenset({
    "is", "are", "was", "were", "will", "would", "can", "could", "should", "shall", "may", "might",
    "must", "has", "have", "had",
})  # fmt: skip
#: Words that open a clause's subject: after "how many years", "the mission is to last".
_SUBJECT = frozenset({
    "the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our", "it", "they",
    "he", "she", "we",
})  # fmt: skip
#: Words that make a clause too complex to reorder safely ("who were deployed").
_CLAUSE = frozenset({"who", "which", "that", "whom", "whose", "where", "when", "because", "if", "while"})


def _opens_subject(word: str) -> bool:
    return word.lower() in _SUBJECT or word[0].isupper()


def _direct(text: str) -> str:
    """An indirect "how many …" question as a direct one, or "" when it cannot be reordered
    safely: "how many years the mission is to last" → "how many years is the mission to last".
    One without a subject of its own between the "how many" phrase and its first auxiliary
    ("how many people were killed", "how many servicemen use drones") needs no change.
    """
    lower = text.lower()
    wh = next((w for w in _WH if lower.startswith(w + " ")), "")
    if not wh:
        return ""
    words = text.split()
    start = len(wh.split()) + 1  # past the counted noun
    aux = next((i for i in range(start, len(words)) if words[i].lower() in _AUX), None)
    if aux is None:
        # "how many troops the center employs" wants "does … employ": not done by rule
        return "" if any(w.lower() in _SUBJECT for w in words[start : start + 2]) else text
    subject = next((i for i in range(start, aux) if _opens_subject(words[i])), None)
    if subject is None:
        return text
    if any(w.lower() in _CLAUSE for w in words[subject:aux]):
        return ""
    return " ".join([*words[:subject], words[aux], *words[subject:aux], *words[aux + 1 :]])


def term_question(name: str, term: Mapping[str, Any]) -> str:
    """The term's own ``question``, else a grammatical one built from its text: a noun phrase
    ("the length of the mission") or an indirect question ("how many years the mission is to
    last")."""
    if term.get("question"):
        return str(term["question"])
    text = str(term["text"]).strip().rstrip(".?")
    unit = str(term.get("unit", "")).strip()
    direct = _direct(text)
    if direct:
        return f"Under {name}, {direct}?"
    if text.lower().startswith(("how ", "what ", "which ", "when ", "who ", "where ")):
        return f"Under {name}, a term says {text}. What number is that?"
    return f"Under {name}, what was {text}" + (f", in {unit}?" if unit else "?")


def counted_right(value: float) -> str:
    """The answers counted right for a term's number, for people; a whole number is counted
    in whole numbers ("58 to 70", never "57.6 to 70.4")."""
    low, high = accepted_range(value, None)
    if float(value).is_integer():
        low, high = math.ceil(low - 1e-9), math.floor(high + 1e-9)
    shown_low, shown_high = format_number(low), format_number(high)
    return f"exactly {shown_low}" if low == high else f"{shown_low} to {shown_high}"


def grade_term(text: str, value: float, unit: str, cite: str = "") -> Grade:
    """Number recall with the default tolerance, feedback in the term's unit. The number is
    what a report gives, not necessarily the agreement's wording: it is attributed to the
    source, never to "the agreement". The learner may type the unit after the number, and a
    scaled unit ("million pounds") counts as number recall counts it."""
    result = grade_number(typed_number(text, unit, value), value)
    stated = f"{format_number(value)} {unit}".strip()
    given = f"Given as {stated} ({cite})" if cite else f"Given as {stated}"
    return Grade(result.score, stated, f"{given}; counted right: {counted_right(value)}.")


def term_cite(deck: Deck, fact: Fact, term: Mapping[str, Any]) -> str:
    """Where a term is stated: its own ``sources`` when given, else the entry's; with the
    sources' reliability warning when every one of them carries one."""
    own = tuple(Citation(*str(c).split(":", 1)) for c in term.get("sources", []))
    cited = own or fact.sources
    caution = deck.caution(cited)
    return deck.cite(cited, short=True) + (f"; caution: {caution}" if caution else "")
