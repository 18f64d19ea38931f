"""The date question of an agreement: how it is asked and the example its hint shows.

Not a plugin (the leading underscore keeps the plugin loader away); split from
``agreements`` to keep that module readable. Imports only the public ``quizlib`` API.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from quizlib import (
    AnswerError,
    Deck,
    PartialDate,
    Precision,
    Prompt,
    PromptKind,
    normalise,
    parse_date_answer,
)


def strings(value: Any) -> Iterator[str]:
    """Every string in a fact's data, however nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from strings(v)


def given_away(name: str, date: PartialDate) -> bool:
    """Whether the agreement's name states its date down to the month (to the year for a
    year-only date): asking it would answer itself."""
    words = f" {normalise(name)} "
    if f" {date.year} " not in words:
        return False
    return date.month is None or f" {normalise(date.human().split()[-2])} " in words


def deck_dates(deck: Deck) -> list[PartialDate]:
    """Every date the deck states, in any fact's fields or conflicts."""
    out = []
    for fact in deck.all_facts():
        for text in (*strings(dict(fact.data)), *(s for c in fact.conflicts for s in strings(c.value))):
            try:
                out.append(PartialDate.parse(text))
            except ValueError:
                continue
    return out


def _reads_back(date: PartialDate) -> bool:
    """Whether the date as shown is read back as itself: an example the answer parser
    refuses would teach a wrong format."""
    try:
        return parse_date_answer(date.human()) == date
    except AnswerError:
        return False


def example_date(truth: PartialDate, taken: Sequence[PartialDate]) -> PartialDate:
    """A date at the truth's precision to show as a format example: at least two years off
    (so it earns nothing), overlapping no date the deck states (so it answers nothing), and
    read back as itself by the answer parser."""
    day = (truth.day or 1) % 27 + 1  # a day every month has
    for offset in (d for n in range(2, 200) for d in (-n, n)):
        year = truth.year + offset
        month = ((truth.month or 1) + 4 + offset) % 12 + 1
        candidate = PartialDate(
            year,
            month if truth.precision >= Precision.MONTH else None,
            day if truth.precision is Precision.DAY else None,
        )
        if all(candidate.orders_with(t) for t in taken) and _reads_back(candidate):
            return candidate
    return PartialDate(truth.year - 1000)  # a deck dating every year of two centuries


#: How an agreement may have come about (its ``verb``), as a past participle for the question.
VERBS = {"agreed": "agreed", "signed": "signed", "established": "established", "concluded": "concluded"}


def participle(verb: object) -> str:
    """The ``verb`` field as the question's participle: "agreed" when absent; a verb this
    module does not know is used as written (an author's "set up" reads right too)."""
    text = " ".join(str(verb or "").split()).lower()
    return VERBS.get(text, text) or "agreed"


def date_prompt(name: str, truth: PartialDate, taken: Sequence[PartialDate], verb: str = "agreed") -> Prompt:
    """When was it agreed (or signed, established …), asked at the date's precision with an
    example that answers nothing."""
    example = example_date(truth, taken).human()
    if truth.precision is Precision.DAY:
        return Prompt(PromptKind.DATE, f"On what date was {name} {verb}?", hint=f"a date, e.g. {example}")
    if truth.precision is Precision.MONTH:
        text = f"In what month and year was {name} {verb}?"
        return Prompt(PromptKind.DATE, text, hint=f"a month and year, e.g. {example}")
    return Prompt(PromptKind.DATE, f"In what year was {name} {verb}?", hint=f"a year, e.g. {example}")
